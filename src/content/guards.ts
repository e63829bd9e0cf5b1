import { BULLET, type CharRange, maskText } from '../core/mask';
import { itemKey, type MaskRegistry } from './mask-registry';
import { FIELD_ATTR } from './page-styles';
import { deepActiveElement } from './reveal-controller';

/**
 * Leaks through the clipboard and drag-and-drop: what leaves the page as text is
 * the masked form of what was selected, exactly as it is painted (the parts of a
 * value shown on screen stay, hidden characters become bullets). A final
 * detection pass over the result catches anything the range mapping missed.
 */
export function maskedSelection(
  masker: MaskRegistry,
): { text: string; changed: boolean; editable: boolean } | null {
  const active = deepActiveElement();
  if (
    (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) &&
    active.hasAttribute(FIELD_ATTR)
  ) {
    const start = active.selectionStart ?? 0;
    const end = active.selectionEnd ?? 0;
    if (end <= start) return null;
    // The field shows only discs: so does the clipboard.
    return {
      text: BULLET.repeat(Array.from(active.value.slice(start, end)).length),
      changed: true,
      editable: true,
    };
  }
  const selection = getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const original = selection.toString();
  let text = original;
  const pieces: Array<{ node: Text; from: number; raw: string; masked: string }> = [];
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    for (const node of masker.maskedTextNodes()) {
      if (!range.intersectsNode(node)) continue;
      const selStart = node === range.startContainer ? range.startOffset : 0;
      const selEnd = node === range.endContainer ? range.endOffset : node.length;
      const piece = maskedWindow(node, masker.hiddenIn(node), selStart, selEnd);
      if (piece) pieces.push(piece);
    }
  }
  pieces.sort((a, b) => {
    if (a.node === b.node) return a.from - b.from;
    return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  let cursor = 0;
  for (const p of pieces) {
    const at = text.indexOf(p.raw, cursor);
    if (at < 0) continue;
    text = text.slice(0, at) + p.masked + text.slice(at + p.raw.length);
    cursor = at + p.masked.length;
  }
  // Fail safe: whatever the mapping missed (collapsed whitespace, values split by
  // layout) is still detected and masked in the final text.
  const leftovers = masker.detector.spans(text, null).filter((s) => {
    const value = text.slice(s.start, s.end);
    return !value.includes(BULLET) && !masker.isRevealed(itemKey(s.kind, value));
  });
  if (leftovers.length > 0) text = maskText(text, leftovers, { style: 'partial', keepLast: 0 });
  const editable = active instanceof HTMLElement && active.isContentEditable;
  return { text, changed: text !== original, editable };
}

/** The selected window [from, to) of a node as painted: hidden characters become bullets. */
function maskedWindow(
  node: Text,
  hidden: CharRange[],
  from: number,
  to: number,
): { node: Text; from: number; raw: string; masked: string } | null {
  if (to <= from || !hidden.some((h) => h.start < to && h.end > from)) return null;
  const raw = node.data.slice(from, to);
  return { node, from, raw, masked: bulletsAt(raw, hidden, from) };
}

/** `text` (which starts at `offset` of its node) with the hidden characters as bullets. */
function bulletsAt(text: string, hidden: CharRange[], offset = 0): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const at = offset + i;
    out += hidden.some((h) => at >= h.start && at < h.end) ? BULLET : text[i];
  }
  return out;
}

/** The masked text of a dragged element (not a selection): its text nodes, masked as painted. */
export function maskedElementText(masker: MaskRegistry, el: Element): string {
  let out = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null)
    out += bulletsAt(n.data, masker.hiddenIn(n));
  return out;
}

export function installGuards(masker: MaskRegistry, signal: AbortSignal): void {
  const onCopy = (e: ClipboardEvent, cut: boolean) => {
    const result = maskedSelection(masker);
    if (!result?.changed || !e.clipboardData) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    e.clipboardData.setData('text/plain', result.text);
    // A cut still removes the selection, as the agent expects (undoable, fires input events).
    if (cut && result.editable) document.execCommand('delete');
    else if (cut) {
      const active = deepActiveElement();
      if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)
        document.execCommand('delete');
    }
  };
  window.addEventListener('copy', (e) => onCopy(e, false), { capture: true, signal });
  window.addEventListener('cut', (e) => onCopy(e, true), { capture: true, signal });
  window.addEventListener(
    'dragstart',
    (e) => {
      if (!e.dataTransfer) return;
      const selection = maskedSelection(masker);
      let text: string | null = null;
      if (selection?.changed) text = selection.text;
      else {
        const target = e.composedPath()[0];
        const el = target instanceof Element ? target : target instanceof Text ? target.parentElement : null;
        if (el) {
          const masked = maskedElementText(masker, el);
          if (masked !== el.textContent) text = masked;
        }
      }
      if (text === null) return;
      e.dataTransfer.setData('text/plain', text);
      e.dataTransfer.setData('text/html', escapeHtml(text));
    },
    { capture: true, signal },
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Print / "Save as PDF": a CSS highlight only paints glyphs transparent, and the
 * PDF's text layer still carries them (verified with pdftotext). So for the
 * duration of printing only, masked text nodes hold their masked characters
 * (same length: hidden characters become bullets 1:1, so layout does not move),
 * and are put back right after. Printing runs synchronously between
 * beforeprint and afterprint, so the page's code does not observe the swap;
 * a node the page rewrote meanwhile keeps the page's value.
 */
export function installPrintGuard(masker: MaskRegistry, signal: AbortSignal): void {
  const swapped = new Map<Text, { original: string; masked: string }>();
  const restore = () => {
    for (const [node, s] of swapped) if (node.data === s.masked) node.data = s.original;
    swapped.clear();
  };
  window.addEventListener(
    'beforeprint',
    () => {
      restore();
      for (const node of masker.maskedTextNodes()) {
        if (!node.isConnected) continue;
        const hidden = masker.hiddenIn(node);
        if (hidden.length === 0) continue;
        const masked = bulletsAt(node.data, hidden);
        swapped.set(node, { original: node.data, masked });
        node.data = masked;
      }
    },
    { capture: true, signal },
  );
  window.addEventListener('afterprint', restore, { capture: true, signal });
  signal.addEventListener('abort', restore);
}
