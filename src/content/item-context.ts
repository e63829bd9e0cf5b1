import { headerCellOf, labelFor } from './field-label';
import { type Lang, t } from './i18n';
import type { Field, MaskItem } from './mask-registry';

/** Longest context shown per value: a label and a row, not a paragraph. */
const MAX = 80;

/**
 * Where a masked value sits, in words an agent recognises in the list: the
 * field's label, or the column header and the row (its number and its first
 * cell, e.g. the ticket number). Any value the detector finds in that text is
 * blotted out, so the list never shows through its context what it masks.
 */
export function itemContext(item: MaskItem, lang: Lang, blot: (text: string) => string): string {
  const el = elementOf(item);
  if (!el) return '';
  const parts: string[] = [];
  if (item.target.type === 'field') {
    const label = fieldLabel(item.target.el);
    if (label) parts.push(label);
  }
  const cell = el.closest('td, th, [role="gridcell"], [role="cell"]');
  if (cell) {
    const header = columnHeader(cell);
    if (header && !parts.includes(header)) parts.push(header);
    const row = cell.closest('tr, [role="row"]');
    if (row) {
      const n = rowNumber(row);
      if (n) parts.push(t(lang, 'listRow', { n: String(n) }));
      const first = row.querySelector('th, td, [role="gridcell"], [role="rowheader"], [role="cell"]');
      const firstText = first && first !== cell ? shortText(first) : '';
      if (firstText) parts.push(firstText);
    }
  } else if (parts.length === 0) {
    const label = labelFor(el);
    if (label) parts.push(label);
  }
  return blot(parts.join(' · ')).slice(0, MAX);
}

function elementOf(item: MaskItem): Element | null {
  const target = item.target;
  if (target.type === 'text') return target.node.parentElement;
  return target.el;
}

function fieldLabel(el: Field): string {
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria.trim();
  const label = el.labels?.[0];
  if (label) return shortText(label);
  return el.getAttribute('placeholder')?.trim() || el.getAttribute('name') || '';
}

function columnHeader(cell: Element): string {
  if (cell instanceof HTMLTableCellElement) {
    const header = headerCellOf(cell);
    return header ? shortText(header) : '';
  }
  // ARIA grids (virtualised ones included): the header in the same column index.
  const index = cell.getAttribute('aria-colindex');
  const grid = cell.closest('[role="grid"], [role="treegrid"], [role="table"]');
  if (!grid) return '';
  const header = index
    ? grid.querySelector(`[role="columnheader"][aria-colindex="${CSS.escape(index)}"]`)
    : grid.querySelectorAll('[role="columnheader"]')[[...(cell.parentElement?.children ?? [])].indexOf(cell)];
  return header ? shortText(header) : '';
}

function rowNumber(row: Element): number | null {
  const aria = Number(row.getAttribute('aria-rowindex'));
  if (aria > 0) return aria;
  if (row instanceof HTMLTableRowElement && row.parentElement instanceof HTMLTableSectionElement)
    return row.parentElement.localName === 'tbody' ? row.sectionRowIndex + 1 : null;
  return null;
}

function shortText(el: Element): string {
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length <= MAX ? text : `${text.slice(0, MAX - 1)}…`;
}
