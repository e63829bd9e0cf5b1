/**
 * Extension storage closed to content scripts.
 *
 * A content script runs inside the page's process, so whatever it can reach, a
 * compromised page process or anyone evaluating code in the content script's
 * isolated world (DevTools, when the admin allows it) can reach too. By default
 * Chromium exposes storage.local, sync and managed to content scripts: from
 * there one could stop uploads (`sigilo.upload.nextAttemptAt` = 2099), wipe the
 * warnings, write a local `agentId`, and read the upload token and the
 * fingerprint key from the managed policy. Sigilo's content script never uses
 * chrome.storage (it gets its policy by message from this worker), so every
 * area is restricted to trusted contexts: the service worker and extension
 * pages, including extension-origin frames embedded in a page.
 *
 * Support, checked in a real browser (test/e2e/trusted-storage.test.ts):
 * - Chromium 156: local, sync, session and managed all accept TRUSTED_CONTEXTS
 *   (all areas since Chrome 140; session alone since 96, where it is also the
 *   default). The level survives a browser restart, and it is set again at
 *   every worker start anyway.
 * - Chrome 120-139: only session accepts it; the others reject and stay open
 *   to content scripts (see docs/security.md).
 * - Firefox (ESR 153, checked): no setAccessLevel on any area; session is
 *   trusted-only by default there, the others stay open to content scripts.
 * A refusal is not fatal: Sigilo keeps working with the browser's default.
 */

export type StorageAreaName = 'local' | 'sync' | 'session' | 'managed';
export type AccessOutcome = 'trusted' | 'unsupported';

const AREAS: readonly StorageAreaName[] = ['local', 'sync', 'session', 'managed'];

interface RestrictableArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/** The raw `chrome.storage` (the polyfill does not wrap setAccessLevel), or null where there is none. */
function storageApi(): Partial<Record<StorageAreaName, RestrictableArea>> | null {
  const api = (globalThis as { chrome?: { storage?: Partial<Record<StorageAreaName, RestrictableArea>> } })
    .chrome?.storage;
  return api ?? null;
}

/**
 * Restrict every storage area the browser lets us restrict; never rejects.
 * Resolves with what each area ended up as, for tests and diagnostics.
 */
export async function restrictStorageToTrustedContexts(
  api = storageApi(),
): Promise<Record<StorageAreaName, AccessOutcome>> {
  const entries = await Promise.all(
    AREAS.map(async (name): Promise<[StorageAreaName, AccessOutcome]> => {
      const area = api?.[name];
      if (typeof area?.setAccessLevel !== 'function') return [name, 'unsupported'];
      try {
        await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
        return [name, 'trusted'];
      } catch {
        // Chrome < 140 rejects it for every area but session.
        return [name, 'unsupported'];
      }
    }),
  );
  return Object.fromEntries(entries) as Record<StorageAreaName, AccessOutcome>;
}
