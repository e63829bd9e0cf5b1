import { IntlMessageFormat } from 'intl-messageformat';

/**
 * The one message mechanism of every Sigilo surface: the content script and its
 * reveal frame, the popup, options and review pages, and the collector's UI.
 *
 * Each surface declares its strings next to its code with `defineMessages`, in
 * ICU MessageFormat (plurals, selects for grammatical gender, locale number
 * formats), in Brazilian Portuguese, English and Spanish; a missing language
 * fails to compile and test/unit/i18n-catalog.test.ts fails on a message that
 * does not parse or whose placeholders differ between languages.
 *
 *   const t = translator(defineMessages({
 *     ignored: { pt: '{n, plural, one {# valor ignorado} other {# valores ignorados}}', en: ..., es: ... },
 *   }));
 *   t('ignored', { n: 3 })   // "3 valores ignorados"
 *
 * The locale comes from the browser's languages unless the agent chose one in
 * Sigilo's settings (`setLocaleOverride`, stored under LOCALE_SETTING_KEY).
 */
/*
 * Our locales are three known tags (htmlLang), always supported: the library's own
 * resolution asks Intl for the supported subset first, and that first query cost
 * ≈15 ms in every page the content script runs in (measured at page load).
 */
IntlMessageFormat.resolveLocale = (locales) =>
  new Intl.Locale(typeof locales === 'string' ? locales : locales[0]!);

export type Locale = 'pt' | 'en' | 'es';
export const LOCALES: readonly Locale[] = ['pt', 'en', 'es'];

export interface Text {
  pt: string;
  en: string;
  es: string;
}
export type Messages = Record<string, Text>;
export type Vars = Record<string, string | number | Date>;

/** storage.local key of the agent's language choice ('auto' or a Locale). */
export const LOCALE_SETTING_KEY = 'ui.locale';
export type LocaleSetting = 'auto' | Locale;

export function isLocale(value: unknown): value is Locale {
  return value === 'pt' || value === 'en' || value === 'es';
}

/** Pure: the locale for a list of BCP 47 tags in preference order (navigator.languages). */
export function localeFrom(languages: readonly string[] | undefined): Locale {
  for (const tag of languages ?? []) {
    if (typeof tag !== 'string' || tag.length === 0) continue;
    const l = tag.toLowerCase();
    if (l.startsWith('pt')) return 'pt';
    if (l.startsWith('es')) return 'es';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

let override: Locale | null = null;
/** The browser's languages do not change while a page lives: read them once. */
let fromBrowser: Locale | null = null;

/** The agent's explicit choice ('auto' follows the browser again). */
export function setLocaleOverride(setting: unknown): void {
  override = isLocale(setting) ? setting : null;
}

/** The current context's locale; works in pages, content scripts and the service worker. */
export function currentLocale(): Locale {
  if (override) return override;
  if (fromBrowser) return fromBrowser;
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  fromBrowser = localeFrom(
    nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : undefined,
  );
  return fromBrowser;
}

/** The BCP 47 tag Intl formatters and the HTML `lang` attribute use for a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'pt' ? 'pt-BR' : locale;
}

export function defineMessages<M extends Messages>(messages: M): M {
  return messages;
}

/**
 * Text written by an admin in the policy (a reason's label): Spanish when given,
 * otherwise English, then Portuguese — whichever exists.
 */
export interface PolicyText {
  pt: string;
  en: string;
  es?: string;
}
export function pickText(text: PolicyText, locale: Locale = currentLocale()): string {
  return text[locale] || text.en || text.pt;
}

export type Translate<M extends Messages> = (key: keyof M & string, vars?: Vars) => string;

// A parsed message is reused: parsing costs far more than formatting, and the
// content script formats the same few names for every masked value.
const compiled = new Map<string, IntlMessageFormat>();

export function formatMessage(template: string, locale: Locale, vars?: Vars): string {
  const cacheKey = `${locale}\u0000${template}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(template, htmlLang(locale), undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  const out = format.format(vars);
  return typeof out === 'string' ? out : String(out);
}

export function translator<M extends Messages>(messages: M, locale: Locale = currentLocale()): Translate<M> {
  return (key, vars) => formatMessage((messages[key] as Text)[locale], locale, vars);
}

/** The time zone every screen names next to the times it shows (the viewer's own). */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A count in the locale's digits (1.234 in pt-BR, 1,234 in en). */
export function formatNumber(n: number, locale: Locale = currentLocale(), digits?: number): string {
  return new Intl.NumberFormat(
    htmlLang(locale),
    digits === undefined ? undefined : { minimumFractionDigits: digits, maximumFractionDigits: digits },
  ).format(n);
}

/** Date and time in the viewer's zone, e.g. "30/11/2026, 14:05:09". */
export function formatDateTime(at: Date | number | string, locale: Locale = currentLocale()): string {
  return new Intl.DateTimeFormat(htmlLang(locale), {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: viewerTimeZone(),
  }).format(new Date(at));
}

/** The zone's name as people read it ("horário de Brasília", "UTC"), shown once per screen. */
export function timeZoneName(locale: Locale = currentLocale(), at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat(htmlLang(locale), {
    timeZone: viewerTimeZone(),
    timeZoneName: 'long',
  }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? viewerTimeZone();
}
