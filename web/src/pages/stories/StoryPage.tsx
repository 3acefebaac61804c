// /verhalen/{id} — one story to read: its details, the text, the answers to the extra
// prompts; for quality staff and a story still to review, "Accepteren" and "Afwijzen"
// (a reason is required; rejecting asks for confirmation in a dialog); for quality staff
// and a published story, "Maak best practice" (a dialog: title, summary, optionally the
// session that looked at it). A story that is a best practice says so with a link
// (the API answers that through `GET /api/v1/best-practices?story={id}`).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import {
  api,
  type BestPractice,
  type Me,
  type PersonalDataFlag,
  type Redaction,
  type SessionSummary,
  type Story,
  type Warning,
} from '../../lib/api';
import { blackOut, segments } from '../../lib/redaction';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { setFlash, takeFlash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { can } from '../../lib/roles';
import { valueLabel } from '../../lib/stories';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { Checkbox, Fieldset, SelectField, TextArea, TextField, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { ConfirmDialog, Dialog } from '../../components/ConfirmDialog';

const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'storyForm.field.title',
  text: 'storyForm.field.text',
  answers: 'story.answers',
};

/**
 * The server's warnings about the saved text (an e-mail address, a phone number), each
 * with the name of its field (`fields`: API field → label; a story's fields by default).
 */
export function StoryWarnings({
  warnings,
  fields = FIELD_KEYS,
  title,
}: {
  warnings: Warning[];
  fields?: Record<string, MessageKey>;
  /** The sentence above the list; default: the story was saved, but … */
  title?: string;
}) {
  const { t, lang } = useI18n();
  const label = (f: string) => {
    const base = /^[^.[\]]+/.exec(f)?.[0] ?? f;
    return fields[base] ? t(fields[base]!) : f;
  };
  return (
    <div role="status" class="wk-live">
      {warnings.length ? (
        <Alert kind="warning">
          <p class="wk-alert__title">{title ?? t('storyForm.warnings')}</p>
          <ul class="wk-warning-list">
            {warnings.map((w, i) => (
              <li key={i}>
                {label(w.field)}: {lang === 'nl' ? w.title || w.detail : w.detail || w.title}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}

export function StoryPage({ me, id }: { me: Me; id: number }) {
  const { t, lang } = useI18n();
  const [story, setStory] = useState<Story | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState(() => takeFlash());
  const [status, setStatus] = useState<string | null>(null);
  /** The best practice made of this story (`GET /api/v1/best-practices?story=`); undefined while unknown. */
  const [bestPractice, setBestPractice] = useState<BestPractice | null | undefined>(undefined);

  useEffect(() => {
    api.story(id).then(setStory, (err) => setError(describeError(err, t, lang).message));
    api.bestPractices({ story: id, limit: 1 }).then(
      (page) => setBestPractice(page.items[0] ?? null),
      () => setBestPractice(undefined),
    );
  }, [id]);

  const fromQueue = story?.status === 'pending';
  const heading = story ? story.title : t('story.loading');
  const rows: [string, string][] = story
    ? [
        [t('story.date'), formatDate(story.date, lang)],
        [t('story.teller'), t(`teller.${story.teller_kind}` as MessageKey)],
        [t('story.team'), story.team?.name ?? t('stories.noTeam')],
        [t('story.topic'), valueLabel(story.topic, lang) || t('story.none')],
        [t('story.valuation'), valueLabel(story.valuation, lang) || t('story.none')],
        [t('story.archetypes'), story.archetypes.map((a) => valueLabel(a, lang)).join(', ') || t('story.none')],
        [t('story.signedBy'), story.signed_by?.name ?? t('story.unsigned')],
        [t('story.source'), t(`story.source.${story.source}` as MessageKey)],
        [t('story.status'), t(`story.status.${story.status}` as MessageKey)],
      ]
    : [];

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link id="stories-back" href={fromQueue ? '/verhalen?status=pending' : '/verhalen'}>
          {fromQueue ? t('story.backQueue') : t('story.back')}
        </Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      {story && bestPractice ? (
        <p class="utrecht-paragraph wk-case-meta" id="story-best-practice">
          <span class="utrecht-status-badge wk-badge wk-badge--best-practice">{t('bestPractice.badge')}</span>
          <Link href="/best-practices">{t('bestPractice.viewAll')}</Link>
        </p>
      ) : null}
      <LiveRegions error={error} status={status ?? flash?.message ?? null} />
      <StoryWarnings warnings={flash?.warnings ?? []} />
      {story === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <section class="wk-section" aria-labelledby="story-text-title">
            <h2 id="story-text-title" class="utrecht-heading-2">
              {t('story.text')}
            </h2>
            <div class="wk-story-text">
              {story.text.split(/\r?\n\s*\r?\n/).map((para, i) => (
                <p key={i} class="utrecht-paragraph wk-story-text__para">
                  <Marked text={para} passages={flaggedIn(story, 'text')} />
                </p>
              ))}
            </div>
          </section>
          {story.answers.length ? (
            <section class="wk-section" aria-labelledby="story-answers-title">
              <h2 id="story-answers-title" class="utrecht-heading-2">
                {t('story.answers')}
              </h2>
              <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list">
                {story.answers.map((a, i) => (
                  <div class="utrecht-data-list__item" key={a.prompt.id}>
                    <dt class="utrecht-data-list__item-key">{valueLabel(a.prompt, lang)}</dt>
                    <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd wk-story-text__para">
                      <Marked text={a.text} passages={flaggedIn(story, `answers[${i}].text`)} />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          <section class="wk-section" aria-labelledby="story-details-title">
            <h2 id="story-details-title" class="utrecht-heading-2">
              {t('story.details')}
            </h2>
            <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list">
              {rows.map(([k, v]) => (
                <div class="utrecht-data-list__item" key={k}>
                  <dt class="utrecht-data-list__item-key">{k}</dt>
                  <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{v}</dd>
                </div>
              ))}
              {story.moderation ? (
                <div class="utrecht-data-list__item">
                  <dt class="utrecht-data-list__item-key">{t('story.decision')}</dt>
                  <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
                    {decisionText(story, t, lang)}
                    {story.moderation.reason ? ` — ${story.moderation.reason}` : ''}
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
          {story.status === 'pending' && can(me, 'moderate_stories') ? <Moderation story={story} /> : null}
          {story.status === 'published' && can(me, 'run_sessions') && bestPractice === null ? (
            <MakeBestPractice
              story={story}
              onMade={(bp) => {
                setBestPractice(bp);
                setStatus(t('bestPractice.made', { title: story.title }));
                requestAnimationFrame(() => document.querySelector<HTMLElement>('#story-best-practice a')?.focus());
              }}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function decisionText(
  story: Story,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  lang: 'nl' | 'en',
): string {
  const m = story.moderation!;
  const decision = m.decision === 'accept' || m.decision === 'reject' ? t(`story.decision.${m.decision}`) : m.decision;
  const when = formatDateTime(m.decided_at, lang);
  return m.decided_by
    ? t('story.decidedBy', { decision, name: m.decided_by.name, when })
    : t('story.decidedAt', { decision, when });
}

/** The flagged passages of one field of a story waiting for moderation. */
function flaggedIn(story: Story, field: string): string[] {
  return (story.personal_data ?? []).filter((f) => f.field === field).map((f) => f.passage);
}

/** Text with the given passages marked (personal data for the moderator to look at). */
function Marked({ text, passages }: { text: string; passages: string[] }) {
  if (!passages.length) return <>{text}</>;
  return (
    <>
      {segments(text, passages).map((seg, i) =>
        seg.passage === null ? (
          seg.text
        ) : (
          <mark key={i} class="wk-personal-data">
            {seg.text}
          </mark>
        ),
      )}
    </>
  );
}

const redactionKey = (r: Redaction) => `${r.field}\u0000${r.passage}`;

/** The words of a field of the story, as the server names them (title, text, answers[i].text). */
function fieldWords(story: Story, field: string): string | null {
  if (field === 'title') return story.title;
  if (field === 'text') return story.text;
  const m = /^answers\[(\d+)\]\.text$/.exec(field);
  return m ? (story.answers[Number(m[1])]?.text ?? null) : null;
}

/**
 * What to black out before deciding: the flagged passages (chosen by default) and any
 * passage the moderator adds; the text as it will be published is shown beneath.
 */
function Redactions({
  story,
  flags,
  extra,
  chosen,
  onChosen,
  onAdd,
}: {
  story: Story;
  flags: PersonalDataFlag[];
  extra: Redaction[];
  chosen: Set<string>;
  onChosen: (key: string, on: boolean) => void;
  onAdd: (r: Redaction) => void;
}) {
  const { t, lang } = useI18n();
  const [passage, setPassage] = useState('');
  const [field, setField] = useState('text');
  const [addError, setAddError] = useState<string | undefined>(undefined);
  const fields = [
    { value: 'text', label: t('storyForm.field.text') },
    { value: 'title', label: t('storyForm.field.title') },
    ...story.answers.map((a, i) => ({ value: `answers[${i}].text`, label: valueLabel(a.prompt, lang) })),
  ];
  const fieldLabel = (f: string) => fields.find((x) => x.value === f)?.label ?? f;
  const all: (Redaction & { kind: string })[] = [
    ...flags.map((f) => ({
      field: f.field,
      passage: f.passage,
      kind: t(`story.personalData.${f.kind}` as MessageKey),
    })),
    ...extra.map((r) => ({ ...r, kind: t('story.personalData.own') })),
  ];
  const active = all.filter((r) => chosen.has(redactionKey(r)));
  const preview = blackOut(
    story.text,
    active.filter((r) => r.field === 'text').map((r) => r.passage),
  );

  const add = () => {
    const words = fieldWords(story, field);
    if (!passage || words === null || !words.includes(passage)) {
      setAddError(t('story.redact.notFound'));
      requestAnimationFrame(() => document.getElementById('story-redact-passage')?.focus());
      return;
    }
    setAddError(undefined);
    onAdd({ field, passage });
    setPassage('');
  };

  return (
    <div class="wk-redactions">
      {flags.length ? <Alert kind="warning">{t('story.personalData.found', { count: flags.length })}</Alert> : null}
      {all.length ? (
        <Fieldset id="story-redact" legend={t('story.redact.legend')} description={t('story.redact.help')}>
          {all.map((r, i) => (
            <Checkbox
              key={redactionKey(r)}
              id={`story-redact-${i}`}
              checked={chosen.has(redactionKey(r))}
              onChecked={(on) => onChosen(redactionKey(r), on)}
              label={
                <>
                  {r.kind}: <mark class="wk-personal-data">{r.passage}</mark>{' '}
                  <span class="wk-muted">({fieldLabel(r.field)})</span>
                </>
              }
            />
          ))}
        </Fieldset>
      ) : null}
      <div class="wk-redact-add">
        <SelectField
          id="story-redact-field"
          label={t('story.redact.field')}
          value={field}
          onValue={setField}
          options={fields}
        />
        <TextField
          id="story-redact-passage"
          label={t('story.redact.passage')}
          description={t('story.redact.passageHelp')}
          value={passage}
          onValue={setPassage}
          error={addError}
          maxLength={2000}
        />
        <div class="utrecht-button-group wk-button-row">
          <button
            type="button"
            id="story-redact-add"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={add}
          >
            {t('story.redact.add')}
          </button>
        </div>
      </div>
      {active.length ? (
        <section class="wk-redact-preview" aria-labelledby="story-redact-preview-title">
          <h3 id="story-redact-preview-title" class="utrecht-heading-3">
            {t('story.redact.preview')}
          </h3>
          <p class="utrecht-paragraph wk-story-text__para" id="story-redact-preview">
            {preview}
          </p>
        </section>
      ) : null}
    </div>
  );
}

function Moderation({ story }: { story: Story }) {
  const { t, lang } = useI18n();
  const flags = story.personal_data ?? [];
  const [extra, setExtra] = useState<Redaction[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(flags.map(redactionKey)));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const rejectRef = useRef<HTMLButtonElement>(null);

  const decide = async (decision: 'accept' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      const redact = [...flags, ...extra]
        .filter((r) => chosen.has(redactionKey(r)))
        .map(({ field, passage }) => ({ field, passage }));
      const unique = [...new Map(redact.map((r) => [redactionKey(r), r])).values()];
      const saved = await api.moderateStory(
        story.id,
        decision,
        decision === 'reject' ? reason.trim() : undefined,
        unique,
      );
      setFlash(
        decision === 'accept'
          ? t('story.accepted', { title: saved.title })
          : t('story.rejected', { title: saved.title }),
      );
      navigate('/verhalen?status=pending');
    } catch (err) {
      const shown = describeError(err, t, lang);
      setConfirming(false);
      if (shown.fields.reason) {
        setReasonError(shown.fields.reason);
        requestAnimationFrame(() => document.getElementById('story-reason')?.focus());
      }
      setError(shown.message);
    } finally {
      setBusy(false);
    }
  };

  const onReject = () => {
    if (!reason.trim()) {
      setReasonError(t('story.reasonMissing'));
      requestAnimationFrame(() => document.getElementById('story-reason')?.focus());
      return;
    }
    setReasonError(undefined);
    setConfirming(true);
  };

  return (
    <section class="wk-panel wk-moderation" aria-labelledby="story-moderation-title">
      <h2 id="story-moderation-title" class="utrecht-heading-2">
        {t('story.moderation')}
      </h2>
      <p class="utrecht-paragraph">{t('story.moderationIntro')}</p>
      <LiveRegions error={error} />
      <Redactions
        story={story}
        flags={flags}
        extra={extra}
        chosen={chosen}
        onChosen={(key, on) =>
          setChosen((prev) => {
            const next = new Set(prev);
            if (on) next.add(key);
            else next.delete(key);
            return next;
          })
        }
        onAdd={(r) => {
          setExtra((prev) => (prev.some((x) => redactionKey(x) === redactionKey(r)) ? prev : [...prev, r]));
          setChosen((prev) => new Set(prev).add(redactionKey(r)));
        }}
      />
      <div class="utrecht-form wk-form">
        <TextArea
          id="story-reason"
          label={t('story.reason')}
          description={t('story.reasonHelp')}
          value={reason}
          onValue={setReason}
          error={reasonError}
          rows={3}
          maxLength={2000}
        />
        <div class="utrecht-button-group wk-button-row">
          <button
            type="button"
            id="story-accept"
            class="utrecht-button utrecht-button--primary-action"
            onClick={() => decide('accept')}
            disabled={busy}
          >
            {t('story.accept')}
          </button>
          <button
            ref={rejectRef}
            type="button"
            id="story-reject"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={onReject}
            disabled={busy}
          >
            {t('story.reject')}
          </button>
        </div>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('story.rejectConfirmTitle')}
          text={t('story.rejectConfirmText', { title: story.title, reason: reason.trim() })}
          confirmLabel={t('story.reject')}
          busy={busy}
          onConfirm={() => decide('reject')}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => rejectRef.current?.focus());
          }}
        />
      ) : null}
    </section>
  );
}

/** "Maak best practice": a dialog with the title (the story's), a summary and the session. */
function MakeBestPractice({ story, onMade }: { story: Story; onMade: (bestPractice: BestPractice) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(story.title);
  const [summary, setSummary] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    api.sessions({ story: story.id, limit: 100 }).then(
      (page) => setSessions(page.items),
      () => setSessions([]),
    );
  }, [open, story.id]);

  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };

  const save = async () => {
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = t('bestPractice.titleMissing');
    if (!summary.trim()) local.summary = t('bestPractice.summaryMissing');
    setErrors(local);
    const dialog = document.querySelector<HTMLElement>('.wk-dialog');
    if (Object.keys(local).length) {
      setError(t('common.errorSummary'));
      focusFirstInvalid(dialog);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: title.trim(),
        summary: summary.trim(),
        ...(sessionId ? { session_id: Number(sessionId) } : {}),
      };
      const bp = await api.createBestPractice(story.id, body);
      setOpen(false);
      onMade(bp);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(shown.message);
      focusFirstInvalid(dialog);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="wk-section" aria-labelledby="story-bp-title">
      <h2 id="story-bp-title" class="utrecht-heading-2">
        {t('bestPractice.sectionTitle')}
      </h2>
      <p class="utrecht-paragraph">{t('bestPractice.sectionIntro')}</p>
      <button
        ref={buttonRef}
        type="button"
        id="story-make-bp"
        class="utrecht-button utrecht-button--secondary-action"
        onClick={() => setOpen(true)}
      >
        {t('bestPractice.make')}
      </button>
      {open ? (
        <Dialog
          title={t('bestPractice.dialogTitle')}
          confirmLabel={t('bestPractice.confirm')}
          onConfirm={() => void save()}
          onCancel={close}
          busy={busy}
          initialFocus="bp-summary"
          error={error}
        >
          <TextField
            id="bp-title"
            label={t('bestPractice.field.title')}
            value={title}
            onValue={setTitle}
            error={errors.title}
            required
            maxLength={200}
          />
          <TextArea
            id="bp-summary"
            label={t('bestPractice.field.summary')}
            description={t('bestPractice.field.summaryHelp')}
            value={summary}
            onValue={setSummary}
            error={errors.summary}
            rows={5}
            maxLength={10_000}
          />
          <SelectField
            id="bp-session_id"
            label={t('bestPractice.field.session')}
            description={t(sessions.length > 0 ? 'bestPractice.field.sessionHelp' : 'bestPractice.field.sessionNone')}
            value={sessionId}
            onValue={setSessionId}
            placeholder={t('bestPractice.noSession')}
            options={sessions.map((x) => ({ value: String(x.id), label: `${x.title} (${formatDate(x.date, lang)})` }))}
            error={errors.session_id}
          />
        </Dialog>
      ) : null}
    </section>
  );
}
