import { type AuditRecord, GENESIS_HASH, type UploadBatch } from '../../core/audit/types';
import type { EventIntegrity, FindingKind } from '../store/types';

/**
 * What to write for one upload batch, decided from a snapshot of what the store
 * already holds for that install. Pure and synchronous, so both stores run the
 * very same rules inside their transaction and the rules are unit-tested alone.
 *
 * Rules (issue 7): the same event twice is stored once; every new event is
 * stored, even after a gap or a break (a supervisor must see good events that
 * follow a hole); gaps and breaks become integrity findings.
 */

export interface GapRange {
  from: number;
  to: number;
}

/** What a stored record contributes to link checks. */
export interface LinkInfo {
  id: string;
  seq: number;
  hash: string;
  prevHash: string;
}

export interface InstallSnapshot {
  batchSeen: boolean;
  /** Ids of this batch's events that are already stored. */
  existingIds: ReadonlySet<string>;
  /** Stored records of this install at the seqs `neighbourSeqs(batch)` lists. */
  neighbours: readonly LinkInfo[];
  /** Highest seq stored for this install, 0 when none. */
  maxSeq: number;
  /** Seqs below maxSeq that have not arrived. */
  openGaps: readonly GapRange[];
}

export interface PlannedFinding {
  kind: FindingKind;
  seq: number;
  toSeq: number;
  eventId: string | null;
}

export interface IngestPlan {
  duplicateBatch: boolean;
  insert: { record: AuditRecord; integrity: EventIntegrity }[];
  duplicates: number;
  findings: PlannedFinding[];
  maxSeq: number;
  openGaps: GapRange[];
}

/** The seqs whose stored records the planner needs: each event's own, its predecessor's and successor's. */
export function neighbourSeqs(batch: UploadBatch): number[] {
  const seqs = new Set<number>();
  for (const e of batch.events) {
    if (e.seq > 1) seqs.add(e.seq - 1);
    seqs.add(e.seq);
    seqs.add(e.seq + 1);
  }
  return [...seqs].sort((a, b) => a - b);
}

function fillGap(gaps: GapRange[], seq: number): boolean {
  const index = gaps.findIndex((g) => g.from <= seq && seq <= g.to);
  if (index < 0) return false;
  const gap = gaps[index] as GapRange;
  const pieces: GapRange[] = [];
  if (gap.from < seq) pieces.push({ from: gap.from, to: seq - 1 });
  if (seq < gap.to) pieces.push({ from: seq + 1, to: gap.to });
  gaps.splice(index, 1, ...pieces);
  return true;
}

export function planIngest(
  batch: UploadBatch,
  hashValid: ReadonlyMap<string, boolean>,
  snapshot: InstallSnapshot,
): IngestPlan {
  if (snapshot.batchSeen) {
    return {
      duplicateBatch: true,
      insert: [],
      duplicates: batch.events.length,
      findings: [],
      maxSeq: snapshot.maxSeq,
      openGaps: [...snapshot.openGaps],
    };
  }
  const atSeq = new Map<number, LinkInfo[]>();
  const put = (info: LinkInfo) => {
    const list = atSeq.get(info.seq);
    if (list) list.push(info);
    else atSeq.set(info.seq, [info]);
  };
  snapshot.neighbours.forEach(put);

  const fresh = batch.events.filter((e) => !snapshot.existingIds.has(e.id)).sort((a, b) => a.seq - b.seq);
  const findings: PlannedFinding[] = [];
  const finding = (kind: FindingKind, seq: number, eventId: string | null, toSeq = seq) =>
    findings.push({ kind, seq, toSeq, eventId });
  const gaps = snapshot.openGaps.map((g) => ({ ...g }));
  let maxSeq = snapshot.maxSeq;
  let filledFrom = Number.POSITIVE_INFINITY;
  let filledTo = 0;
  const insert: IngestPlan['insert'] = [];

  for (const e of fresh) {
    let integrity: EventIntegrity = 'ok';
    if (hashValid.get(e.id) !== true) {
      integrity = 'hash-mismatch';
      finding('hash-mismatch', e.seq, e.id);
    }

    const sameSeq = (atSeq.get(e.seq) ?? []).filter((o) => o.id !== e.id);
    if (sameSeq.length > 0) {
      finding('seq-reused', e.seq, e.id);
    } else if (e.seq > maxSeq) {
      if (e.seq > maxSeq + 1) {
        gaps.push({ from: maxSeq + 1, to: e.seq - 1 });
        finding('gap', maxSeq + 1, null, e.seq - 1);
      }
      maxSeq = e.seq;
    } else if (fillGap(gaps, e.seq)) {
      filledFrom = Math.min(filledFrom, e.seq);
      filledTo = Math.max(filledTo, e.seq);
    }

    if (e.seq === 1) {
      if (e.prevHash !== GENESIS_HASH) {
        finding('genesis-mismatch', e.seq, e.id);
        if (integrity === 'ok') integrity = 'link-broken';
      }
    } else {
      const preds = atSeq.get(e.seq - 1) ?? [];
      if (preds.length > 0 && !preds.some((p) => p.hash === e.prevHash)) {
        finding('prev-hash-mismatch', e.seq, e.id);
        if (integrity === 'ok') integrity = 'link-broken';
      }
    }
    // A successor that arrived earlier (out-of-order upload) must link to this one.
    for (const succ of atSeq.get(e.seq + 1) ?? []) {
      if (succ.prevHash !== e.hash) finding('prev-hash-mismatch', succ.seq, succ.id);
    }
    put({ id: e.id, seq: e.seq, hash: e.hash, prevHash: e.prevHash });
    insert.push({ record: e, integrity });
  }

  if (filledTo > 0) finding('gap-filled', filledFrom, null, filledTo);

  const head = batch.chainHead;
  const atHead = batch.events.find((e) => e.seq === head.seq);
  const batchMax = batch.events.reduce((m, e) => Math.max(m, e.seq), 0);
  if ((atHead && atHead.hash !== head.hash) || head.seq < batchMax) {
    finding('head-mismatch', head.seq, atHead?.id ?? null);
  }

  gaps.sort((a, b) => a.from - b.from);
  return {
    duplicateBatch: false,
    insert,
    duplicates: batch.events.length - fresh.length,
    findings,
    maxSeq,
    openGaps: gaps,
  };
}
