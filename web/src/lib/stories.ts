// Vertelpunt helpers without a DOM: percentages and percentage points the Dutch way,
// the list filter in the URL, the dashboard's default periods, the diverging valuation
// bar's geometry, the check of a story before it is sent, and whether a story form changed.
import type { Lang } from '../i18n';
import type { SignValue, TellerKind } from './api';
import { isTellerKind } from './api';
import { oneDecimal, parseDateInput } from './format';
import { cursorList, FIRST_PAGE, listSearch, readPosition, type PagePosition } from './paging';
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
// offset: ?…&na=<next_cursor>&p=202 (lib/paging.ts).

/** The story list's pages are this long. */
export const STORIES_PAGE_SIZE = 50;

export interface StoryFilter extends PagePosition {
  from: string;
  to: string;
  team: string;
  teller: string;
  topic: string;
  valuation: string;
  q: string;
  /** '' (published) or 'pending' / 'rejected' (quality only). */
  status: string;
}

export const EMPTY_FILTER: StoryFilter = {
  from: '',
  to: '',
  team: '',
  teller: '',
  topic: '',
  valuation: '',
  q: '',
  status: '',
  ...FIRST_PAGE,
};
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function storyFilterFromSearch(search: string): StoryFilter {
  const p = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d{1,15}$/.test(v) ? v : '');
  const date = (v: string | null) => (v && ISO.test(v) && parseDateInput(v) === v ? v : '');
  const teller = p.get('verteller') ?? '';
  const status = p.get('status') ?? '';
  return {
    from: date(p.get('van')),
    to: date(p.get('tot')),
    team: id(p.get('team')),
    teller: isTellerKind(teller) ? teller : '',
    topic: id(p.get('onderwerp')),
    valuation: id(p.get('waardering')),
    q: (p.get('zoek') ?? '').slice(0, 100),
    status: status === 'pending' || status === 'rejected' ? status : '',
    ...readPosition(p),
  };
}

export function searchFromStoryFilter(f: StoryFilter): string {
  return listSearch(
    [
      ['status', f.status],
      ['van', f.from],
      ['tot', f.to],
      ['team', f.team],
      ['verteller', f.teller],
      ['onderwerp', f.topic],
      ['waardering', f.valuation],
      ['zoek', f.q.trim()],
    ],
    f,
  );
}

/**
 * The story list's links (by offset within 10,000, by cursor beyond), caption ("Verhalen
 * 10.051 tot en met 10.100 van meer dan 10.000"), announcement ("Meer dan 10.000 verhalen
 * gevonden.") and the cursors this tab saw.
 */
export const storyList = cursorList<StoryFilter>({
  size: STORIES_PAGE_SIZE,
  search: searchFromStoryFilter,
  storageKey: 'wijkkader.storyCursors',
  title: 'stories.title',
  caption: { exact: 'stories.caption', more: 'stories.captionMore' },
  found: { one: 'stories.foundOne', many: 'stories.found', more: 'stories.foundMore' },
});

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

export const EMPTY_FILTER_FIELDS: FilterFields = {
  from: '',
  to: '',
  team: '',
  teller: '',
  topic: '',
  valuation: '',
  q: '',
};

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
  return {
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    compareFrom: `${year - 1}-01-01`,
    compareTo: `${year - 1}-12-31`,
  };
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
export function answersBody(
  prompts: readonly SignValue[],
  answers: Record<number, string>,
): { prompt_id: number; text: string }[] {
  return prompts.map((p) => ({ prompt_id: p.id, text: (answers[p.id] ?? '').trim() })).filter((a) => a.text.length > 0);
}

/**
 * Whether a story form differs from how it opened (lib/unsaved): an answer typed and
 * wiped again, or only spaces, is no change.
 */
export function storyChanged<T extends { answers: Record<number, string> }>(before: T, after: T): boolean {
  const written = (d: T) => ({
    ...d,
    answers: Object.fromEntries(Object.entries(d.answers).filter(([, v]) => v.trim() !== '')),
  });
  return isChanged(written(before), written(after));
}

/** Teams with the user's own teams first (lives in lib/teams.ts with the other team choices). */
export { ownTeamsFirst } from './teams';
