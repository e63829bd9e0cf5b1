import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS } from '../../demo/data';
import type { AuditRecord } from '../../src/core/audit/types';
import { launchSigilo, managedPolicySkipReason, type Sigilo, waitFor } from './harness';
import { sendFromPage } from './harness/send-from-page';
import { type Receiver, startReceiver } from './log-receiver';

const send = <T>(type: string, req: unknown): Promise<T> => sendFromPage<T>(page, type, req);

/**
 * The anomaly guard and the Splunk HEC upload, in Chromium with the built
 * extension. Reveals go through `reveal/request` from an extension page (the
 * message the content script sends); limits are tightened in the agent's local
 * policy layer (tightening is always allowed there).
 */
let sigilo: Sigilo;
let receiver: Receiver;
let page: Page;

async function setLocal(layer: Record<string, unknown>, ready: () => Promise<boolean>) {
  await page.evaluate((l) => chrome.storage.local.set({ 'policy.local': l }), layer);
  await waitFor(ready, 'the local policy to take effect');
}

const reveal = (i: number) =>
  send<{
    outcome: string;
    eventId: string | null;
    refusedReason?: string;
    message?: string;
    flags?: string[];
  }>('reveal/request', {
    kind: 'CPF',
    value: CUSTOMERS[i % CUSTOMERS.length]!.cpf,
    url: sigilo.demoUrl('/record.html'),
    reasonId: 'customer-request',
    reasonText: '',
    requestedAt: new Date().toISOString(),
  });

beforeAll(async () => {
  receiver = await startReceiver();
  sigilo = await launchSigilo({ locale: 'en-US' });
  page = await sigilo.openExtensionPage('src/ui/review/index.html');
});

afterAll(async () => {
  await sigilo?.close();
  await receiver?.close();
});

describe('anomaly guard', () => {
  it('refuses the reveal past the 5-minute limit, logs it with an anomaly record, and uploads both', async () => {
    await setLocal(
      {
        limits: { perHour: 30, perFiveMinutes: 2, onExceed: 'refuse' },
        upload: { url: receiver.url, token: 'hec-token', intervalMinutes: 60, format: 'splunk-hec' },
      },
      async () => {
        const policy = await send<{ policy: { limits: { perFiveMinutes: number } } }>('policy/get', {});
        return policy.policy.limits.perFiveMinutes === 2;
      },
    );
    expect((await reveal(0)).outcome).toBe('revealed');
    expect((await reveal(1)).outcome).toBe('revealed');
    const third = await reveal(2);
    expect(third).toMatchObject({ outcome: 'refused', refusedReason: 'limit-per-five-minutes' });
    expect(third.message).toMatch(/limit/i);

    const dump = await sigilo.idbDump();
    const records = dump.sigilo!.records as AuditRecord[];
    expect(records.map((r) => [r.type, r.outcome])).toEqual([
      ['reveal', 'revealed'],
      ['reveal', 'revealed'],
      ['reveal', 'refused'],
      ['anomaly', 'refused'],
    ]);
    const anomaly = records[3]!;
    expect(anomaly).toMatchObject({ refId: third.eventId, flags: ['limit-per-five-minutes'] });
    expect(
      (await send<{ warnings: { code: string }[] }>('log/status', {})).warnings.map((w) => w.code),
    ).toContain('anomaly');
    expect(await send('log/verify', {})).toMatchObject({ ok: true, checked: 4, firstBroken: null });

    // Splunk HEC variant: one event per line, Splunk auth, our sourcetype.
    await send('upload/now', {});
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.headers.authorization).toBe('Splunk hec-token');
    const lines = request.body.split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.sourcetype)).toEqual(Array(4).fill('sigilo:reveal'));
    expect(lines.map((l) => l.event.seq)).toEqual([1, 2, 3, 4]);
    expect(lines[3].event).toEqual(anomaly);
    expect(new Set(lines.map((l) => l.fields.batchId)).size).toBe(1);
  });

  it('the local layer cannot loosen onExceed to "flag": reveals past the limit stay refused', async () => {
    // "flag" is looser than the default "refuse": only an admin may set it.
    await setLocal({ limits: { perHour: 30, perFiveMinutes: 2, onExceed: 'flag' } }, async () => true);
    const policy = await send<{ policy: { limits: { onExceed: string } } }>('policy/get', {});
    expect(policy.policy.limits.onExceed).toBe('refuse');
    expect((await reveal(3)).outcome).toBe('refused');
  });
});

describe.skipIf(managedPolicySkipReason())('anomaly guard, admin policy onExceed "flag"', () => {
  let admin: Sigilo;
  afterAll(async () => {
    await admin?.close();
  });

  it('lets the reveal past the limit through, flagged over-limit, and logs an anomaly', async () => {
    admin = await launchSigilo({
      managedPolicy: { limits: { perHour: 30, perFiveMinutes: 1, onExceed: 'flag' } },
    });
    page = await admin.openExtensionPage('src/ui/review/index.html');
    await waitFor(async () => {
      const policy = await send<{ policy: { limits: { onExceed: string } } }>('policy/get', {});
      return policy.policy.limits.onExceed === 'flag';
    }, 'the managed policy');
    expect((await reveal(0)).outcome).toBe('revealed');
    const second = await reveal(1);
    expect(second).toMatchObject({ outcome: 'revealed', flags: ['over-limit', 'limit-per-five-minutes'] });
    const records = (await admin.idbDump()).sigilo!.records as AuditRecord[];
    expect(records.map((r) => [r.type, r.outcome])).toEqual([
      ['reveal', 'revealed'],
      ['reveal', 'revealed'],
      ['anomaly', 'revealed'],
    ]);
    expect(records[2]).toMatchObject({ refId: second.eventId, flags: ['limit-per-five-minutes'] });
  });
});
