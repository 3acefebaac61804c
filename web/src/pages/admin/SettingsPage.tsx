// /beheer/instellingen — the organisation's settings (admin only): for now whether
// coaches may write knowledge-base items (`knowledge_coach_authors`; their items start
// as drafts that quality staff review and publish). GET and PATCH
// /api/v1/organisation/settings.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Me, type OrganisationSettings } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { Checkbox, Fieldset, focusFirstInvalid } from '../../components/Field';

/** The API's fields this form shows next to their control. */
const FIELDS = ['knowledge_coach_authors'] as const;

export function SettingsPage(_props: { me: Me }) {
  const { t, lang } = useI18n();
  const [settings, setSettings] = useState<OrganisationSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api.organisationSettings().then(setSettings, (err) => setLoadError(describeError(err, t, lang).message));
  }, []);

  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('settings.intro')}</p>
      <LiveRegions error={loadError} />
      {settings === null ? (
        loadError ? null : <Loading />
      ) : (
        <KnowledgeSettingsForm settings={settings} onSaved={setSettings} />
      )}
    </>
  );
}

function KnowledgeSettingsForm({ settings, onSaved }: { settings: OrganisationSettings; onSaved: (s: OrganisationSettings) => void }) {
  const { t, lang } = useI18n();
  const [coachAuthors, setCoachAuthors] = useState(settings.knowledge_coach_authors === true);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What was saved last (the message follows the language), or null for no message. */
  const [saved, setSaved] = useState<boolean | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    try {
      const answer = await api.updateOrganisationSettings({ knowledge_coach_authors: coachAuthors });
      setCoachAuthors(answer.knowledge_coach_authors === true);
      setFieldError(undefined);
      setError(null);
      setSaved(answer.knowledge_coach_authors === true);
      onSaved(answer);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setFieldError(shown.fields.knowledge_coach_authors);
      setError(messageWithUnplaced(shown, FIELDS));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormPanel
      id="settings-knowledge"
      title={t('settings.knowledge.title')}
      focusOnOpen={false}
      error={error}
      status={saved === null ? null : saved ? t('settings.savedOn') : t('settings.savedOff')}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={t('common.save')}
    >
      <Fieldset id="settings-knowledge-authors" legend={t('settings.knowledge.legend')} description={t('settings.knowledge.help')} error={fieldError}>
        <Checkbox
          id="settings-coach-authors"
          label={t('settings.knowledge.coachAuthors')}
          checked={coachAuthors}
          onChecked={(on) => {
            setCoachAuthors(on);
            setSaved(null);
          }}
          invalid={!!fieldError}
        />
      </Fieldset>
    </FormPanel>
  );
}
