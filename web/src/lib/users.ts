// The users page without a DOM: its search and page in the address
// (/beheer/gebruikers?zoek=jan&vanaf=50), its links, caption and announcement. The
// server pages users by offset only, 500 at most a page and up to offset 10,000
// (docs/openapi.json, GET /api/v1/users), so the page uses offsetPaging: past 10,000 "Verfijn het filter".
import type { Lang, Translate } from '../i18n';
import {
  countCaption,
  countFound,
  FIRST_PAGE,
  listSearch,
  offsetPaging,
  offsetQuery,
  type PageFacts,
  type Paging,
} from './paging';

/** Rows on a page of /beheer/gebruikers. */
export const USERS_PAGE_SIZE = 50;
/** The server reads the first 100 characters of `q`. */
export const USER_SEARCH_MAX = 100;
/** The largest page the server gives (`limit`): what a list of people to choose from asks for. */
export const USERS_LIMIT_MAX = 500;

export interface UserFilter {
  /** A part of the name or e-mail address ('' lists everyone). */
  q: string;
  offset: number;
}

export function userFilterFromSearch(search: string): UserFilter {
  const p = new URLSearchParams(search);
  return { q: (p.get('zoek') ?? '').trim().slice(0, USER_SEARCH_MAX), offset: offsetQuery(search) };
}

export function searchFromUserFilter(f: UserFilter): string {
  return listSearch([['zoek', f.q.trim()]], { ...FIRST_PAGE, offset: f.offset });
}

/** "Vorige", "Volgende", "Eerste pagina", or "Verfijn het filter" at offset 10,000. */
export function userPaging(f: UserFilter, facts: PageFacts): Paging {
  return offsetPaging(f, facts, USERS_PAGE_SIZE, searchFromUserFilter);
}

/**
 * "Gebruikers 51 tot en met 100 van 1.234" (or "van meer dan 10.000"); an empty page is
 * named after the organisation, as the whole list was before it paged.
 */
export function userCaption(
  t: Translate,
  lang: Lang,
  range: Paging['range'],
  facts: Pick<PageFacts, 'total' | 'total_exact'>,
  organisation: string,
): string {
  return (
    countCaption(t, lang, { exact: 'users.caption', more: 'users.captionMore' }, range, facts) ??
    t('users.captionAll', { organisation })
  );
}

/** "12 gebruikers gevonden." / "Meer dan 10.000 gebruikers gevonden.": what a screen reader hears after a search. */
export function usersFound(t: Translate, lang: Lang, facts: Pick<PageFacts, 'total' | 'total_exact'>): string {
  return facts.total === 0
    ? t('users.foundNone')
    : countFound(t, lang, { one: 'users.foundOne', many: 'users.found', more: 'users.foundMore' }, facts);
}
