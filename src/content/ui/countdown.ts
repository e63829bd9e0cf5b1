import { type Lang, t } from '../i18n';
import { h } from './dom';

function toasts(parent: ShadowRoot): HTMLElement {
  let container = parent.querySelector<HTMLElement>('.toasts');
  if (!container) {
    container = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    parent.append(container);
  }
  return container;
}

/** A short message (why a reveal could not start), gone after a few seconds. */
export function showNotice(parent: ShadowRoot, message: string): void {
  const container = toasts(parent);
  const toast = h('div', { class: 'toast notice' }, message);
  container.append(toast);
  setTimeout(() => {
    toast.remove();
    if (container.childElementCount === 0) container.remove();
  }, 6000);
}

/** The visible countdown of one reveal, with its "hide" button. */
export function showCountdown(
  parent: ShadowRoot,
  lang: Lang,
  kind: { kind: string; gender: string },
  until: number,
  onHide: () => void,
): { update(): void; remove(): void } {
  const container = toasts(parent);
  const text = h('span', {});
  const hide = h('button', { type: 'button' }, t(lang, 'hide'));
  // A page script's synthetic click may not hide it either: only the agent decides.
  hide.addEventListener('click', (e) => e.isTrusted && onHide());
  const toast = h('div', { class: 'toast' }, text, hide);
  container.append(toast);
  const update = () => {
    const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    text.textContent = t(lang, 'revealedFor', { ...kind, s });
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
