import type { Limits } from '../policy/types';

/**
 * The anomaly guard: an agent revealing far more than the job needs (bulk
 * harvesting) trips a limit. Pure: the caller passes the times (ms) of this
 * install's recent revealed values, taken from the log itself so a worker
 * restart cannot reset the count.
 */
export type LimitBreach = 'limit-per-five-minutes' | 'limit-per-hour';

export const FIVE_MINUTES_MS = 5 * 60_000;
export const HOUR_MS = 60 * 60_000;

/** Would one more reveal at `now` exceed a limit? Reports the tighter window first. */
export function checkLimits(
  recentRevealTimes: readonly number[],
  now: number,
  limits: Limits,
): LimitBreach | null {
  let inFive = 0;
  let inHour = 0;
  for (const t of recentRevealTimes) {
    if (t > now - HOUR_MS && t <= now) {
      inHour += 1;
      if (t > now - FIVE_MINUTES_MS) inFive += 1;
    }
  }
  if (inFive >= limits.perFiveMinutes) return 'limit-per-five-minutes';
  if (inHour >= limits.perHour) return 'limit-per-hour';
  return null;
}

/**
 * Attempts that reveal nothing (cancelled dialogs, refusals) are logged too, so
 * a stuck key or a runaway loop could fill the log with them. Above this many
 * in five minutes they are no longer logged one by one: one anomaly record says
 * they happened (the agent can still reveal: nobody is locked out by a stuck
 * key). Never below the reveal limit: an agent working within it never meets this one.
 */
export function attemptLimit(limits: Limits): number {
  return Math.max(20, limits.perFiveMinutes * 2);
}

/** Whether one more non-reveal attempt at `now` still gets its own record. */
export function attemptAllowed(recentAttemptTimes: readonly number[], now: number, limits: Limits): boolean {
  let inFive = 0;
  for (const t of recentAttemptTimes) if (t > now - FIVE_MINUTES_MS && t <= now) inFive += 1;
  return inFive < attemptLimit(limits);
}
