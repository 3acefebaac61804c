import { en } from './en';
import { nl, type MessageKey, type Messages } from './nl';

export type { MessageKey, Messages };
export type Lang = 'nl' | 'en';
export type Params = Record<string, string | number>;
/** A bound translate function, as handed to components and helpers. */
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANGS: readonly Lang[] = ['nl', 'en'];
export const messages: Record<Lang, Messages> = { nl, en };
const STORAGE_KEY = 'wijkkader.lang';

/** The message for `key` in `lang`, with {placeholders} filled in from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // An unknown key (e.g. built from server data) comes back as itself.
  const text: string = messages[lang][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

/** The language chosen earlier in this browser; Dutch by default. */
export function loadLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // localStorage may be unavailable (privacy settings); Dutch it is.
  }
  return 'nl';
}

export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still works for this page view.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
