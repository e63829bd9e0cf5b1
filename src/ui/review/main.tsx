import '../components/components.css';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import {
  currentLocale,
  htmlLang,
  LOCALE_SETTING_KEY,
  setLocaleOverride,
  translator,
} from '../../shared/i18n';
import { reviewMessages } from './messages';
import { ReviewApp } from './review-app';

function start() {
  const locale = currentLocale();
  document.documentElement.lang = htmlLang(locale);
  document.title = translator(reviewMessages, locale)('title');
  render(<ReviewApp locale={locale} />, document.getElementById('app') as HTMLElement);
}

// The agent's language choice in Sigilo's settings wins over the browser's.
browser.storage.local.get(LOCALE_SETTING_KEY).then(
  (stored) => {
    setLocaleOverride(stored[LOCALE_SETTING_KEY]);
    start();
  },
  () => start(),
);
