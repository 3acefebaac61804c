// /kennisbank — the knowledge base: a search box that searches as you type (200 ms
// after the last key; Dutch stemming on the server, snippets with the words found
// marked, counts per category and tag to narrow the search), filters on category, tag
// and (quality staff) status, all in the URL (`zoek`, `categorie`, `tag`, `status`,
// `vanaf`, up to the server's 10,000: lib/paging.ts, offsetPaging); without search text
// the items are listed in a table. Beside them the most consulted items of this year. "Nieuw item" and "Te herzien" for those who write items;
// "Mijn concepten" (their own items in concept or ter review) for those who write or own items.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import {
  api,
  KNOWLEDGE_CATEGORIES,
  KNOWLEDGE_STATUSES,
  type KnowledgeSearchResult,
  type KnowledgeSummary,
  type Me,
  type MostConsulted,
} from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { formatCount, formatDate, formatDateTime, todayIso } from '../../lib/format';
import { takeFlash } from '../../lib/flash';
import {
  knowledgeFilterFromSearch,
  normaliseTag,
  searchFromKnowledgeFilter,
  type KnowledgeFilter,
} from '../../lib/knowledge';
import { countCaption, countFound, offsetPaging, type PageFacts } from '../../lib/paging';
import { navigate, useSearch } from '../../lib/router';
import { can } from '../../lib/roles';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { LiveRegions, Loading } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import {
  CategoryBadge,
  KnowledgeStatusBadge,
  OverdueBadge,
  TagList,
  categoryKey,
  knowledgeStatusKey,
  useMayWriteKnowledge,
} from './KnowledgeParts';

export const KNOWLEDGE_PAGE_SIZE = 20;
/** Search this long after the last key. */
const TYPING_DELAY_MS = 200;

type Shown =
  | { mode: 'list'; items: KnowledgeSummary[]; total: number; total_exact: boolean; offset: number }
  | { mode: 'search'; q: string; result: KnowledgeSearchResult; offset: number };

/** The counts of what is shown: the search counts every match. */
function factsOf(shown: Shown): PageFacts {
  return shown.mode === 'search'
    ? { count: shown.result.items.length, total: shown.result.total, total_exact: true }
    : { count: shown.items.length, total: shown.total, total_exact: shown.total_exact };
}

export function KnowledgeListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const applied = useMemo(() => knowledgeFilterFromSearch(search), [search]);
  const quality = can(me, 'review_knowledge');
  const mayWrite = useMayWriteKnowledge(me);
  const [q, setQ] = useState(applied.q);
  const [tag, setTag] = useState(applied.tag);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [flash] = useState(() => takeFlash());
  const paged = useRef(false);
  const typing = useRef<number | undefined>(undefined);

  const go = (f: KnowledgeFilter, replace = false) =>
    navigate(`/kennisbank${searchFromKnowledgeFilter(f)}`, { replace });

  // The address changed (a filter, a tag link, the pager, Back): fetch; the boxes follow
  // unless the user is typing in them.
  const busy = useLoad(
    (): Promise<Shown> => {
      const active = document.activeElement?.id;
      if (active !== 'kb-q') setQ(applied.q);
      if (active !== 'kb-tag') setTag(applied.tag);
      const status = quality && applied.status ? applied.status : null;
      const common = {
        category: applied.category || null,
        tag: applied.tag || null,
        status,
        limit: KNOWLEDGE_PAGE_SIZE,
        offset: applied.offset,
      };
      const term = applied.q.trim();
      return term
        ? api
            .knowledgeSearch({ q: term, ...common })
            .then((result): Shown => ({ mode: 'search', q: term, result, offset: applied.offset }))
        : api.knowledgeList(common).then((page): Shown => ({
            mode: 'list',
            items: page.items,
            total: page.total,
            total_exact: page.total_exact,
            offset: applied.offset,
          }));
    },
    [search],
    {
      ok: (next) => {
        setShown(next);
        setError(null);
        const facts = factsOf(next);
        if (next.mode === 'search') {
          const { total } = facts;
          setAnnounce(
            total === 0
              ? t('knowledge.foundNone', { q: next.q })
              : total === 1
                ? t('knowledge.foundOne', { q: next.q })
                : t('knowledge.found', { count: formatCount(total, lang), q: next.q }),
          );
        } else if (applied.category || applied.tag || applied.status) {
          setAnnounce(
            countFound(
              t,
              lang,
              { one: 'knowledge.listedOne', many: 'knowledge.listed', more: 'knowledge.listedMore' },
              facts,
            ),
          );
        } else setAnnounce('');
        if (paged.current) {
          paged.current = false;
          requestAnimationFrame(() => document.getElementById('kb-results-title')?.focus());
        }
      },
      fail: (err) => setError(describeError(err, t, lang).message),
    },
  );

  // Search as you type: the address follows the box 200 ms after the last key.
  const onTyped = (value: string) => {
    setQ(value);
    window.clearTimeout(typing.current);
    typing.current = window.setTimeout(() => {
      if (value.trim() !== applied.q.trim()) go({ ...applied, q: value, offset: 0 }, true);
    }, TYPING_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(typing.current), []);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    window.clearTimeout(typing.current);
    go({ ...applied, q, tag: normaliseTag(tag), offset: 0 });
  };
  const anyFilter = !!searchFromKnowledgeFilter({ ...applied, offset: 0 });

  // Tags to suggest in the tag box: those of the search's facets and of the items shown.
  const knownTags = useMemo(() => {
    const set = new Set<string>();
    if (shown?.mode === 'search') for (const f of shown.result.facets.tags) set.add(f.tag);
    if (shown?.mode === 'list') for (const i of shown.items) for (const x of i.tags) set.add(x);
    return [...set].sort((a, b) => a.localeCompare(b, 'nl'));
  }, [shown]);

  const facts = shown ? factsOf(shown) : null;
  const paging =
    shown && facts
      ? offsetPaging({ ...applied, offset: shown.offset }, facts, KNOWLEDGE_PAGE_SIZE, searchFromKnowledgeFilter)
      : null;
  const where =
    (facts &&
      paging &&
      countCaption(t, lang, { exact: 'knowledge.caption', more: 'knowledge.captionMore' }, paging.range, facts)) ||
    t('knowledge.items');

  return (
    <>
      <PageHeading>{t('knowledge.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('knowledge.intro')}</p>
      {mayWrite || quality ? (
        <p class="utrecht-paragraph wk-actions">
          {mayWrite ? (
            <Link
              id="kb-new"
              href="/kennisbank/nieuw"
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link"
            >
              {t('knowledge.new')}
            </Link>
          ) : null}
          <Link
            id="kb-due"
            href="/kennisbank/te-herzien"
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
          >
            {t('knowledge.dueLink')}
          </Link>
        </p>
      ) : null}
      <MyDrafts always={mayWrite === true} />

      <form
        class="utrecht-form wk-filter wk-filter--help wk-kb-filter"
        role="search"
        aria-label={t('knowledge.filter.label')}
        noValidate
        onSubmit={onSubmit}
      >
        <div class="wk-kb-filter__q">
          <TextField
            id="kb-q"
            label={t('knowledge.search')}
            description={t('knowledge.searchHelp')}
            value={q}
            onValue={onTyped}
            wide
            maxLength={200}
            spellcheck={false}
          />
        </div>
        <SelectField
          id="kb-category"
          label={t('knowledge.filter.category')}
          value={applied.category}
          onValue={(category) => go({ ...applied, q, category: category as KnowledgeFilter['category'], offset: 0 })}
          placeholder={t('knowledge.filter.allCategories')}
          options={KNOWLEDGE_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
        />
        <TextField
          id="kb-tag"
          label={t('knowledge.filter.tag')}
          description={t('knowledge.filter.tagHelp')}
          value={tag}
          onValue={setTag}
          narrow
          list="kb-tag-list"
          maxLength={40}
          spellcheck={false}
        />
        <datalist id="kb-tag-list">
          {knownTags.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
        {quality ? (
          <SelectField
            id="kb-status"
            label={t('knowledge.filter.status')}
            value={applied.status}
            onValue={(status) => go({ ...applied, q, status: status as KnowledgeFilter['status'], offset: 0 })}
            placeholder={t('knowledge.filter.allStatuses')}
            options={KNOWLEDGE_STATUSES.map((s) => ({ value: s, label: t(knowledgeStatusKey(s)) }))}
          />
        ) : null}
        <div class="wk-filter__submit">
          <button type="submit" id="kb-submit" class="utrecht-button utrecht-button--secondary-action">
            {t('knowledge.filter.submit')}
          </button>
          {anyFilter ? (
            <button
              type="button"
              id="kb-reset"
              class="utrecht-button utrecht-button--subtle wk-button--plain"
              onClick={() => {
                window.clearTimeout(typing.current);
                setQ('');
                setTag('');
                go({ q: '', category: '', tag: '', status: '', offset: 0 });
              }}
            >
              {t('knowledge.filter.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <LiveRegions error={error} status={flash?.message ?? null} />
      <div role="status" class="wk-visually-hidden" id="kb-announce">
        {announce}
      </div>

      {/* Searching: the facets and the most consulted beside the results; listing: the table gets the width. */}
      <div class={`wk-kb-layout${shown?.mode === 'search' ? ' wk-kb-layout--split' : ''}`}>
        <div class="wk-kb-layout__main" aria-busy={busy ? 'true' : undefined}>
          {shown === null ? (
            error ? null : (
              <Loading />
            )
          ) : shown.mode === 'search' ? (
            <SearchResults shown={shown} />
          ) : (
            <ItemTable items={shown.items} where={where} filtered={anyFilter} />
          )}
          {shown ? (
            <Pager
              path="/kennisbank"
              prev={paging?.prev ?? null}
              next={paging?.next ?? null}
              stopText={paging?.stopped ? t('paging.refine') : null}
              label={t('knowledge.pager')}
              prevText={t('knowledge.prev')}
              nextText={t('knowledge.next')}
              where={where}
              onNavigate={() => (paged.current = true)}
            />
          ) : null}
        </div>
        <div class="wk-kb-layout__side">
          {shown?.mode === 'search' ? (
            <Facets result={shown.result} filter={applied} onFilter={(f) => go({ ...f, q, offset: 0 })} />
          ) : null}
          <MostConsultedList />
        </div>
      </div>
    </>
  );
}

function SearchResults({ shown }: { shown: Extract<Shown, { mode: 'search' }> }) {
  const { t } = useI18n();
  const { result, q } = shown;
  return (
    <section class="wk-section wk-kb-results" aria-labelledby="kb-results-title">
      <h2 id="kb-results-title" class="utrecht-heading-2" tabIndex={-1}>
        {t('knowledge.results', { q })}
      </h2>
      {result.items.length ? (
        <ol class="wk-kb-hits">
          {result.items.map((hit) => (
            <li key={hit.id} class="wk-kb-hit" data-item-id={hit.id}>
              <h3 class="utrecht-heading-3 wk-kb-hit__title">
                <Link href={`/kennisbank/${hit.id}`}>{hit.title}</Link>
              </h3>
              <p class="utrecht-paragraph wk-case-meta wk-kb-hit__meta">
                <CategoryBadge category={hit.category} />
                {hit.status !== 'gepubliceerd' ? <KnowledgeStatusBadge status={hit.status} /> : null}
                {hit.overdue ? <OverdueBadge /> : null}
              </p>
              {/* Escaped text from the server with the words found in <mark> (docs/openapi.json, KnowledgeSearchHit). */}
              <p class="utrecht-paragraph wk-kb-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet_html }} />
              <TagList tags={hit.tags} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="utrecht-paragraph">{t('knowledge.foundNone', { q })}</p>
      )}
    </section>
  );
}

function ItemTable({ items, where, filtered }: { items: KnowledgeSummary[]; where: string; filtered: boolean }) {
  const { t, lang } = useI18n();
  // Readers see published items only: a status column would say the same on every row.
  const withStatus = items.some((i) => i.status !== 'gepubliceerd' || i.draft_status);
  return (
    <section class="wk-section" aria-labelledby="kb-results-title">
      <h2 id="kb-results-title" class="utrecht-heading-2" tabIndex={-1}>
        {where}
      </h2>
      <DataTable
        id="kb-items"
        tableClass="wk-kb-items"
        labelledBy="kb-results-title"
        columns={[
          { key: 'title', label: t('knowledge.col.title') },
          { key: 'category', label: t('knowledge.col.category') },
          { key: 'tags', label: t('knowledge.col.tags') },
          { key: 'owner', label: t('knowledge.col.owner') },
          { key: 'review', label: t('knowledge.col.reviewBy') },
          ...(withStatus ? [{ key: 'status', label: t('knowledge.col.status') }] : []),
        ]}
        empty={filtered ? t('knowledge.emptyFiltered') : t('knowledge.empty')}
        rows={items}
        renderRow={(i) => (
          <tr class={`utrecht-table__row${i.overdue ? ' wk-row--overdue' : ''}`} key={i.id} data-item-id={i.id}>
            <th scope="row" class="utrecht-table__header-cell">
              <Link href={`/kennisbank/${i.id}`}>{i.title}</Link>
            </th>
            <td class="utrecht-table__cell">{t(categoryKey(i.category))}</td>
            <td class="utrecht-table__cell">{i.tags.length ? <TagList tags={i.tags} /> : t('common.none')}</td>
            <td class="utrecht-table__cell">{i.owner?.name ?? t('common.none')}</td>
            <td class="utrecht-table__cell wk-nowrap">
              {i.review_by ? <time dateTime={i.review_by}>{formatDate(i.review_by, lang)}</time> : t('common.none')}
              {i.overdue ? (
                <>
                  {' '}
                  <OverdueBadge />
                </>
              ) : null}
            </td>
            {withStatus ? (
              <td class="utrecht-table__cell">
                <KnowledgeStatusBadge status={i.status} />
                {i.draft_status ? (
                  <>
                    {' '}
                    <KnowledgeStatusBadge status={i.draft_status} prefix={t('knowledge.draftPrefix')} />
                  </>
                ) : null}
              </td>
            ) : null}
          </tr>
        )}
      />
    </section>
  );
}

/** How many of each status "Mijn concepten" asks for. */
const MY_DRAFTS_LIMIT = 100;

/**
 * "Mijn concepten": the caller's own items not yet published (`owner=me`, status
 * `concept` and `ter_review`), most recently changed first. Shown to those who write
 * items (`always`, then also when empty) and to anyone else who owns such an item; left
 * out when the server cannot say.
 */
function MyDrafts({ always }: { always: boolean }) {
  const { t, lang } = useI18n();
  const [mine, setMine] = useState<{ items: KnowledgeSummary[]; total: number } | null>(null);
  const ask = (status: 'concept' | 'ter_review') => api.knowledgeList({ owner: 'me', status, limit: MY_DRAFTS_LIMIT });
  useLoad(() => Promise.all([ask('concept'), ask('ter_review')]), [], {
    ok: (pages) => {
      const items = pages
        .flatMap((p) => p.items)
        .sort((a, b) => (b.updated_at ?? '').localeCompare(a.updated_at ?? ''));
      setMine({ items, total: pages.reduce((n, p) => n + p.total, 0) });
    },
    fail: () => setMine(null),
  });
  if (!mine || (!always && !mine.items.length)) return null;
  return (
    <section class="wk-section wk-kb-mine" aria-labelledby="kb-mine-title">
      <h2 id="kb-mine-title" class="utrecht-heading-2">
        {t('knowledge.mine')}
      </h2>
      <p class="utrecht-paragraph">{t('knowledge.mineIntro')}</p>
      <DataTable
        id="kb-mine"
        labelledBy="kb-mine-title"
        tableClass="wk-kb-mine-items"
        columns={[
          { key: 'title', label: t('knowledge.col.title') },
          { key: 'category', label: t('knowledge.col.category') },
          { key: 'status', label: t('knowledge.col.status') },
          { key: 'changed', label: t('knowledge.col.changed') },
        ]}
        empty={t('knowledge.mineEmpty')}
        rows={mine.items}
        renderRow={(i) => (
          <tr class="utrecht-table__row" key={i.id} data-item-id={i.id}>
            <th scope="row" class="utrecht-table__header-cell">
              <Link href={`/kennisbank/${i.id}`}>{i.title}</Link>
            </th>
            <td class="utrecht-table__cell">{t(categoryKey(i.category))}</td>
            <td class="utrecht-table__cell">
              <KnowledgeStatusBadge status={i.status} />
            </td>
            <td class="utrecht-table__cell wk-nowrap">
              {i.updated_at ? (
                <time dateTime={i.updated_at}>{formatDateTime(i.updated_at, lang)}</time>
              ) : (
                t('common.none')
              )}
            </td>
          </tr>
        )}
      />
      {mine.total > mine.items.length ? (
        <p class="utrecht-paragraph wk-muted">
          {t('knowledge.mineMore', { shown: mine.items.length, total: mine.total })}
        </p>
      ) : null}
    </section>
  );
}

/** Counts per category and tag of the search: press one to narrow the search, again to widen it. */
function Facets({
  result,
  filter,
  onFilter,
}: {
  result: KnowledgeSearchResult;
  filter: KnowledgeFilter;
  onFilter: (f: KnowledgeFilter) => void;
}) {
  const { t, lang } = useI18n();
  const { categories, tags, tags_counted_over: countedOver } = result.facets;
  if (!categories.length && !tags.length) return null;
  return (
    <section class="wk-section wk-kb-facets" aria-labelledby="kb-facets-title">
      <h2 id="kb-facets-title" class="utrecht-heading-2">
        {t('knowledge.facets')}
      </h2>
      {categories.length ? (
        <>
          <h3 class="utrecht-heading-3" id="kb-facets-categories">
            {t('knowledge.facets.categories')}
          </h3>
          <ul class="wk-kb-facet-list" aria-labelledby="kb-facets-categories">
            {categories.map((f) => {
              const on = filter.category === f.category;
              return (
                <li key={f.category}>
                  <button
                    type="button"
                    class="utrecht-button utrecht-button--subtle wk-kb-facet"
                    aria-pressed={on ? 'true' : 'false'}
                    onClick={() => onFilter({ ...filter, category: on ? '' : f.category })}
                  >
                    {t('knowledge.facetCount', { label: t(categoryKey(f.category)), count: f.count })}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {tags.length ? (
        <>
          <h3 class="utrecht-heading-3" id="kb-facets-tags">
            {t('knowledge.facets.tags')}
          </h3>
          {countedOver < result.total ? (
            <p class="utrecht-paragraph wk-muted" data-testid="kb-tags-counted-over">
              {t('knowledge.facets.tagsCountedOver', {
                counted: formatCount(countedOver, lang),
                total: formatCount(result.total, lang),
              })}
            </p>
          ) : null}
          <ul class="wk-kb-facet-list" aria-labelledby="kb-facets-tags">
            {tags.map((f) => {
              const on = filter.tag === f.tag;
              return (
                <li key={f.tag}>
                  <button
                    type="button"
                    class="utrecht-button utrecht-button--subtle wk-kb-facet"
                    aria-pressed={on ? 'true' : 'false'}
                    onClick={() => onFilter({ ...filter, tag: on ? '' : f.tag })}
                  >
                    {t('knowledge.facetCount', { label: f.tag, count: f.count })}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** "Meest geraadpleegd": the items opened most this year (hidden when the server cannot say). */
function MostConsultedList() {
  const { t } = useI18n();
  const [data, setData] = useState<MostConsulted | null>(null);
  const year = Number(todayIso().slice(0, 4));
  useEffect(() => {
    api.mostConsulted({ year, limit: 5 }).then(setData, () => setData(null));
  }, []);
  if (!data) return null;
  return (
    <section class="wk-section wk-kb-popular" aria-labelledby="kb-popular-title">
      <h2 id="kb-popular-title" class="utrecht-heading-2">
        {t('knowledge.mostConsulted')}
      </h2>
      <p class="utrecht-paragraph wk-muted">{t('knowledge.mostConsultedIntro', { year: data.year ?? year })}</p>
      {data.items.length ? (
        <ol class="wk-kb-popular__list">
          {data.items.map((i) => (
            <li key={i.id}>
              <Link href={`/kennisbank/${i.id}`}>{i.title}</Link>
              <span class="wk-muted">
                {' '}
                — {t(categoryKey(i.category))},{' '}
                {i.views === 1 ? t('knowledge.viewsOne') : t('knowledge.views', { count: i.views })}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="utrecht-paragraph">{t('knowledge.mostConsultedEmpty', { year: data.year ?? year })}</p>
      )}
    </section>
  );
}
