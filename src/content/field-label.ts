/**
 * The visible label of the element holding a value, for detectors that need a
 * context word (DATE_OF_BIRTH, BANK_ACCOUNT, RG, CNH, a 10-digit landline).
 * CRMs put "Data de nascimento" in a <dt>/<label>/<th> and the value in another
 * element, so the text node alone never carries its context.
 */
const MAX_LABEL_LENGTH = 60;

export function labelFor(element: Element): string | null {
  if (element instanceof HTMLTableCellElement) return columnHeader(element);
  const own = shortText(element.previousElementSibling);
  if (own) return own;
  // <div><span>label</span><span><b>value</b></span></div>: one level up.
  const parent = element.parentElement;
  return parent && element.previousElementSibling === null ? shortText(parent.previousElementSibling) : null;
}

function columnHeader(cell: HTMLTableCellElement): string | null {
  const table = cell.closest('table');
  const header = table?.tHead?.rows[0]?.cells[cell.cellIndex];
  return header && header !== cell ? shortText(header) : null;
}

function shortText(element: Element | null | undefined): string | null {
  if (!element) return null;
  const text = element.textContent?.trim() ?? '';
  return text.length > 0 && text.length <= MAX_LABEL_LENGTH ? text : null;
}
