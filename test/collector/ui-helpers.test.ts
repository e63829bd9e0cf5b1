import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/audit/types';
import { type EventRowData, foldRemasks, shownFor } from '../../src/ui/components/events-table';
import { EMPTY_FILTERS, toQuery, toSearchParams } from '../../src/ui/components/filter-values';
import { continuous, countByHour, pickBucket } from '../../src/ui/components/time-buckets';

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
  it('counts by UTC hour, sorted, skipping bad timestamps', () => {
    const times = ['2026-11-28T09:59:59Z', '2026-11-28T09:00:00Z', '2026-11-28T11:01:00Z', 'garbage'];
    expect(countByHour(times)).toEqual([
      { bucket: '2026-11-28T09', count: 2 },
      { bucket: '2026-11-28T11', count: 1 },
    ]);
    expect(pickBucket([{ name: 'a', points: countByHour(times) }])).toBe('hour');
    expect(
      pickBucket([{ name: 'a', points: countByHour(['2026-11-01T00:00:00Z', '2026-11-28T00:00:00Z']) }]),
    ).toBe('day');
  });

  it('lays hours on a continuous axis: 28/11 14h to 30/11 01h is 36 points, the empty ones zero', () => {
    const series = [
      { name: 'agent.ana', points: [{ bucket: '2026-11-28T14', count: 3 }] },
      { name: 'agent.bruno', points: [{ bucket: '2026-11-30T01', count: 2 }] },
    ];
    const data = continuous(series, 'hour');
    expect(data.times).toHaveLength(36);
    expect(data.times.every((t, i) => i === 0 || t - (data.times[i - 1] as number) === 3_600_000)).toBe(true);
    expect(data.values[0]?.[0]).toBe(3);
    expect(data.values[1]?.[35]).toBe(2);
    expect(data.values.flat().filter((v) => v === 0)).toHaveLength(70);
  });

  it("sums hours into the viewer's days without a gap", () => {
    const data = continuous(
      [
        {
          name: 'a',
          points: [
            { bucket: '2026-11-01T12', count: 1 },
            { bucket: '2026-11-01T13', count: 1 },
            { bucket: '2026-11-05T12', count: 4 },
          ],
        },
      ],
      'day',
    );
    expect(data.times).toHaveLength(5);
    expect(data.values[0]).toEqual([2, 0, 0, 0, 4]);
  });

  it('turns hours that would not fit into days rather than cutting the axis short', () => {
    const data = continuous(
      [
        {
          name: 'a',
          points: [
            { bucket: '2026-01-01T12', count: 1 },
            { bucket: '2026-11-01T12', count: 1 },
          ],
        },
      ],
      'hour',
    );
    expect(data.bucket).toBe('day');
    expect(data.values[0]?.reduce((a, b) => a + b, 0)).toBe(2);
    expect(data.values[0]?.[data.values[0].length - 1]).toBe(1);
  });
});

describe('one row per reveal', () => {
  const record = (fields: Partial<AuditRecord>): EventRowData => ({
    record: { flags: [], refId: null, ...fields } as AuditRecord,
  });
  it('folds a re-mask into its reveal, keeps an orphan re-mask and other records as rows', () => {
    const reveal = record({
      id: 'r1',
      type: 'reveal',
      outcome: 'revealed',
      revealedAt: '2026-11-30T10:00:00.000Z',
    });
    const remask = record({
      id: 'm1',
      type: 'remask',
      outcome: 'revealed',
      refId: 'r1',
      remaskedAt: '2026-11-30T10:00:42.000Z',
      flags: ['remask:hide'],
    });
    const orphan = record({ id: 'm2', type: 'remask', refId: 'gone', flags: ['remask:timer'] });
    const anomaly = record({ id: 'a1', type: 'anomaly', refId: 'r1', flags: ['limit-per-hour'] });
    const rows = foldRemasks([remask, reveal, orphan, anomaly]);
    expect(rows.map((r) => r.record.id)).toEqual(['r1', 'm2', 'a1']);
    expect(rows[0]?.remask?.id).toBe('m1');
    expect(shownFor(reveal.record, rows[0]?.remask, 'en')).toBe('shown for 42 s, hidden by the agent');
    expect(shownFor(reveal.record, rows[0]?.remask, 'pt')).toBe('exibido por 42 s, ocultado pelo atendente');
    expect(shownFor(reveal.record, null, 'es')).toBe('sin registro de ocultación');
  });
});
