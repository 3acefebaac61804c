// Paged lists without a DOM (docs/api.md, "Paging"): the server counts a
// list up to 10,000 rows (`total_exact` false beyond) and skips by `offset` up to 10,000.
// The story and case lists page on past that by the server's cursor; the other lists
// stop there ("Verfijn het filter om verder te kijken.").
//
// A page's place in the address: ?vanaf=<offset>, or ?na=<next_cursor>&p=<page number>
// (p only places the page in the caption; the server never sees it).
import type { Lang, MessageKey, Translate } from '../i18n';
import { formatCount } from './format';

/** The server counts, and skips by offset, at most this many rows. */
export const COUNT_CAP = 10_000;
/** A page number in the address: at most this (a million rows are 20,000 pages of 50). */
const PAGE_MAX = 10_000_000;
/** What a cursor may look like in the address (the server's are URL-safe base64, ≤ 512). */
const CURSOR_RE = /^[A-Za-z0-9_-]{1,512}$/;

/** Where a page is in its list: by offset, or (lists with a cursor) by the server's cursor. */
export interface PagePosition {
  /** Rows skipped (?vanaf=); 0 on a cursor page. */
  offset: number;
  /** The server's `next_cursor` of the page before (?na=), or '' on an offset page. */
  cursor: string;
  /** The number of a cursor page (?p=, 1 = the first page), or 0 on an offset page. */
  page: number;
}

export const FIRST_PAGE: PagePosition = { offset: 0, cursor: '', page: 0 };

/** The same filter on its first page (no offset, no cursor). */
export function firstPage<T extends PagePosition>(f: T): T {
  return { ...f, ...FIRST_PAGE };
}

/**
 * The page's place from the address. A cursor counts only with the number of its page
 * (2 or more): without one the caption could not say where in the list it is, so the
 * list starts at the top. An offset past 10,000 (a link from before the server's limit)
 * is read as 10,000, the deepest offset the server takes.
 */
export function readPosition(p: URLSearchParams): PagePosition {
  const offset = Number(p.get('vanaf') ?? '0');
  const cursor = p.get('na') ?? '';
  const page = Number(p.get('p') ?? '');
  if (CURSOR_RE.test(cursor) && Number.isInteger(page) && page >= 2 && page <= PAGE_MAX)
    return { offset: 0, cursor, page };
  return { ...FIRST_PAGE, offset: Number.isInteger(offset) && offset > 0 ? Math.min(offset, COUNT_CAP) : 0 };
}

/** Puts the page's place into the address (nothing for the first page). */
export function writePosition(p: URLSearchParams, pos: PagePosition): void {
  if (pos.cursor) {
    p.set('na', pos.cursor);
    p.set('p', String(pos.page));
  } else if (pos.offset > 0) p.set('vanaf', String(pos.offset));
}

/**
 * A list's query string: the filter's fields that are set, under their names in the
 * address, then the page's place; '' when there is nothing to say.
 */
export function listSearch(fields: readonly (readonly [string, string])[], pos: PagePosition): string {
  const p = new URLSearchParams();
  for (const [name, value] of fields) if (value) p.set(name, value);
  writePosition(p, pos);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `?vanaf=50` → 50: the offset of a list that pages by offset only (0 when absent or not a positive whole number). */
export function offsetQuery(search: string): number {
  const p = new URLSearchParams(search);
  p.delete('na');
  return readPosition(p).offset;
}

/** 50 → `?vanaf=50`, 0 → '' (the first page). */
export function offsetSearch(offset: number): string {
  return offset > 0 ? `?vanaf=${offset}` : '';
}

/** What a list's answer says about paging. */
export interface PageFacts {
  /** Rows on this page. */
  count: number;
  /** Counted up to 10,000. */
  total: number;
  /** False when there are more than `total` (10,000). */
  total_exact: boolean;
}
/** The same for a list that pages on by cursor. */
export interface CursorPageFacts extends PageFacts {
  /** Null on the last page. */
  next_cursor: string | null;
}

/** Where a page is and where its links go (query strings, or null). */
export interface Paging {
  /** The numbers of the first and last row on the page (1-based), or null when it holds none. */
  range: { from: number; to: number } | null;
  prev: string | null;
  next: string | null;
  /** "Eerste pagina": on every page but the first. */
  first: string | null;
  /** True when there are more rows than the server pages to by offset: no "Volgende", but "Verfijn het filter". */
  stopped: boolean;
}

function rangeOf(start: number, count: number): Paging['range'] {
  return count > 0 ? { from: start + 1, to: start + count } : null;
}

/**
 * The links of a list that pages on by cursor (stories, cases). Offsets (?vanaf=) as long
 * as they stay within the server's 10,000; "Volgende" past that, and from every page
 * reached by cursor, follows the server's `next_cursor` (?na=…&p=…). "Vorige" of a cursor
 * page goes back to the offset page where that is within 10,000, else to the cursor page
 * before when this browser has seen its cursor (`known`), else there is none (only
 * "Eerste pagina"). `search` writes the filter with a position as a query string.
 */
export function cursorPaging<F extends PagePosition>(
  f: F,
  facts: CursorPageFacts,
  size: number,
  search: (f: F) => string,
  known: (page: number) => string | undefined = () => undefined,
): Paging {
  const top = firstPage(f);
  const at = (offset: number) => search({ ...top, offset });
  const byCursor = (cursor: string, page: number) => search({ ...top, cursor, page });
  const start = f.cursor ? (f.page - 1) * size : f.offset;
  const first = start > 0 || f.cursor ? search(top) : null;
  let prev: string | null = null;
  let next: string | null = null;
  if (!f.cursor) {
    if (f.offset > 0) prev = at(Math.max(0, f.offset - size));
    if (facts.next_cursor) {
      const n = f.offset + size;
      if (n <= COUNT_CAP) next = at(n);
      // An offset that is no multiple of the page (a link typed by hand) has no page
      // number: the last offset page first, the cursor from there.
      else if (f.offset % size !== 0) next = at(COUNT_CAP);
      else next = byCursor(facts.next_cursor, f.offset / size + 2);
    }
  } else {
    const before = (f.page - 2) * size;
    if (before <= COUNT_CAP) prev = at(before);
    else {
      const cursor = known(f.page - 1);
      if (cursor) prev = byCursor(cursor, f.page - 1);
    }
    if (facts.next_cursor) next = byCursor(facts.next_cursor, f.page + 1);
  }
  return { range: rangeOf(start, facts.count), prev, next, first, stopped: false };
}

/**
 * The links of a list that pages by offset only (sessions, best practices, the
 * kennisbank). "Volgende" while there are more rows and the next offset is one the server
 * takes (at most 10,000); past that `stopped`, where the page says to narrow the filter
 * instead of offering a link the server would refuse.
 */
export function offsetPaging<F extends { offset: number }>(
  f: F,
  facts: PageFacts,
  size: number,
  search: (f: F) => string,
): Paging {
  const at = (offset: number) => search({ ...f, offset });
  // With an exact count the count says it; past the count only a full page may have more.
  const more = facts.total_exact
    ? f.offset + facts.count < facts.total
    : facts.count >= size || f.offset + facts.count < facts.total;
  let next: string | null = null;
  let stopped = false;
  if (more) {
    const n = f.offset + size;
    if (n <= COUNT_CAP) next = at(n);
    else if (f.offset < COUNT_CAP) next = at(COUNT_CAP);
    else stopped = true;
  }
  return {
    range: rangeOf(f.offset, facts.count),
    prev: f.offset > 0 ? at(Math.max(0, f.offset - size)) : null,
    next,
    first: f.offset > 0 ? at(0) : null,
    stopped,
  };
}

/** A list's caption keys: "… {from} tot en met {to} van {total}" and "… van meer dan {total}". */
export interface CaptionKeys {
  exact: MessageKey;
  more: MessageKey;
}

/**
 * "Casussen 10.001 tot en met 10.025 van meer dan 10.000": a page's caption with Dutch
 * (or English) thousands; null when the page holds no rows (the page shows its title).
 */
export function countCaption(
  t: Translate,
  lang: Lang,
  keys: CaptionKeys,
  range: Paging['range'],
  facts: Pick<PageFacts, 'total' | 'total_exact'>,
): string | null {
  if (!range) return null;
  const params = {
    from: formatCount(range.from, lang),
    to: formatCount(range.to, lang),
    total: formatCount(facts.total, lang),
  };
  return facts.total_exact ? t(keys.exact, params) : t(keys.more, params);
}

/** A list's "found" keys: one row, {count} rows, more than {count} rows. */
export interface FoundKeys {
  one: MessageKey;
  many: MessageKey;
  more: MessageKey;
}

/** "63.412 verhalen gevonden." / "Meer dan 10.000 verhalen gevonden.": what a screen reader hears after filtering. */
export function countFound(
  t: Translate,
  lang: Lang,
  keys: FoundKeys,
  facts: Pick<PageFacts, 'total' | 'total_exact'>,
): string {
  if (!facts.total_exact) return t(keys.more, { count: formatCount(facts.total, lang) });
  return facts.total === 1 ? t(keys.one) : t(keys.many, { count: formatCount(facts.total, lang) });
}

/**
 * The cursors of the cursor pages this browser tab has seen, per filter, so that
 * "Vorige" can go back a page deep in a long list (also after a reload, with
 * sessionStorage). `key` names the list in the storage; `search` writes its filter.
 */
export class CursorMemory<F extends PagePosition> {
  private readonly map = new Map<string, string>();
  constructor(
    readonly key: string,
    private readonly search: (f: F) => string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
    private readonly max = 500,
  ) {
    try {
      const saved = JSON.parse(storage?.getItem(key) ?? '[]') as unknown;
      if (Array.isArray(saved))
        for (const e of saved)
          if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') this.map.set(e[0], e[1]);
    } catch {
      // Nothing remembered: "Vorige" then goes no further back than an offset page.
    }
  }
  private entry(f: F, page: number): string {
    return `${this.search(firstPage(f))}#${page}`;
  }
  remember(f: F, page: number, cursor: string): void {
    const entry = this.entry(f, page);
    this.map.delete(entry);
    this.map.set(entry, cursor);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    try {
      this.storage?.setItem(this.key, JSON.stringify([...this.map]));
    } catch {
      // Storage full or forbidden: remembered for this page view only.
    }
  }
  get(f: F, page: number): string | undefined {
    return this.map.get(this.entry(f, page));
  }
}

/** A list that pages on by cursor (stories, cases), described once. */
export interface CursorListSpec<F extends PagePosition> {
  /** Rows a page. */
  size: number;
  /** The filter with its page's place as a query string. */
  search: (f: F) => string;
  /** Where this tab keeps the list's cursors (sessionStorage). */
  storageKey: string;
  /** The caption of an empty page. */
  title: MessageKey;
  caption: CaptionKeys;
  found: FoundKeys;
}

/** A list that pages on by cursor: its links, caption, announcement and cursor memory. */
export interface CursorList<F extends PagePosition> {
  /** The page's links (cursorPaging); `known`: the cursor of a page this tab saw. */
  paging: (f: F, facts: CursorPageFacts, known?: (page: number) => string | undefined) => Paging;
  /** The caption, or the list's title when the page is empty. */
  caption: (
    t: Translate,
    lang: Lang,
    range: Paging['range'],
    facts: Pick<PageFacts, 'total' | 'total_exact'>,
  ) => string;
  /** What a screen reader hears after filtering. */
  found: (t: Translate, lang: Lang, facts: Pick<PageFacts, 'total' | 'total_exact'>) => string;
  /** The cursor pages this tab has seen, kept in `storage`. */
  cursors: (storage: Pick<Storage, 'getItem' | 'setItem'> | null) => CursorMemory<F>;
}

export function cursorList<F extends PagePosition>(spec: CursorListSpec<F>): CursorList<F> {
  return {
    paging: (f, facts, known) => cursorPaging(f, facts, spec.size, spec.search, known),
    caption: (t, lang, range, facts) => countCaption(t, lang, spec.caption, range, facts) ?? t(spec.title),
    found: (t, lang, facts) => countFound(t, lang, spec.found, facts),
    cursors: (storage) => new CursorMemory(spec.storageKey, spec.search, storage),
  };
}

/** This tab's sessionStorage, or null where the browser forbids it. */
export function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
