import browser from 'webextension-polyfill';
import { policyVersion } from '../core/policy';
import { type ResolvedPolicy, resolvePolicy } from '../core/policy/merge';
import type { Policy, PolicyError, PolicyKey } from '../core/policy/types';

/** storage.local key holding the agent's own (local) policy layer, as the agent saved it. */
export const LOCAL_POLICY_KEY = 'policy.local';

/**
 * Chromium's first managed.get() waits for its policy service (2-5 s) and has
 * been seen to hang for minutes (TOOLCHAIN.md). Nobody waits longer than this:
 * until managed storage answers, the safe defaults (plus local tightenings) apply,
 * and the late answer triggers a normal policy change. Kept below the content
 * script's own 1.5 s wait for `policy/content`, so a page booting while managed
 * storage is slow gets its answer from here rather than its local fallback.
 */
const MANAGED_TIMEOUT_MS = 1000;
const MANAGED_RETRY_MS = 5000;

export interface EffectivePolicy {
  policy: Policy;
  locked: PolicyKey[];
  errors: PolicyError[];
  version: string;
  /** 'pending' while managed storage has not answered yet (defaults in force). */
  managed: 'loaded' | 'none' | 'pending' | 'unreadable';
}

type Listener = (effective: EffectivePolicy, previous: EffectivePolicy | null) => void;

let managedRaw: unknown;
let managedState: EffectivePolicy['managed'] = 'pending';
let managedRead: Promise<void> | null = null;
let current: EffectivePolicy | null = null;
let computing: Promise<EffectivePolicy> | null = null;
const listeners = new Set<Listener>();

function isAbsentManagedError(error: unknown): boolean {
  // Firefox rejects when no policies.json entry exists; Chrome resolves {} instead.
  return /managed storage manifest not found|not found/i.test(String(error));
}

function readManagedOnce(): Promise<void> {
  return browser.storage.managed.get(null).then(
    (items) => {
      managedRaw = Object.keys(items).length > 0 ? items : undefined;
      managedState = managedRaw === undefined ? 'none' : 'loaded';
    },
    (error: unknown) => {
      managedRaw = undefined;
      managedState = isAbsentManagedError(error) ? 'none' : 'unreadable';
    },
  );
}

/** Start (once) reading managed storage; resolves after the read or the timeout, whichever first. */
function ensureManagedRead(): Promise<void> {
  if (!managedRead) {
    let settled = false;
    const read = readManagedOnce().then(() => {
      settled = true;
    });
    // A hung first call: try again alongside it; whichever answers first wins.
    const retry = setInterval(() => {
      if (settled) clearInterval(retry);
      else
        void readManagedOnce().then(() => {
          if (!settled) {
            settled = true;
            void recompute();
          }
        });
    }, MANAGED_RETRY_MS);
    void read.then(() => {
      clearInterval(retry);
      if (current?.managed === 'pending') void recompute();
    });
    managedRead = Promise.race([read, new Promise<void>((r) => setTimeout(r, MANAGED_TIMEOUT_MS))]);
  }
  return managedRead;
}

async function readLocal(): Promise<unknown> {
  try {
    const items = await browser.storage.local.get(LOCAL_POLICY_KEY);
    return items[LOCAL_POLICY_KEY];
  } catch {
    return undefined;
  }
}

function build(resolved: ResolvedPolicy): EffectivePolicy {
  const errors = [...resolved.errors];
  if (managedState === 'unreadable')
    errors.push({
      path: '',
      message: 'managed policy could not be read; safe defaults apply',
      text: {
        en: 'managed policy could not be read; safe defaults apply',
        pt: 'não foi possível ler a política gerenciada; valem os padrões seguros',
      },
      source: 'managed',
    });
  return { ...resolved, errors, version: policyVersion(resolved.policy), managed: managedState };
}

async function recompute(): Promise<EffectivePolicy> {
  const run = (async () => {
    await ensureManagedRead();
    const local = await readLocal();
    const next = build(resolvePolicy(managedRaw, local));
    const previous = current;
    current = next;
    if (
      !previous ||
      previous.version !== next.version ||
      JSON.stringify(previous.errors) !== JSON.stringify(next.errors) ||
      previous.managed !== next.managed
    ) {
      for (const listener of listeners) {
        try {
          listener(next, previous);
        } catch {
          // One subscriber's bug must not stop the others from seeing the change.
        }
      }
    }
    return next;
  })();
  computing = run;
  return run;
}

/** The effective policy (managed > local > defaults), cached; never waits long on managed storage. */
export function getEffectivePolicy(): Promise<EffectivePolicy> {
  if (current) return Promise.resolve(current);
  return computing ?? recompute();
}

/** Subscribe to changes of the effective policy (version, errors or managed state). Returns the unsubscribe. */
export function onPolicyChange(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The agent's local layer as stored (for the options page to edit). */
export async function getLocalLayer(): Promise<Record<string, unknown>> {
  const raw = await readLocal();
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : {};
}

/** Replace the agent's local layer; the effective policy follows through storage.onChanged. */
export async function setLocalLayer(layer: Record<string, unknown>): Promise<EffectivePolicy> {
  await browser.storage.local.set({ [LOCAL_POLICY_KEY]: layer });
  return recompute();
}

/** Same resolution the store applies, for previewing an import without saving it. */
export async function previewLocalLayer(layer: unknown): Promise<EffectivePolicy> {
  await ensureManagedRead();
  return build(resolvePolicy(managedRaw, layer));
}

// Registered at import time, i.e. synchronously in the service worker's first
// turn, so a storage change that wakes the worker finds its listener (MV3).
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') {
    managedRead = readManagedOnce();
    void managedRead.then(recompute);
  } else if (area === 'local' && LOCAL_POLICY_KEY in changes) {
    void recompute();
  }
});
