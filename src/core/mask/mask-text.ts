import { type MaskSpec, maskValue } from './mask-value';

/** A sensitive span inside a longer text (a detector match or a whole field). */
export interface Span {
  start: number;
  end: number;
  /** The chip label for this span (detector type or field rule kind). */
  label: string;
}

/**
 * The masked text form of a whole string: every span replaced by its masked
 * display. Used for what leaves the screen as text (clipboard, drag data,
 * attributes such as title/placeholder). Overlapping spans are merged first so
 * no character of any of them survives.
 */
export function maskText(text: string, spans: readonly Span[], spec: Omit<MaskSpec, 'label'>): string {
  const merged = mergeSpans(spans);
  let out = '';
  let cursor = 0;
  for (const span of merged) {
    out += text.slice(cursor, span.start);
    out += maskValue(text.slice(span.start, span.end), { ...spec, label: span.label }).display;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/**
 * The one line painted over an element whose whole text is masked (its glyphs are
 * transparent): the masked text form with whitespace collapsed the way the page's
 * own text is rendered, so the overlay starts where the hidden text starts.
 */
export function maskedLine(text: string, spans: readonly Span[], spec: Omit<MaskSpec, 'label'>): string {
  // The usual case, a cell that is one value and nothing else, without the merge and rebuild.
  const only = spans.length === 1 ? spans[0]! : null;
  if (only && !NON_BLANK.test(text.slice(0, only.start) + text.slice(only.end)))
    return maskValue(text.slice(only.start, only.end), { ...spec, label: only.label }).display.replace(
      /\s+/g,
      ' ',
    );
  return maskText(text, spans, spec).replace(/\s+/g, ' ').trim();
}

/** Text other than whitespace outside the span sends the line through the general path. */
const NON_BLANK = /\S/;

/** Sorted, non-overlapping spans (overlaps merged; the first span's label wins). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
