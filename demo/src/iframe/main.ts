import { IFRAME } from '../../data/pages';
import { markReady } from '../common/ready';

/**
 * An about:blank frame written by its parent: it never loads a URL, so only a
 * content script registered with matchOriginAsFallback/match_about_blank sees it.
 */
const blank = document.getElementById('frame-blank') as HTMLIFrameElement;
const doc = blank.contentDocument;
if (!doc) throw new Error('iframe.html: the about:blank frame has no document');
doc.body.style.cssText = 'font:15px system-ui,sans-serif;margin:14px;color:#1d2433';
const label = doc.createElement('p');
label.style.cssText = 'margin:0;color:#5d6778;font-size:12px';
label.textContent = 'CARTÃO EM COBRANÇA';
const value = doc.createElement('p');
value.id = 'blank-card';
value.style.cssText = 'font-weight:600;margin:4px 0 0';
value.textContent = IFRAME.blankCard;
doc.body.append(label, value);

const src = document.getElementById('frame-src') as HTMLIFrameElement;
const loaded = () => markReady();
if (src.contentDocument?.readyState === 'complete' && src.contentDocument.URL.endsWith('/frame-content.html'))
  loaded();
else src.addEventListener('load', loaded, { once: true });
