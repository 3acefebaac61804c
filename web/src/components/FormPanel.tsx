// The panel around an add or edit form: a heading that names the region (and receives
// focus when an edit form opens), the form's own live regions, the form, and its
// buttons (submit, and cancel when the form can be closed).
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { LiveRegions } from './Notices';

interface FormPanelProps {
  /** Prefix for the heading's id (`${id}-title`). */
  id: string;
  title: string;
  /** Move focus to the heading when the panel opens (an edit form, opened from a table row). */
  focusOnOpen: boolean;
  /** Between the heading and the messages, e.g. why the form cannot be used yet. */
  intro?: ComponentChildren;
  error: string | null;
  status: string | null;
  formRef: Ref<HTMLFormElement>;
  onSubmit: (e: Event) => void;
  busy: boolean;
  submitLabel: string;
  onCancel?: (() => void) | undefined;
  children: ComponentChildren;
}

export function FormPanel(p: FormPanelProps) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = `${p.id}-title`;

  useEffect(() => {
    if (p.focusOnOpen) headingRef.current?.focus();
  }, []);

  return (
    <section class="wk-panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1} class="utrecht-heading-2">
        {p.title}
      </h2>
      {p.intro}
      <LiveRegions error={p.error} status={p.status} />
      <form ref={p.formRef} class="utrecht-form wk-form" noValidate onSubmit={p.onSubmit}>
        {p.children}
        <div class="utrecht-button-group wk-button-row">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-busy={p.busy ? 'true' : undefined}
          >
            {p.busy ? t('common.saving') : p.submitLabel}
          </button>
          {p.onCancel ? (
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={p.onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
