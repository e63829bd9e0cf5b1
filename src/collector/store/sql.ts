import type { EventFilter, InstallSummary, IntegrityFinding, StoredEvent } from './types';

/**
 * SQL both stores share. Written in the subset SQLite and PostgreSQL agree on
 * (TEXT/INTEGER columns, ISO-8601 text timestamps, ON CONFLICT), with `?`
 * placeholders that the PostgreSQL store renumbers to $n.
 *
 * Timestamps are stored as normalised ISO-8601 UTC text (Date#toISOString), so
 * string comparison is time order in both databases. The record as received is
 * kept verbatim in `record`: its hash covers every field, and the export must
 * hand the SIEM the exact record so it can re-verify the chain itself.
 */
export const SCHEMA_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    install_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT,
    fingerprint_key_id TEXT,
    reason_id TEXT,
    outcome TEXT NOT NULL,
    flags TEXT NOT NULL,
    hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    integrity TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    record TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS events_install_seq ON events (install_id, seq)',
  'CREATE INDEX IF NOT EXISTS events_requested ON events (requested_at)',
  'CREATE INDEX IF NOT EXISTS events_agent_requested ON events (agent_id, requested_at)',
  'CREATE INDEX IF NOT EXISTS events_fingerprint ON events (fingerprint)',
  `CREATE TABLE IF NOT EXISTS batches (
    batch_id TEXT PRIMARY KEY,
    install_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    events INTEGER NOT NULL,
    accepted INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS installs (
    install_id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    extension_version TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    events INTEGER NOT NULL,
    max_seq INTEGER NOT NULL,
    head_seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    open_gaps TEXT NOT NULL,
    breaks INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY,
    install_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    event_id TEXT,
    batch_id TEXT NOT NULL,
    detected_at TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS findings_install ON findings (install_id, detected_at)',
  `CREATE TABLE IF NOT EXISTS supervisors (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS sessions_username ON sessions (username)',
  // What an install pinned when it enrolled: its public key, agent and sealed fingerprint key.
  `CREATE TABLE IF NOT EXISTS enrolments (
    install_id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    public_key TEXT,
    escrow TEXT,
    enrolled_at TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS installs_agent ON installs (agent_id)',
  // Every chain head an install reported, so a rewritten tail shows as a changed hash.
  `CREATE TABLE IF NOT EXISTS reported_heads (
    install_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (install_id, seq)
  )`,
  `CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT,
    source TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  // Single sign-on flows in progress (any instance may receive the callback).
  `CREATE TABLE IF NOT EXISTS sso_flows (
    state TEXT PRIMARY KEY,
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS access_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`,
];

export const EVENT_COLUMNS = [
  'id',
  'install_id',
  'seq',
  'type',
  'requested_at',
  'agent_id',
  'origin',
  'kind',
  'fingerprint',
  'fingerprint_key_id',
  'reason_id',
  'outcome',
  'flags',
  'hash',
  'prev_hash',
  'integrity',
  'batch_id',
  'received_at',
  'record',
] as const;

export const FINDING_COLUMNS = [
  'id',
  'install_id',
  'kind',
  'seq',
  'to_seq',
  'event_id',
  'batch_id',
  'detected_at',
] as const;

export const INSTALL_COLUMNS = [
  'install_id',
  'agent_id',
  'extension_version',
  'first_seen_at',
  'last_seen_at',
  'events',
  'max_seq',
  'head_seq',
  'head_hash',
  'open_gaps',
  'breaks',
] as const;

export type SqlValue = string | number | null;

export function insertSql(table: string, columns: readonly string[], rows: number, conflict: string): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ${conflict}`;
}

export const UPSERT_INSTALL_CONFLICT = `ON CONFLICT (install_id) DO UPDATE SET ${INSTALL_COLUMNS.filter(
  (c) => c !== 'install_id' && c !== 'first_seen_at',
)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An event a supervisor must look at (see whereEvents' `anomalous`). */
export const ANOMALOUS_SQL =
  "(type = 'anomaly' OR outcome = 'refused' OR (type = 'reveal' AND flags <> '[]'))";

/** WHERE clause for an event filter (empty filter = every event). */
export function whereEvents(filter: EventFilter): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, value: SqlValue) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.from) add('requested_at >= ?', new Date(filter.from).toISOString());
  if (filter.to) add('requested_at <= ?', new Date(filter.to).toISOString());
  if (filter.agentId) add('agent_id = ?', filter.agentId);
  if (filter.installId) add('install_id = ?', filter.installId);
  if (filter.site) add("lower(origin) LIKE ? ESCAPE '\\'", likePattern(filter.site));
  if (filter.kind) add('kind = ?', filter.kind);
  if (filter.reasonId) add('reason_id = ?', filter.reasonId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.type) add('type = ?', filter.type);
  if (filter.fingerprint) add('fingerprint = ?', filter.fingerprint);
  if (filter.fingerprints) {
    // An empty list matches nothing (not everything).
    if (filter.fingerprints.length === 0) parts.push('1 = 0');
    else {
      parts.push(`fingerprint IN (${filter.fingerprints.map(() => '?').join(', ')})`);
      params.push(...filter.fingerprints);
    }
  }
  if (filter.fingerprintKeyId) add('fingerprint_key_id = ?', filter.fingerprintKeyId);
  if (filter.withoutEscrow) {
    parts.push('install_id NOT IN (SELECT install_id FROM enrolments WHERE escrow IS NOT NULL)');
  }
  // What a supervisor must look at: anomaly records, flagged reveals (over the
  // limits but allowed by policy) and refused reveals. Re-mask records carry a
  // flag too (remask:hide, remask:timer), but an ordinary hide is no anomaly.
  if (filter.anomalous) parts.push(ANOMALOUS_SQL);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export interface EventRow {
  record: string;
  integrity: string;
  batch_id: string;
  received_at: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    record: JSON.parse(row.record),
    integrity: row.integrity as StoredEvent['integrity'],
    batchId: row.batch_id,
    receivedAt: row.received_at,
  };
}

export interface InstallRow {
  install_id: string;
  agent_id: string;
  extension_version: string;
  first_seen_at: string;
  last_seen_at: string;
  events: number | string;
  max_seq: number | string;
  head_seq: number | string;
  head_hash: string;
  open_gaps: string;
  breaks: number | string;
}

export function toInstallSummary(
  row: InstallRow & {
    findings?: number | string | null;
    public_key?: string | null;
    enrolled?: number | string | null;
  },
): InstallSummary {
  const openGaps = JSON.parse(row.open_gaps) as InstallSummary['openGaps'];
  const breaks = Number(row.breaks);
  return {
    installId: row.install_id,
    agentId: row.agent_id,
    extensionVersion: row.extension_version,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    events: Number(row.events),
    maxSeq: Number(row.max_seq),
    reportedHead: { seq: Number(row.head_seq), hash: row.head_hash },
    openGaps,
    breaks,
    findings: Number(row.findings ?? 0),
    signed: Number(row.enrolled ?? 0) > 0 ? row.public_key !== null && row.public_key !== undefined : null,
    status: breaks > 0 ? 'broken' : openGaps.length > 0 ? 'gaps' : 'ok',
  };
}

export interface FindingRow {
  id: string;
  install_id: string;
  kind: string;
  seq: number | string;
  to_seq: number | string;
  event_id: string | null;
  batch_id: string;
  detected_at: string;
}

export function toFinding(row: FindingRow): IntegrityFinding {
  return {
    id: row.id,
    installId: row.install_id,
    kind: row.kind as IntegrityFinding['kind'],
    seq: Number(row.seq),
    toSeq: Number(row.to_seq),
    eventId: row.event_id,
    batchId: row.batch_id,
    detectedAt: row.detected_at,
  };
}
