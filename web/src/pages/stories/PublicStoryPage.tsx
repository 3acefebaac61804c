// /vertel/{org} — the public story point: a resident tells a story without an account.
// No session is needed (the app does not ask /api/v1/me on this path) and there is no
// staff menu. Built for a phone: one column, large targets. The honeypot field
// `website` is hidden from sight and from assistive technology and is never focused;
// a 429 says to try again in an hour; after sending, a thank-you that says the story
// is read before it is used.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { ApiError, api, type PublicStoryInput, type StoryForm } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { answersBody, storyChanged, TEXT_MAX, TITLE_MAX } from '../../lib/stories';
import { useUnsavedChanges } from '../../lib/unsaved';
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
      setLoadError(err instanceof ApiError && err.status === 404 ? t('publicStory.notFound') : describeError(err, t, lang).message);
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

  const orgName = form?.organisation.name ?? '';

  return (
    <div class="wk-public-story">
      <PageHeading title={t('publicStory.title')}>{t('publicStory.title')}</PageHeading>
      {orgName ? <p class="utrecht-paragraph wk-public-story__org">{orgName}</p> : null}
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
          <button type="button" id="public-again" class="utrecht-button utrecht-button--secondary-action wk-button--large" onClick={again}>
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
                if (errors.title && v.trim()) setErrors(({ title: _, ...rest }) => rest);
              }}
              error={errors.title}
              required
              wide
              maxLength={TITLE_MAX}
            />
            <TextArea id="public-text" label={t('publicStory.field.text')} value={text} onValue={(v) => {
                setText(v);
                if (errors.text && v.trim()) setErrors(({ text: _, ...rest }) => rest);
              }}
              error={errors.text} rows={8} maxLength={TEXT_MAX} />
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
            />
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
  );
}
