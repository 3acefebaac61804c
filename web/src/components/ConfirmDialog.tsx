import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { LiveRegions } from './Notices';

interface DialogProps {
  title: string;
  /** The dialog's content: a sentence (ConfirmDialog) or form fields. */
  children: ComponentChildren;
  confirmLabel: string;
  /** The safe choice's label; default: Annuleren. */
  cancelLabel?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean | undefined;
  /** The id of the element that describes the dialog (its sentence), if any. */
  describedBy?: string | undefined;
  /** The id of the control that gets focus when the dialog opens; default: Annuleren (the safe choice). */
  initialFocus?: string | undefined;
  /** A message about the whole dialog (e.g. the server's refusal), announced. */
  error?: string | null | undefined;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape
 * cancels, and the background is inert. Its content sits in a form, so Enter in a text
 * box confirms; focus starts on the safe choice unless the dialog asks for input.
 */
export function Dialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy,
  describedBy,
  initialFocus,
  error,
}: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const first = initialFocus ? dialog.querySelector<HTMLElement>(`#${CSS.escape(initialFocus)}`) : null;
    (first ?? cancelRef.current)?.focus();
    const onClose = () => onCancel();
    dialog.addEventListener('cancel', onClose);
    return () => {
      dialog.removeEventListener('cancel', onClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <dialog ref={ref} class="wk-dialog" aria-labelledby="wk-dialog-title" aria-describedby={describedBy}>
      <h2 id="wk-dialog-title" class="utrecht-heading-2">
        {title}
      </h2>
      <form class="utrecht-form wk-form wk-dialog__form" noValidate onSubmit={onSubmit}>
        {children}
        {error !== undefined ? <LiveRegions error={error} /> : null}
        <div class="utrecht-button-group wk-button-row">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            disabled={busy}
            aria-busy={busy ? 'true' : undefined}
          >
            {confirmLabel}
          </button>
          <button
            ref={cancelRef}
            type="button"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={onCancel}
          >
            {cancelLabel ?? t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/** A yes/no question in a Dialog: one sentence, focus on Annuleren (or cancelLabel). */
export function ConfirmDialog({ text, ...rest }: ConfirmProps) {
  return (
    <Dialog {...rest} describedBy="wk-dialog-text">
      <p id="wk-dialog-text" class="utrecht-paragraph">
        {text}
      </p>
    </Dialog>
  );
}
