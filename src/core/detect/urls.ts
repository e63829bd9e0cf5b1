import { isInlineSpace } from './chars';

// Numbers inside URLs are paths and query ids, not values a person typed ("/pedido/12345678909").
// URL spans are found with native indexOf (no per-character JS work on text without URLs).

function isUrlEnd(c: number): boolean {
  return c <= 0x20 || isInlineSpace(c) || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x27 || c === 0x60;
}

function schemeStart(text: string, p: number): number {
  let s = p;
  while (s > 0 && s > p - 12) {
    const c = text.charCodeAt(s - 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a) s--;
    else break;
  }
  return s;
}

/** Appends [start, end) pairs of URL-looking spans to `out` (sorted, non-overlapping). */
export function findUrls(text: string, out: number[]): void {
  out.length = 0;
  const n = text.length;
  let from = 0;
  // Next occurrences are cached and only searched again once passed, so each indexOf scans
  // each character at most once (no quadratic rescans when one pattern is absent).
  let a = text.indexOf('://');
  let w = text.indexOf('www.');
  for (;;) {
    if (a >= 0 && a < from) a = text.indexOf('://', from);
    if (w >= 0 && w < from) w = text.indexOf('www.', from);
    if (a < 0 && w < 0) return;
    const useA = a >= 0 && (w < 0 || a < w);
    let s = useA ? schemeStart(text, a) : w;
    let e = useA ? a + 3 : w + 4;
    while (e < n && !isUrlEnd(text.charCodeAt(e))) e++;
    if (out.length > 0 && s < out[out.length - 1]!) s = out[out.length - 1]!;
    out.push(s, e);
    from = e;
  }
}
