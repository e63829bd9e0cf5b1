import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS } from '../../demo/data';
import type { RunningCollector } from '../../src/collector/collector';
import { launchSigilo, managedPolicySkipReason, type Sigilo } from './harness';
import { axeViolations, setZoom } from './harness/axe';
import { rawCodesOnScreen } from './harness/raw-codes';
import { sendFromPage } from './harness/send-from-page';
import { startTestCollector } from './harness/test-collector';

// The extension's review page, driven like a person would (keyboard, clicks),
// on a log written by the real background, uploading to the real collector.
const TOKEN = 'review-e2e-ingest-token-0123';
const ORG_KEY = 'review-e2e-organisation-key-0123456789';
const skip = managedPolicySkipReason();

describe.skipIf(skip)('extension review page', () => {
  let sigilo: Sigilo;
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector({
      ingestToken: TOKEN,
      fingerprintKey: ORG_KEY,
      supervisorPassword: null,
    });
    sigilo = await launchSigilo({
      locale: 'en-US',
      managedPolicy: {
        upload: {
          url: `${collector.url}/api/v1/events`,
          token: TOKEN,
          intervalMinutes: 60,
          format: 'sigilo',
        },
        agentId: 'agent.review@example.com',
        fingerprintKey: ORG_KEY,
      },
    });
  });
  afterAll(async () => {
    await sigilo?.close();
    await collector?.close();
  });

  it('lists, filters, charts, verifies, exports and uploads the local log', async () => {
    const page = await sigilo.openExtensionPage('src/ui/review/index.html');
    // Seed the log through the background's real reveal path (the same messages the content script sends).
    const c0 = CUSTOMERS[0]!;
    const c1 = CUSTOMERS[1]!;
    const reveals = [
      { kind: 'CPF', value: c0.cpf, reasonId: 'customer-request', reasonText: '' },
      { kind: 'CPF', value: c1.cpf, reasonId: 'identity-check', reasonText: '' },
      { kind: 'EMAIL', value: c0.email, reasonId: 'customer-request', reasonText: '' },
    ];
    for (const r of reveals) {
      const decision = await sendFromPage<{ outcome: string }>(page, 'reveal/request', {
        ...r,
        url: sigilo.demoUrl('/record.html'),
        requestedAt: new Date().toISOString(),
      });
      expect(decision.outcome).toBe('revealed');
    }
    await page.reload();

    const table = page.getByRole('table', { name: /3 of 3 events/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Customer request');
    expect(text).toContain('Identity check');
    expect(text).toContain('E-mail');
    for (const v of [c0.cpf, c1.cpf, c0.email]) expect(await page.content()).not.toContain(v);

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Chain intact');
    // Drawn by uPlot on a canvas; named by a summary in words, its numbers in a table.
    const chart = page.getByRole('img', { name: /Reveals over time/ });
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await page.locator('#reveals-chart-desc').textContent()).toMatch(/^3 reveals from /);

    // Every screen state is accessible and speaks in words, also at 200 % zoom.
    for (const zoom of [100, 200]) {
      await setZoom(page, zoom);
      expect(await axeViolations(page)).toEqual([]);
    }
    await setZoom(page, 100);
    expect(await rawCodesOnScreen(page)).toEqual([]);

    // Filter with the keyboard: pick a kind, then Enter submits the form.
    await page.getByLabel('Kind').selectOption('EMAIL');
    await page.getByLabel('Site').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /1 of 1 event\b/ }).waitFor();
    await page.getByLabel('Reason').selectOption('identity-check');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No events match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('table', { name: /3 of 3 events/ }).waitFor();

    // Export: a real download, with no raw value in it.
    const downloadDir = mkdtempSync(path.join(os.tmpdir(), 'sigilo-dl-'));
    try {
      for (const [button, ext] of [
        ['Export CSV', 'csv'],
        ['Export NDJSON', 'ndjson'],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: button }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
        const file = path.join(downloadDir, `export.${ext}`);
        await download.saveAs(file);
        const content = readFileSync(file, 'utf8');
        expect(content).toContain('customer-request');
        for (const v of [c0.cpf, c1.cpf, c0.email]) expect(content).not.toContain(v);
        if (ext === 'ndjson') expect(content.trim().split('\n')).toHaveLength(3);
      }
    } finally {
      rmSync(downloadDir, { recursive: true, force: true });
    }

    // Upload status and "upload now", by keyboard.
    await expect
      .poll(() => page.getByTestId('upload-pending').textContent())
      .toContain('3 of 3 records waiting');
    await page.getByRole('button', { name: 'Upload now' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('upload-message').textContent(), { timeout: 20_000 })
      .toContain('Upload done: 3 events.');
    await expect
      .poll(() => page.getByTestId('upload-pending').textContent())
      .toContain('0 of 3 records waiting');
    const stored = await collector.store.queryEvents(
      { agentId: 'agent.review@example.com' },
      { offset: 0, limit: 10 },
    );
    expect(stored.total).toBe(3);
    expect(stored.events.every((e) => e.integrity === 'ok')).toBe(true);
    expect((await collector.store.installs())[0]).toMatchObject({ status: 'ok', events: 3 });
  });

  it('speaks Portuguese to a pt-BR browser', async () => {
    const pt = await launchSigilo({ locale: 'pt-BR' });
    try {
      const page = await pt.openExtensionPage('src/ui/review/index.html');
      await page.getByRole('heading', { name: 'Sigilo — registro de revelações' }).waitFor();
      await page.getByRole('button', { name: 'Aplicar filtros' }).waitFor();
      expect(await page.getByLabel('Tipo de dado').count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
      expect(await rawCodesOnScreen(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await pt.close();
    }
  });

  it('speaks Spanish to an es browser', async () => {
    const es = await launchSigilo({ locale: 'es-MX' });
    try {
      const page = await es.openExtensionPage('src/ui/review/index.html');
      await page.getByRole('heading', { name: 'Sigilo — registro de revelaciones' }).waitFor();
      await page.getByRole('button', { name: 'Aplicar filtros' }).waitFor();
      expect(await page.getByLabel('Tipo de dato').count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expect(await rawCodesOnScreen(page)).toEqual([]);
    } finally {
      await es.close();
    }
  });
});
