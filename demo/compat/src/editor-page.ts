/**
 * What every editor compatibility page gives its test: the editor's saved HTML
 * and model as the app would read them, and a form that posts the note the way
 * a CRM saves it with the ticket (the HTML in a hidden field).
 */
export interface EditorHandle {
  /** What the app saves (getHTML(), root.innerHTML, getData(), getContent()). */
  html(): string;
  /** The editor's own document model, serialised. */
  model(): unknown;
}

declare global {
  interface Window {
    compat?: { html(): string; model(): string };
  }
}

export function exposeEditor(handle: EditorHandle): void {
  const form = document.getElementById('note-form') as HTMLFormElement;
  const note = document.getElementById('note') as HTMLInputElement;
  form.addEventListener('submit', () => {
    note.value = handle.html();
  });
  window.compat = { html: () => handle.html(), model: () => JSON.stringify(handle.model()) };
  document.documentElement.dataset.demoReady = 'true';
}
