import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { ApiError } from './api';
import { describeError, loginErrorText, messageWithUnplaced, throttledText } from './errors';

const nl = translator('nl');
const en = translator('en');

describe('describeError', () => {
  it('uses the server title and field messages', () => {
    const err = new ApiError({
      status: 409,
      title: 'Dit e-mailadres is al in gebruik.',
      detail: 'taken',
      errors: [{ field: 'email', title: 'Al in gebruik.', detail: 'taken' }],
    });
    expect(describeError(err, nl, 'nl')).toEqual({
      message: 'Dit e-mailadres is al in gebruik.',
      fields: { email: 'Al in gebruik.' },
    });
  });

  it('has own words when the server gave none', () => {
    expect(describeError(new ApiError({ status: 0, type: 'network' }), nl, 'nl').message).toBe(nl('error.network'));
    expect(describeError(new ApiError({ status: 403 }), nl, 'nl').message).toBe(nl('error.forbidden'));
    expect(describeError(new ApiError({ status: 404 }), nl, 'nl').message).toBe(nl('error.notFound'));
    expect(describeError(new ApiError({ status: 500 }), nl, 'nl').message).toBe(nl('error.generic'));
    expect(describeError(new TypeError('x'), nl, 'nl').message).toBe(nl('error.generic'));
  });

  it('shows nothing for 401 (the app goes to the log-in page)', () => {
    expect(describeError(new ApiError({ status: 401, title: 'Niet ingelogd.' }), nl, 'nl').message).toBeNull();
  });
});

describe('messageWithUnplaced', () => {
  it('adds field messages the form cannot show next to a field', () => {
    const shown = {
      message: 'De invoer is niet geldig.',
      fields: { name: 'Vul een naam in.', password: 'Dit veld is verplicht.' },
    };
    expect(messageWithUnplaced(shown, ['name'])).toBe('De invoer is niet geldig. password: Dit veld is verplicht.');
    expect(messageWithUnplaced(shown, ['name', 'password'])).toBe('De invoer is niet geldig.');
  });
});

describe('loginErrorText', () => {
  const wrong = new ApiError({
    status: 401,
    title: 'Het e-mailadres of het wachtwoord klopt niet.',
    detail: 'Wrong e-mail or password.',
  });

  it('shows the server sentence for a wrong password, per language', () => {
    expect(loginErrorText(wrong, nl, 'nl')).toBe('Het e-mailadres of het wachtwoord klopt niet.');
    expect(loginErrorText(wrong, en, 'en')).toBe('Wrong e-mail or password.');
    expect(loginErrorText(new ApiError({ status: 401 }), nl, 'nl')).toBe(nl('login.wrong'));
  });

  it('says how long to wait when throttled', () => {
    const throttled = (s: number | null) => new ApiError({ status: 429, title: 'Te veel pogingen.', retryAfter: s });
    expect(loginErrorText(throttled(840), nl, 'nl')).toBe(
      'Te veel mislukte pogingen. Probeer het over 14 minuten opnieuw.',
    );
    expect(loginErrorText(throttled(30), nl, 'nl')).toBe(
      'Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.',
    );
    expect(loginErrorText(throttled(120), en, 'en')).toBe('Too many failed attempts. Try again in 2 minutes.');
    expect(loginErrorText(throttled(null), nl, 'nl')).toBe('Te veel pogingen.');
  });

  it('explains network trouble', () => {
    expect(loginErrorText(new ApiError({ status: 0, type: 'network' }), nl, 'nl')).toBe(nl('error.network'));
  });
});

describe('throttledText', () => {
  it('says the wait in whole minutes, at least one; the server sentence without Retry-After', () => {
    const throttled = (s: number | null) =>
      new ApiError({ status: 429, title: 'Te veel pogingen.', detail: 'Too many attempts.', retryAfter: s });
    expect(throttledText(throttled(900), nl, 'nl')).toBe(
      'Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.',
    );
    expect(throttledText(throttled(61), nl, 'nl')).toBe(
      'Te veel mislukte pogingen. Probeer het over 2 minuten opnieuw.',
    );
    expect(throttledText(throttled(0), nl, 'nl')).toBe('Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.');
    expect(throttledText(throttled(null), en, 'en')).toBe('Too many attempts.');
    expect(throttledText(new ApiError({ status: 429 }), nl, 'nl')).toBe(
      'Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.',
    );
  });
});
