// A small horizontal bar chart without a chart library. The labels and figures are HTML
// text, so a long label ("Werk van andere instanties of samenwerking daarmee") wraps
// instead of being cut off, and on a phone the label goes above its bars (CSS only);
// each bar is a tiny inline SVG stretched to its column, its length an SVG attribute and
// its colour a CSS class (the CSP forbids style attributes). For assistive technology
// the chart is one image (role="img") whose aria-label states every figure, and the same
// figures are always in a table on the page as well.
import { useI18n } from '../i18n/context';

export interface ChartSeries {
  key: string;
  label: string;
  /** CSS class for the bars and the legend swatch, e.g. wk-chart__bar--oud. */
  cls: string;
}

export interface ChartCategory {
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
  /** Optional class per value (e.g. to colour a negative saving); defaults to the series' class. */
  classes?: (string | undefined)[];
}

interface Props {
  id: string;
  title: string;
  series: ChartSeries[];
  categories: ChartCategory[];
  format: (value: number) => string;
}

/** The bars' drawing width in SVG units (each bar's SVG is stretched to its column). */
export const PLOT_WIDTH = 1000;
const BAR_H = 20;

/** The scale of the chart: where zero is and how many units a value is. */
export function chartScale(values: number[], plotStart: number, plotWidth: number) {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const x = (v: number) => plotStart + ((v - min) / span) * plotWidth;
  return { min, max, x, zero: x(0) };
}

/** Where a bar starts and how long it is, in SVG units; a value other than zero is at least visible. */
export function barGeometry(
  value: number,
  scale: { x: (v: number) => number; zero: number },
): { x: number; width: number } {
  const end = scale.x(value);
  return { x: Math.min(scale.zero, end), width: Math.max(Math.abs(end - scale.zero), value === 0 ? 0 : 2) };
}

/** A bar's length as a percentage of its row, rounded to a tenth: `width` in SVG units. */
export function barPercent(width: number): number {
  return Math.round((width / PLOT_WIDTH) * 1000) / 10;
}

export function BarChart({ id, title, series, categories, format }: Props) {
  const { t } = useI18n();
  const all = categories.flatMap((c) => c.values);
  const hasNegative = all.some((v) => v < 0);
  const scale = chartScale(all, 0, PLOT_WIDTH);

  const label = `${title}. ${categories
    .map(
      (c) =>
        `${c.label}: ${c.values.map((v, i) => (series.length > 1 ? `${series[i]!.label} ${format(v)}` : format(v))).join(', ')}`,
    )
    .join('; ')}.`;

  return (
    <figure class="wk-chart" id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="wk-chart__caption">
        {title}
      </figcaption>
      {series.length > 1 ? (
        <ul class="wk-chart__legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span class={`wk-chart__swatch ${s.cls}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      {categories.length ? (
        <div class={`wk-chart__plot${hasNegative ? ' wk-chart__plot--negative' : ''}`} role="img" aria-label={label}>
          {categories.map((c, ci) => (
            <div class="wk-chart__row" key={ci}>
              <div class="wk-chart__label">{c.label}</div>
              <div class="wk-chart__bars">
                {c.values.map((v, si) => {
                  const { x, width } = barGeometry(v, scale);
                  const cls = c.classes?.[si] ?? series[si]!.cls;
                  if (!hasNegative) {
                    // All bars start at the axis: each as long as its share of the row (an
                    // SVG attribute, not a style), the figure right behind it.
                    return (
                      <div class="wk-chart__bar-row wk-chart__bar-row--inline" key={si}>
                        <svg
                          class="wk-chart__track wk-chart__track--sized"
                          width={`${barPercent(width)}%`}
                          viewBox={`0 0 ${PLOT_WIDTH} ${BAR_H}`}
                          preserveAspectRatio="none"
                          aria-hidden="true"
                          focusable="false"
                        >
                          <rect class={`wk-chart__bar ${cls}`} x={0} y={0} width={PLOT_WIDTH} height={BAR_H} />
                        </svg>
                        <span class="wk-chart__value">{format(v)}</span>
                      </div>
                    );
                  }
                  return (
                    <div class="wk-chart__bar-row" key={si}>
                      <svg
                        class="wk-chart__track"
                        viewBox={`0 0 ${PLOT_WIDTH} ${BAR_H}`}
                        preserveAspectRatio="none"
                        aria-hidden="true"
                        focusable="false"
                      >
                        <rect class={`wk-chart__bar ${cls}`} x={x} y={0} width={width} height={BAR_H} />
                        <line
                          class="wk-chart__axis"
                          x1={scale.zero}
                          x2={scale.zero}
                          y1={0}
                          y2={BAR_H}
                          vector-effect="non-scaling-stroke"
                        />
                      </svg>
                      <span class="wk-chart__value">{format(v)}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      ) : (
        <p class="utrecht-paragraph">{t('chart.empty')}</p>
      )}
    </figure>
  );
}
