import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { UploadBatch } from '../../core/audit/types';
import type { IngestPlan, InstallSnapshot, LinkInfo } from '../ingest/plan';
import { neighbourSeqs } from '../ingest/plan';
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
import { planRows } from './rows';
import {
  EVENT_COLUMNS,
  type EventRow,
  FINDING_COLUMNS,
  type FindingRow,
  INSTALL_COLUMNS,
  type InstallRow,
  insertSql,
  SCHEMA_STATEMENTS,
  type SqlValue,
  toFinding,
  toInstallSummary,
  toStoredEvent,
  UPSERT_INSTALL_CONFLICT,
  whereEvents,
} from './sql';
import type {
  CollectorStore,
  EventFilter,
  IngestResult,
  PageRequest,
  PruneRecord,
  SessionRow,
  VolumeBucket,
} from './types';

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
      const decided = plan({
        batchSeen,
        existingIds: new Set(existing),
        neighbours,
        maxSeq: previous ? Number(previous.max_seq) : 0,
        openGaps: previous ? JSON.parse(previous.open_gaps) : [],
      });
      if (decided.duplicateBatch) {
        return { duplicateBatch: true, accepted: 0, duplicates: decided.duplicates, findings: [] };
      }
      const rows = planRows(batch, decided, previous, receivedAt);
      insertRows('events', EVENT_COLUMNS, rows.events, 'ON CONFLICT (id) DO NOTHING');
      insertRows('findings', FINDING_COLUMNS, rows.findings, '');
      stmt(insertSql('batches', ['batch_id', 'install_id', 'received_at', 'events', 'accepted'], 1, '')).run(
        rows.batch,
      );
      stmt(insertSql('installs', INSTALL_COLUMNS, 1, UPSERT_INSTALL_CONFLICT)).run(rows.install);
      return rows.result;
    },
  );

  const store: CollectorStore = {
    kind: 'sqlite',
    location: file,
    async migrate() {
      db.transaction(() => {
        for (const sql of SCHEMA_STATEMENTS) db.exec(sql);
      })();
    },
    async close() {
      cache.clear();
      db.close();
    },
    async ingest(batch, receivedAt, plan) {
      return ingestTx(batch, receivedAt, plan);
    },
    async queryEvents(filter: EventFilter, page: PageRequest) {
      const where = whereEvents(filter);
      const total = Number(
        (stmt(`SELECT count(*) AS n FROM events ${where.sql}`).get(where.params) as { n: number }).n,
      );
      const rows = stmt(
        `SELECT record, integrity, batch_id, received_at FROM events ${where.sql} ORDER BY requested_at DESC, id DESC LIMIT ? OFFSET ?`,
      ).all([...where.params, page.limit, page.offset]) as EventRow[];
      return { total, events: rows.map(toStoredEvent) };
    },
    async volume(filter: EventFilter, bucket: VolumeBucket) {
      const where = whereEvents(filter);
      const len = bucket === 'hour' ? 13 : 10;
      const rows = stmt(
        `SELECT agent_id, substr(requested_at, 1, ${len}) AS bucket, count(*) AS n FROM events ${where.sql} GROUP BY agent_id, bucket ORDER BY bucket, agent_id`,
      ).all(where.params) as { agent_id: string; bucket: string; n: number }[];
      return rows.map((r) => ({ agentId: r.agent_id, bucket: r.bucket, count: Number(r.n) }));
    },
    async installs() {
      return (stmt('SELECT * FROM installs ORDER BY last_seen_at DESC').all() as InstallRow[]).map(
        toInstallSummary,
      );
    },
    async findings(installId, limit) {
      const rows = installId
        ? stmt('SELECT * FROM findings WHERE install_id = ? ORDER BY detected_at DESC, seq DESC LIMIT ?').all(
            installId,
            limit,
          )
        : stmt('SELECT * FROM findings ORDER BY detected_at DESC, seq DESC LIMIT ?').all(limit);
      return (rows as FindingRow[]).map(toFinding);
    },
    async facets() {
      const distinct = (column: string) =>
        (
          stmt(
            `SELECT DISTINCT ${column} AS v FROM events WHERE ${column} IS NOT NULL ORDER BY v LIMIT 500`,
          ).all() as { v: string }[]
        ).map((r) => r.v);
      return {
        agents: distinct('agent_id'),
        sites: distinct('origin'),
        kinds: distinct('kind'),
        reasons: distinct('reason_id'),
      };
    },
    async getUser(username) {
      const row = stmt('SELECT username, password_hash FROM supervisors WHERE username = ?').get(username) as
        | { username: string; password_hash: string }
        | undefined;
      return row ? { username: row.username, passwordHash: row.password_hash } : null;
    },
    async setUser(username, passwordHash) {
      stmt(
        'INSERT INTO supervisors (username, password_hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at',
      ).run(username, passwordHash, new Date().toISOString());
    },
    async createSession(s: SessionRow) {
      stmt('DELETE FROM sessions WHERE expires_at <= ?').run(new Date().toISOString());
      stmt('INSERT INTO sessions (token_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)').run(
        s.tokenHash,
        s.username,
        s.csrfToken,
        s.expiresAt,
      );
    },
    async getSession(tokenHash, now) {
      const row = stmt(
        'SELECT token_hash, username, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
      ).get(tokenHash, now) as
        | { token_hash: string; username: string; csrf_token: string; expires_at: string }
        | undefined;
      return row
        ? {
            tokenHash: row.token_hash,
            username: row.username,
            csrfToken: row.csrf_token,
            expiresAt: row.expires_at,
          }
        : null;
    },
    async deleteSession(tokenHash) {
      stmt('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    async pruneBefore(cutoff, prunedAt) {
      return pruneTx(cutoff, prunedAt);
    },
    async prunes() {
      db.exec(RETENTION_TABLE);
      return (stmt(SELECT_PRUNES).all() as PruneRow[]).map(toPruneRecord);
    },
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
