// The frame of every shared chart: a figure with its caption, a legend, the picture drawn
// by Observable Plot (SVG, so it prints sharp and needs no canvas), and the figures in a
// table — the accessible source; the picture is one image (role="img") whose aria-label
// states every figure. Without rows it says so ("Geen gegevens voor deze grafiek.").
//
// Plot (with the parts of d3 it needs) is a chunk of its own, loaded by the first chart
// on a page, so the pages without charts do not carry it. Plot draws into a detached SVG; its own <style> element is taken out before the SVG is
// put on the page (the Content-Security-Policy forbids inline styles; app.css has the
// same rules for .wk-plot). Colours come from CSS classes on the marks, not attributes.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { ChartTable } from './chartData';
import type { PlotModule } from './plotStyle';
import { textAlternative } from './chartData';

export interface LegendItem {
  label: string;
  /** The swatch's class (the same class as the marks). */
  cls: string;
  /** A line (a target) instead of a filled swatch. */
  line?: boolean;
}

/** How a chart shows its figures: a table of its own (visible or disclosed), or the page's. */
export interface TableChoice {
  /** 'details': the table behind a disclosure (when the page shows the same figures in a table of its own). */
  tableMode?: 'visible' | 'details';
  /**
   * The page's own table of the same figures (and more), shown instead of the generated
   * one, so that the figures are not twice on the page; its row headers have the class
   * wk-chart__label.
   */
  ownTable?: ComponentChildren;
}

interface Props extends TableChoice {
  id: string;
  title: string;
  legend: LegendItem[];
  table: ChartTable;
  /** Draws the picture at a width in CSS pixels; called again when the figure's width changes. */
  draw: Draw;
  /** What the picture is drawn from (drawKey in chartData): it is drawn again only when this or the width changes, not on every render. */
  drawKey: string;
}

/** The class Plot puts on its SVG (instead of a generated one), styled in app.css. */
export const PLOT_CLASS = 'wk-plot';

/** Draws the picture with Plot at a width in CSS pixels. */
export type Draw = (plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;

let loading: Promise<PlotModule> | null = null;
const loadPlot = () => (loading ??= import('./plotParts'));

export function ChartFigure({ id, title, legend, table, draw, drawKey, tableMode = 'visible', ownTable }: Props) {
  const { t } = useI18n();
  const empty = table.rows.length === 0;
  const data = ownTable ?? <ChartDataTable id={id} title={title} table={table} />;
  return (
    <figure class={`wk-chart${ownTable ? ' wk-chart--own-table' : ''}`} id={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="wk-chart__caption">
        {title}
      </figcaption>
      {empty ? (
        <p class="utrecht-paragraph wk-chart__empty">{t('chart.empty')}</p>
      ) : (
        <>
          {legend.length > 1 ? (
            <ul class="wk-chart__legend" aria-hidden="true">
              {legend.map((l) => (
                <li key={l.label}>
                  <span class={`wk-chart__swatch${l.line ? ' wk-chart__swatch--line' : ''} ${l.cls}`} />
                  {l.label}
                </li>
              ))}
            </ul>
          ) : null}
          <PlotImage label={textAlternative(title, table)} draw={draw} drawKey={drawKey} />
          {tableMode === 'details' ? (
            <details class="wk-chart__details">
              <summary>{t('chart.showTable')}</summary>
              {data}
            </details>
          ) : (
            data
          )}
        </>
      )}
    </figure>
  );
}

function PlotImage({ label, draw, drawKey }: { label: string; draw: Draw; drawKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // A parent's render makes a new `draw` for the same data: the latest is kept, the key decides.
  const latest = useRef(draw);
  latest.current = draw;
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    let width = 0;
    let plot: PlotModule | null = null;
    let gone = false;
    const render = () => {
      const w = Math.round(box.clientWidth) || 640;
      if (!plot || w === width) return;
      width = w;
      const svg = latest.current(plot, w);
      svg.querySelectorAll('style').forEach((s) => s.remove());
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('focusable', 'false');
      box.replaceChildren(svg);
    };
    void loadPlot().then((m) => {
      if (gone) return;
      plot = m;
      render();
    });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(render);
    observer?.observe(box);
    return () => {
      gone = true;
      observer?.disconnect();
    };
  }, [drawKey]);
  return <div class="wk-chart__picture" role="img" aria-label={label} ref={ref} />;
}

function ChartDataTable({ id, title, table }: { id: string; title: string; table: ChartTable }) {
  const num = 'utrecht-table__cell utrecht-table__cell--numeric-data wk-chart__value';
  return (
    <table class="utrecht-table utrecht-table--html-table wk-chart__table" id={`${id}-table`}>
      <caption class="wk-visually-hidden">{title}</caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {table.head.map((h, i) => (
            <th
              key={i}
              scope="col"
              class={`utrecht-table__header-cell${i ? ' utrecht-table__header-cell--numeric-data' : ''}`}
            >
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {table.rows.map((r, ri) => (
          <tr class="utrecht-table__row" key={ri}>
            <th scope="row" class="utrecht-table__header-cell wk-chart__label">
              {r.label}
            </th>
            {r.cells.map((c, ci) => (
              <td key={ci} class={num}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
