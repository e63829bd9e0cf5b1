import type { AuditRecord, UploadBatch } from '../../core/audit/types';

/**
 * Shape check of an upload body before anything touches the database. It says
 * which field is wrong (an admin reading the extension's upload error needs the
 * path), never echoes a field's value (reasonText may hold personal data), and
 * tolerates unknown extra fields: they are part of the hashed record, so a newer
 * extension's additions must be kept, not dropped.
 */

export const MAX_EVENTS_PER_BATCH = 10_000;

export type ValidationResult = { ok: true; batch: UploadBatch } | { ok: false; path: string; reason: string };

const HEX64 = /^[0-9a-f]{64}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
/**
 * Strict ISO-8601 UTC (what Date#toISOString writes): extended years such as
 * "+275760-09-13T00:00:00Z" parse, but sort outside every date filter.
 */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/** Sane window for any timestamp: after the product existed, and not more than a day ahead of us. */
export const EARLIEST_TIMESTAMP = Date.UTC(2020, 0, 1);
export const MAX_CLOCK_AHEAD_MS = 24 * 3600_000;
const EVENT_TYPES = new Set(['reveal', 'remask', 'anomaly']);
const OUTCOMES = new Set(['revealed', 'cancelled', 'refused']);
const AGENT_SOURCES = new Set(['policy', 'profile', 'local', 'unknown']);
const KEY_IDS = new Set(['policy', 'install']);

class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

type Obj = Record<string, unknown>;

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid(path, 'must be an object');
  }
  return value as Obj;
}

function str(o: Obj, key: string, path: string, max: number, { nullable = false, min = 0 } = {}) {
  const value = o[key];
  if (value === null && nullable) return;
  if (typeof value !== 'string')
    throw new Invalid(`${path}.${key}`, nullable ? 'must be a string or null' : 'must be a string');
  if (value.length < min) throw new Invalid(`${path}.${key}`, 'must not be empty');
  if (value.length > max) throw new Invalid(`${path}.${key}`, `longer than ${max} characters`);
}

let nowMs = Date.now();

function time(o: Obj, key: string, path: string, { nullable = false } = {}) {
  str(o, key, path, 40, { nullable, min: 1 });
  const value = o[key];
  if (typeof value !== 'string') return;
  const ms = Date.parse(value);
  if (!ISO_UTC.test(value) || Number.isNaN(ms)) {
    throw new Invalid(`${path}.${key}`, 'must be an ISO-8601 UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)');
  }
  if (ms < EARLIEST_TIMESTAMP || ms > nowMs + MAX_CLOCK_AHEAD_MS) {
    throw new Invalid(`${path}.${key}`, 'is outside the accepted window (2020 to one day from now)');
  }
}

function b64(o: Obj, key: string, path: string, max: number) {
  const value = o[key];
  if (typeof value !== 'string' || value.length > max || !B64URL.test(value)) {
    throw new Invalid(`${path}.${key}`, `must be base64url, at most ${max} characters`);
  }
}

function auth(value: unknown): void {
  if (value === undefined) return;
  const a = object(value, 'body.auth');
  b64(a, 'publicKey', 'body.auth', 400);
  b64(a, 'signature', 'body.auth', 200);
  if (a.escrow === null || a.escrow === undefined) return;
  const box = object(a.escrow, 'body.auth.escrow');
  if (box.alg !== 'ECDH-ES+A256GCM') throw new Invalid('body.auth.escrow.alg', 'must be "ECDH-ES+A256GCM"');
  b64(box, 'epk', 'body.auth.escrow', 200);
  b64(box, 'iv', 'body.auth.escrow', 40);
  b64(box, 'ct', 'body.auth.escrow', 400);
}

function oneOf(o: Obj, key: string, path: string, allowed: Set<string>, { nullable = false } = {}) {
  const value = o[key];
  if (value === null && nullable) return;
  if (typeof value !== 'string' || !allowed.has(value)) {
    throw new Invalid(
      `${path}.${key}`,
      `must be one of ${[...allowed].join(', ')}${nullable ? ' or null' : ''}`,
    );
  }
}

function hex64(o: Obj, key: string, path: string, { nullable = false } = {}) {
  const value = o[key];
  if (value === null && nullable) return;
  if (typeof value !== 'string' || !HEX64.test(value)) {
    throw new Invalid(`${path}.${key}`, 'must be 64 lowercase hex characters');
  }
}

function positiveInt(o: Obj, key: string, path: string, { allowZero = false } = {}) {
  const value = o[key];
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < (allowZero ? 0 : 1) ||
    value > 2 ** 31 - 1
  ) {
    throw new Invalid(`${path}.${key}`, allowZero ? 'must be an integer >= 0' : 'must be an integer >= 1');
  }
}

function record(value: unknown, path: string, installId: string): AuditRecord {
  const r = object(value, path);
  str(r, 'id', path, 64, { min: 1 });
  positiveInt(r, 'seq', path);
  oneOf(r, 'type', path, EVENT_TYPES);
  time(r, 'requestedAt', path);
  time(r, 'revealedAt', path, { nullable: true });
  time(r, 'remaskedAt', path, { nullable: true });
  str(r, 'agentId', path, 256);
  oneOf(r, 'agentSource', path, AGENT_SOURCES);
  str(r, 'installId', path, 128, { min: 1 });
  if (r.installId !== installId) throw new Invalid(`${path}.installId`, 'differs from the batch installId');
  str(r, 'extensionVersion', path, 64);
  str(r, 'policyVersion', path, 128);
  str(r, 'origin', path, 2048);
  str(r, 'path', path, 4096, { nullable: true });
  str(r, 'kind', path, 128, { min: 1 });
  hex64(r, 'fingerprint', path, { nullable: true });
  oneOf(r, 'fingerprintKeyId', path, KEY_IDS, { nullable: true });
  str(r, 'reasonId', path, 128, { nullable: true });
  str(r, 'reasonText', path, 4000, { nullable: true });
  oneOf(r, 'outcome', path, OUTCOMES);
  str(r, 'refusedReason', path, 256, { nullable: true });
  if (
    !Array.isArray(r.flags) ||
    r.flags.length > 32 ||
    r.flags.some((f) => typeof f !== 'string' || f.length > 64)
  ) {
    throw new Invalid(`${path}.flags`, 'must be an array of at most 32 short strings');
  }
  str(r, 'refId', path, 64, { nullable: true });
  hex64(r, 'prevHash', path);
  hex64(r, 'hash', path);
  return r as unknown as AuditRecord;
}

export function validateBatch(body: unknown, now = new Date()): ValidationResult {
  nowMs = now.getTime();
  try {
    const b = object(body, 'body');
    if (b.schema !== 'sigilo.events/v1') throw new Invalid('body.schema', 'must be "sigilo.events/v1"');
    str(b, 'batchId', 'body', 128, { min: 1 });
    str(b, 'installId', 'body', 128, { min: 1 });
    str(b, 'agentId', 'body', 256);
    str(b, 'extensionVersion', 'body', 64);
    time(b, 'sentAt', 'body');
    const head = object(b.chainHead, 'body.chainHead');
    positiveInt(head, 'seq', 'body.chainHead', { allowZero: true });
    hex64(head, 'hash', 'body.chainHead');
    auth(b.auth);
    if (!Array.isArray(b.events)) throw new Invalid('body.events', 'must be an array');
    if (b.events.length > MAX_EVENTS_PER_BATCH) {
      throw new Invalid('body.events', `more than ${MAX_EVENTS_PER_BATCH} events in one batch`);
    }
    const ids = new Set<string>();
    b.events.forEach((event, i) => {
      const r = record(event, `body.events[${i}]`, b.installId as string);
      if (ids.has(r.id)) throw new Invalid(`body.events[${i}].id`, 'repeats an id earlier in the batch');
      ids.add(r.id);
    });
    return { ok: true, batch: b as unknown as UploadBatch };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, path: error.path, reason: error.reason };
    throw error;
  }
}
