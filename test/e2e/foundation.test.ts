import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IFRAME, RECORD, SHADOW } from '../../demo/data';
import pkg from '../../package.json' with { type: 'json' };
import { distPath } from '../../scripts/lib/chromium';
import { EXTENSION_ID, launchSigilo, type Sigilo, waitFor } from './harness';
import { occurrences } from './mask-probe';

describe('the built extension in Chromium', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo();
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('loads with the fixed extension ID and registers its content and page-world scripts at document_start', async () => {
    const worker = await sigilo.worker();
    expect(new URL(worker.url()).host).toBe(EXTENSION_ID);
    const scripts = await sigilo.evalInWorker(() => chrome.scripting.getRegisteredContentScripts());
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toMatchObject({ js: ['content.js'], runAt: 'document_start', allFrames: true });
    expect(scripts[1]).toMatchObject({
      js: ['page-world.js'],
      runAt: 'document_start',
      allFrames: true,
      world: 'MAIN',
      matches: scripts[0]!.matches,
    });
  });

  it('the service worker answers a typed message from an extension page', async () => {
    const page = await sigilo.openExtensionPage('src/ui/popup/index.html');
    const reply = await page.evaluate(() =>
      chrome.runtime.sendMessage({ sigilo: 1, type: 'ping', req: { from: 'ui', href: location.href } }),
    );
    expect(reply).toEqual({ ok: true, res: { pong: true, version: pkg.version, sender: 'extension' } });
    const unknown = await page.evaluate(() =>
      chrome.runtime.sendMessage({ sigilo: 1, type: 'no/such', req: {} }),
    );
    expect(unknown).toMatchObject({ ok: false, code: 'unknown-type' });
    await page.close();
  });

  // What the content script does (masking) is how we know it ran there: each
  // value below is only visible unmasked if the script did not run in its context.
  const maskedEverywhere = (shown: { shown: string }[]) =>
    shown.length > 0 && shown.every((o) => o.shown.includes('•'));

  it('the content script ran in the page, in an open shadow root and in a same-origin iframe', async () => {
    const record = await sigilo.openPage('/record.html?live=0');
    await waitFor(
      async () => maskedEverywhere(await occurrences(record, RECORD.cpf)),
      'the CPF masked in the page',
    );

    const shadow = await sigilo.openPage('/shadow.html');
    await waitFor(async () => {
      const found = await occurrences(shadow, SHADOW.openCpf);
      return found.some((o) => o.where === 'shadow') && maskedEverywhere(found);
    }, 'the CPF masked inside the open shadow root');

    const framed = await sigilo.openPage('/iframe.html');
    const frame = await (await framed.waitForSelector('#frame-src')).contentFrame();
    if (!frame) throw new Error('no same-origin iframe');
    await frame.waitForLoadState();
    await waitFor(
      async () => maskedEverywhere(await occurrences(frame, IFRAME.srcCpf)),
      'the CPF masked in the iframe',
    );
    for (const page of [record, shadow, framed]) await page.close();
  });

  it("the content script's typed messages are answered, and extension-only routes refused to it", async () => {
    // Sigilo's content script runs in an isolated world of the page; DevTools
    // can evaluate there, which is how a compromised page process would act.
    const page = await sigilo.context.newPage();
    const cdp = await sigilo.context.newCDPSession(page);
    const worlds: { id: number; origin: string }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    await page.goto(sigilo.demoUrl('/record.html?live=0'));
    await waitFor(
      () => worlds.some((w) => w.origin === `chrome-extension://${EXTENSION_ID}`),
      'the content world',
    );
    const world = worlds.filter((w) => w.origin === `chrome-extension://${EXTENSION_ID}`).at(-1)!;
    const sendFromContent = async (type: string, req: unknown) =>
      (
        await cdp.send('Runtime.evaluate', {
          contextId: world.id,
          awaitPromise: true,
          returnByValue: true,
          expression: `chrome.runtime.sendMessage(${JSON.stringify({ sigilo: 1, type, req })})`,
        })
      ).result.value;
    expect(await sendFromContent('ping', { from: 'content', href: 'x' })).toEqual({
      ok: true,
      res: { pong: true, version: pkg.version, sender: 'content' },
    });
    for (const type of ['log/query', 'log/export', 'upload/now', 'policy/get']) {
      expect(await sendFromContent(type, {}), type).toMatchObject({ ok: false, code: 'forbidden' });
    }
    await page.close();
  });

  it('a restarted service worker still answers', async () => {
    await sigilo.evalInWorker(() => {
      (globalThis as { sigiloProbe?: number }).sigiloProbe = 1;
    });
    await sigilo.restartServiceWorker();
    expect(
      await sigilo.evalInWorker(() => (globalThis as { sigiloProbe?: number }).sigiloProbe),
    ).toBeUndefined();
    const page = await sigilo.openExtensionPage('src/ui/popup/index.html');
    const reply = await page.evaluate(() =>
      chrome.runtime.sendMessage({ sigilo: 1, type: 'ping', req: { from: 'ui', href: location.href } }),
    );
    expect(reply).toMatchObject({ ok: true });
    await page.close();
  });
});

describe('when the extension cannot load', () => {
  it('the harness fails (never skips) without a build', () => {
    expect(() => distPath(mkdtempSync(path.join(os.tmpdir(), 'sigilo-nodist-')))).toThrow(/npm run build/);
  });

  it('the harness fails when Chromium refuses the extension', async () => {
    // A manifest naming a managed_schema that is not there is refused silently by Chromium.
    const broken = mkdtempSync(path.join(os.tmpdir(), 'sigilo-broken-'));
    cpSync(distPath(), broken, { recursive: true });
    rmSync(path.join(broken, 'managed_schema.json'));
    try {
      await expect(launchSigilo({ extensionDir: broken })).rejects.toThrow(/did not load/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
