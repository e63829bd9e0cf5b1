import { randomUUID } from 'node:crypto';
import type { UploadBatch } from '../../core/audit/types';
import { INFORMATIONAL_FINDINGS, type IngestPlan } from '../ingest/model';
import type { InstallRow, SqlValue } from './sql';
import type { IngestResult, IntegrityFinding } from './types';

/**
 * Turns a plan into the rows both stores write, so SQLite and PostgreSQL
 * write exactly the same thing.
 */
export interface PlannedRows {
  events: SqlValue[][];
  findings: SqlValue[][];
  /** null when the batch was refused (a retry under the same id must still be possible). */
  batch: SqlValue[] | null;
  /** null when there is no install row to write (a refused batch of an unknown install). */
  install: SqlValue[] | null;
  enrolment: SqlValue[] | null;
  head: SqlValue[] | null;
  /** Other installs that gained tampering findings (install-replaced): breaks += n. */
  otherBreaks: Map<string, number>;
  result: IngestResult;
}

export const ENROLMENT_COLUMNS = ['install_id', 'agent_id', 'public_key', 'escrow', 'enrolled_at'] as const;
/** A late key or a first real agent updates the pin; enrolled_at stays the first enrolment's. */
export const UPSERT_ENROLMENT =
  'ON CONFLICT (install_id) DO UPDATE SET agent_id = excluded.agent_id, public_key = excluded.public_key, escrow = excluded.escrow';
export const HEAD_COLUMNS = ['install_id', 'seq', 'hash', 'reported_at'] as const;

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
    installId: f.installId ?? batch.installId,
    kind: f.kind,
    seq: f.seq,
    toSeq: f.toSeq,
    eventId: f.eventId,
    batchId: batch.batchId,
    detectedAt: receivedAt,
  }));
  let breaks = 0;
  const otherBreaks = new Map<string, number>();
  for (const f of findings) {
    if (INFORMATIONAL_FINDINGS.has(f.kind)) continue;
    if (f.installId === batch.installId) breaks++;
    else otherBreaks.set(f.installId, (otherBreaks.get(f.installId) ?? 0) + 1);
  }
  const own = findings.filter((f) => f.installId === batch.installId);
  const result: IngestResult = {
    duplicateBatch: false,
    refused: plan.refused,
    accepted: plan.insert.length,
    duplicates: plan.duplicates,
    findings: own,
  };
  const findingRows = findings.map((f) => [
    f.id,
    f.installId,
    f.kind,
    f.seq,
    f.toSeq,
    f.eventId,
    f.batchId,
    f.detectedAt,
  ]);

  if (plan.refused) {
    // Nothing of the batch is kept; the attempt itself is evidence on an enrolled install.
    const install =
      previous && breaks > 0 ? installRow(previous, { breaks: Number(previous.breaks) + breaks }) : null;
    return {
      events: [],
      findings: previous ? findingRows : [],
      batch: null,
      install,
      enrolment: null,
      head: null,
      otherBreaks: new Map(),
      result: { ...result, accepted: 0, findings: previous ? own : [] },
    };
  }

  const install: SqlValue[] = [
    batch.installId,
    plan.enrol?.agentId ?? previous?.agent_id ?? batch.agentId,
    batch.extensionVersion,
    previous?.first_seen_at ?? receivedAt,
    receivedAt,
    Number(previous?.events ?? 0) + plan.insert.length,
    plan.maxSeq,
    plan.reportedHead && plan.reportedHead.seq >= Number(previous?.head_seq ?? -1)
      ? plan.reportedHead.seq
      : Number(previous?.head_seq ?? 0),
    plan.reportedHead && plan.reportedHead.seq >= Number(previous?.head_seq ?? -1)
      ? plan.reportedHead.hash
      : (previous?.head_hash ?? batch.chainHead.hash),
    JSON.stringify(plan.openGaps),
    Number(previous?.breaks ?? 0) + breaks,
  ];
  return {
    events,
    findings: findingRows,
    batch: [batch.batchId, batch.installId, receivedAt, batch.events.length, plan.insert.length],
    install,
    enrolment: plan.enrol
      ? [
          plan.enrol.installId,
          plan.enrol.agentId,
          plan.enrol.publicKey,
          plan.enrol.escrow,
          plan.enrol.enrolledAt,
        ]
      : null,
    head: plan.reportedHead
      ? [batch.installId, plan.reportedHead.seq, plan.reportedHead.hash, receivedAt]
      : null,
    otherBreaks,
    result,
  };
}

function installRow(previous: InstallRow, change: { breaks: number }): SqlValue[] {
  return [
    previous.install_id,
    previous.agent_id,
    previous.extension_version,
    previous.first_seen_at,
    previous.last_seen_at,
    Number(previous.events),
    Number(previous.max_seq),
    Number(previous.head_seq),
    previous.head_hash,
    previous.open_gaps,
    change.breaks,
  ];
}
