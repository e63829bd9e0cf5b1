import { render } from 'preact';
import { htmlLang } from '../i18n';
import { App } from './app';
import './popup.css';
import { locale } from './t';

document.documentElement.lang = htmlLang(locale);
const root = document.getElementById('app');
if (root) render(<App />, root);
