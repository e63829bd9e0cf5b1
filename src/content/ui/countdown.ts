import { type Lang, t } from '../i18n';
import { h } from './dom';

/** The visible countdown of one reveal, with its "hide" button. */
export function showCountdown(
  parent: ShadowRoot,
  lang: Lang,
  kindLabel: string,
  until: number,
  onHide: () => void,
): { update(): void; remove(): void } {
  let container = parent.querySelector<HTMLElement>('.toasts');
  if (!container) {
    container = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    parent.append(container);
  }
  const text = h('span', {});
  const hide = h('button', { type: 'button' }, t(lang, 'hide'));
  hide.addEventListener('click', onHide);
  const toast = h('div', { class: 'toast' }, text, hide);
  container.append(toast);
  const update = () => {
    const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    text.textContent = t(lang, 'revealedFor', { kind: kindLabel, s });
  };
  update();
  return {
    update,
    remove: () => {
      toast.remove();
      if (container && container.childElementCount === 0) container.remove();
    },
  };
}
