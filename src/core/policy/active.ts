import { matchesAny } from './match-pattern';
import type { ContentPolicy, FieldRule, Policy } from './types';

/**
 * Sigilo masks a page when a `sites` pattern matches it and no `excludeSites`
 * pattern does — never on its own surfaces: the collector the policy uploads to
 * (same origin as `upload.url`: supervisors review agents' e-mails and type a
 * data subject's CPF there) is excluded whatever `sites` says.
 */
export function isActiveFor(
  url: string,
  policy: Pick<Policy, 'sites' | 'excludeSites'> & { upload?: { url: string } },
): boolean {
  if (policy.upload?.url && sameOrigin(url, policy.upload.url)) return false;
  return matchesAny(policy.sites, url) && !matchesAny(policy.excludeSites, url);
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The field rules that apply on this URL (a rule without `sites` applies wherever Sigilo is active). */
export function fieldRulesFor(url: string, policy: Pick<Policy, 'fieldRules'>): FieldRule[] {
  return policy.fieldRules.filter((rule) => rule.sites === undefined || matchesAny(rule.sites, url));
}

/** Strip what a page's process must never see: secrets and log settings. */
export function toContentPolicy(policy: Policy): ContentPolicy {
  const { fingerprintKey: _f, upload: _u, agentId: _a, retentionDays: _r, limits: _l, ...content } = policy;
  return structuredClone(content);
}
