import { matchesAny } from './match-pattern';
import type { ContentPolicy, FieldRule, Policy } from './types';

/** Sigilo masks a page when a `sites` pattern matches it and no `excludeSites` pattern does. */
export function isActiveFor(url: string, policy: Pick<Policy, 'sites' | 'excludeSites'>): boolean {
  return matchesAny(policy.sites, url) && !matchesAny(policy.excludeSites, url);
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
