import { type Lang, reasonLabel, t } from '../../content/i18n';
import { h, trapFocus } from '../../content/ui/dom';
import type { Reason } from '../../core/policy/types';

export interface RevealDialogInput {
  lang: Lang;
  kindLabel: string;
  display: string;
  reasons: Reason[];
  revealSeconds: number;
}

export interface RevealDialogResult {
  reasonId: string;
  reasonText: string;
}

/**
 * The reason dialog, inside the extension's own reveal frame (a page script can
 * neither script it nor read what is typed): role=dialog named by its heading,
 * radio list of reasons ("requiresText" reasons need a description), Escape
 * cancels, Tab stays inside. `submit` is awaited with the dialog still open so
 * a refusal can be shown in it.
 */
export function openRevealDialog(
  parent: HTMLElement,
  input: RevealDialogInput,
  handlers: {
    submit(result: RevealDialogResult): Promise<{ ok: true } | { ok: false; message: string }>;
    cancel(): void;
    closed(): void;
  },
): { close(): void } {
  const { lang } = input;
  const titleId = 'sigilo-dialog-title';
  const errorBox = h('p', { class: 'error', role: 'alert', hidden: true });
  const reasonInputs = input.reasons.map((r, i) =>
    h('input', {
      type: 'radio',
      name: 'sigilo-reason',
      value: r.id,
      id: `sigilo-reason-${i}`,
      required: true,
    }),
  );
  const textArea = h('textarea', { id: 'sigilo-reason-text', maxlength: 500 });
  // Required fields say so in words, not only by a mark: the reason always, its
  // description when the chosen reason asks for one.
  const textRequired = h('span', { class: 'required', hidden: true }, ` ${t(lang, 'required')}`);
  for (const [i, radio] of reasonInputs.entries())
    radio.addEventListener('change', () => {
      const needs = input.reasons[i]?.requiresText === true;
      textRequired.hidden = !needs;
      textArea.required = needs;
    });
  const confirm = h('button', { type: 'submit', class: 'primary' }, t(lang, 'confirm'));
  const cancel = h('button', { type: 'button' }, t(lang, 'cancel'));
  const form = h(
    'form',
    { novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t(lang, 'reasonLegend'), h('span', { class: 'required' }, ` ${t(lang, 'required')}`)),
      ...input.reasons.map((r, i) =>
        h('label', { class: 'reason' }, reasonInputs[i]!, reasonLabel(r.label, lang)),
      ),
    ),
    h('label', { for: 'sigilo-reason-text' }, t(lang, 'reasonText'), textRequired),
    textArea,
    errorBox,
    h('div', { class: 'actions' }, cancel, confirm),
  );
  const dialog = h(
    'div',
    { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t(lang, 'dialogTitle')),
    h('p', {}, t(lang, 'dialogIntro')),
    h('p', {}, t(lang, 'revealDuration', { s: input.revealSeconds })),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, t(lang, 'kindLabel')),
      h('dd', {}, input.kindLabel),
      h('dt', {}, t(lang, 'maskedLabel')),
      h('dd', {}, input.display),
    ),
    form,
  );
  const backdrop = h('div', { class: 'backdrop' }, dialog);
  let done = false;
  let busy = false;

  const close = () => {
    if (done) return;
    done = true;
    parent.ownerDocument.removeEventListener('keydown', onKey);
    backdrop.remove();
    handlers.closed();
  };
  const showError = (message: string) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
  };

  cancel.addEventListener('click', () => {
    if (busy) return;
    handlers.cancel();
    close();
  });
  // The whole frame document listens: Escape must close the dialog wherever focus is
  // in the frame (the frame may get focus before the dialog's first control does).
  const onKey = (e: KeyboardEvent) => {
    if (done) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (busy) return;
      handlers.cancel();
      close();
      return;
    }
    trapFocus(dialog, e);
  };
  parent.ownerDocument.addEventListener('keydown', onKey);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    const chosen = reasonInputs.find((r) => r.checked);
    const reason = input.reasons.find((r) => r.id === chosen?.value);
    if (!reason) {
      showError(t(lang, 'reasonRequired'));
      reasonInputs[0]?.focus();
      return;
    }
    const text = textArea.value.trim();
    if (reason.requiresText && text.length === 0) {
      showError(t(lang, 'reasonTextRequired', { reason: reasonLabel(reason.label, lang) }));
      textArea.focus();
      return;
    }
    busy = true;
    confirm.disabled = true;
    cancel.disabled = true;
    confirm.textContent = t(lang, 'recording');
    const outcome = await handlers.submit({ reasonId: reason.id, reasonText: text });
    if (done) return;
    if (outcome.ok) {
      close();
      return;
    }
    // Refused: nothing is shown; the agent sees why and can only close.
    busy = false;
    form.remove();
    const closeButton = h('button', { type: 'button', class: 'primary' }, t(lang, 'close'));
    closeButton.addEventListener('click', close);
    dialog.append(
      h('p', { class: 'error', role: 'alert' }, `${t(lang, 'refusedTitle')}: ${outcome.message}`),
      h('div', { class: 'actions' }, closeButton),
    );
    closeButton.focus();
  });

  parent.append(backdrop);
  (reasonInputs[0] ?? textArea).focus();
  return { close };
}
