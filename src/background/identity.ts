import browser from 'webextension-polyfill';
import { generateFingerprintKey } from '../core/audit/fingerprint';
import type { AuditEventBody } from '../core/audit/types';
import { ulid } from '../core/audit/ulid';
import type { Policy } from '../core/policy/types';
import { getMeta, type MetaKey, openSigiloDB, putMeta, type SigiloDatabase } from './db';
import { getEffectivePolicy } from './policy-store';

/**
 * Who and where a reveal record is attributed to.
 * - agentId, by rank:
 *   1. "policy": the `agentId` the organisation set in the managed policy;
 *   2. "profile": the e-mail of the account signed in to the browser profile
 *      (chrome.identity.getProfileUserInfo; needs the "identity" and
 *      "identity.email" permissions; empty when nobody is signed in or the
 *      browser has no such API, e.g. Firefox);
 *   3. "local": an `agentId` the agent typed on the options page. It is the
 *      agent's own claim, so it never outranks an identity the organisation or
 *      the browser vouches for, and it is recorded as such (a record must not
 *      say "policy" for a name anyone could type);
 *   4. "unknown".
 * - installId: random, generated once per browser profile and kept in IndexedDB.
 */
export interface AgentIdentity {
  agentId: string;
  agentSource: AuditEventBody['agentSource'];
}

const PROFILE_TTL_MS = 60_000;
let profileCache: { email: string; at: number } | null = null;

async function profileEmail(): Promise<string> {
  if (profileCache && Date.now() - profileCache.at < PROFILE_TTL_MS) return profileCache.email;
  let email = '';
  try {
    const api = (globalThis as { chrome?: typeof chrome }).chrome?.identity;
    if (api?.getProfileUserInfo) {
      const info = await api.getProfileUserInfo({ accountStatus: 'ANY' as chrome.identity.AccountStatus });
      email = info.email ?? '';
    }
  } catch {
    email = '';
  }
  profileCache = { email, at: Date.now() };
  return email;
}

/**
 * The agentId the managed policy sets, or '' when management sets none. Read
 * from the policy store rather than from the Policy a caller passes, because a
 * merged Policy no longer says which layer its agentId came from; the locked
 * keys do. Any failure counts as "not managed" (the lower rank).
 */
async function managedAgentId(): Promise<string> {
  try {
    const effective = await getEffectivePolicy();
    return effective.locked.includes('agentId') ? effective.policy.agentId.trim() : '';
  } catch {
    return '';
  }
}

export async function agentIdentity(policy: Policy): Promise<AgentIdentity> {
  const id = policy.agentId.trim();
  // Only the very value management set is "policy": a local value (or one from
  // a policy that changed since) is the agent's own claim.
  if (id && id === (await managedAgentId())) return { agentId: id, agentSource: 'policy' };
  const email = await profileEmail();
  if (email) return { agentId: email, agentSource: 'profile' };
  if (id) return { agentId: id, agentSource: 'local' };
  return { agentId: 'unknown', agentSource: 'unknown' };
}

/** Read a per-install value, creating it once (first writer wins, in one transaction). */
async function oncePerInstall(
  db: SigiloDatabase,
  key: Extract<MetaKey, 'installId' | 'installFingerprintKey'>,
  create: () => string,
): Promise<string> {
  const existing = await getMeta(db, key);
  if (typeof existing === 'string') return existing;
  const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
  const again = await getMeta(tx, key);
  if (typeof again === 'string') {
    await tx.done;
    return again;
  }
  const value = create();
  await putMeta(tx, key, value);
  await tx.done;
  return value;
}

let installIdPromise: Promise<string> | null = null;
export function installId(): Promise<string> {
  installIdPromise ??= openSigiloDB()
    .then((db) => oncePerInstall(db, 'installId', () => ulid()))
    .catch((error: unknown) => {
      installIdPromise = null;
      throw error;
    });
  return installIdPromise;
}

/** The fingerprint key and which one it is. The install key never leaves the background. */
export async function fingerprintKey(
  policy: Policy,
): Promise<{ key: string; keyId: NonNullable<AuditEventBody['fingerprintKeyId']> }> {
  if (policy.fingerprintKey) return { key: policy.fingerprintKey, keyId: 'policy' };
  installKeyPromise ??= openSigiloDB()
    .then((db) => oncePerInstall(db, 'installFingerprintKey', generateFingerprintKey))
    .catch((error: unknown) => {
      installKeyPromise = null;
      throw error;
    });
  return { key: await installKeyPromise, keyId: 'install' };
}

let installKeyPromise: Promise<string> | null = null;

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}
