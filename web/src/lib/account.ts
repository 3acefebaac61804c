// "Mijn account": changing one's own password (PUT /api/v1/me/password). The browser
// checks what it can before anything is sent (every box filled, the new password long
// enough, the repeat the same); the server checks the current password and refuses a
// new one equal to it. What the page shows after a refusal is worked out here, so that
// it follows the language the user switches to.
import type { Lang, MessageKey, Translate } from '../i18n';
import { ApiError } from './api';
import { describeError, messageWithUnplaced, throttledText } from './errors';

/** As the server counts it: characters (code points), not bytes or UTF-16 units. */
export const MIN_PASSWORD_LENGTH = 12;

/** The form's boxes, named after the API's fields; the repeat exists only in the browser. */
export const PASSWORD_FIELDS = ['current_password', 'new_password', 'repeat_password'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

export interface PasswordChange {
  current: string;
  next: string;
  repeat: string;
}

/** Length in characters: an emoji or an accented letter is one, as on the server. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/**
 * The browser's own checks: a message key per box that is not right, none when the
 * change may be sent. The repeat is only compared when it was filled in.
 */
export function passwordChangeProblems(v: PasswordChange): Partial<Record<PasswordField, MessageKey>> {
  const out: Partial<Record<PasswordField, MessageKey>> = {};
  if (!v.current) out.current_password = 'account.password.currentMissing';
  if (passwordLength(v.next) < MIN_PASSWORD_LENGTH) out.new_password = 'account.password.tooShort';
  if (!v.repeat) out.repeat_password = 'account.password.repeatMissing';
  else if (v.repeat !== v.next) out.repeat_password = 'account.password.mismatch';
  return out;
}

export interface PasswordShown {
  /** Above the form (a live region); null when there is nothing to say there. */
  message: string | null;
  fields: Partial<Record<PasswordField, string>>;
}

/**
 * What the form shows: the browser's own problems (`local`), or the server's refusal
 * (`err`): field messages at their boxes, 429 as how long to wait, anything else as
 * one message with whatever the form has no box for.
 */
export function passwordChangeShown(
  local: Partial<Record<PasswordField, MessageKey>>,
  err: unknown,
  t: Translate,
  lang: Lang,
): PasswordShown {
  const keys = Object.entries(local) as [PasswordField, MessageKey][];
  if (keys.length) {
    const fields: Partial<Record<PasswordField, string>> = {};
    for (const [field, key] of keys) fields[field] = t(key);
    return { message: t('common.errorSummary'), fields };
  }
  if (err === null || err === undefined) return { message: null, fields: {} };
  if (err instanceof ApiError && err.status === 429) return { message: throttledText(err, t, lang), fields: {} };
  const shown = describeError(err, t, lang);
  const fields: Partial<Record<PasswordField, string>> = {};
  for (const f of PASSWORD_FIELDS) if (shown.fields[f]) fields[f] = shown.fields[f];
  return { message: messageWithUnplaced(shown, PASSWORD_FIELDS), fields };
}
