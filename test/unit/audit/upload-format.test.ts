import { describe, expect, it } from 'vitest';
import { toCsv, toNdjson } from '../../../src/core/audit/log-export';
import { matchesFilter } from '../../../src/core/audit/log-query';
import type { UploadBatch } from '../../../src/core/audit/types';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffDelay,
  checkUploadUrl,
  encodeUpload,
} from '../../../src/core/audit/upload-format';
import { buildChain } from './fixtures';

async function batch(): Promise<UploadBatch> {
  const events = await buildChain(2);
  return {
    schema: 'sigilo.events/v1',
    batchId: '01JBATCH0000000000000000000',
    installId: 'install-1',
    agentId: 'agent@example.com',
    extensionVersion: '0.1.0',
    sentAt: '2026-01-01T12:00:10.000Z',
    chainHead: { seq: 2, hash: events[1]!.hash },
    events,
  };
}

describe('upload encoding', () => {
  it('sigilo format: the batch as JSON with a bearer token and the batch id as idempotency key', async () => {
    const b = await batch();
    const req = encodeUpload(b, 'sigilo', 't0k');
    expect(JSON.parse(req.body)).toEqual(b);
    expect(req.headers).toMatchObject({
      Authorization: 'Bearer t0k',
      'Content-Type': 'application/json',
      'Idempotency-Key': b.batchId,
    });
    expect(encodeUpload(b, 'sigilo', '').headers.Authorization).toBeUndefined();
  });

  it('splunk-hec format: one HEC event per line, Splunk auth, sourcetype sigilo:reveal', async () => {
    const b = await batch();
    const req = encodeUpload(b, 'splunk-hec', 'hec-token');
    expect(req.headers.Authorization).toBe('Splunk hec-token');
    const lines = req.body.split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      sourcetype: 'sigilo:reveal',
      time: Date.parse(b.events[0]!.requestedAt) / 1000,
      event: b.events[0],
      fields: { batchId: b.batchId, chainHeadSeq: 2 },
    });
  });
});

describe('upload URL rule', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkUploadUrl('https://collector.example.com/ingest').ok).toBe(true);
    expect(checkUploadUrl('http://127.0.0.1:8080/x').ok).toBe(true);
    expect(checkUploadUrl('http://localhost/x').ok).toBe(true);
    expect(checkUploadUrl('http://collector.example.com/x').ok).toBe(false);
    expect(checkUploadUrl('ftp://127.0.0.1/x').ok).toBe(false);
    expect(checkUploadUrl('https://user:pw@collector.example.com/').ok).toBe(false);
    expect(checkUploadUrl('nonsense').ok).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles per failure, with jitter between half and the full delay, capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(spread.size).toBeGreaterThan(1);
  });
});

describe('log export and filters', () => {
  it('CSV has a header, quotes commas and neutralises formulas', async () => {
    const [a] = await buildChain(1);
    const csv = toCsv([{ ...a!, reasonText: '=HYPERLINK("x"), ok' }]);
    const [header, row] = csv.split('\r\n');
    expect(header!.startsWith('seq,id,type,')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x""), ok"`);
  });

  it('NDJSON is one record per line', async () => {
    const records = await buildChain(3);
    const lines = toNdjson(records).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });

  it('filters by site, kind, outcome, type and time range', async () => {
    const [r] = await buildChain(1);
    const rec = r!;
    expect(matchesFilter(rec, { site: 'CRM.example' })).toBe(true);
    expect(matchesFilter(rec, { site: 'other' })).toBe(false);
    expect(matchesFilter(rec, { kind: 'CPF', outcome: 'revealed', type: 'reveal' })).toBe(true);
    expect(matchesFilter(rec, { outcome: 'refused' })).toBe(false);
    expect(matchesFilter(rec, { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).toBe(true);
    expect(matchesFilter(rec, { from: '2026-01-02T00:00:00Z' })).toBe(false);
  });
});
