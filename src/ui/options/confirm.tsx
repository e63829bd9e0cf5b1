import { useEffect, useRef } from 'preact/hooks';
import { t } from './t';

/**
 * The step before a destructive action: a modal dialog (the native one, so
 * focus stays inside, the page behind is inert and Escape cancels) that says
 * what will be lost. Focus starts on "Cancel", the choice that loses nothing,
 * and goes back to the button that opened it.
 */
export function ConfirmDialog(props: {
  id: string;
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { id, title, body, confirm, onConfirm, onCancel } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    dialog?.showModal();
    cancelRef.current?.focus();
    return () => {
      // Closed before it leaves the page, so the browser's own focus restoring
      // is done before focus goes back to the opener.
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      id={id}
      class="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-body`}>{body}</p>
      <div class="actions">
        <button type="button" ref={cancelRef} class="cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
