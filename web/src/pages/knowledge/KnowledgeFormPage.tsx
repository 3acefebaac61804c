// /kennisbank/nieuw — a new knowledge-base item (quality staff; coaches where the
// organisation allows it): category, title, tags, the text in Markdown with a preview
// rendered by the server, and (quality staff) the owner. Saved as a concept.
// /kennisbank/{id}/bewerken — the same form filled in with the version being worked on
// (the draft beside the published version, when there is one); only the fields that
// changed are sent (PATCH). Editing a published item makes a new draft; editing one in
// review puts it back to concept. After saving the item's page opens with the
// server's warnings.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import {
  api,
  KNOWLEDGE_CATEGORIES,
  type Colleague,
  type KnowledgeCategory,
  type KnowledgeInput,
  type KnowledgeItem,
  type Me,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { setFlash } from '../../lib/flash';
import { itemCan, knowledgePatch, parseTags, workingVersion } from '../../lib/knowledge';
import { can } from '../../lib/roles';
import { navigate } from '../../lib/router';
import { isChanged, useUnsavedChanges } from '../../lib/unsaved';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { LiveRegions, Loading } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { categoryKey, useMayWriteKnowledge } from './KnowledgeParts';

/** The form's fields as the API names them (the server's errors land there). */
const PLACED = ['category', 'title', 'tags', 'body', 'owner_id'];
const MAX_TAGS = 20;

interface Draft {
  category: KnowledgeCategory | '';
  title: string;
  tags: string;
  body: string;
  ownerId: string;
}

/** The version being worked on (the draft beside the published one, or the item itself), as the form shows it. */
function draftOf(item: KnowledgeItem): Draft {
  const v = item.draft ?? item;
  return {
    category: v.category,
    title: v.title,
    tags: v.tags.join(', '),
    body: v.body,
    ownerId: item.owner ? String(item.owner.id) : '',
  };
}

/** The form as the API takes it (a checked draft: a category is chosen). */
function inputOf(d: Draft, withOwner: boolean): KnowledgeInput {
  const input: KnowledgeInput = {
    category: d.category as KnowledgeCategory,
    title: d.title.trim(),
    body: d.body,
    tags: parseTags(d.tags),
  };
  if (withOwner && d.ownerId) input.owner_id = Number(d.ownerId);
  return input;
}

/** `id` null: a new item; otherwise the item `id`, to change it. */
export function KnowledgeFormPage({ me, id }: { me: Me; id: number | null }) {
  const { t, lang } = useI18n();
  const editing = id !== null;
  const quality = can(me, 'review_knowledge');
  const mayWrite = useMayWriteKnowledge(me);
  const [item, setItem] = useState<KnowledgeItem | null>(null);
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [blank] = useState<Draft>(() => ({ category: '', title: '', tags: '', body: '', ownerId: String(me.id) }));
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ html: string; body: string } | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (quality)
      api.colleagues().then(
        (c) => setColleagues(c.items),
        () => setColleagues([]),
      );
    if (!editing) return;
    api.knowledgeItem(id).then(
      (it) => {
        setItem(it);
        setDraft(draftOf(it));
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Changed: different from the version being edited (or from the empty form).
  useUnsavedChanges(isChanged(item ? draftOf(item) : blank, draft));

  const focusInvalid = () =>
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      el?.focus();
    });

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (!draft.category) local.category = t('knowledgeForm.required.category');
    if (!draft.title.trim()) local.title = t('knowledgeForm.required.title');
    if (parseTags(draft.tags).length > MAX_TAGS) local.tags = t('knowledgeForm.tooManyTags', { max: MAX_TAGS });
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('knowledgeForm.fixFields'));
      focusInvalid();
      return;
    }
    const input = inputOf(draft, quality);
    if (item) {
      const patch = knowledgePatch(inputOf(draftOf(item), quality), input);
      if (!Object.keys(patch).length) {
        setFlash(t('knowledgeForm.unchanged'));
        // Nothing to save (only spaces around tags, say): nothing to ask either.
        navigate(`/kennisbank/${item.id}`, { ask: false });
        return;
      }
      await save(() => api.updateKnowledge(item.id, patch), 'knowledgeForm.updated');
      return;
    }
    if (input.owner_id === me.id) delete input.owner_id;
    await save(() => api.createKnowledge(input), 'knowledgeForm.saved');
  };

  const save = async (send: () => Promise<KnowledgeItem>, message: MessageKey) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await send();
      setFlash(t(message, { title: saved.draft?.title ?? saved.title }), saved.warnings ?? []);
      // Saved: the item's page opens without asking.
      navigate(`/kennisbank/${saved.id}`, { ask: false });
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, PLACED));
      focusInvalid();
    } finally {
      setBusy(false);
    }
  };

  const showPreview = async () => {
    setPreviewBusy(true);
    try {
      const body = draft.body;
      const r = await api.knowledgePreview(body);
      setPreview({ html: r.html, body });
      requestAnimationFrame(() => document.getElementById('kb-preview-title')?.focus());
    } catch (err) {
      setError(describeError(err, t, lang).message);
    } finally {
      setPreviewBusy(false);
    }
  };

  const back = editing ? `/kennisbank/${id}` : '/kennisbank';
  const heading = !editing
    ? t('knowledgeForm.title')
    : item
      ? t('knowledgeForm.editTitle', { title: item.draft?.title ?? item.title })
      : t('knowledgeForm.editLoading');
  const loading = editing ? item === null : mayWrite === null;
  const allowed = editing ? (item ? itemCan(item, me).edit : false) : mayWrite === true;
  const working = item ? workingVersion(item) : null;
  const intro = !editing
    ? t('knowledgeForm.intro')
    : item?.status === 'gepubliceerd' && !working
      ? t('knowledgeForm.editIntroPublished')
      : working?.status === 'ter_review'
        ? t('knowledgeForm.editIntroReview')
        : t('knowledgeForm.editIntro');
  const people =
    colleagues.some((c) => c.id === Number(draft.ownerId)) || !item?.owner ? colleagues : [...colleagues, item.owner];

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href={back}>{editing ? t('knowledgeForm.backToItem') : t('knowledge.back')}</Link>
      </p>
      <PageHeading title={heading}>{heading}</PageHeading>
      <LiveRegions error={error} />
      {loading ? (
        error ? null : (
          <Loading />
        )
      ) : !allowed ? (
        <p class="utrecht-paragraph wk-readonly-note" id="kb-form-not-allowed">
          {editing ? t('knowledgeForm.notEditable') : t('knowledgeForm.notAllowed')}
        </p>
      ) : (
        <>
          <p class="utrecht-paragraph">{intro}</p>
          <form ref={formRef} class="utrecht-form wk-form wk-kb-form" noValidate onSubmit={onSubmit}>
            <SelectField
              id="knowledge-category"
              label={t('knowledgeForm.field.category')}
              description={t('knowledgeForm.categoryHelp')}
              value={draft.category}
              onValue={(category) => set({ category: category as Draft['category'] })}
              placeholder={t('knowledgeForm.chooseCategory')}
              options={KNOWLEDGE_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
              error={errors.category}
              required
            />
            <TextField
              id="knowledge-title"
              label={t('knowledgeForm.field.title')}
              value={draft.title}
              onValue={(title) => set({ title })}
              error={errors.title}
              required
              wide
              maxLength={200}
            />
            <TextField
              id="knowledge-tags"
              label={t('knowledgeForm.field.tags')}
              description={t('knowledgeForm.tagsHelp')}
              value={draft.tags}
              onValue={(tags) => set({ tags })}
              error={errors.tags}
              wide
              spellcheck={false}
            />
            {quality && people.length ? (
              <SelectField
                id="knowledge-owner_id"
                label={t('knowledgeForm.field.owner')}
                description={t('knowledgeForm.ownerHelp')}
                value={draft.ownerId}
                onValue={(ownerId) => set({ ownerId })}
                options={people.map((c) => ({ value: String(c.id), label: c.name }))}
                error={errors.owner_id}
              />
            ) : null}
            <TextArea
              id="knowledge-body"
              label={t('knowledgeForm.field.body')}
              description={t('knowledgeForm.bodyHelp')}
              value={draft.body}
              onValue={(body) => set({ body })}
              error={errors.body}
              rows={18}
              maxLength={100_000}
            />
            <p class="utrecht-paragraph">
              <button
                type="button"
                id="knowledge-preview"
                class="utrecht-button utrecht-button--secondary-action"
                aria-busy={previewBusy ? 'true' : undefined}
                onClick={() => void showPreview()}
              >
                {preview ? t('knowledgeForm.previewUpdate') : t('knowledgeForm.preview')}
              </button>
            </p>
            {preview ? (
              <section class="wk-subpanel wk-kb-preview" aria-labelledby="kb-preview-title">
                <h2 id="kb-preview-title" class="utrecht-heading-3" tabIndex={-1}>
                  {t('knowledgeForm.previewTitle')}
                </h2>
                {preview.body !== draft.body ? (
                  <p class="utrecht-paragraph wk-muted">{t('knowledgeForm.previewStale')}</p>
                ) : null}
                {preview.body.trim() ? (
                  <div
                    class="utrecht-html wk-kb-body"
                    id="kb-preview"
                    dangerouslySetInnerHTML={{ __html: preview.html }}
                  />
                ) : (
                  <p class="utrecht-paragraph wk-muted">{t('knowledgeForm.previewEmpty')}</p>
                )}
              </section>
            ) : null}
            <div class="utrecht-button-group wk-button-row">
              <button
                type="submit"
                id="knowledge-submit"
                class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
                aria-busy={busy ? 'true' : undefined}
              >
                {busy ? t('common.saving') : editing ? t('knowledgeForm.editSubmit') : t('knowledgeForm.submit')}
              </button>
              <Link
                id="knowledge-cancel"
                href={back}
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
              >
                {t('common.cancel')}
              </Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}
