/**
 * The reveal log's record model, shared by the extension (writer), the upload
 * format and the collector (reader). Never holds a raw sensitive value.
 *
 * The log is append-only and hash-chained: a record is never edited after it
 * is committed, so what happens later to a reveal (re-mask) is a new record
 * that points back to it (`refId`).
 */
export type AuditEventType = 'reveal' | 'remask' | 'anomaly';
export type Outcome = 'revealed' | 'cancelled' | 'refused';

export interface AuditEventBody {
  /** Sortable unique id (ULID: time-ordered, 26 chars Crockford base32). */
  id: string;
  /** 1-based position in this install's chain; consecutive, no gaps. */
  seq: number;
  type: AuditEventType;
  /** ISO-8601 UTC timestamps. */
  requestedAt: string;
  revealedAt: string | null;
  remaskedAt: string | null;
  agentId: string;
  /**
   * Where agentId came from, by rank: the managed policy, the browser profile's
   * account, the agent's own local setting (self-declared), or unknown.
   */
  agentSource: 'policy' | 'profile' | 'local' | 'unknown';
  installId: string;
  extensionVersion: string;
  policyVersion: string;
  /** Page origin, and path without query or fragment (null when policy reduces it to the origin). */
  origin: string;
  path: string | null;
  /** Detector type (e.g. "CPF") or "rule:<fieldRule id>". */
  kind: string;
  /** hex HMAC-SHA-256 of the value keyed by the policy's fingerprintKey (or the per-install key). */
  fingerprint: string | null;
  /** "policy" when keyed by the organisation's fingerprintKey, "install" for the per-install key. */
  fingerprintKeyId: 'policy' | 'install' | null;
  reasonId: string | null;
  /** Free text as typed, with every detected value masked before storing. */
  reasonText: string | null;
  outcome: Outcome;
  /** Why a reveal was refused (e.g. "limit-per-hour", "storage-unavailable"). */
  refusedReason: string | null;
  /** e.g. "over-limit" when a reveal above the limits was allowed with a flag. */
  flags: string[];
  /** For remask/anomaly records: the reveal record they refer to. */
  refId: string | null;
}

export interface AuditRecord extends AuditEventBody {
  /** hash of the previous record in this install's chain ("0" x 64 for the first). */
  prevHash: string;
  /** SHA-256 hex of canonical(body + prevHash). */
  hash: string;
}

/** The upload body POSTed to the organisation's endpoint (format "sigilo"). */
export interface UploadBatch {
  schema: 'sigilo.events/v1';
  /** Idempotency key: re-sending the same batch reuses it. */
  batchId: string;
  installId: string;
  agentId: string;
  extensionVersion: string;
  sentAt: string;
  /** The install's chain head at the time of sending (may be past the batch's last record). */
  chainHead: { seq: number; hash: string };
  events: AuditRecord[];
  /**
   * The install's signature (src/core/audit/batch-signature.ts) and, on the
   * batches that enrol it, its fingerprint key sealed to the collector
   * (escrow.ts). Absent from older extensions and from Splunk uploads.
   */
  auth?: BatchAuth;
}

/** A secret sealed to the collector's escrow key; every field base64url. */
export interface EscrowBox {
  alg: 'ECDH-ES+A256GCM';
  /** The sender's ephemeral public key (raw P-256 point). */
  epk: string;
  iv: string;
  ct: string;
}

export interface BatchAuth {
  /** SPKI DER of the install's ECDSA P-256 public key, base64url. */
  publicKey: string;
  /** ECDSA P-256 / SHA-256 signature (r || s) over signedText(batch), base64url. */
  signature: string;
  escrow: EscrowBox | null;
}

export const GENESIS_HASH = '0'.repeat(64);
