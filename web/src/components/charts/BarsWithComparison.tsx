// Horizontal bars per category, each with an optional comparison bar under it (last year,
// the old situation, a target). Negative values run left from the zero line.
import { ChartFigure, PLOT_CLASS, type TableChoice } from './ChartFigure';
import {
  type BarCategory,
  type BarPoint,
  type ChartSeries,
  type Format,
  barPoints,
  barTable,
  drawKey,
  valueDomain,
} from './chartData';
import { type PlotModule, labelMargin, plotFont, rowLabels, xTicks } from './plotStyle';

interface Props extends TableChoice {
  id: string;
  title: string;
  /** The heading of the table's first column (what a category is, e.g. "Onderwerp"). */
  categoryHeading: string;
  series: ChartSeries;
  comparison?: ChartSeries;
  categories: BarCategory[];
  format: Format;
}

const ROW_SINGLE = 30;
const ROW_DOUBLE = 44;
const VALUE_ROOM = 84;

export function BarsWithComparison({
  id,
  title,
  categoryHeading,
  series,
  comparison,
  categories,
  format,
  ...shown
}: Props) {
  const points = barPoints(categories, series, comparison, format);
  const table = barTable(categoryHeading, categories, series, comparison, format);
  const legend = comparison ? [series, comparison] : [series];
  const draw = (Plot: PlotModule, width: number) => drawBars(Plot, width, categories, points, !!comparison, format);
  const key = drawKey(points, !!comparison);
  return <ChartFigure id={id} title={title} legend={legend} table={table} draw={draw} drawKey={key} {...shown} />;
}

/** Where a bar lies in its category's band (the band of row i is [i, i + 1], top down). */
export function barBand(row: number, slot: 0 | 1, compared: boolean): { y1: number; y2: number } {
  if (!compared) return { y1: row + 0.18, y2: row + 0.82 };
  return slot === 0 ? { y1: row + 0.12, y2: row + 0.5 } : { y1: row + 0.5, y2: row + 0.88 };
}

/**
 * Where a bar's figure goes: past the end of the longest bar of its category on its side of
 * zero, so that no figure stands on a bar (it stays readable, and in contrast).
 */
export function labelAt(p: BarPoint, points: BarPoint[]): number {
  const side = points.filter((q) => q.row === p.row && q.value >= 0 === p.value >= 0).map((q) => q.value);
  return p.value >= 0 ? Math.max(...side) : Math.min(...side);
}

function drawBars(
  Plot: PlotModule,
  width: number,
  categories: BarCategory[],
  points: BarPoint[],
  compared: boolean,
  format: Format,
) {
  const n = categories.length;
  const [lo, hi] = valueDomain(points.map((p) => p.value));
  const placed = points.map((p) => {
    const band = barBand(p.row, p.slot, compared);
    return { ...p, ...band, mid: (band.y1 + band.y2) / 2, at: labelAt(p, points) };
  });
  const classes = [...new Set(placed.map((p) => p.cls))];
  const margin = labelMargin(
    width,
    categories.map((c) => c.label),
  );
  return Plot.plot({
    className: PLOT_CLASS,
    style: plotFont,
    width,
    height: n * (compared ? ROW_DOUBLE : ROW_SINGLE) + 30,
    marginLeft: margin.left,
    marginRight: VALUE_ROOM,
    marginTop: 4,
    marginBottom: 26,
    x: { domain: [lo, hi], insetLeft: lo < 0 ? VALUE_ROOM : 0, tickFormat: format, ticks: xTicks(width), label: null },
    y: { domain: [0, n], reverse: true, axis: null },
    marks: [
      ...classes.map((cls) =>
        Plot.rect(
          placed.filter((p) => p.cls === cls),
          { x1: 0, x2: 'value', y1: 'y1', y2: 'y2', className: `wk-chart__bar ${cls}` },
        ),
      ),
      Plot.ruleX([0], { className: 'wk-chart__axis' }),
      rowLabels(
        Plot,
        categories.map((c) => c.label),
        margin,
      ),
      ...([true, false] as const).map((pos) =>
        Plot.text(
          placed.filter((p) => p.value >= 0 === pos),
          {
            x: 'at',
            y: 'mid',
            text: 'text',
            textAnchor: pos ? 'start' : 'end',
            dx: pos ? 4 : -4,
            className: 'wk-chart__tick',
          },
        ),
      ),
    ],
  });
}
