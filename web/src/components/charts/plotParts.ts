// The parts of Observable Plot the shared charts use: ChartFigure imports this module
// lazily, so the build puts exactly these (and the d3 they need) in one chunk of its own.
export { dot, line, plot, rect, ruleX, ruleY, text } from '@observablehq/plot';
