/**
 * Reveal log, in real Chromium through the BUILT extension's service worker:
 * - reveal -> committed: an extension page sends `reveal/request` (what the
 *   content script sends) and times the reply, which the worker sends only after
 *   the record's strict-durability transaction committed. Baseline: a bare
 *   IndexedDB put (one strict readwrite transaction) timed inside the same
 *   worker, plus the bare message round trip (`ping`).
 * - appends/s: a burst of `reveal/cancelled` messages (same write path, no
 *   limits), group-committed. Baseline: the same number of bare strict puts,
 *   each in its own transaction, issued concurrently in the worker.
 * - upload events/s: pending records POSTed to a local receiver in 500-event
 *   batches (outbox reserve, POST, ack). Baseline: the worker POSTing the same
 *   bodies with a bare fetch.
 */
import { launchSigilo, managedPolicySkipReason, type Sigilo } from '../test/e2e/harness';
import { startReceiver } from '../test/e2e/log-receiver';
import { type Bench, type BenchRow, percentile, ratio } from './table';

const REVEALS = 300;
const BURST = 3000;
const UPLOAD_EVENTS = 5000;

const ms = (v: number) => `${v.toFixed(1)} ms`;
const perSec = (v: number) => `${Math.round(v)}/s`;

function sendFromPage(sigilo: Sigilo) {
  return sigilo.openExtensionPage('src/ui/review/index.html');
}

async function revealLatencies(sigilo: Sigilo, useCancel: boolean, url: string): Promise<number[]> {
  const page = await sendFromPage(sigilo);
  const times = await page.evaluate(
    async ([n, u, cancel]) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const req = cancel
          ? { kind: 'CPF', value: `5290${i}`, url: u, requestedAt: new Date().toISOString() }
          : {
              kind: 'CPF',
              value: `5290${i}`,
              url: u,
              reasonId: 'customer-request',
              reasonText: '',
              requestedAt: new Date().toISOString(),
            };
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({
          sigilo: 1,
          type: cancel ? 'reveal/cancelled' : 'reveal/request',
          req,
        });
        out.push(performance.now() - t0);
        if (!reply?.ok || (!cancel && reply.res.outcome !== 'revealed'))
          throw new Error(`reveal ${i} not committed: ${JSON.stringify(reply).slice(0, 200)}`);
      }
      return out;
    },
    [REVEALS, url, useCancel] as const,
  );
  const ping = await page.evaluate(async (n) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ sigilo: 1, type: 'ping', req: { from: 'ui', href: location.href } });
      out.push(performance.now() - t0);
    }
    return out;
  }, REVEALS);
  await page.close();
  pingTimes = ping.sort((a, b) => a - b);
  return times.sort((a, b) => a - b);
}

let pingTimes: number[] = [];

// Runs in the service worker: a separate database, so the log is untouched.
async function bareIdb([mode, n]: readonly ['sequential' | 'burst', number]): Promise<number[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('bench-baseline', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('rows', { autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const row = { id: '01J0000000000000000000000', payload: 'x'.repeat(900) };
  const put = () =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction('rows', 'readwrite', { durability: 'strict' });
      tx.objectStore('rows').put({ ...row, at: Date.now() });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const out: number[] = [];
  if (mode === 'sequential') {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await put();
      out.push(performance.now() - t0);
    }
  } else {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, put));
    out.push(performance.now() - t0);
  }
  db.close();
  return out;
}

export default {
  name: 'log',
  async run(): Promise<BenchRow[]> {
    const receiver = await startReceiver();
    // Managed limits wide enough for the measured reveals (root only); else the cancel path is timed.
    const root = managedPolicySkipReason() === null;
    const sigilo = await launchSigilo(
      root ? { managedPolicy: { limits: { perHour: 1000, perFiveMinutes: 500, onExceed: 'flag' } } } : {},
    );
    const rows: BenchRow[] = [];
    try {
      // tsx keeps function names with a `__name` helper that does not exist in the worker.
      await sigilo.evalInWorker(() => {
        (globalThis as unknown as Record<string, unknown>).__name = (f: unknown) => f;
      });
      const url = sigilo.demoUrl('/record.html');
      const reveal = await revealLatencies(sigilo, !root, url);
      const bare = (await sigilo.evalInWorker(bareIdb, ['sequential', REVEALS] as const)).sort(
        (a, b) => a - b,
      );
      const label = root ? 'reveal -> committed' : 'cancel -> committed (no root: limits)';
      for (const p of [50, 99]) {
        const v = percentile(reveal, p);
        const b = percentile(bare, p);
        rows.push({
          section: 'log',
          metric: `${label} p${p} (n=${REVEALS})`,
          sigilo: ms(v),
          baseline: `${ms(b)} bare put (+${ms(percentile(pingTimes, p))} msg)`,
          ratio: ratio(v, b),
          goal: p === 99 ? '< 50 ms' : '',
        });
      }

      // Throughput: a burst of appends.
      const page = await sendFromPage(sigilo);
      const burstMs = await page.evaluate(
        async ([n, u]) => {
          const t0 = performance.now();
          await Promise.all(
            Array.from({ length: n }, (_, i) =>
              chrome.runtime.sendMessage({
                sigilo: 1,
                type: 'reveal/cancelled',
                req: { kind: 'CPF', value: `7${i}`, url: u, requestedAt: new Date().toISOString() },
              }),
            ),
          );
          return performance.now() - t0;
        },
        [BURST, url] as const,
      );
      const [bareBurstMs] = await sigilo.evalInWorker(bareIdb, ['burst', BURST] as const);
      const appends = (BURST / burstMs) * 1000;
      const bareAppends = (BURST / bareBurstMs!) * 1000;
      rows.push({
        section: 'log',
        metric: `appends/s (burst of ${BURST}, messages incl.)`,
        sigilo: perSec(appends),
        baseline: `${perSec(bareAppends)} bare puts`,
        ratio: ratio(appends, bareAppends),
        goal: '',
      });

      // Upload: everything pending (reveals + burst + top-up to UPLOAD_EVENTS).
      const status = await page.evaluate(() =>
        chrome.runtime.sendMessage({ sigilo: 1, type: 'log/status', req: {} }),
      );
      const pending = (status as { res: { pending: number } }).res.pending;
      await page.evaluate(
        (u) =>
          chrome.storage.local.set({
            'policy.local': { upload: { url: u, token: 'b', intervalMinutes: 60, format: 'sigilo' } },
          }),
        receiver.url,
      );
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const s = await page.evaluate(() =>
          chrome.runtime.sendMessage({ sigilo: 1, type: 'log/status', req: {} }),
        );
        if ((s as { res: { uploadConfigured: boolean } }).res.uploadConfigured) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const events = Math.min(pending, UPLOAD_EVENTS);
      const t0 = Date.now();
      await page.evaluate(() => chrome.runtime.sendMessage({ sigilo: 1, type: 'upload/now', req: {} }));
      const uploadMs = Date.now() - t0;
      const delivered = new Set(receiver.acknowledged().flatMap((b) => b.events.map((e) => e.seq))).size;
      if (delivered < events) throw new Error(`upload delivered ${delivered} of ${events}`);
      const bodies = receiver.requests.map((r) => r.body);
      const bareUploadMs = await sigilo.evalInWorker(
        async ([target, list]) => {
          const start = performance.now();
          for (const body of list)
            await fetch(target, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
          return performance.now() - start;
        },
        [receiver.url, bodies] as const,
      );
      const rate = (delivered / uploadMs) * 1000;
      const bareRate = (delivered / bareUploadMs) * 1000;
      rows.push({
        section: 'log',
        metric: `upload events/s (${delivered} events, ${bodies.length} batches)`,
        sigilo: perSec(rate),
        baseline: `${perSec(bareRate)} bare fetch`,
        ratio: ratio(rate, bareRate),
        goal: '',
      });
      await page.close();
    } finally {
      await sigilo.close();
      await receiver.close();
    }
    return rows;
  },
} satisfies Bench;
