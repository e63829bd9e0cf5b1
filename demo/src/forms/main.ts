import { markReady } from '../common/ready';
import { mountReactIsland } from './react-island';

/**
 * What the page itself read when the agent saved. Tests compare it with the
 * values in demo/data: whatever masks the screen must not change what the page
 * reads from its own inputs, textarea or contenteditable note.
 */
export interface FormsSnapshot {
  fields: Record<string, string>;
  noteText: string;
  noteHtml: string;
}

declare global {
  interface Window {
    __demoFormsSaved?: FormsSnapshot;
  }
}

const form = document.getElementById('cadastro') as HTMLFormElement;
const note = document.getElementById('nota') as HTMLElement;
const output = document.getElementById('resultado') as HTMLOutputElement;

function snapshot(): FormsSnapshot {
  const fields: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) fields[key] = String(value);
  return { fields, noteText: note.textContent ?? '', noteHtml: note.innerHTML };
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  window.__demoFormsSaved = snapshot();
  output.textContent = `Alterações salvas (${Object.keys(window.__demoFormsSaved.fields).length} campos).`;
});

document.getElementById('salvar-nota')?.addEventListener('click', () => {
  window.__demoFormsSaved = snapshot();
  output.textContent = 'Nota salva.';
});

mountReactIsland(document.getElementById('react-island') as HTMLElement);
markReady();
