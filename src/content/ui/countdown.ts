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

/**
 * Say something once to screen readers (a polite live region that is only
 * written when there is news, never on every tick of a countdown).
 */
export function announce(parent: ShadowRoot, message: string): void {
  let region = parent.querySelector<HTMLElement>('.announcer');
  if (!region) {
    region = h('div', {
      class: 'announcer sr-only',
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    parent.append(region);
  }
  // A new text node each time: the same words twice in a row are still announced.
  region.replaceChildren(message);
}
