import browser from 'webextension-polyfill';
import { isActiveFor } from '../core/policy/active';
import { DEFAULT_POLICY } from '../core/policy/defaults';
import { parseMatchPattern } from '../core/policy/match-pattern';
import type { Policy } from '../core/policy/types';
import { pushEnvelope } from '../shared/protocol/content-push';
import { type EffectivePolicy, getEffectivePolicy, onPolicyChange } from './policy-store';

export const CONTENT_SCRIPT_ID = 'sigilo-content';
/** The page-world script (src/page-world/main.ts): same sites and timing, in the page's own world. */
export const PAGE_WORLD_SCRIPT_ID = 'sigilo-page-world';
/** storage.session: the policy version the registration and open tabs were last brought to. */
const APPLIED_KEY = 'policy.appliedVersion';
/** Schemes a content script can be registered for (match patterns also allow ws/wss, which scripts cannot use). */
const SCRIPTABLE = new Set(['http', 'https', 'file', 'ftp', '*', 'all']);

function scriptable(patterns: readonly string[]): string[] {
  return patterns.filter((p) => {
    const parsed = parseMatchPattern(p);
    return parsed.ok && SCRIPTABLE.has(parsed.pattern.scheme);
  });
}

/**
 * Register the content script dynamically (not in the manifest) so that where it
 * runs can follow the policy. document_start + allFrames + matchOriginAsFallback:
 * masking starts before the first paint, in every frame including about:blank
 * and srcdoc iframes.
 */
export async function registerContentScript(matches: string[], excludeMatches: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (matches.length === 0) {
    // `sites: []` = Sigilo active nowhere: Chrome refuses an empty `matches`.
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    await unregisterPageWorld();
    return;
  }
  const script = {
    id: CONTENT_SCRIPT_ID,
    js: ['content.js'],
    matches,
    excludeMatches,
    runAt: 'document_start' as const,
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
  };
  const write = (s: typeof script | Omit<typeof script, 'matchOriginAsFallback'>) =>
    existing.length > 0
      ? browser.scripting.updateContentScripts([s])
      : browser.scripting.registerContentScripts([s]);
  try {
    await write(script);
  } catch (error) {
    // Firefox's scripting API has no matchOriginAsFallback (about:blank/srcdoc
    // frames are then covered by the parent's script only): retry without it.
    const { matchOriginAsFallback: _m, ...portable } = script;
    await write(portable).catch(() => Promise.reject(error));
  }
  await registerPageWorld(matches, excludeMatches);
}

/**
 * The page-world script covers what the isolated content script cannot see
 * (app-made clipboard data, canvas text). It is registered on the same sites;
 * a browser without MAIN-world registration keeps the content script's own
 * protection, so a refusal here is not an error of the registration.
 */
async function registerPageWorld(matches: string[], excludeMatches: string[]): Promise<void> {
  const scripting = globalThis.chrome?.scripting;
  if (!scripting) return;
  const script: chrome.scripting.RegisteredContentScript = {
    id: PAGE_WORLD_SCRIPT_ID,
    js: ['page-world.js'],
    matches,
    excludeMatches,
    runAt: 'document_start',
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
    world: 'MAIN',
  };
  try {
    const existing = await scripting.getRegisteredContentScripts({ ids: [PAGE_WORLD_SCRIPT_ID] });
    if (existing.length > 0) await scripting.updateContentScripts([script]);
    else await scripting.registerContentScripts([script]);
  } catch {
    // No MAIN world (or no matchOriginAsFallback) in this browser: the content script still masks.
  }
}

async function unregisterPageWorld(): Promise<void> {
  const scripting = globalThis.chrome?.scripting;
  if (!scripting) return;
  const existing = await scripting
    .getRegisteredContentScripts({ ids: [PAGE_WORLD_SCRIPT_ID] })
    .catch(() => []);
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [PAGE_WORLD_SCRIPT_ID] });
}

/**
 * Register for the policy's sites. If the browser refuses the lists (a pattern
 * our parser accepts but it does not), fall back without ever widening what is
 * excluded: first drop the exclusions (masks more), then use the default sites.
 */
async function registerForPolicy(policy: Policy): Promise<void> {
  const matches = scriptable(policy.sites);
  const excludes = scriptable(policy.excludeSites);
  const attempts: [string[], string[]][] = [
    [matches, excludes],
    [matches, []],
    [[...DEFAULT_POLICY.sites], []],
  ];
  let lastError: unknown;
  for (const [m, x] of attempts) {
    try {
      await registerContentScript(m, x);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Bring open tabs to the new policy without a reload: every tab gets
 * `policy/changed` (its content script re-fetches `policy/content`, masking new
 * kinds or unmasking a newly excluded site); a tab that has no content script
 * yet but is now covered gets one injected.
 */
async function reapplyToOpenTabs(policy: Policy): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url || !/^(https?|file|ftp):/.test(tab.url)) return;
      try {
        await browser.tabs.sendMessage(tab.id, pushEnvelope('policy/changed', {}));
        return;
      } catch {
        // No content script answered in this tab.
      }
      if (!isActiveFor(tab.url, policy)) return;
      try {
        await browser.scripting.executeScript({
          target: { tabId: tab.id, allFrames: true },
          files: ['content.js'],
        });
        await globalThis.chrome?.scripting
          ?.executeScript({
            target: { tabId: tab.id, allFrames: true },
            files: ['page-world.js'],
            world: 'MAIN',
          })
          .catch(() => undefined);
      } catch {
        // Tabs we may not script (web store, error pages): nothing to mask there.
      }
    }),
  );
}

let applying: Promise<void> = Promise.resolve();

async function apply(effective: EffectivePolicy): Promise<void> {
  await registerForPolicy(effective.policy);
  const stored = await browser.storage.session.get(APPLIED_KEY).catch(() => ({}) as Record<string, unknown>);
  // After a worker restart the in-memory "previous" is gone: compare with the
  // version open tabs were last told about, so a change made while the worker
  // slept still reaches them.
  if (stored[APPLIED_KEY] !== effective.version) {
    await reapplyToOpenTabs(effective.policy);
    await browser.storage.session.set({ [APPLIED_KEY]: effective.version }).catch(() => undefined);
  }
}

/** Keep the registration and open tabs in step with the effective policy. Call once at the worker's top level. */
export function startContentRegistration(): Promise<void> {
  onPolicyChange((effective) => {
    applying = applying.then(() => apply(effective)).catch(() => undefined);
  });
  applying = applying.then(async () => apply(await getEffectivePolicy())).catch(() => undefined);
  return applying;
}
