import type { UploadFormat } from '../policy/types';
import type { AuditRecord, UploadBatch } from './types';

/**
 * What goes over the wire to the organisation's collector (docs/upload-format.md).
 * Pure, so the collector's tests and ours share one definition.
 */
export const UPLOAD_SCHEMA = 'sigilo.events/v1' as const;
export const SPLUNK_SOURCETYPE = 'sigilo:reveal';
export const BATCH_SIZE = 500;

export interface HttpRequestSpec {
  headers: Record<string, string>;
  body: string;
}

export function encodeUpload(batch: UploadBatch, format: UploadFormat, token: string): HttpRequestSpec {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    // Receivers that deduplicate by header (proxies, gateways) get the same key as the body's batchId.
    'Idempotency-Key': batch.batchId,
  };
  if (format === 'splunk-hec') {
    if (token) headers.Authorization = `Splunk ${token}`;
    return { headers, body: batch.events.map((e) => JSON.stringify(splunkEvent(batch, e))).join('\n') };
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers, body: JSON.stringify(batch) };
}

/** One Splunk HTTP Event Collector event; batch metadata rides in `fields` (indexed fields). */
export function splunkEvent(batch: UploadBatch, record: AuditRecord) {
  return {
    time: Date.parse(record.requestedAt) / 1000,
    host: batch.installId,
    source: 'sigilo',
    sourcetype: SPLUNK_SOURCETYPE,
    event: record,
    fields: {
      schema: batch.schema,
      batchId: batch.batchId,
      agentId: record.agentId,
      chainHeadSeq: batch.chainHead.seq,
      chainHeadHash: batch.chainHead.hash,
    },
  };
}

/**
 * Upload only over TLS: the events name agents, pages and reasons. Plain http is
 * allowed for a collector on this machine (tests, local relays).
 */
export function checkUploadUrl(url: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'upload.url is not a valid URL' };
  }
  if (parsed.username || parsed.password)
    return { ok: false, reason: 'upload.url must not contain credentials' };
  if (parsed.protocol === 'https:') return { ok: true, url: parsed };
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'http:' && local) return { ok: true, url: parsed };
  return { ok: false, reason: 'upload.url must use https (http only for localhost/127.0.0.1)' };
}

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/**
 * Delay before retry number `failures` (1 = first retry): exponential, capped,
 * with "equal jitter" (half fixed, half random) so a fleet of agents whose
 * collector came back does not retry in lockstep.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
