// A small horizontal bar chart drawn as inline SVG, without a chart library. Colours
// come from CSS classes (the CSP forbids style attributes); the SVG is one image for
// assistive technology (role="img") whose aria-label states every figure, and the
// same figures are always in a table on the page as well.
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

const WIDTH = 760;
const LABEL_W = 190;
const VALUE_W = 110;
const BAR_H = 20;
const BAR_GAP = 4;
const GROUP_GAP = 16;
const TOP = 8;

/** "Woning Bosrand aan de Kanaalstraat" → "Woning Bosrand aan de…" (full text in <title>). */
function shorten(text: string, max = 26): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The scale of the chart: where zero is and how many pixels a unit is. */
export function chartScale(values: number[], plotStart: number, plotWidth: number) {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const x = (v: number) => plotStart + ((v - min) / span) * plotWidth;
  return { min, max, x, zero: x(0) };
}

export function BarChart({ id, title, series, categories, format }: Props) {
  const { t } = useI18n();
  const all = categories.flatMap((c) => c.values);
  const hasNegative = all.some((v) => v < 0);
  // Room for the value text left of a negative bar.
  const plotStart = LABEL_W + (hasNegative ? VALUE_W : 8);
  const plotWidth = WIDTH - plotStart - VALUE_W;
  const { x, zero } = chartScale(all, plotStart, plotWidth);
  const groupH = series.length * BAR_H + (series.length - 1) * BAR_GAP;
  const height = TOP * 2 + categories.length * groupH + Math.max(0, categories.length - 1) * GROUP_GAP;

  const label = `${title}. ${categories
    .map((c) => `${c.label}: ${c.values.map((v, i) => (series.length > 1 ? `${series[i]!.label} ${format(v)}` : format(v))).join(', ')}`)
    .join('; ')}.`;

  return (
    <figure class="wk-chart" aria-labelledby={`${id}-caption`}>
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
        <svg
          class="wk-chart__svg"
          viewBox={`0 0 ${WIDTH} ${height}`}
          width={WIDTH}
          height={height}
          role="img"
          aria-label={label}
          preserveAspectRatio="xMinYMin meet"
          focusable="false"
        >
          <line class="wk-chart__axis" x1={zero} x2={zero} y1={0} y2={height} />
          {categories.map((c, ci) => {
            const y0 = TOP + ci * (groupH + GROUP_GAP);
            return (
              <g key={ci}>
                <text class="wk-chart__label" x={LABEL_W - 10} y={y0 + groupH / 2} dominant-baseline="middle" text-anchor="end">
                  <title>{c.label}</title>
                  {shorten(c.label)}
                </text>
                {c.values.map((v, si) => {
                  const y = y0 + si * (BAR_H + BAR_GAP);
                  const x1 = Math.min(zero, x(v));
                  const w = Math.max(Math.abs(x(v) - zero), v === 0 ? 0 : 1.5);
                  const cls = c.classes?.[si] ?? series[si]!.cls;
                  const end = v < 0 ? x1 - 6 : x1 + w + 6;
                  return (
                    <g key={si}>
                      <rect class={`wk-chart__bar ${cls}`} x={x1} y={y} width={w} height={BAR_H} />
                      <text class="wk-chart__value" x={end} y={y + BAR_H / 2} dominant-baseline="middle" text-anchor={v < 0 ? 'end' : 'start'}>
                        {format(v)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="utrecht-paragraph">{t('chart.empty')}</p>
      )}
    </figure>
  );
}
