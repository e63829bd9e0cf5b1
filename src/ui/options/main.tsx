import { render } from 'preact';
import { htmlLang } from '../i18n';
import { App } from './app';
import './options.css';
import { locale, t } from './t';

document.documentElement.lang = htmlLang(locale);
document.title = t('title');
const root = document.getElementById('app');
if (root) render(<App />, root);
