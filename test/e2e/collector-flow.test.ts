import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import type { RunningCollector } from '../../src/collector/collector';
import { launchSigilo, managedPolicySkipReason, revealDialog, type Sigilo } from './harness';
import { revealFromList } from './harness/keyboard';
import { startTestCollector } from './harness/test-collector';
import { occurrences } from './mask-probe';
import { maskedRangesIn, sigiloTraces } from './policy-helpers';

// The whole way (issue 7): an agent reveals a CPF on the demo CRM with the
// keyboard -> the extension logs and uploads it to the real collector -> a
// supervisor, in a real browser, logs in and finds it, including through the
// data-subject report (same fingerprint key on both sides).
const TOKEN = 'flow-e2e-ingest-token-0123';
const ORG_KEY = 'flow-e2e-organisation-key-0123456789';
const PASSWORD = 'flow e2e supervisor';
const AGENT = 'agent.flow@example.com';
const skip = managedPolicySkipReason();

describe.skipIf(skip)('extension -> reveal -> upload -> collector UI', () => {
  let sigilo: Sigilo;
  let collector: RunningCollector;

  beforeAll(async () => {
    collector = await startTestCollector({
      ingestToken: TOKEN,
      fingerprintKey: ORG_KEY,
      supervisorPassword: PASSWORD,
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
        agentId: AGENT,
        fingerprintKey: ORG_KEY,
      },
    });
  });
  afterAll(async () => {
    await sigilo?.close();
    await collector?.close();
  });

  it('a CPF revealed by an agent is listed in the supervisor review UI', async () => {
    // 1. The agent reveals the CPF with the keyboard, giving a reason.
    const crm = await sigilo.openPage('/record.html?live=0');
    await crm.waitForSelector('html[data-demo-ready="true"]');
    await revealFromList(crm, 'cpf');
    const dialog = revealDialog(crm, 'Reveal protected value');
    await dialog.waitFor();
    await dialog.getByLabel('Customer request').check();
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await crm.getByText(/CPF revealed for/).waitFor();

    // 2. The agent's review page uploads it now.
    const review = await sigilo.openExtensionPage('src/ui/review/index.html');
    await review.getByRole('table', { name: /1 of 1 event\b/ }).waitFor();
    await review.getByRole('button', { name: 'Upload now' }).click();
    await expect
      .poll(() => review.getByTestId('upload-message').textContent(), { timeout: 30_000 })
      .toMatch(/Upload done: \d+ events?\./);

    // 3. The supervisor logs in to the collector in a browser and finds it.
    const ui = await sigilo.context.newPage();
    await ui.goto(collector.url);
    await ui.getByLabel('Password').fill(PASSWORD);
    await ui.getByRole('button', { name: 'Sign in' }).click();
    // The first screen is today's; every reveal is one row of the Reveals tab.
    await ui.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await ui.getByRole('button', { name: 'Reveals', exact: true }).click();
    const table = ui.getByRole('table', { name: /of \d+ reveals?$/ });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'CPF' });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain(AGENT);
    expect(text).toContain('Customer request');
    expect(text).toContain('Revealed');
    expect(await ui.content()).not.toContain(RECORD.cpf);

    await ui.getByRole('button', { name: 'Integrity' }).click();
    expect(await ui.getByRole('status').first().textContent()).toContain('Chain intact');

    await ui.getByRole('button', { name: 'Data-subject report' }).click();
    await ui.getByLabel("Data subject's value").fill(RECORD.cpf);
    await ui.getByRole('button', { name: 'Search', exact: true }).click();
    await ui.getByText('1 event with this value').waitFor();
    expect(await ui.getByRole('table').textContent()).toContain(AGENT);

    // 4. Sigilo never masks its own collector (the origin the policy uploads to): the agents'
    // e-mails and the CPF the supervisor typed show as they are, with no trace of Sigilo.
    // Control: the same browser masks the same kinds of value on the CRM.
    await ui.getByRole('button', { name: 'Search', exact: true }).focus();
    // (The content script started there keeps only its inert style element.)
    expect(await sigiloTraces(ui)).toBeLessThanOrEqual(1);
    expect(await maskedRangesIn(ui, 'body')).toBe(0);
    expect(await ui.locator('[data-sigilo-masked], [data-sigilo-text]').count()).toBe(0);
    expect((await occurrences(ui, AGENT)).map((o) => o.shown)).toContain(AGENT);
    expect((await occurrences(ui, AGENT)).every((o) => o.shown === AGENT)).toBe(true);
    expect((await occurrences(crm, RECORD.email)).every((o) => o.shown !== RECORD.email)).toBe(true);
    expect(await sigiloTraces(crm)).toBeGreaterThan(0);
  });
});
