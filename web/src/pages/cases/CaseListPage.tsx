// /casussen — the cases the user may read, with filters (programme, team, status,
// reference) and paging that live in the URL's query string, so a filtered list can
// be bookmarked, shared and reached again with the browser's back button.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, CASE_STATUSES, type CasePage, type Me, type Programme, type Team } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { navigate, useFormFromSearch, useSearch } from '../../lib/router';
import { canEditCase, newCaseChoices } from '../../lib/roles';
import { readsOtherTeamsCases, teamFilterChoices, teamOptions } from '../../lib/teams';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { Money } from '../../components/Money';
import { StatusBadge, statusKey } from '../../components/StatusBadge';

export const CASES_PAGE_SIZE = 25;

export interface CaseFilter {
  programme: string;
  team: string;
  status: string;
  q: string;
  offset: number;
}

/** The filter in the URL: `?programma=3&team=11&status=afgerond&zoek=WS&vanaf=25`. */
export function filterFromSearch(search: string): CaseFilter {
  const p = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d+$/.test(v) ? v : '');
  const offset = Number(p.get('vanaf') ?? '0');
  const status = p.get('status') ?? '';
  return {
    programme: id(p.get('programma')),
    team: id(p.get('team')),
    status: (CASE_STATUSES as readonly string[]).includes(status) ? status : '',
    q: (p.get('zoek') ?? '').slice(0, 40),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export function searchFromFilter(f: CaseFilter): string {
  const p = new URLSearchParams();
  if (f.programme) p.set('programma', f.programme);
  if (f.team) p.set('team', f.team);
  if (f.status) p.set('status', f.status);
  if (f.q.trim()) p.set('zoek', f.q.trim());
  if (f.offset > 0) p.set('vanaf', String(f.offset));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function CaseListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const applied = useMemo(() => filterFromSearch(search), [search]);
  const [form, setForm] = useFormFromSearch<CaseFilter>(search, () => applied);
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  /** The page of cases and the offset it was asked for (the URL may already say another). */
  const [data, setData] = useState<(CasePage & { offset: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set when "Vorige"/"Volgende" was used: focus then goes to the new results. */
  const paged = useRef(false);

  useEffect(() => {
    Promise.all([api.programmes(), api.teams()]).then(
      ([pl, tl]) => {
        setProgrammes(pl.items);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  useEffect(() => {
    let stale = false;
    setBusy(true);
    api
      .cases({
        programme: applied.programme || null,
        team: applied.team || null,
        status: applied.status || null,
        q: applied.q || null,
        limit: CASES_PAGE_SIZE,
        offset: applied.offset,
      })
      .then(
        (page) => {
          if (stale) return;
          setData({ ...page, offset: applied.offset });
          setError(null);
          // After "Volgende" or "Vorige" the link pressed may be gone: focus goes to the results.
          if (paged.current) {
            paged.current = false;
            requestAnimationFrame(() => document.getElementById('cases-caption')?.closest<HTMLElement>('[role="region"]')?.focus());
          }
          if (search) setStatus(page.total === 1 ? t('cases.foundOne') : t('cases.found', { count: page.total }));
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

  const choices = newCaseChoices(me, teams.filter((x) => x.active), programmes);
  // A coach or team manager reads her own teams' cases only: the filter offers those (lib/teams.ts).
  const teamChoices = teamFilterChoices(me, teams, 'cases', form.team);
  const onlyOwnTeams = !readsOtherTeamsCases(me) && me.teams.length > 0;
  const mayCreate = choices.programmes.some((p) => choices.teams.some((x) => canEditCase(me, x.id, p.slug)));

  const set = <K extends keyof CaseFilter>(key: K) => (value: CaseFilter[K]) => setForm((f) => ({ ...f, [key]: value }));
  const onFilter = (e: Event) => {
    e.preventDefault();
    navigate(`/casussen${searchFromFilter({ ...form, offset: 0 })}`);
  };
  const onReset = () => navigate('/casussen');

  const total = data?.total ?? 0;
  const shownOffset = data?.offset ?? 0;
  const from = shownOffset + 1;
  const to = Math.min(shownOffset + (data?.items.length ?? 0), total);
  const prev = shownOffset > 0 ? searchFromFilter({ ...applied, offset: Math.max(0, shownOffset - CASES_PAGE_SIZE) }) : null;
  const next = shownOffset + CASES_PAGE_SIZE < total ? searchFromFilter({ ...applied, offset: shownOffset + CASES_PAGE_SIZE }) : null;

  return (
    <>
      <PageHeading>{t('cases.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('cases.intro')}</p>
      {mayCreate ? (
        <p class="utrecht-paragraph">
          <Link id="cases-new" href="/casussen/nieuw" class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link">
            {t('cases.new')}
          </Link>
        </p>
      ) : null}

      <form class="utrecht-form wk-filter" onSubmit={onFilter} aria-label={t('cases.filter.label')}>
        <SelectField
          id="cases-programme"
          label={t('cases.filter.programme')}
          value={form.programme}
          onValue={set('programme')}
          placeholder={t('cases.filter.allProgrammes')}
          options={programmes.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <SelectField
          id="cases-team"
          label={t('cases.filter.team')}
          value={form.team}
          onValue={set('team')}
          placeholder={onlyOwnTeams ? t('cases.filter.allMyTeams') : t('cases.filter.allTeams')}
          options={teamOptions(teamChoices, { own: t('teams.own'), others: t('teams.others') })}
        />
        <SelectField
          id="cases-status"
          label={t('cases.filter.status')}
          value={form.status}
          onValue={set('status')}
          placeholder={t('cases.filter.allStatuses')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        />
        <TextField id="cases-q" label={t('cases.filter.q')} value={form.q} onValue={set('q')} spellcheck={false} narrow maxLength={40} />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('cases.filter.submit')}
          </button>
          {search ? (
            <button type="button" class="utrecht-button utrecht-button--subtle wk-button--plain" onClick={onReset}>
              {t('cases.filter.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <LiveRegions error={error} />
      <div role="status" class="wk-visually-hidden">
        {status ?? ''}
      </div>

      {data === null ? (
        error ? null : <Loading />
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <DataTable
            id="cases"
            tableClass="wk-cases"
            caption={total ? t('cases.caption', { from, to, total }) : t('cases.title')}
            columns={[
              { key: 'reference', label: t('cases.col.reference') },
              { key: 'team', label: t('cases.col.team') },
              { key: 'programme', label: t('cases.col.programme') },
              { key: 'group', label: t('cases.col.group') },
              { key: 'status', label: t('cases.col.status') },
              { key: 'owner', label: t('cases.col.owner') },
              { key: 'saving', label: t('cases.col.saving'), numeric: true },
            ]}
            empty={search ? t('cases.emptyFiltered') : t('cases.empty')}
            rows={data.items}
            renderRow={(c) => (
              <tr class="utrecht-table__row" key={c.id} data-case-id={c.id}>
                <th scope="row" class="utrecht-table__header-cell wk-nowrap">
                  <Link href={`/casussen/${c.id}`}>{c.reference}</Link>
                </th>
                <td class="utrecht-table__cell">{c.team.name}</td>
                <td class="utrecht-table__cell">{c.programme.name}</td>
                <td class="utrecht-table__cell">{c.group?.name ?? t('common.none')}</td>
                <td class="utrecht-table__cell">
                  <StatusBadge status={c.status} />
                </td>
                <td class="utrecht-table__cell">{c.owner?.name ?? t('common.none')}</td>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
                  <Money cents={c.totals.saving_cents} />
                </td>
              </tr>
            )}
          />
          <Pager
            path="/casussen"
            prev={prev}
            next={next}
            label={t('cases.pager')}
            prevText={t('cases.prev')}
            nextText={t('cases.next')}
            where={t('cases.caption', { from, to, total })}
            onNavigate={() => (paged.current = true)}
          />
        </div>
      )}
    </>
  );
}
