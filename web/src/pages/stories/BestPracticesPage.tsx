// /best-practices — the stories that quality staff promoted to a best practice, newest
// first (50 per page, `?vanaf=` up to the server's 10,000: lib/paging.ts, offsetPaging):
// title and summary, the story, the session that looked at it, who made it and when, and
// the state of the knowledge-base item it became (a draft methodiek; its title links
// there when the user may open it).
import { useI18n } from '../../i18n/context';
import { api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useListPage } from '../../lib/hooks';
import { countCaption, offsetPaging, offsetQuery, offsetSearch } from '../../lib/paging';
import { can } from '../../lib/roles';
import { KnowledgeStatusBadge } from '../knowledge/KnowledgeParts';

const PAGE_SIZE = 50;

export function BestPracticesPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { data, error, onPaged } = useListPage({
    read: offsetQuery,
    load: (offset: number) => api.bestPractices({ limit: PAGE_SIZE, offset }),
    captionId: 'best-practices-caption',
  });

  const items = data?.items ?? null;
  const paging = data
    ? offsetPaging(
        { offset: data.filter },
        { count: data.items.length, total: data.total, total_exact: data.total_exact },
        PAGE_SIZE,
        (f) => offsetSearch(f.offset),
      )
    : null;
  const where =
    (data &&
      paging &&
      countCaption(
        t,
        lang,
        { exact: 'bestPractices.caption', more: 'bestPractices.captionMore' },
        paging.range,
        data,
      )) ||
    t('bestPractices.title');

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/verhalen">{t('story.back')}</Link>
      </p>
      <PageHeading>{t('bestPractices.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('bestPractices.intro')}</p>
      <LiveRegions error={error} />
      {items === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <DataTable
          id="best-practices"
          tableClass="wk-best-practices"
          caption={where}
          columns={[
            { key: 'title', label: t('bestPractices.col.title') },
            { key: 'story', label: t('bestPractices.col.story') },
            { key: 'session', label: t('bestPractices.col.session') },
            { key: 'created', label: t('bestPractices.col.created') },
            { key: 'status', label: t('bestPractices.col.status') },
          ]}
          empty={t('bestPractices.empty')}
          rows={items}
          renderRow={(bp) => (
            <tr class="utrecht-table__row" key={bp.id} data-best-practice-id={bp.id}>
              <th scope="row" class="utrecht-table__header-cell">
                <span class="wk-bp__title">
                  {/* Its knowledge-base item: a draft opens for quality staff, a published one for everyone. */}
                  {bp.knowledge_item && (bp.knowledge_item.status === 'gepubliceerd' || can(me, 'review_knowledge')) ? (
                    <Link href={`/kennisbank/${bp.knowledge_item.id}`}>{bp.title}</Link>
                  ) : (
                    bp.title
                  )}
                </span>
                <span class="wk-bp__summary">{bp.summary}</span>
              </th>
              <td class="utrecht-table__cell">
                <Link href={`/verhalen/${bp.story.id}`}>{bp.story.title}</Link>
                <span class="wk-muted wk-bp__date"> ({formatDate(bp.story.date, lang)})</span>
              </td>
              <td class="utrecht-table__cell">
                {bp.session ? (
                  <>
                    <Link href={`/duidingssessies/${bp.session.id}`}>{bp.session.title}</Link>
                    <span class="wk-muted wk-bp__date"> ({formatDate(bp.session.date, lang)})</span>
                  </>
                ) : (
                  t('common.none')
                )}
              </td>
              <td class="utrecht-table__cell">
                <time dateTime={bp.created_at}>{formatDate(bp.created_at, lang)}</time>
                <span class="wk-muted"> {t('bestPractices.by', { name: bp.created_by.name })}</span>
              </td>
              <td class="utrecht-table__cell">
                {bp.knowledge_item ? (
                  <KnowledgeStatusBadge status={bp.knowledge_item.status} />
                ) : (
                  <span class="utrecht-status-badge wk-badge wk-badge--concept">
                    {t(`bestPractices.status.${bp.status}`)}
                  </span>
                )}
              </td>
            </tr>
          )}
        />
      )}
      <Pager
        path="/best-practices"
        prev={paging?.prev ?? null}
        next={paging?.next ?? null}
        stopText={paging?.stopped ? t('paging.refine') : null}
        label={t('bestPractices.pager')}
        prevText={t('stories.prev')}
        nextText={t('stories.next')}
        where={where}
        onNavigate={onPaged}
      />
    </>
  );
}
