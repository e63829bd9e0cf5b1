import { type Lang, t } from '../i18n';
import { h } from './dom';

export interface RevealPill {
  /** Follow the value (scroll, layout) and show the seconds left. */
  update(): void;
  focusHide(): void;
  /** Whether focus is on the pill (so hiding returns it to where the agent was). */
  hasFocus(): boolean;
  remove(): void;
}

const GAP = 6;

/**
 * The revealed value's own control, placed right next to it: the seconds left
 * (visible, not announced on every tick) and "Hide". It follows the value on
 * scroll and layout; when the value is off screen it waits in the corner, so
 * "Hide" is always one Tab or click away.
 */
export function showRevealPill(
  parent: ShadowRoot,
  lang: Lang,
  kind: { kind: string; gender: string },
  until: number,
  anchor: () => DOMRect | null,
  onHide: () => void,
): RevealPill {
  const seconds = h('span', { class: 'seconds', 'aria-hidden': 'true' });
  const hide = h('button', { type: 'button', 'aria-label': t(lang, 'hideKind', kind) }, t(lang, 'hide'));
  // A page script's synthetic click may not hide it either: only the agent decides.
  hide.addEventListener('click', (e) => e.isTrusted && onHide());
  const pill = h('div', { class: 'pill' }, seconds, hide);
  parent.append(pill);

  let frame = 0;
  const place = () => {
    frame = 0;
    const rect = anchor();
    const visible =
      rect &&
      rect.width + rect.height > 0 &&
      rect.bottom > 0 &&
      rect.top < innerHeight &&
      rect.right > 0 &&
      rect.left < innerWidth;
    pill.classList.toggle('docked', !visible);
    if (!visible || !rect) {
      pill.style.removeProperty('left');
      pill.style.removeProperty('top');
      return;
    }
    const width = pill.offsetWidth;
    const height = pill.offsetHeight;
    let left = rect.right + GAP;
    let top = rect.top + (rect.height - height) / 2;
    if (left + width > innerWidth - 4) {
      // No room on the right: under the value.
      left = Math.max(4, Math.min(rect.left, innerWidth - width - 4));
      top = rect.bottom + GAP;
    }
    pill.style.left = `${Math.round(left)}px`;
    pill.style.top = `${Math.round(Math.max(4, Math.min(top, innerHeight - height - 4)))}px`;
  };
  const schedule = () => {
    frame ||= requestAnimationFrame(place);
  };
  addEventListener('scroll', schedule, { capture: true, passive: true });
  addEventListener('resize', schedule, { passive: true });

  const update = () => {
    const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    seconds.textContent = `${s} s`;
    place();
  };
  update();
  return {
    update,
    focusHide: () => hide.focus(),
    hasFocus: () => parent.activeElement === hide,
    remove: () => {
      removeEventListener('scroll', schedule, { capture: true });
      removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
      pill.remove();
    },
  };
}
