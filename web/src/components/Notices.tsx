import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/context';

export type NoticeKind = 'ok' | 'info' | 'warning' | 'error';

/** A Utrecht alert box (no live-region role of its own; see LiveRegions). */
export function Alert({ kind, children, id }: { kind: NoticeKind; children: ComponentChildren; id?: string }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${kind} wk-alert`} id={id}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/**
 * Two regions that are always in the page, so that assistive technology announces
 * what is put in them (WCAG 4.1.3): errors assertively, other messages politely.
 */
export function LiveRegions({ error, status }: { error?: ComponentChildren; status?: ComponentChildren }) {
  return (
    <>
      <div role="alert" class="wk-live">
        {error ? <Alert kind="error">{error}</Alert> : null}
      </div>
      <div role="status" class="wk-live">
        {status ? <Alert kind="ok">{status}</Alert> : null}
      </div>
    </>
  );
}

/** Shown (and announced politely) while a page's data is on its way. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p class="utrecht-paragraph" role="status">
      {t('common.loading')}
    </p>
  );
}
