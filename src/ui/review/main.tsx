import '../components/components.css';
import { render } from 'preact';
import { currentLocale, htmlLang, translator } from '../../shared/i18n';
import { loadLocaleSetting } from '../../shared/i18n/locale-setting';
import { reviewMessages } from './messages';
import { ReviewApp } from './review-app';

// The agent's language choice in Sigilo's settings wins over the browser's.
await loadLocaleSetting();
const locale = currentLocale();
document.documentElement.lang = htmlLang(locale);
document.title = translator(reviewMessages, locale)('title');
render(<ReviewApp locale={locale} />, document.getElementById('app') as HTMLElement);
