// What the shared charts share in how Plot draws them: the font (set through the SVG's
// style property, which the Content-Security-Policy allows, unlike a style attribute), the
// room for the category labels on the left and the number of ticks for a width.

/** Plot itself, loaded when the first chart is drawn (see ChartFigure). */
export type PlotModule = typeof import('./plotParts');

/** Plot's text at the page's font, a little smaller than body text. */
export const FONT_PX = 13;
export const plotFont = { fontSize: `${FONT_PX}px`, fontFamily: 'inherit' };

/** An average character at FONT_PX, in pixels (Noto Sans). */
const CHAR_PX = 7.2;

/**
 * The left margin for the category labels: as wide as the longest label, but at most 38%
 * of the chart (a longer label ends in "…" there; it is whole in the table), at least 48
 * px. `ems` is the labels' line width for Plot's text mark.
 */
export function labelMargin(width: number, labels: string[]): { left: number; ems: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const left = Math.round(Math.max(48, Math.min(longest * CHAR_PX + 14, width * 0.38)));
  return { left, ems: (left - 14) / FONT_PX };
}

/** About one tick per 140 pixels, at least two. */
export function xTicks(width: number): number {
  return Math.max(2, Math.floor(width / 140));
}

/** The category labels left of the bands of rows 0 … n−1 (band i is [i, i + 1] on a reversed linear y). */
export function rowLabels(Plot: PlotModule, labels: string[], margin: { ems: number }) {
  return Plot.text(
    labels.map((label, row) => ({ label, y: row + 0.5 })),
    {
      y: 'y',
      text: 'label',
      frameAnchor: 'left',
      textAnchor: 'end',
      dx: -8,
      lineWidth: margin.ems,
      textOverflow: 'ellipsis',
      className: 'wk-chart__tick',
    },
  );
}
