import path from 'node:path';
import type { Plugin } from 'vite';
import { FORMS, IFRAME, NOTE_TEXT, RECORD, SHADOW, TEXTAREA_TEXT } from '../data/index';

/**
 * Build-time HTML templating for the demo pages:
 * - `{{FORMS.inputCpf}}` style tokens become the (HTML-escaped) value from
 *   demo/data, so static pages carry PII in the document itself, present before
 *   any script runs, and still have one source of truth that tests import;
 * - `<!--shell-->` becomes the workspace header and navigation, with the current
 *   page marked, so every page looks like the same agent workspace.
 */

const VALUES: Record<string, Readonly<Record<string, string>>> = {
  RECORD: RECORD as unknown as Record<string, string>,
  FORMS,
  SHADOW,
  IFRAME,
  TEXT: { textarea: TEXTAREA_TEXT, note: NOTE_TEXT },
};

export const NAV: ReadonlyArray<{ page: string; label: string }> = [
  { page: 'index', label: 'Início' },
  { page: 'record', label: 'Ficha do cliente' },
  { page: 'queue', label: 'Fila' },
  { page: 'chat', label: 'Chat ao vivo' },
  { page: 'forms', label: 'Formulários' },
  { page: 'shadow', label: 'Componentes' },
  { page: 'iframe', label: 'Iframes' },
];

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function shell(page: string): string {
  const links = NAV.map(
    (item) =>
      `<a href="/${item.page === 'index' ? '' : `${item.page}.html`}"${item.page === page ? ' aria-current="page"' : ''}>${item.label}</a>`,
  ).join('');
  return `<header class="topbar">
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">◆</span> Atende+ <small>Central de Atendimento · ambiente de demonstração</small></a>
  <div class="agent"><span class="status-dot" aria-hidden="true"></span> Júlia Andrade · Ramal 4021</div>
</header>
<nav class="sidenav" aria-label="Navegação principal">${links}</nav>`;
}

export function fillTemplate(html: string, page: string): string {
  return html
    .replace('<!--shell-->', shell(page))
    .replace(/\{\{(\w+)\.(\w+)\}\}/g, (token, group: string, key: string) => {
      const value = VALUES[group]?.[key];
      // A typo must break the build, not ship a page without its test value.
      if (typeof value !== 'string') throw new Error(`demo HTML: unknown value ${token}`);
      return escapeHtml(value);
    });
}

export function demoHtml(): Plugin {
  return {
    name: 'sigilo-demo-html',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) => fillTemplate(html, path.basename(ctx.filename, '.html')),
    },
  };
}
