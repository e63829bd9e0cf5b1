import browser from 'webextension-polyfill';
import { LOCALE_SETTING_KEY } from '../shared/i18n';
import { loadLocaleSetting } from '../shared/i18n/locale-setting';
import { createRouter } from '../shared/messaging';
import { startContentRegistration } from './content-registration';
import { handlers } from './handlers';
import { startMaskedListCommand } from './masked-list-command';
import { restrictStorageToTrustedContexts } from './trusted-storage';
import { startUploadScheduler } from './upload-schedule';

// MV3: listeners are registered synchronously at top level so that an event that
// wakes the worker finds its listener; async readiness is awaited inside handlers.
browser.runtime.onMessage.addListener(createRouter(handlers));

// Extension storage is closed to content scripts before the content script is
// (re-)registered, so no page ever runs it while storage is still open.
const trusted = restrictStorageToTrustedContexts();

// Registration follows the effective policy (sites/excludeSites) and re-applies it to open tabs on change.
const ready = trusted.then(() => startContentRegistration());
browser.runtime.onInstalled.addListener(() => void ready);

// Reveal-log upload: alarms (periodic + retry) survive worker stops and browser restarts.
startUploadScheduler();

// Keyboard shortcut -> in-page list of masked values (content/list push).
startMaskedListCommand();

// The agent's language choice: refusals and notices the worker writes follow it (pages opened
// from now on receive it with their policy).
void loadLocaleSetting();
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && LOCALE_SETTING_KEY in changes) void loadLocaleSetting();
});
