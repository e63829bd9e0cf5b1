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
 * and srcdoc iframes. The page-world script (src/page-world/main.ts: app-made
 * clipboard data, canvas text, which the isolated content script cannot see)
 * goes with it, same sites and timing, in the page's MAIN world, in the same
 * call so that a page never gets one without the other. A browser that refuses
 * it (no MAIN-world registration) keeps the content script alone.
 */
export async function registerContentScript(matches: string[], excludeMatches: string[]): Promise<void> {
  const ids = [CONTENT_SCRIPT_ID, PAGE_WORLD_SCRIPT_ID];
  const existing = new Set((await browser.scripting.getRegisteredContentScripts({ ids })).map((s) => s.id));
  if (matches.length === 0) {
    // `sites: []` = Sigilo active nowhere: Chrome refuses an empty `matches`.
    if (existing.size > 0) await browser.scripting.unregisterContentScripts({ ids: [...existing] });
    return;
  }
  const common = {
    matches,
    excludeMatches,
    runAt: 'document_start' as const,
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
  };
  const content: Script = { ...common, id: CONTENT_SCRIPT_ID, js: ['content.js'] };
  const pageWorld: Script = { ...common, id: PAGE_WORLD_SCRIPT_ID, js: ['page-world.js'], world: 'MAIN' };
  const write = async (scripts: Script[]) => {
    const update = scripts.filter((s) => existing.has(s.id));
    const register = scripts.filter((s) => !existing.has(s.id));
    if (register.length > 0) await browser.scripting.registerContentScripts(register);
    for (const s of register) existing.add(s.id);
    if (update.length > 0) await browser.scripting.updateContentScripts(update);
  };
  // Firefox's scripting API has no matchOriginAsFallback (about:blank/srcdoc
  // frames are then covered by the parent's script only): retry without it.
  const portable = ({ matchOriginAsFallback: _m, ...rest }: Script): Script => rest;
  const attempts = [[content, pageWorld], [content, pageWorld].map(portable), [content], [portable(content)]];
  let firstError: unknown;
  for (const scripts of attempts) {
    try {
      await write(scripts);
      if (scripts.length === 1 && existing.has(PAGE_WORLD_SCRIPT_ID)) {
        // A page-world script the browser no longer takes must not run on other sites than the content script.
        await browser.scripting
          .unregisterContentScripts({ ids: [PAGE_WORLD_SCRIPT_ID] })
          .catch(() => undefined);
        existing.delete(PAGE_WORLD_SCRIPT_ID);
      }
      return;
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

type Script = Parameters<typeof browser.scripting.registerContentScripts>[0][number];

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
