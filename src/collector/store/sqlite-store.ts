import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { UploadBatch } from '../../core/audit/types';
import type { Enrolment, IngestPlan, InstallSnapshot, LinkInfo } from '../ingest/model';
import { neighbourSeqs, reportedHeadSeqs } from '../ingest/plan';
import {
  ALL_SEQS,
  DELETE_PREFIX,
  FIRST_KEPT,
  HASH_AT,
  INSERT_PRUNE,
  PRUNE_CANDIDATES,
  PRUNE_RANGE,
  type PruneRow,
  RETENTION_TABLE,
  SELECT_PRUNES,
  toPruneRecord,
} from './retention-sql';
import { ENROLMENT_COLUMNS, HEAD_COLUMNS, planRows, UPSERT_ENROLMENT } from './rows';
import { type SqlDb, sharedQueries } from './shared-queries';
import {
  EVENT_COLUMNS,
  FINDING_COLUMNS,
  INSTALL_COLUMNS,
  type InstallRow,
  insertSql,
  SCHEMA_STATEMENTS,
  type SqlValue,
  UPSERT_INSTALL_CONFLICT,
} from './sql';
import type { CollectorStore, IngestResult, PruneRecord } from './types';

/**
 * The default store: one SQLite file (better-sqlite3, synchronous, in-process).
 * WAL mode lets the review UI read while uploads write. Everything here runs
 * on the event loop; a batch of 10,000 events commits in tens of milliseconds.
 */
export function openSqliteStore(file: string): CollectorStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut can lose the last commits but never corrupts;
  // the extension re-sends anything not acknowledged, so durability is end-to-end.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');

  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size > 200) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  const insertRows = (table: string, columns: readonly string[], rows: SqlValue[][], conflict: string) => {
    const per = 500;
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      stmt(insertSql(table, columns, chunk.length, conflict)).run(chunk.flat());
    }
  };

  const ingestTx = db.transaction(
    (
      batch: UploadBatch,
      receivedAt: string,
      plan: (snapshot: InstallSnapshot) => IngestPlan,
    ): IngestResult => {
      const batchSeen =
        stmt('SELECT 1 AS x FROM batches WHERE batch_id = ?').get(batch.batchId) !== undefined;
      const previous = stmt('SELECT * FROM installs WHERE install_id = ?').get(batch.installId) as
        | InstallRow
        | undefined;
      const ids = batch.events.map((e) => e.id);
      const existing = stmt('SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(ids))
        .map((r) => (r as { id: string }).id);
      const neighbours = (
        stmt(
          'SELECT id, seq, hash, prev_hash FROM events WHERE install_id = ? AND seq IN (SELECT value FROM json_each(?))',
        ).all(batch.installId, JSON.stringify(neighbourSeqs(batch))) as {
          id: string;
          seq: number;
          hash: string;
          prev_hash: string;
        }[]
      ).map((r): LinkInfo => ({ id: r.id, seq: r.seq, hash: r.hash, prevHash: r.prev_hash }));
      const enrolled = stmt('SELECT * FROM enrolments WHERE install_id = ?').get(batch.installId) as
        | {
            install_id: string;
            agent_id: string;
            public_key: string | null;
            escrow: string | null;
            enrolled_at: string;
          }
        | undefined;
      const heads = stmt(
        'SELECT seq, hash FROM reported_heads WHERE install_id = ? AND seq IN (SELECT value FROM json_each(?))',
      ).all(batch.installId, JSON.stringify(reportedHeadSeqs(batch))) as { seq: number; hash: string }[];
      const siblings = enrolled
        ? []
        : (
            stmt(
              'SELECT i.install_id, i.max_seq, i.head_seq, i.open_gaps FROM installs i JOIN enrolments e ON e.install_id = i.install_id WHERE e.agent_id = ? AND i.install_id <> ?',
            ).all(batch.agentId, batch.installId) as InstallRow[]
          ).map((r) => ({
            installId: r.install_id,
            maxSeq: Number(r.max_seq),
            headSeq: Number(r.head_seq),
            openGaps: JSON.parse(r.open_gaps),
          }));
      const decided = plan({
        batchSeen,
        existingIds: new Set(existing),
        neighbours,
        maxSeq: previous ? Number(previous.max_seq) : 0,
        openGaps: previous ? JSON.parse(previous.open_gaps) : [],
        enrolment: enrolled ? toEnrolment(enrolled) : null,
        reportedHeads: new Map(heads.map((h) => [Number(h.seq), h.hash])),
        siblings,
      });
      if (decided.duplicateBatch) {
        return {
          duplicateBatch: true,
          refused: null,
          accepted: 0,
          duplicates: decided.duplicates,
          findings: [],
        };
      }
      const rows = planRows(batch, decided, previous, receivedAt);
      insertRows('events', EVENT_COLUMNS, rows.events, 'ON CONFLICT (id) DO NOTHING');
      insertRows('findings', FINDING_COLUMNS, rows.findings, '');
      if (rows.batch) {
        stmt(
          insertSql('batches', ['batch_id', 'install_id', 'received_at', 'events', 'accepted'], 1, ''),
        ).run(rows.batch);
      }
      if (rows.install)
        stmt(insertSql('installs', INSTALL_COLUMNS, 1, UPSERT_INSTALL_CONFLICT)).run(rows.install);
      if (rows.enrolment)
        stmt(insertSql('enrolments', ENROLMENT_COLUMNS, 1, UPSERT_ENROLMENT)).run(rows.enrolment);
      if (rows.head)
        stmt(insertSql('reported_heads', HEAD_COLUMNS, 1, 'ON CONFLICT DO NOTHING')).run(rows.head);
      for (const [installId, n] of rows.otherBreaks) {
        stmt('UPDATE installs SET breaks = breaks + ? WHERE install_id = ?').run(n, installId);
      }
      return rows.result;
    },
  );

  // One connection: "locked" sections queue behind each other in this process.
  let queue: Promise<unknown> = Promise.resolve();
  const sqlDb: SqlDb = {
    async all<R>(sql: string, params: SqlValue[] = []) {
      const s = stmt(sql);
      if (s.reader) return s.all(params) as R[];
      s.run(params);
      return [];
    },
    async run(sql, params = []) {
      return stmt(sql).run(params).changes;
    },
    locked<T>(_lock: string, fn: (tx: SqlDb) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(sqlDb);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };

  const store: CollectorStore = {
    kind: 'sqlite',
    location: file,
    async migrate() {
      db.transaction(() => {
        for (const sql of SCHEMA_STATEMENTS) db.exec(sql);
      })();
    },
    async close() {
      await queue;
      cache.clear();
      db.close();
    },
    async ingest(batch, receivedAt, plan) {
      return ingestTx(batch, receivedAt, plan);
    },
    async pruneBefore(cutoff, prunedAt) {
      return pruneTx(cutoff, prunedAt);
    },
    async prunes() {
      db.exec(RETENTION_TABLE);
      return (stmt(SELECT_PRUNES).all() as PruneRow[]).map(toPruneRecord);
    },
    ...sharedQueries(sqlDb),
  };
  // One synchronous transaction: no upload of any install can land half-way.
  const pruneTx = db.transaction((cutoff: string, prunedAt: string): PruneRecord[] => {
    db.exec(RETENTION_TABLE);
    const out: PruneRecord[] = [];
    for (const { install_id: installId } of stmt(PRUNE_CANDIDATES).all(cutoff) as { install_id: string }[]) {
      const first = (stmt(FIRST_KEPT).get(installId, cutoff) as { seq: number | null }).seq ?? ALL_SEQS;
      const range = stmt(PRUNE_RANGE).get(installId, first) as {
        from_seq: number | null;
        through_seq: number | null;
        n: number;
      };
      if (range.from_seq === null || range.through_seq === null) continue;
      const { hash } = stmt(HASH_AT).get(installId, range.through_seq) as { hash: string };
      stmt(DELETE_PREFIX).run(installId, first);
      const row: PruneRow = {
        install_id: installId,
        from_seq: range.from_seq,
        through_seq: range.through_seq,
        through_hash: hash,
        events: range.n,
        cutoff,
        pruned_at: prunedAt,
      };
      stmt(INSERT_PRUNE).run(
        row.install_id,
        row.from_seq,
        row.through_seq,
        row.through_hash,
        row.events,
        row.cutoff,
        row.pruned_at,
      );
      out.push(toPruneRecord(row));
    }
    return out;
  });
  return store;
}

export function toEnrolment(row: {
  install_id: string;
  agent_id: string;
  public_key: string | null;
  escrow: string | null;
  enrolled_at: string;
}): Enrolment {
  return {
    installId: row.install_id,
    agentId: row.agent_id,
    publicKey: row.public_key,
    escrow: row.escrow,
    enrolledAt: row.enrolled_at,
  };
}
