import { currentLocale, htmlLang, isLocale, type Locale, setLocaleOverride } from '../../shared/i18n';

/**
 * The console's language: the browser's unless the supervisor picked one in
 * the header, which this browser remembers (localStorage: the console has no
 * extension storage, and the choice is no secret).
 */
export const LOCALE_STORAGE_KEY = 'sigilo.console.locale';

function stored(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function initialLocale(): Locale {
  setLocaleOverride(stored());
  return currentLocale();
}

export function chooseLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or storage off: the choice lasts for this page only.
  }
  setLocaleOverride(locale);
  document.documentElement.lang = htmlLang(locale);
}

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
export const LOCALE_NAMES: { locale: Locale; name: string; lang: string }[] = [
  { locale: 'pt', name: 'Português (Brasil)', lang: 'pt-BR' },
  { locale: 'en', name: 'English', lang: 'en' },
  { locale: 'es', name: 'Español', lang: 'es' },
];
