// Turning a failed API call into what the page shows: one message (Dutch title or
// English detail from the server, or our own fallback) and per-field messages.
import type { Lang, Translate } from '../i18n';
import { ApiError, fieldMessages, problemMessage } from './api';

export interface Shown {
  /** null when nothing needs showing (401: the app is already on its way to the log-in page). */
  message: string | null;
  fields: Record<string, string>;
}

export function describeError(err: unknown, t: Translate, lang: Lang): Shown {
  if (!(err instanceof ApiError)) return { message: t('error.generic'), fields: {} };
  if (err.status === 401) return { message: null, fields: {} };
  if (err.status === 0) return { message: t('error.network'), fields: {} };
  const fallback =
    err.status === 403 ? t('error.forbidden') : err.status === 404 ? t('error.notFound') : t('error.generic');
  return { message: problemMessage(err, lang) || fallback, fields: fieldMessages(err, lang) };
}

/**
 * The message plus any field messages the form has no place for (a field it does not
 * show), so that nothing the server said is lost: "De invoer is niet geldig.
 * password: Dit veld is verplicht."
 */
export function messageWithUnplaced(shown: Shown, placed: readonly string[]): string | null {
  const extra = Object.entries(shown.fields)
    .filter(([field]) => !placed.includes(field))
    .map(([field, msg]) => `${field}: ${msg}`);
  if (!extra.length) return shown.message;
  return [shown.message, ...extra].filter(Boolean).join(' ');
}

/**
 * What the log-in page says when log-in fails: the server's sentence for a wrong
 * e-mail or password; for throttling, how long to wait (from Retry-After).
 */
export function loginErrorText(err: unknown, t: Translate, lang: Lang): string {
  if (!(err instanceof ApiError)) return t('error.generic');
  if (err.status === 0) return t('error.network');
  if (err.status === 429) return throttledText(err, t, lang);
  if (err.status === 401) return problemMessage(err, lang) || t('login.wrong');
  return problemMessage(err, lang) || t('error.generic');
}

/**
 * A 429 after too many failed log-ins (or wrong current passwords): how long to wait,
 * in whole minutes from Retry-After; the server's sentence when it gave no wait.
 */
export function throttledText(err: ApiError, t: Translate, lang: Lang): string {
  if (err.retryAfter !== null) {
    const minutes = Math.max(1, Math.ceil(err.retryAfter / 60));
    return minutes === 1 ? t('login.throttledOne') : t('login.throttled', { minutes });
  }
  return problemMessage(err, lang) || t('login.throttled', { minutes: 15 });
}
