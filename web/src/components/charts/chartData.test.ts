import { describe, expect, it } from 'vitest';
import {
  barPoints,
  barTable,
  drawKey,
  formatNumber,
  lineTable,
  textAlternative,
  timelineBars,
  timelineRows,
  timelineTable,
  timelineView,
  valueDomain,
} from './chartData';
import { barBand, labelAt } from './BarsWithComparison';
import { periodTicks } from './LineOverPeriods';
import { FONT_PX, labelMargin, xTicks } from './plotStyle';
import { formatPercent } from '../../lib/stories';
import { formatMoney } from '../../lib/money';

const now = { key: 'now', label: '2026', cls: 'wk-chart__bar--nieuw' };
const before = { key: 'before', label: '2025', cls: 'wk-chart__bar--oud' };

describe('bars with a comparison', () => {
  const cats = [
    { label: 'Schulden', value: 12.345, compare: 10 },
    { label: 'Wonen', value: 0, compare: null },
  ];

  it('puts every figure in the table, Dutch, with a dash for a missing comparison', () => {
    expect(barTable('Onderwerp', cats, now, before, formatPercent)).toEqual({
      head: ['Onderwerp', '2026', '2025'],
      rows: [
        { label: 'Schulden', cells: ['12,3\u00a0%', '10,0\u00a0%'] },
        { label: 'Wonen', cells: ['0,0\u00a0%', '–'] },
      ],
    });
    expect(barTable('Onderwerp', cats, now, undefined, formatPercent).head).toEqual(['Onderwerp', '2026']);
  });

  it('draws a comparison bar only where there is a comparison value, in its own half of the band', () => {
    const points = barPoints(cats, now, before, formatPercent);
    expect(points.map((p) => [p.row, p.slot, p.cls])).toEqual([
      [0, 0, 'wk-chart__bar--nieuw'],
      [0, 1, 'wk-chart__bar--oud'],
      [1, 0, 'wk-chart__bar--nieuw'],
    ]);
    expect(barBand(1, 0, true)).toEqual({ y1: 1.12, y2: 1.5 });
    expect(barBand(1, 1, true)).toEqual({ y1: 1.5, y2: 1.88 });
    expect(barBand(0, 0, false)).toEqual({ y1: 0.18, y2: 0.82 });
  });

  it('puts each figure past the longer bar of its category on its side of zero, never on a bar', () => {
    const points = barPoints(
      [
        { label: 'a', value: 3, compare: 8 },
        { label: 'b', value: -2, compare: 5 },
      ],
      now,
      before,
      String,
    );
    expect(points.map((p) => labelAt(p, points))).toEqual([8, 8, -2, 5]);
  });

  it('gives a category its own class (a negative saving) and formats money', () => {
    const [p] = barPoints(
      [{ label: 'Gemeente', value: -470_000, cls: 'wk-chart__bar--negative' }],
      now,
      undefined,
      formatMoney,
    );
    expect(p!.cls).toBe('wk-chart__bar--negative');
    expect(p!.text).toBe(formatMoney(-470_000));
  });

  it('runs the value axis from zero, also below it, and never has an empty domain', () => {
    expect(valueDomain([3, 7])).toEqual([0, 7]);
    expect(valueDomain([-4700, 6000])).toEqual([-4700, 6000]);
    expect(valueDomain([0, 0])).toEqual([0, 1]);
    expect(valueDomain([])).toEqual([0, 1]);
  });

  it('has no rows without data (the figure then says "Geen gegevens")', () => {
    const table = barTable('Onderwerp', [], now, before, formatPercent);
    expect(table.rows).toEqual([]);
    expect(textAlternative('Onderwerpen', table)).toBe('Onderwerpen.');
  });
});

describe('a timeline', () => {
  const intervals = [
    { row: 'Kerkstraat 1', start: '2025-11-01', end: '2026-02-28', label: 'C-1' },
    { row: 'Dorpsweg 4', start: '2026-03-01', end: null, label: 'C-2' },
    { row: 'Kerkstraat 1', start: '2026-05-01', end: '2026-05-31', label: 'C-3' },
    { row: 'Dorpsweg 4', start: '2024-01-01', end: '2024-12-31', label: 'C-0' },
  ];

  it('cuts intervals at the view, runs an open one to its end and leaves out what lies outside', () => {
    const bars = timelineBars(intervals, '2026-01-01', '2026-12-31');
    expect(bars.map((b) => [b.label, b.x1.toISOString().slice(0, 10), b.x2.toISOString().slice(0, 10)])).toEqual([
      ['C-1', '2026-01-01', '2026-03-01'],
      ['C-2', '2026-03-01', '2027-01-01'],
      ['C-3', '2026-05-01', '2026-06-01'],
    ]);
    expect(timelineRows(intervals)).toEqual(['Kerkstraat 1', 'Dorpsweg 4']);
  });

  it('lists every interval in the table with its dates, "loopt nog" for an open one', () => {
    const table = timelineTable(
      { row: 'Woning', label: 'Casus', from: 'Van', to: 'Tot en met' },
      intervals.slice(0, 2),
      (iso) => iso.split('-').reverse().join('-'),
      'loopt nog',
    );
    expect(table).toEqual({
      head: ['Woning', 'Casus', 'Van', 'Tot en met'],
      rows: [
        { label: 'Kerkstraat 1', cells: ['C-1', '01-11-2025', '28-02-2026'] },
        { label: 'Dorpsweg 4', cells: ['C-2', '01-03-2026', 'loopt nog'] },
      ],
    });
    expect(timelineTable({ row: 'Woning', from: 'Van', to: 'Tot' }, [], (d) => d, '').rows).toEqual([]);
  });

  it('shows in the table, the text alternative and the rows only what it draws, cut at the period', () => {
    const outside = { row: 'Molenlaan 9', start: '2027-02-01', end: null, label: 'C-9' };
    const view = timelineView(
      [...intervals, outside],
      '2026-01-01',
      '2026-12-31',
      { row: 'Woning', label: 'Casus', from: 'Van', to: 'Tot en met' },
      (iso) => iso.split('-').reverse().join('-'),
      'loopt nog',
    );
    expect(view.rows).toEqual(['Kerkstraat 1', 'Dorpsweg 4']);
    expect(view.bars.map((b) => b.label)).toEqual(['C-1', 'C-2', 'C-3']);
    expect(view.table.rows).toEqual([
      { label: 'Kerkstraat 1', cells: ['C-1', '01-01-2026', '28-02-2026'] },
      { label: 'Dorpsweg 4', cells: ['C-2', '01-03-2026', 'loopt nog'] },
      { label: 'Kerkstraat 1', cells: ['C-3', '01-05-2026', '31-05-2026'] },
    ]);
    expect(textAlternative('Plaatsingen 2026', view.table)).toBe(
      'Plaatsingen 2026. Kerkstraat 1: Casus C-1, Van 01-01-2026, Tot en met 28-02-2026; ' +
        'Dorpsweg 4: Casus C-2, Van 01-03-2026, Tot en met loopt nog; ' +
        'Kerkstraat 1: Casus C-3, Van 01-05-2026, Tot en met 31-05-2026.',
    );
    const late = timelineView(
      [{ row: 'Kerkstraat 1', start: '2026-06-01', end: '2027-03-31' }],
      '2026-01-01',
      '2026-12-31',
      { row: 'Woning', from: 'Van', to: 'Tot en met' },
      (iso) => iso,
      'loopt nog',
    );
    expect(late.table.rows).toEqual([{ label: 'Kerkstraat 1', cells: ['2026-06-01', '2026-12-31'] }]);
    expect(late.bars.map((b) => b.x2.toISOString().slice(0, 10))).toEqual(['2027-01-01']);
  });
});

describe('a line over periods', () => {
  const periods = [
    { period: '2026 K1', value: 4.25 },
    { period: '2026 K2', value: null },
    { period: '2026 K3', value: 1234.56 },
  ];

  it('puts every period and the target in the table, a dash for a period without a figure', () => {
    const table = lineTable({ period: 'Periode', value: 'Verzuim', target: 'Doel' }, periods, 5, formatNumber);
    expect(table).toEqual({
      head: ['Periode', 'Verzuim', 'Doel'],
      rows: [
        { label: '2026 K1', cells: ['4,3', '5'] },
        { label: '2026 K2', cells: ['–', '5'] },
        { label: '2026 K3', cells: ['1.234,6', '5'] },
      ],
    });
    expect(lineTable({ period: 'P', value: 'V', target: 'D' }, periods, null, formatNumber).head).toEqual(['P', 'V']);
    expect(textAlternative('Verzuim per kwartaal', table)).toBe(
      'Verzuim per kwartaal. 2026 K1: Verzuim 4,3, Doel 5; 2026 K2: Verzuim –, Doel 5; 2026 K3: Verzuim 1.234,6, Doel 5.',
    );
  });

  it('labels every period when they fit, else every k-th back from the last', () => {
    const months = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);
    expect(periodTicks(months, 1000)).toEqual(months);
    expect(periodTicks(months, FONT_PX * 6 * 4)).toEqual(['m3', 'm6', 'm9', 'm12']);
  });
});

describe('shared', () => {
  it('keys a picture on its data: the same figures in new arrays keep the key, another figure changes it', () => {
    const points = () => barPoints([{ label: 'Wonen', value: 3, compare: 2 }], now, before, formatNumber);
    expect(drawKey(points(), true)).toBe(drawKey(points(), true));
    const other = barPoints([{ label: 'Wonen', value: 3, compare: 2.5 }], now, before, formatNumber);
    expect(drawKey(other, true)).not.toBe(drawKey(points(), true));
    expect(drawKey('2026-01-01', [new Date('2026-01-01T00:00:00Z')])).not.toBe(
      drawKey('2026-01-01', [new Date('2026-01-02T00:00:00Z')]),
    );
  });

  it('writes numbers nl-NL at the edges of rounding', () => {
    expect(formatNumber(0.05)).toBe('0,1');
    expect(formatNumber(-0.04)).toBe('0');
    expect(formatNumber(999.96)).toBe('1.000');
    expect(formatNumber(12345.678, 2)).toBe('12.345,68');
    expect(formatNumber(-2.5)).toBe('\u22122,5');
  });

  it('rounds half up on the decimal value as written, not on its binary neighbour', () => {
    expect(formatNumber(0.15)).toBe('0,2');
    expect(formatNumber(0.35)).toBe('0,4');
    expect(formatNumber(1.45)).toBe('1,5');
    expect(formatNumber(-1.45)).toBe('\u22121,5');
    expect(formatNumber(-0.05)).toBe('\u22120,1');
    expect(formatNumber(2.675, 2)).toBe('2,68');
    expect(formatNumber(1.005, 2)).toBe('1,01');
    expect(formatNumber(-0.004, 2)).toBe('0');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
  });

  it('states one series without its name and several with theirs', () => {
    expect(
      textAlternative('Besparing', {
        head: ['Betaler', 'Besparing'],
        rows: [{ label: 'Gemeente', cells: ['€ 1.289'] }],
      }),
    ).toBe('Besparing. Gemeente: € 1.289.');
  });

  it('leaves room for the labels, but at most 38% of the chart', () => {
    expect(labelMargin(1000, ['Wonen'])).toEqual({ left: 50, ems: 36 / FONT_PX });
    expect(labelMargin(1000, ['x'.repeat(200)]).left).toBe(380);
    expect(xTicks(300)).toBe(2);
    expect(xTicks(700)).toBe(5);
  });
});
