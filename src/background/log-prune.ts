import { getMeta, putMeta, type SigiloDatabase } from './db';

const DAY_MS = 24 * 60 * 60_000;
const MAX_PER_RUN = 5_000;

/**
 * Drop records the collector has acknowledged AND that are older than the
 * retention, oldest first, stopping at the first one to keep: the stored chain
 * stays contiguous and starts right after the anchor (the last pruned record's
 * seq and hash), so it remains verifiable. Unacknowledged records are never pruned.
 */
export async function pruneUploaded(
  db: SigiloDatabase,
  retentionDays: number,
  now = Date.now(),
): Promise<number> {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const tx = db.transaction(['records', 'meta'], 'readwrite', { durability: 'strict' });
  const through = (await getMeta(tx, 'uploadedThrough')) ?? 0;
  let cursor = await tx.objectStore('records').openCursor();
  let pruned = 0;
  let anchor: { seq: number; hash: string } | null = null;
  while (cursor && pruned < MAX_PER_RUN) {
    const record = cursor.value;
    if (record.seq > through || record.requestedAt >= cutoff) break;
    anchor = { seq: record.seq, hash: record.hash };
    await cursor.delete();
    pruned += 1;
    cursor = await cursor.continue();
  }
  if (anchor) await putMeta(tx, 'anchor', anchor);
  await tx.done;
  return pruned;
}
