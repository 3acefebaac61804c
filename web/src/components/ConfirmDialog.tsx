import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/**
 * A modal confirmation built on the native <dialog> element: the browser traps focus,
 * Escape cancels, and the background is inert. Focus starts on the safe choice.
 */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onCancel, busy }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    const onClose = () => onCancel();
    dialog.addEventListener('cancel', onClose);
    return () => {
      dialog.removeEventListener('cancel', onClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} class="wk-dialog" aria-labelledby="wk-dialog-title" aria-describedby="wk-dialog-text">
      <h2 id="wk-dialog-title" class="utrecht-heading-2">
        {title}
      </h2>
      <p id="wk-dialog-text" class="utrecht-paragraph">
        {text}
      </p>
      <div class="utrecht-button-group wk-button-row">
        <button
          type="button"
          class="utrecht-button utrecht-button--primary-action"
          onClick={onConfirm}
          disabled={busy}
          aria-busy={busy ? 'true' : undefined}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" class="utrecht-button utrecht-button--secondary-action" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
