import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { launchSigilo, managedPolicySkipReason, type Sigilo } from './harness';
import { installOwnManagedPolicy, maskedRangesIn, poll, sigiloTraces } from './policy-helpers';

const skipReason = managedPolicySkipReason();

/** Wait until the worker registered the content script for the managed lists (it reads managed storage with a timeout). */
async function registeredFor(sigilo: Sigilo, excludeMatches: string[]) {
  await poll(async () => {
    const scripts = await sigilo.evalInWorker(() => chrome.scripting.getRegisteredContentScripts());
    return JSON.stringify(scripts[0]?.excludeMatches ?? []) === JSON.stringify(excludeMatches);
  }, 'the content script registration to follow the managed policy');
}

describe.skipIf(skipReason)('a managed policy file read by Chromium', () => {
  let sigilo: Sigilo;
  let uninstall: () => void = () => {};
  const excluded = 'http://127.0.0.1/fixtures/policy-excluded.html*';
  beforeAll(async () => {
    uninstall = installOwnManagedPolicy('policy-e2e', {
      sites: ['http://127.0.0.1/*', 'http://localhost/*'],
      excludeSites: [excluded],
      fieldRules: [{ id: 'protocol', selector: '.protocolo', kind: 'PROTOCOLO' }],
      ignoreSelectors: ['.sigilo-policy-test-ignored'],
    });
    sigilo = await launchSigilo({ locale: 'en-US' });
    await registeredFor(sigilo, [excluded]);
  });
  afterAll(async () => {
    await sigilo?.close();
    uninstall();
  });

  it('reaches the extension through managed storage and locks the managed keys', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    const view = await page.evaluate(() =>
      chrome.runtime.sendMessage({ sigilo: 1, type: 'policy/get', req: {} }),
    );
    expect(view.ok).toBe(true);
    expect(view.res.locked.sort()).toEqual(['excludeSites', 'fieldRules', 'ignoreSelectors', 'sites']);
    expect(view.res.errors).toEqual([]);
    expect(view.res.policy.fieldRules).toEqual([
      { id: 'protocol', selector: '.protocolo', kind: 'PROTOCOLO' },
    ]);
    await page.close();
  });

  it('a field rule masks a value no detector would find', async () => {
    const page = await sigilo.openPage('/fixtures/policy-rule.html');
    await poll(async () => (await maskedRangesIn(page, '#protocol')) > 0, 'the protocol number to be masked');
    // The detectors still run beside the rule.
    expect(await maskedRangesIn(page, '#cpf')).toBeGreaterThan(0);
    // The page's own DOM keeps its text (masking is paint-only).
    expect(await page.textContent('#cpf')).toBe(RECORD.cpf);
    await page.close();
  });

  it('leaves a page matched by excludeSites untouched', async () => {
    const page = await sigilo.openPage('/fixtures/policy-excluded.html');
    // The same content is masked on the rule page within this delay (previous test).
    await page.waitForTimeout(1500);
    expect(await sigiloTraces(page)).toBe(0);
    expect(await maskedRangesIn(page, '#cpf')).toBe(0);
    await page.close();
  });

  it('shows managed values locked and disabled on the options page', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    await page.waitForSelector('#ignoreSelectors');
    expect(await page.inputValue('#ignoreSelectors')).toBe('.sigilo-policy-test-ignored');
    expect(await page.isDisabled('#ignoreSelectors')).toBe(true);
    expect(await page.isDisabled('#sites')).toBe(true);
    expect(await page.isDisabled('#excludeSites')).toBe(true);
    expect(await page.isDisabled('[data-field="fieldRules"] button')).toBe(true);
    const lock = page.locator('[data-field="ignoreSelectors"] [data-lock="locked"]');
    expect(await lock.textContent()).toContain('Set by your organization');
    // The input announces why it is disabled.
    expect(await page.getAttribute('#ignoreSelectors', 'aria-describedby')).toContain('ignoreSelectors-lock');
    // Not managed: still editable.
    expect(await page.isDisabled('#revealSeconds')).toBe(false);
    expect(await page.isDisabled('#maskStyle')).toBe(false);
    expect(await page.isDisabled('#agentId')).toBe(false);
    expect(await page.textContent('#managed-state')).toContain('Your organization sets part of this policy');
    await page.close();
  });
});

describe.skipIf(skipReason)('a bad managed policy', () => {
  let sigilo: Sigilo;
  let uninstall: () => void = () => {};
  beforeAll(async () => {
    uninstall = installOwnManagedPolicy('policy-e2e', {
      sites: ['crm.example.com', 'https://*bad.example.com/*'],
      detectors: { enabled: ['CPF', 'PASSAPORTE'] },
      fieldRules: [{ selector: 'div[', kind: 'X' }],
      keepLast: 99,
      maskStyle: 'blur',
      limits: { perHour: 100000, onExceed: 'ignore' },
      // Chromium's schema check drops a value of the wrong type before Sigilo sees it (chrome://policy lists it).
      revealSeconds: 'forever',
    });
    sigilo = await launchSigilo({ locale: 'pt-BR' });
  });
  afterAll(async () => {
    await sigilo?.close();
    uninstall();
  });

  it('lists each error on the options page by field path', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    await page.waitForSelector('#policy-errors');
    const paths = await page.$$eval('#policy-errors li', (lis) =>
      lis.map((li) => li.getAttribute('data-path')),
    );
    for (const p of [
      'sites[0]',
      'sites[1]',
      'detectors.enabled[1]',
      'fieldRules[0].selector',
      'keepLast',
      'maskStyle',
      'limits.perHour',
      'limits.onExceed',
    ])
      expect(paths).toContain(p);
    // pt-BR browser: the page speaks Portuguese, the field shows its lock and its error.
    expect(await page.textContent('#errors-title')).toBe('Problemas na política');
    expect(await page.textContent('[data-field="keepLast"] .field-errors')).toContain(
      'deve estar entre 0 e 4',
    );
    expect(await page.inputValue('#keepLast')).toBe('2');
    await page.close();
  });

  it('keeps masking with the safe defaults', async () => {
    const page = await sigilo.openPage('/fixtures/policy-rule.html');
    await poll(
      async () => (await maskedRangesIn(page, '#cpf')) > 0,
      'the CPF to be masked under the safe defaults',
    );
    await page.close();
  });
});
