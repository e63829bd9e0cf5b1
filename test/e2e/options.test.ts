import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { launchSigilo, managedPolicySkipReason, type Sigilo } from './harness';
import { axeViolations, setZoom } from './harness/axe';
import { settingsCodesOnScreen } from './harness/raw-codes';
import { poll } from './policy-helpers';

/** Controls holding what the agent typed or pasted (a policy JSON, the try-it text): not the page's words. */
const SKIP = ['try-input', 'import-text'];

const OPTIONS = 'src/ui/options/index.html';

async function openOptions(sigilo: Sigilo): Promise<Page> {
  const page = await sigilo.openExtensionPage(OPTIONS);
  await page.waitForSelector('#save');
  return page;
}

/** axe on the page as it is now, at 100 % and at 200 % zoom. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `${state} at 100 %`).toEqual([]);
  await setZoom(page, 200);
  expect(await axeViolations(page), `${state} at 200 %`).toEqual([]);
  await setZoom(page, 100);
}

/** The text a screen reader announces as an element's description (its aria-describedby targets). */
function description(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? `<missing #${id}>`)
      .join(' '),
  );
}

/** What Chromium's accessibility tree exposes for an element: what a screen reader announces. */
async function accessibleNode(
  page: Page,
  selector: string,
): Promise<{ name: string; description: string; disabled: boolean; readonly: boolean; focusable: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0];
    const prop = (name: string) => node?.properties?.find((p) => p.name === name)?.value.value === true;
    return {
      name: String(node?.name?.value ?? ''),
      description: String(node?.description?.value ?? ''),
      disabled: prop('disabled'),
      readonly: prop('readonly'),
      focusable: prop('focusable'),
    };
  } finally {
    await cdp.detach();
  }
}

const status = (page: Page) => page.textContent('#save-status').then((s) => s ?? '');

describe('options page', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo({ locale: 'en-US' });
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('"Try it" runs the scanner on pasted text and shows only the masked form', async () => {
    const page = await openOptions(sigilo);
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

  it('an invalid field rule stays in its row with its error in words, and nothing is saved', async () => {
    const page = await openOptions(sigilo);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Selector of rule 1').fill('div[');
    await page.getByLabel('Label of rule 1').fill('PROTOCOLO');
    await page.getByLabel('Trailing characters left visible (partial mask)').fill('9');
    await page.getByRole('button', { name: 'Save my settings' }).click();
    await poll(async () => (await status(page)).startsWith('Nothing was saved'), 'the refusal to save');
    expect(await status(page)).toBe('Nothing was saved: 2 fields need fixing (marked next to each).');
    // The rule and the typed values are still there, marked, and focus went to the first one.
    expect(await page.inputValue('[data-rule="1"] input >> nth=0')).toBe('div[');
    expect(await page.inputValue('#keepLast')).toBe('9');
    expect(await page.getAttribute('[data-rule="1"] input >> nth=0', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
      'div[',
    );
    // The error is beside the rule, names the field in words and says why; no JSON path on screen.
    const ruleError = await description(page, '[data-rule="1"] input >> nth=0');
    expect(ruleError).toMatch(/^Selector of rule 1: .+/);
    expect(ruleError).not.toMatch(/fieldRules|\[0\]/);
    expect(await description(page, '#keepLast')).toBe('enter a whole number from 0 to 4');
    expect(await settingsCodesOnScreen(page, SKIP)).toEqual([]);
    expect((await sigilo.storage('local'))['policy.local']).toBeUndefined();
    await expectAccessible(page, 'invalid input shown');

    // Fixed, the same rule saves and stays.
    await page.getByLabel('Selector of rule 1').fill('.protocolo');
    await page.getByLabel('Trailing characters left visible (partial mask)').fill('1');
    await page.getByRole('button', { name: 'Save my settings' }).click();
    await poll(async () => (await status(page)) === 'Settings saved.', 'the save');
    expect(await page.inputValue('[data-rule="1"] input >> nth=0')).toBe('.protocolo');
    expect(await page.locator('[data-rule="1"] .field-errors').count()).toBe(0);
    await page.close();
  });

  it('a refused loosening is reported as refused and the typed value stays marked', async () => {
    const page = await openOptions(sigilo);
    await page.getByLabel('Reveal duration (seconds)').fill('300');
    await page.getByRole('button', { name: 'Save my settings' }).click();
    await poll(async () => (await status(page)).startsWith('Partly saved'), 'the refusal');
    expect(await status(page)).toBe(
      'Partly saved: 1 change was refused and ignored because it would reduce protection (see the marked field).',
    );
    expect(await page.getAttribute('#save-status', 'data-kind')).toBe('refused');
    // Not snapped back: the field keeps 300, marked as refused with the reason.
    await page.waitForTimeout(500); // a storage change reloads the view: it must not snap back either
    expect(await page.inputValue('#revealSeconds')).toBe('300');
    expect(await page.getAttribute('#revealSeconds', 'aria-invalid')).toBe('true');
    expect(await description(page, '#revealSeconds')).toBe(
      'Refused: you can only shorten the reveal (at most 30 seconds); ignored',
    );
    expect(
      await page.locator('#policy-errors li[data-refused="true"][data-path="revealSeconds"]').count(),
    ).toBe(1);
    // The policy in force kept its value.
    const view = await page.evaluate(() =>
      chrome.runtime.sendMessage({ sigilo: 1, type: 'policy/get', req: {} }),
    );
    expect(view.res.policy.revealSeconds).toBe(30);
    expect(await settingsCodesOnScreen(page, SKIP)).toEqual([]);
    await expectAccessible(page, 'refusal shown');
    await page.close();
  });

  it('"Discard my settings" asks first; Escape or Cancel keeps them, confirming erases them', async () => {
    await sigilo.evalInWorker(() => chrome.storage.local.set({ 'policy.local': { agentId: 'ana' } }));
    const page = await openOptions(sigilo);
    await page.focus('#reset');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Discard your settings?' });
    await dialog.waitFor();
    // Focus starts on the choice that loses nothing; the page behind is inert.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await description(page, '#confirm-reset')).toContain('cannot be undone');
    await expectAccessible(page, 'confirm step');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await page.evaluate(() => document.activeElement?.id)) === 'reset', 'focus back');
    expect((await sigilo.storage('local'))['policy.local']).toEqual({ agentId: 'ana' });

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await sigilo.storage('local'))['policy.local']).toEqual({ agentId: 'ana' });

    await page.click('#reset');
    await dialog.getByRole('button', { name: 'Yes, discard' }).click();
    await poll(
      async () => JSON.stringify((await sigilo.storage('local'))['policy.local']) === '{}',
      'the settings to be discarded',
    );
    await poll(async () => (await status(page)).includes('discarded'), 'the status');
    await page.close();
  });

  it('checks an imported policy as an organization policy and lists errors per field, in words', async () => {
    const before = (await sigilo.storage('local'))['policy.local'];
    const page = await openOptions(sigilo);
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
    const lines = await page.$$eval('#import-errors li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(lines.some((l) => l.startsWith('Sites where Sigilo is active, line 1: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('Reveal duration (seconds): must be between 5 and 600'))).toBe(
      true,
    );
    expect(await settingsCodesOnScreen(page, SKIP)).toEqual([]);
    await expectAccessible(page, 'import check with errors');
    // Checking saves nothing.
    expect((await sigilo.storage('local'))['policy.local']).toEqual(before);

    await page.getByLabel('Or paste the policy JSON').fill('{"revealSeconds": ');
    await page.getByRole('button', { name: 'Check' }).click();
    await poll(
      async () => ((await page.textContent('#import-result')) ?? '').includes('Invalid JSON'),
      'the parse error',
    );
    // The pasted text stays, marked, with the error as its description.
    expect(await page.inputValue('#import-text')).toBe('{"revealSeconds": ');
    expect(await description(page, '#import-text')).toMatch(/^Invalid JSON: /);
    await page.close();
  });

  it('applying an import asks first, then applies it, ignoring what would loosen', async () => {
    await sigilo.evalInWorker(() => chrome.storage.local.set({ 'policy.local': { agentId: 'ana' } }));
    const page = await openOptions(sigilo);
    await page.getByLabel('Or paste the policy JSON').fill('{"maskStyle": "full", "revealSeconds": 9000}');
    await page.getByRole('button', { name: 'Apply as my settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace your settings?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await sigilo.storage('local'))['policy.local']).toEqual({ agentId: 'ana' });

    await page.getByRole('button', { name: 'Apply as my settings' }).click();
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await expectAccessible(page, 'import confirm step');
    await dialog.getByRole('button', { name: 'Yes, replace' }).click();
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
    const page = await openOptions(sigilo);
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

  it('the language setting switches the page and is stored for every Sigilo screen', async () => {
    await sigilo.evalInWorker(() => chrome.storage.local.set({ 'policy.local': {} }));
    const page = await openOptions(sigilo);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByLabel('Language / Idioma').selectOption('es');
    await poll(async () => (await page.textContent('h1')) === 'Sigilo — configuración', 'Spanish');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect((await sigilo.storage('local'))['ui.locale']).toBe('es');
    // A page opened later starts in the chosen language, and the popup follows it too.
    const again = await openOptions(sigilo);
    expect(await again.textContent('h1')).toBe('Sigilo — configuración');
    expect(await again.inputValue('#ui-locale')).toBe('es');
    const popup = await sigilo.openExtensionPage('src/ui/popup/index.html');
    await popup.waitForSelector('#open-options');
    expect(await popup.textContent('#open-options')).toBe('Configuración');
    await popup.close();
    await again.getByLabel('Language / Idioma').selectOption('auto');
    await poll(
      async () => (await again.textContent('h1')) === 'Sigilo — settings',
      'back to the browser language',
    );
    expect((await sigilo.storage('local'))['ui.locale']).toBe('auto');
    await again.close();
    await page.close();
  });

  it('shows no internal code in pt-BR, en or es, and axe finds nothing, also at 200 %', async () => {
    // Refusals and errors on screen too: they are where codes used to leak.
    await sigilo.evalInWorker(() =>
      chrome.storage.local.set({
        'policy.local': {
          revealSeconds: 300,
          maskStyle: 'partial',
          keepLast: 4,
          limits: { perHour: 30, perFiveMinutes: 10, onExceed: 'flag' },
          detectors: { enabled: ['CPF'] },
          excludeSites: ['https://a.example.com/*'],
          retentionDays: 7,
        },
      }),
    );
    for (const locale of ['pt', 'en', 'es'] as const) {
      await sigilo.evalInWorker((l) => chrome.storage.local.set({ 'ui.locale': l }), locale);
      const page = await openOptions(sigilo);
      await page.waitForSelector('#policy-errors');
      expect(await page.getAttribute('html', 'lang')).toBe(locale === 'pt' ? 'pt-BR' : locale);
      expect(await page.locator('#policy-errors li').count()).toBeGreaterThanOrEqual(5);
      // Invalid input too, said in the page's language.
      await page.fill('#perHour', '5000');
      await page.click('#save');
      await poll(async () => (await page.getAttribute('#perHour', 'aria-invalid')) === 'true', 'the error');
      expect(await description(page, '#perHour')).toBe(
        {
          pt: 'informe um número inteiro de 1 a 1.000',
          en: 'enter a whole number from 1 to 1,000',
          es: 'escriba un número entero de 1 a 1000',
        }[locale],
      );
      expect(await settingsCodesOnScreen(page, SKIP), locale).toEqual([]);
      if (locale === 'pt') {
        expect(await page.textContent('#policy-errors')).toContain('Recusado: você não pode trocar');
        await expectAccessible(page, 'errors listed');
        // The check itself finds codes when they are there.
        await page.evaluate(() => {
          const p = document.createElement('p');
          p.textContent = 'fieldRules[2].selector DATE_OF_BIRTH PHONE ≥ 0.6';
          document.body.append(p);
        });
        expect((await settingsCodesOnScreen(page, SKIP)).length).toBeGreaterThanOrEqual(3);
      }
      await page.close();
    }
    await sigilo.evalInWorker(() => chrome.storage.local.set({ 'ui.locale': 'auto', 'policy.local': {} }));
  });
});

describe.skipIf(managedPolicySkipReason())('options page with an organization policy', () => {
  let sigilo: Sigilo;
  beforeAll(async () => {
    sigilo = await launchSigilo({
      locale: 'pt-BR',
      managedPolicy: {
        sites: ['http://127.0.0.1/*', 'http://localhost/*'],
        detectors: { enabled: ['CPF', 'PHONE', 'DATE_OF_BIRTH'], minConfidence: { PHONE: 0.6 } },
        fieldRules: [{ id: 'protocol', selector: '.protocolo', kind: 'PROTOCOLO' }],
        maskStyle: 'full',
        limits: { perHour: 20, perFiveMinutes: 5, onExceed: 'refuse' },
      },
    });
  });
  afterAll(async () => {
    await sigilo?.close();
  });

  it('locked fields are reached by Tab, say why they are locked, and cannot be changed', async () => {
    const page = await openOptions(sigilo);
    await poll(
      async () => (await page.getAttribute('#managed-state', 'data-state')) === 'loaded',
      'the policy',
    );
    // From the language setting, Tab reaches the locked sites field next.
    await page.focus('#ui-locale');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sites');
    expect(await page.getAttribute('#sites', 'aria-disabled')).toBe('true');
    expect(await description(page, '#sites')).toContain('Definido pela sua organização');
    // As a screen reader gets it from Chromium: named, described by the lock, unavailable yet focusable.
    const sites = await accessibleNode(page, '#sites');
    expect(sites.name).toBe('Sites onde o Sigilo atua');
    expect(sites.description).toContain('Definido pela sua organização');
    expect(sites).toMatchObject({ disabled: true, focusable: true });
    const checkbox = await accessibleNode(page, 'input[name="detector"][value="PHONE"]');
    expect(checkbox).toMatchObject({
      name: 'Telefone',
      description: 'Definido pela sua organização',
      disabled: true,
    });
    const before = await page.inputValue('#sites');
    await page.keyboard.type('https://outro.example.com/*');
    expect(await page.inputValue('#sites')).toBe(before);

    // Every locked control of the form is a Tab stop that announces the lock.
    const lockedIds = await page.$$eval('[aria-disabled="true"]', (els) =>
      els.map((el) => el.id || el.getAttribute('value') || el.textContent || ''),
    );
    expect(lockedIds.length).toBeGreaterThanOrEqual(10);
    const reached = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (el?.getAttribute('aria-disabled') !== 'true') return null;
        const text = (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
        return { key: el.id || el.getAttribute('value') || el.textContent || '', text };
      });
      if (here) {
        expect(here.text, here.key).toMatch(
          /Definido pela sua organização|Somente o administrador pode definir/,
        );
        reached.add(here.key);
      }
    }
    expect([...reached].sort()).toEqual([...new Set(lockedIds)].sort());

    // A locked checkbox, select and button refuse change by keyboard.
    await page.focus('input[name="detector"][value="CPF"]');
    await page.keyboard.press('Space');
    expect(await page.isChecked('input[name="detector"][value="CPF"]')).toBe(true);
    await page.focus('#maskStyle');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#maskStyle')).toBe('full');
    await page.focus('#add-rule');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-rule]').count()).toBe(1);
    // Human names, and numbers in the locale's form.
    expect(await page.textContent('[data-field="detectors"]')).toContain('Telefone ≥ 0,6');
    expect(await settingsCodesOnScreen(page, SKIP)).toEqual([]);
    await expectAccessible(page, 'locked fields');
    await page.close();
  });
});
