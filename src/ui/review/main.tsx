import '../components/components.css';
import { render } from 'preact';
import { currentLocale, htmlLang, translator } from '../i18n';
import { reviewMessages } from './messages';
import { ReviewApp } from './review-app';

const locale = currentLocale();
document.documentElement.lang = htmlLang(locale);
document.title = translator(reviewMessages, locale)('title');
render(<ReviewApp locale={locale} />, document.getElementById('app') as HTMLElement);
