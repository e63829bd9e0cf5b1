import browser from 'webextension-polyfill';
import { checkLimits, HOUR_MS } from '../../core/audit/limits';
import { checkRevealRequest, clampTimestamp } from '../../core/audit/reveal-request';
import { ulid } from '../../core/audit/ulid';
import type { HandlerContext, Handlers } from '../../shared/messaging';
import type { RevealDecision, RevealProtocol, RevealRequest } from '../../shared/protocol/reveal';
import { openSigiloDB } from '../db';
import { baseRecord, redact } from '../log-events';
import { checkStorageHeadroom } from '../log-health';
import { appendRecords, commitRecords, type NewRecord, StorageUnavailableError } from '../log-store';
import { clearWarning, raiseWarning } from '../log-warnings';
import { getEffectivePolicy } from '../policy-store';

/**
 * Log before reveal: the reply "revealed" is sent only after the record's
 * transaction committed (durability "strict"). Anything that prevents logging
 * refuses the reveal instead (fail safe).
 */

type Bilingual = { pt: string; en: string };

function localized(message: Bilingual): string {
  let lang = 'en';
  try {
    lang = browser.i18n.getUILanguage();
  } catch {
    // No i18n API (tests): English.
  }
  return lang.toLowerCase().startsWith('pt') ? message.pt : message.en;
}

const MESSAGES = {
  storage: {
    pt: 'Não foi possível registrar a revelação; o valor continua mascarado. Avise o suporte.',
    en: 'The reveal could not be logged, so the value stays masked. Please contact support.',
  },
  quota: {
    pt: 'O armazenamento do navegador está quase cheio; revelações bloqueadas até liberar espaço.',
    en: "The browser's storage is nearly full; reveals are blocked until space is freed.",
  },
  'limit-per-five-minutes': {
    pt: 'Limite de revelações em 5 minutos atingido; tente mais tarde. O supervisor foi notificado.',
    en: 'Reveal limit for 5 minutes reached; try again later. Your supervisor was notified.',
  },
  'limit-per-hour': {
    pt: 'Limite de revelações por hora atingido; tente mais tarde. O supervisor foi notificado.',
    en: 'Hourly reveal limit reached; try again later. Your supervisor was notified.',
  },
} satisfies Record<string, Bilingual>;

function pageUrl(req: { url?: unknown }, ctx: HandlerContext): string {
  if (typeof req.url === 'string' && /^https?:\/\//i.test(req.url)) return req.url;
  return ctx.url ?? '';
}

function refused(eventId: string | null, refusedReason: string, message: Bilingual): RevealDecision {
  return { outcome: 'refused', eventId, refusedReason, message: localized(message) };
}

async function storageFailed(error: unknown): Promise<RevealDecision> {
  const detail =
    error instanceof StorageUnavailableError && error.cause instanceof Error ? error.cause.name : '';
  await raiseWarning('storage-failed', detail || undefined);
  return refused(null, 'storage-unavailable', MESSAGES.storage);
}

export async function requestReveal(req: RevealRequest, ctx: HandlerContext): Promise<RevealDecision> {
  const now = Date.now();
  const effective = await getEffectivePolicy();
  const { policy } = effective;
  const url = pageUrl(req, ctx);
  const problem = checkRevealRequest({ ...req, url }, policy, true);
  const value = problem?.field === 'value' ? null : req.value;
  try {
    const base = await baseRecord({
      effective,
      url,
      kind: problem?.field === 'kind' ? 'invalid' : req.kind,
      requestedAt: clampTimestamp(req.requestedAt, now),
      value,
    });
    const known = policy.reasons.some((r) => r.id === req.reasonId);
    const reveal: NewRecord = {
      ...base,
      reasonId: known ? req.reasonId : null,
      reasonText:
        typeof req.reasonText === 'string' && req.reasonText ? redact(req.reasonText, policy) : null,
    };
    if (problem) {
      await appendRecords([{ ...reveal, refusedReason: `invalid-${problem.field}` }]);
      return refused(reveal.id, `invalid-${problem.field}`, problem.message);
    }
    const headroom = await checkStorageHeadroom();
    if (!headroom.ok) {
      // A tiny record still fits; if even that fails, the refusal stands anyway.
      await appendRecords([{ ...reveal, refusedReason: 'storage-quota' }]).catch(() => undefined);
      return refused(reveal.id, 'storage-quota', MESSAGES.quota);
    }
    const [record] = await commitRecords(async (view) => {
      // Decided in the writer's turn: concurrent reveals cannot both squeeze under a limit.
      const breach = checkLimits(await view.revealTimesSince(now - HOUR_MS), now, policy.limits);
      const allowed = !breach || policy.limits.onExceed === 'flag';
      const decided: NewRecord = allowed
        ? {
            ...reveal,
            outcome: 'revealed',
            revealedAt: new Date(now).toISOString(),
            flags: breach ? ['over-limit', breach] : [],
          }
        : { ...reveal, outcome: 'refused', refusedReason: breach };
      if (!breach) return [decided];
      const anomaly: NewRecord = {
        ...decided,
        id: ulid(),
        type: 'anomaly',
        reasonText: null,
        flags: [breach],
        refId: decided.id,
      };
      return [decided, anomaly];
    });
    if (!record) throw new Error('no record committed');
    // The breach travels in the record: flags on an allowed reveal, refusedReason on a refused one.
    const breach = record.refusedReason?.startsWith('limit-')
      ? (record.refusedReason as NonNullable<ReturnType<typeof checkLimits>>)
      : null;
    const flagged = record.flags.includes('over-limit');
    void clearWarning('storage-failed');
    if (breach || flagged) void raiseWarning('anomaly');
    if (record.outcome === 'revealed') {
      return {
        outcome: 'revealed',
        eventId: record.id,
        revealSeconds: policy.revealSeconds,
        flags: record.flags,
      };
    }
    return refused(record.id, record.refusedReason ?? 'refused', MESSAGES[breach ?? 'limit-per-hour']);
  } catch (error) {
    return storageFailed(error);
  }
}

type CancelRequest = RevealProtocol['reveal/cancelled']['req'];
type RemaskRequest = RevealProtocol['reveal/remasked']['req'];

export async function cancelReveal(
  req: CancelRequest,
  ctx: HandlerContext,
): Promise<{ eventId: string | null }> {
  const effective = await getEffectivePolicy();
  const url = pageUrl(req, ctx);
  const problem = checkRevealRequest({ ...req, url }, effective.policy, false);
  const base = await baseRecord({
    effective,
    url,
    kind: problem?.field === 'kind' ? 'invalid' : req.kind,
    requestedAt: clampTimestamp(req.requestedAt, Date.now()),
    value: problem?.field === 'value' ? null : req.value,
  });
  const [record] = await appendRecords([{ ...base, outcome: 'cancelled' }]);
  return { eventId: record?.id ?? null };
}

const CAUSES = new Set(['timer', 'hide', 'navigation']);

/** A revealed value was masked again: a new record pointing at the reveal (the log is append-only). */
export async function remaskReveal(req: RemaskRequest): Promise<{ eventId: string | null }> {
  if (typeof req.eventId !== 'string' || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(req.eventId))
    return { eventId: null };
  const db = await openSigiloDB();
  const original = await db.getFromIndex('records', 'by-id', req.eventId);
  // Unknown (never logged here, or pruned long after): nothing to attach it to.
  if (original?.type !== 'reveal' || original.outcome !== 'revealed') return { eventId: null };
  const cause = CAUSES.has(req.cause) ? req.cause : 'hide';
  const { hash: _h, prevHash: _p, seq: _s, ...fields } = original;
  const [record] = await appendRecords([
    {
      ...fields,
      id: ulid(),
      type: 'remask',
      remaskedAt: clampTimestamp(req.remaskedAt, Date.now()),
      reasonText: null,
      flags: [`remask:${cause}`],
      refId: original.id,
    },
  ]);
  return { eventId: record?.id ?? null };
}

export const revealHandlers = {
  'reveal/request': { from: 'content', handle: requestReveal },
  'reveal/cancelled': { from: 'content', handle: cancelReveal },
  'reveal/remasked': { from: 'content', handle: (req) => remaskReveal(req) },
} satisfies Handlers<RevealProtocol>;
