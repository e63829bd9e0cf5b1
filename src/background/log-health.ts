import { clearWarning, raiseWarning } from './log-warnings';

/**
 * Refuse reveals BEFORE the log can fail to write them: when the origin's storage
 * is nearly full, a reveal would risk being shown without its record. The
 * estimate is cached briefly so the check costs nothing on the reveal path.
 */
const MIN_FREE_BYTES = 20 * 1024 * 1024;
const MAX_USED_RATIO = 0.98;
const CACHE_MS = 15_000;

let cached: { at: number; ok: boolean; detail: string } | null = null;
let refreshing: Promise<{ ok: boolean; detail: string }> | null = null;

/**
 * The first call waits for an estimate; later ones answer from the last one and
 * refresh it in the background when stale (the estimate can take tens of ms).
 * A "not ok" answer is always re-checked before it is trusted again.
 */
export async function checkStorageHeadroom(): Promise<{ ok: boolean; detail: string }> {
  const fresh = cached && Date.now() - cached.at < CACHE_MS;
  if (cached && fresh) return cached;
  refreshing ??= estimate().finally(() => {
    refreshing = null;
  });
  if (cached?.ok) return cached;
  return refreshing;
}

async function estimate(): Promise<{ ok: boolean; detail: string }> {
  let ok = true;
  let detail = '';
  try {
    const { usage = 0, quota = Number.POSITIVE_INFINITY } = await navigator.storage.estimate();
    const free = quota - usage;
    ok = free >= MIN_FREE_BYTES && usage / quota <= MAX_USED_RATIO;
    detail = `${Math.round(usage / 1048576)} MB of ${Math.round(quota / 1048576)} MB used`;
  } catch {
    // No estimate available: the write itself will tell (and fail safe).
    ok = true;
  }
  cached = { at: Date.now(), ok, detail };
  if (ok) void clearWarning('quota-near');
  else void raiseWarning('quota-near', detail);
  return cached;
}
