import { type Lang, t } from '../i18n';
import { h } from './dom';

/**
 * The one Tab stop Sigilo adds to a page: after the page's own controls, a
 * button (visible while focused) that names how many values are protected and
 * opens their list, so keyboard users find the list without knowing the shortcut.
 */
export function mountListEntry(
  parent: ShadowRoot,
  lang: () => Lang,
  count: () => number,
  open: () => void,
): { remove(): void } {
  const button = h('button', { type: 'button', class: 'entry' });
  const label = () => {
    button.textContent = t(lang(), 'entryPoint', { n: count() });
  };
  label();
  button.addEventListener('focus', label);
  button.addEventListener('click', (e) => e.isTrusted && open());
  parent.append(button);
  return { remove: () => button.remove() };
}
