import browser from 'webextension-polyfill';
import { createRouter } from '../shared/messaging';
import { registerContentScript } from './content-registration';
import { handlers } from './handlers';

// MV3: listeners are registered synchronously at top level so that an event that
// wakes the worker finds its listener; async readiness is awaited inside handlers.
browser.runtime.onMessage.addListener(createRouter(handlers));

const ready = registerContentScript(['http://*/*', 'https://*/*'], []);
browser.runtime.onInstalled.addListener(() => void ready);
