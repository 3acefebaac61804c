// Vertelpunt helpers without a DOM: percentages and percentage points the Dutch way,
// the list filter in the URL, the dashboard's default periods, the diverging valuation
// bar's geometry, the check of a story before it is sent, and whether a story form changed.
import type { Lang, Translate } from '../i18n';
import type { SignValue, TellerKind } from './api';
import { TELLER_KINDS } from './api';
import { formatCount, oneDecimal, parseDateInput } from './format';
import { isChanged } from './unsaved';

/** A label in the UI language: English `label_en` (when there is one) or the Dutch label. */
export function valueLabel(v: { label: string; label_en?: string | null } | null | undefined, lang: Lang): string {
  if (!v) return '';
  return lang === 'en' && v.label_en ? v.label_en : v.label;
}

/** A share in percent: 12.3 → "12,3 %", 0 → "0,0 %", 100 → "100,0 %" (non-breaking space). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  const neg = share < 0 && Math.round(Math.abs(share) * 10) !== 0;
  return `${neg ? '−' : ''}${oneDecimal(share)}\u00a0%`;
}

/** Percentage points with a sign: 2.5 → "+2,5", -1 → "−1,0", 0 → "0,0". */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined || !Number.isFinite(points)) return '–';
  const tenths = Math.round(points * 10);
  if (tenths === 0) return '0,0';
  return `${tenths > 0 ? '+' : '−'}${oneDecimal(points)}`;
}

// ---- The list's filter in the URL: /verhalen?van=2025-01-01&tot=…&team=11&verteller=inwoner&onderwerp=3&waardering=7&zoek=…&status=pending&vanaf=50 ----
// Past the first 10,000 stories a page is found by the server's cursor instead of an
// offset: ?…&na=<next_cursor>&p=202 (p, the page's number, is for the caption only; the
// server never sees it).

/** The story list's pages are this long. */
export const STORIES_PAGE_SIZE = 50;
/** The server counts, and skips by offset, at most this many stories (docs/api.md). */
export const STORY_COUNT_CAP = 10_000;
/** A page number in the address: at most this (a million stories are 20,000 pages). */
const PAGE_MAX = 10_000_000;
/** What a cursor may look like in the address (the server's are URL-safe base64, ≤ 512). */
const CURSOR_RE = /^[A-Za-z0-9_-]{1,512}$/;

export interface StoryFilter {
  from: string;
  to: string;
  team: string;
  teller: string;
  topic: string;
  valuation: string;
  q: string;
  /** '' (published) or 'pending' / 'rejected' (quality only). */
  status: string;
  /** Stories skipped (?vanaf=); 0 on a cursor page. */
  offset: number;
  /** The server's `next_cursor` of the page before (?na=), or '' on an offset page. */
  cursor: string;
  /** The number of a cursor page (?p=, 1 = the first page), or 0 on an offset page. */
  page: number;
}

export const EMPTY_FILTER: StoryFilter = {
  from: '', to: '', team: '', teller: '', topic: '', valuation: '', q: '', status: '', offset: 0, cursor: '', page: 0,
};
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The same filter on its first page (no offset, no cursor). */
export function firstPage<T extends StoryFilter>(f: T): T {
  return { ...f, offset: 0, cursor: '', page: 0 };
}

export function storyFilterFromSearch(search: string): StoryFilter {
  const p = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d{1,15}$/.test(v) ? v : '');
  const date = (v: string | null) => (v && ISO.test(v) && parseDateInput(v) === v ? v : '');
  const teller = p.get('verteller') ?? '';
  const status = p.get('status') ?? '';
  const offset = Number(p.get('vanaf') ?? '0');
  const cursor = p.get('na') ?? '';
  const page = Number(p.get('p') ?? '');
  // A cursor counts only with the number of its page (2 or more): without one the
  // caption could not say where in the list it is, so the list starts at the top.
  const byCursor = CURSOR_RE.test(cursor) && Number.isInteger(page) && page >= 2 && page <= PAGE_MAX;
  return {
    from: date(p.get('van')),
    to: date(p.get('tot')),
    team: id(p.get('team')),
    teller: (TELLER_KINDS as readonly string[]).includes(teller) ? teller : '',
    topic: id(p.get('onderwerp')),
    valuation: id(p.get('waardering')),
    q: (p.get('zoek') ?? '').slice(0, 100),
    status: status === 'pending' || status === 'rejected' ? status : '',
    offset: !byCursor && Number.isInteger(offset) && offset > 0 ? offset : 0,
    cursor: byCursor ? cursor : '',
    page: byCursor ? page : 0,
  };
}

export function searchFromStoryFilter(f: StoryFilter): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.from) p.set('van', f.from);
  if (f.to) p.set('tot', f.to);
  if (f.team) p.set('team', f.team);
  if (f.teller) p.set('verteller', f.teller);
  if (f.topic) p.set('onderwerp', f.topic);
  if (f.valuation) p.set('waardering', f.valuation);
  if (f.q.trim()) p.set('zoek', f.q.trim());
  if (f.cursor) {
    p.set('na', f.cursor);
    p.set('p', String(f.page));
  } else if (f.offset > 0) p.set('vanaf', String(f.offset));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** What the story list's answer says about paging (GET /api/v1/stories). */
export interface StoryPageFacts {
  /** Stories on this page. */
  count: number;
  total: number;
  total_exact: boolean;
  next_cursor: string | null;
}

/** Where a page of the story list is and where its links go (query strings, or null). */
export interface StoryPaging {
  /** The numbers of the first and last story on the page (1-based), or null when it holds none. */
  range: { from: number; to: number } | null;
  prev: string | null;
  next: string | null;
  /** "Eerste pagina": on every page but the first. */
  first: string | null;
}

/**
 * The story list's links. Offsets (?vanaf=) as long as they stay within the server's
 * 10,000; "Volgende" past that, and from every page reached by cursor, follows the
 * server's `next_cursor` (?na=…&p=…). "Vorige" of a cursor page goes back to the offset
 * page where that is within 10,000, else to the cursor page before when this browser
 * has seen its cursor (`known`), else there is none (only "Eerste pagina").
 */
export function storyPaging(f: StoryFilter, facts: StoryPageFacts, known: (page: number) => string | undefined = () => undefined): StoryPaging {
  const size = STORIES_PAGE_SIZE;
  const top = firstPage(f);
  const at = (offset: number) => searchFromStoryFilter({ ...top, offset });
  const byCursor = (cursor: string, page: number) => searchFromStoryFilter({ ...top, cursor, page });
  const start = f.cursor ? (f.page - 1) * size : f.offset;
  const range = facts.count > 0 ? { from: start + 1, to: start + facts.count } : null;
  const first = start > 0 || f.cursor ? searchFromStoryFilter(top) : null;
  let prev: string | null = null;
  let next: string | null = null;
  if (!f.cursor) {
    if (f.offset > 0) prev = at(Math.max(0, f.offset - size));
    if (facts.next_cursor) {
      const n = f.offset + size;
      if (n <= STORY_COUNT_CAP) next = at(n);
      // An offset that is no multiple of the page (a link typed by hand) has no page
      // number: the last offset page first, the cursor from there.
      else if (f.offset % size !== 0) next = at(STORY_COUNT_CAP);
      else next = byCursor(facts.next_cursor, f.offset / size + 2);
    }
  } else {
    const before = (f.page - 2) * size;
    if (before <= STORY_COUNT_CAP) prev = at(before);
    else {
      const cursor = known(f.page - 1);
      if (cursor) prev = byCursor(cursor, f.page - 1);
    }
    if (facts.next_cursor) next = byCursor(facts.next_cursor, f.page + 1);
  }
  return { range, prev, next, first };
}

/** "Verhalen 10.051 tot en met 10.100 van meer dan 10.000": the list's caption (the title when the page is empty). */
export function storyCaption(t: Translate, lang: Lang, range: StoryPaging['range'], facts: Pick<StoryPageFacts, 'total' | 'total_exact'>): string {
  if (!range) return t('stories.title');
  const params = { from: formatCount(range.from, lang), to: formatCount(range.to, lang), total: formatCount(facts.total, lang) };
  return facts.total_exact ? t('stories.caption', params) : t('stories.captionMore', params);
}

/** "63.412 verhalen gevonden." / "Meer dan 10.000 verhalen gevonden.": what a screen reader hears after filtering. */
export function storiesFound(t: Translate, lang: Lang, facts: Pick<StoryPageFacts, 'total' | 'total_exact'>): string {
  if (!facts.total_exact) return t('stories.foundMore', { count: formatCount(facts.total, lang) });
  return facts.total === 1 ? t('stories.foundOne') : t('stories.found', { count: formatCount(facts.total, lang) });
}

/**
 * The cursors of the cursor pages this browser tab has seen, per filter, so that
 * "Vorige" can go back a page deep in a long list (also after a reload: sessionStorage).
 */
export class CursorMemory {
  private readonly map = new Map<string, string>();
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
    private readonly max = 500,
  ) {
    try {
      const saved = JSON.parse(storage?.getItem(CursorMemory.KEY) ?? '[]') as unknown;
      if (Array.isArray(saved)) for (const e of saved) if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') this.map.set(e[0], e[1]);
    } catch {
      // Nothing remembered: "Vorige" then goes no further back than an offset page.
    }
  }
  static readonly KEY = 'wijkkader.storyCursors';
  private static key(f: StoryFilter, page: number): string {
    return `${searchFromStoryFilter(firstPage(f))}#${page}`;
  }
  remember(f: StoryFilter, page: number, cursor: string): void {
    const key = CursorMemory.key(f, page);
    this.map.delete(key);
    this.map.set(key, cursor);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    try {
      this.storage?.setItem(CursorMemory.KEY, JSON.stringify([...this.map]));
    } catch {
      // Storage full or forbidden: remembered for this page view only.
    }
  }
  get(f: StoryFilter, page: number): string | undefined {
    return this.map.get(CursorMemory.key(f, page));
  }
}

/** The story filter's fields as typed in a form (dates dd-mm-jjjj, ids as text). */
export interface FilterFields {
  from: string;
  to: string;
  team: string;
  teller: string;
  topic: string;
  valuation: string;
  q: string;
}

export const EMPTY_FILTER_FIELDS: FilterFields = { from: '', to: '', team: '', teller: '', topic: '', valuation: '', q: '' };

/**
 * The typed dates of a filter as ISO ('' when left empty), and the fields whose date
 * is not a real one. Also used by the story list's filter.
 */
export function readFilterDates(f: { from: string; to: string }): { from: string; to: string; bad: ('from' | 'to')[] } {
  const bad: ('from' | 'to')[] = [];
  const read = (key: 'from' | 'to') => {
    if (!f[key].trim()) return '';
    const iso = parseDateInput(f[key]);
    if (iso === null) bad.push(key);
    return iso ?? '';
  };
  const from = read('from');
  const to = read('to');
  return { from, to, bad };
}

/** `?vanaf=50` → 50: the offset of a paged list (0 when absent or not a positive whole number). */
export function offsetQuery(search: string): number {
  const n = Number(new URLSearchParams(search).get('vanaf') ?? '0');
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** 50 → `?vanaf=50`, 0 → '' (the first page). */
export function offsetSearch(offset: number): string {
  return offset > 0 ? `?vanaf=${offset}` : '';
}

// ---- Dashboard periods ----

export interface Periods {
  from: string;
  to: string;
  compareFrom: string;
  compareTo: string;
}

/** This year (1 January to 31 December of `today`'s year) and the year before. */
export function defaultPeriods(todayIso: string): Periods {
  const year = Number(todayIso.slice(0, 4));
  return { from: `${year}-01-01`, to: `${year}-12-31`, compareFrom: `${year - 1}-01-01`, compareTo: `${year - 1}-12-31` };
}

// ---- The diverging valuation bar ----

export interface Segment {
  code: string;
  /** 0 (zeer negatief) … 4 (zeer positief); more values: the position in the list. */
  index: number;
  share: number;
  /** Start and width in percent of the whole bar, where 50 is the centre line. */
  x: number;
  width: number;
}

/**
 * Places valuation shares (in the list's order, negative first) around a centre line:
 * the values before the middle one go left, those after it right, the middle one
 * (neutraal, with an odd number of values) straddles the line. Each side holds up to
 * 100 %, so the bar is 200 units wide and the centre is at 50 % of it.
 */
export function divergingSegments(buckets: readonly { code: string; share: number }[]): Segment[] {
  const n = buckets.length;
  const mid = (n - 1) / 2;
  const unit = 0.5; // one percent = half a percent of the bar's width
  const out: Segment[] = [];
  // Left side: from the centre outwards (the value nearest the middle first).
  let left = 50;
  const neutral = Number.isInteger(mid) ? buckets[mid]! : null;
  if (neutral) left -= (neutral.share * unit) / 2;
  const leftOut: Segment[] = [];
  for (let i = Math.ceil(mid) - 1; i >= 0; i -= 1) {
    const b = buckets[i]!;
    const w = b.share * unit;
    left -= w;
    leftOut.unshift({ code: b.code, index: i, share: b.share, x: left, width: w });
  }
  out.push(...leftOut);
  if (neutral) {
    const w = neutral.share * unit;
    out.push({ code: neutral.code, index: mid, share: neutral.share, x: 50 - w / 2, width: w });
  }
  let right = 50 + (neutral ? (neutral.share * unit) / 2 : 0);
  for (let i = Math.floor(mid) + 1; i < n; i += 1) {
    const b = buckets[i]!;
    const w = b.share * unit;
    out.push({ code: b.code, index: i, share: b.share, x: right, width: w });
    right += w;
  }
  return out;
}

// ---- A story before it is sent ----

export const TITLE_MAX = 200;
export const TEXT_MAX = 10_000;
export const ANSWER_MAX = 2_000;

export interface StoryDraft {
  title: string;
  text: string;
  /** As typed: dd-mm-jjjj (or ISO). */
  date: string;
  tellerKind: TellerKind;
  teamId: string;
  topicId: string;
  valuationId: string;
  archetypeIds: number[];
  answers: Record<number, string>;
  signed: boolean;
}

export type DraftProblem = 'title' | 'text' | 'date' | 'dateFuture' | 'topic_id' | 'valuation_id';

/** What is missing or wrong in a staff story (the server checks again): field → problem. */
export function checkDraft(d: StoryDraft, today: string): Partial<Record<string, DraftProblem>> {
  const out: Partial<Record<string, DraftProblem>> = {};
  if (!d.title.trim()) out.title = 'title';
  if (!d.text.trim()) out.text = 'text';
  const iso = parseDateInput(d.date);
  if (!iso) out.date = 'date';
  else if (iso > today) out.date = 'dateFuture';
  if (!d.topicId) out.topic_id = 'topic_id';
  if (!d.valuationId) out.valuation_id = 'valuation_id';
  return out;
}

/** The answers that were written, in the prompts' order, as the API takes them. */
export function answersBody(prompts: readonly SignValue[], answers: Record<number, string>): { prompt_id: number; text: string }[] {
  return prompts
    .map((p) => ({ prompt_id: p.id, text: (answers[p.id] ?? '').trim() }))
    .filter((a) => a.text.length > 0);
}

/**
 * Whether a story form differs from how it opened (lib/unsaved): an answer typed and
 * wiped again, or only spaces, is no change.
 */
export function storyChanged<T extends { answers: Record<number, string> }>(before: T, after: T): boolean {
  const written = (d: T) => ({ ...d, answers: Object.fromEntries(Object.entries(d.answers).filter(([, v]) => v.trim() !== '')) });
  return isChanged(written(before), written(after));
}

/** Teams with the user's own teams first (lives in lib/teams.ts with the other team choices). */
export { ownTeamsFirst } from './teams';
