// A value per period (sick leave per quarter, stories per month) as a line with its points
// and figures, and optionally a target drawn against it as a dashed line.
import { useI18n } from '../../i18n/context';
import { ChartFigure, PLOT_CLASS, type TableChoice } from './ChartFigure';
import { type ChartSeries, type Format, type PeriodValue, drawKey, lineTable, valueDomain } from './chartData';
import { FONT_PX, type PlotModule, plotFont } from './plotStyle';

interface Props extends TableChoice {
  id: string;
  title: string;
  /** The heading of the periods' column; "Periode" when not given. */
  periodHeading?: string;
  /** The values' name (legend and table heading) and colour, e.g. { label: 'Verzuim', cls: 'wk-chart__line--nieuw' }. */
  series: ChartSeries;
  periods: PeriodValue[];
  target?: number | null;
  format: Format;
}

/** The periods that get a label on the axis: all when they fit, else every k-th, counted back from the last (the latest period is always named). */
export function periodTicks(periods: string[], width: number): string[] {
  const room = Math.max(1, Math.floor(width / (FONT_PX * 6)));
  const k = Math.ceil(periods.length / room);
  return periods.filter((_, i) => (periods.length - 1 - i) % k === 0);
}

export function LineOverPeriods({ id, title, periodHeading, series, periods, target, format, ...shown }: Props) {
  const { t } = useI18n();
  const table = lineTable(
    { period: periodHeading ?? t('chart.period'), value: series.label, target: t('chart.target') },
    periods,
    target,
    format,
  );
  const hasTarget = target !== undefined && target !== null;
  const legend = hasTarget ? [series, { label: t('chart.target'), cls: 'wk-chart__target', line: true }] : [series];
  const draw = (Plot: PlotModule, width: number) => {
    const values = periods.flatMap((p) => (p.value === null ? [] : [p.value]));
    const data = periods.map((p) => ({
      period: p.period,
      value: p.value ?? NaN,
      text: p.value === null ? '' : format(p.value),
    }));
    return Plot.plot({
      className: PLOT_CLASS,
      style: plotFont,
      width,
      height: 240,
      marginLeft: 64,
      marginRight: 24,
      marginTop: 20,
      marginBottom: 30,
      x: {
        type: 'point',
        domain: periods.map((p) => p.period),
        ticks: periodTicks(
          periods.map((p) => p.period),
          width,
        ),
        label: null,
        inset: 20,
      },
      y: {
        domain: valueDomain(hasTarget ? [...values, target] : values),
        nice: true,
        tickFormat: format,
        ticks: 4,
        label: null,
        grid: true,
      },
      marks: [
        ...(hasTarget
          ? [Plot.ruleY([target], { className: 'wk-chart__target', strokeDasharray: '6,4', strokeWidth: 2 })]
          : []),
        Plot.line(data, { x: 'period', y: 'value', className: `wk-chart__line ${series.cls}`, strokeWidth: 2.5 }),
        Plot.dot(data, { x: 'period', y: 'value', r: 3.5, className: `wk-chart__bar ${series.cls}` }),
        Plot.text(data, { x: 'period', y: 'value', text: 'text', dy: -10, className: 'wk-chart__tick' }),
      ],
    });
  };
  const key = drawKey(series.cls, target, periods, table.rows);
  return <ChartFigure id={id} title={title} legend={legend} table={table} draw={draw} drawKey={key} {...shown} />;
}
