import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium';
import { type RunningCollector, UI_DIR } from '../../src/collector/collector';
import { FakeInstall, ORG_KEY } from '../collector/helpers';
import { startTestCollector } from './harness/test-collector';

// The collector's review UI in a real browser: a supervisor logs in with the
// keyboard and reads what an upload (sealed by the extension's chain code,
// sent to the real endpoint) put there.
const TOKEN = 'e2e-ingest-token-0123456789';
const PASSWORD = 'e2e supervisor password';
const CPF = '529.982.247-25';

describe('collector review UI (Chromium)', () => {
  let collector: RunningCollector;
  let browser: Browser;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(UI_DIR, 'index.html'))) {
      throw new Error(`The collector UI is not built in ${UI_DIR}: run "npm run build:collector-ui" first.`);
    }
    collector = await startTestCollector({
      ingestToken: TOKEN,
      fingerprintKey: ORG_KEY,
      supervisorPassword: PASSWORD,
    });
    browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  async function upload(install: FakeInstall) {
    const res = await fetch(`${collector.url}/api/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(await install.signed(install.batch(install.records))),
    });
    expect(res.status).toBe(200);
  }

  async function signIn(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
    });
    await page.goto(collector.url);
    return page;
  }

  it('a supervisor signs in with the keyboard and sees the uploaded reveals of every agent', async () => {
    expect(UI_DIR).toContain(path.join('collector', 'ui', 'dist'));
    const ana = new FakeInstall(undefined, 'agent.ana');
    await ana.append({ kind: 'CPF', reasonId: 'customer-request' }, CPF);
    await ana.append({ kind: 'CARD', origin: 'https://billing.example.com', reasonId: 'identity-check' });
    const bruno = new FakeInstall(undefined, 'agent.bruno');
    await bruno.append({ kind: 'PHONE', origin: 'https://chat.example.org', reasonId: 'legal-obligation' });
    await upload(ana);
    await upload(bruno);

    const page = await signIn('en-US');
    await page.getByRole('heading', { name: 'Supervisor sign-in' }).waitFor();
    const password = page.getByLabel('Password');
    await password.focus();
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong user name or password');
    await password.focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    const table = page.getByRole('table', { name: /3 of 3 events/ });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(4);
    const text = await table.textContent();
    for (const expected of [
      'agent.ana',
      'agent.bruno',
      'CPF',
      'CARD',
      'PHONE',
      'https://billing.example.com',
    ]) {
      expect(text).toContain(expected);
    }
    // Never a raw value: only kinds and fingerprints are stored.
    expect(await page.content()).not.toContain('529.982.247-25');

    // Filter across agents with the shared filter bar.
    await page.getByLabel('Agent').selectOption('agent.bruno');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('table', { name: /1 of 1 events/ }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('PHONE');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('table', { name: /3 of 3 events/ }).waitFor();

    // Per-agent volume over time, drawn as SVG with an accessible name.
    await page.getByRole('button', { name: 'Volume per agent' }).click();
    const chart = page.getByRole('img', { name: /Events per agent over time/ });
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBeGreaterThan(0);
    expect(await page.locator('.sg-legend').textContent()).toContain('agent.bruno');

    // Anomaly list: nothing flagged, no unusual volume in this data.
    await page.getByRole('button', { name: 'Anomalies' }).click();
    await page.getByRole('heading', { name: 'Unusual volume' }).waitFor();
    await page.getByText('No unusual volume.').waitFor();

    // Integrity per install.
    await page.getByRole('button', { name: 'Integrity' }).click();
    const anaRow = page.locator(`tr[data-install-id="${ana.installId}"]`);
    await anaRow.waitFor();
    expect(await anaRow.getByRole('status').textContent()).toContain('Chain intact');

    // Data-subject report: who revealed this CPF?
    await page.getByRole('button', { name: 'Data-subject report' }).click();
    await page.getByLabel("Data subject's value").fill('52998224725');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 event(s) with this value').waitFor();
    const report = await page.getByRole('table').textContent();
    expect(report).toContain('agent.ana');
    expect(report).toContain('customer-request');
    expect(await page.getByLabel("Data subject's value").inputValue()).toBe('');

    // The access log (auditors only): the sign-in, the failed one and the lookup, chain verified.
    await page.getByRole('button', { name: 'Access log' }).click();
    await page.getByText(/Chain intact \(\d+ entries\)/).waitFor();
    const access = (await page.getByRole('table').textContent()) ?? '';
    for (const action of ['login-failed', 'login', 'subject-report']) expect(access).toContain(action);
    expect(access).not.toContain('52998224725');

    expect(cspViolations).toEqual([]);
  });

  it('shows a broken chain in Portuguese for a pt-BR browser', async () => {
    const carla = new FakeInstall(undefined, 'agent.carla');
    const records = await carla.appendMany(3);
    // An edited record: its hash no longer matches (tampering after sealing).
    records[1] = { ...(records[1] as (typeof records)[number]), reasonId: 'other' };
    carla.records.splice(0, 3, ...records);
    await upload(carla);

    const page = await signIn('pt-BR');
    await page.getByLabel('Senha').fill('senha errada');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('usuário ou senha incorretos');
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('button', { name: 'Integridade' }).click();
    const row = page.locator(`tr[data-install-id="${carla.installId}"]`);
    await row.waitFor();
    expect(await row.getByRole('status').textContent()).toContain('Cadeia violada');
    expect(await page.getByRole('table').nth(1).textContent()).toContain(
      'Registro alterado (hash não confere)',
    );
    expect(cspViolations).toEqual([]);
  });
});
