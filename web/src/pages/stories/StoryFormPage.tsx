// /verhalen/nieuw — "Deel een verhaal": a staff member shares a story in half a minute.
// One column, large targets: title, story, date (today), teller kind, team (own teams
// first), topic, valuation scale, archetypes, extra prompts, and "Onderteken met mijn
// naam" (off: the story keeps no name). After saving the story page opens with the
// server's warnings (an e-mail address or phone number); a BSN is refused at its field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, TELLER_KINDS, type Me, type Signs, type StoryInput, type Team, type TellerKind } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { dateInputValue, parseDateInput, todayIso } from '../../lib/format';
import { setFlash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { loadStaffSigns } from '../../lib/signs';
import { useUnsavedChanges } from '../../lib/unsaved';
import {
  answersBody,
  checkDraft,
  ownTeamsFirst,
  storyChanged,
  TEXT_MAX,
  TITLE_MAX,
  type StoryDraft,
} from '../../lib/stories';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { Checkbox, DateField, SelectField, TextArea, TextField, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { Choice, ChoiceGroup, SignifierFields } from './Signifiers';

/** The form's fields as the API names them (errors from the server land there). */
const PLACED = [
  'title',
  'text',
  'date',
  'teller_kind',
  'team_id',
  'topic_id',
  'valuation_id',
  'archetype_ids',
  'answers',
  'signed',
];

function emptyDraft(me: Me, teams: Team[]): StoryDraft {
  const own = teams.filter((x) => me.teams.some((m) => m.id === x.id));
  return {
    title: '',
    text: '',
    date: dateInputValue(todayIso()),
    tellerKind: 'medewerker',
    teamId: own.length === 1 ? String(own[0]!.id) : '',
    topicId: '',
    valuationId: '',
    archetypeIds: [],
    answers: {},
    signed: false,
  };
}

export function StoryFormPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  /** The values offered to staff (not those for residents only). */
  const [form, setForm] = useState<Signs | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [draft, setDraft] = useState<StoryDraft | null>(null);
  /** The form as it opened: what counts as no change. */
  const [blank, setBlank] = useState<StoryDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    Promise.all([loadStaffSigns(), api.teams().catch(() => ({ items: [] as Team[] }))]).then(
      ([f, tl]) => {
        const active = ownTeamsFirst(
          tl.items.filter((x) => x.active),
          me.teams,
        );
        setForm(f);
        setTeams(active);
        const empty = emptyDraft(me, active);
        setBlank(empty);
        setDraft(empty);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const set = (patch: Partial<StoryDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  useUnsavedChanges(blank !== null && draft !== null && storyChanged(blank, draft));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!draft || !form || busy) return;
    const problems = checkDraft(draft, todayIso());
    const local: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems))
      local[field] = t(`storyForm.required.${problem}` as MessageKey);
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('storyForm.fixFields'));
      focusFirstInvalid(formRef.current);
      return;
    }
    const body: StoryInput = {
      title: draft.title.trim(),
      text: draft.text,
      date: parseDateInput(draft.date)!,
      teller_kind: draft.tellerKind,
      topic_id: Number(draft.topicId),
      valuation_id: Number(draft.valuationId),
      archetype_ids: draft.archetypeIds,
      signed: draft.signed,
    };
    if (draft.teamId) body.team_id = Number(draft.teamId);
    const answers = answersBody(form.prompts, draft.answers);
    if (answers.length) body.answers = answers;
    setBusy(true);
    setError(null);
    try {
      const story = await api.createStory(body);
      setFlash(t('storyForm.saved', { title: story.title }), story.warnings ?? []);
      // Saved: the story's page opens without asking.
      navigate(`/verhalen/${story.id}`, { ask: false });
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, PLACED));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/verhalen">{t('story.back')}</Link>
      </p>
      <PageHeading>{t('storyForm.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('storyForm.intro')}</p>
      <LiveRegions error={error} />
      {!draft || !form ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <form ref={formRef} class="utrecht-form wk-form wk-story-form" noValidate onSubmit={onSubmit}>
          <TextField
            id="story-title"
            label={t('storyForm.field.title')}
            value={draft.title}
            onValue={(title) => set({ title })}
            error={errors.title}
            required
            wide
            maxLength={TITLE_MAX}
          />
          <TextArea
            id="story-text"
            label={t('storyForm.field.text')}
            description={t('storyForm.textHelp')}
            value={draft.text}
            onValue={(text) => set({ text })}
            error={errors.text}
            rows={7}
            maxLength={TEXT_MAX}
          />
          <DateField
            id="story-date"
            label={t('storyForm.field.date')}
            value={draft.date}
            onValue={(date) => set({ date })}
            error={errors.date}
            required
          />
          <ChoiceGroup id="story-teller_kind" legend={t('storyForm.field.teller')} error={errors.teller_kind} required>
            {TELLER_KINDS.map((k) => (
              <Choice
                key={k}
                id={`story-teller-${k}`}
                type="radio"
                name="story-teller"
                label={t(`teller.${k}` as MessageKey)}
                checked={draft.tellerKind === k}
                onChange={(on) => on && set({ tellerKind: k as TellerKind })}
              />
            ))}
          </ChoiceGroup>
          <SelectField
            id="story-team_id"
            label={t('storyForm.field.team')}
            value={draft.teamId}
            onValue={(teamId) => set({ teamId })}
            placeholder={t('storyForm.noTeam')}
            options={teams.map((x) => ({ value: String(x.id), label: x.name }))}
            error={errors.team_id}
          />
          <SignifierFields
            prefix="story"
            topics={form.topics}
            valuations={form.valuations}
            archetypes={form.archetypes}
            prompts={form.prompts}
            values={draft}
            onChange={set}
            errors={errors}
            required
            labels={{
              topic: t('storyForm.field.topic'),
              valuation: t('storyForm.field.valuation'),
              archetypes: t('storyForm.field.archetypes'),
            }}
          />
          <div class="wk-sign">
            <Checkbox
              id="story-signed"
              label={t('storyForm.signed')}
              checked={draft.signed}
              onChecked={(signed) => set({ signed })}
              describedBy="story-signed-help"
            />
            <p id="story-signed-help" class="utrecht-paragraph wk-muted wk-sign__help">
              {t('storyForm.signedHelp')}
            </p>
          </div>
          <div class="utrecht-button-group wk-button-row">
            <button
              type="submit"
              id="story-submit"
              class="utrecht-button utrecht-button--primary-action utrecht-button--submit wk-button--large"
              aria-busy={busy ? 'true' : undefined}
            >
              {busy ? t('common.saving') : t('storyForm.submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
