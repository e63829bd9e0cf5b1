import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import type { Policy, PolicyKey } from '../../../src/core/policy/types';

// The identity adapter with its browser edges replaced: the effective policy
// (which keys management locked) from variables, the profile's account from a
// stubbed chrome.identity. What is under test is the ranking.
let effectivePolicy: Policy = structuredClone(DEFAULT_POLICY) as Policy;
let locked: PolicyKey[] = [];
let storeFails = false;

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { getManifest: () => ({ version: '9.9.9' }) } },
}));
vi.mock('../../../src/background/policy-store', () => ({
  getEffectivePolicy: async () => {
    if (storeFails) throw new Error('store unavailable');
    return { policy: effectivePolicy, version: 'v', locked, errors: [], managed: 'loaded' };
  },
}));

function stubProfile(email: string | null): void {
  vi.stubGlobal(
    'chrome',
    email === null
      ? {}
      : { identity: { getProfileUserInfo: async () => ({ email, id: email ? 'g-1' : '' }) } },
  );
}

/** A policy as the store would merge it: `managed` keys locked, `local` ones not. */
function arrange(layers: { managed?: string; local?: string }): Policy {
  locked = layers.managed !== undefined ? ['agentId'] : [];
  effectivePolicy = {
    ...structuredClone(DEFAULT_POLICY),
    agentId: layers.managed ?? layers.local ?? '',
  } as Policy;
  return effectivePolicy;
}

async function identityOf(policy: Policy) {
  vi.resetModules(); // the profile e-mail is cached for a minute
  const { agentIdentity } = await import('../../../src/background/identity');
  return agentIdentity(policy);
}

beforeEach(() => {
  storeFails = false;
  stubProfile('');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('agent identity ranking: policy > profile > local > unknown', () => {
  it('a managed agentId is recorded as "policy", above the profile account', async () => {
    stubProfile('ana.profile@example.com');
    expect(await identityOf(arrange({ managed: 'ana.policy@example.com' }))).toEqual({
      agentId: 'ana.policy@example.com',
      agentSource: 'policy',
    });
  });

  it('a local agentId is recorded as "local", never "policy"', async () => {
    expect(await identityOf(arrange({ local: 'someone.else' }))).toEqual({
      agentId: 'someone.else',
      agentSource: 'local',
    });
  });

  it('the profile account outranks a local agentId', async () => {
    stubProfile('ana.profile@example.com');
    expect(await identityOf(arrange({ local: 'someone.else' }))).toEqual({
      agentId: 'ana.profile@example.com',
      agentSource: 'profile',
    });
  });

  it('control: the same value set by management is "policy" (only the layer differs)', async () => {
    expect((await identityOf(arrange({ managed: 'someone.else' }))).agentSource).toBe('policy');
    expect((await identityOf(arrange({ local: 'someone.else' }))).agentSource).toBe('local');
  });

  it('a managed but empty agentId falls through to the profile, then unknown', async () => {
    stubProfile('ana.profile@example.com');
    expect(await identityOf(arrange({ managed: '' }))).toEqual({
      agentId: 'ana.profile@example.com',
      agentSource: 'profile',
    });
    stubProfile('');
    expect(await identityOf(arrange({ managed: '' }))).toEqual({
      agentId: 'unknown',
      agentSource: 'unknown',
    });
  });

  it('no identity at all (Firefox: no chrome.identity) is "unknown"', async () => {
    stubProfile(null);
    expect(await identityOf(arrange({}))).toEqual({ agentId: 'unknown', agentSource: 'unknown' });
  });

  it('a policy value that differs from what management set now is not "policy"', async () => {
    // A caller holding a policy from before a change (or a hand-made copy) must
    // not get the organisation's word for a value management did not set.
    arrange({ managed: 'ana.policy@example.com' });
    const stale = { ...effectivePolicy, agentId: 'someone.else' };
    expect(await identityOf(stale)).toEqual({ agentId: 'someone.else', agentSource: 'local' });
  });

  it('when the policy store fails, a set agentId counts as local (the lower rank)', async () => {
    const policy = arrange({ managed: 'ana.policy@example.com' });
    storeFails = true;
    expect(await identityOf(policy)).toEqual({ agentId: 'ana.policy@example.com', agentSource: 'local' });
  });

  it('surrounding blanks are trimmed before comparing and recording', async () => {
    const policy = arrange({ managed: 'ana.policy@example.com' });
    expect(await identityOf({ ...policy, agentId: '  ana.policy@example.com ' })).toEqual({
      agentId: 'ana.policy@example.com',
      agentSource: 'policy',
    });
  });
});
