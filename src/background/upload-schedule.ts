import browser from 'webextension-polyfill';
import { openSigiloDB } from './db';
import { getEffectivePolicy, onPolicyChange } from './policy-store';
import { readUploadState, sendHeartbeat, uploadPending } from './upload';

/**
 * Upload timing lives in chrome.alarms, which survive the worker being stopped
 * and the browser restarting (MV3 discipline: no in-memory timers):
 * - "sigilo-upload": periodic, every upload.intervalMinutes;
 * - "sigilo-upload-retry": one-shot, at the backoff time after a failure, or
 *   right after the worker starts when a batch was left in the outbox.
 */
export const PERIODIC_ALARM = 'sigilo-upload';
export const RETRY_ALARM = 'sigilo-upload-retry';
/**
 * Every minute, report the chain head if it moved (a cheap IndexedDB read when
 * it did not): reveals are known to the collector within about a minute, long
 * before the next upload.
 */
export const HEARTBEAT_ALARM = 'sigilo-heartbeat';
const HEARTBEAT_MINUTES = 1;

async function scheduleRetry(at: number): Promise<void> {
  await browser.alarms.create(RETRY_ALARM, { when: at });
}

export function uploadNow() {
  return uploadPending(scheduleRetry, { force: true });
}

async function ensurePeriodicAlarm(): Promise<void> {
  const { policy } = await getEffectivePolicy();
  const existing = await browser.alarms.get(PERIODIC_ALARM);
  if (!policy.upload.url) {
    if (existing) await browser.alarms.clear(PERIODIC_ALARM);
    await browser.alarms.clear(HEARTBEAT_ALARM);
    return;
  }
  if ((await browser.alarms.get(HEARTBEAT_ALARM))?.periodInMinutes !== HEARTBEAT_MINUTES) {
    await browser.alarms.create(HEARTBEAT_ALARM, {
      delayInMinutes: HEARTBEAT_MINUTES,
      periodInMinutes: HEARTBEAT_MINUTES,
    });
  }
  const period = policy.upload.intervalMinutes;
  if (existing?.periodInMinutes === period) return;
  await browser.alarms.create(PERIODIC_ALARM, { delayInMinutes: period, periodInMinutes: period });
}

/** After a stop mid-upload (or a browser restart) the outbox holds a batch: resend it soon. */
async function resumeInterruptedUpload(): Promise<void> {
  const db = await openSigiloDB();
  if ((await db.count('outbox')) === 0) return;
  const state = await readUploadState();
  const notBefore = state.nextAttemptAt ? Date.parse(state.nextAttemptAt) : 0;
  await scheduleRetry(Math.max(Date.now() + 1_000, notBefore));
}

/** Call once at the service worker's top level. */
export function startUploadScheduler(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === RETRY_ALARM) {
      void uploadPending(scheduleRetry).catch(() => undefined);
    }
    if (alarm.name === HEARTBEAT_ALARM) void sendHeartbeat().catch(() => undefined);
  });
  onPolicyChange((next, previous) => {
    if (JSON.stringify(next.policy.upload) !== JSON.stringify(previous?.policy.upload)) {
      void ensurePeriodicAlarm().catch(() => undefined);
    }
  });
  void ensurePeriodicAlarm().catch(() => undefined);
  void resumeInterruptedUpload().catch(() => undefined);
}
