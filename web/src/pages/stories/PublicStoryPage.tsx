// /vertel/{org} — the public story point: a resident tells a story without an account.
// No session is needed (the app does not ask /api/v1/me on this path) and there is no
// staff menu. Built for a phone: one column, large targets. The band at the top shows
// the organisation's logo and name (not the product's); the form offers what the
// server sends for residents (their words, no staff-only values: no empty groups), the
// extra questions as optional text boxes, and the organisation's privacy note in its
// own section just before the send button. The honeypot field
// `website` is hidden from sight and from assistive technology and is never focused;
// a 429 says to try again in an hour; after sending, a thank-you that says the story
// is read before it is used.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { ApiError, api, type PublicStoryInput, type StoryForm } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { answersBody, storyChanged, TEXT_MAX, TITLE_MAX } from '../../lib/stories';
import { useUnsavedChanges } from '../../lib/unsaved';
import { paragraphs } from '../../lib/signs';
import { PublicLayout } from '../../components/Layout';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { TextArea, TextField, focusFirstInvalid } from '../../components/Field';
import { SignifierFields, type SignValues } from './Signifiers';

const PLACED = ['title', 'text', 'topic_id', 'valuation_id', 'archetype_ids', 'answers'];
const EMPTY: SignValues = { topicId: '', valuationId: '', archetypeIds: [], answers: {} };

export function PublicStoryPage({ org }: { org: string }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<StoryForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [website, setWebsite] = useState('');
  const [signs, setSigns] = useState<SignValues>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  // A story being written: closing or reloading the tab asks first; once sent, nothing is at stake.
  useUnsavedChanges(!sent && storyChanged({ title: '', text: '', ...EMPTY }, { title, text, ...signs }));

  useEffect(() => {
    api.storyForm(org).then(setForm, (err) => {
      setLoadError(
        err instanceof ApiError && err.status === 404 ? t('publicStory.notFound') : describeError(err, t, lang).message,
      );
    });
  }, [org]);

  useEffect(() => {
    if (sent) thanksRef.current?.focus();
  }, [sent]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!form || busy) return;
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = t('publicStory.required.title');
    if (!text.trim()) local.text = t('publicStory.required.text');
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('publicStory.fixFields'));
      focusFirstInvalid(formRef.current);
      return;
    }
    const body: PublicStoryInput = { title: title.trim(), text, website };
    if (signs.topicId) body.topic_id = Number(signs.topicId);
    if (signs.valuationId) body.valuation_id = Number(signs.valuationId);
    if (signs.archetypeIds.length) body.archetype_ids = signs.archetypeIds;
    const answers = answersBody(form.prompts, signs.answers);
    if (answers.length) body.answers = answers;
    setBusy(true);
    setError(null);
    try {
      await api.shareStory(org, body);
      setSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setErrors({});
        setError(t('publicStory.tooMany'));
      } else {
        const shown = describeError(err, t, lang);
        setErrors(shown.fields);
        setError(messageWithUnplaced(shown, PLACED));
        focusFirstInvalid(formRef.current);
      }
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setTitle('');
    setText('');
    setSigns(EMPTY);
    setErrors({});
    setError(null);
    setSent(false);
    requestAnimationFrame(() => document.getElementById('public-title')?.focus());
  };

  /** A field filled in after the check: its message goes, and the summary with the last one. */
  const fixed = (field: string) => {
    const { [field]: _, ...rest } = errors;
    setErrors(rest);
    if (!Object.keys(rest).length && error === t('publicStory.fixFields')) setError(null);
  };

  const orgName = form?.organisation.name ?? '';
  const note = form?.privacy_note?.trim() ? paragraphs(form.privacy_note) : [];

  return (
    <PublicLayout brand={<OrganisationBrand form={form} failed={loadError !== null} />}>
      <div class="wk-public-story">
        <PageHeading title={t('publicStory.title')} site={orgName || undefined}>
          {t('publicStory.title')}
        </PageHeading>
        {loadError ? (
          <LiveRegions error={loadError} />
        ) : !form ? (
          <Loading />
        ) : sent ? (
          <section class="wk-panel wk-thanks" aria-labelledby="public-thanks-title">
            <div role="status">
              <h2 id="public-thanks-title" ref={thanksRef} tabIndex={-1} class="utrecht-heading-2">
                {t('publicStory.thanks')}
              </h2>
              <p class="utrecht-paragraph">{t('publicStory.thanksText')}</p>
            </div>
            <button
              type="button"
              id="public-again"
              class="utrecht-button utrecht-button--secondary-action wk-button--large"
              onClick={again}
            >
              {t('publicStory.another')}
            </button>
          </section>
        ) : (
          <>
            <p class="utrecht-paragraph">{t('publicStory.intro', { org: orgName })}</p>
            <Alert kind="info">{t('publicStory.privacy')}</Alert>
            <LiveRegions error={error} />
            <form ref={formRef} class="utrecht-form wk-form wk-story-form" noValidate onSubmit={onSubmit}>
              <TextField
                id="public-title"
                label={t('publicStory.field.title')}
                value={title}
                onValue={(v) => {
                  setTitle(v);
                  if (errors.title && v.trim()) fixed('title');
                }}
                error={errors.title}
                required
                wide
                maxLength={TITLE_MAX}
              />
              <TextArea
                id="public-text"
                label={t('publicStory.field.text')}
                value={text}
                onValue={(v) => {
                  setText(v);
                  if (errors.text && v.trim()) fixed('text');
                }}
                error={errors.text}
                rows={8}
                maxLength={TEXT_MAX}
              />
              {form.topics.length || form.valuations.length || form.archetypes.length || form.prompts.length ? (
                <p class="utrecht-paragraph wk-muted">{t('publicStory.optional')}</p>
              ) : null}
              <SignifierFields
                prefix="public"
                topics={form.topics}
                valuations={form.valuations}
                archetypes={form.archetypes}
                prompts={form.prompts}
                values={signs}
                onChange={(patch) => setSigns((s) => ({ ...s, ...patch }))}
                errors={errors}
                required={false}
                labels={{
                  topic: t('publicStory.field.topic'),
                  valuation: t('publicStory.field.valuation'),
                  archetypes: t('publicStory.field.archetypes'),
                }}
                promptDescription={t('publicStory.notRequired')}
              />
              {note.length ? (
                <section class="wk-privacy-note" aria-labelledby="public-privacy-title">
                  <h2 id="public-privacy-title" class="utrecht-heading-3">
                    {t('publicStory.privacyTitle')}
                  </h2>
                  {note.map((lines, i) => (
                    <p class="utrecht-paragraph" key={i}>
                      {lines.map((line, j) => (j ? [<br key={j} />, line] : line))}
                    </p>
                  ))}
                </section>
              ) : null}
              {/* A honeypot for robots: people never see, hear or reach it. */}
              <div class="wk-honeypot" aria-hidden="true">
                <label for="public-website">{t('publicStory.website')}</label>
                <input
                  id="public-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onInput={(e) => setWebsite((e.currentTarget as HTMLInputElement).value)}
                />
              </div>
              <div class="utrecht-button-group wk-button-row">
                <button
                  type="submit"
                  id="public-submit"
                  class="utrecht-button utrecht-button--primary-action utrecht-button--submit wk-button--large"
                  aria-busy={busy ? 'true' : undefined}
                >
                  {busy ? t('publicStory.busy') : t('publicStory.submit')}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </PublicLayout>
  );
}

/**
 * The band's brand on the public form: the organisation's logo (if any) and name. While
 * loading it stays empty; for an unknown address it is the product's name alone.
 */
function OrganisationBrand({ form, failed }: { form: StoryForm | null; failed: boolean }) {
  const { t } = useI18n();
  const [broken, setBroken] = useState(false);
  if (!form) {
    return (
      <div class="wk-brand wk-brand--org">{failed ? <span class="wk-brand__name">{t('app.name')}</span> : null}</div>
    );
  }
  const name = form.organisation.name;
  return (
    <div class="wk-brand wk-brand--org">
      {form.logo && !broken ? (
        <span class="wk-brand__logo">
          <img src={form.logo} alt={t('publicStory.logoAlt', { org: name })} onError={() => setBroken(true)} />
        </span>
      ) : null}
      <span class="wk-brand__name wk-brand__name--org">{name}</span>
    </div>
  );
}
