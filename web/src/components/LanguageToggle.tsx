import { useI18n } from '../i18n/context';

/** Switches between Dutch and English; the button names the other language in that language. */
export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      class="utrecht-button utrecht-button--subtle wk-header__button"
      lang={other}
      title={t('app.langToggleLabel')}
      onClick={() => setLang(other)}
    >
      {t('app.langToggle')}
    </button>
  );
}
