// An item's version history (newest first; readers see the published versions only)
// and the compare view: two versions chosen, the server's line diff of their Markdown
// shown with line numbers, added and removed lines marked in words as well as colour,
// runs of unchanged lines folded; changed title, category and tags listed above it.
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { api, type KnowledgeDiff, type KnowledgeItem, type KnowledgeVersion } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { diffRows, fieldValueText } from '../../lib/knowledge';
import { DataTable, TableHead } from '../../components/DataTable';
import { SelectField } from '../../components/Field';
import { LiveRegions, Loading } from '../../components/Notices';
import { KnowledgeStatusBadge, categoryKey } from './KnowledgeParts';

interface Props {
  item: KnowledgeItem;
  versions: KnowledgeVersion[] | null;
}

export function Versions({ item, versions }: Props) {
  const { t, lang } = useI18n();
  return (
    <section class="wk-section" aria-labelledby="kb-versions-title">
      <h2 id="kb-versions-title" class="utrecht-heading-2">
        {t('knowledge.versions')}
      </h2>
      {versions === null ? (
        <Loading />
      ) : (
        <>
          <DataTable
            id="kb-versions"
            labelledBy="kb-versions-title"
            tableClass="wk-kb-versions"
            columns={[
              { key: 'version', label: t('knowledge.col.version'), numeric: true },
              { key: 'status', label: t('knowledge.col.status') },
              { key: 'title', label: t('knowledge.col.title') },
              { key: 'author', label: t('knowledge.col.author') },
              { key: 'changed', label: t('knowledge.col.changed') },
              { key: 'reviewed', label: t('knowledge.col.reviewed') },
            ]}
            empty={t('knowledge.versionsEmpty')}
            rows={versions}
            renderRow={(v) => (
              <tr class="utrecht-table__row" key={v.version} data-version={v.version}>
                <th scope="row" class="utrecht-table__header-cell utrecht-table__cell--numeric-data">
                  {v.version}
                </th>
                <td class="utrecht-table__cell">
                  <KnowledgeStatusBadge status={v.status} />
                </td>
                <td class="utrecht-table__cell">{v.title}</td>
                <td class="utrecht-table__cell">{v.author?.name ?? t('common.none')}</td>
                <td class="utrecht-table__cell wk-nowrap">{formatDateTime(v.updated_at, lang)}</td>
                <td class="utrecht-table__cell">
                  {v.reviewed_at
                    ? v.reviewed_by
                      ? t('knowledge.reviewedBy', {
                          when: formatDateTime(v.reviewed_at, lang),
                          name: v.reviewed_by.name,
                        })
                      : formatDateTime(v.reviewed_at, lang)
                    : t('common.none')}
                  {v.review_remark ? <span class="wk-cell-note wk-story-text__para"> “{v.review_remark}”</span> : null}
                </td>
              </tr>
            )}
          />
          {versions.length >= 2 ? <Compare itemId={item.id} versions={versions} /> : null}
        </>
      )}
    </section>
  );
}

function Compare({ itemId, versions }: { itemId: number; versions: KnowledgeVersion[] }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(String(versions[1]!.version));
  const [to, setTo] = useState(String(versions[0]!.version));
  const [diff, setDiff] = useState<KnowledgeDiff | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A new version (after an edit or a step): compare the newest two again.
  const newest = versions[0]!.version;
  useEffect(() => {
    setFrom(String(versions[1]!.version));
    setTo(String(newest));
    setDiff(null);
  }, [newest, versions.length]);

  const options = versions.map((v) => ({
    value: String(v.version),
    label: t('knowledge.versionOption', {
      version: v.version,
      status: t(`knowledge.status.${v.status}` as MessageKey),
    }),
  }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (from === to) {
      setFieldError(t('knowledge.compareSame'));
      requestAnimationFrame(() => document.getElementById('kb-compare-to')?.focus());
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    setError(null);
    try {
      const d = await api.knowledgeDiff(itemId, Number(from), Number(to));
      setDiff(d);
      requestAnimationFrame(() => document.getElementById('kb-diff-title')?.focus());
    } catch (err) {
      setDiff(null);
      setError(describeError(err, t, lang).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="wk-subpanel wk-kb-compare">
      <h3 class="utrecht-heading-3" id="kb-compare-title">
        {t('knowledge.compare')}
      </h3>
      <form class="utrecht-form wk-filter" aria-labelledby="kb-compare-title" noValidate onSubmit={onSubmit}>
        <SelectField
          id="kb-compare-from"
          label={t('knowledge.compareFrom')}
          value={from}
          onValue={setFrom}
          options={options}
        />
        <SelectField
          id="kb-compare-to"
          label={t('knowledge.compareTo')}
          value={to}
          onValue={setTo}
          options={options}
          error={fieldError}
        />
        <div class="wk-filter__submit">
          <button
            type="submit"
            id="kb-compare-submit"
            class="utrecht-button utrecht-button--secondary-action"
            aria-busy={busy ? 'true' : undefined}
          >
            {t('knowledge.compareSubmit')}
          </button>
        </div>
      </form>
      <LiveRegions error={error} />
      {diff ? <DiffView diff={diff} /> : null}
    </div>
  );
}

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'knowledge.col.title',
  category: 'knowledge.col.category',
  tags: 'knowledge.col.tags',
};

export function DiffView({ diff }: { diff: KnowledgeDiff }) {
  const { t } = useI18n();
  const rows = diffRows(diff.lines);
  const changed = diff.inserted > 0 || diff.deleted > 0;
  const lines = (count: number) => (count === 1 ? t('knowledge.diffLinesOne') : t('knowledge.diffLines', { count }));
  const fieldText = (field: string, v: unknown) =>
    field === 'category' && typeof v === 'string' ? t(categoryKey(v)) : fieldValueText(v);
  return (
    <section class="wk-kb-diff" aria-labelledby="kb-diff-title" id="kb-diff">
      <h4 id="kb-diff-title" class="utrecht-heading-4" tabIndex={-1}>
        {t('knowledge.diffTitle', { from: diff.from, to: diff.to })}
      </h4>
      <p class="utrecht-paragraph" id="kb-diff-summary">
        {changed
          ? t('knowledge.diffSummary', { inserted: lines(diff.inserted), deleted: lines(diff.deleted) })
          : t('knowledge.diffNone')}
      </p>
      {diff.fields.length ? (
        <ul class="utrecht-unordered-list wk-kb-diff__fields">
          {diff.fields.map((f) => (
            <li class="utrecht-unordered-list__item" key={f.field}>
              {t(FIELD_LABELS[f.field] ?? ('knowledge.col.title' as MessageKey))}:{' '}
              <del class="wk-diff__before">{fieldText(f.field, f.from)}</del> →{' '}
              <ins class="wk-diff__after">{fieldText(f.field, f.to)}</ins>
            </li>
          ))}
        </ul>
      ) : null}
      {changed ? (
        <div class="utrecht-table-container wk-table-wrap" role="group" aria-labelledby="kb-diff-title" tabIndex={0}>
          <table
            class="utrecht-table utrecht-table--html-table wk-table wk-kb-diff__table"
            aria-labelledby="kb-diff-title"
          >
            <TableHead
              columns={[
                { key: 'old', label: t('knowledge.diffCol.old'), numeric: true },
                { key: 'new', label: t('knowledge.diffCol.new'), numeric: true },
                { key: 'text', label: t('knowledge.diffCol.text') },
              ]}
            />
            <tbody class="utrecht-table__body">
              {rows.map((r, i) =>
                r.op === 'skip' ? (
                  <tr class="utrecht-table__row wk-kb-diff__skip" key={i}>
                    <td class="utrecht-table__cell" colSpan={3}>
                      {r.count === 1 ? t('knowledge.diffSkipOne') : t('knowledge.diffSkip', { count: r.count })}
                    </td>
                  </tr>
                ) : (
                  <tr class={`utrecht-table__row wk-kb-diff__${r.op}`} key={i} data-op={r.op}>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-kb-diff__no">
                      {r.oldNo ?? ''}
                    </td>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-kb-diff__no">
                      {r.newNo ?? ''}
                    </td>
                    <td class="utrecht-table__cell wk-kb-diff__text">
                      <span class="wk-kb-diff__mark" aria-hidden="true">
                        {r.op === 'insert' ? '+' : r.op === 'delete' ? '−' : ' '}
                      </span>
                      {r.op === 'equal' ? null : (
                        <span class="wk-visually-hidden">
                          {t(r.op === 'insert' ? 'knowledge.diffInsert' : 'knowledge.diffDelete')}{' '}
                        </span>
                      )}
                      {r.op === 'insert' ? <ins>{r.text}</ins> : r.op === 'delete' ? <del>{r.text}</del> : r.text}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
