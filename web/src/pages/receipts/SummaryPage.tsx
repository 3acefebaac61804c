// /kassabonnen and /kassabonnen/{programmeId} — the cost receipts of a programme on a
// reference date, in the shape of the model report (per group: the cases, then
// "Totaal"; then the total over the groups and the number of running cases), the
// savings per payer and per cost category, and two bar charts of the same figures.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Me, type Programme, type Summary, type Team, type Totals } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { dateInputValue, formatDate, parseDateInput, todayIso } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { navigate, useSearch } from '../../lib/router';
import { can } from '../../lib/roles';
import { readsOtherTeamsCases, teamFilterChoices, teamOptions } from '../../lib/teams';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { DateField, SelectField, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { Money } from '../../components/Money';
import { BarsWithComparison } from '../../components/charts/BarsWithComparison';
import { TableHead } from '../../components/DataTable';

interface Props {
  me: Me;
  programmeId: number | null;
}

/** `?peildatum=2017-12-31&team=11` → the reference date (today when absent or wrong) and team. */
export function summaryQuery(search: string, today: string): { date: string; team: string } {
  const p = new URLSearchParams(search);
  const d = p.get('peildatum');
  const team = p.get('team') ?? '';
  return { date: d && parseDateInput(d) === d ? d : today, team: /^\d+$/.test(team) ? team : '' };
}

export function SummaryPage({ me, programmeId }: Props) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const today = todayIso();
  const applied = useMemo(() => summaryQuery(search, today), [search]);
  const [programmes, setProgrammes] = useState<Programme[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [form, setForm] = useState({
    programme: programmeId ? String(programmeId) : '',
    date: dateInputValue(applied.date),
    team: applied.team,
  });
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.programmes(), api.teams()]).then(
      ([pl, tl]) => {
        setProgrammes(pl.items);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const busy = useLoad(
    () => {
      setForm({
        programme: programmeId ? String(programmeId) : '',
        date: dateInputValue(applied.date),
        team: applied.team,
      });
      if (!programmeId) return null;
      return api.summary({
        programme: programmeId,
        reference_date: applied.date,
        team: applied.team ? Number(applied.team) : null,
      });
    },
    [programmeId, search],
    {
      ok: (s) => {
        setSummary(s);
        setError(null);
      },
      fail: (err) => {
        setSummary(null);
        setError(describeError(err, t, lang).message);
      },
    },
  );

  const onShow = (e: Event) => {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!form.programme) fe.programme = t('summary.programmeMissing');
    const date = form.date.trim() ? parseDateInput(form.date) : today;
    if (!date) fe.date = t('common.dateInvalid');
    setFormErrors(fe);
    if (Object.keys(fe).length) {
      focusFirstInvalid(e.currentTarget as HTMLElement);
      return;
    }
    const q = new URLSearchParams({ peildatum: date! });
    if (form.team) q.set('team', form.team);
    navigate(`/kassabonnen/${form.programme}?${q.toString()}`);
  };

  const programme = programmes?.find((p) => p.id === programmeId) ?? null;
  const name = summary?.programme.name ?? programme?.name ?? '';
  const heading = programmeId ? (name ? t('summary.titleOf', { name }) : t('summary.title')) : t('summary.title');

  return (
    <>
      <PageHeading title={heading}>{heading}</PageHeading>
      <p class="utrecht-paragraph">{t('summary.intro')}</p>
      {can(me, 'edit_cases') ? (
        <p class="utrecht-paragraph">
          <Link href="/kassabonnen/importeren">{t('summary.toImport')}</Link>
        </p>
      ) : null}

      <form
        class="utrecht-form wk-filter wk-filter--help"
        onSubmit={onShow}
        noValidate
        aria-label={t('summary.formLabel')}
      >
        <SelectField
          id="summary-programme"
          label={t('summary.programme')}
          value={form.programme}
          onValue={(v) => setForm((f) => ({ ...f, programme: v }))}
          placeholder={t('summary.programmeChoose')}
          options={(programmes ?? []).map((p) => ({
            value: String(p.id),
            label: p.active ? p.name : t('summary.inactive', { name: p.name }),
          }))}
          error={formErrors.programme}
        />
        <DateField
          id="summary-date"
          label={t('summary.date')}
          description={t('common.dateHelp')}
          value={form.date}
          onValue={(v) => setForm((f) => ({ ...f, date: v }))}
          error={formErrors.date}
        />
        <SelectField
          id="summary-team"
          label={t('summary.team')}
          value={form.team}
          onValue={(v) => setForm((f) => ({ ...f, team: v }))}
          placeholder={
            !readsOtherTeamsCases(me) && me.teams.length ? t('cases.filter.allMyTeams') : t('summary.allTeams')
          }
          options={teamOptions(teamFilterChoices(me, teams, 'cases', form.team), {
            own: t('teams.own'),
            others: t('teams.others'),
          })}
        />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('summary.show')}
          </button>
        </div>
      </form>

      <LiveRegions error={error} />
      {/* Said to screen readers; sighted users see the table change. */}
      <div role="status" class="wk-visually-hidden">
        {summary && !busy ? t('summary.loaded', { date: formatDate(summary.reference_date, lang) }) : ''}
      </div>

      {programmeId === null ? (
        programmes === null ? (
          error ? null : (
            <Loading />
          )
        ) : (
          <ProgrammeCards programmes={programmes} />
        )
      ) : summary === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <Report summary={summary} />
          <p class="utrecht-paragraph wk-export">
            {t('summary.export')}{' '}
            <a class="utrecht-link utrecht-link--html-a" href={api.exportUrl(summary.programme.id, 'csv')} download>
              {t('summary.exportCsv')}
            </a>{' '}
            <a class="utrecht-link utrecht-link--html-a" href={api.exportUrl(summary.programme.id, 'xlsx')} download>
              {t('summary.exportXlsx')}
            </a>
          </p>
        </div>
      )}
    </>
  );
}

function ProgrammeCards({ programmes }: { programmes: Programme[] }) {
  const { t, lang } = useI18n();
  const active = programmes.filter((p) => p.active);
  if (!active.length) return <p class="utrecht-paragraph">{t('summary.noProgrammes')}</p>;
  return (
    <section aria-labelledby="summary-programmes" class="wk-section">
      <h2 id="summary-programmes" class="utrecht-heading-2">
        {t('summary.programmes')}
      </h2>
      <ul class="wk-cards wk-cards--list">
        {active.map((p) => (
          <li class="wk-card" key={p.id}>
            <h3 class="utrecht-heading-3 wk-card__title">
              <Link href={`/kassabonnen/${p.id}`}>{p.name}</Link>
            </h3>
            <p class="utrecht-paragraph wk-muted">
              {p.city_wide ? t('programme.cityWide') : (p.team?.name ?? '')} ·{' '}
              {t('summary.since', { date: formatDate(p.start_date, lang) })}
            </p>
            {p.description ? <p class="utrecht-paragraph">{p.description}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MoneyCells({ totals }: { totals: Totals }) {
  return (
    <>
      <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
        <Money cents={totals.nieuw_cents} />
      </td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
        <Money cents={totals.oud_cents} />
      </td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
        <Money cents={totals.saving_cents} />
      </td>
    </>
  );
}

function Report({ summary }: { summary: Summary }) {
  const { t, lang } = useI18n();
  const date = formatDate(summary.reference_date, lang);
  const groupName = (g: Summary['groups'][number]) => g.group?.name ?? t('summary.noGroup');
  const rows = summary.groups.reduce((n, g) => n + g.rows.length, 0);
  const moneyCols = [
    { key: 'nieuw', label: t('summary.col.nieuw'), numeric: true },
    { key: 'oud', label: t('summary.col.oud'), numeric: true },
    { key: 'saving', label: t('summary.col.saving'), numeric: true },
  ];

  return (
    <>
      <section class="wk-section" aria-labelledby="summary-report-title">
        <h2 id="summary-report-title" class="utrecht-heading-2">
          {t('summary.reportTitle', { date })}
        </h2>
        {rows ? (
          <div
            class="utrecht-table-container wk-table-wrap"
            role="region"
            aria-labelledby="summary-report-caption"
            tabIndex={0}
          >
            <table class="utrecht-table utrecht-table--html-table wk-table wk-report">
              <caption id="summary-report-caption" class="utrecht-table__caption wk-visually-hidden">
                {t('summary.caption', { name: summary.programme.name, date })}
              </caption>
              <TableHead columns={[{ key: 'ref', label: t('summary.col.group') }, ...moneyCols]} />
              {summary.groups.map((g, gi) => (
                <tbody class="utrecht-table__body wk-report__group" key={g.group?.id ?? `none-${gi}`}>
                  <tr class="utrecht-table__row wk-report__grouphead">
                    <th scope="rowgroup" colSpan={4} class="utrecht-table__header-cell">
                      {groupName(g)}
                    </th>
                  </tr>
                  {g.rows.map((r) => (
                    <tr class="utrecht-table__row" key={r.case_id} data-case-id={r.case_id}>
                      <th scope="row" class="utrecht-table__header-cell wk-report__ref">
                        <Link href={`/casussen/${r.case_id}`}>{r.reference}</Link>
                        {r.status === 'zo_goed_als_afgerond' ? (
                          <span class="wk-muted wk-report__almost"> {t('summary.almost')}</span>
                        ) : null}
                      </th>
                      <MoneyCells
                        totals={{ nieuw_cents: r.nieuw_cents, oud_cents: r.oud_cents, saving_cents: r.saving_cents }}
                      />
                    </tr>
                  ))}
                  <tr class="utrecht-table__row wk-report__total">
                    <th scope="row" class="utrecht-table__header-cell">
                      {t('summary.total')}
                      <span class="wk-visually-hidden"> {groupName(g)}</span>
                    </th>
                    <MoneyCells totals={g.totals} />
                  </tr>
                </tbody>
              ))}
              <tfoot class="utrecht-table__footer">
                <tr class="utrecht-table__row wk-report__grand">
                  <th scope="row" class="utrecht-table__header-cell">
                    {t('summary.grandTotal')}
                  </th>
                  <MoneyCells totals={summary.totals} />
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p class="utrecht-paragraph">{t('summary.noRows')}</p>
        )}
        <p class="utrecht-paragraph wk-report__saving" id="summary-grand-saving">
          {t('summary.grandSaving', { amount: formatMoney(summary.totals.saving_cents) })}
        </p>
        <p class="utrecht-paragraph wk-report__running" id="summary-running">
          {summary.running_cases === 1
            ? t('summary.runningOne')
            : t('summary.running', { count: summary.running_cases })}
        </p>
      </section>

      {rows ? (
        <>
          <section class="wk-section" aria-labelledby="summary-payer-title">
            <h2 id="summary-payer-title" class="utrecht-heading-2">
              {t('summary.byPayer')}
            </h2>
            <p class="utrecht-paragraph">{t('summary.byPayerIntro')}</p>
            <SplitTable
              id="summary-payer"
              caption={t('summary.byPayerCaption', { date })}
              first={t('summary.col.payer')}
              rows={summary.by_payer.map((r) => ({ key: r.payer.id, label: r.payer.label, totals: r }))}
            />
          </section>
          <section class="wk-section" aria-labelledby="summary-category-title">
            <h2 id="summary-category-title" class="utrecht-heading-2">
              {t('summary.byCategory')}
            </h2>
            <SplitTable
              id="summary-category"
              caption={t('summary.byCategoryCaption', { date })}
              first={t('summary.col.category')}
              rows={summary.by_category.map((r) => ({ key: r.category.id, label: r.category.label, totals: r }))}
            />
          </section>
          <section class="wk-section" aria-labelledby="summary-charts-title">
            <h2 id="summary-charts-title" class="utrecht-heading-2">
              {t('summary.charts')}
            </h2>
            <div class="wk-charts">
              <BarsWithComparison
                id="chart-groups"
                title={t('summary.chartGroups')}
                categoryHeading={t('summary.chartGroup')}
                format={formatMoney}
                series={{ key: 'oud', label: t('summary.col.oud'), cls: 'wk-chart__bar--oud' }}
                comparison={{ key: 'nieuw', label: t('summary.col.nieuw'), cls: 'wk-chart__bar--nieuw' }}
                categories={summary.groups.map((g) => ({
                  label: groupName(g),
                  value: g.totals.oud_cents,
                  compare: g.totals.nieuw_cents,
                }))}
                tableMode="details"
              />
              <BarsWithComparison
                id="chart-payers"
                title={t('summary.chartPayers')}
                categoryHeading={t('summary.col.payer')}
                format={formatMoney}
                series={{ key: 'saving', label: t('summary.col.saving'), cls: 'wk-chart__bar--saving' }}
                categories={summary.by_payer.map((r) => ({
                  label: r.payer.label,
                  value: r.saving_cents,
                  cls: r.saving_cents < 0 ? 'wk-chart__bar--negative' : undefined,
                }))}
                tableMode="details"
              />
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}

interface SplitRow {
  key: number;
  label: string;
  totals: Totals;
}

function SplitTable({ id, caption, first, rows }: { id: string; caption: string; first: string; rows: SplitRow[] }) {
  const { t } = useI18n();
  if (!rows.length) return <p class="utrecht-paragraph">{t('summary.noRows')}</p>;
  return (
    <div class="utrecht-table-container wk-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table class="utrecht-table utrecht-table--html-table wk-table wk-split" id={id}>
        <caption id={`${id}-caption`} class="utrecht-table__caption wk-visually-hidden">
          {caption}
        </caption>
        <TableHead
          columns={[
            { key: 'label', label: first },
            { key: 'nieuw', label: t('summary.col.nieuw'), numeric: true },
            { key: 'oud', label: t('summary.col.oud'), numeric: true },
            { key: 'saving', label: t('summary.col.saving'), numeric: true },
          ]}
        />
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.key}>
              <th scope="row" class="utrecht-table__header-cell">
                {r.label}
              </th>
              <MoneyCells totals={r.totals} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
