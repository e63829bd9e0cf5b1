import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSigilo, managedPolicySkipReason, type Sigilo } from './harness';
import { installOwnManagedPolicy, maskedRangesIn, poll, sigiloTraces } from './policy-helpers';

describe('a policy change reaches open tabs without a reload', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo({ locale: 'en-US' });
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('a field rule the agent adds on the options page masks the open tab', async () => {
    const tab = await sigilo.openPage('/fixtures/policy-rule.html');
    await poll(async () => (await maskedRangesIn(tab, '#cpf')) > 0, 'the CPF to be masked');
    expect(await maskedRangesIn(tab, '#protocol')).toBe(0);
    const marker = await tab.evaluate(() => {
      (window as { notReloaded?: boolean }).notReloaded = true;
      return true;
    });

    const options = await sigilo.openExtensionPage('src/ui/options/index.html');
    await options.getByRole('button', { name: 'Add rule' }).click();
    await options.getByLabel('Selector of rule 1').fill('.protocolo');
    await options.getByLabel('Label of rule 1').fill('PROTOCOLO');
    // Enter in a field submits the form, as a keyboard user would.
    await options.getByLabel('Label of rule 1').press('Enter');
    await poll(
      async () => (await options.textContent('#save-status')) === 'Settings saved.',
      'the save confirmation',
    );
    expect(await options.locator('#no-errors').count()).toBe(1);

    await poll(
      async () => (await maskedRangesIn(tab, '#protocol')) > 0,
      'the open tab to mask the protocol number',
    );
    expect(await tab.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(marker);
    const stored = await sigilo.storage('local');
    expect(stored['policy.local']).toEqual({ fieldRules: [{ selector: '.protocolo', kind: 'PROTOCOLO' }] });
    await options.close();
    await tab.close();
  });

  it('an agent cannot loosen: a longer reveal is refused with the reason shown', async () => {
    const options = await sigilo.openExtensionPage('src/ui/options/index.html');
    await options.getByLabel('Reveal duration (seconds)').fill('300');
    await options.getByRole('button', { name: 'Save my settings' }).click();
    await poll(
      async () => (await options.textContent('#save-status'))?.includes('refused') ?? false,
      'the save result',
    );
    // The refused value stays where the agent typed it, marked refused; the policy in force keeps 30.
    expect(
      await options.locator('#policy-errors li[data-refused="true"][data-path="revealSeconds"]').count(),
    ).toBe(1);
    expect(await options.inputValue('#revealSeconds')).toBe('300');
    await options.close();
  });
});

const skipReason = managedPolicySkipReason();

describe.skipIf(skipReason)('an admin policy change reaches open tabs', () => {
  let sigilo: Sigilo;
  let uninstall: () => void = () => {};
  beforeAll(async () => {
    uninstall = installOwnManagedPolicy('policy-live', { ignoreSelectors: ['.sigilo-policy-live-none'] });
    sigilo = await launchSigilo({ locale: 'en-US' });
  });
  afterAll(async () => {
    await sigilo?.close();
    uninstall();
  });

  it('a newly excluded site unmasks in the open tab', async () => {
    const tab = await sigilo.openPage('/fixtures/policy-excluded.html');
    await poll(async () => (await maskedRangesIn(tab, '#cpf')) > 0, 'the CPF to be masked');
    // Chromium watches the policy folder and reloads a changed file.
    installOwnManagedPolicy('policy-live', {
      ignoreSelectors: ['.sigilo-policy-live-none'],
      excludeSites: ['http://127.0.0.1/fixtures/policy-excluded.html*'],
    });
    // Unmasked: no mask range or marker left (the content script may keep its inert style element).
    await poll(async () => (await maskedRangesIn(tab, 'body')) === 0, 'the open tab to unmask', 60_000);
    expect(await tab.textContent('#cpf')).toBe('620.190.597-97');
    await tab.close();
  });

  it('a site no longer excluded gets the content script injected and masks, without a reload', async () => {
    // Still excluded from the previous case: the page opens with no content script at all.
    const tab = await sigilo.openPage('/fixtures/policy-excluded.html?second');
    await tab.waitForTimeout(1000);
    expect(await sigiloTraces(tab)).toBe(0);
    await tab.evaluate(() => {
      (window as { notReloaded?: boolean }).notReloaded = true;
    });
    installOwnManagedPolicy('policy-live', { ignoreSelectors: ['.sigilo-policy-live-none'] });
    await poll(async () => (await maskedRangesIn(tab, '#cpf')) > 0, 'the open tab to be masked', 60_000);
    expect(await tab.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await tab.close();
  });
});
