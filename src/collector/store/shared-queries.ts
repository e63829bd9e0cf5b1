import type { AuditRecord } from '../../core/audit/types';
import { nextAccessEntry } from './access-chain';
import {
  type EventRow,
  type FindingRow,
  type InstallRow,
  type SqlValue,
  toFinding,
  toInstallSummary,
  toStoredEvent,
  whereEvents,
} from './sql';
import type { AccessEntry, Account, ActiveSession, CollectorStore, LoginGate, Role } from './types';

/**
 * Every query but the ingest transaction, written once for both databases in
 * the SQL they share (`?` placeholders; the PostgreSQL adapter numbers them).
 * Each store supplies a small SqlDb adapter.
 */
export interface SqlDb {
  all<R>(sql: string, params?: SqlValue[]): Promise<R[]>;
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Run `fn` in one transaction holding a lock named `lock` (serialised across processes on PostgreSQL). */
  locked<T>(lock: string, fn: (db: SqlDb) => Promise<T>): Promise<T>;
}

/** Failed logins allowed before the account backs off; then each further failure doubles the wait. */
export const LOGIN_FREE_FAILURES = 5;
const BACKOFF_BASE_S = 30;
const BACKOFF_MAX_S = 15 * 60;

export function loginBackoffSeconds(failures: number): number {
  if (failures < LOGIN_FREE_FAILURES) return 0;
  return Math.min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** (failures - LOGIN_FREE_FAILURES));
}

interface AccountRow {
  username: string;
  role: string;
  password_hash: string | null;
  source: string;
  disabled: number | string;
  created_at: string;
  updated_at: string;
}

function toAccount(row: AccountRow): Account {
  return {
    username: row.username,
    role: row.role as Role,
    passwordHash: row.password_hash,
    source: row.source as Account['source'],
    disabled: Number(row.disabled) !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface AccessRow {
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

function toAccess(row: AccessRow): AccessEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

type Shared = Omit<
  CollectorStore,
  'kind' | 'location' | 'migrate' | 'close' | 'ingest' | 'pruneBefore' | 'prunes'
>;

export function sharedQueries(db: SqlDb): Shared {
  const count = async (sql: string, params: SqlValue[] = []) =>
    Number((await db.all<{ n: number | string }>(sql, params))[0]?.n ?? 0);

  const queryEvents: Shared['queryEvents'] = async (filter, page) => {
    const where = whereEvents(filter);
    const total = await count(`SELECT count(*) AS n FROM events ${where.sql}`, where.params);
    const rows =
      page.limit > 0
        ? await db.all<EventRow>(
            `SELECT record, integrity, batch_id, received_at FROM events ${where.sql} ORDER BY requested_at DESC, id DESC LIMIT ? OFFSET ?`,
            [...where.params, page.limit, page.offset],
          )
        : [];
    return { total, events: rows.map(toStoredEvent) };
  };

  return {
    async ping() {
      await db.all('SELECT 1 AS n');
    },
    queryEvents,
    async reveals(filter, page) {
      const { total, events } = await queryEvents({ ...filter, type: 'reveal' }, page);
      const shown = events.filter((e) => e.record.outcome === 'revealed');
      const remasks = new Map<string, AuditRecord>();
      if (shown.length > 0) {
        // A re-mask record copies its reveal's requestedAt and names it in refId:
        // the indexed time narrows the search to the page's own reveals, refId decides.
        const installs = [...new Set(shown.map((e) => e.record.installId))];
        const times = [...new Set(shown.map((e) => new Date(e.record.requestedAt).toISOString()))];
        const rows = await db.all<{ record: string }>(
          `SELECT record FROM events WHERE type = 'remask' AND install_id IN (${installs.map(() => '?').join(', ')}) AND requested_at IN (${times.map(() => '?').join(', ')}) ORDER BY seq`,
          [...installs, ...times],
        );
        for (const row of rows) {
          const record = JSON.parse(row.record) as AuditRecord;
          if (record.refId && !remasks.has(record.refId)) remasks.set(record.refId, record);
        }
      }
      return {
        total,
        reveals: events.map((e) => ({ ...e, remask: remasks.get(e.record.id) ?? null })),
      };
    },
    async series(filter, group) {
      const where = whereEvents({ ...filter, type: 'reveal', outcome: filter.outcome ?? 'revealed' });
      const column = group === 'agent' ? 'agent_id' : group === 'kind' ? 'kind' : "COALESCE(reason_id, '')";
      const rows = await db.all<{ k: string; bucket: string; n: number | string }>(
        `SELECT ${column} AS k, substr(requested_at, 1, 13) AS bucket, count(*) AS n FROM events ${where.sql} GROUP BY ${column}, substr(requested_at, 1, 13) ORDER BY bucket, k`,
        where.params,
      );
      return rows.map((r) => ({ key: r.k, bucket: r.bucket, count: Number(r.n) }));
    },
    async overview(filter) {
      const where = whereEvents(filter);
      const rows = await db.all<{
        agent_id: string;
        reveals: number | string | null;
        refusals: number | string | null;
        anomalies: number | string | null;
      }>(
        `SELECT agent_id,
           SUM(CASE WHEN type = 'reveal' AND outcome = 'revealed' THEN 1 ELSE 0 END) AS reveals,
           SUM(CASE WHEN type = 'reveal' AND outcome = 'refused' THEN 1 ELSE 0 END) AS refusals,
           SUM(CASE WHEN type = 'anomaly' THEN 1 ELSE 0 END) AS anomalies
         FROM events ${where.sql} GROUP BY agent_id ORDER BY anomalies DESC, refusals DESC, reveals DESC, agent_id`,
        where.params,
      );
      const agents = rows.map((r) => ({
        agentId: r.agent_id,
        reveals: Number(r.reveals ?? 0),
        refusals: Number(r.refusals ?? 0),
        anomalies: Number(r.anomalies ?? 0),
      }));
      const sum = (key: 'reveals' | 'refusals' | 'anomalies') => agents.reduce((n, a) => n + a[key], 0);
      return { reveals: sum('reveals'), refusals: sum('refusals'), anomalies: sum('anomalies'), agents };
    },
    async volume(filter, bucket) {
      const where = whereEvents(filter);
      const len = bucket === 'hour' ? 13 : 10;
      const rows = await db.all<{ agent_id: string; bucket: string; n: number | string }>(
        `SELECT agent_id, substr(requested_at, 1, ${len}) AS bucket, count(*) AS n FROM events ${where.sql} GROUP BY agent_id, substr(requested_at, 1, ${len}) ORDER BY bucket, agent_id`,
        where.params,
      );
      return rows.map((r) => ({ agentId: r.agent_id, bucket: r.bucket, count: Number(r.n) }));
    },
    async installs() {
      const rows = await db.all<
        InstallRow & { findings: number | string; public_key: string | null; enrolled: number }
      >(
        `SELECT i.*, e.public_key, CASE WHEN e.install_id IS NULL THEN 0 ELSE 1 END AS enrolled,
           (SELECT count(*) FROM findings f WHERE f.install_id = i.install_id) AS findings
         FROM installs i LEFT JOIN enrolments e ON e.install_id = i.install_id
         ORDER BY i.last_seen_at DESC, i.install_id`,
      );
      return rows.map(toInstallSummary);
    },
    async findings(installId, page, perInstall) {
      if (installId) {
        const total = await count('SELECT count(*) AS n FROM findings WHERE install_id = ?', [installId]);
        const rows = await db.all<FindingRow>(
          'SELECT * FROM findings WHERE install_id = ? ORDER BY detected_at DESC, seq DESC, id LIMIT ? OFFSET ?',
          [installId, page.limit, page.offset],
        );
        return { total, findings: rows.map(toFinding) };
      }
      const cap = perInstall ?? 1_000_000;
      const ranked = `SELECT f.*, ROW_NUMBER() OVER (PARTITION BY install_id ORDER BY detected_at DESC, seq DESC, id) AS rn FROM findings f`;
      const total = await count(`SELECT count(*) AS n FROM (${ranked}) r WHERE rn <= ?`, [cap]);
      const rows = await db.all<FindingRow>(
        `SELECT id, install_id, kind, seq, to_seq, event_id, batch_id, detected_at FROM (${ranked}) r WHERE rn <= ? ORDER BY detected_at DESC, install_id, seq DESC, id LIMIT ? OFFSET ?`,
        [cap, page.limit, page.offset],
      );
      return { total, findings: rows.map(toFinding) };
    },
    async facets() {
      const distinct = async (column: string) =>
        (
          await db.all<{ v: string }>(
            `SELECT DISTINCT ${column} AS v FROM events WHERE ${column} IS NOT NULL ORDER BY v LIMIT 500`,
          )
        ).map((r) => r.v);
      return {
        agents: await distinct('agent_id'),
        sites: await distinct('origin'),
        kinds: await distinct('kind'),
        reasons: await distinct('reason_id'),
      };
    },
    async escrows() {
      const rows = await db.all<{ install_id: string; escrow: string }>(
        'SELECT install_id, escrow FROM enrolments WHERE escrow IS NOT NULL ORDER BY install_id',
      );
      return rows.map((r) => ({ installId: r.install_id, escrow: r.escrow }));
    },

    async getAccount(username) {
      const [row] = await db.all<AccountRow>('SELECT * FROM accounts WHERE username = ?', [username]);
      return row ? toAccount(row) : null;
    },
    async listAccounts() {
      return (await db.all<AccountRow>('SELECT * FROM accounts ORDER BY username')).map(toAccount);
    },
    async putAccount(account) {
      const now = new Date().toISOString();
      await db.locked(`account:${account.username}`, async (tx) => {
        const [before] = await tx.all<AccountRow>('SELECT * FROM accounts WHERE username = ?', [
          account.username,
        ]);
        if (!before) {
          await tx.run(
            'INSERT INTO accounts (username, role, password_hash, source, disabled, failures, locked_until, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, NULL, ?, ?)',
            [account.username, account.role, account.passwordHash, account.source, now, now],
          );
          return;
        }
        await tx.run(
          'UPDATE accounts SET role = ?, password_hash = ?, source = ?, updated_at = ? WHERE username = ?',
          [account.role, account.passwordHash, account.source, now, account.username],
        );
        // A new password or role must not leave old sessions running with the old rights.
        if (before.password_hash !== account.passwordHash || before.role !== account.role) {
          await tx.run('DELETE FROM sessions WHERE username = ?', [account.username]);
        }
      });
    },
    async setDisabled(username, disabled) {
      const changed = await db.run('UPDATE accounts SET disabled = ?, updated_at = ? WHERE username = ?', [
        disabled ? 1 : 0,
        new Date().toISOString(),
        username,
      ]);
      if (disabled) await db.run('DELETE FROM sessions WHERE username = ?', [username]);
      return changed > 0;
    },
    async takeLoginAttempt(username, now): Promise<LoginGate> {
      const at = now.toISOString();
      // One statement counts the attempt, decides, and locks once the free attempts are used up,
      // so N concurrent guesses (on any instance) get N distinct counts and at most the free ones run.
      const rows = await db.all<{ failures: number | string }>(
        `UPDATE accounts SET failures = failures + 1,
           locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE NULL END
         WHERE username = ? AND disabled = 0 AND (locked_until IS NULL OR locked_until <= ?) RETURNING failures`,
        [LOGIN_FREE_FAILURES, new Date(now.getTime() + BACKOFF_BASE_S * 1000).toISOString(), username, at],
      );
      const row = rows[0];
      if (!row) {
        const [locked] = await db.all<{ locked_until: string | null }>(
          'SELECT locked_until FROM accounts WHERE username = ?',
          [username],
        );
        // Unknown names go on to a normal "wrong user name or password".
        return { allowed: !locked, retryAt: locked?.locked_until ?? null };
      }
      const wait = loginBackoffSeconds(Number(row.failures));
      if (wait > BACKOFF_BASE_S) {
        await db.run('UPDATE accounts SET locked_until = ? WHERE username = ?', [
          new Date(now.getTime() + wait * 1000).toISOString(),
          username,
        ]);
      }
      return { allowed: true, retryAt: null };
    },
    async loginSucceeded(username) {
      await db.run('UPDATE accounts SET failures = 0, locked_until = NULL WHERE username = ?', [username]);
    },

    async createSession(s) {
      await db.run('DELETE FROM sessions WHERE expires_at <= ?', [new Date().toISOString()]);
      await db.run(
        'INSERT INTO sessions (token_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)',
        [s.tokenHash, s.username, s.csrfToken, s.expiresAt],
      );
    },
    async getSession(tokenHash, now): Promise<ActiveSession | null> {
      const [row] = await db.all<{
        token_hash: string;
        username: string;
        csrf_token: string;
        expires_at: string;
        role: string;
      }>(
        `SELECT s.token_hash, s.username, s.csrf_token, s.expires_at, a.role FROM sessions s
           JOIN accounts a ON a.username = s.username
         WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0`,
        [tokenHash, now],
      );
      return row
        ? {
            tokenHash: row.token_hash,
            username: row.username,
            csrfToken: row.csrf_token,
            expiresAt: row.expires_at,
            role: row.role as Role,
          }
        : null;
    },
    async deleteSession(tokenHash) {
      await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
    },

    async appendAccess(entry) {
      return db.locked('access-log', async (tx) => {
        const [last] = await tx.all<AccessRow>('SELECT * FROM access_log ORDER BY seq DESC LIMIT 1');
        const next = nextAccessEntry(last ? toAccess(last) : null, entry);
        await tx.run(
          'INSERT INTO access_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [next.seq, next.at, next.actor, next.action, next.detail, next.prevHash, next.hash],
        );
        return next;
      });
    },
    async putSsoFlow(flow, expiresAt) {
      await db.run('DELETE FROM sso_flows WHERE expires_at <= ?', [new Date().toISOString()]);
      await db.run(
        'INSERT INTO sso_flows (state, verifier, nonce, redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?)',
        [flow.state, flow.verifier, flow.nonce, flow.redirectUri, expiresAt],
      );
    },
    async takeSsoFlow(state, now) {
      const [row] = await db.all<{ state: string; verifier: string; nonce: string; redirect_uri: string }>(
        'DELETE FROM sso_flows WHERE state = ? AND expires_at > ? RETURNING state, verifier, nonce, redirect_uri',
        [state, now],
      );
      return row
        ? { state: row.state, verifier: row.verifier, nonce: row.nonce, redirectUri: row.redirect_uri }
        : null;
    },
    async accessLog(page) {
      const total = await count('SELECT count(*) AS n FROM access_log');
      const rows = await db.all<AccessRow>('SELECT * FROM access_log ORDER BY seq LIMIT ? OFFSET ?', [
        page.limit,
        page.offset,
      ]);
      return { total, entries: rows.map(toAccess) };
    },
  };
}
