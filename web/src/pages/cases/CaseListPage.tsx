// /casussen — the cases the user may read, with filters (programme, team, status,
// reference) and paging that live in the URL's query string, so a filtered list can
// be bookmarked, shared and reached again with the browser's back button. Pages of 25: by
// offset (?vanaf=) within the server's first 10,000 cases, by the server's cursor
// (?na=…&p=…) beyond (lib/paging.ts, cursorPaging).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, CASE_STATUSES, type CasePage, type Me, type Programme, type Team } from '../../lib/api';
import {
  caseFilterFromSearch,
  caseList,
  searchFromCaseFilter,
  CASES_PAGE_SIZE,
  type CaseFilter,
} from '../../lib/cases';
import { firstPage, tabStorage, type PagePosition } from '../../lib/paging';
import { describeError } from '../../lib/errors';
import { navigate, useFormFromSearch } from '../../lib/router';
import { useListPage } from '../../lib/hooks';
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

/** The filter form (the page's place is in the address only). */
type FormState = Omit<CaseFilter, keyof PagePosition>;

/** The cursor pages this tab has seen (for "Vorige" deep in the list). */
const cursors = caseList.cursors(tabStorage());

export function CaseListPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  const { search, applied, data, error, setError, busy, onPaged } = useListPage({
    read: caseFilterFromSearch,
    load: (f: CaseFilter) =>
      api.cases({
        programme: f.programme || null,
        team: f.team || null,
        status: f.status || null,
        q: f.q || null,
        limit: CASES_PAGE_SIZE,
        // The server takes one or the other.
        ...(f.cursor ? { cursor: f.cursor } : { offset: f.offset }),
      }),
    captionId: 'cases-caption',
    loaded: (page: CasePage, f, search) => {
      if (f.cursor) cursors.remember(f, f.page, f.cursor);
      if (search) setStatus(caseList.found(t, lang, page));
    },
  });
  const toForm = ({ offset: _o, cursor: _c, page: _p, ...f }: CaseFilter): FormState => f;
  const [form, setForm] = useFormFromSearch<FormState>(search, () => toForm(applied));
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);

  useEffect(() => {
    Promise.all([api.programmes(), api.teams()]).then(
      ([pl, tl]) => {
        setProgrammes(pl.items);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const choices = newCaseChoices(
    me,
    teams.filter((x) => x.active),
    programmes,
  );
  // A coach or team manager reads her own teams' cases only: the filter offers those (lib/teams.ts).
  const teamChoices = teamFilterChoices(me, teams, 'cases', form.team);
  const onlyOwnTeams = !readsOtherTeamsCases(me) && me.teams.length > 0;
  const mayCreate = choices.programmes.some((p) => choices.teams.some((x) => canEditCase(me, x.id, p.slug)));

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const onFilter = (e: Event) => {
    e.preventDefault();
    navigate(`/casussen${searchFromCaseFilter(firstPage({ ...applied, ...form }))}`);
  };
  const onReset = () => navigate('/casussen');

  const paging = data
    ? caseList.paging(
        data.filter,
        { count: data.items.length, total: data.total, total_exact: data.total_exact, next_cursor: data.next_cursor },
        (p) => cursors.get(data.filter, p),
      )
    : null;
  const caption = data && paging ? caseList.caption(t, lang, paging.range, data) : t('cases.title');

  return (
    <>
      <PageHeading>{t('cases.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('cases.intro')}</p>
      {mayCreate ? (
        <p class="utrecht-paragraph">
          <Link
            id="cases-new"
            href="/casussen/nieuw"
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link"
          >
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
        <TextField
          id="cases-q"
          label={t('cases.filter.q')}
          value={form.q}
          onValue={set('q')}
          spellcheck={false}
          narrow
          maxLength={40}
        />
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
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <DataTable
            id="cases"
            tableClass="wk-cases"
            caption={caption}
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
            prev={paging?.prev ?? null}
            next={paging?.next ?? null}
            first={paging?.first ?? null}
            label={t('cases.pager')}
            prevText={t('cases.prev')}
            nextText={t('cases.next')}
            firstText={t('paging.first')}
            where={caption}
            onNavigate={onPaged}
          />
        </div>
      )}
    </>
  );
}
