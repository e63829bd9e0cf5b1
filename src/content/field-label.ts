/**
 * The visible label of the element holding a value, for detectors that need a
 * context word (DATE_OF_BIRTH, BANK_ACCOUNT, RG, CNH, a 10-digit landline).
 * CRMs put "Data de nascimento" in a <dt>/<label>/<th> and the value in another
 * element, so the text node alone never carries its context.
 */
const MAX_LABEL_LENGTH = 60;

export function labelFor(element: Element): string | null {
  if (element instanceof HTMLTableCellElement) return shortText(headerCellOf(element));
  const own = shortText(element.previousElementSibling);
  if (own) return own;
  // <div><span>label</span><span><b>value</b></span></div>: one level up.
  const parent = element.parentElement;
  return parent && element.previousElementSibling === null ? shortText(parent.previousElementSibling) : null;
}

/** The header cell of a table cell's column (its table head's first row), if any. */
export function headerCellOf(cell: HTMLTableCellElement): HTMLTableCellElement | null {
  const header = cell.closest('table')?.tHead?.rows[0]?.cells[cell.cellIndex];
  return header && header !== cell ? header : null;
}

function shortText(element: Element | null | undefined): string | null {
  if (!element) return null;
  const text = element.textContent?.trim() ?? '';
  return text.length > 0 && text.length <= MAX_LABEL_LENGTH ? text : null;
}
