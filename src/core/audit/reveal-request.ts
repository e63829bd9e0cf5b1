import type { Policy } from '../policy/types';

/**
 * Checks a reveal request from a content script before anything is logged or
 * revealed. Problems name the field, in both UI languages; they never quote the
 * value.
 */
export interface RequestProblem {
  field: 'kind' | 'value' | 'url' | 'reasonId' | 'reasonText';
  message: { pt: string; en: string };
}

export const MAX_VALUE_LENGTH = 512;
export const MAX_REASON_TEXT_LENGTH = 500;
const KIND = /^[\p{L}\p{N}_:.-]{1,80}$/u;

interface RevealFields {
  kind: unknown;
  value: unknown;
  url: unknown;
  reasonId?: unknown;
  reasonText?: unknown;
}

export function checkRevealRequest(
  req: RevealFields,
  policy: Policy,
  needsReason: boolean,
): RequestProblem | null {
  if (typeof req.kind !== 'string' || !KIND.test(req.kind))
    return { field: 'kind', message: { pt: 'Tipo de dado inválido.', en: 'Invalid data kind.' } };
  if (typeof req.value !== 'string' || req.value.length === 0 || req.value.length > MAX_VALUE_LENGTH)
    return {
      field: 'value',
      message: { pt: 'Valor ausente ou longo demais.', en: 'Value missing or too long.' },
    };
  if (typeof req.url !== 'string' || !/^https?:\/\//i.test(req.url))
    return { field: 'url', message: { pt: 'Endereço da página inválido.', en: 'Invalid page address.' } };
  if (!needsReason) return null;
  const reason = policy.reasons.find((r) => r.id === req.reasonId);
  if (!reason)
    return {
      field: 'reasonId',
      message: { pt: 'Escolha um motivo da lista.', en: 'Choose a reason from the list.' },
    };
  const text = typeof req.reasonText === 'string' ? req.reasonText : '';
  if (typeof req.reasonText !== 'string' && req.reasonText !== undefined)
    return { field: 'reasonText', message: { pt: 'Justificativa inválida.', en: 'Invalid justification.' } };
  if (text.length > MAX_REASON_TEXT_LENGTH)
    return {
      field: 'reasonText',
      message: {
        pt: `Justificativa longa demais (máximo ${MAX_REASON_TEXT_LENGTH} caracteres).`,
        en: `Justification too long (at most ${MAX_REASON_TEXT_LENGTH} characters).`,
      },
    };
  if (reason.requiresText && text.trim().length === 0)
    return {
      field: 'reasonText',
      message: {
        pt: `O motivo "${reason.label.pt}" exige uma justificativa.`,
        en: `The reason "${reason.label.en}" requires a justification.`,
      },
    };
  return null;
}

/** Trust the page's clock only within 10 minutes of ours: limits and ordering use our time. */
export function clampTimestamp(claimed: unknown, now: number): string {
  const t = typeof claimed === 'string' ? Date.parse(claimed) : Number.NaN;
  return new Date(Number.isFinite(t) && Math.abs(now - t) <= 10 * 60_000 ? t : now).toISOString();
}
