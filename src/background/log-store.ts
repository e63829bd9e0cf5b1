import { appendToChain, type ChainHead, EMPTY_HEAD } from '../core/audit/chain';
import type { AuditEventBody, AuditRecord } from '../core/audit/types';
import { getMeta, openSigiloDB, putMeta, type SigiloDatabase } from './db';

/**
 * The only writer of the reveal log.
 *
 * Appends are serialised through one in-process queue, so two reveals can never
 * chain onto the same head (a fork). The head is read from the database on
 * first use after the worker (re)starts, and checked again inside each write.
 *
 * Group commit: a durable ("strict") transaction costs a disk flush, so the
 * queue drains every job waiting at that moment into ONE transaction. Each job
 * still decides in order, seeing the jobs decided before it (the anomaly guard
 * counts them), and each caller is answered only after that transaction
 * committed. If it fails, every job in it fails (and its reveal is refused).
 */
export type NewRecord = Omit<AuditEventBody, 'seq'>;

export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The reveal log could not be written.', { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** What a deciding job can read: the database plus records decided earlier in its group. */
export interface WriterView {
  db: SigiloDatabase;
  /** Times (ms, background clock) of values revealed since `sinceMs`, committed or earlier in this group. */
  revealTimesSince(sinceMs: number): Promise<number[]>;
}

/** Returns the records to append (possibly none). Runs inside the writer's turn: keep it short. */
export type Decide = (view: WriterView) => Promise<NewRecord[]> | NewRecord[];

interface Job {
  decide: Decide;
  resolve(records: AuditRecord[]): void;
  reject(error: unknown): void;
}

const MAX_GROUP = 500;
const queue: Job[] = [];
let draining = false;
let cachedHead: ChainHead | null = null;
/**
 * Times of revealed values in the last hour, loaded from the log once per worker
 * and then kept in step with our own commits (we are the only writer), so the
 * anomaly guard does not re-read the log on every reveal.
 */
let recentReveals: number[] | null = null;
const RECENT_WINDOW_MS = 60 * 60_000;

async function recentRevealTimes(db: SigiloDatabase, sinceMs: number): Promise<number[]> {
  if (!recentReveals) recentReveals = await revealTimesSince(db, Date.now() - RECENT_WINDOW_MS);
  const floor = Date.now() - RECENT_WINDOW_MS;
  if (recentReveals.length > 0 && recentReveals[0]! < floor)
    recentReveals = recentReveals.filter((t) => t >= floor);
  return recentReveals.filter((t) => t >= sinceMs);
}

/** Append what `decide` returns, durably; resolves with the sealed records after commit. */
export function commitRecords(decide: Decide): Promise<AuditRecord[]> {
  return new Promise<AuditRecord[]>((resolve, reject) => {
    queue.push({ decide, resolve, reject });
    if (!draining) void drain();
  });
}

/** Shorthand for records that need no decision. */
export function appendRecords(records: readonly NewRecord[]): Promise<AuditRecord[]> {
  return commitRecords(() => [...records]);
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      await commitGroup(group);
    }
  } finally {
    draining = false;
  }
}

function isCountedReveal(r: NewRecord): boolean {
  return r.type === 'reveal' && r.outcome === 'revealed' && r.revealedAt !== null;
}

async function commitGroup(group: Job[]): Promise<void> {
  let db: SigiloDatabase;
  try {
    db = await openSigiloDB();
  } catch (error) {
    for (const job of group) job.reject(new StorageUnavailableError(error));
    return;
  }
  const decided: NewRecord[] = [];
  const view: WriterView = {
    db,
    async revealTimesSince(sinceMs) {
      const times =
        sinceMs >= Date.now() - RECENT_WINDOW_MS
          ? await recentRevealTimes(db, sinceMs)
          : await revealTimesSince(db, sinceMs);
      for (const r of decided) {
        const t = isCountedReveal(r) ? Date.parse(r.revealedAt!) : Number.NaN;
        if (t >= sinceMs) times.push(t);
      }
      return times;
    },
  };
  const perJob: Array<{ job: Job; records: NewRecord[] }> = [];
  for (const job of group) {
    try {
      const records = await job.decide(view);
      decided.push(...records);
      perJob.push({ job, records });
    } catch (error) {
      job.reject(error); // this job's own failure: the others still commit
    }
  }
  try {
    const sealed = await appendLocked(db, decided);
    if (recentReveals) {
      for (const r of sealed) if (isCountedReveal(r)) recentReveals.push(Date.parse(r.revealedAt!));
      recentReveals.sort((a, b) => a - b);
    }
    let offset = 0;
    for (const { job, records } of perJob) {
      job.resolve(sealed.slice(offset, offset + records.length));
      offset += records.length;
    }
  } catch (error) {
    const failure = error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
    for (const { job } of perJob) job.reject(failure);
  }
}

class HeadMovedError extends Error {}

async function appendLocked(db: SigiloDatabase, bodies: readonly NewRecord[]): Promise<AuditRecord[]> {
  if (bodies.length === 0) return [];
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
      throw error;
    }
  }
}

/** For tests: forget the in-memory head, as a worker restart does. */
export function resetLogWriterForTests(): void {
  cachedHead = null;
  recentReveals = null;
}

export async function readHead(db: SigiloDatabase): Promise<ChainHead> {
  return (await getMeta(db, 'head')) ?? EMPTY_HEAD;
}

/** Times (ms, background clock) of committed revealed values since `sinceMs`, for the anomaly guard. */
export async function revealTimesSince(db: SigiloDatabase, sinceMs: number): Promise<number[]> {
  // requestedAt is clamped near the background clock on write, so a small margin suffices.
  const lower = new Date(sinceMs - 15 * 60_000).toISOString();
  const rows = await db.getAllFromIndex('records', 'by-requestedAt', IDBKeyRange.lowerBound(lower));
  const times: number[] = [];
  for (const r of rows) {
    if (!isCountedReveal(r)) continue;
    const t = Date.parse(r.revealedAt!);
    if (t >= sinceMs) times.push(t);
  }
  return times;
}
