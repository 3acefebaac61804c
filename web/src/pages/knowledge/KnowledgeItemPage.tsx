// /kennisbank/{id} — one knowledge-base item: title, category, status, the notice when
// its review-by date has passed, the text (the server's sanitised HTML), its details
// (tags, owner, version, review-by date, last verification, source), the attachments,
// the ratings (averages; the caller's own rating; remarks for the owner and quality
// staff), the checks ("nog steeds juist": who, when, the review-by date moved), the
// version history with a compare view, and the workflow buttons the server allows the
// caller (`can`): Bewerken, Ter review aanbieden, Publiceren, Terugsturen (with a
// remark), Archiveren and "Nog steeds juist". Editors see a draft beside the published
// version clearly. Opening the page counts one view of the item.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { api, type KnowledgeItem, type KnowledgeVersion, type Me, type Warning } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import { itemCan, workingVersion } from '../../lib/knowledge';
import { ConfirmDialog, Dialog } from '../../components/ConfirmDialog';
import { TextArea } from '../../components/Field';
import { Link } from '../../components/Link';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { StoryWarnings } from '../stories/StoryPage';
import { Attachments } from './Attachments';
import {
  CategoryBadge,
  KnowledgeStatusBadge,
  OverdueBadge,
  TagList,
  categoryKey,
  knowledgeStatusKey,
} from './KnowledgeParts';
import { Ratings } from './Ratings';
import { Verifications } from './Verifications';
import { Versions } from './Versions';

/** The item's fields by name, for the server's warnings about their text. */
export const KNOWLEDGE_WARNING_FIELDS: Record<string, MessageKey> = {
  title: 'knowledgeForm.field.title',
  body: 'knowledgeForm.field.body',
  tags: 'knowledgeForm.field.tags',
  remark: 'knowledge.remark',
};

export function KnowledgeItemPage({ me, id }: { me: Me; id: number }) {
  const { t, lang } = useI18n();
  const [item, setItem] = useState<KnowledgeItem | null>(null);
  const [versions, setVersions] = useState<KnowledgeVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState(() => takeFlash());
  /** What the previous page did (saved, with the server's warnings); gone once the item changes here. */
  const [status, setStatus] = useState<string | null>(flash?.message ?? null);
  const [warnings, setWarnings] = useState<Warning[]>(flash?.warnings ?? []);
  const counted = useRef(false);

  useEffect(() => {
    api.knowledgeItem(id).then(
      (it) => {
        setItem(it);
        // One view per page opened; a failure is not the reader's problem.
        if (!counted.current) {
          counted.current = true;
          api.countKnowledgeView(id).catch(() => undefined);
        }
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, [id]);

  // The history follows the item: a step or an edit adds or changes a version.
  const versionKey = item
    ? `${item.status}/${item.version}/${item.draft?.version ?? ''}/${item.draft?.status ?? ''}`
    : '';
  useEffect(() => {
    if (!item) return;
    api.knowledgeVersions(id).then(
      (v) => setVersions(v.items),
      () => setVersions([]),
    );
  }, [versionKey]);

  const heading = item ? item.title : t('knowledge.loading');
  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link id="kb-back" href="/kennisbank">
          {t('knowledge.back')}
        </Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      {item ? (
        <p class="utrecht-paragraph wk-case-meta" id="kb-meta">
          <CategoryBadge category={item.category} />
          <KnowledgeStatusBadge status={item.status} />
          {item.overdue ? <OverdueBadge /> : null}
          {item.owner ? <span>{t('knowledge.ownedBy', { name: item.owner.name })}</span> : null}
        </p>
      ) : null}
      <LiveRegions error={error} status={status} />
      <StoryWarnings warnings={warnings} fields={KNOWLEDGE_WARNING_FIELDS} title={t('knowledgeForm.warnings')} />
      {item === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <ItemBody
          me={me}
          item={item}
          versions={versions}
          onChanged={(next) => {
            setItem(next);
            setError(null);
            setStatus(null);
            setWarnings(next.warnings ?? []);
          }}
        />
      )}
    </>
  );
}

interface BodyProps {
  me: Me;
  item: KnowledgeItem;
  versions: KnowledgeVersion[] | null;
  /** The item as it is now; each section says itself what happened, where the user is. */
  onChanged: (item: KnowledgeItem) => void;
}

function ItemBody({ me, item, versions, onChanged }: BodyProps) {
  const { t, lang } = useI18n();
  const working = workingVersion(item);
  // The version being worked on, with its author and its review remark when it was sent back.
  const workingFull = working
    ? (versions?.find((v) => v.version === working.version) ??
      (item.draft?.version === working.version ? item.draft : null))
    : null;
  const can = itemCan(item, me, workingFull?.author?.id ?? null);
  const returned = working?.status === 'concept' && workingFull?.review_remark ? workingFull : null;

  return (
    <>
      {item.overdue ? (
        <div id="kb-overdue">
          <Alert kind="warning">
            <p class="wk-alert__title">{t('knowledge.overdueNotice')}</p>
            {item.review_by ? <p>{t('knowledge.overdueSince', { date: formatDate(item.review_by, lang) })}</p> : null}
          </Alert>
        </div>
      ) : null}
      {item.status === 'gearchiveerd' ? (
        <p class="utrecht-paragraph wk-readonly-note">{t('knowledge.archivedNotice')}</p>
      ) : null}
      {working && !working.beside ? (
        <p class="utrecht-paragraph wk-readonly-note" id="kb-unpublished">
          {t('knowledge.unpublishedNotice', {
            version: working.version,
            status: t(knowledgeStatusKey(working.status)),
          })}
        </p>
      ) : null}
      {returned ? (
        <div id="kb-returned">
          <Alert kind="info">
            <p class="wk-alert__title">
              {returned.reviewed_by
                ? t('knowledge.returnedBy', {
                    name: returned.reviewed_by.name,
                    when: formatDateTime(returned.reviewed_at, lang),
                  })
                : t('knowledge.returnedAt', { when: formatDateTime(returned.reviewed_at, lang) })}
            </p>
            <p class="wk-story-text__para">{returned.review_remark}</p>
          </Alert>
        </div>
      ) : null}

      {item.draft && working?.beside ? <DraftBeside item={item} /> : null}

      <section class="wk-section" aria-labelledby="kb-body-title">
        <h2 id="kb-body-title" class="utrecht-heading-2">
          {item.draft && working?.beside
            ? t('knowledge.publishedText', { version: item.published_version ?? item.version })
            : t('knowledge.content')}
        </h2>
        {item.body.trim() ? (
          // Rendered by the server from Markdown in safe mode: no raw HTML, no javascript: links (docs/api.md, "Dates, money and text").
          <div class="utrecht-html wk-kb-body" id="kb-body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
        ) : (
          <p class="utrecht-paragraph wk-muted">{t('knowledge.emptyBody')}</p>
        )}
      </section>

      <Details item={item} />

      <Workflow item={item} can={can} working={working} onChanged={onChanged} />

      {item.attachments !== undefined ? (
        <Attachments item={item} editable={can.edit} onChanged={(next) => onChanged({ ...next, warnings: [] })} />
      ) : null}

      {item.ratings !== undefined ? (
        <Ratings me={me} item={item} canRate={can.rate} onRated={(next) => onChanged({ ...next, warnings: [] })} />
      ) : null}

      {item.published_version || item.last_verified ? <Verifications item={item} /> : null}

      <Versions item={item} versions={versions} />
    </>
  );
}

/** A draft beside the published version: say so, and show its text on request. */
function DraftBeside({ item }: { item: KnowledgeItem }) {
  const { t, lang } = useI18n();
  const draft = item.draft!;
  return (
    <section class="wk-panel wk-kb-draft" id="kb-draft" aria-labelledby="kb-draft-title">
      <h2 id="kb-draft-title" class="utrecht-heading-2">
        {t('knowledge.draftTitle', { version: draft.version })}
      </h2>
      <p class="utrecht-paragraph">
        <KnowledgeStatusBadge status={draft.status} />{' '}
        {t('knowledge.draftNotice', { version: draft.version, published: item.published_version ?? item.version })}
      </p>
      <p class="utrecht-paragraph wk-muted">
        {draft.author
          ? t('knowledge.draftBy', { name: draft.author.name, when: formatDateTime(draft.updated_at, lang) })
          : t('knowledge.draftAt', { when: formatDateTime(draft.updated_at, lang) })}
      </p>
      <details class="wk-details">
        <summary>{t('knowledge.draftShow', { version: draft.version })}</summary>
        <h3 class="utrecht-heading-3">{draft.title}</h3>
        {draft.body.trim() ? (
          <div class="utrecht-html wk-kb-body" dangerouslySetInnerHTML={{ __html: draft.body_html }} />
        ) : (
          <p class="utrecht-paragraph wk-muted">{t('knowledge.emptyBody')}</p>
        )}
      </details>
    </section>
  );
}

function Details({ item }: { item: KnowledgeItem }) {
  const { t, lang } = useI18n();
  const verified = item.last_verified;
  const rows: [string, ComponentChildren][] = [
    [t('knowledge.field.category'), t(categoryKey(item.category))],
    [t('knowledge.field.status'), t(knowledgeStatusKey(item.status))],
    [t('knowledge.field.tags'), item.tags.length ? <TagList tags={item.tags} /> : t('knowledge.noTags')],
    [t('knowledge.field.owner'), item.owner?.name ?? t('common.none')],
    [
      t('knowledge.field.version'),
      item.published_version
        ? t('knowledge.versionPublished', { version: item.published_version })
        : t('knowledge.versionDraft', { version: item.version }),
    ],
    [
      t('knowledge.field.reviewBy'),
      item.review_by ? (
        <>
          <time dateTime={item.review_by}>{formatDate(item.review_by, lang)}</time>
          {item.overdue ? (
            <>
              {' '}
              <OverdueBadge />
            </>
          ) : null}
        </>
      ) : (
        t('knowledge.noReviewBy')
      ),
    ],
  ];
  if (verified !== undefined) {
    rows.push([
      t('knowledge.field.lastVerified'),
      verified
        ? `${verified.by ? t('knowledge.verifiedBy', { when: formatDate(verified.at, lang), name: verified.by.name }) : formatDate(verified.at, lang)}${verified.remark ? ` — “${verified.remark}”` : ''}`
        : t('knowledge.notVerified'),
    ]);
  }
  rows.push([t('knowledge.field.updated'), formatDateTime(item.updated_at, lang)]);
  if (item.source && (item.source.story || item.source.session)) {
    rows.push([
      t('knowledge.field.source'),
      <ul class="utrecht-unordered-list wk-plain-list">
        {item.source.story ? (
          <li class="utrecht-unordered-list__item">
            {t('knowledge.sourceStory')}{' '}
            <Link href={`/verhalen/${item.source.story.id}`}>{item.source.story.title}</Link>
          </li>
        ) : null}
        {item.source.session ? (
          <li class="utrecht-unordered-list__item">
            {t('knowledge.sourceSession')}{' '}
            <Link href={`/duidingssessies/${item.source.session.id}`}>{item.source.session.title}</Link>
          </li>
        ) : null}
      </ul>,
    ]);
  }
  return (
    <section class="wk-section" aria-labelledby="kb-details-title">
      <h2 id="kb-details-title" class="utrecht-heading-2">
        {t('knowledge.details')}
      </h2>
      <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list" id="kb-details">
        {rows.map(([k, v]) => (
          <div class="utrecht-data-list__item" key={k}>
            <dt class="utrecht-data-list__item-key">{k}</dt>
            <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Step = 'submit' | 'publish' | 'return' | 'archive' | 'verification';

/** The workflow buttons the caller may use, with a dialog where a step needs one. */
function Workflow({
  item,
  can,
  working,
  onChanged,
}: {
  item: KnowledgeItem;
  can: ReturnType<typeof itemCan>;
  working: ReturnType<typeof workingVersion>;
  onChanged: (item: KnowledgeItem) => void;
}) {
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<Step | null>(null);
  const [remark, setRemark] = useState('');
  const [remarkError, setRemarkError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const opener = useRef<string>('');

  if (!can.edit && !can.submit && !can.publish && !can.return && !can.archive && !can.verify && !status) return null;

  const open = (step: Step) => {
    opener.current = `kb-${step}`;
    setRemark('');
    setRemarkError(undefined);
    setError(null);
    setDialog(step);
  };
  const close = () => {
    setDialog(null);
    requestAnimationFrame(() => document.getElementById(opener.current)?.focus());
  };

  const MESSAGES: Record<Step, MessageKey> = {
    submit: 'knowledge.submitted',
    publish: 'knowledge.published',
    return: 'knowledge.returned',
    archive: 'knowledge.archived',
    verification: 'knowledge.verified',
  };

  const run = async (step: Step) => {
    if (step === 'return' && !remark.trim()) {
      setRemarkError(t('knowledge.returnRemarkMissing'));
      requestAnimationFrame(() => document.getElementById('kb-remark')?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const withRemark = step === 'return' || (step === 'verification' && remark.trim());
      const next = await api.knowledgeStep(item.id, step, withRemark ? remark.trim() : undefined);
      setDialog(null);
      setStatus(t(MESSAGES[step], { title: next.title, date: formatDate(next.review_by, lang) }));
      onChanged(next);
      requestAnimationFrame(() => document.getElementById('kb-workflow-title')?.focus());
    } catch (err) {
      const shown = describeError(err, t, lang);
      setError(shown.message);
      if (step === 'return' || step === 'verification') {
        // The dialog stays open with the message; the remark's own message at the box.
        if (shown.fields.remark) setRemarkError(shown.fields.remark);
        requestAnimationFrame(() => document.getElementById('kb-remark')?.focus());
      } else {
        // E.g. the author publishing their own text (409): said under the buttons.
        setDialog(null);
        requestAnimationFrame(() => document.getElementById(`kb-${step}`)?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  const version = working?.version ?? item.version;
  return (
    <section class="wk-panel wk-kb-workflow" aria-labelledby="kb-workflow-title">
      <h2 id="kb-workflow-title" class="utrecht-heading-2" tabIndex={-1}>
        {t('knowledge.workflow')}
      </h2>
      <p class="utrecht-paragraph">
        {working
          ? t(`knowledge.workflowNow.${working.status}` as MessageKey, { version })
          : t('knowledge.workflowIntro')}
      </p>
      <LiveRegions error={dialog === null ? error : null} status={status} />
      <div class="utrecht-button-group wk-button-row">
        {can.edit ? (
          <Link
            id="kb-edit"
            href={`/kennisbank/${item.id}/bewerken`}
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
          >
            {t('knowledge.edit')}
          </Link>
        ) : null}
        {can.submit ? (
          <button
            type="button"
            id="kb-submit"
            class="utrecht-button utrecht-button--primary-action"
            disabled={busy}
            onClick={() => void run('submit')}
          >
            {t('knowledge.submit')}
          </button>
        ) : null}
        {can.publish ? (
          <button
            type="button"
            id="kb-publish"
            class="utrecht-button utrecht-button--primary-action"
            onClick={() => open('publish')}
          >
            {t('knowledge.publish')}
          </button>
        ) : null}
        {can.return ? (
          <button
            type="button"
            id="kb-return"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={() => open('return')}
          >
            {t('knowledge.return')}
          </button>
        ) : null}
        {can.verify ? (
          <button
            type="button"
            id="kb-verification"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={() => open('verification')}
          >
            {t('knowledge.verify')}
          </button>
        ) : null}
        {can.archive ? (
          <button
            type="button"
            id="kb-archive"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={() => open('archive')}
          >
            {t('knowledge.archive')}
          </button>
        ) : null}
      </div>
      {dialog === 'publish' ? (
        <ConfirmDialog
          title={t('knowledge.publishConfirmTitle')}
          text={t('knowledge.publishConfirmText', { version, title: item.draft?.title ?? item.title })}
          confirmLabel={t('knowledge.publish')}
          busy={busy}
          onConfirm={() => void run('publish')}
          onCancel={close}
        />
      ) : null}
      {dialog === 'archive' ? (
        <ConfirmDialog
          title={t('knowledge.archiveConfirmTitle')}
          text={t('knowledge.archiveConfirmText', { title: item.title })}
          confirmLabel={t('knowledge.archive')}
          busy={busy}
          onConfirm={() => void run('archive')}
          onCancel={close}
        />
      ) : null}
      {dialog === 'return' || dialog === 'verification' ? (
        <Dialog
          title={dialog === 'return' ? t('knowledge.returnTitle') : t('knowledge.verifyTitle')}
          confirmLabel={dialog === 'return' ? t('knowledge.return') : t('knowledge.verifyConfirm')}
          onConfirm={() => void run(dialog)}
          onCancel={close}
          busy={busy}
          describedBy="kb-dialog-text"
          initialFocus="kb-remark"
          error={error}
        >
          <p id="kb-dialog-text" class="utrecht-paragraph">
            {dialog === 'return' ? t('knowledge.returnText') : t('knowledge.verifyText', { title: item.title })}
          </p>
          <TextArea
            id="kb-remark"
            label={dialog === 'return' ? t('knowledge.remark') : t('knowledge.remarkOptional')}
            value={remark}
            onValue={setRemark}
            error={remarkError}
            rows={4}
            maxLength={2000}
          />
        </Dialog>
      ) : null}
    </section>
  );
}
