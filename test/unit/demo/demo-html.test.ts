import { describe, expect, it } from 'vitest';
import { escapeHtml, fillTemplate, NAV } from '../../../demo/build/demo-html';
import { FORMS, RECORD, TEXTAREA_TEXT } from '../../../demo/data/index';

describe('demo HTML templating (build time)', () => {
  it('puts the demo data values into static HTML', () => {
    const html = fillTemplate(
      '<input value="{{FORMS.inputCpf}}"><p>{{RECORD.cpf}}</p><textarea>{{TEXT.textarea}}</textarea>',
      'forms',
    );
    expect(html).toBe(
      `<input value="${FORMS.inputCpf}"><p>${RECORD.cpf}</p><textarea>${TEXTAREA_TEXT}</textarea>`,
    );
  });

  it('breaks the build on an unknown value instead of shipping a page without it', () => {
    expect(() => fillTemplate('{{RECORD.nope}}', 'index')).toThrow(/unknown value \{\{RECORD\.nope\}\}/);
  });

  it('inserts the workspace navigation with the current page marked', () => {
    const html = fillTemplate('<!--shell-->', 'queue');
    for (const item of NAV) expect(html).toContain(`>${item.label}</a>`);
    expect(html).toContain('<a href="/queue.html" aria-current="page">Fila</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('escapes values', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
