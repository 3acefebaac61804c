// Rows with intervals over a period, e.g. the placements per home over a year: one row
// per home, one bar per placement; a placement that still runs goes to the end of the view.
import { useI18n } from '../../i18n/context';
import { formatDate } from '../../lib/format';
import { ChartFigure, PLOT_CLASS, type TableChoice } from './ChartFigure';
import { type ChartSeries, type TimelineInterval, drawKey, timelineView } from './chartData';
import { type PlotModule, labelMargin, plotFont, rowLabels, xTicks } from './plotStyle';

interface Props extends TableChoice {
  id: string;
  title: string;
  /** The heading of the rows (e.g. "Woning") and, when intervals have labels, of those (e.g. "Casus"). */
  rowHeading: string;
  labelHeading?: string;
  /** Name and colour of the bars (in the legend only when there is more than one). */
  series: ChartSeries;
  intervals: TimelineInterval[];
  /** The period shown, ISO dates, inclusive. */
  from: string;
  to: string;
}

const ROW = 30;

export function Timeline({ id, title, rowHeading, labelHeading, series, intervals, from, to, ...shown }: Props) {
  const { t, lang } = useI18n();
  // One clip for the table, the text alternative, the rows and the bars: all show the same.
  const view = timelineView(
    intervals,
    from,
    to,
    { row: rowHeading, label: labelHeading, from: t('chart.from'), to: t('chart.to') },
    (iso) => formatDate(iso, lang),
    t('chart.open'),
  );
  const { table, rows } = view;
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const draw = (Plot: PlotModule, width: number) => {
    const margin = labelMargin(width, rows);
    const bars = view.bars.map((b) => ({
      ...b,
      y1: rows.indexOf(b.row) + 0.2,
      y2: rows.indexOf(b.row) + 0.8,
    }));
    return Plot.plot({
      className: PLOT_CLASS,
      style: plotFont,
      width,
      height: rows.length * ROW + 30,
      marginLeft: margin.left,
      marginRight: 16,
      marginTop: 4,
      marginBottom: 26,
      x: {
        type: 'utc',
        domain: [new Date(`${from}T00:00:00Z`), new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000)],
        ticks: xTicks(width),
        tickFormat: (d: Date) => d.toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
        label: null,
        grid: true,
      },
      y: { domain: [0, rows.length], reverse: true, axis: null },
      marks: [
        Plot.rect(bars, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', className: `wk-chart__bar ${series.cls}` }),
        rowLabels(Plot, rows, margin),
      ],
    });
  };
  const key = drawKey(series.cls, from, to, lang, rows, view.bars);
  return <ChartFigure id={id} title={title} legend={[series]} table={table} draw={draw} drawKey={key} {...shown} />;
}
