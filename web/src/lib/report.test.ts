import { describe, expect, it } from 'vitest';
import type { ReportChapter, ReportTable } from './api';
import {
  chapterParagraphs,
  chapterTables,
  defaultReferenceDate,
  defaultReportYear,
  hasText,
  reportPath,
  reportReferenceDate,
  reportYearChoices,
  reportYears,
  shownReportYear,
  summariseTable,
  textToSave,
} from './report';
import { reportUrl } from './api';

const money = (cents: number, text: string) => ({ text, cents });

// The receipts chapter's table in the shape the server sends (docs/openapi.json, Report).
const receipts: ReportTable = {
  id: 'kassabonnen-3',
  title: 'Kassabonnen Doorstroomwoningen',
  columns: ['Groep', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'],
  rows: [
    {
      total: false,
      cells: [{ text: 'Woning Bosrand' }, money(120000, '€ 1.200'), money(500000, '€ 5.000'), money(380000, '€ 3.800')],
    },
    { total: false, cells: [{ text: '' }, money(100000, '€ 1.000'), money(50000, '€ 500'), money(-50000, '€ -500')] },
    {
      total: true,
      cells: [{ text: 'Totaal' }, money(220000, '€ 2.200'), money(550000, '€ 5.500'), money(330000, '€ 3.300')],
    },
    {
      total: true,
      cells: [
        { text: 'Totaal alle groepen' },
        money(220000, '€ 2.200'),
        money(550000, '€ 5.500'),
        money(330000, '€ 3.300'),
      ],
    },
  ],
};

describe('year and reference date', () => {
  it('defaults to last year and 31 December', () => {
    expect(defaultReportYear('2026-11-23')).toBe(2025);
    expect(defaultReportYear('2027-01-01')).toBe(2026);
    expect(defaultReferenceDate(2025)).toBe('2025-12-31');
  });

  it("shows the year in the address, else the server's default, else last year", () => {
    const answer = { years: [2024, 2025, 2026], default: 2025 };
    expect(shownReportYear(2019, answer, '2026-11-23')).toBe(2019);
    expect(shownReportYear(null, answer, '2026-11-23')).toBe(2025);
    // The server's default wins over this browser's clock (a clock a year off).
    expect(shownReportYear(null, answer, '2027-01-02')).toBe(2025);
    expect(shownReportYear(null, null, '2026-11-23')).toBe(2025);
    expect(shownReportYear(null, { years: [], default: 0 }, '2026-11-23')).toBe(2025);
  });

  it("offers the server's years, from the first data year to this year, newest first", () => {
    const answer = { years: [2024, 2025, 2026], default: 2025 };
    expect(reportYearChoices(answer, '2026-11-23', 2025)).toEqual([2026, 2025, 2024]);
    // A year from the address outside the list is kept (as the page always did).
    expect(reportYearChoices(answer, '2026-11-23', 2019)).toEqual([2026, 2025, 2024, 2019]);
    expect(reportYearChoices(answer, '2026-11-23', 2030)).toEqual([2030, 2026, 2025, 2024]);
    // Years the API does not know are left out; an empty or missing answer falls back.
    expect(reportYearChoices({ years: [1999, 2025], default: 2025 }, '2026-11-23', 2025)).toEqual([2025]);
    const fallback = reportYearChoices(null, '2026-11-23', 2025);
    expect(fallback[0]).toBe(2026);
    expect(fallback[fallback.length - 1]).toBe(2000);
    expect(reportYearChoices({ years: [], default: 2025 }, '2026-11-23', 2025)).toEqual(fallback);
  });

  it('falls back to this year back to 2000, newest first', () => {
    const ys = reportYears('2026-11-23');
    expect(ys[0]).toBe(2026);
    expect(ys[ys.length - 1]).toBe(2000);
    expect(ys).toHaveLength(27);
  });

  it('reads ?peildatum= only when it is a real ISO date', () => {
    expect(reportReferenceDate('?peildatum=2025-06-30', 2025)).toBe('2025-06-30');
    expect(reportReferenceDate('', 2025)).toBe('2025-12-31');
    expect(reportReferenceDate('?peildatum=30-06-2025', 2025)).toBe('2025-12-31');
    expect(reportReferenceDate('?peildatum=2025-02-30', 2024)).toBe('2024-12-31');
  });

  it('leaves the default date out of the page address', () => {
    expect(reportPath(2025, '2025-12-31')).toBe('/jaarverslag/2025');
    expect(reportPath(2025, '2026-03-01')).toBe('/jaarverslag/2025?peildatum=2026-03-01');
  });

  it('builds the API addresses of the report', () => {
    expect(reportUrl(2025, 'html', '2025-12-31')).toBe('/api/v1/reports/2025?format=html&reference_date=2025-12-31');
    expect(reportUrl(2017, 'xlsx', '2017-12-31')).toBe('/api/v1/reports/2017?format=xlsx&reference_date=2017-12-31');
  });
});

describe('chapter texts', () => {
  it('counts a chapter as written only with some text', () => {
    expect(hasText('Inleiding.')).toBe(true);
    expect(hasText(null)).toBe(false);
    expect(hasText('')).toBe(false);
    expect(hasText(' \n\n ')).toBe(false);
  });

  it('sends an empty text for a box with only spaces (back to the placeholder)', () => {
    expect(textToSave('  \n\n  ')).toBe('');
    expect(textToSave('')).toBe('');
    expect(textToSave('  Inleiding.\n')).toBe('  Inleiding.\n');
  });
});

describe('table summaries', () => {
  it('counts the rows without totals and takes the grand total', () => {
    const s = summariseTable(receipts);
    expect(s.title).toBe('Kassabonnen Doorstroomwoningen');
    expect(s.rows).toBe(2);
    expect(s.total).toEqual({
      label: 'Totaal alle groepen',
      figures: [
        { column: 'Kassabon nieuw', text: '€ 2.200', cents: 220000 },
        { column: 'Kassabon oud', text: '€ 5.500', cents: 550000 },
        { column: 'Besparing', text: '€ 3.300', cents: 330000 },
      ],
    });
  });

  it('falls back to the last total row, or none', () => {
    const payer: ReportTable = {
      id: 'betaler-3',
      title: 'Besparing per betaler',
      columns: ['Betaler', 'Besparing'],
      rows: [
        { total: false, cells: [{ text: 'gemeente' }, money(100, '€ 1')] },
        { total: true, cells: [{ text: 'Totaal' }, money(100, '€ 1')] },
      ],
    };
    expect(summariseTable(payer).total?.label).toBe('Totaal');
    expect(summariseTable({ ...payer, rows: payer.rows.slice(0, 1) }).total).toBeNull();
    expect(summariseTable({ ...payer, rows: [] }).rows).toBe(0);
  });

  it('lists a chapter tables and sentences in order, with their section heading', () => {
    const chapter: ReportChapter = {
      number: 5,
      key: 'kassabonnen',
      title: 'Kassabonnen: wat maatwerk oplevert',
      text: null,
      sections: [
        { heading: 'Doorstroomwoningen', paragraphs: ['Er lopen geen casussen meer.'], tables: [receipts] },
        { heading: '', paragraphs: [], tables: [{ ...receipts, id: 'betaler-3', title: 'Besparing per betaler' }] },
      ],
    };
    expect(chapterTables(chapter).map((t) => t.id)).toEqual(['kassabonnen-3', 'betaler-3']);
    expect(chapterParagraphs(chapter)).toEqual([
      { heading: 'Doorstroomwoningen', text: 'Er lopen geen casussen meer.' },
    ]);
  });
});
