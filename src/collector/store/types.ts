import type { AuditEventType, AuditRecord, Outcome, UploadBatch } from '../../core/audit/types';
import type { GapRange, IngestPlan, InstallSnapshot } from '../ingest/plan';

/**
 * The collector's storage, one async interface with two implementations
 * (SQLite by default, PostgreSQL when DATABASE_URL says so). The same test suite
 * runs against both (test/collector/store.test.ts).
 */

/** How a stored event's own link checked out when it arrived. */
export type EventIntegrity = 'ok' | 'hash-mismatch' | 'link-broken';

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
  fingerprintKeyId?: 'policy' | 'install';
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

export type FindingKind =
  | 'gap' // seqs missing between two received records (records deleted, or not uploaded yet)
  | 'gap-filled' // a gap closed later (late upload): informational
  | 'hash-mismatch' // a record's content does not match its own hash (edited after sealing)
  | 'prev-hash-mismatch' // a record does not link to its predecessor (removed, inserted or reordered)
  | 'genesis-mismatch' // seq 1 does not start from the genesis hash
  | 'seq-reused' // two different records claim the same seq (chain forked or rewritten)
  | 'head-mismatch'; // the batch's chainHead disagrees with the record at that seq

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
  /** Findings that mean tampering (everything but gap / gap-filled). */
  breaks: number;
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
  accepted: number;
  duplicates: number;
  findings: IntegrityFinding[];
}

export interface SessionRow {
  tokenHash: string;
  username: string;
  csrfToken: string;
  expiresAt: string;
}

export interface CollectorStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;

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
  installs(): Promise<InstallSummary[]>;
  findings(installId: string | null, limit: number): Promise<IntegrityFinding[]>;
  facets(): Promise<Facets>;

  getUser(username: string): Promise<{ username: string; passwordHash: string } | null>;
  setUser(username: string, passwordHash: string): Promise<void>;
  createSession(session: SessionRow): Promise<void>;
  getSession(tokenHash: string, now: string): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;

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
