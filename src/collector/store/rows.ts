import { randomUUID } from 'node:crypto';
import type { UploadBatch } from '../../core/audit/types';
import type { IngestPlan } from '../ingest/plan';
import type { InstallRow, SqlValue } from './sql';
import type { IngestResult, IntegrityFinding } from './types';

/**
 * Turns a plan into the rows both stores insert, so SQLite and PostgreSQL
 * write exactly the same thing.
 */
export interface PlannedRows {
  events: SqlValue[][];
  findings: SqlValue[][];
  batch: SqlValue[];
  install: SqlValue[];
  result: IngestResult;
}

const NOT_TAMPERING = new Set(['gap', 'gap-filled']);

export function planRows(
  batch: UploadBatch,
  plan: IngestPlan,
  previous: InstallRow | undefined,
  receivedAt: string,
): PlannedRows {
  const events = plan.insert.map(({ record, integrity }) => [
    record.id,
    record.installId,
    record.seq,
    record.type,
    new Date(record.requestedAt).toISOString(),
    record.agentId,
    record.origin,
    record.kind,
    record.fingerprint,
    record.fingerprintKeyId,
    record.reasonId,
    record.outcome,
    JSON.stringify(record.flags),
    record.hash,
    record.prevHash,
    integrity,
    batch.batchId,
    receivedAt,
    JSON.stringify(record),
  ]);
  const findings: IntegrityFinding[] = plan.findings.map((f) => ({
    id: randomUUID(),
    installId: batch.installId,
    kind: f.kind,
    seq: f.seq,
    toSeq: f.toSeq,
    eventId: f.eventId,
    batchId: batch.batchId,
    detectedAt: receivedAt,
  }));
  const breaks = findings.filter((f) => !NOT_TAMPERING.has(f.kind)).length;
  const previousHead = previous ? Number(previous.head_seq) : -1;
  const head =
    batch.chainHead.seq >= previousHead
      ? batch.chainHead
      : { seq: previousHead, hash: (previous as InstallRow).head_hash };
  const install: SqlValue[] = [
    batch.installId,
    batch.agentId,
    batch.extensionVersion,
    previous?.first_seen_at ?? receivedAt,
    receivedAt,
    Number(previous?.events ?? 0) + plan.insert.length,
    plan.maxSeq,
    head.seq,
    head.hash,
    JSON.stringify(plan.openGaps),
    Number(previous?.breaks ?? 0) + breaks,
  ];
  return {
    events,
    findings: findings.map((f) => [
      f.id,
      f.installId,
      f.kind,
      f.seq,
      f.toSeq,
      f.eventId,
      f.batchId,
      f.detectedAt,
    ]),
    batch: [batch.batchId, batch.installId, receivedAt, batch.events.length, plan.insert.length],
    install,
    result: { duplicateBatch: false, accepted: plan.insert.length, duplicates: plan.duplicates, findings },
  };
}
