import type { ListEntrySummary } from '../../shared/protocol/masked-list';
import { type Lang, t } from '../i18n';
import { h, trapFocus } from './dom';

/** One entry of the list: the same shape frames send the top frame's list (see the protocol). */
export type ListEntry = ListEntrySummary;

/** Options rendered at once: the filter narrows 3,000 values to a screenful in a few keys. */
const SHOWN = 100;

/** Lower case without accents, so "lin" finds "Linha" and "telefone" finds "Telefone". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Entries matching every word of the query; an entry with a word equal to a
 * query word ("500" = row 500) ranks before one that only contains it ("1500").
 */
export function filterEntries(
  entries: readonly ListEntry[],
  haystacks: readonly string[],
  query: string,
): number[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries.map((_, i) => i);
  const exact: number[] = [];
  const partial: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const hay = haystacks[i] ?? '';
    if (!words.every((w) => hay.includes(w))) continue;
    const tokens = hay.split(/[\s·,:()/-]+/);
    (words.every((w) => tokens.includes(w)) ? exact : partial).push(i);
  }
  return exact.concat(partial);
}

/**
 * The list of what is masked on this page, as one combobox: the agent types to
 * filter (kind, masked form, field or column, row), arrows move through the
 * matches, Enter reveals. One input and one button are its only Tab stops
 * however many values the page holds.
 */
export function openMaskedList(
  parent: ShadowRoot,
  lang: Lang,
  entries: ListEntry[],
  handlers: { choose(id: string): void; closed(): void },
): { close(): void; add(more: ListEntry[]): void } {
  const titleId = 'sigilo-list-title';
  const listId = 'sigilo-list-options';
  const hintId = 'sigilo-list-hint';
  const haystacks = entries.map((e) => fold(`${e.kindLabel} ${e.display} ${e.context}`));
  const add = (more: ListEntry[]) => {
    if (done || more.length === 0) return;
    for (const e of more) {
      entries.push(e);
      haystacks.push(fold(`${e.kindLabel} ${e.display} ${e.context}`));
    }
    const keep = active;
    render();
    setActive(keep);
  };
  const closeButton = h('button', { type: 'button' }, t(lang, 'close'));
  const input = h('input', {
    type: 'text',
    role: 'combobox',
    'aria-expanded': 'true',
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    'aria-describedby': hintId,
    'aria-label': t(lang, 'listFilter'),
    placeholder: t(lang, 'listFilterPlaceholder'),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const hint = h('p', { id: hintId, class: 'hint' }, t(lang, 'listHint'));
  const listbox = h('ul', { id: listId, role: 'listbox', class: 'list', 'aria-label': t(lang, 'listTitle') });
  const count = h('p', { class: 'count', role: 'status' });
  let matches: number[] = [];
  let active = -1;

  const optionLabel = (e: ListEntry) =>
    t(lang, e.revealed ? 'listRevealed' : 'listReveal', {
      kind: e.kindLabel,
      gender: e.gender,
      display: e.display,
    });

  const setActive = (index: number) => {
    const options = listbox.children;
    options[active]?.setAttribute('aria-selected', 'false');
    active = matches.length === 0 ? -1 : Math.max(0, Math.min(index, Math.min(matches.length, SHOWN) - 1));
    const option = options[active] as HTMLElement | undefined;
    if (!option) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  };

  const render = () => {
    matches = filterEntries(entries, haystacks, input.value);
    const options = matches.slice(0, SHOWN).map((index, position) => {
      const e = entries[index] as ListEntry;
      const option = h(
        'li',
        {
          id: `sigilo-option-${position}`,
          role: 'option',
          'aria-selected': 'false',
          'aria-disabled': e.revealed,
          'data-item': e.id,
        },
        h('span', { class: 'value' }, optionLabel(e)),
        e.context ? h('span', { class: 'context' }, e.context) : null,
      );
      option.addEventListener('click', (ev) => {
        // The list lives in an open shadow root: a page script's click must not start a reveal.
        if (ev.isTrusted) choose(position);
      });
      return option;
    });
    listbox.replaceChildren(...options);
    active = -1;
    setActive(0);
    count.textContent =
      entries.length === 0
        ? t(lang, 'listEmpty')
        : matches.length > SHOWN
          ? t(lang, 'listCountMore', { shown: SHOWN, n: matches.length })
          : t(lang, 'listCount', { n: matches.length });
  };

  const choose = (position: number) => {
    const index = matches[position];
    const e = index === undefined ? undefined : entries[index];
    if (!e || e.revealed) return;
    handlers.choose(e.id);
    close();
  };

  const dialog = h(
    'div',
    { class: 'dialog list-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t(lang, 'listTitle')),
    hint,
    input,
    count,
    listbox,
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
  closeButton.addEventListener('click', (e) => e.isTrusted && close());
  input.addEventListener('input', render);
  dialog.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.target === input && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.target === input && (e.key === 'PageDown' || e.key === 'PageUp')) {
      e.preventDefault();
      setActive(active + (e.key === 'PageDown' ? 10 : -10));
    } else if (e.target === input && e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    } else trapFocus(dialog, e);
  });
  // The page behind takes no click while the list is open (it is modal).
  backdrop.addEventListener('mousedown', (e) => {
    if (e.target === backdrop) e.preventDefault();
  });
  parent.append(backdrop);
  render();
  input.focus();
  return { close, add };
}
