import { appendToChain, type ChainHead, EMPTY_HEAD } from '../core/audit/chain';
import type { AuditEventBody, AuditRecord } from '../core/audit/types';
import { getMeta, openSigiloDB, putMeta, type SigiloDatabase } from './db';

/**
 * The only writer of the reveal log. Appends run one at a time through a single
 * in-process queue, so two reveals can never both chain onto the same head (a
 * fork). The head is read from the database on first use after the worker
 * (re)starts, and checked again inside each write transaction.
 */
export type NewRecord = Omit<AuditEventBody, 'seq'>;

export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The reveal log could not be written.', { cause });
    this.name = 'StorageUnavailableError';
  }
}

export interface LogWriter {
  /** Append records in one durable transaction; resolves only after it committed. */
  append(records: readonly NewRecord[]): Promise<AuditRecord[]>;
}

let tail: Promise<unknown> = Promise.resolve();
let cachedHead: ChainHead | null = null;

/**
 * Run `fn` with exclusive write access. Decisions that depend on the log (the
 * anomaly guard's counts) are taken inside, so they cannot race with appends.
 */
export function withLogWriter<T>(fn: (writer: LogWriter, db: SigiloDatabase) => Promise<T>): Promise<T> {
  const run = tail.then(async () => {
    const db = await openSigiloDB().catch((error: unknown) => {
      throw new StorageUnavailableError(error);
    });
    return fn({ append: (records) => appendLocked(db, records) }, db);
  });
  // The queue continues after a failure; the failure goes to this caller only.
  tail = run.catch(() => undefined);
  return run;
}

async function appendLocked(db: SigiloDatabase, bodies: readonly NewRecord[]): Promise<AuditRecord[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      cachedHead ??= (await getMeta(db, 'head')) ?? EMPTY_HEAD;
      const expected = cachedHead;
      // Hashing is async Web Crypto: it must finish before the transaction opens,
      // or the transaction would auto-commit while we await it.
      const sealed: AuditRecord[] = [];
      let head = expected;
      for (const body of bodies) {
        const record = await appendToChain(head, { ...body, seq: head.seq + 1 } as AuditEventBody);
        sealed.push(record);
        head = { seq: record.seq, hash: record.hash };
      }
      const tx = db.transaction(['records', 'meta'], 'readwrite', { durability: 'strict' });
      // A failing request aborts the transaction: its rejection is reported through the await below.
      tx.done.catch(() => undefined);
      const stored = (await getMeta(tx, 'head')) ?? EMPTY_HEAD;
      if (stored.seq !== expected.seq || stored.hash !== expected.hash) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new HeadMovedError();
      }
      const records = tx.objectStore('records');
      for (const record of sealed) await records.add(record);
      await putMeta(tx, 'head', head);
      await tx.done;
      cachedHead = head;
      return sealed;
    } catch (error) {
      cachedHead = null;
      if (error instanceof HeadMovedError && attempt < 2) continue;
      throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
    }
  }
}

class HeadMovedError extends Error {}

/** For tests: forget the in-memory head, as a worker restart does. */
export function resetLogWriterForTests(): void {
  cachedHead = null;
  tail = Promise.resolve();
}

export async function readHead(db: SigiloDatabase): Promise<ChainHead> {
  return (await getMeta(db, 'head')) ?? EMPTY_HEAD;
}

/** Times (ms, background clock) of values revealed since `sinceMs`, for the anomaly guard. */
export async function revealTimesSince(db: SigiloDatabase, sinceMs: number): Promise<number[]> {
  // requestedAt is clamped near the background clock on write, so a small margin suffices.
  const lower = new Date(sinceMs - 15 * 60_000).toISOString();
  const rows = await db.getAllFromIndex('records', 'by-requestedAt', IDBKeyRange.lowerBound(lower));
  const times: number[] = [];
  for (const r of rows) {
    if (r.type !== 'reveal' || r.outcome !== 'revealed' || !r.revealedAt) continue;
    const t = Date.parse(r.revealedAt);
    if (t >= sinceMs) times.push(t);
  }
  return times;
}
