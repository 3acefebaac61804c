import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { isLang, translate } from './index';

describe('message files', () => {
  it('nl and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('no message is empty', () => {
    for (const [key, text] of [...Object.entries(nl), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('both languages use the same placeholders for each key', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(names(en[key]), key).toEqual(names(nl[key]));
    }
  });
});

describe('translate', () => {
  it('fills in placeholders', () => {
    expect(translate('nl', 'start.title', { name: 'Fatima' })).toBe('Welkom, Fatima');
    expect(translate('en', 'start.title', { name: 'Fatima' })).toBe('Welcome, Fatima');
    expect(translate('nl', 'login.throttled', { minutes: 15 })).toBe(
      'Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.',
    );
  });

  it('leaves unknown placeholders alone and returns unknown keys as they are', () => {
    expect(translate('nl', 'start.title', {})).toBe('Welkom, {name}');
    expect(translate('nl', 'no.such.key' as keyof typeof nl)).toBe('no.such.key');
  });

  it('knows its languages', () => {
    expect(isLang('nl')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang(null)).toBe(false);
  });
});
