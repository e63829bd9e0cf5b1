import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { launchSigilo, type Sigilo } from './harness';
import { poll } from './policy-helpers';

describe('options page', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo({ locale: 'en-US' });
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('"Try it" runs the scanner on pasted text and shows only the masked form', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    const input = page.getByLabel('Test text');
    await input.click();
    await page.keyboard.insertText(`Cliente CPF ${RECORD.cpf}, protocolo 123.`);
    await poll(
      async () => ((await page.textContent('#try-summary')) ?? '').includes('CPF'),
      'the scan result',
    );
    expect(await page.textContent('#try-summary')).toBe('1 value would be masked: CPF');
    const preview = (await page.textContent('#try-result')) ?? '';
    expect(preview).not.toContain(RECORD.cpf);
    expect(preview).toContain('Cliente CPF ');
    expect(await page.locator('#try-result mark[data-kind="CPF"]').count()).toBe(1);
    // Default partial mask keeps the last 2 digits only.
    expect(await page.textContent('#try-result mark')).toMatch(/^[•.-]+97$/);
    await page.close();
  });

  it('checks an imported policy as an organization policy and lists errors per field', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    await page
      .getByLabel('Or paste the policy JSON')
      .fill('{"revealSeconds": 9000, "sites": ["crm"], "maskStyle": "full"}');
    await page.getByLabel('organization policy').check();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.waitForSelector('#import-errors');
    const paths = await page.$$eval('#import-errors li', (lis) =>
      lis.map((li) => li.getAttribute('data-path')),
    );
    expect(paths.sort()).toEqual(['revealSeconds', 'sites', 'sites[0]']);
    // Checking saves nothing.
    expect((await sigilo.storage('local'))['policy.local']).toBeUndefined();

    await page.getByLabel('Or paste the policy JSON').fill('{"revealSeconds": ');
    await page.getByRole('button', { name: 'Check' }).click();
    await poll(
      async () => ((await page.textContent('#import-result')) ?? '').includes('Invalid JSON'),
      'the parse error',
    );
    await page.close();
  });

  it('applies an imported policy as the agent settings, ignoring what would loosen', async () => {
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    await page.getByLabel('Or paste the policy JSON').fill('{"maskStyle": "full", "revealSeconds": 9000}');
    await page.getByRole('button', { name: 'Apply as my settings' }).click();
    await page.waitForSelector('#import-errors');
    expect(
      await page.$$eval('#import-errors li', (lis) => lis.map((li) => li.getAttribute('data-path'))),
    ).toEqual(['revealSeconds']);
    await poll(
      async () => (await page.inputValue('#maskStyle')) === 'full',
      'the form to show the new mask style',
    );
    expect(await page.inputValue('#revealSeconds')).toBe('30');
    await page.close();
  });

  it('exports the policy in force without secrets', async () => {
    await sigilo.evalInWorker(() =>
      chrome.storage.local.set({
        'policy.local': { upload: { url: 'https://c.example.com/', token: 'tok-secret' } },
      }),
    );
    const page = await sigilo.openExtensionPage('src/ui/options/index.html');
    await page.waitForSelector('#export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('tok-secret');
    const exported = JSON.parse(text);
    expect(exported.upload).toEqual({ url: 'https://c.example.com/', intervalMinutes: 15, format: 'sigilo' });
    expect(exported).not.toHaveProperty('fingerprintKey');
    expect(exported.revealSeconds).toBe(30);
    // The token input never shows the stored token either.
    expect(await page.inputValue('#uploadToken')).toBe('');
    expect(await page.textContent('label[for="uploadToken"]')).toContain('(set');
    await page.close();
  });
});
