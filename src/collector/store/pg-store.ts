import pg from 'pg';
import type { UploadBatch } from '../../core/audit/types';
import type { IngestPlan, InstallSnapshot } from '../ingest/plan';
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
import type { CollectorStore, IngestResult, PruneRecord } from './types';

/** `?` placeholders (shared SQL) to PostgreSQL's `$1..$n`. None of our SQL has a literal `?`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export interface PgStoreOptions {
  /** Put the tables in this schema (created if missing); tests use one schema per run. */
  schema?: string;
  max?: number;
}

/** A connection URL with its password hidden, for the start-up line. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/**
 * PostgreSQL store for teams that outgrow one machine. Several collector
 * processes may share the database: each install's batch runs under a
 * transaction-scoped advisory lock on the install id, so chain checks of one
 * install never interleave.
 */
export function openPgStore(url: string, options: PgStoreOptions = {}): CollectorStore {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('pg store: bad schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  const query = async <R extends pg.QueryResultRow>(
    sql: string,
    params: SqlValue[] = [],
    client?: pg.PoolClient,
  ) => (await (client ?? pool).query<R>(numbered(sql), params)).rows;

  const insertRows = async (
    client: pg.PoolClient,
    table: string,
    columns: readonly string[],
    rows: SqlValue[][],
    conflict: string,
  ) => {
    const per = Math.floor(30_000 / columns.length);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      await client.query(numbered(insertSql(table, columns, chunk.length, conflict)), chunk.flat());
    }
  };

  async function ingest(
    batch: UploadBatch,
    receivedAt: string,
    plan: (snapshot: InstallSnapshot) => IngestPlan,
  ): Promise<IngestResult> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sigilo:${batch.installId}`]);
      const seen = await client.query('SELECT 1 FROM batches WHERE batch_id = $1', [batch.batchId]);
      const previous = (
        await client.query<InstallRow>('SELECT * FROM installs WHERE install_id = $1', [batch.installId])
      ).rows[0];
      const existing = await client.query<{ id: string }>(
        'SELECT id FROM events WHERE id = ANY($1::text[])',
        [batch.events.map((e) => e.id)],
      );
      const neighbours = await client.query<{ id: string; seq: number; hash: string; prev_hash: string }>(
        'SELECT id, seq, hash, prev_hash FROM events WHERE install_id = $1 AND seq = ANY($2::int[])',
        [batch.installId, neighbourSeqs(batch)],
      );
      const decided = plan({
        batchSeen: (seen.rowCount ?? 0) > 0,
        existingIds: new Set(existing.rows.map((r) => r.id)),
        neighbours: neighbours.rows.map((r) => ({
          id: r.id,
          seq: r.seq,
          hash: r.hash,
          prevHash: r.prev_hash,
        })),
        maxSeq: previous ? Number(previous.max_seq) : 0,
        openGaps: previous ? JSON.parse(previous.open_gaps) : [],
      });
      if (decided.duplicateBatch) {
        await client.query('ROLLBACK');
        return { duplicateBatch: true, accepted: 0, duplicates: decided.duplicates, findings: [] };
      }
      const rows = planRows(batch, decided, previous, receivedAt);
      await insertRows(client, 'events', EVENT_COLUMNS, rows.events, 'ON CONFLICT (id) DO NOTHING');
      await insertRows(client, 'findings', FINDING_COLUMNS, rows.findings, '');
      await client.query(
        numbered(
          insertSql('batches', ['batch_id', 'install_id', 'received_at', 'events', 'accepted'], 1, ''),
        ),
        rows.batch,
      );
      await client.query(
        numbered(insertSql('installs', INSTALL_COLUMNS, 1, UPSERT_INSTALL_CONFLICT)),
        rows.install,
      );
      await client.query('COMMIT');
      return rows.result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    kind: 'postgres',
    location: redactUrl(url) + (schema ? ` (schema ${schema})` : ''),
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Two collectors starting together must not race on CREATE TABLE.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('sigilo:migrate'))");
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        for (const sql of SCHEMA_STATEMENTS) await client.query(sql);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
    ingest,
    async queryEvents(filter, page) {
      const where = whereEvents(filter);
      const [count] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM events ${where.sql}`,
        where.params,
      );
      const rows = await query<EventRow>(
        `SELECT record, integrity, batch_id, received_at FROM events ${where.sql} ORDER BY requested_at DESC, id DESC LIMIT ? OFFSET ?`,
        [...where.params, page.limit, page.offset],
      );
      return { total: Number(count?.n ?? 0), events: rows.map(toStoredEvent) };
    },
    async volume(filter, bucket) {
      const where = whereEvents(filter);
      const len = bucket === 'hour' ? 13 : 10;
      const rows = await query<{ agent_id: string; bucket: string; n: string }>(
        `SELECT agent_id, substr(requested_at, 1, ${len}) AS bucket, count(*) AS n FROM events ${where.sql} GROUP BY agent_id, bucket ORDER BY bucket, agent_id`,
        where.params,
      );
      return rows.map((r) => ({ agentId: r.agent_id, bucket: r.bucket, count: Number(r.n) }));
    },
    async installs() {
      return (await query<InstallRow>('SELECT * FROM installs ORDER BY last_seen_at DESC')).map(
        toInstallSummary,
      );
    },
    async findings(installId, limit) {
      const rows = installId
        ? await query<FindingRow>(
            'SELECT * FROM findings WHERE install_id = ? ORDER BY detected_at DESC, seq DESC LIMIT ?',
            [installId, limit],
          )
        : await query<FindingRow>('SELECT * FROM findings ORDER BY detected_at DESC, seq DESC LIMIT ?', [
            limit,
          ]);
      return rows.map(toFinding);
    },
    async facets() {
      const distinct = async (column: string) =>
        (
          await query<{ v: string }>(
            `SELECT DISTINCT ${column} AS v FROM events WHERE ${column} IS NOT NULL ORDER BY v LIMIT 500`,
          )
        ).map((r) => r.v);
      const [agents, sites, kinds, reasons] = await Promise.all([
        distinct('agent_id'),
        distinct('origin'),
        distinct('kind'),
        distinct('reason_id'),
      ]);
      return { agents, sites, kinds, reasons };
    },
    async getUser(username) {
      const [row] = await query<{ username: string; password_hash: string }>(
        'SELECT username, password_hash FROM supervisors WHERE username = ?',
        [username],
      );
      return row ? { username: row.username, passwordHash: row.password_hash } : null;
    },
    async setUser(username, passwordHash) {
      await query(
        'INSERT INTO supervisors (username, password_hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at',
        [username, passwordHash, new Date().toISOString()],
      );
    },
    async createSession(s) {
      await query('DELETE FROM sessions WHERE expires_at <= ?', [new Date().toISOString()]);
      await query('INSERT INTO sessions (token_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)', [
        s.tokenHash,
        s.username,
        s.csrfToken,
        s.expiresAt,
      ]);
    },
    async getSession(tokenHash, now) {
      const [row] = await query<{
        token_hash: string;
        username: string;
        csrf_token: string;
        expires_at: string;
      }>(
        'SELECT token_hash, username, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
        [tokenHash, now],
      );
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
      await query('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
    },
    async pruneBefore(cutoff, prunedAt) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Several collectors may share the database: one pruner at a time, and
        // each install's cut under the same lock its uploads take.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['sigilo:retention']);
        await client.query(RETENTION_TABLE);
        const out: PruneRecord[] = [];
        const candidates = await query<{ install_id: string }>(PRUNE_CANDIDATES, [cutoff], client);
        for (const { install_id: installId } of candidates) {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sigilo:${installId}`]);
          const [first] = await query<{ seq: number | null }>(FIRST_KEPT, [installId, cutoff], client);
          const keepFrom = first?.seq ?? ALL_SEQS;
          const [range] = await query<{ from_seq: number | null; through_seq: number | null; n: string }>(
            PRUNE_RANGE,
            [installId, keepFrom],
            client,
          );
          if (!range || range.from_seq === null || range.through_seq === null) continue;
          const [last] = await query<{ hash: string }>(HASH_AT, [installId, range.through_seq], client);
          await query(DELETE_PREFIX, [installId, keepFrom], client);
          const row: PruneRow = {
            install_id: installId,
            from_seq: range.from_seq,
            through_seq: range.through_seq,
            through_hash: last?.hash ?? '',
            events: Number(range.n),
            cutoff,
            pruned_at: prunedAt,
          };
          await query(
            INSERT_PRUNE,
            [
              row.install_id,
              Number(row.from_seq),
              Number(row.through_seq),
              row.through_hash,
              Number(row.events),
              row.cutoff,
              row.pruned_at,
            ],
            client,
          );
          out.push(toPruneRecord(row));
        }
        await client.query('COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async prunes() {
      await query(RETENTION_TABLE);
      return (await query<PruneRow>(SELECT_PRUNES)).map(toPruneRecord);
    },
  };
}
