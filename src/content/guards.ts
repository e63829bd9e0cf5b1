import { BULLET, maskText, maskValue } from '../core/mask';
import type { Masker, MaskItem } from './masker';
import { FIELD_ATTR } from './page-styles';
import { deepActiveElement } from './reveal-controller';

/**
 * Leaks through the clipboard and drag-and-drop: what leaves the page as text is
 * the masked form of what was selected, exactly as it is painted (the parts of a
 * value shown on screen stay, hidden characters become bullets). A final
 * detection pass over the result catches anything the range mapping missed.
 */
export function maskedSelection(
  masker: Masker,
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
    for (const [node, entry] of masker.texts) {
      if (!range.intersectsNode(node)) continue;
      const selStart = node === range.startContainer ? range.startOffset : 0;
      const selEnd = node === range.endContainer ? range.endOffset : node.length;
      for (const item of entry.items) pushPiece(masker, item, node, selStart, selEnd, pieces);
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
    return !value.includes(BULLET) && !masker.revealed.has(`${s.kind}\u0000${value}`);
  });
  if (leftovers.length > 0) text = maskText(text, leftovers, { style: 'partial', keepLast: 0 });
  const editable = active instanceof HTMLElement && active.isContentEditable;
  return { text, changed: text !== original, editable };
}

function pushPiece(
  masker: Masker,
  item: MaskItem,
  node: Text,
  selStart: number,
  selEnd: number,
  out: Array<{ node: Text; from: number; raw: string; masked: string }>,
): void {
  if (item.target.type !== 'text' || masker.revealed.has(item.key)) return;
  const { start, end } = item.target;
  const from = Math.max(start, selStart);
  const to = Math.min(end, selEnd);
  if (to <= from) return;
  const hidden = maskValue(item.value, masker.maskSpec(item.label)).hidden;
  let masked = '';
  for (let i = from; i < to; i++) {
    const rel = i - start;
    masked += hidden.some((h) => rel >= h.start && rel < h.end) ? BULLET : (node.data[i] ?? '');
  }
  out.push({ node, from, raw: node.data.slice(from, to), masked });
}

/** The masked text of a dragged element (not a selection): its text nodes, masked as painted. */
export function maskedElementText(masker: Masker, el: Element): string {
  let out = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const entry = masker.texts.get(n);
    let data = n.data;
    if (entry) {
      const spans = entry.items
        .filter((i) => i.target.type === 'text' && !masker.revealed.has(i.key))
        .map((i) => ({
          start: (i.target as { start: number }).start,
          end: (i.target as { end: number }).end,
          label: i.label,
        }));
      data = maskText(data, spans, masker.maskSpecNoLabel());
    }
    out += data;
  }
  return out;
}

export function installGuards(masker: Masker, signal: AbortSignal): void {
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
export function installPrintGuard(masker: Masker, signal: AbortSignal): void {
  const swapped = new Map<Text, { original: string; masked: string }>();
  const restore = () => {
    for (const [node, s] of swapped) if (node.data === s.masked) node.data = s.original;
    swapped.clear();
  };
  window.addEventListener(
    'beforeprint',
    () => {
      restore();
      for (const [node, entry] of masker.texts) {
        if (!node.isConnected) continue;
        const chars = node.data.split('');
        let changed = false;
        for (const item of entry.items) {
          if (item.target.type !== 'text' || masker.revealed.has(item.key)) continue;
          const { start } = item.target;
          for (const h of maskValue(item.value, masker.maskSpec(item.label)).hidden) {
            for (let i = start + h.start; i < start + h.end; i++) chars[i] = BULLET;
            changed = true;
          }
        }
        if (!changed) continue;
        const masked = chars.join('');
        swapped.set(node, { original: node.data, masked });
        node.data = masked;
      }
    },
    { capture: true, signal },
  );
  window.addEventListener('afterprint', restore, { capture: true, signal });
  signal.addEventListener('abort', restore);
}
