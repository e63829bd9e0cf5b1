import { LOCALE_SETTING_KEY, type LocaleSetting, setLocaleOverride } from './index';

/**
 * Apply the agent's language choice from Sigilo's settings (storage.local),
 * before a surface renders its first string. 'auto' when unset or unreadable:
 * the browser's language then decides.
 */
export async function loadLocaleSetting(): Promise<LocaleSetting> {
  let setting: LocaleSetting = 'auto';
  try {
    const got = await globalThis.chrome?.storage?.local.get(LOCALE_SETTING_KEY);
    const value = got?.[LOCALE_SETTING_KEY];
    if (value === 'pt' || value === 'en' || value === 'es') setting = value;
  } catch {
    // No storage here (a page's context after an update): the browser's language.
  }
  setLocaleOverride(setting);
  return setting;
}
