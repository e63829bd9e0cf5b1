import { render } from 'preact';
import { htmlLang } from '../../shared/i18n';
import { loadLocaleSetting } from '../../shared/i18n/locale-setting';
import { App } from './app';
import './options.css';
import { locale, t } from './t';

const setting = await loadLocaleSetting();
document.documentElement.lang = htmlLang(locale());
document.title = t('title');
const root = document.getElementById('app');
if (root) render(<App localeSetting={setting} />, root);
