import { ADMIN_ONLY_KEYS } from '../../core/policy/merge';
import type { PolicyError, PolicyKey } from '../../core/policy/types';
import { BOUNDS } from '../../core/policy/validate';
import { pickText } from '../../shared/i18n';
import { kindLabel } from '../../shared/i18n/labels';
import type { RedactedPolicy } from '../../shared/protocol/policy';
import type { messages } from './messages';
import { locale, t } from './t';

/**
 * Policy errors in words for the person at the form: the field as the form
 * names it ("Selector of rule 3", not "fieldRules[2].selector") and the reason.
 * A refused loosening gets its reason from this page's catalog, so it reads the
 * same in pt, en and es and names no internal value ("refuse", "flag").
 */

type Key = keyof typeof messages;

const TOP_LABELS: Partial<Record<string, Key>> = {
  sites: 'sites',
  excludeSites: 'excludeSites',
  detectors: 'detectors',
  fieldRules: 'fieldRules',
  ignoreSelectors: 'ignoreSelectors',
  maskStyle: 'maskStyle',
  keepLast: 'keepLast',
  revealSeconds: 'revealSeconds',
  reasons: 'reasons',
  limits: 'limits',
  upload: 'upload',
  retentionDays: 'retentionDays',
  agentId: 'agentId',
  fingerprintKey: 'fingerprintKey',
  logUrl: 'logUrl',
};
const SUB_LABELS: Partial<Record<string, Key>> = {
  'limits.perHour': 'perHourLong',
  'limits.perFiveMinutes': 'perFiveMinutesLong',
  'limits.onExceed': 'onExceedLong',
  'upload.url': 'uploadUrl',
  'upload.token': 'uploadToken',
  'upload.intervalMinutes': 'intervalMinutes',
  'upload.format': 'formatLong',
  'detectors.enabled': 'detectors',
};
const RULE_PARTS: Partial<Record<string, Key>> = {
  selector: 'ruleSelector',
  kind: 'ruleKind',
  sites: 'ruleSites',
  id: 'ruleId',
};

/** The field an error path points to, named as the form names it. */
export function fieldName(path: string): string {
  if (path === '') return t('wholePolicy');
  const top = /^([A-Za-z]+)/.exec(path)?.[1] ?? path;
  const topKey = TOP_LABELS[top];
  if (!topKey) return t('unknownKey', { key: top });
  const rule = /^fieldRules\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (rule) {
    const n = Number(rule[1]) + 1;
    const part = rule[2] ? RULE_PARTS[rule[2]] : undefined;
    return part ? t(part, { n }) : t('rule', { n });
  }
  const mc = /^detectors\.minConfidence\.(\w+)/.exec(path);
  if (mc) return t('minConfidenceOf', { kind: kindLabel(mc[1] ?? '', locale()) });
  const sub = /^(\w+\.\w+)/.exec(path)?.[1];
  const subKey = sub ? SUB_LABELS[sub] : undefined;
  const base = t(subKey ?? topKey);
  const index = /\[(\d+)\]$/.exec(path);
  if (index) {
    const n = Number(index[1]) + 1;
    return ['sites', 'excludeSites', 'ignoreSelectors'].includes(top)
      ? t('lineOf', { field: base, n })
      : t('itemOf', { field: base, n });
  }
  return base;
}

const STYLE_LABEL: Record<string, Key> = { full: 'styleFull', partial: 'stylePartial', chip: 'styleChip' };

/** The reason a refused local value was ignored, from this page's catalog (null: not a known refusal). */
function refusalReason(path: string, policy: RedactedPolicy): string | null {
  if ((ADMIN_ONLY_KEYS as readonly string[]).includes(path)) return t('refusedAdminOnly');
  if (path.startsWith('detectors.minConfidence.')) return t('refusedMinConfidence');
  switch (path) {
    case 'sites':
      return t('refusedSites');
    case 'excludeSites':
      return t('refusedExcludeSites');
    case 'ignoreSelectors':
      return t('refusedIgnoreSelectors');
    case 'detectors.enabled':
      return t('refusedDetectors');
    case 'fieldRules':
      return t('refusedFieldRules');
    case 'maskStyle':
      return t('refusedMaskStyle', { current: t(STYLE_LABEL[policy.maskStyle] ?? 'styleFull') });
    case 'keepLast':
      return t('refusedAtMost', { max: policy.keepLast });
    case 'revealSeconds':
      return t('refusedRevealSeconds', { max: policy.revealSeconds });
    case 'limits.perHour':
      return t('refusedAtMost', { max: policy.limits.perHour });
    case 'limits.perFiveMinutes':
      return t('refusedAtMost', { max: policy.limits.perFiveMinutes });
    case 'limits.onExceed':
      return t('refusedOnExceed');
  }
  return null;
}

/**
 * Reasons this page words itself: the agent's own invalid numbers, said as
 * what to type (in every language) rather than what the policy falls back to
 * ("using 2"); and errors whose core text quotes internal codes (the list of
 * detector codes, the enum values of a setting, the "FIELD" kind recorded for
 * a bad label), which never reach the screen.
 */
function ownReason(error: PolicyError): string | null {
  if (error.source === 'local' && error.path in BOUNDS) {
    const [min, max] = BOUNDS[error.path as keyof typeof BOUNDS];
    return t('numberBetween', { min, max });
  }
  if (/^fieldRules\[\d+\]\.kind$/.test(error.path)) return t('ruleKindInvalid');
  if (/^detectors\.enabled\[\d+\]$/.test(error.path)) {
    const value = /^("(?:[^"\\]|\\.)*"|\S+) is not a detector type/.exec(error.message)?.[1] ?? '';
    return t('unknownDetector', { value });
  }
  if (
    /^(maskStyle|limits\.onExceed|upload\.format|logUrl)$/.test(error.path) &&
    /^must be one of /.test(error.message)
  )
    return t('notAChoice');
  return null;
}

/** A policy error as shown: is it a refusal (valid but looser than allowed), and its reason in words. */
export interface ShownError {
  error: PolicyError;
  refused: boolean;
  field: string;
  reason: string;
}

/**
 * `validationErrors` are what validating the same local layer reports by
 * itself; any other local error is a refusal by the merge (a loosening, or a
 * key only an administrator sets).
 */
export function showError(
  error: PolicyError,
  policy: RedactedPolicy,
  validationErrors: readonly PolicyError[] = [],
): ShownError {
  const isValidation = validationErrors.some((v) => v.path === error.path && v.message === error.message);
  const refusal = error.source === 'local' && !isValidation ? refusalReason(error.path, policy) : null;
  const reason = refusal ?? ownReason(error) ?? (error.text ? pickText(error.text, locale()) : error.message);
  return {
    error,
    refused: refusal !== null,
    field: fieldName(error.path),
    reason: refusal ? `${t('refusedPrefix')}: ${reason}` : reason,
  };
}

/** The top-level policy key of an error path ("limits.perHour" -> "limits"). */
export function topKey(path: string): PolicyKey | string {
  return /^([A-Za-z]+)/.exec(path)?.[1] ?? '';
}
