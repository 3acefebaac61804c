// /beheer/instellingen — the organisation's settings (admin only): whether coaches may
// write knowledge-base items (`knowledge_coach_authors`; their items start as drafts
// that quality staff review and publish), and the public story form's logo and privacy
// note. GET and PATCH /api/v1/organisation/settings; the logo is PUT as the file's bytes
// and DELETEd at /api/v1/organisation/logo. What residents see when the note is empty
// (the default text, naming the organisation) comes from the public form's endpoint.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { ApiError, api, type Me, type OrganisationSettings } from '../../lib/api';
import { useSubmit } from '../../lib/hooks';
import { describeError } from '../../lib/errors';
import { LOGO_ACCEPT, PRIVACY_NOTE_MAX, logoErrorKey, paragraphs } from '../../lib/signs';
import { isChanged, useUnsavedChanges } from '../../lib/unsaved';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Checkbox, Fieldset, FileField, TextArea, focusFirstInvalid } from '../../components/Field';

/** The API's fields this form shows next to their control. */
const FIELDS = ['knowledge_coach_authors'] as const;

/** What the public form shows: whether there is a logo, and the default privacy text (known while the setting is empty). */
interface PublicView {
  hasLogo: boolean;
  defaultNote: string | null;
}

async function publicView(slug: string, settings: OrganisationSettings): Promise<PublicView> {
  try {
    const form = await api.storyForm(slug);
    return { hasLogo: !!form.logo, defaultNote: settings.public_privacy_note ? null : (form.privacy_note ?? null) };
  } catch {
    return { hasLogo: false, defaultNote: null };
  }
}

export function SettingsPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [settings, setSettings] = useState<OrganisationSettings | null>(null);
  const [view, setView] = useState<PublicView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api.organisationSettings().then(
      async (s) => {
        setView(await publicView(me.organisation.slug, s));
        setSettings(s);
      },
      (err) => setLoadError(describeError(err, t, lang).message),
    );
  }, []);

  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('settings.intro')}</p>
      <LiveRegions error={loadError} />
      {settings === null ? (
        loadError ? null : (
          <Loading />
        )
      ) : (
        <>
          <KnowledgeSettingsForm settings={settings} onSaved={setSettings} />
          <LogoPanel me={me} hasLogo={view?.hasLogo ?? false} />
          <PrivacyNoteForm
            settings={settings}
            defaultNote={view?.defaultNote ?? null}
            onSaved={async (s) => {
              setSettings(s);
              // Saved empty: residents see the default text; ask the public form what it says.
              if (!s.public_privacy_note && !view?.defaultNote) setView(await publicView(me.organisation.slug, s));
            }}
          />
        </>
      )}
    </>
  );
}

function KnowledgeSettingsForm({
  settings,
  onSaved,
}: {
  settings: OrganisationSettings;
  onSaved: (s: OrganisationSettings) => void;
}) {
  const { t } = useI18n();
  const [coachAuthors, setCoachAuthors] = useState(settings.knowledge_coach_authors === true);
  const submit = useSubmit(FIELDS);
  const fieldError = submit.errors.knowledge_coach_authors;
  /** What was saved last (the message follows the language), or null for no message. */
  const [saved, setSaved] = useState<boolean | null>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (submit.busy) return;
    setSaved(null);
    await submit.run(async () => {
      const answer = await api.updateOrganisationSettings({ knowledge_coach_authors: coachAuthors });
      setCoachAuthors(answer.knowledge_coach_authors === true);
      setSaved(answer.knowledge_coach_authors === true);
      onSaved(answer);
    });
  };

  return (
    <FormPanel
      id="settings-knowledge"
      title={t('settings.knowledge.title')}
      focusOnOpen={false}
      {...submit.panel}
      status={saved === null ? null : saved ? t('settings.savedOn') : t('settings.savedOff')}
      onSubmit={onSubmit}
      submitLabel={t('common.save')}
    >
      <Fieldset
        id="settings-knowledge-authors"
        legend={t('settings.knowledge.legend')}
        description={t('settings.knowledge.help')}
        error={fieldError}
      >
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

/** The logo at the top of the public story form: the current one, upload (replace), remove. */
function LogoPanel({ me, hasLogo: initial }: { me: Me; hasLogo: boolean }) {
  const { t, lang } = useI18n();
  const [hasLogo, setHasLogo] = useState(initial);
  /** A new logo gets a new address, so the browser shows it and not the old one. */
  const [version, setVersion] = useState(() => Date.now());
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    if (!file) {
      setFieldError(t('settings.logo.chooseFirst'));
      setError(null);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api.uploadLogo(file);
      setHasLogo(true);
      setVersion(Date.now());
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      setFieldError(undefined);
      setError(null);
      setStatus(t('settings.logo.uploaded'));
    } catch (err) {
      const key = err instanceof ApiError ? logoErrorKey(err.status) : null;
      const shown = describeError(err, t, lang);
      if (key) {
        setFieldError(t(key));
        setError(t('settings.logo.notSaved'));
      } else {
        setFieldError(undefined);
        setError(shown.message);
      }
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteLogo();
      setHasLogo(false);
      setError(null);
      setStatus(t('settings.logo.removed'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        // Already gone (another admin): say what is true now.
        setHasLogo(false);
        setStatus(t('settings.logo.removed'));
      } else {
        setStatus(null);
        setError(describeError(err, t, lang).message);
      }
    } finally {
      setBusy(false);
      setConfirming(false);
      requestAnimationFrame(() => document.getElementById('settings-logo')?.focus());
    }
  };

  return (
    <section class="wk-panel" aria-labelledby="settings-logo-title">
      <h2 id="settings-logo-title" class="utrecht-heading-2">
        {t('settings.logo.title')}
      </h2>
      <p class="utrecht-paragraph">{t('settings.public.intro')}</p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-link"
          href={`/vertel/${encodeURIComponent(me.organisation.slug)}`}
          target="_blank"
          rel="noopener"
        >
          {t('settings.public.link')}
        </a>
      </p>
      {hasLogo ? (
        <figure class="wk-logo-preview">
          <figcaption class="utrecht-paragraph">{t('settings.logo.current')}</figcaption>
          <img
            id="settings-logo-current"
            src={api.logoUrl(version)}
            alt={t('settings.logo.alt', { org: me.organisation.name })}
          />
        </figure>
      ) : (
        <p class="utrecht-paragraph wk-muted" id="settings-logo-none">
          {t('settings.logo.none')}
        </p>
      )}
      <LiveRegions error={error} status={status} />
      <form ref={formRef} class="utrecht-form wk-form" noValidate onSubmit={onSubmit}>
        <FileField
          id="settings-logo"
          label={t('settings.logo.label')}
          description={t('settings.logo.help')}
          accept={LOGO_ACCEPT}
          file={file}
          onFile={(f) => {
            setFile(f);
            setFieldError(undefined);
            setError(null);
            setStatus(null);
          }}
          error={fieldError}
          inputRef={inputRef}
        />
        <div class="utrecht-button-group wk-button-row">
          <button
            id="settings-logo-save"
            type="submit"
            class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-busy={busy ? 'true' : undefined}
          >
            {hasLogo ? t('settings.logo.replace') : t('settings.logo.upload')}
          </button>
          {hasLogo ? (
            <button
              id="settings-logo-remove"
              type="button"
              class="utrecht-button utrecht-button--secondary-action"
              onClick={() => setConfirming(true)}
            >
              {t('settings.logo.remove')}
            </button>
          ) : null}
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={t('settings.logo.removeTitle')}
          text={t('settings.logo.removeText')}
          confirmLabel={t('settings.logo.remove')}
          onConfirm={() => void remove()}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => document.getElementById('settings-logo-remove')?.focus());
          }}
          busy={busy}
        />
      ) : null}
    </section>
  );
}

/** The privacy text on the public story form; empty means the application's default, shown when known. */
function PrivacyNoteForm({
  settings,
  defaultNote,
  onSaved,
}: {
  settings: OrganisationSettings;
  defaultNote: string | null;
  onSaved: (s: OrganisationSettings) => void;
}) {
  const { t } = useI18n();
  const saved = settings.public_privacy_note ?? '';
  const [note, setNote] = useState(saved);
  const submit = useSubmit(['public_privacy_note']);
  const { setStatus } = submit;
  const fieldError = submit.errors.public_privacy_note;
  useUnsavedChanges(isChanged(saved.trim(), note.trim()));
  const empty = !note.trim();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (submit.busy) return;
    setStatus(null);
    await submit.run(async () => {
      const answer = await api.updateOrganisationSettings({ public_privacy_note: note.trim() });
      const now = answer.public_privacy_note ?? '';
      setNote(now);
      setStatus(now ? t('settings.privacy.saved') : t('settings.privacy.savedDefault'));
      onSaved(answer);
    });
  };

  return (
    <FormPanel
      id="settings-privacy"
      title={t('settings.privacy.title')}
      focusOnOpen={false}
      {...submit.panel}
      onSubmit={onSubmit}
      submitLabel={t('settings.privacy.save')}
    >
      <TextArea
        id="settings-privacy-note"
        label={t('settings.privacy.label')}
        description={t('settings.privacy.help')}
        value={note}
        onValue={(v) => {
          setNote(v);
          setStatus(null);
        }}
        error={fieldError}
        rows={7}
        maxLength={PRIVACY_NOTE_MAX}
      />
      {empty && defaultNote ? (
        <div class="wk-default-note" id="settings-privacy-default">
          <p class="utrecht-paragraph">{t('settings.privacy.defaultIntro')}</p>
          <blockquote class="wk-quote">
            {paragraphs(defaultNote).map((lines, i) => (
              <p class="utrecht-paragraph" key={i}>
                {lines.join(' ')}
              </p>
            ))}
          </blockquote>
          <button
            type="button"
            id="settings-privacy-use-default"
            class="utrecht-button utrecht-button--secondary-action wk-button--small"
            onClick={() => {
              setNote(defaultNote);
              setStatus(null);
              requestAnimationFrame(() => document.getElementById('settings-privacy-note')?.focus());
            }}
          >
            {t('settings.privacy.useDefault')}
          </button>
        </div>
      ) : null}
    </FormPanel>
  );
}
