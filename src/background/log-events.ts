import { fingerprint } from '../core/audit/fingerprint';
import { reduceUrl } from '../core/audit/location';
import { redactFallback, redactText } from '../core/audit/redact';
import { ulid } from '../core/audit/ulid';
import { scan } from '../core/detect/scanner';
import type { Policy } from '../core/policy/types';
import { agentIdentity, extensionVersion, installId } from './identity';
import { installFingerprintKey } from './install-keys';
import type { NewRecord } from './log-store';
import type { EffectivePolicy } from './policy-store';

/**
 * Builds reveal-log records from what a content script reports. The raw value
 * is used here only to compute the fingerprint, then dropped.
 */

/** Mask every detected value (fail safe: over-mask when the scanner fails). */
export function redact(text: string, policy: Policy): string {
  try {
    return redactText(text, scan(text, { minConfidence: policy.detectors.minConfidence }));
  } catch {
    return redactFallback(text);
  }
}

/**
 * origin + path, or origin only. Paths often carry the very values we protect
 * (/clientes/123.456.789-09) glued to slashes where detectors see no word
 * boundary, so after the scanner every remaining run of digits is hidden too:
 * a path's ids are not needed to audit a reveal.
 */
export function pageLocation(url: string, policy: Policy): { origin: string; path: string | null } {
  const reduced = reduceUrl(url, policy.logUrl);
  if (!reduced) return { origin: 'unknown', path: null };
  if (reduced.path === null) return { origin: reduced.origin, path: null };
  let path = reduced.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes: redact the raw form.
  }
  return { origin: reduced.origin, path: redactFallback(redact(path, policy)) };
}

export interface EventContext {
  effective: EffectivePolicy;
  url: string;
  kind: string;
  requestedAt: string;
  value: string | null;
}

/** Fields every record of this reveal shares; type/outcome/etc. filled by the caller. */
export async function baseRecord(ctx: EventContext): Promise<NewRecord> {
  const { policy, version } = ctx.effective;
  const [agent, install] = await Promise.all([agentIdentity(policy), installId()]);
  let print: string | null = null;
  let keyId: NewRecord['fingerprintKeyId'] = null;
  if (ctx.value) {
    // Always the install's own key, never the organisation's policy key: a key
    // shared by every agent machine would let anyone with a copy of the
    // collector's database test guessed values against every install's records.
    // The collector opens install keys (escrowed to it) for data-subject reports.
    print = await fingerprint(await installFingerprintKey(), ctx.value);
    keyId = 'install';
  }
  const location = pageLocation(ctx.url, policy);
  return {
    id: ulid(),
    type: 'reveal',
    requestedAt: ctx.requestedAt,
    revealedAt: null,
    remaskedAt: null,
    agentId: agent.agentId,
    agentSource: agent.agentSource,
    installId: install,
    extensionVersion: extensionVersion(),
    policyVersion: version,
    origin: location.origin,
    path: location.path,
    kind: ctx.kind,
    fingerprint: print,
    fingerprintKeyId: keyId,
    reasonId: null,
    reasonText: null,
    outcome: 'refused',
    refusedReason: null,
    flags: [],
    refId: null,
  };
}
