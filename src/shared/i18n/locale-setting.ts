import browser from 'webextension-polyfill';
import { LOCALE_SETTING_KEY, type LocaleSetting, setLocaleOverride } from './index';

/**
 * The agent's language choice (options page, "Language / Idioma"), applied to
 * this context before it shows anything: every extension page and the reveal
 * frame await it once before their first render, so no screen flashes in the
 * browser's language first; the background sends it to content scripts with
 * their policy (they cannot read extension storage). A storage failure leaves
 * the browser's language.
 */
export async function loadLocaleSetting(): Promise<LocaleSetting> {
  try {
    const stored = await browser.storage.local.get(LOCALE_SETTING_KEY);
    const value = stored[LOCALE_SETTING_KEY];
    setLocaleOverride(value);
    return value === 'pt' || value === 'en' || value === 'es' ? value : 'auto';
  } catch {
    setLocaleOverride(null);
    return 'auto';
  }
}

/** Stores the choice ('auto' follows the browser again) and applies it to this context. */
export async function saveLocaleSetting(setting: LocaleSetting): Promise<void> {
  await browser.storage.local.set({ [LOCALE_SETTING_KEY]: setting });
  setLocaleOverride(setting);
}
