/**
 * The reveal frame: an extension page the content script shows over the page
 * when the agent asks to reveal a value. Being of the extension's origin, the
 * page around it can neither script it (fill a reason, press "Reveal") nor read
 * what is typed in it; it talks only to the background, which holds the value
 * (`reveal/pending`, `reveal/confirm`, `reveal/close`) and tells the content
 * script to show the value once the record is committed.
 */

import { pageLang, t } from '../../content/i18n';
import { h } from '../../content/ui/dom';
import { UI_CSS } from '../../content/ui/ui-styles';
import { htmlLang } from '../../shared/i18n';
import { loadLocaleSetting } from '../../shared/i18n/locale-setting';
import { send } from '../../shared/messaging';
import { openRevealDialog } from './dialog';

await loadLocaleSetting();
const lang = pageLang();
const token = location.hash.slice(1);
document.documentElement.lang = htmlLang(lang);
document.title = t(lang, 'frameTitle');
const style = document.createElement('style');
// The frame is transparent: the backdrop inside it dims the page behind.
style.textContent = `${UI_CSS}\nhtml, body { margin: 0; background: transparent; height: 100%; overflow: hidden; }`;
document.head.append(style);

/** Tell the content script (our parent) that the frame is done; it removes it. */
function closed(): void {
  parent.postMessage({ sigiloReveal: 'closed', token }, '*');
}

/** A message the background does not answer in this time is given up (the frame must never stay). */
const ANSWER_MS = 8000;

function withTimeout<T>(p: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ANSWER_MS))]);
}

let closing = false;
function close(cancelled: boolean): void {
  if (closing) return;
  closing = true;
  // The cancel is recorded first (the frame is removed right after the parent hears from
  // us); a background that does not answer must not leave the frame over the page.
  void withTimeout(
    send('reveal/close', { token, cancelled }).catch(() => null),
    null,
  ).finally(closed);
}

function showExpired(): void {
  const button = h('button', { type: 'button', class: 'primary' }, t(lang, 'close'));
  button.addEventListener('click', () => close(false));
  const dialog = h(
    'div',
    { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'sigilo-expired' },
    h('p', { class: 'error', id: 'sigilo-expired' }, t(lang, 'expired')),
    h('div', { class: 'actions' }, button),
  );
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close(false);
  });
  document.body.append(h('div', { class: 'backdrop' }, dialog));
  button.focus();
}

async function main(): Promise<void> {
  const pending = token
    ? await withTimeout(
        send('reveal/pending', { token }).catch(() => null),
        null,
      )
    : null;
  if (!pending) {
    showExpired();
    return;
  }
  // A dialog left open with no message for a while could outlive an idle worker, which
  // would forget the parked value: a light keep-alive while the agent is typing.
  const keepAlive = setInterval(() => void send('reveal/pending', { token }).catch(() => undefined), 20_000);
  openRevealDialog(
    document.body,
    { lang, ...pending },
    {
      submit: async ({ reasonId, reasonText }) => {
        try {
          const decision = await withTimeout(send('reveal/confirm', { token, reasonId, reasonText }), null);
          if (!decision) return { ok: false, message: t(lang, 'sendFailed') };
          if (decision.outcome === 'revealed') return { ok: true };
          return { ok: false, message: decision.message };
        } catch {
          return { ok: false, message: t(lang, 'sendFailed') };
        }
      },
      cancel: () => close(true),
      closed: () => {
        clearInterval(keepAlive);
        close(false);
      },
    },
  );
}

// The content script focuses this frame once it loaded; the dialog's first control then
// takes it (also if the dialog is built later: it focuses its control itself then).
const focusFirst = () => {
  if (document.activeElement === document.body)
    document.querySelector<HTMLElement>('input, button, textarea')?.focus();
};
window.addEventListener('focus', focusFirst);
window.addEventListener('message', (e) => {
  if (e.source === parent && (e.data as { sigiloReveal?: unknown } | null)?.sigiloReveal === 'focus')
    focusFirst();
});
void main();
