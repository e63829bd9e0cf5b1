import browser from 'webextension-polyfill';
import type { UploadBatch } from '../core/audit/types';
import { ulid } from '../core/audit/ulid';
import {
  BATCH_SIZE,
  backoffDelay,
  checkUploadUrl,
  encodeUpload,
  UPLOAD_SCHEMA,
} from '../core/audit/upload-format';
import type { UploadSettings } from '../core/policy/types';
import type { UploadAttempt } from '../shared/protocol/log';
import { getMeta, type OutboxRow, openSigiloDB, putMeta, type SigiloDatabase } from './db';
import { agentIdentity, extensionVersion, installId } from './identity';
import { signUpload } from './install-keys';
import { pruneUploaded } from './log-prune';
import { readHead } from './log-store';
import { clearWarning, raiseWarning } from './log-warnings';
import { getEffectivePolicy } from './policy-store';

/**
 * Delivers the log to the organisation's collector without loss:
 * 1. reserve the next batch (seq range + a new batchId) in the outbox, durably,
 *    BEFORE sending, so a worker killed mid-request re-sends the same batchId;
 * 2. POST it, signed with the install key (format "sigilo"); only an answer
 *    that acknowledges THIS batch (a 2xx echoing its batchId and last seq)
 *    advances `uploadedThrough` and clears the outbox row, in one transaction;
 *    anything else (a proxy's 200 page, another batch's answer) keeps
 *    everything for a retry with backoff.
 * Scheduling is chrome.alarms (upload-schedule.ts): timers die with the worker.
 */
export const UPLOAD_STATE_KEY = 'sigilo.upload';
const REQUEST_TIMEOUT_MS = 30_000;
/** One run drains at most this long, then yields to the next alarm (keeps the worker's event short). */
const RUN_BUDGET_MS = 120_000;

export interface UploadState {
  failures: number;
  nextAttemptAt: string | null;
  lastAttempt: UploadAttempt | null;
  lastSuccessAt: string | null;
}

const EMPTY_STATE: UploadState = { failures: 0, nextAttemptAt: null, lastAttempt: null, lastSuccessAt: null };

export async function readUploadState(): Promise<UploadState> {
  const items = await browser.storage.local.get(UPLOAD_STATE_KEY);
  const state = items[UPLOAD_STATE_KEY] as UploadState | undefined;
  return state ? { ...EMPTY_STATE, ...state } : { ...EMPTY_STATE };
}

async function writeUploadState(state: UploadState): Promise<void> {
  await browser.storage.local.set({ [UPLOAD_STATE_KEY]: state });
}

/** Set by the scheduler: how to arm the one-shot retry alarm. */
export type RetryScheduler = (at: number) => Promise<void>;

let running: Promise<UploadAttempt | null> | null = null;

/** Upload everything pending (one run at a time). Resolves with the last attempt, null when nothing to do. */
export function uploadPending(scheduleRetry: RetryScheduler, options: { force?: boolean } = {}) {
  running ??= runUpload(scheduleRetry, options.force ?? false).finally(() => {
    running = null;
  });
  return running;
}

async function runUpload(scheduleRetry: RetryScheduler, force: boolean): Promise<UploadAttempt | null> {
  const { policy } = await getEffectivePolicy();
  const settings = policy.upload;
  if (!settings.url) return null;
  const checked = checkUploadUrl(settings.url);
  if (!checked.ok) {
    await raiseWarning('upload-url-refused', checked.reason);
    return null;
  }
  await clearWarning('upload-url-refused');
  let state = await readUploadState();
  if (!force && state.nextAttemptAt && Date.parse(state.nextAttemptAt) > Date.now()) return state.lastAttempt;

  const db = await openSigiloDB();
  const started = Date.now();
  let last: UploadAttempt | null = null;
  const escrow = settings.format === 'sigilo' ? await escrowKey(checked.url) : null;
  while (Date.now() - started < RUN_BUDGET_MS) {
    const row = (await currentOutbox(db)) ?? (await reserveBatch(db));
    if (!row) break;
    last = await sendBatch(db, row, settings, checked.url, escrow);
    if (last.ok) {
      state = { failures: 0, nextAttemptAt: null, lastAttempt: last, lastSuccessAt: last.at };
      await writeUploadState(state);
      await clearWarning('upload-failing');
      continue;
    }
    const failures = state.failures + 1;
    const retryAt = Date.now() + backoffDelay(failures);
    state = { ...state, failures, nextAttemptAt: new Date(retryAt).toISOString(), lastAttempt: last };
    await writeUploadState(state);
    await scheduleRetry(retryAt);
    if (failures >= 3) await raiseWarning('upload-failing', last.error ?? undefined);
    return last;
  }
  if (last?.ok) await pruneUploaded(db, policy.retentionDays).catch(() => undefined);
  return last;
}

async function currentOutbox(db: SigiloDatabase): Promise<OutboxRow | undefined> {
  const rows = await db.getAll('outbox');
  return rows.sort((a, b) => a.firstSeq - b.firstSeq)[0];
}

/** Reserve the next pending range under a fresh batchId, committed before any byte is sent. */
async function reserveBatch(db: SigiloDatabase): Promise<OutboxRow | null> {
  const tx = db.transaction(['records', 'meta', 'outbox'], 'readwrite', { durability: 'strict' });
  const through = (await getMeta(tx, 'uploadedThrough')) ?? 0;
  const keys = await tx.objectStore('records').getAllKeys(IDBKeyRange.lowerBound(through, true), BATCH_SIZE);
  if (keys.length === 0) {
    await tx.done;
    return null;
  }
  const row: OutboxRow = {
    batchId: ulid(),
    firstSeq: keys[0]!,
    lastSeq: keys[keys.length - 1]!,
    createdAt: new Date().toISOString(),
    attempts: 0,
  };
  await tx.objectStore('outbox').add(row);
  await tx.done;
  return row;
}

async function sendBatch(
  db: SigiloDatabase,
  row: OutboxRow,
  settings: UploadSettings,
  url: URL,
  escrow: string | null,
): Promise<UploadAttempt> {
  const at = new Date().toISOString();
  const events = await db.getAll('records', IDBKeyRange.bound(row.firstSeq, row.lastSeq));
  const head = await readHead(db);
  const request = await buildRequest(row.batchId, events, head, settings, escrow, at);
  await bumpAttempts(db, row);
  const attempt = (ok: boolean, error: string | null): UploadAttempt => ({
    at,
    ok,
    batchId: row.batchId,
    events: events.length,
    error,
  });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return attempt(false, `network error: ${error instanceof Error ? error.name : 'unknown'}`);
  }
  if (!response.ok) return attempt(false, `HTTP ${response.status}`);
  const ack = await acknowledged(response, settings.format, row.batchId, row.lastSeq);
  if (!ack) return attempt(false, 'the answer did not acknowledge this batch');
  const tx = db.transaction(['meta', 'outbox'], 'readwrite', { durability: 'strict' });
  const through = (await getMeta(tx, 'uploadedThrough')) ?? 0;
  await putMeta(tx, 'uploadedThrough', Math.max(through, row.lastSeq));
  const reported = (await getMeta(tx, 'reportedHeadSeq')) ?? 0;
  await putMeta(tx, 'reportedHeadSeq', Math.max(reported, head.seq));
  await tx.objectStore('outbox').delete(row.batchId);
  await tx.done;
  return attempt(true, null);
}

async function buildRequest(
  batchId: string,
  events: UploadBatch['events'],
  head: UploadBatch['chainHead'],
  settings: UploadSettings,
  escrow: string | null,
  at: string,
) {
  const { policy } = await getEffectivePolicy();
  const agent = await agentIdentity(policy);
  let batch: UploadBatch = {
    schema: UPLOAD_SCHEMA,
    batchId,
    installId: await installId(),
    agentId: agent.agentId,
    extensionVersion: extensionVersion(),
    sentAt: at,
    chainHead: head,
    events,
  };
  if (settings.format === 'sigilo') batch = await signUpload(batch, escrow);
  return encodeUpload(batch, settings.format, settings.token);
}

/**
 * Whether the answer acknowledges this very batch. Sigilo's collector echoes
 * the batchId and its last seq; Splunk's HEC answers {"code": 0}.
 */
async function acknowledged(
  response: Response,
  format: UploadSettings['format'],
  batchId: string,
  lastSeq: number,
): Promise<boolean> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null) return false;
  const ack = body as { batchId?: unknown; lastSeq?: unknown; code?: unknown };
  if (format === 'splunk-hec') return ack.code === 0;
  return ack.batchId === batchId && ack.lastSeq === lastSeq;
}

/** The collector's escrow public key (GET …/enrolment next to the upload URL); null when it has none. */
async function escrowKey(url: URL): Promise<string | null> {
  try {
    const response = await fetch(new URL('enrolment', url), {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { escrowPublicKey?: unknown };
    return typeof body.escrowPublicKey === 'string' ? body.escrowPublicKey : null;
  } catch {
    return null;
  }
}

/**
 * The light heartbeat: when the chain head moved past what the collector last
 * acknowledged, report it with no records (signed), so the collector knows
 * those records exist before they are uploaded: a tail deleted or rewritten
 * before the next upload then shows as a finding. Not retried: the next
 * heartbeat or upload reports the head again.
 */
export async function sendHeartbeat(): Promise<boolean> {
  const { policy } = await getEffectivePolicy();
  const settings = policy.upload;
  if (!settings.url || settings.format !== 'sigilo') return false;
  const checked = checkUploadUrl(settings.url);
  if (!checked.ok) return false;
  const db = await openSigiloDB();
  const head = await readHead(db);
  const reported = (await getMeta(db, 'reportedHeadSeq')) ?? 0;
  if (head.seq <= reported) return false;
  const batchId = ulid();
  const request = await buildRequest(
    batchId,
    [],
    head,
    settings,
    await escrowKey(checked.url),
    new Date().toISOString(),
  );
  try {
    const response = await fetch(checked.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok || !(await acknowledged(response, settings.format, batchId, 0))) return false;
  } catch {
    return false;
  }
  const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
  const now = (await getMeta(tx, 'reportedHeadSeq')) ?? 0;
  await putMeta(tx, 'reportedHeadSeq', Math.max(now, head.seq));
  await tx.done;
  return true;
}

async function bumpAttempts(db: SigiloDatabase, row: OutboxRow): Promise<void> {
  row.attempts += 1;
  await db.put('outbox', row);
}
