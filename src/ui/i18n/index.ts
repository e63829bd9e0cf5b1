/**
 * The one i18n helper of Sigilo's extension pages (options, popup, review, in-page
 * dialogs): Brazilian Portuguese for browsers whose preferred language is any
 * Portuguese, English otherwise. Each page declares its own strings next to its
 * code with `defineMessages`, so a missing translation fails to compile.
 *
 *   const t = translator(defineMessages({ save: { pt: 'Salvar', en: 'Save' } }));
 *   t('save')
 *   t('count', { n: 3 })   // "{n} valores" -> "3 valores"
 */
export type Locale = 'pt' | 'en';
export interface Text {
  pt: string;
  en: string;
}
export type Messages = Record<string, Text>;

/** Pure: the locale for a list of BCP 47 tags in preference order (navigator.languages). */
export function localeFrom(languages: readonly string[] | undefined): Locale {
  const first = languages?.find((l) => typeof l === 'string' && l.length > 0);
  return first?.toLowerCase().startsWith('pt') ? 'pt' : 'en';
}

/** The current context's locale; works in pages, content scripts and the service worker. */
export function currentLocale(): Locale {
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  return localeFrom(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : undefined);
}

/** The HTML `lang` attribute for a locale. */
export function htmlLang(locale: Locale): string {
  return locale === 'pt' ? 'pt-BR' : 'en';
}

export function defineMessages<M extends Messages>(messages: M): M {
  return messages;
}

/** Pick one language of a bilingual text (e.g. a policy reason's label). */
export function pickText(text: Text, locale: Locale = currentLocale()): string {
  return text[locale] || text.en || text.pt;
}

export type Translate<M extends Messages> = (
  key: keyof M & string,
  vars?: Record<string, string | number>,
) => string;

export function translator<M extends Messages>(messages: M, locale: Locale = currentLocale()): Translate<M> {
  return (key, vars) => {
    const template = pickText(messages[key] as Text, locale);
    return vars
      ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : template;
  };
}
