import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSigilo, type Sigilo } from './harness';
import { axeViolations, setZoom } from './harness/axe';
import { settingsCodesOnScreen } from './harness/raw-codes';
import { maskedRangesIn, poll } from './policy-helpers';

/** axe on the popup as it is now, at its own size and at 200 % zoom. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `${state} at 100 %`).toEqual([]);
  await setZoom(page, 200);
  expect(await axeViolations(page), `${state} at 200 %`).toEqual([]);
  await setZoom(page, 100);
}

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
    await expectAccessible(popup, 'active tab');
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
    await expectAccessible(popup, 'not a web page');
    await popup.close();
    await options.close();
  });

  it('names kinds for people, counts with plurals, and shows no internal code in pt-BR, en or es', async () => {
    // One invalid value in the agent's settings: the popup warns "1 problem", not "1 problems".
    await sigilo.evalInWorker(() =>
      chrome.storage.local.set({ 'policy.local': { agentId: 'ana.atendente', revealSeconds: 'muito' } }),
    );
    const tab = await sigilo.openPage('/record.html?live=0');
    await poll(async () => (await maskedRangesIn(tab, 'body')) > 5, 'the record to be masked');
    const id = await tabIdOf(sigilo, '/record.html?live=0');
    const expected = {
      pt: {
        kind: 'Data de nascimento',
        problems: 'A política tem 1 problema; vale o padrão seguro nesse campo.',
      },
      en: {
        kind: 'Date of birth',
        problems: 'The policy has 1 problem; the safe default applies to that field.',
      },
      es: {
        kind: 'Fecha de nacimiento',
        problems: 'La política tiene 1 problema; rige el valor seguro en ese campo.',
      },
    };
    for (const locale of ['pt', 'en', 'es'] as const) {
      await sigilo.evalInWorker((l) => chrome.storage.local.set({ 'ui.locale': l }), locale);
      const popup = await sigilo.openExtensionPage(`src/ui/popup/index.html?tabId=${id}`);
      await popup.waitForSelector('#by-kind');
      expect(await popup.getAttribute('html', 'lang')).toBe(locale === 'pt' ? 'pt-BR' : locale);
      const kinds = await popup.$$eval('#by-kind li', (lis) => lis.map((li) => li.textContent ?? ''));
      expect(kinds.some((k) => k.startsWith(`${expected[locale].kind}: `))).toBe(true);
      expect(await popup.textContent('#warnings')).toContain(expected[locale].problems);
      const count = Number(await popup.getAttribute('#masked-count', 'data-count'));
      expect(await popup.textContent('#masked-count')).toMatch(new RegExp(`^${count} \\w`));
      expect(await settingsCodesOnScreen(popup), locale).toEqual([]);
      await expectAccessible(popup, `active tab with warnings (${locale})`);
      await popup.close();
    }
    // The same check finds codes when a screen shows them.
    const popup = await sigilo.openExtensionPage(`src/ui/popup/index.html?tabId=${id}`);
    await popup.waitForSelector('#by-kind');
    await popup.evaluate(() => {
      const li = document.createElement('li');
      li.textContent = 'BANK_ACCOUNT: 2';
      document.querySelector('#by-kind')?.append(li);
    });
    expect(await settingsCodesOnScreen(popup)).toContainEqual(expect.stringContaining('BANK_ACCOUNT: 2'));
    await popup.close();
    await tab.close();
    await sigilo.evalInWorker(() =>
      chrome.storage.local.set({ 'ui.locale': 'auto', 'policy.local': { agentId: 'ana.atendente' } }),
    );
  });
});
