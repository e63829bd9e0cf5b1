import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import type { Policy, PolicyKey } from '../../../src/core/policy/types';

// The background adapter with its browser edges replaced: storage.local in a
// Map, the policy from a variable, IndexedDB from fake-indexeddb. What is under
// test is the handler's fail-safe logic, not the browser.
const local = new Map<string, unknown>();
let policy: Policy = structuredClone(DEFAULT_POLICY) as Policy;
/** Keys the managed policy sets (an agentId is "policy" only when locked). */
let locked: PolicyKey[] = [];
let estimate: () => Promise<{ usage: number; quota: number }> = async () => ({ usage: 1, quota: 1e12 });

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getManifest: () => ({ version: '9.9.9' }) },
    storage: {
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: local.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) local.set(k, v);
        },
      },
    },
  },
}));
vi.mock('../../../src/background/policy-store', () => ({
  getEffectivePolicy: async () => ({ policy, version: 'test-v', locked, errors: [], managed: 'none' }),
}));

const CPF = '620.190.597-97';
const url = 'https://crm.example.com/clientes/620.190.597-97?tab=1#x';
const request = (over: Record<string, unknown> = {}) => ({
  kind: 'CPF',
  value: CPF,
  url,
  reasonId: 'other',
  reasonText: `titular pediu, CPF ${CPF}`,
  requestedAt: new Date().toISOString(),
  ...over,
});
const ctx = { sender: 'content' as const, tabId: 1, frameId: 0, url, tabUrl: url };

let n = 0;
async function load() {
  vi.resetModules();
  const db = await import('../../../src/background/db');
  const name = `sigilo-handler-${Date.now()}-${n++}`;
  const opened = await db.openSigiloDB(name);
  vi.spyOn(db, 'openSigiloDB').mockResolvedValue(opened);
  const handler = await import('../../../src/background/handlers/reveal');
  // A pt-BR agent: the worker's refusals follow the agent's language.
  (await import('../../../src/shared/i18n')).setLocaleOverride('pt');
  return { db: opened, dbModule: db, handler };
}

beforeEach(() => {
  local.clear();
  policy = structuredClone(DEFAULT_POLICY) as Policy;
  locked = [];
  estimate = async () => ({ usage: 1, quota: 1e12 });
  vi.stubGlobal('navigator', { storage: { estimate: () => estimate() } });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('reveal/request handler', () => {
  it('answers "revealed" only with the record already committed, holding no raw value', async () => {
    const { db, handler } = await load();
    const decision = await handler.requestReveal(request(), ctx);
    expect(decision).toMatchObject({ outcome: 'revealed', revealSeconds: policy.revealSeconds, flags: [] });
    const records = await db.getAll('records');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: decision.eventId,
      seq: 1,
      outcome: 'revealed',
      origin: 'https://crm.example.com',
      path: expect.stringMatching(/^\/clientes\/\[(CPF|REDACTED)\]$/),
      reasonText: 'titular pediu, CPF [CPF]',
      fingerprintKeyId: 'install',
      extensionVersion: '9.9.9',
      policyVersion: 'test-v',
      agentSource: 'unknown',
    });
    const everything = JSON.stringify({ records, meta: await db.getAll('meta'), local: [...local] });
    expect(everything).not.toContain(CPF);
    expect(everything).not.toContain('62019059797');
  });

  it('uses the install key even when the policy sets one, the agent id from policy, and only the origin on request', async () => {
    policy = { ...policy, fingerprintKey: 'org-key', agentId: 'ana@example.com', logUrl: 'origin' };
    locked = ['fingerprintKey', 'agentId', 'logUrl'];
    const { db, handler } = await load();
    await handler.requestReveal(request(), ctx);
    const [record] = await db.getAll('records');
    expect(record).toMatchObject({
      fingerprintKeyId: 'install',
      agentId: 'ana@example.com',
      agentSource: 'policy',
      path: null,
    });
    // A key shared by every agent machine would let a copy of the collector's database be brute-forced.
    const { fingerprint } = await import('../../../src/core/audit/fingerprint');
    expect(record!.fingerprint).not.toBe(await fingerprint('org-key', '62019059797'));
    const installKey = await db.get('meta', 'installFingerprintKey');
    expect(record!.fingerprint).toBe(await fingerprint(installKey as string, '62019059797'));
  });

  it('refuses (never reveals unlogged) when the database cannot be written, and raises a warning', async () => {
    const { dbModule, handler } = await load();
    vi.spyOn(dbModule, 'openSigiloDB').mockRejectedValue(new DOMException('disk', 'UnknownError'));
    const decision = await handler.requestReveal(request(), ctx);
    expect(decision).toMatchObject({ outcome: 'refused', refusedReason: 'storage-unavailable' });
    if (decision.outcome === 'refused') expect(decision.message).toMatch(/registrar/);
    expect(JSON.stringify(local.get('sigilo.log.warnings'))).toContain('storage-failed');
  });

  it('refuses when the storage quota is nearly used up, and raises a warning', async () => {
    estimate = async () => ({ usage: 999e6, quota: 1000e6 });
    const { db, handler } = await load();
    const decision = await handler.requestReveal(request(), ctx);
    expect(decision).toMatchObject({ outcome: 'refused', refusedReason: 'storage-quota' });
    expect((await db.getAll('records'))[0]).toMatchObject({
      outcome: 'refused',
      refusedReason: 'storage-quota',
    });
    expect(JSON.stringify(local.get('sigilo.log.warnings'))).toContain('quota-near');
  });

  it('refuses an invalid request naming the field, and logs the refusal', async () => {
    const { db, handler } = await load();
    const decision = await handler.requestReveal(request({ reasonText: '   ' }), ctx);
    expect(decision).toMatchObject({ outcome: 'refused', refusedReason: 'invalid-reasonText' });
    expect((await db.getAll('records'))[0]).toMatchObject({
      outcome: 'refused',
      refusedReason: 'invalid-reasonText',
    });
  });

  it('refuses the 11th reveal in five minutes (defaults) with an anomaly record, even when sent concurrently', async () => {
    const { db, handler } = await load();
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => handler.requestReveal(request({ value: `5290000${i}` }), ctx)),
    );
    expect(decisions.filter((d) => d.outcome === 'revealed')).toHaveLength(10);
    expect(
      decisions.filter((d) => d.outcome === 'refused').map((d) => d.outcome === 'refused' && d.refusedReason),
    ).toEqual(['limit-per-five-minutes', 'limit-per-five-minutes']);
    const records = await db.getAll('records');
    expect(records.filter((r) => r.type === 'anomaly')).toHaveLength(2);
    expect(JSON.stringify(local.get('sigilo.log.warnings'))).toContain('anomaly');
  });

  it('logs a cancel and a re-mask that points at its reveal', async () => {
    const { db, handler } = await load();
    const revealed = await handler.requestReveal(request(), ctx);
    await handler.cancelReveal({ kind: 'CPF', value: CPF, url, requestedAt: new Date().toISOString() }, ctx);
    const remask = await handler.remaskReveal({
      eventId: revealed.eventId!,
      remaskedAt: new Date().toISOString(),
      cause: 'timer',
    });
    expect(remask.eventId).not.toBeNull();
    expect(await handler.remaskReveal({ eventId: 'nope', remaskedAt: '', cause: 'timer' })).toEqual({
      eventId: null,
    });
    const records = await db.getAll('records');
    expect(records.map((r) => [r.type, r.outcome])).toEqual([
      ['reveal', 'revealed'],
      ['reveal', 'cancelled'],
      ['remask', 'revealed'],
    ]);
    expect(records[2]).toMatchObject({ refId: revealed.eventId, flags: ['remask:timer'], reasonText: null });
  });
});
