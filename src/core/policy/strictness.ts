import { listCovers } from './match-pattern';
import type { MaskStyle, Policy } from './types';

/**
 * How much a mask style shows: "full" and "chip" show none of the value,
 * "partial" shows its last `keepLast` characters.
 */
export const MASK_STYLE_EXPOSURE: Record<MaskStyle, number> = { full: 0, chip: 0, partial: 1 };

/**
 * The precise meaning of "looser" (less protection) used by the local-edit rule
 * and the fuzz tests. `candidate` is looser than `reference` at each returned
 * path when it:
 * - sites: leaves a URL unmasked that the reference masks (a reference pattern no candidate pattern covers);
 * - excludeSites: excludes a pattern the reference does not;
 * - detectors.enabled: lacks a detector the reference runs;
 * - detectors.minConfidence.T: requires more confidence for T (or drops a threshold the reference set);
 * - fieldRules: lacks a rule the reference has (same id, selector, kind, sites);
 * - ignoreSelectors: ignores an element the reference masks;
 * - maskStyle / keepLast: shows more characters of a masked value;
 * - revealSeconds: keeps a reveal on screen longer;
 * - limits.*: allows more reveals, or only flags instead of refusing;
 * - retentionDays: deletes audit evidence sooner.
 * Reasons, upload, agentId, fingerprintKey and logUrl are administration, not
 * protection strength, and are compared by the "admin only" rule instead.
 */
export function looserPaths(candidate: Policy, reference: Policy): string[] {
  const out: string[] = [];
  if (!listCovers(candidate.sites, reference.sites)) out.push('sites');
  if (candidate.excludeSites.some((p) => !reference.excludeSites.includes(p))) out.push('excludeSites');
  if (reference.detectors.enabled.some((t) => !candidate.detectors.enabled.includes(t)))
    out.push('detectors.enabled');
  const refMc = reference.detectors.minConfidence;
  const candMc = candidate.detectors.minConfidence;
  for (const type of new Set([...Object.keys(refMc), ...Object.keys(candMc)]) as Set<keyof typeof refMc>) {
    const r = refMc[type];
    const c = candMc[type];
    if (c === undefined ? r !== undefined : r === undefined || c > r)
      out.push(`detectors.minConfidence.${type}`);
  }
  const ruleKey = (r: Policy['fieldRules'][number]) =>
    JSON.stringify([r.id, r.selector, r.kind, r.sites ?? null]);
  const candRules = new Set(candidate.fieldRules.map(ruleKey));
  if (reference.fieldRules.some((r) => !candRules.has(ruleKey(r)))) out.push('fieldRules');
  if (candidate.ignoreSelectors.some((s) => !reference.ignoreSelectors.includes(s)))
    out.push('ignoreSelectors');
  const exposure = (p: Policy) => MASK_STYLE_EXPOSURE[p.maskStyle] * (p.keepLast + 1);
  if (exposure(candidate) > exposure(reference))
    out.push(candidate.maskStyle !== reference.maskStyle ? 'maskStyle' : 'keepLast');
  if (candidate.revealSeconds > reference.revealSeconds) out.push('revealSeconds');
  if (candidate.limits.perHour > reference.limits.perHour) out.push('limits.perHour');
  if (candidate.limits.perFiveMinutes > reference.limits.perFiveMinutes) out.push('limits.perFiveMinutes');
  if (candidate.limits.onExceed === 'flag' && reference.limits.onExceed === 'refuse')
    out.push('limits.onExceed');
  if (candidate.retentionDays < reference.retentionDays) out.push('retentionDays');
  return out;
}
