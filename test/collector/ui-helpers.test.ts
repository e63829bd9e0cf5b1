import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, toQuery, toSearchParams } from '../../src/ui/components/filter-values';
import { bucketLabel, countByBucket, pickBucket } from '../../src/ui/components/time-buckets';

// Pure helpers of the review components (shared by the extension page and the collector UI).
describe('review filters', () => {
  it('maps the filter bar to the log query and the collector query string', () => {
    expect(toQuery(EMPTY_FILTERS)).toEqual({});
    const values = {
      ...EMPTY_FILTERS,
      from: '2026-11-28T09:00',
      to: '2026-11-28T10:30',
      site: ' crm.example ',
      kind: 'CPF',
      reason: 'other',
      outcome: 'refused' as const,
      agent: 'agent.ana',
    };
    const q = toQuery(values);
    expect(Date.parse(q.from as string)).toBe(Date.parse('2026-11-28T09:00'));
    // "to" is inclusive of the whole minute typed.
    expect(Date.parse(q.to as string) - Date.parse('2026-11-28T10:30')).toBe(59_999);
    expect(q).toMatchObject({
      site: 'crm.example',
      kind: 'CPF',
      reasonId: 'other',
      outcome: 'refused',
      agentId: 'agent.ana',
    });
    const params = toSearchParams(values);
    expect(params.get('agent')).toBe('agent.ana');
    expect(params.get('reason')).toBe('other');
    expect(params.get('site')).toBe('crm.example');
    expect(toQuery({ ...EMPTY_FILTERS, from: 'not a date' })).toEqual({});
  });
});

describe('counts over time', () => {
  it('buckets by UTC hour or day, sorted, skipping bad timestamps', () => {
    const times = ['2026-11-28T09:59:59Z', '2026-11-28T09:00:00Z', '2026-11-28T11:01:00Z', 'garbage'];
    expect(countByBucket(times, 'hour')).toEqual([
      { bucket: '2026-11-28T09', count: 2 },
      { bucket: '2026-11-28T11', count: 1 },
    ]);
    expect(countByBucket(times, 'day')).toEqual([{ bucket: '2026-11-28', count: 3 }]);
    expect(pickBucket(times)).toBe('hour');
    expect(pickBucket(['2026-11-01T00:00:00Z', '2026-11-28T00:00:00Z'])).toBe('day');
    expect(bucketLabel('2026-11-28T09', 'pt')).toBe('28/11 09h UTC');
    expect(bucketLabel('2026-11-28', 'en')).toBe('11/28');
  });
});
