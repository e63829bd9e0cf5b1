import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import type { Policy } from '../../../src/core/policy/types';
import type { HandlerContext } from '../../../src/shared/messaging';

// The reveal flow's background half with its browser edges replaced: storage in
// a Map, the policy from a variable, IndexedDB from fake-indexeddb, and
// tabs.sendMessage recorded (its answer is what the content script would say).
const local = new Map<string, unknown>();
let policy: Policy = structuredClone(DEFAULT_POLICY) as Policy;
const pushes: Array<{ tabId: number; message: unknown; options: unknown }> = [];
let pushAnswer: () => Promise<unknown> = async () => ({ shown: true });

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getManifest: () => ({ version: '9.9.9' }) },
    i18n: { getUILanguage: () => 'pt-BR' },
    tabs: {
      sendMessage: (tabId: number, message: unknown, options: unknown) => {
        pushes.push({ tabId, message, options });
        return pushAnswer();
      },
    },
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
  getEffectivePolicy: async () => ({ policy, version: 'test-v', locked: [], errors: [], managed: 'none' }),
}));

const CPF = '620.190.597-97';
const PAGE = 'https://crm.example.com/clientes/ficha';
const content: HandlerContext = { sender: 'content', tabId: 7, frameId: 3, url: PAGE, tabUrl: PAGE };
const frame: HandlerContext = {
  sender: 'extension',
  tabId: 7,
  frameId: 9,
  url: 'chrome-extension://x/src/ui/reveal/index.html',
  tabUrl: PAGE,
};
const prepareReq = () => ({
  kind: 'CPF',
  value: CPF,
  display: '•••.•••.•••-97',
  kindLabel: 'CPF',
  requestedAt: new Date().toISOString(),
});

let n = 0;
async function load() {
  vi.resetModules();
  const db = await import('../../../src/background/db');
  const opened = await db.openSigiloDB(`sigilo-sessions-${Date.now()}-${n++}`);
  vi.spyOn(db, 'openSigiloDB').mockResolvedValue(opened);
  const handler = await import('../../../src/background/handlers/reveal');
  const handlers = handler.revealHandlers;
  const token = async (ctx: HandlerContext = content) => {
    const r = await handlers['reveal/prepare'].handle(prepareReq(), ctx);
    if (!r.ok) throw new Error(r.message);
    return r.token;
  };
  return { db: opened, handlers, token };
}

beforeEach(() => {
  local.clear();
  pushes.length = 0;
  pushAnswer = async () => ({ shown: true });
  policy = structuredClone(DEFAULT_POLICY) as Policy;
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1, quota: 1e12 }) } });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('reveal sessions (prepare -> frame -> confirm)', () => {
  it('routes: a content script may only prepare; pending, confirm and close are for extension pages', async () => {
    const { handlers } = await load();
    expect(handlers['reveal/prepare'].from).toBe('content');
    for (const route of [
      'reveal/pending',
      'reveal/confirm',
      'reveal/close',
      'reveal/request',
      'reveal/cancelled',
    ] as const)
      expect(handlers[route].from, route).toBe('extension');
  });

  it('the frame learns the kind and masked form, never the value; another tab learns nothing', async () => {
    const { handlers, token } = await load();
    const t = await token();
    const pending = await handlers['reveal/pending'].handle({ token: t }, frame);
    expect(pending).toMatchObject({
      kindLabel: 'CPF',
      display: '•••.•••.•••-97',
      revealSeconds: policy.revealSeconds,
    });
    expect(JSON.stringify(pending)).not.toContain(CPF);
    expect(await handlers['reveal/pending'].handle({ token: t }, { ...frame, tabId: 8 })).toBeNull();
    expect(await handlers['reveal/pending'].handle({ token: 'guessed' }, frame)).toBeNull();
  });

  it('confirm: one record at the sender-reported location, then the push to the frame that asked; a token decides once', async () => {
    const { db, handlers, token } = await load();
    const t = await token();
    const decision = await handlers['reveal/confirm'].handle(
      { token: t, reasonId: 'customer-request', reasonText: '' },
      frame,
    );
    expect(decision).toMatchObject({ outcome: 'revealed' });
    const records = await db.getAll('records');
    expect(records.map((r) => r.outcome)).toEqual(['revealed']);
    expect(records[0]).toMatchObject({ origin: 'https://crm.example.com', path: '/clientes/ficha' });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ tabId: 7, options: { frameId: 3 } });
    expect(pushes[0]!.message).toMatchObject({ type: 'reveal/decided', req: { token: t } });
    const again = await handlers['reveal/confirm'].handle(
      { token: t, reasonId: 'customer-request', reasonText: '' },
      frame,
    );
    expect(again).toMatchObject({ outcome: 'refused', refusedReason: 'expired' });
    expect(await db.getAll('records')).toHaveLength(1);
  });

  it('confirm from another tab (a frame of a page that guessed or stole the token) is refused and writes nothing', async () => {
    const { db, handlers, token } = await load();
    const t = await token();
    const decision = await handlers['reveal/confirm'].handle(
      { token: t, reasonId: 'customer-request', reasonText: '' },
      { ...frame, tabId: 99 },
    );
    expect(decision).toMatchObject({ outcome: 'refused', refusedReason: 'expired' });
    expect(await db.getAll('records')).toHaveLength(0);
    expect(pushes).toHaveLength(0);
  });

  it('a page gone before the value could be shown: the reveal record is closed by a re-mask at once', async () => {
    pushAnswer = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    const { db, handlers, token } = await load();
    const t = await token();
    const decision = await handlers['reveal/confirm'].handle(
      { token: t, reasonId: 'customer-request', reasonText: '' },
      frame,
    );
    expect(decision).toMatchObject({ outcome: 'refused', refusedReason: 'page-gone' });
    const records = await db.getAll('records');
    expect(records.map((r) => `${r.type}:${r.outcome}`)).toEqual(['reveal:revealed', 'remask:revealed']);
    expect(records[1]!.flags).toEqual(['remask:navigation']);
  });

  it('a frame without a URL of its own (about:blank) is recorded at its tab address', async () => {
    const { db, handlers, token } = await load();
    const t = await token({ ...content, url: 'about:blank', tabUrl: 'https://crm.example.com/tickets/abc' });
    await handlers['reveal/confirm'].handle(
      { token: t, reasonId: 'customer-request', reasonText: '' },
      frame,
    );
    expect((await db.getAll('records'))[0]).toMatchObject({
      origin: 'https://crm.example.com',
      path: '/tickets/abc',
    });
  });

  it('cancels are recorded up to the attempt limit, then one anomaly stands for the rest', async () => {
    const { db, handlers, token } = await load();
    for (let i = 0; i < 25; i++) {
      const t = await token();
      await handlers['reveal/close'].handle({ token: t, cancelled: true }, frame);
    }
    const records = await db.getAll('records');
    expect(records.filter((r) => r.outcome === 'cancelled')).toHaveLength(20);
    expect(records.filter((r) => r.type === 'anomaly').map((r) => r.flags)).toEqual([['attempts-over-20']]);
    expect(records).toHaveLength(21);
    // Closing after a refusal is not a second cancel.
    const t = await token();
    await handlers['reveal/close'].handle({ token: t, cancelled: false }, frame);
    expect(await db.getAll('records')).toHaveLength(21);
  });
});
