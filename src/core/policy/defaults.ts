import { DETECTOR_TYPES } from '../detect/types';
import type { Policy, Reason } from './types';

/**
 * Reasons an agent may give for a reveal when the admin sets none. They follow
 * the LGPD legal bases an agent can actually invoke at the desk (Art. 7 / Art. 11:
 * the data subject's own request, identity verification for their protection,
 * a legal obligation); "other" forces free text so the reviewer sees why.
 */
export const DEFAULT_REASONS: readonly Reason[] = Object.freeze([
  {
    id: 'customer-request',
    label: { pt: 'Atendimento ao titular', en: 'Customer request', es: 'Solicitud del titular' },
    requiresText: false,
  },
  {
    id: 'identity-check',
    label: { pt: 'Confirmação de identidade', en: 'Identity check', es: 'Verificación de identidad' },
    requiresText: false,
  },
  {
    id: 'legal-obligation',
    label: { pt: 'Obrigação legal', en: 'Legal obligation', es: 'Obligación legal' },
    requiresText: false,
  },
  { id: 'other', label: { pt: 'Outro', en: 'Other', es: 'Otro' }, requiresText: true },
]);

/**
 * The policy in force when nobody configured anything, and the value every
 * invalid field falls back to. It is the SAFE baseline: active everywhere, every
 * detector on, short reveals, low limits that refuse.
 *
 * maskStyle "partial" with keepLast 2: agents must tell two masked values apart
 * (two cards, two phones) and confirm "ending in 09" with the customer without a
 * reveal — every reveal exposes the whole value, so a style that shows nothing
 * drives more reveals. Two characters rather than the PCI-style four because for
 * CPF/CNPJ the last two are check digits (computable from the rest, they add no
 * information about the person), and for cards/phones two digits are still enough
 * to disambiguate. Admins may raise it to 4 (cards) or set "full".
 *
 * Upload url '' means "no upload configured" (events stay in the local log);
 * agentId '' means "unknown agent" (the log engineer records it as such).
 */
export const DEFAULT_POLICY: Policy = deepFreeze({
  sites: ['http://*/*', 'https://*/*'],
  excludeSites: [],
  detectors: { enabled: [...DETECTOR_TYPES], minConfidence: {} },
  fieldRules: [],
  ignoreSelectors: [],
  maskStyle: 'partial',
  keepLast: 2,
  revealSeconds: 30,
  reasons: DEFAULT_REASONS.map((r) => ({ ...r, label: { ...r.label } })),
  limits: { perHour: 30, perFiveMinutes: 10, onExceed: 'refuse' },
  upload: { url: '', token: '', intervalMinutes: 15, format: 'sigilo' },
  retentionDays: 90,
  agentId: '',
  fingerprintKey: '',
  logUrl: 'path',
});

/** A fresh, mutable copy of the defaults (callers must never mutate DEFAULT_POLICY). */
export function defaultPolicy(): Policy {
  return structuredClone(DEFAULT_POLICY) as Policy;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
