import { currentLocale, translator } from '../i18n';
import { messages } from './messages';

export const locale = currentLocale();
export const t = translator(messages, locale);
