import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { caseFilterFromSearch, caseList, searchFromCaseFilter, EMPTY_CASE_FILTER, type CaseFilter } from './cases';
import { COUNT_CAP } from './paging';

const nl = translator('nl');
const en = translator('en');

describe('the case filter in the URL', () => {
  it('round-trips an offset page', () => {
    const f: CaseFilter = { programme: '3', team: '11', status: 'afgerond', q: 'WS', offset: 25, cursor: '', page: 0 };
    const s = searchFromCaseFilter(f);
    expect(s).toBe('?programma=3&team=11&status=afgerond&zoek=WS&vanaf=25');
    expect(caseFilterFromSearch(s)).toEqual(f);
  });
  it('round-trips a cursor page (na, p) and keeps no offset beside it', () => {
    const f: CaseFilter = { ...EMPTY_CASE_FILTER, programme: '3', cursor: 'WyJXUy0wMDEwMDAwIl0', page: 402 };
    const s = searchFromCaseFilter(f);
    expect(s).toBe('?programma=3&na=WyJXUy0wMDEwMDAwIl0&p=402');
    expect(caseFilterFromSearch(s)).toEqual(f);
    expect(caseFilterFromSearch('?na=abc&p=3&vanaf=100')).toEqual({ ...EMPTY_CASE_FILTER, cursor: 'abc', page: 3 });
  });
  it('drops what it cannot use', () => {
    expect(caseFilterFromSearch('?programma=x&team=-1&status=weg&na=abc&p=1')).toEqual(EMPTY_CASE_FILTER);
    expect(caseFilterFromSearch(`?zoek=${'a'.repeat(50)}`).q).toHaveLength(40);
    expect(searchFromCaseFilter(EMPTY_CASE_FILTER)).toBe('');
  });
});

describe('the case list’s pages past 10,000 (25 a page: offset, then cursor)', () => {
  const filter: CaseFilter = { ...EMPTY_CASE_FILTER, programme: '3', status: 'lopend' };
  const keep = 'programma=3&status=lopend';
  const many = { count: 25, total: COUNT_CAP, total_exact: false, next_cursor: 'CUR' };

  it('pages by offset within 10,000 with the filter in every link', () => {
    const p = caseList.paging({ ...filter, offset: 50 }, many);
    expect(p).toEqual({
      range: { from: 51, to: 75 },
      prev: `?${keep}&vanaf=25`,
      next: `?${keep}&vanaf=75`,
      first: `?${keep}`,
      stopped: false,
    });
  });
  it('the offset page of 10,000 by offset, then the cursor with page 402', () => {
    expect(caseList.paging({ ...filter, offset: 9_975 }, many).next).toBe(`?${keep}&vanaf=10000`);
    const p = caseList.paging({ ...filter, offset: COUNT_CAP }, many);
    expect(p.range).toEqual({ from: 10_001, to: 10_025 });
    expect(p.next).toBe(`?${keep}&na=CUR&p=402`);
  });
  it('a cursor page: Volgende by cursor, Vorige to the offset page, then the remembered cursor page, Eerste pagina always', () => {
    const p = caseList.paging({ ...filter, cursor: 'C402', page: 402 }, { ...many, next_cursor: 'C403' });
    expect(p.range).toEqual({ from: 10_026, to: 10_050 });
    expect(p.next).toBe(`?${keep}&na=C403&p=403`);
    expect(p.prev).toBe(`?${keep}&vanaf=10000`);
    expect(p.first).toBe(`?${keep}`);
    const deeper = { ...filter, cursor: 'C403', page: 403 };
    expect(caseList.paging(deeper, many, (n) => (n === 402 ? 'C402' : undefined)).prev).toBe(`?${keep}&na=C402&p=402`);
    expect(caseList.paging(deeper, many).prev).toBeNull();
  });
  it('no Volgende on the last page (next_cursor null)', () => {
    expect(
      caseList.paging({ ...filter, cursor: 'C', page: 403 }, { ...many, count: 5, next_cursor: null }).next,
    ).toBeNull();
    expect(caseList.paging(filter, { count: 2, total: 2, total_exact: true, next_cursor: null })).toEqual({
      range: { from: 1, to: 2 },
      prev: null,
      next: null,
      first: null,
      stopped: false,
    });
  });
  it('remembers cursor pages per case filter, apart from the story list', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    caseList.cursors(storage).remember({ ...filter, cursor: 'C402', page: 402 }, 402, 'C402');
    expect(caseList.cursors(storage).get({ ...filter, cursor: 'C403', page: 403 }, 402)).toBe('C402');
    expect(caseList.cursors(storage).get({ ...filter, status: '' }, 402)).toBeUndefined();
    expect([...store.keys()]).toEqual(['wijkkader.caseCursors']);
  });

  it('the caption and the announcement', () => {
    expect(caseList.caption(nl, 'nl', { from: 10_026, to: 10_050 }, { total: COUNT_CAP, total_exact: false })).toBe(
      'Casussen 10.026 tot en met 10.050 van meer dan 10.000',
    );
    expect(caseList.caption(nl, 'nl', { from: 1, to: 25 }, { total: 1_027, total_exact: true })).toBe(
      'Casussen 1 tot en met 25 van 1.027',
    );
    expect(caseList.caption(en, 'en', { from: 1, to: 25 }, { total: COUNT_CAP, total_exact: false })).toBe(
      'Cases 1 to 25 of more than 10,000',
    );
    expect(caseList.caption(nl, 'nl', null, { total: 0, total_exact: true })).toBe('Casussen');
    expect(caseList.found(nl, 'nl', { total: COUNT_CAP, total_exact: false })).toBe(
      'Meer dan 10.000 casussen gevonden.',
    );
    expect(caseList.found(nl, 'nl', { total: 1_027, total_exact: true })).toBe('1.027 casussen gevonden.');
    expect(caseList.found(nl, 'nl', { total: 1, total_exact: true })).toBe('1 casus gevonden.');
    expect(caseList.found(en, 'en', { total: COUNT_CAP, total_exact: false })).toBe('More than 10,000 cases found.');
  });
});
