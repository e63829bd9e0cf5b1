import browser from 'webextension-polyfill';
import { attemptLimit, checkLimits, HOUR_MS } from '../../core/audit/limits';
import { checkRevealRequest, clampTimestamp } from '../../core/audit/reveal-request';
import { ulid } from '../../core/audit/ulid';
import { currentLocale, pickText } from '../../shared/i18n';
import type { HandlerContext, Handlers } from '../../shared/messaging';
import { pushEnvelope } from '../../shared/protocol/content-push';
import type {
  PendingReveal,
  PrepareRequest,
  PrepareResult,
  RevealDecision,
  RevealProtocol,
  RevealRequest,
} from '../../shared/protocol/reveal';
import { openSigiloDB } from '../db';
import { baseRecord, redact } from '../log-events';
import { checkStorageHeadroom } from '../log-health';
import { appendRecords, commitRecords, type NewRecord, StorageUnavailableError } from '../log-store';
import { clearWarning, raiseWarning } from '../log-warnings';
import { getEffectivePolicy } from '../policy-store';
import { closeSession, countAttempt, findSession, openSession, type RevealSession } from '../reveal-sessions';

/**
 * Log before reveal: the reply "revealed" is sent only after the record's
 * transaction committed (durability "strict"). Anything that prevents logging
 * refuses the reveal instead (fail safe).
 */

/** A message for people; the core's request checks carry pt and en only (es readers get en there). */
type Localized = { pt: string; en: string; es?: string };

/** In the agent's language: their setting (loaded by the worker, see service-worker.ts), else the browser's. */
function localized(message: Localized): string {
  return pickText(message, currentLocale());
}

const MESSAGES = {
  storage: {
    pt: 'Não foi possível registrar a revelação; o valor continua mascarado. Avise o suporte.',
    en: 'The reveal could not be logged, so the value stays masked. Please contact support.',
    es: 'No se pudo registrar la revelación; el valor sigue oculto. Avise a soporte.',
  },
  quota: {
    pt: 'O armazenamento do navegador está quase cheio; revelações bloqueadas até liberar espaço.',
    en: "The browser's storage is nearly full; reveals are blocked until space is freed.",
    es: 'El almacenamiento del navegador está casi lleno; las revelaciones quedan bloqueadas hasta liberar espacio.',
  },
  'limit-per-five-minutes': {
    pt: 'Limite de revelações em 5 minutos atingido; tente mais tarde. O supervisor foi notificado.',
    en: 'Reveal limit for 5 minutes reached; try again later. Your supervisor was notified.',
    es: 'Se alcanzó el límite de revelaciones en 5 minutos; intente más tarde. Se avisó a su supervisor.',
  },
  'limit-per-hour': {
    pt: 'Limite de revelações por hora atingido; tente mais tarde. O supervisor foi notificado.',
    en: 'Hourly reveal limit reached; try again later. Your supervisor was notified.',
    es: 'Se alcanzó el límite de revelaciones por hora; intente más tarde. Se avisó a su supervisor.',
  },
  expired: {
    pt: 'Este pedido de revelação expirou; feche e clique no valor de novo.',
    en: 'This reveal request expired; close it and click the value again.',
    es: 'Esta solicitud de revelación expiró; ciérrela y haga clic en el valor de nuevo.',
  },
  shownElsewhere: {
    pt: 'A página foi fechada ou recarregada; nada foi revelado.',
    en: 'The page was closed or reloaded; nothing was revealed.',
    es: 'La página se cerró o recargó; no se reveló nada.',
  },
} satisfies Record<string, Required<Localized>>;

function pageUrl(req: { url?: unknown }, ctx: HandlerContext): string {
  if (typeof req.url === 'string' && /^https?:\/\//i.test(req.url)) return req.url;
  return ctx.url ?? '';
}

/**
 * Where a content script's value is shown, from the browser's own sender info:
 * the frame's URL, or its tab's for frames without one of their own
 * (about:blank, srcdoc). Never a URL the page or the script could choose.
 */
function senderPageUrl(ctx: HandlerContext): string {
  if (ctx.url && /^https?:\/\//i.test(ctx.url)) return ctx.url;
  return ctx.tabUrl ?? ctx.url ?? '';
}

function refused(eventId: string | null, refusedReason: string, message: Localized): RevealDecision {
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

/**
 * A content script asks, after the agent's own click, Enter, list choice or
 * popup choice: the value is parked here and the reveal frame gets a token.
 */
export async function prepareReveal(req: PrepareRequest, ctx: HandlerContext): Promise<PrepareResult> {
  if (ctx.tabId === undefined) return { ok: false, message: localized(MESSAGES.expired) };
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const session = openSession({
    tabId: ctx.tabId,
    frameId: ctx.frameId ?? 0,
    url: senderPageUrl(ctx),
    kind: text(req.kind, 80),
    kindLabel: text(req.kindLabel, 80),
    value: typeof req.value === 'string' ? req.value : '',
    display: text(req.display, 200),
    requestedAt: clampTimestamp(req.requestedAt, Date.now()),
  });
  return { ok: true, token: session.token };
}

/**
 * A cancelled attempt gets its own record while attempts stay under the limit;
 * the first one over it gets one anomaly record for the whole burst, the rest
 * none. The agent is never locked out: the dialog still opens and reveals
 * still work (they have their own limits).
 */
async function recordCancel(session: RevealSession): Promise<string | null> {
  const effective = await getEffectivePolicy();
  const verdict = countAttempt(effective.policy.limits);
  if (verdict === 'over') return null;
  const base = await baseRecord({
    effective,
    url: session.url,
    kind: session.kind,
    requestedAt: session.requestedAt,
    value: verdict === 'record' ? session.value || null : null,
  });
  const record: NewRecord =
    verdict === 'record'
      ? { ...base, outcome: 'cancelled' }
      : { ...base, type: 'anomaly', flags: [`attempts-over-${attemptLimit(effective.policy.limits)}`] };
  if (verdict === 'first-over') void raiseWarning('anomaly');
  const [written] = await appendRecords([record]).catch(() => []);
  return written?.id ?? null;
}

async function pendingReveal(req: { token: string }, ctx: HandlerContext): Promise<PendingReveal | null> {
  const s = findSession(req.token, ctx.tabId);
  if (!s) return null;
  const { policy } = await getEffectivePolicy();
  return {
    kindLabel: s.kindLabel,
    display: s.display,
    reasons: policy.reasons,
    revealSeconds: policy.revealSeconds,
  };
}

export async function confirmReveal(
  req: { token: string; reasonId: string; reasonText: string },
  ctx: HandlerContext,
): Promise<RevealDecision> {
  const s = findSession(req.token, ctx.tabId);
  if (!s || s.decided) return refused(null, 'expired', MESSAGES.expired);
  s.decided = true;
  const decision = await requestReveal(
    {
      kind: s.kind,
      value: s.value,
      url: s.url,
      reasonId: req.reasonId,
      reasonText: req.reasonText,
      requestedAt: s.requestedAt,
    },
    ctx,
  );
  // The value is needed no longer: only the frame's "close" may still come.
  s.value = '';
  const { policy } = await getEffectivePolicy();
  if (decision.outcome !== 'revealed') {
    countAttempt(policy.limits);
    return decision;
  }
  const push = pushEnvelope('reveal/decided', {
    token: s.token,
    eventId: decision.eventId,
    revealSeconds: decision.revealSeconds,
  });
  const shown = await browser.tabs
    .sendMessage(s.tabId, push, { frameId: s.frameId })
    .then((r) => (r as { shown?: boolean } | undefined)?.shown === true)
    .catch(() => false);
  closeSession(s.token);
  if (!shown) {
    // Logged as revealed, but the page went away first: the record is closed at once.
    await remaskReveal({
      eventId: decision.eventId,
      remaskedAt: new Date().toISOString(),
      cause: 'navigation',
    });
    return refused(decision.eventId, 'page-gone', MESSAGES.shownElsewhere);
  }
  return decision;
}

async function closeReveal(
  req: { token: string; cancelled: boolean },
  ctx: HandlerContext,
): Promise<{ eventId: string | null }> {
  const s = findSession(req.token, ctx.tabId);
  if (!s) return { eventId: null };
  closeSession(s.token);
  if (!req.cancelled || s.decided) return { eventId: null };
  return { eventId: await recordCancel(s) };
}

export const revealHandlers = {
  'reveal/prepare': { from: 'content', handle: prepareReveal },
  'reveal/pending': { from: 'extension', handle: pendingReveal },
  'reveal/confirm': { from: 'extension', handle: confirmReveal },
  'reveal/close': { from: 'extension', handle: closeReveal },
  'reveal/request': { from: 'extension', handle: requestReveal },
  'reveal/cancelled': { from: 'extension', handle: cancelReveal },
  'reveal/remasked': { from: 'content', handle: (req) => remaskReveal(req) },
} satisfies Handlers<RevealProtocol>;
