// An item's checks ("still right as it is"), newest first: when, by whom, which version,
// how the review-by date moved, and the remark. Verification is its own event beside the
// edits (the version history), so it has its own list; reloaded when a new check lands.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type KnowledgeItem, type KnowledgeVerification } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { formatDate, formatDateTime } from '../../lib/format';
import { DataTable } from '../../components/DataTable';
import { Alert, Loading } from '../../components/Notices';

export function Verifications({ item }: { item: KnowledgeItem }) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<KnowledgeVerification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Reloaded when a check lands (the item's last one changes) or another item is shown.
  const latest = item.last_verified ? `${item.last_verified.at}/${item.last_verified.by?.id ?? ''}` : '';
  useLoad(
    () => {
      setError(null);
      return api.knowledgeVerifications(item.id);
    },
    [item.id, latest],
    {
      ok: (v) => setRows(v.items),
      fail: (err) => {
        setRows(null);
        setError(describeError(err, t, lang).message);
      },
    },
  );

  return (
    <section class="wk-section" id="kb-verifications" aria-labelledby="kb-verifications-title">
      <h2 id="kb-verifications-title" class="utrecht-heading-2">
        {t('knowledge.verifications')}
      </h2>
      <p class="utrecht-paragraph wk-muted">{t('knowledge.verificationsIntro')}</p>
      {error ? (
        <Alert kind="error">{error}</Alert>
      ) : rows === null ? (
        <Loading />
      ) : (
        <DataTable
          id="kb-verifications-table"
          labelledBy="kb-verifications-title"
          columns={[
            { key: 'date', label: t('knowledge.col.date') },
            { key: 'by', label: t('knowledge.col.verifiedBy') },
            { key: 'version', label: t('knowledge.col.version'), numeric: true },
            { key: 'reviewBy', label: t('knowledge.col.reviewByMoved') },
            { key: 'remark', label: t('knowledge.col.remark') },
          ]}
          empty={t('knowledge.verificationsEmpty')}
          rows={rows}
          renderRow={(v) => (
            <tr class="utrecht-table__row" key={v.id} data-verification={v.id}>
              <th scope="row" class="utrecht-table__header-cell wk-nowrap">
                <time dateTime={v.at}>{formatDateTime(v.at, lang)}</time>
              </th>
              <td class="utrecht-table__cell">{v.by?.name ?? t('common.none')}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{v.version}</td>
              <td class="utrecht-table__cell wk-nowrap">
                {v.review_by_before ? (
                  <>
                    <time dateTime={v.review_by_before}>{formatDate(v.review_by_before, lang)}</time>
                    <span aria-hidden="true"> → </span>
                    <span class="wk-visually-hidden"> {t('knowledge.reviewByMovedTo')} </span>
                  </>
                ) : null}
                <time dateTime={v.review_by_after}>{formatDate(v.review_by_after, lang)}</time>
              </td>
              <td class="utrecht-table__cell wk-story-text__para">{v.remark ?? t('common.none')}</td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
