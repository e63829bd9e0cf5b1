/**
 * Transitional: the pages' messages still being given their Spanish move to
 * src/shared/i18n (the one mechanism); until then a missing Spanish text falls
 * back to English here. New code imports src/shared/i18n directly.
 */
import { formatMessage, type Locale, type Vars } from '../../shared/i18n';

export {
  currentLocale,
  htmlLang,
  type Locale,
  localeFrom,
  pickText,
} from '../../shared/i18n';

interface LegacyText {
  pt: string;
  en: string;
  es?: string;
}

export function defineMessages<M extends Record<string, LegacyText>>(messages: M): M {
  return messages;
}

export type Translate<M extends Record<string, LegacyText>> = (key: keyof M & string, vars?: Vars) => string;

export function translator<M extends Record<string, LegacyText>>(
  messages: M,
  locale: Locale = currentLocaleNow(),
): Translate<M> {
  return (key, vars) => {
    const text = messages[key] as LegacyText;
    return formatMessage(text[locale] ?? text.en, locale, vars);
  };
}

import { currentLocale as currentLocaleNow } from '../../shared/i18n';
