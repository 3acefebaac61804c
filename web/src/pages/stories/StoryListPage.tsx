// /verhalen — the stories the user may read, with filters (period, team, teller kind,
// topic, valuation, search) in the URL's query string. Quality staff also get the tabs
// "Te beoordelen" (status=pending: the public stories to accept or reject) and
// "Afgewezen".
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, TELLER_KINDS, type Me, type StoryForm, type StoryPage, type Team } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { dateInputValue, formatDate, parseDateInput } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import { navigate, useSearch } from '../../lib/router';
import { canSeeStoryStats, canWriteStories, isQuality } from '../../lib/roles';
import { searchFromStoryFilter, storyFilterFromSearch, valueLabel, type StoryFilter } from '../../lib/stories';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';

export const STORIES_PAGE_SIZE = 50;

/** The filter form holds dates as typed (dd-mm-jjjj). */
type FormState = Omit<StoryFilter, 'offset'>;

export function StoryListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const applied = useMemo(() => storyFilterFromSearch(search), [search]);
  const toForm = (f: StoryFilter): FormState => ({ ...f, from: dateInputValue(f.from), to: dateInputValue(f.to) });
  const [form, setForm] = useState<FormState>(() => toForm(applied));
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const [signs, setSigns] = useState<StoryForm | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [data, setData] = useState<(StoryPage & { offset: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState(() => takeFlash());
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quality = isQuality(me.roles);
  const paged = useRef(false);

  useEffect(() => {
    Promise.all([api.storyForm(me.organisation.slug), api.teams().catch(() => ({ items: [] as Team[] }))]).then(
      ([f, tl]) => {
        setSigns(f);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  useEffect(() => {
    setForm(toForm(applied));
    let stale = false;
    setBusy(true);
    api
      .stories({
        from: applied.from || null,
        to: applied.to || null,
        team: applied.team || null,
        teller: applied.teller || null,
        topic: applied.topic || null,
        valuation: applied.valuation || null,
        status: quality && applied.status ? applied.status : null,
        q: applied.q || null,
        limit: STORIES_PAGE_SIZE,
        offset: applied.offset,
      })
      .then(
        (page) => {
          if (stale) return;
          setData({ ...page, offset: applied.offset });
          setError(null);
          if (paged.current) {
            paged.current = false;
            requestAnimationFrame(() => document.getElementById('stories-caption')?.closest<HTMLElement>('[role="region"]')?.focus());
          }
          const filtered = searchFromStoryFilter({ ...applied, status: '', offset: 0 });
          if (filtered) setStatus(page.total === 1 ? t('stories.foundOne') : t('stories.found', { count: page.total }));
        },
        (err) => {
          if (!stale) setError(describeError(err, t, lang).message);
        },
      )
      .finally(() => {
        if (!stale) setBusy(false);
      });
    return () => {
      stale = true;
    };
  }, [search]);

  const set = <K extends keyof FormState>(key: K) => (value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const onFilter = (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const from = form.from.trim() ? parseDateInput(form.from) : '';
    const to = form.to.trim() ? parseDateInput(form.to) : '';
    if (from === null) errs.from = t('stories.filter.badDate');
    if (to === null) errs.to = t('stories.filter.badDate');
    setDateErrors(errs);
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => document.getElementById(errs.from ? 'stories-from' : 'stories-to')?.focus());
      return;
    }
    navigate(`/verhalen${searchFromStoryFilter({ ...form, from: from ?? '', to: to ?? '', offset: 0 })}`);
  };
  const onReset = () => navigate(applied.status ? `/verhalen?status=${applied.status}` : '/verhalen');

  const tab = quality ? applied.status : '';
  const total = data?.total ?? 0;
  const shownOffset = data?.offset ?? 0;
  const from = shownOffset + 1;
  const to = Math.min(shownOffset + (data?.items.length ?? 0), total);
  const prev = shownOffset > 0 ? searchFromStoryFilter({ ...applied, offset: Math.max(0, shownOffset - STORIES_PAGE_SIZE) }) : null;
  const next = shownOffset + STORIES_PAGE_SIZE < total ? searchFromStoryFilter({ ...applied, offset: shownOffset + STORIES_PAGE_SIZE }) : null;
  const anyFilter = !!searchFromStoryFilter({ ...applied, status: '', offset: 0 });
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
        {canWriteStories(me.roles) ? (
          <Link id="stories-new" href="/verhalen/nieuw" class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link">
            {t('stories.new')}
          </Link>
        ) : null}
        {canSeeStoryStats(me.roles) ? (
          <Link id="stories-dashboard" href="/verhalen/dashboard" class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link">
            {t('stories.dashboardLink')}
          </Link>
        ) : null}
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
        <TextField id="stories-from" label={t('stories.filter.from')} value={form.from} onValue={set('from')} error={dateErrors.from} narrow spellcheck={false} />
        <TextField id="stories-to" label={t('stories.filter.to')} value={form.to} onValue={set('to')} error={dateErrors.to} narrow spellcheck={false} />
        <SelectField
          id="stories-team"
          label={t('stories.filter.team')}
          value={form.team}
          onValue={set('team')}
          placeholder={t('stories.filter.allTeams')}
          options={teams.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <SelectField
          id="stories-teller"
          label={t('stories.filter.teller')}
          value={form.teller}
          onValue={set('teller')}
          placeholder={t('stories.filter.allTellers')}
          options={TELLER_KINDS.map((k) => ({ value: k, label: t(`teller.${k}` as MessageKey) }))}
        />
        <SelectField
          id="stories-topic"
          label={t('stories.filter.topic')}
          value={form.topic}
          onValue={set('topic')}
          placeholder={t('stories.filter.allTopics')}
          options={(signs?.topics ?? []).map((v) => ({ value: String(v.id), label: valueLabel(v, lang) }))}
        />
        <SelectField
          id="stories-valuation"
          label={t('stories.filter.valuation')}
          value={form.valuation}
          onValue={set('valuation')}
          placeholder={t('stories.filter.allValuations')}
          options={(signs?.valuations ?? []).map((v) => ({ value: String(v.id), label: valueLabel(v, lang) }))}
        />
        <TextField id="stories-q" label={t('stories.filter.q')} value={form.q} onValue={set('q')} maxLength={100} />
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
        error ? null : <Loading />
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <DataTable
            id="stories"
            tableClass="wk-stories"
            caption={total ? t('stories.caption', { from, to, total }) : t('stories.title')}
            columns={[
              { key: 'date', label: t('stories.col.date') },
              { key: 'title', label: t('stories.col.title') },
              { key: 'topic', label: t('stories.col.topic') },
              { key: 'valuation', label: t('stories.col.valuation') },
              { key: 'team', label: t('stories.col.team') },
              { key: 'teller', label: t('stories.col.teller') },
            ]}
            empty={anyFilter ? t('stories.emptyFiltered') : tab === 'pending' ? t('stories.emptyPending') : t('stories.empty')}
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
            prev={prev}
            next={next}
            label={t('stories.pager')}
            prevText={t('stories.prev')}
            nextText={t('stories.next')}
            where={t('stories.caption', { from, to, total })}
            onNavigate={() => (paged.current = true)}
          />
        </div>
      )}
    </>
  );
}
