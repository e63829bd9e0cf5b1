import type { AuditRecord } from '../../core/audit/types';

/**
 * The ingest model: what the planner reads (a snapshot of one install) and
 * what it decides (a plan). Its own module so the planner (ingest/plan.ts) and
 * the stores (store/*) both depend on it and not on each other.
 */

/** How a stored event's own link checked out when it arrived. */
export type EventIntegrity = 'ok' | 'hash-mismatch' | 'link-broken';

export type FindingKind =
  | 'gap' // seqs missing between two received records (records deleted, or not uploaded yet)
  | 'gap-filled' // a gap closed later (late upload): informational
  | 'head-ahead' // a batch with records reported a head past them: the rest exist and are owed
  | 'hash-mismatch' // a record's content does not match its own hash (edited after sealing)
  | 'prev-hash-mismatch' // a record does not link to its predecessor (removed, inserted or reordered)
  | 'genesis-mismatch' // seq 1 does not start from the genesis hash
  | 'seq-reused' // two different records claim the same seq (chain forked or rewritten)
  | 'head-mismatch' // the batch's chainHead disagrees with the record at that seq
  | 'head-rewritten' // a seq whose head hash was reported before now has another hash
  | 'signature-invalid' // a batch for an enrolled install was not signed by its pinned key (refused)
  | 'key-mismatch' // a batch for an enrolled install presented another public key (refused)
  | 'agent-mismatch' // records name another agent than the one the install enrolled with
  | 'new-install' // an install enrolled for an agent that already had one: informational
  | 'install-replaced' // an install of the same agent was replaced while records were still owed
  | 'findings-truncated'; // one batch raised more findings than are kept; the rest summed up here

/** Findings that are not evidence of tampering on their own. */
export const INFORMATIONAL_FINDINGS: ReadonlySet<FindingKind> = new Set([
  'gap',
  'gap-filled',
  'head-ahead',
  'new-install',
]);

export interface GapRange {
  from: number;
  to: number;
  /**
   * Announced by a reported head rather than found between two received records:
   * records the install said it has and has not uploaded yet. Filling it is the
   * normal upload, not news (no gap-filled finding).
   */
  tail?: true;
}

/** What a stored record contributes to link checks. */
export interface LinkInfo {
  id: string;
  seq: number;
  hash: string;
  prevHash: string;
}

/** What an install was pinned to when it enrolled. */
export interface Enrolment {
  installId: string;
  agentId: string;
  /** SPKI DER base64url, or null for an install enrolled before signatures (unsigned mode). */
  publicKey: string | null;
  /** The sealed fingerprint key (JSON of an EscrowBox), or null. */
  escrow: string | null;
  enrolledAt: string;
}

/** Another install of the same agent, looked at when a new install enrols. */
export interface SiblingInstall {
  installId: string;
  maxSeq: number;
  headSeq: number;
  openGaps: readonly GapRange[];
}

export interface InstallSnapshot {
  batchSeen: boolean;
  /** Ids of this batch's events that are already stored. */
  existingIds: ReadonlySet<string>;
  /** Stored records of this install at the seqs `neighbourSeqs(batch)` lists. */
  neighbours: readonly LinkInfo[];
  /** Highest seq known to exist for this install (received, or reported as head), 0 when none. */
  maxSeq: number;
  /** Seqs below maxSeq that have not arrived. */
  openGaps: readonly GapRange[];
  enrolment: Enrolment | null;
  /** Head hashes reported earlier, at the seqs `reportedHeadSeqs(batch)` lists. */
  reportedHeads: ReadonlyMap<number, string>;
  /** Other installs enrolled for the batch's agent (read only when this install is not enrolled). */
  siblings: readonly SiblingInstall[];
}

/** What the HTTP layer learnt about the request before the transaction. */
export interface BatchCredentials {
  /** A configured ingest token was presented (needed only to enrol). */
  tokenValid: boolean;
  /** Whether this collector requires signed batches (SIGILO_ALLOW_UNSIGNED unset). */
  requireSignature: boolean;
  /** Checks the batch's signature against a public key (synchronous, so it can run in the transaction). */
  verify(publicKey: string): boolean;
}

export interface PlannedFinding {
  kind: FindingKind;
  seq: number;
  toSeq: number;
  eventId: string | null;
  /** Another install the finding is about (install-replaced); this batch's install when absent. */
  installId?: string;
}

export interface Refusal {
  status: 401 | 403 | 422;
  code: string;
  reason: string;
}

export interface IngestPlan {
  duplicateBatch: boolean;
  /** Set when the batch must not be stored; its findings (if any) are still written. */
  refused: Refusal | null;
  /** Set when this batch enrols the install. */
  enrol: Enrolment | null;
  insert: { record: AuditRecord; integrity: EventIntegrity }[];
  duplicates: number;
  findings: PlannedFinding[];
  maxSeq: number;
  openGaps: GapRange[];
  /** The head this batch reports, to remember (seq 0 = none). */
  reportedHead: { seq: number; hash: string } | null;
}
