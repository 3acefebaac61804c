// The question before leaving a page with unsaved work (lib/unsaved.ts): one dialog for
// the whole app, shown while a navigation waits for the answer. "Blijven" is the safe
// choice and has focus; after it, focus goes back to where the user was.
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { answerLeave, useLeaveQuestion } from '../lib/router';
import { ConfirmDialog } from './ConfirmDialog';

export function UnsavedDialog() {
  const { t } = useI18n();
  const asking = useLeaveQuestion();
  const before = useRef<HTMLElement | null>(null);

  if (!asking) {
    before.current = null;
    return null;
  }
  // Read while rendering, before the dialog takes focus.
  if (!before.current && document.activeElement instanceof HTMLElement) before.current = document.activeElement;
  const stay = () => {
    const back = before.current;
    answerLeave(false);
    requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
    });
  };
  return (
    <ConfirmDialog
      title={t('unsaved.title')}
      text={t('unsaved.text')}
      confirmLabel={t('unsaved.leave')}
      cancelLabel={t('unsaved.stay')}
      onConfirm={() => answerLeave(true)}
      onCancel={stay}
    />
  );
}
