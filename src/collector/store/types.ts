import type { AuditEventType, AuditRecord, Outcome, UploadBatch } from '../../core/audit/types';
import type { SsoFlow } from '../auth/oidc';
import type {
  EventIntegrity,
  FindingKind,
  GapRange,
  IngestPlan,
  InstallSnapshot,
  Refusal,
} from '../ingest/model';

export type { EventIntegrity, FindingKind, GapRange };

/**
 * The collector's storage, one async interface with two implementations
 * (SQLite by default, PostgreSQL when DATABASE_URL says so). The same test suite
 * runs against both (test/collector/store.test.ts).
 */

export interface StoredEvent {
  record: AuditRecord;
  integrity: EventIntegrity;
  batchId: string;
  receivedAt: string;
}

export interface EventFilter {
  /** ISO-8601 bounds on requestedAt, inclusive. */
  from?: string;
  to?: string;
  agentId?: string;
  installId?: string;
  /** Case-insensitive substring of the page origin. */
  site?: string;
  kind?: string;
  reasonId?: string;
  outcome?: Outcome;
  type?: AuditEventType;
  fingerprint?: string;
  /** Any of these fingerprints (the data-subject report: one per install key). */
  fingerprints?: string[];
  fingerprintKeyId?: 'policy' | 'install';
  /** Only installs that escrowed no fingerprint key. */
  withoutEscrow?: boolean;
  /** Anomaly records, flagged reveals and refused reveals only. */
  anomalous?: boolean;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

export type VolumeBucket = 'hour' | 'day';

export interface VolumeRow {
  agentId: string;
  /** "YYYY-MM-DDTHH" (hour) or "YYYY-MM-DD" (day), UTC. */
  bucket: string;
  count: number;
}

/** The dimension a reveal series is split by. */
export type SeriesGroup = 'agent' | 'kind' | 'reason';

export interface SeriesRow {
  /** The agent id, the kind or the reason id ('' when the record has none). */
  key: string;
  /** "YYYY-MM-DDTHH", UTC: the UI places each hour on a continuous time axis in the viewer's zone. */
  bucket: string;
  count: number;
}

/**
 * One reveal as a supervisor reads it: the reveal record with the re-mask
 * record that ended it (joined by refId), or null while none arrived.
 */
export interface RevealRow extends StoredEvent {
  remask: AuditRecord | null;
}

export interface AgentFigures {
  agentId: string;
  reveals: number;
  refusals: number;
  anomalies: number;
}

/** Counts since a point in time, for the console's first screen. */
export interface OverviewFigures {
  reveals: number;
  refusals: number;
  /** Anomaly records, flagged reveals and refused reveals (the `anomalous` filter). */
  anomalies: number;
  agents: AgentFigures[];
}

export interface IntegrityFinding {
  id: string;
  installId: string;
  kind: FindingKind;
  /** The seq the finding is about (first missing seq for gaps). */
  seq: number;
  /** Last missing seq for gaps; equals seq otherwise. */
  toSeq: number;
  eventId: string | null;
  batchId: string;
  detectedAt: string;
}

export type InstallStatus = 'ok' | 'gaps' | 'broken';

export interface InstallSummary {
  installId: string;
  agentId: string;
  extensionVersion: string;
  firstSeenAt: string;
  lastSeenAt: string;
  events: number;
  maxSeq: number;
  /** The chain head the extension last reported (may be ahead of what arrived). */
  reportedHead: { seq: number; hash: string };
  openGaps: GapRange[];
  /** Findings that mean tampering (everything but the informational kinds). */
  breaks: number;
  /** Every finding recorded for this install. */
  findings: number;
  /** Whether the install enrolled with a signing key (null: not enrolled yet, uploaded before keys). */
  signed: boolean | null;
  status: InstallStatus;
}

export interface Facets {
  agents: string[];
  sites: string[];
  kinds: string[];
  reasons: string[];
}

export interface IngestResult {
  /** The batchId was seen before: nothing was written. */
  duplicateBatch: boolean;
  /** The batch was refused (nothing stored but its findings). */
  refused: Refusal | null;
  accepted: number;
  duplicates: number;
  findings: IntegrityFinding[];
}

export type Role = 'supervisor' | 'auditor';
export const ROLES: readonly Role[] = ['supervisor', 'auditor'];

export interface Account {
  username: string;
  role: Role;
  /** scrypt hash; null for single-sign-on accounts. */
  passwordHash: string | null;
  source: 'local' | 'bootstrap' | 'oidc';
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRow {
  tokenHash: string;
  username: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ActiveSession extends SessionRow {
  role: Role;
}

export interface AccessEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** JSON object with the action's details (never a looked-up value). */
  detail: string;
  prevHash: string;
  hash: string;
}

export interface LoginGate {
  /** Whether this attempt may check the password (false while the account is backing off). */
  allowed: boolean;
  /** When the account may try again, when it is backing off. */
  retryAt: string | null;
}

export interface CollectorStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip to the database (health check). */
  ping(): Promise<void>;

  /**
   * Store one validated batch atomically: load an InstallSnapshot, apply what
   * `plan` decides (synchronous and pure: hashes are recomputed before, because
   * Web Crypto is async and SQLite transactions are synchronous), inside one
   * transaction that is serialised per install.
   */
  ingest(
    batch: UploadBatch,
    receivedAt: string,
    plan: (snapshot: InstallSnapshot) => IngestPlan,
  ): Promise<IngestResult>;

  queryEvents(filter: EventFilter, page: PageRequest): Promise<{ total: number; events: StoredEvent[] }>;
  volume(filter: EventFilter, bucket: VolumeBucket): Promise<VolumeRow[]>;
  /** Reveal records only, newest first, each with its re-mask record. */
  reveals(filter: EventFilter, page: PageRequest): Promise<{ total: number; reveals: RevealRow[] }>;
  /** Counts per hour split by agent, kind or reason. */
  series(filter: EventFilter, group: SeriesGroup): Promise<SeriesRow[]>;
  overview(filter: EventFilter): Promise<OverviewFigures>;
  installs(): Promise<InstallSummary[]>;
  /** Newest first; with no install, at most `perInstall` of each install so none is crowded out. */
  findings(
    installId: string | null,
    page: PageRequest,
    perInstall?: number,
  ): Promise<{ total: number; findings: IntegrityFinding[] }>;
  facets(): Promise<Facets>;
  /** Escrowed fingerprint keys (sealed), for the data-subject report. */
  escrows(): Promise<{ installId: string; escrow: string }[]>;

  getAccount(username: string): Promise<Account | null>;
  listAccounts(): Promise<Account[]>;
  /** Create or update; a changed password or role ends the account's sessions. */
  putAccount(account: Pick<Account, 'username' | 'role' | 'passwordHash' | 'source'>): Promise<void>;
  /** Disable or enable; disabling ends the account's sessions at once. Returns false for an unknown user. */
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  /**
   * Count one login attempt before the password is checked, atomically in the
   * database, so concurrent guesses (on any instance) cannot slip past the limit.
   */
  takeLoginAttempt(username: string, now: Date): Promise<LoginGate>;
  loginSucceeded(username: string): Promise<void>;

  createSession(session: SessionRow): Promise<void>;
  /** The session with its account's current role; null when expired, ended, or the account is disabled. */
  getSession(tokenHash: string, now: string): Promise<ActiveSession | null>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Append to the hash-chained access log (serialised across instances). */
  appendAccess(entry: { at: string; actor: string; action: string; detail: string }): Promise<AccessEntry>;
  accessLog(page: PageRequest): Promise<{ total: number; entries: AccessEntry[] }>;

  putSsoFlow(flow: SsoFlow, expiresAt: string): Promise<void>;
  /** Returns and deletes the flow (one use), null when unknown or expired. */
  takeSsoFlow(state: string, now: string): Promise<SsoFlow | null>;

  /**
   * Retention: per install, delete the events before the first one requested at
   * or after `cutoff` (a prefix of its chain) and record what went.
   */
  pruneBefore(cutoff: string, prunedAt: string): Promise<PruneRecord[]>;
  /** Everything retention removed, oldest first. */
  prunes(): Promise<PruneRecord[]>;
}

/** One retention cut of one install's chain: seqs fromSeq..throughSeq are gone. */
export interface PruneRecord {
  installId: string;
  fromSeq: number;
  throughSeq: number;
  /** Hash of the last pruned record: the kept chain's first prevHash links to it. */
  throughHash: string;
  events: number;
  cutoff: string;
  prunedAt: string;
}
