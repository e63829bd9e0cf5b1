import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSigilo, type Sigilo } from './harness';
import { maskedRangesIn, poll } from './policy-helpers';

async function tabIdOf(sigilo: Sigilo, path: string): Promise<number> {
  const id = await sigilo.evalInWorker(
    (p) => chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.endsWith(p))?.id ?? -1),
    path,
  );
  expect(id).toBeGreaterThan(0);
  return id;
}

describe('toolbar popup', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo({ locale: 'pt-BR' });
    await sigilo.evalInWorker(() =>
      chrome.storage.local.set({ 'policy.local': { agentId: 'ana.atendente' } }),
    );
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it("shows the tab's state, masked count, agent and pending uploads, in Portuguese", async () => {
    const tab = await sigilo.openPage('/fixtures/policy-rule.html');
    await poll(async () => (await maskedRangesIn(tab, 'body')) > 0, 'the page to be masked');
    const id = await tabIdOf(sigilo, '/fixtures/policy-rule.html');
    const popup = await sigilo.openExtensionPage(`src/ui/popup/index.html?tabId=${id}`);
    await popup.waitForSelector('#tab-state');
    expect(await popup.getAttribute('#tab-state', 'data-active')).toBe('true');
    expect(await popup.textContent('#tab-state')).toContain('Ativo nesta aba');
    await popup.waitForSelector('#masked-count');
    expect(Number(await popup.getAttribute('#masked-count', 'data-count'))).toBeGreaterThanOrEqual(1);
    expect(await popup.textContent('#masked-count')).toMatch(/valor(es)? mascarados?/);
    expect(await popup.textContent('#agent')).toBe('ana.atendente');
    expect(await popup.textContent('#pending')).toMatch(/^\d+/);
    expect(await popup.isEnabled('#open-list')).toBe(true);
    // Keyboard: the first control is reachable with Tab.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('open-list');
    await popup.close();
    await tab.close();
  });

  it('says when a tab is not a web page', async () => {
    const options = await sigilo.openExtensionPage('src/ui/options/index.html');
    const id = await tabIdOf(sigilo, '/src/ui/options/index.html');
    const popup = await sigilo.openExtensionPage(`src/ui/popup/index.html?tabId=${id}`);
    await popup.waitForSelector('#tab-state');
    expect(await popup.getAttribute('#tab-state', 'data-active')).toBe('false');
    expect(await popup.isDisabled('#open-list')).toBe(true);
    await popup.close();
    await options.close();
  });
});
