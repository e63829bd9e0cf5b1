import browser from 'webextension-polyfill';
import { OPEN_MASKED_LIST_COMMAND, pushToTab } from '../shared/protocol/content-push';

/**
 * The keyboard shortcut (manifest `commands`, Alt+Shift+M by default) opens the
 * in-page list of masked values: Chromium delivers the shortcut here, not to the
 * page, so it is forwarded to the active tab's top frame as `content/list`. The
 * content script also listens for the same keys in the page, for browsers or
 * profiles where the command is unassigned.
 */
export function startMaskedListCommand(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== OPEN_MASKED_LIST_COMMAND) return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return;
      await pushToTab(
        (id, message, options) => browser.tabs.sendMessage(id, message, options ?? {}),
        tabId,
        'content/list',
        {},
        { frameId: 0 },
      ).catch(() => undefined); // no content script there (excluded site, chrome:// page)
    })();
  });
}
