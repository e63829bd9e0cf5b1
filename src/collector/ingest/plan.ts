import { GENESIS_HASH, type UploadBatch } from '../../core/audit/types';
import type {
  BatchCredentials,
  Enrolment,
  EventIntegrity,
  FindingKind,
  GapRange,
  IngestPlan,
  InstallSnapshot,
  LinkInfo,
  PlannedFinding,
  Refusal,
} from './model';

export type { GapRange, IngestPlan, InstallSnapshot, LinkInfo, PlannedFinding } from './model';

/**
 * What to write for one upload batch, decided from a snapshot of what the store
 * already holds for that install. Pure and synchronous (the signature check is
 * a synchronous callback), so both stores run the very same rules inside their
 * transaction and the rules are unit-tested alone.
 *
 * Rules: an install enrols with the organisation's token and a signed batch,
 * which pins its public key and agent; later batches must be signed by that key
 * (else refused, and the attempt is a finding). The same event twice is stored
 * once; every new event is stored, even after a gap or a break (a supervisor
 * must see good events that follow a hole); gaps, breaks and heads that run
 * ahead of what arrived become integrity findings.
 */

/** One hostile batch must not bury the rest: past this many, findings are summed up in one. */
export const MAX_FINDINGS_PER_BATCH = 50;

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

/** The seqs at which earlier reported heads matter: the batch's own head and every event's seq. */
export function reportedHeadSeqs(batch: UploadBatch): number[] {
  const seqs = new Set<number>(batch.events.map((e) => e.seq));
  if (batch.chainHead.seq > 0) seqs.add(batch.chainHead.seq);
  return [...seqs].sort((a, b) => a - b);
}

/** Removes `seq` from the open gaps; returns the gap it was in (null when none). */
function fillGap(gaps: GapRange[], seq: number): GapRange | null {
  const index = gaps.findIndex((g) => g.from <= seq && seq <= g.to);
  if (index < 0) return null;
  const gap = gaps[index] as GapRange;
  const piece = (from: number, to: number): GapRange => (gap.tail ? { from, to, tail: true } : { from, to });
  const pieces: GapRange[] = [];
  if (gap.from < seq) pieces.push(piece(gap.from, seq - 1));
  if (seq < gap.to) pieces.push(piece(seq + 1, gap.to));
  gaps.splice(index, 1, ...pieces);
  return gap;
}

function emptyPlan(snapshot: InstallSnapshot, batch: UploadBatch): IngestPlan {
  return {
    duplicateBatch: false,
    refused: null,
    enrol: null,
    insert: [],
    duplicates: batch.events.length,
    findings: [],
    maxSeq: snapshot.maxSeq,
    openGaps: [...snapshot.openGaps],
    reportedHead: null,
  };
}

function refuse(snapshot: InstallSnapshot, batch: UploadBatch, refusal: Refusal, finding?: FindingKind) {
  const plan = emptyPlan(snapshot, batch);
  plan.refused = refusal;
  if (finding)
    plan.findings.push({
      kind: finding,
      seq: batch.chainHead.seq,
      toSeq: batch.chainHead.seq,
      eventId: null,
    });
  return plan;
}

/** Who may write for this install; returns a refusal plan, or the enrolment to use. */
interface Authorised {
  enrolment: Enrolment;
  enrolling: boolean;
  /** The stored enrolment changes (a key pinned late, or a first real agent adopted). */
  repin?: boolean;
}

/**
 * An install that enrolled before its agent was known ("unknown": policy not read
 * yet, no profile account) adopts the first real agent it names; "unknown" never
 * impersonates anyone, so it is never a mismatch.
 */
function adoptAgent(pinned: Enrolment, batch: UploadBatch): Authorised {
  if (pinned.agentId === UNKNOWN_AGENT && batch.agentId !== UNKNOWN_AGENT) {
    return { enrolment: { ...pinned, agentId: batch.agentId }, enrolling: false, repin: true };
  }
  return { enrolment: pinned, enrolling: false };
}

const UNKNOWN_AGENT = 'unknown';

function authorise(
  batch: UploadBatch,
  snapshot: InstallSnapshot,
  credentials: BatchCredentials,
  receivedAt: string,
): IngestPlan | Authorised {
  const auth = batch.auth;
  const pinned = snapshot.enrolment;
  if (pinned) {
    if (pinned.publicKey === null) {
      // Enrolled without a key (SIGILO_ALLOW_UNSIGNED, or before keys existed): the first
      // signed batch with the token pins its key; until then the token decides.
      if (auth?.publicKey && auth.signature && credentials.tokenValid && credentials.verify(auth.publicKey)) {
        return {
          enrolling: false,
          enrolment: {
            ...pinned,
            publicKey: auth.publicKey,
            escrow: pinned.escrow ?? (auth.escrow ? JSON.stringify(auth.escrow) : null),
          },
          repin: true,
        };
      }
      if (credentials.requireSignature) {
        return refuse(snapshot, batch, {
          status: 422,
          code: 'signature-required',
          reason: 'auth: this collector accepts only signed batches with the token to pin this install key',
        });
      }
      if (!credentials.tokenValid) {
        return refuse(snapshot, batch, {
          status: 401,
          code: 'bad-token',
          reason: 'this install enrolled without a key: a valid bearer token is required',
        });
      }
      return adoptAgent(pinned, batch);
    }
    if (auth?.publicKey && auth.publicKey !== pinned.publicKey) {
      return refuse(
        snapshot,
        batch,
        {
          status: 403,
          code: 'key-mismatch',
          reason: 'auth.publicKey is not the key this install enrolled with',
        },
        'key-mismatch',
      );
    }
    if (!auth?.signature || !credentials.verify(pinned.publicKey)) {
      return refuse(
        snapshot,
        batch,
        {
          status: 403,
          code: 'bad-signature',
          reason: 'auth.signature is missing or not made by this install key',
        },
        'signature-invalid',
      );
    }
    return adoptAgent(pinned, batch);
  }
  if (!credentials.tokenValid) {
    return refuse(snapshot, batch, {
      status: 401,
      code: 'bad-token',
      reason: 'a valid bearer token is required to enrol a new install (Authorization: Bearer <token>)',
    });
  }
  if (auth?.publicKey && auth.signature) {
    if (!credentials.verify(auth.publicKey)) {
      return refuse(snapshot, batch, {
        status: 422,
        code: 'bad-signature',
        reason: 'auth.signature does not verify with auth.publicKey',
      });
    }
  } else if (credentials.requireSignature) {
    return refuse(snapshot, batch, {
      status: 422,
      code: 'signature-required',
      reason: 'auth: this collector enrols only installs that sign their batches (update the extension)',
    });
  }
  return {
    enrolling: true,
    enrolment: {
      installId: batch.installId,
      agentId: batch.agentId,
      publicKey: auth?.signature ? auth.publicKey : null,
      escrow: auth?.escrow ? JSON.stringify(auth.escrow) : null,
      enrolledAt: receivedAt,
    },
  };
}

/** Keep the first findings of a batch and sum up the rest in one, so every install's findings stay visible. */
export function capFindings(findings: PlannedFinding[]): PlannedFinding[] {
  if (findings.length <= MAX_FINDINGS_PER_BATCH) return findings;
  const kept = findings.slice(0, MAX_FINDINGS_PER_BATCH - 1);
  const rest = findings.slice(MAX_FINDINGS_PER_BATCH - 1);
  const from = rest.reduce((m, f) => Math.min(m, f.seq), Number.POSITIVE_INFINITY);
  const to = rest.reduce((m, f) => Math.max(m, f.toSeq), 0);
  kept.push({ kind: 'findings-truncated', seq: from, toSeq: to, eventId: null });
  return kept;
}

export function planIngest(
  batch: UploadBatch,
  hashValid: ReadonlyMap<string, boolean>,
  snapshot: InstallSnapshot,
  credentials: BatchCredentials,
  receivedAt: string,
): IngestPlan {
  if (snapshot.batchSeen) {
    return { ...emptyPlan(snapshot, batch), duplicateBatch: true };
  }
  const authorised = authorise(batch, snapshot, credentials, receivedAt);
  if ('refused' in authorised) return authorised;
  const { enrolment, enrolling, repin } = authorised;

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

  if (enrolling) {
    for (const sibling of snapshot.siblings) {
      if (sibling.openGaps.length > 0) {
        const from = sibling.openGaps[0] as GapRange;
        const to = sibling.openGaps[sibling.openGaps.length - 1] as GapRange;
        findings.push({
          kind: 'install-replaced',
          seq: from.from,
          toSeq: to.to,
          eventId: null,
          installId: sibling.installId,
        });
      }
    }
    if (snapshot.siblings.length > 0) finding('new-install', 0, null);
  }

  let strangers = 0;
  for (const e of fresh) {
    let integrity: EventIntegrity = 'ok';
    if (hashValid.get(e.id) !== true) {
      integrity = 'hash-mismatch';
      finding('hash-mismatch', e.seq, e.id);
    }
    if (e.agentId !== enrolment.agentId && e.agentId !== UNKNOWN_AGENT && strangers++ === 0) {
      finding('agent-mismatch', e.seq, e.id);
    }
    const reported = snapshot.reportedHeads.get(e.seq);
    if (reported !== undefined && reported !== e.hash) finding('head-rewritten', e.seq, e.id);

    const sameSeq = (atSeq.get(e.seq) ?? []).filter((o) => o.id !== e.id);
    if (sameSeq.length > 0) {
      finding('seq-reused', e.seq, e.id);
    } else if (e.seq > maxSeq) {
      if (e.seq > maxSeq + 1) {
        gaps.push({ from: maxSeq + 1, to: e.seq - 1 });
        finding('gap', maxSeq + 1, null, e.seq - 1);
      }
      maxSeq = e.seq;
    } else {
      const filled = fillGap(gaps, e.seq);
      if (filled && !filled.tail) {
        filledFrom = Math.min(filledFrom, e.seq);
        filledTo = Math.max(filledTo, e.seq);
      }
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
  if (batch.agentId !== enrolment.agentId && strangers === 0)
    finding('agent-mismatch', batch.chainHead.seq, null);

  if (filledTo > 0) finding('gap-filled', filledFrom, null, filledTo);

  const head = batch.chainHead;
  const atHead = batch.events.find((e) => e.seq === head.seq);
  const batchMax = batch.events.reduce((m, e) => Math.max(m, e.seq), 0);
  if ((atHead && atHead.hash !== head.hash) || head.seq < batchMax) {
    finding('head-mismatch', head.seq, atHead?.id ?? null);
  }
  const earlierHead = snapshot.reportedHeads.get(head.seq);
  if (head.seq > 0 && earlierHead !== undefined && earlierHead !== head.hash && !atHead) {
    finding('head-rewritten', head.seq, null);
  }
  // A head past what arrived: those records exist on the agent's machine and are owed,
  // so they stay an open gap (the install is not "ok") until they arrive. A heartbeat
  // (no records) only moves the owed tail; a batch with records whose head runs past
  // them is a finding: the extension sends them in order, so that is a backlog (over
  // one batch) or records withheld.
  if (head.seq > maxSeq) {
    const tail = gaps.find((g) => g.tail && g.to === maxSeq);
    if (tail) tail.to = head.seq;
    else gaps.push({ from: maxSeq + 1, to: head.seq, tail: true });
    if (batch.events.length > 0 && !tail) finding('head-ahead', maxSeq + 1, null, head.seq);
    maxSeq = head.seq;
  }

  gaps.sort((a, b) => a.from - b.from);
  return {
    duplicateBatch: false,
    refused: null,
    enrol: enrolling || repin ? enrolment : null,
    insert,
    duplicates: batch.events.length - fresh.length,
    findings: capFindings(findings),
    maxSeq,
    openGaps: gaps,
    reportedHead: head.seq > 0 ? { seq: head.seq, hash: head.hash } : null,
  };
}
