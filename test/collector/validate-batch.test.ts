import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/collector/export-format';
import { validateBatch } from '../../src/collector/ingest/validate-batch';
import { FakeInstall } from './helpers';

// A small deterministic PRNG: failures reproduce.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WEIRD: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  'x'.repeat(5000),
  [],
  {},
  true,
  '529.982.247-25',
  NaN,
];

function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (depth > 4 || rand() < 0.15) return WEIRD[Math.floor(rand() * WEIRD.length)];
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rand() < 0.3 ? mutate(v, rand, depth + 1) : v));
    if (rand() < 0.1) copy.push(WEIRD[Math.floor(rand() * WEIRD.length)]);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys[Math.floor(rand() * keys.length)];
    if (key !== undefined) {
      if (rand() < 0.2) delete copy[key];
      else copy[key] = mutate(copy[key], rand, depth + 1);
    }
    return copy;
  }
  return WEIRD[Math.floor(rand() * WEIRD.length)];
}

describe('upload batch validation', () => {
  it('accepts what the extension seals', async () => {
    const a = new FakeInstall();
    const batch = a.batch(await a.appendMany(3));
    expect(validateBatch(JSON.parse(JSON.stringify(batch)))).toMatchObject({ ok: true });
  });

  it('accepts every agentSource the extension records, "local" included, and nothing else', async () => {
    const a = new FakeInstall();
    for (const agentSource of ['policy', 'profile', 'local', 'unknown'] as const) {
      const batch = a.batch(await a.appendMany(1, { agentSource }));
      expect(validateBatch(JSON.parse(JSON.stringify(batch))), agentSource).toMatchObject({ ok: true });
    }
    const forged = JSON.parse(JSON.stringify(a.batch(await a.appendMany(1))));
    forged.events[0].agentSource = 'admin';
    expect(validateBatch(forged)).toMatchObject({ ok: false, path: 'body.events[0].agentSource' });
  });

  it('never throws on 3,000 mutated batches, names a field path, and never echoes a value', async () => {
    const a = new FakeInstall();
    const batch = JSON.parse(JSON.stringify(a.batch(await a.appendMany(3))));
    const rand = prng(7);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const input = mutate(batch, rand);
      const result = validateBatch(input);
      if (!result.ok) {
        refused++;
        expect(result.path).toMatch(/^body(\.|\[|$)/);
        expect(result.reason).not.toContain('529.982.247-25');
        expect(result.reason.length).toBeLessThan(200);
      }
    }
    expect(refused).toBeGreaterThan(2000);
  });

  it('refuses records of another install, repeated ids and too many events', async () => {
    const a = new FakeInstall();
    const b = new FakeInstall();
    const mixed = a.batch([...(await a.appendMany(1)), ...(await b.appendMany(1))]);
    expect(validateBatch(mixed)).toEqual({
      ok: false,
      path: 'body.events[1].installId',
      reason: 'differs from the batch installId',
    });
    const record = a.records[0];
    expect(validateBatch(a.batch([record, record] as typeof a.records))).toMatchObject({
      ok: false,
      path: 'body.events[1].id',
    });
    const many = a.batch(Array.from({ length: 10_001 }, () => record) as typeof a.records);
    expect(validateBatch(many)).toMatchObject({ ok: false, path: 'body.events' });
  });
});

describe('CSV cells for SIEM exports', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('a b');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    for (const lead of ['=', '+', '-', '@', '\t'])
      expect(
        csvCell(`${lead}1+1`).startsWith(`'${lead}`) || csvCell(`${lead}1+1`).startsWith(`"'${lead}`),
      ).toBe(true);
  });
});
