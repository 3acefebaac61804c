// The case list without a DOM: its filter in the URL (/casussen?programma=3&team=11&status=afgerond&zoek=WS&vanaf=25,
// past the first 10,000 cases ?…&na=<next_cursor>&p=402: lib/paging.ts), its links, caption and announcement.
import { CASE_STATUSES } from './api';
import { cursorList, FIRST_PAGE, listSearch, readPosition, type PagePosition } from './paging';

/** The case list's pages are this long. */
export const CASES_PAGE_SIZE = 25;

export interface CaseFilter extends PagePosition {
  programme: string;
  team: string;
  status: string;
  q: string;
}

export const EMPTY_CASE_FILTER: CaseFilter = { programme: '', team: '', status: '', q: '', ...FIRST_PAGE };

export function caseFilterFromSearch(search: string): CaseFilter {
  const p = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d{1,15}$/.test(v) ? v : '');
  const status = p.get('status') ?? '';
  return {
    programme: id(p.get('programma')),
    team: id(p.get('team')),
    status: (CASE_STATUSES as readonly string[]).includes(status) ? status : '',
    q: (p.get('zoek') ?? '').slice(0, 40),
    ...readPosition(p),
  };
}

export function searchFromCaseFilter(f: CaseFilter): string {
  return listSearch(
    [
      ['programma', f.programme],
      ['team', f.team],
      ['status', f.status],
      ['zoek', f.q.trim()],
    ],
    f,
  );
}

/**
 * The case list's links (by offset within 10,000, by cursor beyond), caption ("Casussen
 * 10.001 tot en met 10.025 van meer dan 10.000"), announcement ("Meer dan 10.000 casussen
 * gevonden.") and the cursors this tab saw.
 */
export const caseList = cursorList<CaseFilter>({
  size: CASES_PAGE_SIZE,
  search: searchFromCaseFilter,
  storageKey: 'wijkkader.caseCursors',
  title: 'cases.title',
  caption: { exact: 'cases.caption', more: 'cases.captionMore' },
  found: { one: 'cases.foundOne', many: 'cases.found', more: 'cases.foundMore' },
});
