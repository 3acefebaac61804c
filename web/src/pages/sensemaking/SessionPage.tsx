// /duidingssessies/{id} — one sense-making session: its details (date, facilitator,
// participants, which stories: a saved filter in words or "zelf gekozen"; quality staff
// change them with "Gegevens wijzigen" → /duidingssessies/{id}/wijzigen while the session
// is open), the stories it looks at (links to /verhalen/{id}), the themes found (quality staff add and edit
// them while the session is open, each linked to stories of the session), the actions
// agreed (quality staff add them, also after closing; the owner and quality staff move
// them on and close them) and "Sessie afsluiten" with a conclusion, confirmed in a
// dialog. A closed session is read-only except for its actions.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import {
  api,
  type Action,
  type ActionInput,
  type Colleague,
  type Me,
  type Session,
  type Signs,
  type Team,
  type Theme,
  type ThemeInput,
  type Warning,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { dateInputValue, formatDate, formatDateTime, parseDateInput, todayIso } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import { can } from '../../lib/roles';
import { loadStaffSigns } from '../../lib/signs';
import { addDays, describeFilter } from '../../lib/sensemaking';
import { valueLabel } from '../../lib/stories';
import { DataTable } from '../../components/DataTable';
import { FormPanel } from '../../components/FormPanel';
import { Dialog } from '../../components/ConfirmDialog';
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
import { LiveRegions, Loading } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { StoryWarnings } from '../stories/StoryPage';
import { ActionTable, shortText } from './Actions';
import { SessionStatusBadge } from './SessionStatusBadge';

/** The session's fields by name, for the server's warnings about their text. */
const WARNING_FIELDS: Record<string, MessageKey> = {
  title: 'sessionForm.field.title',
  notes: 'sessionForm.field.notes',
  other_participants: 'sessionForm.field.other',
  conclusion: 'session.conclusion',
  description: 'theme.field.description',
  outcome: 'action.outcome',
};

export function SessionPage({ me, id }: { me: Me; id: number }) {
  const { t, lang } = useI18n();
  const [session, setSession] = useState<Session | null>(null);
  /** Every value, also retired ones: to name what a saved filter refers to. */
  const [signs, setSigns] = useState<Signs | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState(() => takeFlash());
  const [status, setStatus] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<Warning[]>(flash?.warnings ?? []);
  const quality = can(me, 'run_sessions');

  useEffect(() => {
    api.session(id).then(setSession, (err) => setError(describeError(err, t, lang).message));
    loadStaffSigns({ every: true }).then(setSigns, () => undefined);
    api.teams().then(
      (tl) => setTeams(tl.items),
      () => undefined,
    );
    if (quality)
      api.colleagues().then(
        (cl) => setColleagues(cl.items),
        () => undefined,
      );
  }, [id]);

  const say = (message: string, w: Warning[] = []) => {
    setError(null);
    setStatus(message);
    setWarnings(w);
  };

  const heading = session ? session.title : t('session.loading');
  const open = session?.status === 'open';
  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link id="session-back" href="/duidingssessies">
          {t('session.back')}
        </Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      {session ? (
        <p class="utrecht-paragraph wk-case-meta">
          <SessionStatusBadge status={session.status} />
          <span>{formatDate(session.date, lang)}</span>
          <span>{t('session.facilitatedBy', { name: session.facilitator.name })}</span>
        </p>
      ) : null}
      <LiveRegions error={error} status={status ?? flash?.message ?? null} />
      <StoryWarnings warnings={warnings} fields={WARNING_FIELDS} title={t('session.warnings')} />
      {session === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          {!open ? (
            <p class="utrecht-paragraph wk-readonly-note" id="session-closed-note" tabIndex={-1}>
              {t('session.closedNote')}
            </p>
          ) : !quality ? (
            <p class="utrecht-paragraph wk-readonly-note">{t('session.readOnly')}</p>
          ) : null}
          <Details session={session} signs={signs} teams={teams} editable={quality && open} />
          <Stories session={session} />
          <Themes
            session={session}
            editable={quality && open}
            onSaved={(theme, created) => {
              setSession((s) =>
                s
                  ? {
                      ...s,
                      themes: created ? [...s.themes, theme] : s.themes.map((x) => (x.id === theme.id ? theme : x)),
                      theme_count: created ? s.theme_count + 1 : s.theme_count,
                    }
                  : s,
              );
              say(t(created ? 'theme.added' : 'theme.updated', { title: theme.title }), theme.warnings ?? []);
            }}
          />
          <section class="wk-section" aria-labelledby="session-actions-title">
            <h2 id="session-actions-title" class="utrecht-heading-2" tabIndex={-1}>
              {t('session.actions')}
            </h2>
            <p class="utrecht-paragraph">{t('session.actionsIntro')}</p>
            <ActionTable
              id="session-actions"
              caption={t('session.actionsCaption', { count: session.actions.length })}
              empty={t('session.noActions')}
              actions={session.actions}
              me={me}
              context="session"
              themes={session.themes}
              onSaved={(saved, message) => {
                setSession((s) => (s ? { ...s, actions: s.actions.map((a) => (a.id === saved.id ? saved : a)) } : s));
                say(message, saved.warnings ?? []);
                if (saved.status === 'done' || saved.status === 'dropped') {
                  requestAnimationFrame(() => document.getElementById('session-actions-title')?.focus());
                }
              }}
            />
            {quality ? (
              <ActionForm
                session={session}
                colleagues={colleagues}
                onSaved={(action) => {
                  setSession((s) =>
                    s
                      ? {
                          ...s,
                          actions: [...s.actions, action],
                          action_count: s.action_count + 1,
                          open_action_count: s.open_action_count + 1,
                        }
                      : s,
                  );
                  say(t('action.added', { description: shortText(action.description) }), action.warnings ?? []);
                }}
              />
            ) : null}
          </section>
          {quality && open ? (
            <CloseSession
              session={session}
              onClosed={(closed) => {
                setSession(closed);
                say(t('session.closed', { title: closed.title }), closed.warnings ?? []);
                requestAnimationFrame(() => document.getElementById('session-closed-note')?.focus());
              }}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function Details({
  session,
  signs,
  teams,
  editable,
}: {
  session: Session;
  signs: Signs | null;
  teams: Team[];
  editable: boolean;
}) {
  const { t, lang } = useI18n();
  const filterParts = describeFilter(
    session.story_filter,
    { teams, topics: signs?.topics ?? [], valuations: signs?.valuations ?? [] },
    t,
    lang,
  );
  const selection =
    session.selection === 'hand_picked'
      ? t('session.handPicked', { count: session.story_count })
      : filterParts.length
        ? t('session.filterWith', { parts: filterParts.join('; ') })
        : t('session.filterAll');
  const rows: [string, string][] = [
    [t('session.date'), formatDate(session.date, lang)],
    [t('session.facilitator'), session.facilitator.name],
    [t('session.participants'), session.participants.map((p) => p.name).join(', ') || t('common.none')],
    [t('session.otherParticipants'), session.other_participants || t('common.none')],
    [t('session.selection'), selection],
    [t('session.notes'), session.notes || t('common.none')],
  ];
  if (session.status === 'closed') {
    rows.push([t('session.conclusion'), session.conclusion || t('common.none')]);
    const when = formatDateTime(session.closed_at, lang);
    rows.push([
      t('session.closedAt'),
      session.closed_by ? t('session.closedBy', { name: session.closed_by.name, when }) : when,
    ]);
  }
  return (
    <section class="wk-section" aria-labelledby="session-details-title">
      <h2 id="session-details-title" class="utrecht-heading-2">
        {t('session.details')}
      </h2>
      <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list" id="session-details">
        {rows.map(([k, v]) => (
          <div class="utrecht-data-list__item" key={k}>
            <dt class="utrecht-data-list__item-key">{k}</dt>
            <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd wk-story-text__para">
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {editable ? (
        <p class="utrecht-paragraph">
          <Link
            id="session-edit"
            href={`/duidingssessies/${session.id}/wijzigen`}
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
          >
            {t('session.edit')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Stories({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const shown = session.stories.length;
  return (
    <section class="wk-section" aria-labelledby="session-stories-title">
      <h2 id="session-stories-title" class="utrecht-heading-2">
        {t('session.stories', { count: session.story_count })}
      </h2>
      <p class="utrecht-paragraph">
        {session.status === 'open' && session.selection === 'filter'
          ? t('session.storiesLive')
          : t('session.storiesFixed')}
        {session.story_count > shown ? ` ${t('session.storiesFirst', { shown, total: session.story_count })}` : ''}
      </p>
      <DataTable
        id="session-stories"
        tableClass="wk-session-stories"
        labelledBy="session-stories-title"
        columns={[
          { key: 'date', label: t('stories.col.date') },
          { key: 'title', label: t('stories.col.title') },
          { key: 'topic', label: t('stories.col.topic') },
          { key: 'valuation', label: t('stories.col.valuation') },
          { key: 'teller', label: t('stories.col.teller') },
        ]}
        empty={t('session.noStories')}
        rows={session.stories}
        renderRow={(s) => (
          <tr class="utrecht-table__row" key={s.id} data-story-id={s.id}>
            <td class="utrecht-table__cell wk-nowrap">
              <time dateTime={s.date}>{formatDate(s.date, lang)}</time>
            </td>
            <th scope="row" class="utrecht-table__header-cell">
              <Link href={`/verhalen/${s.id}`}>{s.title}</Link>
            </th>
            <td class="utrecht-table__cell">{valueLabel(s.topic, lang) || t('story.none')}</td>
            <td class="utrecht-table__cell">{valueLabel(s.valuation, lang) || t('story.none')}</td>
            <td class="utrecht-table__cell">{t(`teller.${s.teller_kind}` as MessageKey)}</td>
          </tr>
        )}
      />
    </section>
  );
}

function Themes({
  session,
  editable,
  onSaved,
}: {
  session: Session;
  editable: boolean;
  onSaved: (theme: Theme, created: boolean) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Theme | null>(null);
  const title = (id: number) => session.stories.find((s) => s.id === id)?.title ?? t('theme.storyN', { id });
  const focusLater = (elementId: string) => requestAnimationFrame(() => document.getElementById(elementId)?.focus());
  return (
    <section class="wk-section" aria-labelledby="session-themes-title">
      <h2 id="session-themes-title" class="utrecht-heading-2">
        {t('session.themes')}
      </h2>
      <p class="utrecht-paragraph">{t('session.themesIntro')}</p>
      {session.themes.length ? (
        <ul class="wk-cards wk-cards--list wk-themes">
          {session.themes.map((theme) => (
            <li class="wk-card wk-theme" key={theme.id} data-theme-id={theme.id}>
              <h3 class="utrecht-heading-3 wk-card__title" id={`theme-${theme.id}-title`}>
                {theme.title}
              </h3>
              {theme.description ? <p class="utrecht-paragraph wk-story-text__para">{theme.description}</p> : null}
              <p class="utrecht-paragraph wk-theme__stories-label">
                {theme.story_ids.length === 1
                  ? t('theme.storiesCountOne')
                  : theme.story_ids.length
                    ? t('theme.storiesCount', { count: theme.story_ids.length })
                    : t('theme.noStories')}
              </p>
              {theme.story_ids.length ? (
                <ul class="utrecht-unordered-list wk-plain-list" aria-labelledby={`theme-${theme.id}-title`}>
                  {theme.story_ids.map((sid) => (
                    <li class="utrecht-unordered-list__item" key={sid}>
                      <Link href={`/verhalen/${sid}`}>{title(sid)}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              {editable ? (
                <button
                  id={`theme-edit-${theme.id}`}
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action wk-button--small"
                  onClick={() => setEditing(theme)}
                >
                  {t('common.edit')}
                  <span class="wk-visually-hidden"> {theme.title}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="utrecht-paragraph">{t('session.noThemes')}</p>
      )}
      {editable && editing ? (
        <ThemeForm
          key={`edit-${editing.id}`}
          session={session}
          theme={editing}
          onCancel={() => {
            const themeId = editing.id;
            setEditing(null);
            focusLater(`theme-edit-${themeId}`);
          }}
          onSaved={(theme) => {
            setEditing(null);
            onSaved(theme, false);
            focusLater(`theme-edit-${theme.id}`);
          }}
        />
      ) : null}
      {editable && !editing ? (
        <ThemeForm key="create" session={session} theme={null} onSaved={(theme) => onSaved(theme, true)} />
      ) : null}
    </section>
  );
}

function ThemeForm({
  session,
  theme,
  onSaved,
  onCancel,
}: {
  session: Session;
  theme: Theme | null;
  onSaved: (t: Theme) => void;
  onCancel?: () => void;
}) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState(theme?.title ?? '');
  const [description, setDescription] = useState(theme?.description ?? '');
  const [storyIds, setStoryIds] = useState<number[]>(theme?.story_ids ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const p = theme ? `theme-${theme.id}` : 'theme-new';

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setErrors({ title: t('theme.titleMissing') });
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    const body: ThemeInput = { title: title.trim(), description: description.trim(), story_ids: storyIds };
    setBusy(true);
    try {
      const saved = theme ? await api.updateTheme(session.id, theme.id, body) : await api.createTheme(session.id, body);
      setErrors({});
      setError(null);
      if (!theme) {
        setTitle('');
        setDescription('');
        setStoryIds([]);
      }
      onSaved(saved);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, ['title', 'description', 'story_ids']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormPanel
      id={`${p}-panel`}
      title={theme ? t('theme.editTitle', { title: theme.title }) : t('theme.addTitle')}
      focusOnOpen={!!theme}
      error={error}
      status={null}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={theme ? t('common.save') : t('theme.add')}
      onCancel={onCancel}
    >
      <TextField
        id={`${p}-title`}
        label={t('theme.field.title')}
        value={title}
        onValue={setTitle}
        error={errors.title}
        required
        wide
        maxLength={200}
      />
      <TextArea
        id={`${p}-description`}
        label={t('theme.field.description')}
        value={description}
        onValue={setDescription}
        error={errors.description}
        rows={4}
        maxLength={10_000}
      />
      {session.stories.length ? (
        <Fieldset
          id={`${p}-story_ids`}
          legend={t('theme.field.stories')}
          description={t('theme.field.storiesHelp')}
          error={errors.story_ids}
        >
          {session.stories.map((s) => (
            <Checkbox
              key={s.id}
              id={`${p}-story-${s.id}`}
              label={s.title}
              checked={storyIds.includes(s.id)}
              onChecked={(on) => setStoryIds((ids) => (on ? [...ids, s.id] : ids.filter((x) => x !== s.id)))}
            />
          ))}
        </Fieldset>
      ) : null}
    </FormPanel>
  );
}

function ActionForm({
  session,
  colleagues,
  onSaved,
}: {
  session: Session;
  colleagues: Colleague[];
  onSaved: (a: Action) => void;
}) {
  const { t, lang } = useI18n();
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState(() => dateInputValue(addDays(todayIso(), 14)));
  const [themeId, setThemeId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (!description.trim()) local.description = t('action.descriptionMissing');
    if (!ownerId) local.owner_id = t('action.ownerMissing');
    const dueIso = parseDateInput(due);
    if (!dueIso) local.due_date = t('common.dateInvalid');
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    const body: ActionInput = { description: description.trim(), owner_id: Number(ownerId), due_date: dueIso! };
    if (themeId) body.theme_id = Number(themeId);
    setBusy(true);
    try {
      const saved = await api.createAction(session.id, body);
      setDescription('');
      setThemeId('');
      setErrors({});
      setError(null);
      onSaved(saved);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, ['description', 'owner_id', 'due_date', 'theme_id']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormPanel
      id="action-new"
      title={t('action.addTitle')}
      focusOnOpen={false}
      intro={
        session.status === 'closed' ? <p class="utrecht-paragraph wk-muted">{t('action.addAfterClose')}</p> : undefined
      }
      error={error}
      status={null}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={t('action.add')}
    >
      <TextArea
        id="action-description"
        label={t('action.field.description')}
        description={t('action.field.descriptionHelp')}
        value={description}
        onValue={setDescription}
        error={errors.description}
        rows={3}
        maxLength={10_000}
      />
      <SelectField
        id="action-owner_id"
        label={t('action.field.owner')}
        value={ownerId}
        onValue={setOwnerId}
        placeholder={t('action.chooseOwner')}
        options={colleagues.map((c) => ({ value: String(c.id), label: c.name }))}
        error={errors.owner_id}
        required
      />
      <DateField
        id="action-due_date"
        label={t('action.field.due')}
        description={t('common.dateHelp')}
        value={due}
        onValue={setDue}
        error={errors.due_date}
        required
      />
      {session.themes.length ? (
        <SelectField
          id="action-theme_id"
          label={t('action.field.theme')}
          value={themeId}
          onValue={setThemeId}
          placeholder={t('action.noTheme')}
          options={session.themes.map((x) => ({ value: String(x.id), label: x.title }))}
          error={errors.theme_id}
        />
      ) : null}
    </FormPanel>
  );
}

function CloseSession({ session, onClosed }: { session: Session; onClosed: (s: Session) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [conclusion, setConclusion] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = async () => {
    if (!conclusion.trim()) {
      setFieldError(t('session.conclusionMissing'));
      requestAnimationFrame(() => document.getElementById('session-conclusion')?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const closed = await api.closeSession(session.id, conclusion.trim());
      setOpen(false);
      onClosed(closed);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setFieldError(shown.fields.conclusion);
      setError(shown.message);
      requestAnimationFrame(() => document.getElementById('session-conclusion')?.focus());
    } finally {
      setBusy(false);
    }
  };

  const openActions = session.actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length;
  return (
    <section class="wk-panel" aria-labelledby="session-close-title">
      <h2 id="session-close-title" class="utrecht-heading-2">
        {t('session.closeTitle')}
      </h2>
      <p class="utrecht-paragraph">{t('session.closeIntro')}</p>
      <button
        ref={buttonRef}
        type="button"
        id="session-close"
        class="utrecht-button utrecht-button--primary-action"
        onClick={() => setOpen(true)}
      >
        {t('session.close')}
      </button>
      {open ? (
        <Dialog
          title={t('session.closeConfirmTitle')}
          confirmLabel={t('session.close')}
          onConfirm={() => void close()}
          onCancel={() => {
            setOpen(false);
            requestAnimationFrame(() => buttonRef.current?.focus());
          }}
          busy={busy}
          describedBy="session-close-text"
          initialFocus="session-conclusion"
          error={error}
        >
          <p id="session-close-text" class="utrecht-paragraph">
            {openActions
              ? t('session.closeConfirmTextActions', { title: session.title, count: openActions })
              : t('session.closeConfirmText', { title: session.title })}
          </p>
          <TextArea
            id="session-conclusion"
            label={t('session.conclusion')}
            description={t('session.conclusionHelp')}
            value={conclusion}
            onValue={setConclusion}
            error={fieldError}
            rows={5}
            maxLength={10_000}
          />
        </Dialog>
      ) : null}
    </section>
  );
}
