// /verhalen — the stories the user may read, with filters (period, team, teller kind,
// topic, valuation, search) in the URL's query string. Quality staff also get the tabs
// "Te beoordelen" (status=pending: the public stories to accept or reject) and
// "Afgewezen". Pages of 50: by offset (?vanaf=) within the server's first 10,000 stories,
// by the server's cursor (?na=…&p=…) beyond (lib/paging.ts, cursorPaging).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, type Me, type Signs, type StoryPage, type Team } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { dateInputValue, formatDate } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import { loadStaffSigns } from '../../lib/signs';
import { navigate, useFormFromSearch } from '../../lib/router';
import { useListPage } from '../../lib/hooks';
import { can } from '../../lib/roles';
import {
  readFilterDates,
  searchFromStoryFilter,
  storyFilterFromSearch,
  storyList,
  valueLabel,
  STORIES_PAGE_SIZE,
  type StoryFilter,
} from '../../lib/stories';
import { firstPage, tabStorage } from '../../lib/paging';
import { teamFilterChoices } from '../../lib/teams';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { StoryFilterFields } from './StoryFilterFields';

/** The filter form holds dates as typed (dd-mm-jjjj). */
type FormState = Omit<StoryFilter, 'offset' | 'cursor' | 'page'>;

/** The cursor pages this tab has seen (for "Vorige" deep in the list). */
const cursors = storyList.cursors(tabStorage());

export function StoryListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const quality = can(me, 'moderate_stories');
  const [status, setStatus] = useState<string | null>(null);
  const { search, applied, data, error, setError, busy, onPaged } = useListPage({
    read: storyFilterFromSearch,
    load: (f: StoryFilter) =>
      api.stories({
        from: f.from || null,
        to: f.to || null,
        team: f.team || null,
        teller: f.teller || null,
        topic: f.topic || null,
        valuation: f.valuation || null,
        status: quality && f.status ? f.status : null,
        q: f.q || null,
        limit: STORIES_PAGE_SIZE,
        // The server takes one or the other.
        ...(f.cursor ? { cursor: f.cursor } : { offset: f.offset }),
      }),
    captionId: 'stories-caption',
    loaded: (page: StoryPage, f) => {
      if (f.cursor) cursors.remember(f, f.page, f.cursor);
      const filtered = searchFromStoryFilter({ ...firstPage(f), status: '' });
      if (filtered) setStatus(storyList.found(t, lang, page));
    },
  });
  const toForm = ({ offset: _o, cursor: _c, page: _p, ...f }: StoryFilter): FormState => ({
    ...f,
    from: dateInputValue(f.from),
    to: dateInputValue(f.to),
  });
  const [form, setForm] = useFormFromSearch<FormState>(search, () => toForm(applied));
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  /** The filter's topics and valuations: those offered to staff. */
  const [signs, setSigns] = useState<Signs | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [flash] = useState(() => takeFlash());

  useEffect(() => {
    Promise.all([loadStaffSigns(), api.teams().catch(() => ({ items: [] as Team[] }))]).then(
      ([f, tl]) => {
        setSigns(f);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const onFilter = (e: Event) => {
    e.preventDefault();
    const { from, to, bad } = readFilterDates(form);
    const errs: Record<string, string> = {};
    for (const key of bad) errs[key] = t('stories.filter.badDate');
    setDateErrors(errs);
    if (bad.length) {
      requestAnimationFrame(() => document.getElementById(`stories-${bad[0]}`)?.focus());
      return;
    }
    navigate(`/verhalen${searchFromStoryFilter({ ...form, from, to, offset: 0, cursor: '', page: 0 })}`);
  };
  const onReset = () => navigate(applied.status ? `/verhalen?status=${applied.status}` : '/verhalen');

  const tab = quality ? applied.status : '';
  const paging = data
    ? storyList.paging(
        data.filter,
        { count: data.items.length, total: data.total, total_exact: data.total_exact, next_cursor: data.next_cursor },
        (p) => cursors.get(data.filter, p),
      )
    : null;
  const caption = data && paging ? storyList.caption(t, lang, paging.range, data) : t('stories.title');
  const anyFilter = !!searchFromStoryFilter({ ...firstPage(applied), status: '' });
  const tabs: [string, MessageKey][] = [
    ['', 'stories.tab.published'],
    ['pending', 'stories.tab.pending'],
    ['rejected', 'stories.tab.rejected'],
  ];

  return (
    <>
      <PageHeading>{t('stories.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('stories.intro')}</p>
      <p class="utrecht-paragraph wk-actions">
        {can(me, 'share_stories') ? (
          <Link
            id="stories-new"
            href="/verhalen/nieuw"
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link"
          >
            {t('stories.new')}
          </Link>
        ) : null}
        {can(me, 'see_story_stats') ? (
          <Link
            id="stories-dashboard"
            href="/verhalen/dashboard"
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
          >
            {t('stories.dashboardLink')}
          </Link>
        ) : null}
        <Link
          id="stories-best-practices"
          href="/best-practices"
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
        >
          {t('nav.bestPractices')}
        </Link>
      </p>

      {quality ? (
        <nav class="wk-tabs" aria-label={t('stories.tabs')}>
          <ul class="wk-tabs__list">
            {tabs.map(([s, key]) => (
              <li key={s}>
                <Link
                  id={`stories-tab-${s || 'published'}`}
                  href={s ? `/verhalen?status=${s}` : '/verhalen'}
                  class={`wk-tabs__link${tab === s ? ' wk-tabs__link--current' : ''}`}
                  aria-current={tab === s ? 'page' : undefined}
                >
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <form class="utrecht-form wk-filter" onSubmit={onFilter} aria-label={t('stories.filter.label')} noValidate>
        <StoryFilterFields
          prefix="stories"
          value={form}
          onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
          errors={dateErrors}
          teams={teamFilterChoices(me, teams, 'stories', form.team)}
          topics={signs?.topics ?? []}
          valuations={signs?.valuations ?? []}
        />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('stories.filter.submit')}
          </button>
          {anyFilter ? (
            <button type="button" class="utrecht-button utrecht-button--subtle wk-button--plain" onClick={onReset}>
              {t('stories.filter.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <LiveRegions error={error} status={flash?.message ?? null} />
      <div role="status" class="wk-visually-hidden">
        {status ?? ''}
      </div>

      {data === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <DataTable
            id="stories"
            tableClass="wk-stories"
            caption={caption}
            columns={[
              { key: 'date', label: t('stories.col.date') },
              { key: 'title', label: t('stories.col.title') },
              { key: 'topic', label: t('stories.col.topic') },
              { key: 'valuation', label: t('stories.col.valuation') },
              { key: 'team', label: t('stories.col.team') },
              { key: 'teller', label: t('stories.col.teller') },
            ]}
            empty={
              anyFilter
                ? t('stories.emptyFiltered')
                : tab === 'pending'
                  ? t('stories.emptyPending')
                  : t('stories.empty')
            }
            rows={data.items}
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
                <td class="utrecht-table__cell">{s.team?.name ?? t('stories.noTeam')}</td>
                <td class="utrecht-table__cell">{t(`teller.${s.teller_kind}` as MessageKey)}</td>
              </tr>
            )}
          />
          <Pager
            path="/verhalen"
            prev={paging?.prev ?? null}
            next={paging?.next ?? null}
            first={paging?.first ?? null}
            label={t('stories.pager')}
            prevText={t('stories.prev')}
            nextText={t('stories.next')}
            firstText={t('paging.first')}
            where={caption}
            onNavigate={onPaged}
          />
          {can(me, 'export_stories') && !tab ? <ExportLinks filter={applied} /> : null}
        </div>
      )}
    </>
  );
}

/** "Exporteren (CSV)" and "(Excel)": the published stories with the list's current filter. */
function ExportLinks({ filter }: { filter: StoryFilter }) {
  const { t } = useI18n();
  const q = {
    from: filter.from || null,
    to: filter.to || null,
    team: filter.team || null,
    teller: filter.teller || null,
    topic: filter.topic || null,
    valuation: filter.valuation || null,
    q: filter.q || null,
  };
  return (
    <p class="utrecht-paragraph wk-export" id="stories-export">
      {t('stories.export')}{' '}
      <a id="stories-export-csv" class="utrecht-link utrecht-link--html-a" href={api.storyExportUrl(q, 'csv')} download>
        {t('stories.exportCsv')}
      </a>{' '}
      <a
        id="stories-export-xlsx"
        class="utrecht-link utrecht-link--html-a"
        href={api.storyExportUrl(q, 'xlsx')}
        download
      >
        {t('stories.exportXlsx')}
      </a>
    </p>
  );
}
