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
  // Named without the count until it gets focus (where it becomes visible and is
  // announced): the count's plural needs Intl.PluralRules, whose first use in the
  // content script's world cost ≈15 ms on every page load (measured).
  button.textContent = t(lang(), 'entryPointNoCount');
  button.addEventListener('focus', () => {
    button.textContent = t(lang(), 'entryPoint', { n: count() });
  });
  button.addEventListener('click', (e) => e.isTrusted && open());
  parent.append(button);
  return { remove: () => button.remove() };
}
