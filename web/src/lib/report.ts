// The annual report page's model (docs/openapi.json, tag "reports"):
// which year and reference date to show, whether a chapter has its text, and a short
// summary of a chapter's tables (their titles, number of rows and the grand total).
import type { ReportCell, ReportChapter, ReportTable, ReportYears } from './api';
import { parseDateInput } from './format';

/** The API's limit on a chapter text. */
export const REPORT_TEXT_MAX = 100_000;
/** The years the API knows (others are 404). */
export const REPORT_FIRST_YEAR = 2000;
export const REPORT_LAST_YEAR = 2100;

/** The report one usually writes: last year's (`today` is `YYYY-MM-DD`). */
export function defaultReportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** The reference date the API takes when none is given: 31 December of the year. */
export function defaultReferenceDate(year: number): string {
  return `${year}-12-31`;
}

/**
 * The years to choose from when the server cannot say (a server without
 * `GET /api/v1/reports/years`): this year back to the first the API knows, newest first.
 */
export function reportYears(today: string): number[] {
  const last = Math.min(Number(today.slice(0, 4)), REPORT_LAST_YEAR);
  const out: number[] = [];
  for (let y = last; y >= REPORT_FIRST_YEAR; y -= 1) out.push(y);
  return out;
}

const knownYear = (y: unknown): y is number =>
  Number.isInteger(y) && (y as number) >= REPORT_FIRST_YEAR && (y as number) <= REPORT_LAST_YEAR;

/**
 * The year the page shows: the one in the address, else the server's default (the last
 * full year), else last year by this browser's clock. `answer` is null while the
 * server's years are not known (or when it cannot give them).
 */
export function shownReportYear(pathYear: number | null, answer: ReportYears | null, today: string): number {
  if (pathYear !== null) return pathYear;
  return answer && knownYear(answer.default) ? answer.default : defaultReportYear(today);
}

/**
 * The year select's choices, newest first: the server's years (from the organisation's
 * first data to this year), or the fallback range when it gave none; a year asked for in
 * the address is kept even when it lies outside them.
 */
export function reportYearChoices(answer: ReportYears | null, today: string, shown: number): number[] {
  const fromServer = answer ? answer.years.filter(knownYear) : [];
  const base = fromServer.length ? fromServer : reportYears(today);
  const set = new Set(base);
  set.add(shown);
  return [...set].sort((a, b) => b - a);
}

/** `?peildatum=2025-06-30` → that date; absent or not a real date → 31-12 of the year. */
export function reportReferenceDate(search: string, year: number): string {
  const d = new URLSearchParams(search).get('peildatum');
  return d && parseDateInput(d) === d ? d : defaultReferenceDate(year);
}

/** The page's address for a year and reference date (the default date is left out). */
export function reportPath(year: number, referenceDate: string): string {
  return referenceDate === defaultReferenceDate(year)
    ? `/jaarverslag/${year}`
    : `/jaarverslag/${year}?peildatum=${referenceDate}`;
}

/**
 * Whether a chapter's text has been written (null: not yet; only spaces count as
 * nothing written either).
 */
export function hasText(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trim() !== '';
}

/**
 * What to send for the text in the box: a box with only spaces and blank lines sends
 * the empty text, which takes the chapter back to its placeholder in the report.
 */
export function textToSave(value: string): string {
  return value.trim() === '' ? '' : value;
}

export interface TotalFigure {
  column: string;
  text: string;
  cents?: number;
}

export interface TableSummary {
  id: string;
  title: string;
  /** Rows without the total rows (Totaal, Totaal alle groepen). */
  rows: number;
  /** The grand total: the "Totaal alle groepen" row, else the last total row; null when none. */
  total: { label: string; figures: TotalFigure[] } | null;
}

const GRAND_TOTAL = 'totaal alle groepen';

function figure(column: string | undefined, cell: ReportCell, index: number): TotalFigure {
  const f: TotalFigure = { column: column ?? String(index + 1), text: cell.text };
  if (typeof cell.cents === 'number') f.cents = cell.cents;
  return f;
}

export function summariseTable(table: ReportTable): TableSummary {
  const totals = table.rows.filter((r) => r.total);
  const grand =
    totals.find((r) => (r.cells[0]?.text ?? '').trim().toLowerCase() === GRAND_TOTAL) ??
    totals[totals.length - 1] ??
    null;
  return {
    id: table.id,
    title: table.title,
    rows: table.rows.length - totals.length,
    total: grand
      ? {
          label: grand.cells[0]?.text ?? '',
          figures: grand.cells.slice(1).map((c, i) => figure(table.columns[i + 1], c, i + 1)),
        }
      : null,
  };
}

/** All tables of a chapter, in order, summarised. */
export function chapterTables(chapter: ReportChapter): TableSummary[] {
  return chapter.sections.flatMap((s) => s.tables.map(summariseTable));
}

/** The chapter's sentences, each with the heading of its section (e.g. the programme). */
export function chapterParagraphs(chapter: ReportChapter): { heading: string; text: string }[] {
  return chapter.sections.flatMap((s) => s.paragraphs.map((text) => ({ heading: s.heading, text })));
}
