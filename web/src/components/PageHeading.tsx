import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigationCount } from '../lib/router';
import { useI18n } from '../i18n/context';

interface Props {
  children: ComponentChildren;
  /** The page's title for <title>; the heading text when it is a plain string. */
  title?: string;
  /** After the title in <title>; default: the product's name (the public form: the organisation's). */
  site?: string | undefined;
}

/**
 * The page's <h1>. After a client-side navigation it receives focus, so that a screen
 * reader announces the new page and keyboard users start at its top (WCAG 2.4.3).
 */
export function PageHeading({ children, title, site }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const docTitle = title ?? (typeof children === 'string' ? children : '');

  useEffect(() => {
    const suffix = site || t('app.name');
    document.title = docTitle ? `${docTitle} — ${suffix}` : suffix;
  }, [docTitle, site, t]);

  useEffect(() => {
    if (navigationCount() > 0) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} class="utrecht-heading-1 wk-page-heading">
      {children}
    </h1>
  );
}
