// /verhalen/{id} — one story to read: its details, the text, the answers to the extra
// prompts; for quality staff and a story still to review, "Accepteren" and "Afwijzen"
// (a reason is required; rejecting asks for confirmation in a dialog).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, type Me, type Story, type Warning } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { setFlash, takeFlash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { isQuality } from '../../lib/roles';
import { valueLabel } from '../../lib/stories';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { TextArea } from '../../components/Field';
import { Link } from '../../components/Link';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'storyForm.field.title',
  text: 'storyForm.field.text',
  answers: 'story.answers',
};

/** The server's warnings about the saved text (an e-mail address, a phone number). */
export function StoryWarnings({ warnings }: { warnings: Warning[] }) {
  const { t, lang } = useI18n();
  const label = (f: string) => {
    const base = /^[^.[\]]+/.exec(f)?.[0] ?? f;
    return FIELD_KEYS[base] ? t(FIELD_KEYS[base]!) : f;
  };
  return (
    <div role="status" class="wk-live">
      {warnings.length ? (
        <Alert kind="warning">
          <p class="wk-alert__title">{t('storyForm.warnings')}</p>
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

  useEffect(() => {
    api.story(id).then(setStory, (err) => setError(describeError(err, t, lang).message));
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
        <Link id="stories-back" href={fromQueue ? '/verhalen?status=pending' : '/verhalen'}>{fromQueue ? t('story.backQueue') : t('story.back')}</Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      <LiveRegions error={error} status={flash?.message ?? null} />
      <StoryWarnings warnings={flash?.warnings ?? []} />
      {story === null ? (
        error ? null : <Loading />
      ) : (
        <>
          <section class="wk-section" aria-labelledby="story-text-title">
            <h2 id="story-text-title" class="utrecht-heading-2">
              {t('story.text')}
            </h2>
            <div class="wk-story-text">
              {story.text.split(/\r?\n\s*\r?\n/).map((para, i) => (
                <p key={i} class="utrecht-paragraph wk-story-text__para">
                  {para}
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
                {story.answers.map((a) => (
                  <div class="utrecht-data-list__item" key={a.prompt.id}>
                    <dt class="utrecht-data-list__item-key">{valueLabel(a.prompt, lang)}</dt>
                    <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd wk-story-text__para">{a.text}</dd>
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
          {story.status === 'pending' && isQuality(me.roles) ? <Moderation story={story} /> : null}
        </>
      )}
    </>
  );
}

function decisionText(story: Story, t: (k: MessageKey, p?: Record<string, string | number>) => string, lang: 'nl' | 'en'): string {
  const m = story.moderation!;
  const decision = m.decision === 'accept' || m.decision === 'reject' ? t(`story.decision.${m.decision}`) : m.decision;
  const when = formatDateTime(m.decided_at, lang);
  return m.decided_by ? t('story.decidedBy', { decision, name: m.decided_by.name, when }) : t('story.decidedAt', { decision, when });
}

function Moderation({ story }: { story: Story }) {
  const { t, lang } = useI18n();
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
      const saved = await api.moderateStory(story.id, decision, decision === 'reject' ? reason.trim() : undefined);
      setFlash(decision === 'accept' ? t('story.accepted', { title: saved.title }) : t('story.rejected', { title: saved.title }));
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
          <button ref={rejectRef} type="button" id="story-reject" class="utrecht-button utrecht-button--secondary-action" onClick={onReject} disabled={busy}>
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
