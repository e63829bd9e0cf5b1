import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSigiloDB, DB_VERSION, MIGRATIONS, openSigiloDB } from '../../../src/background/db';
import { buildChain } from './fixtures';

let n = 0;
const freshName = () => `sigilo-test-${Date.now()}-${n++}`;

afterEach(async () => {
  await closeSigiloDB();
});

describe('reveal-log database migrations', () => {
  it('has one migration per version', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBe(2);
  });

  it('v0 -> v1 creates the chained records store (keyed by seq, unique id index) and meta', async () => {
    const name = freshName();
    const db = await openSigiloDB(name, 1);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'records']);
    const tx = db.transaction('records');
    expect(tx.store.keyPath).toBe('seq');
    expect([...tx.store.indexNames]).toEqual(['by-id']);
    expect(tx.store.index('by-id').unique).toBe(true);
    const [a, b] = await buildChain(2);
    const rw = db.transaction('records', 'readwrite');
    rw.done.catch(() => undefined);
    await rw.store.add(a!);
    await expect(rw.store.add({ ...b!, id: a!.id })).rejects.toThrow();
  });

  it('v1 -> v2 adds the outbox and the time index, keeping every v1 record and meta value', async () => {
    const name = freshName();
    const v1 = await openSigiloDB(name, 1);
    const records = await buildChain(3);
    const tx = v1.transaction(['records', 'meta'], 'readwrite');
    for (const r of records) await tx.objectStore('records').add(r);
    await tx.objectStore('meta').put({ seq: 3, hash: records[2]!.hash }, 'head');
    await tx.done;
    await closeSigiloDB();

    const v2 = await openSigiloDB(name);
    expect(v2.version).toBe(2);
    expect([...v2.objectStoreNames].sort()).toEqual(['meta', 'outbox', 'records']);
    expect(await v2.getAll('records')).toEqual(records);
    expect(await v2.get('meta', 'head')).toEqual({ seq: 3, hash: records[2]!.hash });
    // The new index covers records written before it existed.
    const byTime = await v2.getAllFromIndex('records', 'by-requestedAt');
    expect(byTime.map((r) => r.seq)).toEqual([1, 2, 3]);
    await v2.add('outbox', { batchId: 'b1', firstSeq: 1, lastSeq: 3, createdAt: '', attempts: 0 });
    expect(await v2.count('outbox')).toBe(1);
  });

  it('memoises the connection and reopens after it is closed', async () => {
    const name = freshName();
    const a = await openSigiloDB(name);
    expect(await openSigiloDB(name)).toBe(a);
    await closeSigiloDB();
    const b = await openSigiloDB(name);
    expect(b).not.toBe(a);
  });

  it('lets a newer version open (closes on versionchange instead of blocking it)', async () => {
    const name = freshName();
    await openSigiloDB(name);
    const newer = await openDB(name, DB_VERSION + 1, { upgrade: () => undefined });
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });
});
