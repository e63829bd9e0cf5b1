import { scan } from '../detect/scanner';
import type { Match } from '../detect/types';
import type { Policy } from '../policy/types';

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

const EMAIL_LIKE = /[^\s@]+@[^\s@]+/g;

/**
 * Digits joined by up to three separators read as one run: a spaced CPF
 * (`5 2 9 9 8 2 2 4 7 2 5`), `529982247/25`, `(11) 98888-7777`, a date.
 */
const DIGIT_RUN = /\p{Nd}(?:[\s.,\-/()_:+]{0,3}\p{Nd})*/gu;
const DIGIT = /\p{Nd}/gu;

/** The mark a hidden run of digits leaves in a recorded reason or path. */
export const DIGITS_MARK = '[#]';

/**
 * Every run of 2 or more digits becomes `[#]`. The detectors only find values
 * with a known shape; a reason also carries the ones they must not guess at
 * (`cvv 123`, `apto 12`, a CPF typed with a space after each digit, a CPF
 * whose check digits sit after a slash). Any script's decimal digits count
 * (full-width `５２９` too). A lone digit ("opção 1") stays: it identifies
 * nobody and keeps the reason readable.
 */
export function hideDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run) => ((run.match(DIGIT)?.length ?? 0) >= 2 ? DIGITS_MARK : run));
}

/**
 * The reason as recorded: every detected value replaced by its type label
 * (all detectors, whatever the policy masks on screen: a reason quoting a
 * value of a disabled kind must not keep it), then anything e-mail-like and
 * every run of 2+ digits hidden. Scanner failure only skips the labels.
 */
export function redactReason(text: string, policy: Pick<Policy, 'detectors'>): string {
  let labelled = text;
  try {
    labelled = redactText(text, scan(text, { minConfidence: policy.detectors.minConfidence }));
  } catch {
    // Over-mask below regardless.
  }
  return hideDigitRuns(labelled.replace(EMAIL_LIKE, '[EMAIL]'));
}

/**
 * Fallback when the scanner is unavailable or fails: hide every run of digits
 * (3+) and anything shaped like an e-mail. Over-masks on purpose (fail safe).
 */
export function redactFallback(text: string): string {
  return text.replace(EMAIL_LIKE, '[EMAIL]').replace(/\d[\d\s.\-/()]{1,}\d/g, '[REDACTED]');
}
