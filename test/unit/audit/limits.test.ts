import { describe, expect, it } from 'vitest';
import { checkLimits, FIVE_MINUTES_MS, HOUR_MS } from '../../../src/core/audit/limits';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';

const now = 10 * HOUR_MS;
const limits = DEFAULT_POLICY.limits;
const times = (count: number, spacingMs: number) =>
  Array.from({ length: count }, (_, i) => now - 1 - i * spacingMs);

describe('anomaly guard limits', () => {
  it('defaults to 10 per 5 minutes and 30 per hour', () => {
    expect(limits).toMatchObject({ perFiveMinutes: 10, perHour: 30, onExceed: 'refuse' });
  });

  it('allows the 10th reveal in 5 minutes and trips on the 11th', () => {
    expect(checkLimits(times(9, 1000), now, limits)).toBeNull();
    expect(checkLimits(times(10, 1000), now, limits)).toBe('limit-per-five-minutes');
  });

  it('forgets reveals older than 5 minutes for the short window', () => {
    const old = times(10, 1000).map((t) => t - FIVE_MINUTES_MS);
    expect(checkLimits(old, now, limits)).toBeNull();
  });

  it('trips the hourly limit on the 31st reveal spread over the hour', () => {
    const spread = times(30, 110_000); // 30 reveals within 55 minutes, never 10 in 5 minutes
    expect(checkLimits(spread.slice(0, 29), now, limits)).toBeNull();
    expect(checkLimits(spread, now, limits)).toBe('limit-per-hour');
  });

  it('ignores reveals more than an hour old and future timestamps', () => {
    const stale = times(30, 110_000).map((t) => t - HOUR_MS);
    expect(checkLimits([...stale, now + 5000], now, limits)).toBeNull();
  });

  it('follows custom limits', () => {
    expect(checkLimits(times(2, 1000), now, { perFiveMinutes: 2, perHour: 100, onExceed: 'flag' })).toBe(
      'limit-per-five-minutes',
    );
  });
});
