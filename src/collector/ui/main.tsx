import '../../ui/components/components.css';
import { render } from 'preact';
import { htmlLang } from '../../shared/i18n';
import { App } from './app';
import { initialLocale } from './locale';

const locale = initialLocale();
document.documentElement.lang = htmlLang(locale);
render(<App initialLocale={locale} />, document.getElementById('app') as HTMLElement);
