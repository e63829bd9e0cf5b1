import '../../ui/components/components.css';
import { render } from 'preact';
import { currentLocale, htmlLang } from '../../ui/i18n';
import { App } from './app';

const locale = currentLocale();
document.documentElement.lang = htmlLang(locale);
render(<App locale={locale} />, document.getElementById('app') as HTMLElement);
