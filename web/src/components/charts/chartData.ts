// The data behind the shared charts, shaped without a DOM: the rows of each chart's table
// (the accessible source of every figure), its text alternative, and the points the SVG
// is drawn from. The components in this folder only hand these to Observable Plot and to
// ChartFigure; the tests run here.

/** One series of bars or of a line: its name in the legend and table, its CSS class (the colour). */
export interface ChartSeries {
  key: string;
  label: string;
  /** CSS class of the marks and the legend swatch, e.g. wk-chart__bar--oud. */
  cls: string;
}

/** A chart's table: the first column's heading, the other headings, one row per category. */
export interface ChartTable {
  head: string[];
  rows: { label: string; cells: string[] }[];
}

export type Format = (value: number) => string;

// ---- Bars with a comparison -------------------------------------------------------------

export interface BarCategory {
  label: string;
  /** The value, and (with a comparison series) the comparison value. */
  value: number;
  compare?: number | null;
  /** A class for this category's main bar instead of the series' (e.g. a negative saving). */
  cls?: string;
}

export interface BarPoint {
  /** Index of the category: the band the bar is drawn in (labels may repeat). */
  row: number;
  label: string;
  value: number;
  text: string;
  cls: string;
  /** 0 for the main bar, 1 for the comparison bar under it. */
  slot: 0 | 1;
}

/** Every bar to draw: the main bar of each category, and its comparison bar when there is one. */
export function barPoints(
  categories: BarCategory[],
  series: ChartSeries,
  comparison: ChartSeries | undefined,
  format: Format,
): BarPoint[] {
  const out: BarPoint[] = [];
  categories.forEach((c, row) => {
    out.push({ row, label: c.label, value: c.value, text: format(c.value), cls: c.cls ?? series.cls, slot: 0 });
    if (comparison && c.compare !== undefined && c.compare !== null)
      out.push({ row, label: c.label, value: c.compare, text: format(c.compare), cls: comparison.cls, slot: 1 });
  });
  return out;
}

export function barTable(
  first: string,
  categories: BarCategory[],
  series: ChartSeries,
  comparison: ChartSeries | undefined,
  format: Format,
): ChartTable {
  const orDash = (v: number | null | undefined) => (v === undefined || v === null ? '–' : format(v));
  return {
    head: [first, series.label, ...(comparison ? [comparison.label] : [])],
    rows: categories.map((c) => ({
      label: c.label,
      cells: [format(c.value), ...(comparison ? [orDash(c.compare)] : [])],
    })),
  };
}

/** The value domain of a bar chart: always from zero (or below it), never empty. */
export function valueDomain(values: number[]): [number, number] {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  return max === min ? [0, 1] : [min, max];
}

// ---- A timeline -------------------------------------------------------------------------

export interface TimelineInterval {
  /** The row it belongs to, e.g. the home. */
  row: string;
  /** ISO date (yyyy-mm-dd) it starts. */
  start: string;
  /** ISO date it ends (inclusive); null when it still runs (drawn to the end of the view). */
  end: string | null;
  /** What it is, e.g. the case reference (in the table and the text alternative). */
  label?: string;
}

export interface TimelineBar {
  row: string;
  x1: Date;
  x2: Date;
  label: string;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * What a timeline shows of its intervals within [from, to] (ISO dates, inclusive): one that
 * runs over the period's edge is cut at that edge, one outside the period is left out; an
 * open one stays open (drawn to `to`).
 */
export function timelineClip(intervals: TimelineInterval[], from: string, to: string): TimelineInterval[] {
  const out: TimelineInterval[] = [];
  for (const iv of intervals) {
    const start = iv.start < from ? from : iv.start;
    const end = iv.end !== null && iv.end > to ? to : iv.end;
    if (start > (end ?? to)) continue;
    out.push({ ...iv, start, end });
  }
  return out;
}

/** The bars of a timeline within [from, to]: the clipped intervals (timelineClip); an open one runs to the end of `to`. */
export function timelineBars(intervals: TimelineInterval[], from: string, to: string): TimelineBar[] {
  const endOf = (iso: string) => new Date(day(iso).getTime() + 86_400_000);
  return timelineClip(intervals, from, to).map((iv) => ({
    row: iv.row,
    x1: day(iv.start),
    x2: endOf(iv.end ?? to),
    label: iv.label ?? '',
  }));
}

/** The rows in their first appearance's order. */
export function timelineRows(intervals: TimelineInterval[]): string[] {
  return [...new Set(intervals.map((iv) => iv.row))];
}

/**
 * Everything a timeline shows of [from, to] (ISO dates, inclusive), from the one clip of the
 * picture: its table and text alternative, its rows (none without a bar) and its bars.
 */
export function timelineView(
  intervals: TimelineInterval[],
  from: string,
  to: string,
  head: { row: string; label?: string; from: string; to: string },
  formatDay: (iso: string) => string,
  open: string,
): { table: ChartTable; rows: string[]; bars: TimelineBar[] } {
  const shown = timelineClip(intervals, from, to);
  return {
    table: timelineTable(head, shown, formatDay, open),
    rows: timelineRows(shown),
    bars: timelineBars(shown, from, to),
  };
}

export function timelineTable(
  head: { row: string; label?: string; from: string; to: string },
  intervals: TimelineInterval[],
  formatDay: (iso: string) => string,
  open: string,
): ChartTable {
  const labelled = intervals.some((iv) => iv.label);
  return {
    head: [head.row, ...(labelled && head.label ? [head.label] : []), head.from, head.to],
    rows: intervals.map((iv) => ({
      label: iv.row,
      cells: [
        ...(labelled && head.label ? [iv.label ?? ''] : []),
        formatDay(iv.start),
        iv.end === null ? open : formatDay(iv.end),
      ],
    })),
  };
}

// ---- A line over periods ----------------------------------------------------------------

export interface PeriodValue {
  /** The period's name, e.g. "2026 K1" or "mrt 2026"; in the given order on the axis. */
  period: string;
  /** null: no figure for this period (a gap in the line, "–" in the table). */
  value: number | null;
}

export function lineTable(
  head: { period: string; value: string; target: string },
  periods: PeriodValue[],
  target: number | null | undefined,
  format: Format,
): ChartTable {
  const hasTarget = target !== undefined && target !== null;
  return {
    head: [head.period, head.value, ...(hasTarget ? [head.target] : [])],
    rows: periods.map((p) => ({
      label: p.period,
      cells: [p.value === null ? '–' : format(p.value), ...(hasTarget ? [format(target)] : [])],
    })),
  };
}

// ---- Shared ----------------------------------------------------------------------------

/** The key of what a picture is drawn from (its figures, as drawn): equal data gives an equal key, also in new arrays. */
export function drawKey(...drawnFrom: unknown[]): string {
  return JSON.stringify(drawnFrom);
}

/** The chart's text alternative: its title and every row of its table, "Kop: waarde, kop waarde; …". */
export function textAlternative(title: string, table: ChartTable): string {
  if (!table.rows.length) return `${title}.`;
  const heads = table.head.slice(1);
  const rows = table.rows.map(
    (r) => `${r.label}: ${r.cells.map((c, i) => (heads.length > 1 ? `${heads[i]} ${c}` : c)).join(', ')}`,
  );
  return `${title}. ${rows.join('; ')}.`;
}

/**
 * A number with at most `digits` decimals, nl-NL (also in English: the figures are Dutch),
 * rounded half up on the value as written: 1234.56 → "1.234,6", 0.15 → "0,2", -2.5 → "−2,5".
 */
export function formatNumber(value: number, digits = 1): string {
  // Intl rounds the shortest decimal that reads back as `value` (0.15, not toFixed's binary
  // 0.1499…), half away from zero. A value that rounds to zero (-0.04) is "0", not "-0"; a
  // minus is a minus sign, as in formatPercent.
  const text = value.toLocaleString('nl-NL', { maximumFractionDigits: digits });
  return text === '-0' ? '0' : text.replace('-', '\u2212');
}
