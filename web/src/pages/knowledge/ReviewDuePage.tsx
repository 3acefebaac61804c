// /kennisbank/te-herzien — for owners: their published items whose review-by date has
// passed or falls within 30 days (soonest first), and their items colleagues rate
// lowest. Quality staff switch between their own items and all items (`?eigenaar=alle`).
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type DueItem, type Me, type RatedItem } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { formatDate } from '../../lib/format';
import { formatAverage } from '../../lib/knowledge';
import { useSearch } from '../../lib/router';
import { can } from '../../lib/roles';
import { DataTable } from '../../components/DataTable';
import { Link } from '../../components/Link';
import { LiveRegions, Loading } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { OverdueBadge, categoryKey } from './KnowledgeParts';

const WITHIN_DAYS = 30;

export function ReviewDuePage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const quality = can(me, 'review_knowledge');
  const all = quality && new URLSearchParams(search).get('eigenaar') === 'alle';
  const owner = all ? 'all' : 'me';
  const [due, setDue] = useState<{ items: DueItem[]; overdue: number; due: number } | null>(null);
  const [rated, setRated] = useState<RatedItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const showError = (err: unknown) => setError(describeError(err, t, lang).message);
  useLoad(
    () => {
      setDue(null);
      return api.reviewDue({ owner, within: WITHIN_DAYS });
    },
    [owner],
    { ok: setDue, fail: showError },
  );
  useLoad(
    () => {
      setRated(null);
      return api.lowestRated({ owner, limit: 10 });
    },
    [owner],
    {
      ok: (r) => setRated(r.items),
      fail: (err) => {
        setRated([]);
        showError(err);
      },
    },
  );

  const daysText = (d: number) =>
    d < 0
      ? d === -1
        ? t('knowledgeDue.daysOverOne')
        : t('knowledgeDue.daysOver', { count: -d })
      : d === 0
        ? t('knowledgeDue.today')
        : d === 1
          ? t('knowledgeDue.daysLeftOne')
          : t('knowledgeDue.daysLeft', { count: d });

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/kennisbank">{t('knowledge.back')}</Link>
      </p>
      <PageHeading>{t('knowledgeDue.title')}</PageHeading>
      <p class="utrecht-paragraph">{all ? t('knowledgeDue.introAll') : t('knowledgeDue.intro')}</p>
      {quality ? (
        <nav class="wk-tabs" aria-label={t('knowledgeDue.tabs')}>
          <ul class="wk-tabs__list">
            {(
              [
                ['', 'knowledgeDue.tab.mine'],
                ['alle', 'knowledgeDue.tab.all'],
              ] as const
            ).map(([value, key]) => {
              const current = (value === 'alle') === all;
              return (
                <li key={value}>
                  <Link
                    id={`kb-due-tab-${value || 'mine'}`}
                    href={value ? `/kennisbank/te-herzien?eigenaar=${value}` : '/kennisbank/te-herzien'}
                    class={`wk-tabs__link${current ? ' wk-tabs__link--current' : ''}`}
                    aria-current={current ? 'page' : undefined}
                  >
                    {t(key)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
      <LiveRegions error={error} />

      <section class="wk-section" aria-labelledby="kb-due-title">
        <h2 id="kb-due-title" class="utrecht-heading-2">
          {t('knowledgeDue.dueTitle', { days: WITHIN_DAYS })}
        </h2>
        {due === null ? (
          error ? null : (
            <Loading />
          )
        ) : (
          <>
            <dl class="wk-counts" id="kb-due-counts">
              <div class="wk-counts__item">
                <dt>{t('knowledgeDue.overdue')}</dt>
                <dd class="wk-counts__value">{due.overdue}</dd>
              </div>
              <div class="wk-counts__item">
                <dt>{t('knowledgeDue.due', { days: WITHIN_DAYS })}</dt>
                <dd class="wk-counts__value">{due.due}</dd>
              </div>
            </dl>
            <DataTable
              id="kb-due"
              labelledBy="kb-due-title"
              tableClass="wk-kb-due"
              columns={[
                { key: 'title', label: t('knowledge.col.title') },
                { key: 'category', label: t('knowledge.col.category') },
                ...(all ? [{ key: 'owner', label: t('knowledge.col.owner') }] : []),
                { key: 'review', label: t('knowledge.col.reviewBy') },
                { key: 'days', label: t('knowledgeDue.col.days') },
              ]}
              empty={t('knowledgeDue.empty', { days: WITHIN_DAYS })}
              rows={due.items}
              renderRow={(i) => (
                <tr class={`utrecht-table__row${i.overdue ? ' wk-row--overdue' : ''}`} key={i.id} data-item-id={i.id}>
                  <th scope="row" class="utrecht-table__header-cell">
                    <Link href={`/kennisbank/${i.id}`}>{i.title}</Link>
                  </th>
                  <td class="utrecht-table__cell">{t(categoryKey(i.category))}</td>
                  {all ? <td class="utrecht-table__cell">{i.owner?.name ?? t('common.none')}</td> : null}
                  <td class="utrecht-table__cell wk-nowrap">
                    {i.review_by ? (
                      <time dateTime={i.review_by}>{formatDate(i.review_by, lang)}</time>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                  <td class="utrecht-table__cell">
                    {i.overdue ? (
                      <>
                        <OverdueBadge /> {daysText(i.days_left)}
                      </>
                    ) : (
                      daysText(i.days_left)
                    )}
                  </td>
                </tr>
              )}
            />
          </>
        )}
      </section>

      <section class="wk-section" aria-labelledby="kb-lowest-title">
        <h2 id="kb-lowest-title" class="utrecht-heading-2">
          {t('knowledgeDue.lowest')}
        </h2>
        <p class="utrecht-paragraph">{t('knowledgeDue.lowestIntro')}</p>
        {rated === null ? (
          <Loading />
        ) : (
          <DataTable
            id="kb-lowest"
            labelledBy="kb-lowest-title"
            tableClass="wk-kb-lowest"
            columns={[
              { key: 'title', label: t('knowledge.col.title') },
              { key: 'category', label: t('knowledge.col.category') },
              ...(all ? [{ key: 'owner', label: t('knowledge.col.owner') }] : []),
              { key: 'juistheid', label: t('knowledge.juistheid'), numeric: true },
              { key: 'volledigheid', label: t('knowledge.volledigheid'), numeric: true },
              { key: 'count', label: t('knowledgeDue.col.count'), numeric: true },
            ]}
            empty={t('knowledgeDue.lowestEmpty')}
            rows={rated}
            renderRow={(i) => (
              <tr class="utrecht-table__row" key={i.id} data-item-id={i.id}>
                <th scope="row" class="utrecht-table__header-cell">
                  <Link href={`/kennisbank/${i.id}`}>{i.title}</Link>
                </th>
                <td class="utrecht-table__cell">{t(categoryKey(i.category))}</td>
                {all ? <td class="utrecht-table__cell">{i.owner?.name ?? t('common.none')}</td> : null}
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">
                  {formatAverage(i.ratings.juistheid)}
                </td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">
                  {formatAverage(i.ratings.volledigheid)}
                </td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{i.ratings.count}</td>
              </tr>
            )}
          />
        )}
      </section>
    </>
  );
}
