import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { EXTENSION_ID, launchSigilo, managedPolicySkipReason, type Sigilo, waitFor } from './harness';
import { occurrences } from './mask-probe';

/**
 * Extension storage restricted to trusted contexts. The attacker is code in the
 * content script's isolated world (a compromised page process, or DevTools
 * evaluating there): it used to be able to stop uploads, wipe warnings, set an
 * `agentId`, and read the upload token and fingerprint key from the managed
 * policy. Each check has a control: the same calls from an extension page
 * work, and with the restriction lifted they work from the content world too,
 * so the refusals are the restriction's doing, not a broken probe.
 */
const TOKEN = 'upload-token-e2e-secret';
const ORG_KEY = 'org-fingerprint-key-e2e';
const FAR_FUTURE = '2099-01-01T00:00:00.000Z';
const managedSkip = managedPolicySkipReason();

interface ContentWorld {
  page: Page;
  /** Evaluate an async expression in Sigilo's content-script world; "ERR <message>" when it throws. */
  run(expression: string): Promise<string>;
}

async function openContentWorld(sigilo: Sigilo): Promise<ContentWorld> {
  const page = await sigilo.context.newPage();
  const cdp: CDPSession = await sigilo.context.newCDPSession(page);
  const worlds: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(sigilo.demoUrl('/record.html?live=0'));
  const ours = () => worlds.filter((w) => w.origin === `chrome-extension://${EXTENSION_ID}`);
  await waitFor(() => ours().length > 0, 'the content world');
  return {
    page,
    async run(expression) {
      const reply = await cdp.send('Runtime.evaluate', {
        contextId: ours().at(-1)!.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `(async () => { try { return JSON.stringify(await (${expression})); } catch (e) { return 'ERR ' + e.message; } })()`,
      });
      return String(reply.result.value);
    },
  };
}

const writeNextAttempt = `chrome.storage.local.set({ 'sigilo.upload': { failures: 0, nextAttemptAt: '${FAR_FUTURE}', lastAttempt: null, lastSuccessAt: null } })`;
const writeNextAttemptKey = `chrome.storage.local.set({ 'sigilo.upload.nextAttemptAt': '${FAR_FUTURE}' })`;
const readLocal = 'chrome.storage.local.get(null)';
const writeAgent = `chrome.storage.local.set({ 'policy.local': { agentId: 'someone.else' } })`;
const readManaged = 'chrome.storage.managed.get(null)';
const readSync = 'chrome.storage.sync.get(null)';
const readSession = 'chrome.storage.session.get(null)';

describe('extension storage is closed to the content script', () => {
  let sigilo: Sigilo;
  let world: ContentWorld;
  beforeAll(async () => {
    sigilo = await launchSigilo(
      managedSkip
        ? {}
        : {
            managedPolicy: {
              upload: { url: 'http://127.0.0.1:9/api/v1/events', token: TOKEN, format: 'sigilo' },
              fingerprintKey: ORG_KEY,
            },
          },
    );
    world = await openContentWorld(sigilo);
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('the worker restricted every area at start (Chromium 156 supports all four)', async () => {
    // Nothing but the worker's own start-up call has run yet: an extension page
    // reading and the content world failing below is what it did.
    for (const expression of [
      readLocal,
      readSync,
      readSession,
      writeNextAttempt,
      writeNextAttemptKey,
      writeAgent,
    ])
      expect(await world.run(expression), expression).toMatch(/^ERR Access to storage is not allowed/);
  });

  it('the content script still masks and gets its policy (it never used chrome.storage)', async () => {
    await waitFor(async () => {
      const shown = await occurrences(world.page, RECORD.cpf);
      return shown.length > 0 && shown.every((o) => o.shown.includes('•'));
    }, 'the CPF masked');
  });

  it.skipIf(managedSkip)(
    'the content world cannot read the managed policy (upload token, fingerprint key)',
    async () => {
      const answer = await world.run(readManaged);
      expect(answer).toMatch(/^ERR /);
      expect(answer).not.toContain(TOKEN);
      // Control: an extension page reads it, token included.
      const page = await sigilo.openExtensionPage('src/ui/review/index.html');
      const managed = await page.evaluate(() => chrome.storage.managed.get(null));
      expect(JSON.stringify(managed)).toContain(TOKEN);
      await page.close();
    },
  );

  it('control: an extension page reads and writes storage.local', async () => {
    const page = await sigilo.openExtensionPage('src/ui/review/index.html');
    await page.evaluate(() => chrome.storage.local.set({ 'sigilo.test.probe': 1 }));
    expect(await page.evaluate(() => chrome.storage.local.get('sigilo.test.probe'))).toEqual({
      'sigilo.test.probe': 1,
    });
    await page.evaluate(() => chrome.storage.local.remove('sigilo.test.probe'));
    await page.close();
  });

  it('control: with the restriction lifted the content world can stop uploads and read secrets; the next worker start closes it again', async () => {
    await sigilo.evalInWorker(async () => {
      for (const area of ['local', 'sync', 'managed'] as const)
        await chrome.storage[area].setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
    });
    // The attack, as it worked before: uploads pushed to 2099, secrets read.
    expect(await world.run(writeNextAttempt)).not.toMatch(/^ERR/);
    const state = (await sigilo.storage('local'))['sigilo.upload'] as { nextAttemptAt: string };
    expect(state.nextAttemptAt).toBe(FAR_FUTURE);
    expect(await world.run(readLocal)).toContain(FAR_FUTURE);
    if (!managedSkip) expect(await world.run(readManaged)).toContain(TOKEN);
    await sigilo.evalInWorker(() => chrome.storage.local.remove('sigilo.upload'));

    // A fresh worker applies the restriction at start, before anything else.
    await sigilo.restartServiceWorker();
    await waitFor(
      async () => (await world.run(readLocal)).startsWith('ERR '),
      'the restriction re-applied by the new worker',
    );
    expect(await world.run(writeNextAttempt)).toMatch(/^ERR Access to storage is not allowed/);
    expect(await world.run(readManaged)).toMatch(/^ERR /);
    expect((await sigilo.storage('local'))['sigilo.upload']).toBeUndefined();
  });
});
