import pg from 'pg';
import type { UploadBatch } from '../../core/audit/types';
import type { IngestPlan, InstallSnapshot } from '../ingest/model';
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
import { toEnrolment } from './sqlite-store';
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
      // Installs of one agent enrol one after the other, so each sees the ones before it.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sigilo-agent:${batch.agentId}`]);
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
      const enrolled = (
        await client.query<{
          install_id: string;
          agent_id: string;
          public_key: string | null;
          escrow: string | null;
          enrolled_at: string;
        }>('SELECT * FROM enrolments WHERE install_id = $1', [batch.installId])
      ).rows[0];
      const heads = await client.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM reported_heads WHERE install_id = $1 AND seq = ANY($2::int[])',
        [batch.installId, reportedHeadSeqs(batch)],
      );
      const siblings = enrolled
        ? []
        : (
            await client.query<InstallRow>(
              'SELECT i.* FROM installs i JOIN enrolments e ON e.install_id = i.install_id WHERE e.agent_id = $1 AND i.install_id <> $2',
              [batch.agentId, batch.installId],
            )
          ).rows.map((r) => ({
            installId: r.install_id,
            maxSeq: Number(r.max_seq),
            headSeq: Number(r.head_seq),
            openGaps: JSON.parse(r.open_gaps),
          }));
      const decided = plan({
        enrolment: enrolled ? toEnrolment(enrolled) : null,
        reportedHeads: new Map(heads.rows.map((h) => [Number(h.seq), h.hash])),
        siblings,
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
        return {
          duplicateBatch: true,
          refused: null,
          accepted: 0,
          duplicates: decided.duplicates,
          findings: [],
        };
      }
      const rows = planRows(batch, decided, previous, receivedAt);
      await insertRows(client, 'events', EVENT_COLUMNS, rows.events, 'ON CONFLICT (id) DO NOTHING');
      await insertRows(client, 'findings', FINDING_COLUMNS, rows.findings, '');
      const one = (table: string, columns: readonly string[], row: SqlValue[] | null, conflict = '') =>
        row ? client.query(numbered(insertSql(table, columns, 1, conflict)), row) : null;
      await one('batches', ['batch_id', 'install_id', 'received_at', 'events', 'accepted'], rows.batch);
      await one('installs', INSTALL_COLUMNS, rows.install, UPSERT_INSTALL_CONFLICT);
      await one('enrolments', ENROLMENT_COLUMNS, rows.enrolment, UPSERT_ENROLMENT);
      await one('reported_heads', HEAD_COLUMNS, rows.head, 'ON CONFLICT DO NOTHING');
      for (const [installId, n] of rows.otherBreaks) {
        await client.query('UPDATE installs SET breaks = breaks + $1 WHERE install_id = $2', [n, installId]);
      }
      await client.query('COMMIT');
      return rows.result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const query = async <R extends pg.QueryResultRow>(
    sql: string,
    params: SqlValue[] = [],
    client?: pg.PoolClient,
  ) => (await (client ?? pool).query<R>(numbered(sql), params)).rows;

  const adapter = (client: pg.Pool | pg.PoolClient): SqlDb => ({
    async all<R>(sql: string, params: SqlValue[] = []) {
      return (await client.query(numbered(sql), params)).rows as R[];
    },
    async run(sql, params = []) {
      return (await client.query(numbered(sql), params)).rowCount ?? 0;
    },
    async locked<T>(lock: string, fn: (tx: SqlDb) => Promise<T>): Promise<T> {
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        // A transaction-scoped advisory lock: every instance on this database queues here.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sigilo-lock:${lock}`]);
        const result = await fn(adapter(tx));
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await tx.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        tx.release();
      }
    },
  });

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
    ...sharedQueries(adapter(pool)),
  };
}
