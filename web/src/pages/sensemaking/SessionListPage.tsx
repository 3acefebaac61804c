// /duidingssessies — the sense-making sessions, newest first: date, title, facilitator,
// status and how many stories, themes and (open) actions each has. Tabs Alle / Open /
// Afgesloten (`?status=open|closed`), 50 per page (`?vanaf=`, up to the server's 10,000:
// lib/paging.ts, offsetPaging). "Nieuwe sessie" for quality staff; everyone else who
// reads stories sees the sessions read-only.
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { api, type Me, type SessionStatus } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import { useListPage } from '../../lib/hooks';
import { can } from '../../lib/roles';
import { countCaption, FIRST_PAGE, listSearch, offsetPaging, offsetQuery } from '../../lib/paging';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { SessionStatusBadge } from './SessionStatusBadge';

export const SESSIONS_PAGE_SIZE = 50;

/** `?status=open&vanaf=50` → the tab and the offset. */
export function sessionListQuery(search: string): { status: SessionStatus | ''; offset: number } {
  const status = new URLSearchParams(search).get('status');
  return { status: status === 'open' || status === 'closed' ? status : '', offset: offsetQuery(search) };
}

function searchOf({ status, offset }: { status: SessionStatus | ''; offset: number }): string {
  return listSearch([['status', status]], { ...FIRST_PAGE, offset });
}

export function SessionListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { applied, data, error, busy, onPaged } = useListPage({
    read: sessionListQuery,
    load: (f) => api.sessions({ status: f.status || null, limit: SESSIONS_PAGE_SIZE, offset: f.offset }),
    captionId: 'sessions-caption',
  });
  const [flash] = useState(() => takeFlash());

  const tabs: [SessionStatus | '', MessageKey][] = [
    ['', 'sessions.tab.all'],
    ['open', 'sessions.tab.open'],
    ['closed', 'sessions.tab.closed'],
  ];
  const paging = data
    ? offsetPaging(
        { status: applied.status, offset: data.filter.offset },
        { count: data.items.length, total: data.total, total_exact: data.total_exact },
        SESSIONS_PAGE_SIZE,
        searchOf,
      )
    : null;
  const caption =
    (data &&
      paging &&
      countCaption(t, lang, { exact: 'sessions.caption', more: 'sessions.captionMore' }, paging.range, data)) ||
    t('sessions.title');

  return (
    <>
      <PageHeading>{t('sessions.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('sessions.intro')}</p>
      {can(me, 'run_sessions') ? (
        <p class="utrecht-paragraph wk-actions">
          <Link
            id="sessions-new"
            href="/duidingssessies/nieuw"
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link"
          >
            {t('sessions.new')}
          </Link>
        </p>
      ) : (
        <p class="utrecht-paragraph wk-readonly-note">{t('sessions.readOnly')}</p>
      )}

      <nav class="wk-tabs" aria-label={t('sessions.tabs')}>
        <ul class="wk-tabs__list">
          {tabs.map(([s, key]) => (
            <li key={s}>
              <Link
                id={`sessions-tab-${s || 'all'}`}
                href={s ? `/duidingssessies?status=${s}` : '/duidingssessies'}
                class={`wk-tabs__link${applied.status === s ? ' wk-tabs__link--current' : ''}`}
                aria-current={applied.status === s ? 'page' : undefined}
              >
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <LiveRegions error={error} status={flash?.message ?? null} />
      {data === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <DataTable
            id="sessions"
            tableClass="wk-sessions"
            caption={caption}
            columns={[
              { key: 'date', label: t('sessions.col.date') },
              { key: 'title', label: t('sessions.col.title') },
              { key: 'facilitator', label: t('sessions.col.facilitator') },
              { key: 'status', label: t('sessions.col.status') },
              { key: 'stories', label: t('sessions.col.stories'), numeric: true },
              { key: 'themes', label: t('sessions.col.themes'), numeric: true },
              { key: 'actions', label: t('sessions.col.actions'), numeric: true },
            ]}
            empty={applied.status ? t('sessions.emptyFiltered') : t('sessions.empty')}
            rows={data.items}
            renderRow={(s) => (
              <tr class="utrecht-table__row" key={s.id} data-session-id={s.id}>
                <td class="utrecht-table__cell wk-nowrap">
                  <time dateTime={s.date}>{formatDate(s.date, lang)}</time>
                </td>
                <th scope="row" class="utrecht-table__header-cell">
                  <Link href={`/duidingssessies/${s.id}`}>{s.title}</Link>
                </th>
                <td class="utrecht-table__cell">{s.facilitator.name}</td>
                <td class="utrecht-table__cell">
                  <SessionStatusBadge status={s.status} />
                </td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{s.story_count}</td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{s.theme_count}</td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
                  {t('sessions.actionCounts', { open: s.open_action_count, total: s.action_count })}
                </td>
              </tr>
            )}
          />
          <Pager
            path="/duidingssessies"
            prev={paging?.prev ?? null}
            next={paging?.next ?? null}
            stopText={paging?.stopped ? t('paging.refine') : null}
            label={t('sessions.pager')}
            prevText={t('stories.prev')}
            nextText={t('stories.next')}
            where={caption}
            onNavigate={onPaged}
          />
        </div>
      )}
    </>
  );
}
