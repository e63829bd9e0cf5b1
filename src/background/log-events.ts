import { fingerprint } from '../core/audit/fingerprint';
import { pageLocation } from '../core/audit/location';
import { ulid } from '../core/audit/ulid';
import { agentIdentity, extensionVersion, installId } from './identity';
import { installFingerprintKey } from './install-keys';
import type { NewRecord } from './log-store';
import type { EffectivePolicy } from './policy-store';

/**
 * Builds reveal-log records from what a content script reports. The raw value
 * is used here only to compute the fingerprint, then dropped. What a record
 * keeps of the page's address and of the reason is decided in the pure core
 * (core/audit/location.ts, core/audit/redact.ts), where it is unit-tested.
 */

/** The recorded form of a reason; kept under this name for the handlers that import it from here. */
export { redactReason as redact } from '../core/audit/redact';

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
