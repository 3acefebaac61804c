// /duidingssessies/nieuw — quality staff plan a sense-making session: title, date
// (today), facilitator (themselves), participants with an account (checkboxes) and
// others in words, the stories it looks at — a saved filter (period, team, teller,
// topic, valuation, search text; the page says how many stories it finds now) or a
// hand-picked set — and notes. After saving the session's page opens.
// /duidingssessies/{id}/wijzigen — the same form for an open session, filled in with
// what it has now ("Gegevens wijzigen" on its page); only the fields that changed are
// sent (PATCH). The server refuses a new story set that leaves out a story a theme
// links; that lands at the stories like any other field error.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import {
  api,
  type Colleague,
  type Me,
  type Session,
  type SessionInput,
  type StoryBrief,
  type Signs,
  type StoryFilterQuery,
  type Team,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { dateInputValue, parseDateInput, todayIso } from '../../lib/format';
import { setFlash } from '../../lib/flash';
import { loadStaffSigns } from '../../lib/signs';
import { navigate } from '../../lib/router';
import { isChanged, useUnsavedChanges } from '../../lib/unsaved';
import {
  checkSession,
  filterBody,
  filterCountMessage,
  filterFields,
  sessionPatch,
  type FoundCount,
  type Selection,
} from '../../lib/sensemaking';
import { EMPTY_FILTER_FIELDS, type FilterFields } from '../../lib/stories';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import {
  Checkbox,
  DateField,
  Fieldset,
  SelectField,
  TextArea,
  TextField,
  focusFirstInvalid,
} from '../../components/Field';
import { Link } from '../../components/Link';
import { Choice, ChoiceGroup } from '../stories/Signifiers';
import { StoryFilterFields } from '../stories/StoryFilterFields';
import { StoryPicker } from './StoryPicker';

/** The form's fields as the API names them (the server's errors land there). */
const PLACED = [
  'title',
  'date',
  'facilitator_id',
  'participant_ids',
  'other_participants',
  'story_filter',
  'story_ids',
  'notes',
];

interface Draft {
  title: string;
  date: string;
  facilitatorId: string;
  participantIds: number[];
  other: string;
  selection: Selection;
  filter: FilterFields;
  picked: StoryBrief[];
  notes: string;
}

/** A session as the form shows it, to change it. */
function draftOf(s: Session): Draft {
  return {
    title: s.title,
    date: dateInputValue(s.date),
    facilitatorId: String(s.facilitator.id),
    participantIds: s.participants.map((p) => p.id),
    other: s.other_participants ?? '',
    selection: s.selection,
    filter: filterFields(s.story_filter),
    picked: s.selection === 'hand_picked' ? s.stories : [],
    notes: s.notes ?? '',
  };
}

/** The draft as compared for unsaved changes: participants and picked stories as sets. */
function comparable(d: Draft) {
  const ids = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return { ...d, participantIds: ids(d.participantIds), picked: ids(d.picked.map((s) => s.id)) };
}

/** The whole form as the API takes it (a checked draft: the date reads). */
function bodyOf(d: Draft, filter: StoryFilterQuery): SessionInput {
  const body: SessionInput = {
    title: d.title.trim(),
    date: parseDateInput(d.date)!,
    facilitator_id: Number(d.facilitatorId),
    participant_ids: d.participantIds,
    other_participants: d.other.trim(),
    notes: d.notes.trim() ? d.notes : '',
  };
  if (d.selection === 'filter') body.story_filter = filter;
  else body.story_ids = d.picked.map((s) => s.id);
  return body;
}

/** The people to choose from: the colleagues, plus anyone the session names who is no longer among them. */
function peopleOf(colleagues: Colleague[], s: Session | null): Colleague[] {
  if (!s) return colleagues;
  const extra = [s.facilitator, ...s.participants].filter(
    (p, i, all) => !colleagues.some((c) => c.id === p.id) && all.findIndex((x) => x.id === p.id) === i,
  );
  return extra.length ? [...colleagues, ...extra].sort((a, b) => a.name.localeCompare(b.name, 'nl')) : colleagues;
}

/** `id` null: a new session; otherwise the open session `id`, to change it. */
export function SessionFormPage({ me, id }: { me: Me; id: number | null }) {
  const { t, lang } = useI18n();
  const editing = id !== null;
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  /** The filter's topics and valuations: those offered to staff. */
  const [signs, setSigns] = useState<Signs | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  /** The session being changed, as loaded (null while loading and for a new one). */
  const [session, setSession] = useState<Session | null>(null);
  const [blank] = useState<Draft>(() => ({
    title: '',
    date: dateInputValue(todayIso()),
    facilitatorId: String(me.id),
    participantIds: [],
    other: '',
    selection: 'filter',
    filter: { ...EMPTY_FILTER_FIELDS },
    picked: [],
    notes: '',
  }));
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [matches, setMatches] = useState<FoundCount | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    Promise.all([
      api.colleagues(),
      loadStaffSigns(),
      api.teams().catch(() => ({ items: [] as Team[] })),
      editing ? api.session(id) : Promise.resolve(null),
    ]).then(
      ([cl, f, tl, s]) => {
        setColleagues(peopleOf(cl.items, s));
        setSigns(f);
        // A retired team stays on the list when the session's filter names it.
        setTeams(
          tl.items.filter(
            (x) => x.active || (s?.story_filter?.team !== undefined && x.id === Number(s.story_filter.team)),
          ),
        );
        if (s) {
          setSession(s);
          setDraft(draftOf(s));
        }
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  // How many stories the filter finds now (a second after the last change).
  const filterKey = JSON.stringify(draft.filter);
  useEffect(() => {
    if (draft.selection !== 'filter') return;
    const { filter, bad } = filterBody(draft.filter);
    if (bad.length) {
      setMatches(null);
      return;
    }
    let stale = false;
    const timer = window.setTimeout(() => {
      api.stories({ ...filter, limit: 1 }).then(
        (page) => {
          if (!stale) setMatches({ total: page.total, total_exact: page.total_exact });
        },
        () => {
          if (!stale) setMatches(null);
        },
      );
    }, 500);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [filterKey, draft.selection]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Changed: different from the session as loaded (or from the empty form).
  useUnsavedChanges(isChanged(comparable(session ? draftOf(session) : blank), comparable(draft)));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problems = checkSession({ ...draft, storyIds: draft.picked.map((s) => s.id) });
    const local: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems))
      local[field] = t(`sessionForm.required.${problem}` as MessageKey);
    const { filter, bad } = filterBody(draft.filter);
    if (draft.selection === 'filter') for (const key of bad) local[`filter_${key}`] = t('stories.filter.badDate');
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('sessionForm.fixFields'));
      focusInvalid();
      return;
    }
    const body = bodyOf(draft, filter);
    if (session) {
      const patch = sessionPatch(bodyOf(draftOf(session), filterBody(filterFields(session.story_filter)).filter), body);
      if (!Object.keys(patch).length) {
        setFlash(t('sessionForm.unchanged'));
        // Nothing to save (participants in another order, say): nothing to ask either.
        navigate(`/duidingssessies/${session.id}`, { ask: false });
        return;
      }
      await save(() => api.updateSession(session.id, patch), 'sessionForm.updated');
      return;
    }
    if (!body.other_participants) delete body.other_participants;
    if (!body.notes) delete body.notes;
    await save(() => api.createSession(body), 'sessionForm.saved');
  };

  /** Sends the form; on success the session's page opens with the message and any warnings. */
  const save = async (send: () => Promise<Session>, message: MessageKey) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await send();
      setFlash(t(message, { title: saved.title }), saved.warnings ?? []);
      // Saved: the session's page opens without asking.
      navigate(`/duidingssessies/${saved.id}`, { ask: false });
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, PLACED));
      focusInvalid();
    } finally {
      setBusy(false);
    }
  };

  /**
   * The first field in error; for an empty hand-picked set, the search box; for an
   * error about the saved filter as a whole, its first field.
   */
  const focusInvalid = () =>
    requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (first?.id === 'session-story_ids' && !first.querySelector('input'))
        document.getElementById('session-pick-q')?.focus();
      else if (!first && document.getElementById('session-story_filter-error'))
        document.getElementById('session-filter-from')?.focus();
      else focusFirstInvalid(formRef.current);
    });

  const ready = colleagues !== null && signs !== null && (!editing || session !== null);
  const back = editing ? `/duidingssessies/${id}` : '/duidingssessies';
  const heading = !editing
    ? t('sessionForm.title')
    : session
      ? t('sessionForm.editTitle', { title: session.title })
      : t('sessionForm.editLoading');
  const closed = session !== null && session.status !== 'open';
  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href={back}>{editing ? t('sessionForm.backToSession') : t('session.back')}</Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      {closed ? null : <p class="utrecht-paragraph">{editing ? t('sessionForm.editIntro') : t('sessionForm.intro')}</p>}
      <LiveRegions error={error} />
      {!ready ? (
        error ? null : (
          <Loading />
        )
      ) : closed ? (
        <p class="utrecht-paragraph wk-readonly-note">{t('session.closedNote')}</p>
      ) : (
        <form ref={formRef} class="utrecht-form wk-form wk-session-form" noValidate onSubmit={onSubmit}>
          <TextField
            id="session-title"
            label={t('sessionForm.field.title')}
            value={draft.title}
            onValue={(title) => set({ title })}
            error={errors.title}
            required
            wide
            maxLength={200}
          />
          <DateField
            id="session-date"
            label={t('sessionForm.field.date')}
            value={draft.date}
            onValue={(date) => set({ date })}
            error={errors.date}
            required
          />
          <SelectField
            id="session-facilitator_id"
            label={t('sessionForm.field.facilitator')}
            value={draft.facilitatorId}
            onValue={(facilitatorId) => set({ facilitatorId })}
            placeholder={t('sessionForm.chooseFacilitator')}
            options={colleagues.map((c) => ({ value: String(c.id), label: c.name }))}
            error={errors.facilitator_id}
            required
          />
          <Fieldset
            id="session-participant_ids"
            legend={t('sessionForm.field.participants')}
            description={t('sessionForm.participantsHelp')}
            error={errors.participant_ids}
          >
            {colleagues.map((c) => (
              <Checkbox
                key={c.id}
                id={`session-participant-${c.id}`}
                label={c.name}
                checked={draft.participantIds.includes(c.id)}
                onChecked={(on) =>
                  set({
                    participantIds: on
                      ? [...draft.participantIds, c.id]
                      : draft.participantIds.filter((x) => x !== c.id),
                  })
                }
              />
            ))}
          </Fieldset>
          <TextField
            id="session-other_participants"
            label={t('sessionForm.field.other')}
            description={t('sessionForm.otherHelp')}
            value={draft.other}
            onValue={(other) => set({ other })}
            error={errors.other_participants}
            wide
            maxLength={500}
          />

          <ChoiceGroup
            id="session-selection"
            legend={t('sessionForm.field.selection')}
            description={t('sessionForm.selectionHelp')}
          >
            <Choice
              id="session-selection-filter"
              type="radio"
              name="session-selection"
              label={t('sessionForm.selection.filter')}
              checked={draft.selection === 'filter'}
              onChange={(on) => on && set({ selection: 'filter' })}
            />
            <Choice
              id="session-selection-hand_picked"
              type="radio"
              name="session-selection"
              label={t('sessionForm.selection.hand_picked')}
              checked={draft.selection === 'hand_picked'}
              onChange={(on) => on && set({ selection: 'hand_picked' })}
            />
          </ChoiceGroup>

          {draft.selection === 'filter' ? (
            <div class="wk-subpanel wk-session-filter">
              <h2 class="utrecht-heading-3" id="session-filter-title">
                {t('sessionForm.filterTitle')}
              </h2>
              <p class="utrecht-paragraph wk-muted">{t('sessionForm.filterHelp')}</p>
              {errors.story_filter ? (
                <p class="utrecht-paragraph wk-cell-error" id="session-story_filter-error">
                  {errors.story_filter}
                </p>
              ) : null}
              <div
                class="wk-filter"
                role="group"
                aria-labelledby="session-filter-title"
                aria-describedby={errors.story_filter ? 'session-story_filter-error' : undefined}
              >
                <StoryFilterFields
                  prefix="session-filter"
                  value={draft.filter}
                  onChange={(patch) => set({ filter: { ...draft.filter, ...patch } })}
                  errors={{ from: errors.filter_from, to: errors.filter_to }}
                  teams={teams}
                  topics={signs.topics}
                  valuations={signs.valuations}
                />
              </div>
              <p class="utrecht-paragraph wk-live" role="status" id="session-filter-count">
                {matches === null ? '' : filterCountMessage(t, lang, matches)}
              </p>
            </div>
          ) : (
            <div class="wk-subpanel">
              <h2 class="utrecht-heading-3">{t('sessionForm.pickTitle')}</h2>
              {session && session.selection === 'hand_picked' && session.story_count > session.stories.length ? (
                <p class="utrecht-paragraph wk-muted">
                  {t('sessionForm.pickedPartly', { total: session.story_count, shown: session.stories.length })}
                </p>
              ) : null}
              <StoryPicker
                picked={draft.picked}
                onChange={(picked) => {
                  set({ picked });
                  if (errors.story_ids && picked.length) setErrors(({ story_ids: _done, ...rest }) => rest);
                }}
                error={errors.story_ids}
              />
            </div>
          )}

          <TextArea
            id="session-notes"
            label={t('sessionForm.field.notes')}
            description={t('sessionForm.notesHelp')}
            value={draft.notes}
            onValue={(notes) => set({ notes })}
            error={errors.notes}
            rows={5}
            maxLength={10_000}
          />
          <div class="utrecht-button-group wk-button-row">
            <button
              type="submit"
              id="session-submit"
              class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
              aria-busy={busy ? 'true' : undefined}
            >
              {busy ? t('common.saving') : editing ? t('sessionForm.editSubmit') : t('sessionForm.submit')}
            </button>
            {editing ? (
              <Link
                id="session-cancel"
                href={back}
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
              >
                {t('common.cancel')}
              </Link>
            ) : null}
          </div>
        </form>
      )}
    </>
  );
}
