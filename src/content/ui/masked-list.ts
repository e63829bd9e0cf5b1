import { type Lang, t } from '../i18n';
import { h, trapFocus } from './dom';

export interface ListEntry {
  id: string;
  kindLabel: string;
  gender: string;
  display: string;
  revealed: boolean;
}

/**
 * The list of what is masked on this page: a dialog with one button per value
 * (its masked form and kind), so keyboard and screen-reader users reach every
 * value, including those in fields and tooltips that cannot be clicked.
 */
export function openMaskedList(
  parent: ShadowRoot,
  lang: Lang,
  entries: ListEntry[],
  handlers: { choose(id: string): void; closed(): void },
): { close(): void } {
  const titleId = 'sigilo-list-title';
  const closeButton = h('button', { type: 'button' }, t(lang, 'close'));
  const list =
    entries.length === 0
      ? h('p', {}, t(lang, 'listEmpty'))
      : h(
          'ul',
          { class: 'list' },
          ...entries.map((e) => {
            const label = t(lang, e.revealed ? 'listRevealed' : 'listReveal', {
              kind: e.kindLabel,
              gender: e.gender,
              display: e.display,
            });
            const button = h('button', { type: 'button', 'data-item': e.id, disabled: e.revealed }, label);
            button.addEventListener('click', (ev) => {
              // The list lives in an open shadow root: a page script's click must not start a reveal.
              if (!ev.isTrusted) return;
              handlers.choose(e.id);
              close();
            });
            return h('li', {}, button);
          }),
        );
  const dialog = h(
    'div',
    { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t(lang, 'listTitle')),
    list,
    h('div', { class: 'actions' }, closeButton),
  );
  const backdrop = h('div', { class: 'backdrop' }, dialog);
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    backdrop.remove();
    handlers.closed();
  };
  closeButton.addEventListener('click', close);
  dialog.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    trapFocus(dialog, e);
  });
  parent.append(backdrop);
  const first = dialog.querySelector<HTMLButtonElement>('ul.list button:not([disabled])') ?? closeButton;
  first.focus();
  return { close };
}
