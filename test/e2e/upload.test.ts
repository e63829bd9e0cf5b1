import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMERS, RECORD } from '../../demo/data';
import { verifyBatch } from '../../src/core/audit/batch-signature';
import { verifyChain } from '../../src/core/audit/chain';
import type { UploadBatch } from '../../src/core/audit/types';
import { launchSigilo, type Sigilo, waitFor } from './harness';
import { sendFromPage as send } from './harness/send-from-page';
import { type Receiver, startReceiver } from './log-receiver';

/**
 * Upload delivery in real Chromium with the built extension: the collector is a
 * local HTTP receiver (127.0.0.1, http allowed there), configured through the
 * enterprise policy. Records are created through the protocol from an extension
 * page (the same `reveal/*` messages the content script sends).
 */

let sigilo: Sigilo | null = null;
let receiver: Receiver | null = null;

afterEach(async () => {
  await sigilo?.close();
  await receiver?.close();
  sigilo = null;
  receiver = null;
});

/**
 * The upload settings go in the agent's local policy layer (upload and agentId
 * are keys the local layer may set, like the options page does): the managed
 * policy file is machine-wide, and these tests must not depend on root or on
 * no other suite touching it. Managed delivery is covered by the policy tests.
 */
async function setup(localPolicy: Record<string, unknown> = {}, userDataDir?: string) {
  receiver ??= await startReceiver();
  sigilo = await launchSigilo(userDataDir ? { userDataDir } : {});
  const page = await sigilo.openExtensionPage('src/ui/review/index.html');
  const layer = {
    upload: { url: receiver.url, token: 'test-token', intervalMinutes: 1, format: 'sigilo' },
    agentId: 'agent.e2e@example.com',
    ...localPolicy,
  };
  await page.evaluate((l) => chrome.storage.local.set({ 'policy.local': l }), layer);
  await waitFor(
    async () => (await send<{ uploadConfigured: boolean }>(page, 'log/status', {})).uploadConfigured,
    'the upload settings to take effect',
  );
  return { sigilo, receiver, page };
}

/** Log `count` cancelled reveals (not subject to the reveal limits) as fast as the writer takes them. */
async function logCancelled(page: Page, demoUrl: string, count: number): Promise<void> {
  await page.evaluate(
    async ([n, url, values]) => {
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) {
        pending.push(
          chrome.runtime.sendMessage({
            sigilo: 1,
            type: 'reveal/cancelled',
            req: {
              kind: 'CPF',
              value: values[i % values.length],
              url,
              requestedAt: new Date().toISOString(),
            },
          }),
        );
        if (pending.length >= 200) await Promise.all(pending.splice(0));
      }
      await Promise.all(pending);
    },
    [count, demoUrl, CUSTOMERS.map((c) => c.cpf)] as const,
  );
}

function deliveredSeqs(batches: UploadBatch[]): number[] {
  return [...new Set(batches.flatMap((b) => b.events.map((e) => e.seq)))].sort((a, b) => a - b);
}

/** Every event arrived under exactly one batchId (re-sends reuse it). */
function expectDuplicatesOnlyWithinBatchId(r: Receiver) {
  const batchOfSeq = new Map<number, string>();
  for (const req of r.requests) {
    for (const e of req.batch?.events ?? []) {
      const seen = batchOfSeq.get(e.seq);
      if (seen) expect(seen).toBe(req.batch!.batchId);
      batchOfSeq.set(e.seq, req.batch!.batchId);
    }
  }
}

describe('reveal log upload', () => {
  it('delivers a reveal in one batch with the bearer token, chain head and batch id', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    const decision = await send<{ outcome: string; eventId: string }>(page, 'reveal/request', {
      kind: 'CPF',
      value: RECORD.cpf,
      url: s.demoUrl('/record.html?customer=1#top'),
      reasonId: 'customer-request',
      reasonText: `cliente confirmou ${RECORD.cpf}`,
      requestedAt: new Date().toISOString(),
    });
    expect(decision.outcome).toBe('revealed');
    await send(page, 'upload/now', {});
    expect(r.requests).toHaveLength(1);
    const req = r.requests[0]!;
    expect(req.headers.authorization).toBe('Bearer test-token');
    expect(req.headers['idempotency-key']).toBe(req.batch!.batchId);
    const batch = req.batch!;
    expect(batch.schema).toBe('sigilo.events/v1');
    expect(batch.events).toHaveLength(1);
    const [event] = batch.events;
    expect(event).toMatchObject({
      id: decision.eventId,
      seq: 1,
      type: 'reveal',
      outcome: 'revealed',
      kind: 'CPF',
      agentId: 'agent.e2e@example.com',
      // Set in the local layer (no profile account in this browser): the agent's own claim.
      agentSource: 'local',
      path: '/record.html',
      fingerprintKeyId: 'install',
      reasonText: 'cliente confirmou [CPF]',
    });
    expect(event!.origin).toBe(new URL(s.demoUrl('/')).origin);
    expect(batch.chainHead).toEqual({ seq: 1, hash: event!.hash });
    expect(await verifyChain(batch.events)).toMatchObject({ ok: true });
    // Acknowledged: nothing pending, and a second run sends nothing.
    expect(await send(page, 'log/status', {})).toMatchObject({ pending: 0, total: 1 });
    await send(page, 'upload/now', {});
    expect(r.requests).toHaveLength(1);
  });

  it('signs each batch with the install key, and counts a batch delivered only when the answer acknowledges it', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    r.mode = 'no-ack';
    await logCancelled(page, s.demoUrl('/record.html'), 2);
    await send(page, 'upload/now', {});
    expect(r.requests).toHaveLength(1);
    // A 200 that does not name the batch (a proxy, a captive portal) is not a delivery.
    expect(await send(page, 'log/status', {})).toMatchObject({ pending: 2, lastUpload: { ok: false } });
    const first = r.requests[0]!.batch!;
    expect(first.auth?.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect(await verifyBatch(first, first.auth!.publicKey)).toBe(true);
    // Tampering with a signed batch breaks its signature (control for the check above).
    expect(await verifyBatch({ ...first, agentId: 'someone.else' }, first.auth!.publicKey)).toBe(false);
    r.mode = 'ok';
    await send(page, 'upload/now', {});
    const acked = r.acknowledged().at(-1)!;
    expect(acked.batchId).toBe(first.batchId);
    expect(acked.auth?.publicKey).toBe(first.auth?.publicKey);
    expect(await send(page, 'log/status', {})).toMatchObject({ pending: 0 });
  });

  it('reports the chain head soon after a reveal (heartbeat, signed, no records), and not again until it moves', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    const fire = async () => {
      const worker = await s.worker();
      await worker.evaluate(() => chrome.alarms.create('sigilo-heartbeat', { when: Date.now() + 50 }));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    };
    // Control: no reveal yet, so no head to report: nothing is sent.
    await fire();
    expect(r.requests).toHaveLength(0);
    await logCancelled(page, s.demoUrl('/record.html'), 2);
    await fire();
    await waitFor(() => r.acknowledged().length >= 1, 'the heartbeat');
    const beat = r.acknowledged()[0]!;
    expect(beat.events).toEqual([]);
    expect(beat.chainHead.seq).toBe(2);
    expect(await verifyBatch(beat, beat.auth!.publicKey)).toBe(true);
    // The records themselves are still pending (a heartbeat is not an upload).
    expect(await send(page, 'log/status', {})).toMatchObject({ pending: 2 });
    // The head did not move: the next heartbeat sends nothing.
    await fire();
    expect(r.requests).toHaveLength(1);
  });

  it('keeps events while the receiver is down, retries with backoff, delivers them later', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    r.mode = 'fail';
    await logCancelled(page, s.demoUrl('/record.html'), 3);
    await send(page, 'upload/now', {});
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.status).toBe(503);
    const status = await send<{ pending: number; nextAttemptAt: string | null; lastUpload: { ok: boolean } }>(
      page,
      'log/status',
      {},
    );
    expect(status.pending).toBe(3);
    expect(status.lastUpload.ok).toBe(false);
    expect(status.nextAttemptAt).not.toBeNull();
    // The retry alarm fires on its own (no upload/now): a second failure, then success.
    await waitFor(() => r.requests.length >= 2, 'the first automatic retry', 30_000);
    r.mode = 'ok';
    await waitFor(() => r.acknowledged().length >= 1, 'delivery after the receiver came back', 60_000);
    const ids = new Set(r.requests.map((q) => q.batch!.batchId));
    expect(ids.size).toBe(1); // every retry re-sent the same batch
    expect(deliveredSeqs(r.acknowledged())).toEqual([1, 2, 3]);
    await waitFor(
      async () => (await send<{ pending: number }>(page, 'log/status', {})).pending === 0,
      'pending to drop to 0',
    );
  });

  it('survives the browser being closed mid-upload: no loss, re-send under the same batch id', async () => {
    // Closing the browser kills the service worker with the request in flight
    // (the harshest stop); the same profile is then opened again.
    const profile = mkdtempSync(path.join(os.tmpdir(), 'sigilo-upload-restart-'));
    try {
      const { page, receiver: r, sigilo: s } = await setup({}, profile);
      await logCancelled(page, s.demoUrl('/record.html'), 700); // two batches (500 + 200)
      r.mode = 'hold';
      void send(page, 'upload/now', {}).catch(() => undefined);
      await waitFor(() => r.requests.length === 1, 'the first upload request to arrive');
      const firstBatchId = r.requests[0]!.batch!.batchId;
      await s.close();
      sigilo = null;
      r.release(200); // the worker that sent it is gone: this answer reaches nobody
      r.mode = 'ok';
      const again = await launchSigilo({ userDataDir: profile });
      sigilo = again;
      // No message, no click: the new worker finds the batch in its outbox and resends it.
      await waitFor(() => deliveredSeqs(r.acknowledged()).length === 700, 'all 700 events delivered', 60_000);
      const resent = r.requests.filter((q) => q.batch?.batchId === firstBatchId);
      expect(resent.length).toBeGreaterThanOrEqual(2);
      expect(resent.every((q) => q.batch!.events[0]!.seq === 1 && q.batch!.events.length === 500)).toBe(true);
      expectDuplicatesOnlyWithinBatchId(r);
      expect(deliveredSeqs(r.acknowledged())).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
    } finally {
      await sigilo?.close();
      sigilo = null;
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('survives the service worker being stopped mid-upload: same batch id re-sent by the new worker', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    await logCancelled(page, s.demoUrl('/record.html'), 600);
    r.mode = 'hold';
    void send(page, 'upload/now', {}).catch(() => undefined);
    await waitFor(() => r.requests.length === 1, 'the first upload request to arrive');
    const firstBatchId = r.requests[0]!.batch!.batchId;
    await s.restartServiceWorker(); // a fresh global scope: nothing in memory survived
    r.release(200);
    r.mode = 'ok';
    await waitFor(() => deliveredSeqs(r.acknowledged()).length === 600, 'all 600 events delivered', 60_000);
    expect(r.requests.filter((q) => q.batch?.batchId === firstBatchId).length).toBeGreaterThanOrEqual(2);
    expectDuplicatesOnlyWithinBatchId(r);
    expect(deliveredSeqs(r.acknowledged())).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
  });

  it('delivers 10,000 records, all of them, in order and verifiable', async () => {
    const { page, receiver: r, sigilo: s } = await setup();
    await logCancelled(page, s.demoUrl('/queue.html'), 10_000);
    await send(page, 'upload/now', {});
    await waitFor(() => deliveredSeqs(r.acknowledged()).length === 10_000, '10,000 events delivered', 60_000);
    const batches = r.acknowledged().sort((a, b) => a.events[0]!.seq - b.events[0]!.seq);
    expect(batches.every((b) => b.events.length <= 500)).toBe(true);
    const all = batches.flatMap((b) => b.events);
    expect(all).toHaveLength(10_000);
    expect(await verifyChain(all)).toMatchObject({ ok: true, checked: 10_000 });
    expect(await send(page, 'log/status', {})).toMatchObject({ pending: 0 });
  });
});
