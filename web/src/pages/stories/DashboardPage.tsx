// /verhalen/dashboard — the stories' figures for quality staff, the director and team
// managers (their own teams): a period (default this year) and a comparison period
// (default the year before), team and teller filters; the number of stories, topic
// shares side by side, the valuation distribution as a diverging bar (negative left,
// positive right) and archetype shares. Every chart has its figures in a table too (the
// bar charts in their figure, components/charts).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { Lang, MessageKey } from '../../i18n';
import {
  api,
  TELLER_KINDS,
  type Bucket,
  type Me,
  type Stats,
  type StatsPeriod,
  type StatsQuery,
  type Team,
} from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { dateInputValue, formatDate, parseDateInput, todayIso } from '../../lib/format';
import { defaultPeriods, divergingSegments, formatPercent, formatPoints, valueLabel } from '../../lib/stories';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { DateField, SelectField } from '../../components/Field';
import { BarsWithComparison } from '../../components/charts/BarsWithComparison';
import { TableHead } from '../../components/DataTable';
import { Link } from '../../components/Link';
import { scaleStep } from './Signifiers';
import { can } from '../../lib/roles';

interface FormState {
  from: string;
  to: string;
  compareFrom: string;
  compareTo: string;
  team: string;
  teller: string;
}

/** Whoever does not see every team's figures (a team manager): those of her own teams only. */
function teamsOnly(me: Me): boolean {
  return !can(me, 'see_all_story_stats');
}

export function DashboardPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const restricted = teamsOnly(me);
  const [form, setForm] = useState<FormState>(() => {
    const p = defaultPeriods(todayIso());
    return {
      from: dateInputValue(p.from),
      to: dateInputValue(p.to),
      compareFrom: dateInputValue(p.compareFrom),
      compareTo: dateInputValue(p.compareTo),
      team: restricted && me.teams.length ? String(me.teams[0]!.id) : '',
      teller: '',
    };
  });
  const [applied, setApplied] = useState<StatsQuery | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [teams, setTeams] = useState<{ id: number; name: string }[]>(restricted ? me.teams : []);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [views, setViews] = useState<{ year: number; total: number } | null>(null);
  const viewYear = applied ? Number(applied.from.slice(0, 4)) : null;

  // Quality staff and the director: how often the Vertelpunt was opened in the period's year.
  useLoad(() => (viewYear === null || !can(me, 'see_module_views') ? null : api.moduleViews(viewYear)), [viewYear], {
    ok: (v) => setViews({ year: v.year, total: v.modules.find((m) => m.module === 'vertelpunt')?.total ?? 0 }),
    fail: () => setViews(null),
  });

  useEffect(() => {
    if (!restricted)
      api.teams().then(
        (tl) => setTeams(tl.items.filter((x: Team) => x.active)),
        () => undefined,
      );
    const q = toQuery(form);
    if (q) setApplied(q);
  }, []);

  const busy = useLoad(() => (applied ? api.storyStats(applied) : null), [applied], {
    ok: (s) => {
      setStats(s);
      setError(null);
    },
    fail: (err) => setError(describeError(err, t, lang).message),
  });

  /** The form as a query, or null (and field errors) when a date is wrong. */
  function toQuery(f: FormState): StatsQuery | null {
    const errs: Record<string, string> = {};
    const from = parseDateInput(f.from);
    const to = parseDateInput(f.to);
    const cf = f.compareFrom.trim() ? parseDateInput(f.compareFrom) : '';
    const ct = f.compareTo.trim() ? parseDateInput(f.compareTo) : '';
    if (!from) errs.from = t('dashboard.badDate');
    if (!to) errs.to = t('dashboard.badDate');
    if (cf === null) errs.compareFrom = t('dashboard.badDate');
    if (ct === null) errs.compareTo = t('dashboard.badDate');
    if (from && to && to < from) errs.to = t('dashboard.periodOrder');
    if (cf !== null && ct !== null && !!cf !== !!ct)
      errs[cf ? 'compareTo' : 'compareFrom'] = t('dashboard.compareBoth');
    if (cf && ct && ct < cf) errs.compareTo = t('dashboard.periodOrder');
    setErrors(errs);
    if (Object.keys(errs).length) return null;
    return {
      from: from!,
      to: to!,
      team: f.team || null,
      teller: f.teller || null,
      compare_from: cf || null,
      compare_to: ct || null,
    };
  }

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const q = toQuery(form);
    if (!q) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.wk-dashboard-filter [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setApplied(q);
  };
  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/verhalen">{t('story.back')}</Link>
      </p>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('dashboard.intro')}</p>
      <form
        class="utrecht-form wk-filter wk-dashboard-filter"
        onSubmit={onSubmit}
        aria-label={t('dashboard.filter.label')}
        noValidate
      >
        <DateField
          id="dash-from"
          label={t('dashboard.from')}
          value={form.from}
          onValue={set('from')}
          error={errors.from}
        />
        <DateField id="dash-to" label={t('dashboard.to')} value={form.to} onValue={set('to')} error={errors.to} />
        <DateField
          id="dash-compare-from"
          label={t('dashboard.compareFrom')}
          value={form.compareFrom}
          onValue={set('compareFrom')}
          error={errors.compareFrom}
        />
        <DateField
          id="dash-compare-to"
          label={t('dashboard.compareTo')}
          description={t('dashboard.compareHelp')}
          value={form.compareTo}
          onValue={set('compareTo')}
          error={errors.compareTo}
        />
        <SelectField
          id="dash-team"
          label={t('dashboard.team')}
          value={form.team}
          onValue={set('team')}
          placeholder={restricted ? undefined : t('dashboard.allTeams')}
          options={teams.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <SelectField
          id="dash-teller"
          label={t('dashboard.teller')}
          value={form.teller}
          onValue={set('teller')}
          placeholder={t('dashboard.allTellers')}
          options={TELLER_KINDS.map((k) => ({ value: k, label: t(`teller.${k}` as MessageKey) }))}
        />
        <div class="wk-filter__submit">
          <button type="submit" id="dash-submit" class="utrecht-button utrecht-button--secondary-action">
            {t('dashboard.submit')}
          </button>
        </div>
      </form>
      <LiveRegions error={error} />
      {stats === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined} class="wk-dashboard">
          <Figures stats={stats} lang={lang} views={views} />
        </div>
      )}
    </>
  );
}

function periodText(
  p: StatsPeriod,
  lang: Lang,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
): string {
  return t('dashboard.periodLabel', { from: formatDate(p.from, lang), to: formatDate(p.to, lang) });
}

interface Row {
  code: string;
  label: string;
  now: number;
  before: number | null;
  countNow: number;
  countBefore: number | null;
  points: number | null;
}

/** One row per value: this period's share, the comparison's, the difference in points. */
function rowsOf(now: Bucket[], before: Bucket[] | null, lang: Lang): Row[] {
  const codes = [
    ...now.map((b) => b.code),
    ...(before ?? []).map((b) => b.code).filter((c) => !now.some((b) => b.code === c)),
  ];
  return codes.map((code) => {
    const a = now.find((b) => b.code === code);
    const b = before?.find((x) => x.code === code);
    const label = valueLabel(a ?? b!, lang);
    const shareNow = a?.share ?? 0;
    const shareBefore = before ? (b?.share ?? 0) : null;
    return {
      code,
      label,
      now: shareNow,
      before: shareBefore,
      countNow: a?.count ?? 0,
      countBefore: before ? (b?.count ?? 0) : null,
      points: shareBefore === null ? null : Math.round((shareNow - shareBefore) * 10) / 10,
    };
  });
}

function Figures({ stats, lang, views }: { stats: Stats; lang: Lang; views: { year: number; total: number } | null }) {
  const { t } = useI18n();
  const now = stats.period;
  const before = stats.comparison;
  const nowLabel = periodText(now, lang, t);
  const beforeLabel = before ? periodText(before, lang, t) : '';
  const count = (n: number) => (n === 1 ? t('dashboard.storiesCountOne') : t('dashboard.storiesCount', { count: n }));
  const series = { key: 'now', label: nowLabel, cls: 'wk-chart__bar--nieuw' };
  const comparison = before ? { key: 'before', label: beforeLabel, cls: 'wk-chart__bar--oud' } : undefined;
  const withPoints = (rows: Row[], changes: { code: string; points: number }[] | undefined) =>
    rows.map((r) => {
      const c = changes?.find((x) => x.code === r.code);
      return c ? { ...r, points: c.points } : r;
    });
  const topics = withPoints(rowsOf(now.topics, before?.topics ?? null, lang), stats.changes?.topics);
  const valuations = withPoints(rowsOf(now.valuations, before?.valuations ?? null, lang), stats.changes?.valuations);
  const archetypes = withPoints(rowsOf(now.archetypes, before?.archetypes ?? null, lang), stats.changes?.archetypes);
  const categories = (rows: Row[]) =>
    rows.map((r) => ({ label: r.label, value: r.now, compare: before ? (r.before ?? 0) : undefined }));
  // The topic and archetype shares: bars of this period and the comparison, their table in the figure.
  const shareChart = (key: 'topics' | 'archetypes', col: 'topic' | 'archetype', rows: Row[]) => (
    <BarsWithComparison
      id={`dash-${key}-chart`}
      title={t(`dashboard.${key}Chart`)}
      categoryHeading={t(`dashboard.col.${col}`)}
      series={series}
      comparison={comparison}
      categories={categories(rows)}
      format={formatPercent}
      ownTable={
        <ShareTable
          id={`dash-${key}`}
          caption={t(`dashboard.${key}Caption`)}
          first={t(`dashboard.col.${col}`)}
          rows={rows}
          compare={!!before}
        />
      }
    />
  );

  return (
    <>
      <section class="wk-section" aria-labelledby="dash-counts-title">
        <h2 id="dash-counts-title" class="utrecht-heading-2">
          {t('dashboard.counts')}
        </h2>
        <dl class="wk-counts">
          <div class="wk-counts__item" id="dash-count-now">
            <dt>
              {t('dashboard.countNow')} <span class="wk-muted">({nowLabel})</span>
            </dt>
            <dd class="wk-counts__value">{count(now.count)}</dd>
          </div>
          {before ? (
            <div class="wk-counts__item" id="dash-count-before">
              <dt>
                {t('dashboard.countBefore')} <span class="wk-muted">({beforeLabel})</span>
              </dt>
              <dd class="wk-counts__value">{count(before.count)}</dd>
            </div>
          ) : null}
          {views ? (
            <div class="wk-counts__item" id="dash-views">
              <dt>{t('dashboard.views')}</dt>
              <dd class="wk-counts__value">
                {views.total === 1
                  ? t('dashboard.viewsCountOne', { year: views.year })
                  : t('dashboard.viewsCount', { count: views.total, year: views.year })}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section class="wk-section" aria-labelledby="dash-topics-title">
        <h2 id="dash-topics-title" class="utrecht-heading-2">
          {t('dashboard.topics')}
        </h2>
        {shareChart('topics', 'topic', topics)}
      </section>

      <section class="wk-section" aria-labelledby="dash-valuations-title">
        <h2 id="dash-valuations-title" class="utrecht-heading-2">
          {t('dashboard.valuations')}
        </h2>
        <Diverging
          title={t('dashboard.valuationsChart')}
          periods={[
            { label: nowLabel, buckets: now.valuations, count: now.count },
            ...(before ? [{ label: beforeLabel, buckets: before.valuations, count: before.count }] : []),
          ]}
        />
        <ShareTable
          id="dash-valuations"
          caption={t('dashboard.valuationsCaption')}
          first={t('dashboard.col.valuation')}
          rows={valuations}
          compare={!!before}
        />
      </section>

      <section class="wk-section" aria-labelledby="dash-archetypes-title">
        <h2 id="dash-archetypes-title" class="utrecht-heading-2">
          {t('dashboard.archetypes')}
        </h2>
        {shareChart('archetypes', 'archetype', archetypes)}
        <p class="utrecht-paragraph wk-muted">{t('dashboard.sharesNote')}</p>
      </section>
    </>
  );
}

function ShareTable({
  id,
  caption,
  first,
  rows,
  compare,
}: {
  id: string;
  caption: string;
  first: string;
  rows: Row[];
  compare: boolean;
}) {
  const { t } = useI18n();
  const columns = [
    { key: 'label', label: first },
    { key: 'count', label: t('dashboard.col.count'), numeric: true },
    { key: 'share', label: t('dashboard.col.share'), numeric: true },
  ];
  if (compare) {
    columns.push({ key: 'compare', label: t('dashboard.col.compare'), numeric: true });
    columns.push({ key: 'points', label: t('dashboard.col.points'), numeric: true });
  }
  const num = 'utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap';
  return (
    <div
      class="utrecht-table-container utrecht-table-container--overflow-inline wk-table-wrap"
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
    >
      <table
        class={`utrecht-table utrecht-table--html-table utrecht-table--alternate-row-color wk-table ${id}`}
        id={id}
      >
        <caption id={`${id}-caption`} class="utrecht-table__caption">
          {caption}
        </caption>
        <TableHead columns={columns} />
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.code} data-code={r.code}>
              <th scope="row" class="utrecht-table__header-cell wk-chart__label">
                {r.label}
              </th>
              <td class={num}>{r.countNow}</td>
              <td class={num}>{formatPercent(r.now)}</td>
              {compare ? <td class={num}>{formatPercent(r.before)}</td> : null}
              {compare ? <td class={num}>{formatPoints(r.points)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DIV_W = 100;
const DIV_BAR_H = 28;

/**
 * The valuation distribution per period as one diverging stacked bar each: the period
 * and the shares as HTML text (wraps, and goes above the bar on a phone), the bar an SVG
 * stretched to its column.
 */
function Diverging({
  title,
  periods,
}: {
  title: string;
  periods: { label: string; buckets: Bucket[]; count: number }[];
}) {
  const { t, lang } = useI18n();
  const first = periods[0]?.buckets ?? [];
  const side = (buckets: Bucket[], neg: boolean) => {
    const n = buckets.length;
    const mid = (n - 1) / 2;
    return buckets.reduce((s, b, i) => s + ((neg ? i < mid : i > mid) ? b.share : 0), 0);
  };
  const label = `${title}. ${periods
    .map((p) => `${p.label}: ${p.buckets.map((b) => `${valueLabel(b, lang)} ${formatPercent(b.share)}`).join(', ')}`)
    .join('; ')}.`;
  return (
    <figure class="wk-chart" aria-labelledby="dash-valuations-chart-caption">
      <figcaption id="dash-valuations-chart-caption" class="wk-chart__caption">
        {title}
      </figcaption>
      <ul class="wk-chart__legend" aria-hidden="true">
        {first.map((b, i) => (
          <li key={b.code}>
            <span class={`wk-chart__swatch wk-valuation-fill--${scaleStep(i, first.length)}`} />
            {valueLabel(b, lang)}
          </li>
        ))}
      </ul>
      <div class="wk-chart__plot wk-chart__plot--diverging" role="img" aria-label={label}>
        <div class="wk-chart__row wk-chart__row--head">
          <div class="wk-chart__label" />
          <div class="wk-diverging__ends">
            <span>← {t('dashboard.negative')}</span>
            <span>{t('dashboard.positive')} →</span>
          </div>
        </div>
        {periods.map((p, pi) => (
          <div class="wk-chart__row" key={pi}>
            <div class="wk-chart__label">{p.label}</div>
            <div class="wk-chart__bars">
              <svg
                class="wk-chart__track wk-diverging__track"
                viewBox={`0 0 ${DIV_W} ${DIV_BAR_H}`}
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                {divergingSegments(p.buckets).map((s) => (
                  <rect
                    key={s.code}
                    class={`wk-chart__bar wk-valuation-fill--${scaleStep(s.index, p.buckets.length)}`}
                    x={s.x}
                    y={0}
                    width={s.width}
                    height={DIV_BAR_H}
                  >
                    <title>{`${valueLabel(p.buckets[s.index]!, lang)}: ${formatPercent(s.share)}`}</title>
                  </rect>
                ))}
                <line
                  class="wk-chart__axis"
                  x1={DIV_W / 2}
                  x2={DIV_W / 2}
                  y1={0}
                  y2={DIV_BAR_H}
                  vector-effect="non-scaling-stroke"
                />
              </svg>
              {p.count === 0 ? <span class="wk-diverging__none">{t('dashboard.noStories')}</span> : null}
              <div class="wk-diverging__ends">
                <span class="wk-chart__value">{formatPercent(side(p.buckets, true))}</span>
                <span class="wk-chart__value">{formatPercent(side(p.buckets, false))}</span>
              </div>
            </div>
          </div>
        ))}
      </div>
    </figure>
  );
}
