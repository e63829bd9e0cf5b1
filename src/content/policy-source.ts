import browser from 'webextension-polyfill';
import { DEFAULT_POLICY } from '../core/policy/defaults';
import type { ContentPolicy } from '../core/policy/types';
import { isLocale, type LocaleSetting } from '../shared/i18n';

/** How long the page stays hidden waiting for the background before the safe defaults apply. */
export const POLICY_TIMEOUT_MS = 1500;

export interface EffectivePolicy {
  /** false: this site is excluded (or outside `sites`): unmask and stop watching. */
  active: boolean;
  policy: ContentPolicy;
  /** 'background' when the service worker answered; 'defaults' when it did not (fail safe). */
  source: 'background' | 'defaults';
  /** The agent's language choice, sent along (this script cannot read extension storage). */
  locale: LocaleSetting;
}

/** The safest content policy: every detector, defaults' style and reasons, active. */
export function safeDefaults(): EffectivePolicy {
  const {
    fingerprintKey: _f,
    upload: _u,
    agentId: _a,
    retentionDays: _r,
    limits: _l,
    ...content
  } = DEFAULT_POLICY;
  return {
    active: true,
    policy: structuredClone(content) as ContentPolicy,
    source: 'defaults',
    locale: 'auto',
  };
}

/**
 * Ask the background for this page's effective policy (`policy/content`).
 * The route belongs to the policy engineer; until it exists (or if it fails or
 * is slow) the SAFE defaults apply: Sigilo masks rather than show raw values.
 * The reply is checked field by field, since it crosses a process boundary.
 */
export async function fetchEffectivePolicy(
  url: string,
  timeoutMs = POLICY_TIMEOUT_MS,
): Promise<EffectivePolicy> {
  const request = browser.runtime
    .sendMessage({ sigilo: 1, type: 'policy/content', req: { url } })
    .then((reply) => parseReply(reply))
    .catch(() => safeDefaults());
  const timeout = new Promise<EffectivePolicy>((resolve) =>
    setTimeout(() => resolve(safeDefaults()), timeoutMs),
  );
  return Promise.race([request, timeout]);
}

function parseReply(reply: unknown): EffectivePolicy {
  if (!isObject(reply) || reply.ok !== true || !isObject(reply.res)) return safeDefaults();
  const res = reply.res;
  // Accept `{active, policy}` or a bare ContentPolicy.
  const raw = isObject(res.policy) ? res.policy : res;
  const active = typeof res.active === 'boolean' ? res.active : true;
  const base = safeDefaults().policy;
  const merged = { ...base } as ContentPolicy & Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof ContentPolicy)[]) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== typeof base[key] || Array.isArray(v) !== Array.isArray(base[key])) continue;
    merged[key] = v as never;
  }
  if (!isObject(merged.detectors) || !Array.isArray(merged.detectors.enabled))
    merged.detectors = base.detectors;
  if (!['full', 'partial', 'chip'].includes(merged.maskStyle)) merged.maskStyle = base.maskStyle;
  if (!Array.isArray(merged.reasons) || merged.reasons.length === 0) merged.reasons = base.reasons;
  const locale = isLocale(res.locale) ? res.locale : 'auto';
  return { active, policy: merged, source: 'background', locale };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * The URL policy decisions are made for. An about:blank or srcdoc frame has
 * no URL of its own: it belongs to the page that created it (same origin).
 */
export function policyUrl(): string {
  if (location.protocol === 'about:' || location.protocol === 'data:' || location.protocol === 'blob:') {
    try {
      if (window.parent !== window) return window.parent.location.href;
    } catch {
      // cross-origin parent: fall back to its origin
    }
    const origin = location.ancestorOrigins?.[0];
    if (origin) return `${origin}/`;
  }
  return location.href;
}
