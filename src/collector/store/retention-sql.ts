import type { PruneRecord } from './types';

/**
 * Retention (SIGILO_RETENTION_DAYS), SQL both stores share. Per install, what
 * goes is always a PREFIX of its chain: every event before the first one
 * requested at or after the cutoff. A hole in the middle would look like
 * tampering; a cut prefix is recorded with the hash of its last record, so the
 * records kept still verify from that anchor (`verifyStoredChains`).
 */
export const RETENTION_TABLE = `CREATE TABLE IF NOT EXISTS retention_log (
  install_id TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  through_seq INTEGER NOT NULL,
  through_hash TEXT NOT NULL,
  events INTEGER NOT NULL,
  cutoff TEXT NOT NULL,
  pruned_at TEXT NOT NULL
)`;

/** Installs holding at least one event older than the cutoff. */
export const PRUNE_CANDIDATES =
  'SELECT DISTINCT install_id FROM events WHERE requested_at < ? ORDER BY install_id';
/** The first event kept: the oldest seq requested at or after the cutoff (null: every event is older). */
export const FIRST_KEPT = 'SELECT min(seq) AS seq FROM events WHERE install_id = ? AND requested_at >= ?';
export const PRUNE_RANGE =
  'SELECT min(seq) AS from_seq, max(seq) AS through_seq, count(*) AS n FROM events WHERE install_id = ? AND seq < ?';
export const HASH_AT = 'SELECT hash FROM events WHERE install_id = ? AND seq = ?';
export const DELETE_PREFIX = 'DELETE FROM events WHERE install_id = ? AND seq < ?';
export const INSERT_PRUNE =
  'INSERT INTO retention_log (install_id, from_seq, through_seq, through_hash, events, cutoff, pruned_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
export const SELECT_PRUNES =
  'SELECT install_id, from_seq, through_seq, through_hash, events, cutoff, pruned_at FROM retention_log ORDER BY pruned_at, install_id, through_seq';

/** Above any seq (INTEGER is 32-bit in PostgreSQL): "prune the whole chain". */
export const ALL_SEQS = 2_147_483_647;

export interface PruneRow {
  install_id: string;
  from_seq: number | string;
  through_seq: number | string;
  through_hash: string;
  events: number | string;
  cutoff: string;
  pruned_at: string;
}

export function toPruneRecord(row: PruneRow): PruneRecord {
  return {
    installId: row.install_id,
    fromSeq: Number(row.from_seq),
    throughSeq: Number(row.through_seq),
    throughHash: row.through_hash,
    events: Number(row.events),
    cutoff: row.cutoff,
    prunedAt: row.pruned_at,
  };
}
