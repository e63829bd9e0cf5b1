import { describe, expect, it } from 'vitest';
import { recomputeHash } from '../../src/collector/ingest/ingest-batch';
import { hashRecord } from '../../src/core/audit/chain';
import { FakeInstall } from './helpers';

describe('collector hash recomputation', () => {
  it('equals the extension chain code (hashRecord) for ordinary, unicode and extended records', async () => {
    const a = new FakeInstall();
    await a.append();
    await a.append({
      reasonId: 'other',
      reasonText: 'cliente pediu confirmação — ação ✓ 😀',
      flags: ['over-limit'],
    });
    await a.append({ ...({ addedLater: { nested: [1, 'two', null] } } as object) });
    for (const record of a.records) {
      const { hash, prevHash, ...body } = record;
      expect(recomputeHash(record)).toBe(await hashRecord(body, prevHash));
      expect(recomputeHash(record)).toBe(hash);
    }
    const edited = { ...(a.records[0] as (typeof a.records)[number]), kind: 'CARD' };
    expect(recomputeHash(edited)).not.toBe(edited.hash);
  });
});
