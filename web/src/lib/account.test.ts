import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { ApiError } from './api';
import { passwordChangeProblems, passwordChangeShown, passwordLength } from './account';

const nl = translator('nl');
const en = translator('en');
const GOOD = 'een lange zin als wachtwoord';

describe('the browser checks a password change before sending it', () => {
  it('passes three filled boxes with a long enough new password repeated', () => {
    expect(passwordChangeProblems({ current: 'oud', next: GOOD, repeat: GOOD })).toEqual({});
    expect(passwordChangeProblems({ current: 'x', next: '123456789012', repeat: '123456789012' })).toEqual({});
  });

  it('wants every box filled', () => {
    expect(passwordChangeProblems({ current: '', next: '', repeat: '' })).toEqual({
      current_password: 'account.password.currentMissing',
      new_password: 'account.password.tooShort',
      repeat_password: 'account.password.repeatMissing',
    });
  });

  it('counts characters as the server does (12 at least)', () => {
    expect(passwordChangeProblems({ current: 'oud', next: '12345678901', repeat: '12345678901' })).toEqual({
      new_password: 'account.password.tooShort',
    });
    // Six emoji are twelve UTF-16 units but six characters.
    const emoji = '🙂🙂🙂🙂🙂🙂';
    expect(emoji.length).toBe(12);
    expect(passwordLength(emoji)).toBe(6);
    expect(passwordChangeProblems({ current: 'oud', next: emoji, repeat: emoji }).new_password).toBe(
      'account.password.tooShort',
    );
    expect(passwordLength('wachtwoordé')).toBe(11);
  });

  it('finds a repeat that differs, also by one space or capital', () => {
    expect(passwordChangeProblems({ current: 'oud', next: GOOD, repeat: `${GOOD} ` })).toEqual({
      repeat_password: 'account.password.mismatch',
    });
    expect(passwordChangeProblems({ current: 'oud', next: GOOD, repeat: GOOD.toUpperCase() })).toEqual({
      repeat_password: 'account.password.mismatch',
    });
  });

  it('does not trim: spaces are part of a password', () => {
    expect(passwordChangeProblems({ current: ' ', next: `  ${GOOD}  `, repeat: `  ${GOOD}  ` })).toEqual({});
  });
});

describe('what the form shows', () => {
  it("shows the browser's own messages at their boxes, in the language of the moment", () => {
    const local = { repeat_password: 'account.password.mismatch' } as const;
    expect(passwordChangeShown(local, null, nl, 'nl')).toEqual({
      message: 'Controleer de gemarkeerde velden.',
      fields: { repeat_password: 'De wachtwoorden zijn niet gelijk.' },
    });
    expect(passwordChangeShown(local, null, en, 'en').fields.repeat_password).toBe('The passwords are not the same.');
  });

  it('shows nothing when nothing is wrong', () => {
    expect(passwordChangeShown({}, null, nl, 'nl')).toEqual({ message: null, fields: {} });
  });

  it("puts the server's field messages at their boxes", () => {
    const wrong = new ApiError({
      status: 422,
      type: 'urn:wijkkader:problem:validation',
      title: 'De invoer is niet geldig.',
      detail: 'The input is not valid.',
      errors: [
        { field: 'current_password', title: 'Het huidige wachtwoord klopt niet.', detail: 'wrong current password' },
      ],
    });
    expect(passwordChangeShown({}, wrong, nl, 'nl')).toEqual({
      message: 'De invoer is niet geldig.',
      fields: { current_password: 'Het huidige wachtwoord klopt niet.' },
    });
    expect(passwordChangeShown({}, wrong, en, 'en').fields.current_password).toBe('wrong current password');

    const same = new ApiError({
      status: 422,
      title: 'De invoer is niet geldig.',
      errors: [
        { field: 'new_password', title: 'Kies een ander wachtwoord dan het huidige.', detail: 'must differ' },
        { field: 'something_else', title: 'Onbekend veld.', detail: 'unknown' },
      ],
    });
    expect(passwordChangeShown({}, same, nl, 'nl')).toEqual({
      message: 'De invoer is niet geldig. something_else: Onbekend veld.',
      fields: { new_password: 'Kies een ander wachtwoord dan het huidige.' },
    });
  });

  it('says how long to wait after too many wrong current passwords', () => {
    const throttled = new ApiError({ status: 429, title: 'Te veel mislukte inlogpogingen.', retryAfter: 600 });
    expect(passwordChangeShown({}, throttled, nl, 'nl')).toEqual({
      message: 'Te veel mislukte pogingen. Probeer het over 10 minuten opnieuw.',
      fields: {},
    });
  });

  it('has its own words for a server that cannot be reached', () => {
    expect(passwordChangeShown({}, new ApiError({ status: 0, type: 'network' }), nl, 'nl').message).toBe(
      nl('error.network'),
    );
  });
});
