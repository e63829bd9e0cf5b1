import { currentLocale, formatMessage, type Locale, type Vars } from '../../shared/i18n';
import { messages } from './messages';

/** Read at each call: the agent's language setting is applied (loadLocaleSetting) after this module loads. */
export const locale = (): Locale => currentLocale();
export function t(key: keyof typeof messages, vars?: Vars): string {
  const l = currentLocale();
  return formatMessage(messages[key][l], l, vars);
}
