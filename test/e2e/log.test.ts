import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../demo/data';
import { verifyChain } from '../../src/core/audit/chain';
import { normalizeValue } from '../../src/core/audit/fingerprint';
import type { AuditRecord } from '../../src/core/audit/types';
import { launchSigilo, revealDialog, type Sigilo, waitFor } from './harness';
import { revealFromList } from './harness/keyboard';
import { type Receiver, startReceiver } from './log-receiver';

/**
 * The reveal log seen from the agent's side, in real Chromium with the built
 * extension: a reveal through the content script's dialog (keyboard), its one
 * record, its one upload by the periodic alarm, and nothing anywhere that holds
 * the revealed values.
 */
let sigilo: Sigilo;
let receiver: Receiver;
let crm: Page;

const REASON_TEXT = `titular confirmou o CPF ${RECORD.cpf} por telefone`;

async function records(s: Sigilo): Promise<AuditRecord[]> {
  const dump = await s.idbDump();
  return (dump.sigilo?.records ?? []) as AuditRecord[];
}

beforeAll(async () => {
  receiver = await startReceiver();
  sigilo = await launchSigilo({ locale: 'en-US' });
  // Upload settings in the agent's local layer (allowed there), so no machine-wide policy file is needed.
  const options = await sigilo.openExtensionPage('src/ui/review/index.html');
  await options.evaluate(
    (url) =>
      chrome.storage.local.set({
        'policy.local': { upload: { url, token: 'ui-token', intervalMinutes: 1, format: 'sigilo' } },
      }),
    receiver.url,
  );
  await waitFor(
    () =>
      options.evaluate(async () => {
        const reply = await chrome.runtime.sendMessage({ sigilo: 1, type: 'log/status', req: {} });
        return Boolean(reply?.res?.uploadConfigured);
      }),
    'upload settings in force',
  );
  await options.close();
});

afterAll(async () => {
  await sigilo?.close();
  await receiver?.close();
});

describe('reveal log through the agent UI', () => {
  it('a reveal through the dialog commits exactly one record, uploaded exactly once by the alarm', async () => {
    crm = await sigilo.openPage('/record.html?live=0');
    await crm.waitForSelector('html[data-demo-ready="true"]');
    await revealFromList(crm, 'cpf');
    const dialog = revealDialog(crm, 'Reveal protected value');
    await dialog.waitFor();
    await dialog.getByLabel('Other').check();
    await dialog.getByLabel('Describe the reason').fill(REASON_TEXT);
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await crm.getByText(/CPF revealed for/).waitFor();

    // Committed before the value was shown: the record is there now.
    const reveals = (await records(sigilo)).filter((r) => r.type === 'reveal');
    expect(reveals).toHaveLength(1);
    const [record] = reveals;
    expect(record).toMatchObject({
      outcome: 'revealed',
      kind: 'CPF',
      path: '/record.html',
      reasonId: 'other',
      reasonText: 'titular confirmou o CPF [CPF] por telefone',
      fingerprintKeyId: 'install',
    });
    expect(record!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(record!.agentSource === 'profile' || record!.agentId === 'unknown').toBe(true);

    // No button pressed: the periodic alarm (1 minute) uploads it.
    // (The one-minute heartbeat may come first: it reports the head with no records.)
    await waitFor(
      () => receiver.acknowledged().some((b) => b.events.length > 0),
      'the periodic upload',
      100_000,
    );
    const carrying = receiver.requests.filter((q) => q.batch?.events.some((e) => e.id === record!.id));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]!.headers.authorization).toBe('Bearer ui-token');
    const uploaded = carrying[0]!.batch!.events.find((e) => e.id === record!.id);
    expect(uploaded).toEqual(record);
    expect(await verifyChain(carrying[0]!.batch!.events)).toMatchObject({ ok: true });
  });

  it('the databases, storage, upload bodies and console hold none of the revealed values', async () => {
    // Reveal a second kind (e-mail), cancel a third (card), then hide the e-mail: all by keyboard.
    const dialog = revealDialog(crm, 'Reveal protected value');
    const openDialogOn = async (filter: string) => {
      await revealFromList(crm, filter);
      await dialog.waitFor();
    };
    await openDialogOn('e-mail');
    await dialog.getByLabel('Customer request').check();
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await crm.getByText(/E-mail revealed for/).waitFor();
    await openDialogOn('card');
    await crm.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await crm.getByRole('button', { name: 'Hide' }).first().click();

    await waitFor(async () => (await records(sigilo)).some((r) => r.type === 'remask'), 'the re-mask record');
    const all = await records(sigilo);
    expect(all.filter((r) => r.type === 'reveal').map((r) => r.outcome)).toEqual([
      'revealed',
      'revealed',
      'cancelled',
    ]);
    const evidence = [
      JSON.stringify(await sigilo.idbDump()),
      JSON.stringify(await sigilo.storage('local')),
      JSON.stringify(await sigilo.storage('session')),
      JSON.stringify(await sigilo.storage('sync')),
      ...receiver.requests.map((q) => q.body),
      sigilo.consoleLines.join('\n'),
    ].join('\n');
    expect(evidence).toContain(all[0]!.hash); // the evidence is real: it holds the log
    for (const value of [RECORD.cpf, RECORD.email, RECORD.card]) {
      expect(evidence).not.toContain(value);
      expect(evidence.toUpperCase()).not.toContain(normalizeValue(value));
      // Digits-only forms (cards, CPF) must not appear either.
      const digits = value.replace(/\D/g, '');
      if (digits.length >= 8)
        expect(evidence.replace(/\D/g, ' ')).not.toMatch(new RegExp(`(^|\\D)${digits}(\\D|$)`));
    }
  });
});
