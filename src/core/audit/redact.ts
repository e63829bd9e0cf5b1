import type { Match } from '../detect/types';

/**
 * Reason text is typed by the agent and often quotes the very value revealed
 * ("cliente confirmou CPF 123..."): every detected value is replaced by its
 * type label before the text is stored, so the log never holds it.
 */
export function redactText(text: string, matches: readonly Match[]): string {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const m of sorted) {
    if (m.end <= cursor) continue; // nested in or overlapping an earlier match
    out += `${text.slice(cursor, Math.max(cursor, m.start))}[${m.type}]`;
    cursor = m.end;
  }
  return out + text.slice(cursor);
}

/**
 * Fallback when the scanner is unavailable or fails: hide every run of digits
 * (3+) and anything shaped like an e-mail. Over-masks on purpose (fail safe).
 */
export function redactFallback(text: string): string {
  return text.replace(/[^\s@]+@[^\s@]+/g, '[EMAIL]').replace(/\d[\d\s.\-/()]{1,}\d/g, '[REDACTED]');
}
