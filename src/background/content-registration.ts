import browser from 'webextension-polyfill';

export const CONTENT_SCRIPT_ID = 'sigilo-content';

/**
 * Register the content script dynamically (not in the manifest) so that where it
 * runs can follow the policy. document_start + allFrames + matchOriginAsFallback:
 * masking starts before the first paint, in every frame including about:blank
 * and srcdoc iframes.
 */
export async function registerContentScript(matches: string[], excludeMatches: string[]): Promise<void> {
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
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}
