import { describe, expect, it } from 'vitest';
import {
  answersBody,
  checkDraft,
  defaultPeriods,
  divergingSegments,
  formatPercent,
  formatPoints,
  ownTeamsFirst,
  searchFromStoryFilter,
  storyChanged,
  storyFilterFromSearch,
  storyList,
  valueLabel,
  EMPTY_FILTER,
  type StoryDraft,
  type StoryFilter,
} from './stories';
import { translator } from '../i18n';
import { COUNT_CAP as STORY_COUNT_CAP } from './paging';
import { matchRoute, publicStoryOrg } from './routes';
import { as } from './capabilities.fixture';
import { can, canSee, navItems } from './roles';

describe('formatPercent', () => {
  it('writes one decimal with a comma and a non-breaking space before %', () => {
    expect(formatPercent(12.3)).toBe('12,3\u00a0%');
    expect(formatPercent(12.34)).toBe('12,3\u00a0%');
    expect(formatPercent(12.35)).toBe('12,4\u00a0%');
    expect(formatPercent(0)).toBe('0,0\u00a0%');
    expect(formatPercent(100)).toBe('100,0\u00a0%');
    expect(formatPercent(7)).toBe('7,0\u00a0%');
    expect(formatPercent(-2.5)).toBe('−2,5\u00a0%');
    expect(formatPercent(-0.01)).toBe('0,0\u00a0%');
    expect(formatPercent(1234.5)).toBe('1.234,5\u00a0%');
  });
  it('shows a dash for a missing figure', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatPoints', () => {
  it('signs percentage points', () => {
    expect(formatPoints(2.5)).toBe('+2,5');
    expect(formatPoints(-1)).toBe('−1,0');
    expect(formatPoints(0)).toBe('0,0');
    expect(formatPoints(0.04)).toBe('0,0');
    expect(formatPoints(-0.06)).toBe('−0,1');
    expect(formatPoints(null)).toBe('–');
  });
});

describe('story filter in the URL', () => {
  it('round-trips', () => {
    const f = {
      from: '2025-01-01',
      to: '2025-12-31',
      team: '11',
      teller: 'inwoner',
      topic: '3',
      valuation: '7',
      q: 'wonen',
      status: 'pending',
      offset: 50,
      cursor: '',
      page: 0,
    };
    const s = searchFromStoryFilter(f);
    expect(s).toBe(
      '?status=pending&van=2025-01-01&tot=2025-12-31&team=11&verteller=inwoner&onderwerp=3&waardering=7&zoek=wonen&vanaf=50',
    );
    expect(storyFilterFromSearch(s)).toEqual(f);
  });
  it('drops what is not valid', () => {
    expect(storyFilterFromSearch('?van=2025-02-30&team=x&verteller=robot&status=all&vanaf=-5')).toEqual(EMPTY_FILTER);
    expect(searchFromStoryFilter(EMPTY_FILTER)).toBe('');
  });
  it('round-trips a cursor page (na, p) and keeps no offset beside it', () => {
    const f = { ...EMPTY_FILTER, from: '2018-01-01', team: '4', cursor: 'WyIyMDE4LTA2LTAxIiwxMjNd', page: 202 };
    const s = searchFromStoryFilter(f);
    expect(s).toBe('?van=2018-01-01&team=4&na=WyIyMDE4LTA2LTAxIiwxMjNd&p=202');
    expect(storyFilterFromSearch(s)).toEqual(f);
    expect(storyFilterFromSearch('?na=abc_-9&p=3&vanaf=100')).toEqual({ ...EMPTY_FILTER, cursor: 'abc_-9', page: 3 });
  });
  it('reads a cursor only with a page number of 2 or more, and only URL-safe', () => {
    for (const bad of [
      '?na=abc',
      '?na=abc&p=1',
      '?na=abc&p=x',
      '?na=abc&p=2.5',
      '?na=a%2Bb&p=3',
      `?na=${'a'.repeat(513)}&p=3`,
      '?p=5',
    ]) {
      expect(storyFilterFromSearch(bad), bad).toEqual(EMPTY_FILTER);
    }
  });
});

describe('defaultPeriods', () => {
  it('is this year against last year', () => {
    expect(defaultPeriods('2026-05-17')).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      compareFrom: '2025-01-01',
      compareTo: '2025-12-31',
    });
  });
});

describe('divergingSegments', () => {
  const five = (shares: number[]) => divergingSegments(shares.map((share, i) => ({ code: `v${i}`, share })));
  it('puts negative left of the centre, neutral across it, positive right', () => {
    const s = five([10, 20, 20, 30, 20]);
    const by = Object.fromEntries(s.map((x) => [x.code, x]));
    // neutral 20 % → 10 units wide, centred on 50
    expect(by.v2).toMatchObject({ x: 45, width: 10 });
    expect(by.v1).toMatchObject({ x: 35, width: 10 });
    expect(by.v0).toMatchObject({ x: 30, width: 5 });
    expect(by.v3).toMatchObject({ x: 55, width: 15 });
    expect(by.v4).toMatchObject({ x: 70, width: 10 });
  });
  it('fits all-negative and all-positive in the bar', () => {
    const neg = five([60, 40, 0, 0, 0]);
    expect(Math.min(...neg.map((x) => x.x))).toBeCloseTo(0);
    const pos = five([0, 0, 0, 50, 50]);
    const end = Math.max(...pos.map((x) => x.x + x.width));
    expect(end).toBeCloseTo(100);
  });
  it('handles an even number of values (no middle)', () => {
    const s = divergingSegments([
      { code: 'a', share: 50 },
      { code: 'b', share: 50 },
    ]);
    expect(s).toEqual([
      { code: 'a', index: 0, share: 50, x: 25, width: 25 },
      { code: 'b', index: 1, share: 50, x: 50, width: 25 },
    ]);
  });
});

describe('checkDraft', () => {
  const draft: StoryDraft = {
    title: 'Een titel',
    text: 'Het verhaal',
    date: '01-03-2026',
    tellerKind: 'medewerker',
    teamId: '',
    topicId: '3',
    valuationId: '7',
    archetypeIds: [],
    answers: {},
    signed: false,
  };
  it('accepts a complete story', () => {
    expect(checkDraft(draft, '2026-03-01')).toEqual({});
  });
  it('names what is missing or wrong', () => {
    expect(
      checkDraft({ ...draft, title: ' ', text: '', date: '31-02-2026', topicId: '', valuationId: '' }, '2026-03-01'),
    ).toEqual({
      title: 'title',
      text: 'text',
      date: 'date',
      topic_id: 'topic_id',
      valuation_id: 'valuation_id',
    });
    expect(checkDraft({ ...draft, date: '02-03-2026' }, '2026-03-01')).toEqual({ date: 'dateFuture' });
  });
});

describe('storyChanged: unsaved work in a story form', () => {
  const blank: StoryDraft = {
    title: '',
    text: '',
    date: '01-03-2026',
    tellerKind: 'medewerker',
    teamId: '4',
    topicId: '',
    valuationId: '',
    archetypeIds: [],
    answers: {},
    signed: false,
  };
  it('the form as it opened is no change; anything typed or chosen is', () => {
    expect(storyChanged(blank, { ...blank })).toBe(false);
    expect(storyChanged(blank, { ...blank, text: 'Mevrouw belde' })).toBe(true);
    expect(storyChanged(blank, { ...blank, topicId: '3' })).toBe(true);
    expect(storyChanged(blank, { ...blank, archetypeIds: [2] })).toBe(true);
    expect(storyChanged(blank, { ...blank, answers: { 1: 'blij' } })).toBe(true);
    expect(storyChanged(blank, { ...blank, signed: true })).toBe(true);
  });
  it('typing and wiping again is no change, also in an extra question', () => {
    expect(storyChanged(blank, { ...blank, text: '' })).toBe(false);
    expect(storyChanged(blank, { ...blank, answers: { 1: '' } })).toBe(false);
    expect(storyChanged(blank, { ...blank, answers: { 1: '  ' } })).toBe(false);
  });
});

describe('helpers', () => {
  it('answersBody keeps written answers in the prompts order', () => {
    const prompts = [
      { id: 2, code: 'b', label: 'B', label_en: 'B' },
      { id: 1, code: 'a', label: 'A', label_en: 'A' },
    ];
    expect(answersBody(prompts, { 1: ' blij ', 2: '  ' })).toEqual([{ prompt_id: 1, text: 'blij' }]);
  });
  it('ownTeamsFirst', () => {
    const teams = [
      { id: 1, name: 'Zuid' },
      { id: 2, name: 'Noord' },
      { id: 3, name: 'Centrum' },
    ];
    expect(ownTeamsFirst(teams, [{ id: 1 }]).map((t) => t.id)).toEqual([1, 3, 2]);
  });
  it('valueLabel follows the language', () => {
    const v = { label: 'Schulden', label_en: 'Debts' };
    expect(valueLabel(v, 'nl')).toBe('Schulden');
    expect(valueLabel(v, 'en')).toBe('Debts');
    expect(valueLabel({ label: 'Schulden', label_en: '' }, 'en')).toBe('Schulden');
    expect(valueLabel(null, 'nl')).toBe('');
  });
});

describe('routes and roles', () => {
  it('knows the story pages', () => {
    expect(matchRoute('/verhalen')).toEqual({ page: 'stories' });
    expect(matchRoute('/verhalen/nieuw')).toEqual({ page: 'storyNew' });
    expect(matchRoute('/verhalen/dashboard')).toEqual({ page: 'storyDashboard' });
    expect(matchRoute('/verhalen/12')).toEqual({ page: 'story', id: 12 });
    expect(publicStoryOrg('/vertel/smd')).toBe('smd');
    expect(publicStoryOrg('/vertel/')).toBeNull();
    expect(publicStoryOrg('/vertel/SMD')).toBeNull();
    expect(matchRoute('/vertel/smd')).toBeNull();
  });
  it('shows Vertelpunt to all but funder, hr and admin', () => {
    for (const r of ['coach', 'team_manager', 'quality', 'director', 'coordinator:x']) {
      expect(can(as(r), 'read_stories')).toBe(true);
      expect(navItems(as(r)).some((i) => i.page === 'stories')).toBe(true);
    }
    for (const r of ['funder', 'hr', 'admin']) {
      expect(can(as(r), 'read_stories')).toBe(false);
      expect(navItems(as(r)).some((i) => i.page === 'stories')).toBe(false);
    }
    expect(can(as('admin'), 'share_stories')).toBe(true);
    expect(can(as('hr', 'funder'), 'share_stories')).toBe(false);
    expect(can(as('coach'), 'see_story_stats')).toBe(false);
    expect(canSee('storyDashboard', as('team_manager'))).toBe(true);
    expect(canSee('storyDashboard', as('director'))).toBe(true);
  });
});

describe('the story list’s pages past 10,000 (offset, then cursor)', () => {
  const filter: StoryFilter = { ...EMPTY_FILTER, from: '2018-01-01', to: '2018-12-31', teller: 'medewerker' };
  const keep = 'van=2018-01-01&tot=2018-12-31&verteller=medewerker';
  const many = { count: 50, total: 10_000, total_exact: false, next_cursor: 'CUR' };
  const nl = translator('nl');
  const en = translator('en');

  it('pages by offset within 10,000, with the filter in every link', () => {
    const p = storyList.paging({ ...filter, offset: 100 }, many);
    expect(p.range).toEqual({ from: 101, to: 150 });
    expect(p.prev).toBe(`?${keep}&vanaf=50`);
    expect(p.next).toBe(`?${keep}&vanaf=150`);
    expect(p.first).toBe(`?${keep}`);
  });
  it('the first page: no Vorige, no Eerste pagina', () => {
    const p = storyList.paging(filter, many);
    expect(p).toEqual({
      range: { from: 1, to: 50 },
      prev: null,
      next: `?${keep}&vanaf=50`,
      first: null,
      stopped: false,
    });
  });
  it('the offset page of 10,000 is still reached by offset (even with a total of exactly 10,000)', () => {
    expect(storyList.paging({ ...filter, offset: 9_950 }, many).next).toBe(`?${keep}&vanaf=10000`);
    expect(storyList.paging({ ...filter, offset: 9_950 }, { ...many, total_exact: true }).next).toBe(
      `?${keep}&vanaf=10000`,
    );
  });
  it('Volgende past 10,000 follows the cursor with the page number for the caption', () => {
    const p = storyList.paging({ ...filter, offset: STORY_COUNT_CAP }, many);
    expect(p.range).toEqual({ from: 10_001, to: 10_050 });
    expect(p.next).toBe(`?${keep}&na=CUR&p=202`);
    expect(p.prev).toBe(`?${keep}&vanaf=9950`);
  });
  it('a hand-typed offset that is no multiple of 50 goes to the last offset page first', () => {
    expect(storyList.paging({ ...filter, offset: 9_990 }, many).next).toBe(`?${keep}&vanaf=10000`);
  });
  it('no Volgende without a next_cursor (the last page), whatever the total says', () => {
    expect(
      storyList.paging({ ...filter, offset: 50 }, { count: 13, total: 63, total_exact: true, next_cursor: null }).next,
    ).toBeNull();
    expect(
      storyList.paging({ ...filter, cursor: 'C', page: 300 }, { ...many, count: 7, next_cursor: null }).next,
    ).toBeNull();
  });
  it('a cursor page: its number places it, Volgende by cursor, Vorige to the offset page while that is within 10,000', () => {
    const p = storyList.paging({ ...filter, cursor: 'C202', page: 202 }, { ...many, next_cursor: 'C203' });
    expect(p.range).toEqual({ from: 10_051, to: 10_100 });
    expect(p.next).toBe(`?${keep}&na=C203&p=203`);
    expect(p.prev).toBe(`?${keep}&vanaf=10000`);
    expect(p.first).toBe(`?${keep}`);
  });
  it('deeper, Vorige is the cursor page before when this tab saw it, else there is only Eerste pagina', () => {
    const at = { ...filter, cursor: 'C203', page: 203 };
    expect(storyList.paging(at, many, (n) => (n === 202 ? 'C202' : undefined)).prev).toBe(`?${keep}&na=C202&p=202`);
    const unknown = storyList.paging(at, many);
    expect(unknown.prev).toBeNull();
    expect(unknown.first).toBe(`?${keep}`);
  });
  it('keeps the status tab in the links', () => {
    const p = storyList.paging({ ...EMPTY_FILTER, status: 'pending', offset: STORY_COUNT_CAP }, many);
    expect(p.next).toBe('?status=pending&na=CUR&p=202');
    expect(p.first).toBe('?status=pending');
  });

  it('the caption: Dutch thousands, “van meer dan 10.000” when the count stopped', () => {
    expect(storyList.caption(nl, 'nl', { from: 1, to: 50 }, { total: 10_000, total_exact: false })).toBe(
      'Verhalen 1 tot en met 50 van meer dan 10.000',
    );
    expect(storyList.caption(nl, 'nl', { from: 10_051, to: 10_100 }, { total: 10_000, total_exact: false })).toBe(
      'Verhalen 10.051 tot en met 10.100 van meer dan 10.000',
    );
    expect(storyList.caption(nl, 'nl', { from: 1_001, to: 1_050 }, { total: 6_341, total_exact: true })).toBe(
      'Verhalen 1.001 tot en met 1.050 van 6.341',
    );
    expect(storyList.caption(en, 'en', { from: 10_051, to: 10_100 }, { total: 10_000, total_exact: false })).toBe(
      'Stories 10,051 to 10,100 of more than 10,000',
    );
    expect(storyList.caption(nl, 'nl', null, { total: 0, total_exact: true })).toBe('Vertelpunt');
  });
  it('the announcement after filtering', () => {
    expect(storyList.found(nl, 'nl', { total: 10_000, total_exact: false })).toBe('Meer dan 10.000 verhalen gevonden.');
    expect(storyList.found(nl, 'nl', { total: 6_341, total_exact: true })).toBe('6.341 verhalen gevonden.');
    expect(storyList.found(nl, 'nl', { total: 1, total_exact: true })).toBe('1 verhaal gevonden.');
    expect(storyList.found(en, 'en', { total: 10_000, total_exact: false })).toBe('More than 10,000 stories found.');
  });

  it('remembers cursor pages per story filter, in storage of its own (lib/paging.ts, CursorMemory)', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const m = storyList.cursors(storage);
    m.remember({ ...filter, cursor: 'C202', page: 202 }, 202, 'C202');
    expect(m.get({ ...filter, cursor: 'C203', page: 203 }, 202)).toBe('C202');
    expect(m.get({ ...filter, teller: 'inwoner' }, 202)).toBeUndefined();
    expect(storyList.cursors(storage).get(filter, 202)).toBe('C202');
    expect([...store.keys()]).toEqual(['wijkkader.storyCursors']);
  });
});
