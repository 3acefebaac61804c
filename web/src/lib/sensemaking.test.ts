import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { matchRoute } from './routes';
import { as } from './capabilities.fixture';
import type { StoryFilterQuery } from './api';
import { can, canSee, navItems } from './roles';
import {
  addDays,
  checkClose,
  checkSession,
  closeBody,
  describeFilter,
  filterBody,
  filterCountMessage,
  filterFields,
  isOpenAction,
  mayUpdateAction,
  pickFoundMessage,
  sessionPatch,
} from './sensemaking';
import { EMPTY_FILTER_FIELDS, readFilterDates } from './stories';
import { moduleOf } from './views';

const nl = translator('nl');

describe('a session’s saved filter', () => {
  it('sends only what was filled in, ids as numbers, dates as ISO', () => {
    expect(filterBody(EMPTY_FILTER_FIELDS)).toEqual({ filter: {}, bad: [] });
    expect(
      filterBody({
        from: '1-1-2025',
        to: '2025-12-31',
        team: '12',
        teller: 'inwoner',
        topic: '901',
        valuation: '',
        q: '  schulden ',
      }),
    ).toEqual({
      filter: { from: '2025-01-01', to: '2025-12-31', team: 12, teller: 'inwoner', topic: 901, q: 'schulden' },
      bad: [],
    });
  });
  it('names the dates that are not real and drops unknown teller kinds', () => {
    expect(filterBody({ ...EMPTY_FILTER_FIELDS, from: '31-02-2025', teller: 'robot' })).toEqual({
      filter: {},
      bad: ['from'],
    });
    expect(readFilterDates({ from: '', to: 'morgen' })).toEqual({ from: '', to: '', bad: ['to'] });
  });
  it('goes back into the form’s fields to be edited, and out again unchanged', () => {
    expect(filterFields(null)).toEqual(EMPTY_FILTER_FIELDS);
    const saved: StoryFilterQuery = { from: '2025-01-01', team: 12, teller: 'inwoner', topic: 901, q: 'huur' };
    const fields = filterFields(saved);
    expect(fields).toEqual({
      from: '01-01-2025',
      to: '',
      team: '12',
      teller: 'inwoner',
      topic: '901',
      valuation: '',
      q: 'huur',
    });
    expect(filterBody(fields)).toEqual({ filter: saved, bad: [] });
  });
  it('says the filter in words', () => {
    const look = {
      teams: [{ id: 12, name: 'Wijkteam Noord' }],
      topics: [{ id: 901, code: 'schulden', label: 'Schulden', label_en: 'Debts' }],
      valuations: [],
    };
    expect(
      describeFilter(
        { from: '2025-01-01', team: 12, teller: 'inwoner', topic: 901, valuation: 7, q: 'huur' },
        look,
        nl,
        'nl',
      ),
    ).toEqual([
      'vanaf 01-01-2025',
      'team Wijkteam Noord',
      'verteller Inwoner',
      'onderwerp Schulden',
      'waardering #7',
      'met “huur” in titel of tekst',
    ]);
    expect(describeFilter(null, look, nl, 'nl')).toEqual([]);
  });
});

describe('checks', () => {
  const draft = {
    title: 'Schulden',
    date: '01-03-2026',
    facilitatorId: '3',
    selection: 'filter' as const,
    storyIds: [],
  };
  it('a new session needs a title, a date, a facilitator and, hand-picked, a story', () => {
    expect(checkSession(draft)).toEqual({});
    expect(
      checkSession({ ...draft, title: ' ', date: '31-02-2026', facilitatorId: '', selection: 'hand_picked' }),
    ).toEqual({
      title: 'title',
      date: 'date',
      facilitator_id: 'facilitator_id',
      story_ids: 'story_ids',
    });
    expect(checkSession({ ...draft, selection: 'hand_picked', storyIds: [4] })).toEqual({});
  });
  it('a changed session sends only what changed; participants and picked stories as sets', () => {
    const before = {
      title: 'Schulden',
      date: '2026-03-01',
      facilitator_id: 3,
      participant_ids: [4, 5],
      other_participants: '',
      notes: 'Vraag',
      story_ids: [10, 11],
    };
    expect(sessionPatch(before, { ...before, participant_ids: [5, 4], story_ids: [11, 10] })).toEqual({});
    expect(
      sessionPatch(before, { ...before, title: 'Schulden in Noord', participant_ids: [4, 5, 6], notes: '' }),
    ).toEqual({
      title: 'Schulden in Noord',
      participant_ids: [4, 5, 6],
      notes: '',
    });
    expect(sessionPatch(before, { ...before, story_ids: [10] })).toEqual({ story_ids: [10] });
    // From hand-picked to a filter: the filter is sent (the server then drops the picked set).
    const { story_ids: _ids, ...rest } = before;
    expect(sessionPatch(before, { ...rest, story_filter: {} })).toEqual({ story_filter: {} });
    const filtered = { ...rest, story_filter: { topic: 9, from: '2025-01-01' } };
    expect(sessionPatch(filtered, { ...rest, story_filter: { from: '2025-01-01', topic: 9 } })).toEqual({});
    expect(sessionPatch(filtered, { ...rest, story_filter: { from: '2025-01-01' } })).toEqual({
      story_filter: { from: '2025-01-01' },
    });
  });
  it('closing an action: done needs its kind and what changed, dropped needs why', () => {
    expect(checkClose({ result: 'done', kind: '', outcome: '' })).toEqual({
      outcome_kind: 'outcome_kind',
      outcome: 'outcome',
    });
    expect(checkClose({ result: 'dropped', kind: '', outcome: ' ' })).toEqual({ outcome: 'reason' });
    expect(checkClose({ result: 'done', kind: 'training', outcome: 'x' })).toEqual({});
    expect(closeBody({ result: 'done', kind: 'training', outcome: ' Nieuwe module. ' })).toEqual({
      status: 'done',
      outcome_kind: 'training',
      outcome: 'Nieuwe module.',
    });
    expect(closeBody({ result: 'dropped', kind: 'method', outcome: 'Niet meer nodig' })).toEqual({
      status: 'dropped',
      outcome: 'Niet meer nodig',
    });
  });
  it('who may move an action on: its owner and quality staff, while it is open', () => {
    const action = { owner: { id: 7 }, status: 'open' as const };
    expect(mayUpdateAction({ id: 7, ...as('coach') }, action)).toBe(true);
    expect(mayUpdateAction({ id: 8, ...as('coach') }, action)).toBe(false);
    expect(mayUpdateAction({ id: 8, ...as('quality') }, action)).toBe(true);
    expect(mayUpdateAction({ id: 7, ...as('coach') }, { ...action, status: 'done' })).toBe(false);
    expect(isOpenAction('in_progress')).toBe(true);
    expect(isOpenAction('dropped')).toBe(false);
  });
  it('adds days across months and years', () => {
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
    expect(addDays('2024-02-20', 10)).toBe('2024-03-01');
  });
});

describe('pages, menu and view counts', () => {
  it('knows the session and best-practice pages', () => {
    expect(matchRoute('/duidingssessies')).toEqual({ page: 'sessions' });
    expect(matchRoute('/duidingssessies/nieuw')).toEqual({ page: 'sessionNew' });
    expect(matchRoute('/duidingssessies/7')).toEqual({ page: 'session', id: 7 });
    expect(matchRoute('/duidingssessies/7/wijzigen')).toEqual({ page: 'sessionEdit', id: 7 });
    expect(matchRoute('/duidingssessies/nieuw/wijzigen')).toBeNull();
    expect(matchRoute('/best-practices')).toEqual({ page: 'bestPractices' });
    expect(matchRoute('/beheer/vertelpunt-lijsten')).toEqual({ page: 'storyLists' });
  });
  it('quality runs sessions and edits the story lists; other story readers only read', () => {
    expect(canSee('sessionNew', as('quality'))).toBe(true);
    expect(canSee('sessionEdit', as('quality'))).toBe(true);
    for (const r of ['coach', 'team_manager', 'director']) {
      expect(canSee('sessions', as(r)), r).toBe(true);
      expect(canSee('session', as(r)), r).toBe(true);
      expect(canSee('sessionNew', as(r)), r).toBe(false);
      expect(canSee('sessionEdit', as(r)), r).toBe(false);
      expect(
        navItems(as(r)).some((i) => i.page === 'bestPractices'),
        r,
      ).toBe(false);
      expect(canSee('bestPractices', as(r)), r).toBe(true);
    }
    for (const r of ['funder', 'hr', 'admin']) expect(canSee('sessions', as(r)), r).toBe(false);
    expect(canSee('storyLists', as('admin'))).toBe(true);
    expect(navItems(as('admin')).some((i) => i.page === 'storyLists')).toBe(false);
    expect(canSee('storyLists', as('coach'))).toBe(false);
    expect(can(as('director'), 'export_stories')).toBe(true);
    expect(can(as('team_manager'), 'export_stories')).toBe(false);
  });
  it('counts the Vertelpunt’s pages only', () => {
    for (const p of [
      'stories',
      'story',
      'storyNew',
      'storyDashboard',
      'sessions',
      'sessionNew',
      'sessionEdit',
      'session',
      'bestPractices',
    ] as const) {
      expect(moduleOf(p), p).toBe('vertelpunt');
    }
    expect(moduleOf('cases')).toBeNull();
    expect(moduleOf('storyLists')).toBeNull();
    expect(moduleOf(null)).toBeNull();
  });
});

describe('counts of found stories (counted up to 10,000)', () => {
  const en = translator('en');
  it('under a session’s filter', () => {
    expect(filterCountMessage(nl, 'nl', { total: 63_412, total_exact: true })).toBe(
      'Dit filter vindt nu 63.412 verhalen.',
    );
    expect(filterCountMessage(nl, 'nl', { total: 10_000, total_exact: false })).toBe(
      'Dit filter vindt nu meer dan 10.000 verhalen.',
    );
    expect(filterCountMessage(nl, 'nl', { total: 1, total_exact: true })).toBe('Dit filter vindt nu 1 verhaal.');
    expect(filterCountMessage(en, 'en', { total: 10_000, total_exact: false })).toBe(
      'This filter finds more than 10,000 stories now.',
    );
  });
  it('in the story picker', () => {
    expect(pickFoundMessage(nl, 'nl', 50, { total: 10_000, total_exact: false })).toMatch(
      /^De eerste 50 van meer dan 10\.000 gevonden verhalen\./,
    );
    expect(pickFoundMessage(nl, 'nl', 50, { total: 1_234, total_exact: true })).toMatch(
      /^De eerste 50 van 1\.234 gevonden verhalen\./,
    );
    expect(pickFoundMessage(nl, 'nl', 12, { total: 12, total_exact: true })).toBe('12 verhalen gevonden.');
  });
});
