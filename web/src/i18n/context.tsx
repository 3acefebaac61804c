import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Lang, type Translate } from './index';

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({
  lang: 'nl',
  t: translator('nl'),
  setLang: () => undefined,
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
