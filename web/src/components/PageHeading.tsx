import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigationCount } from '../lib/router';
import { useI18n } from '../i18n/context';

interface Props {
  children: ComponentChildren;
  /** The page's title for <title>; the heading text when it is a plain string. */
  title?: string;
}

/**
 * The page's <h1>. After a client-side navigation it receives focus, so that a screen
 * reader announces the new page and keyboard users start at its top (WCAG 2.4.3).
 */
export function PageHeading({ children, title }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const docTitle = title ?? (typeof children === 'string' ? children : '');

  useEffect(() => {
    document.title = docTitle ? `${docTitle} — ${t('app.name')}` : t('app.name');
  }, [docTitle, t]);

  useEffect(() => {
    if (navigationCount() > 0) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} class="utrecht-heading-1 wk-page-heading">
      {children}
    </h1>
  );
}
