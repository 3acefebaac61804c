import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { COUNT_CAP } from './paging';
import {
  USERS_PAGE_SIZE,
  searchFromUserFilter,
  userCaption,
  userFilterFromSearch,
  userPaging,
  usersFound,
} from './users';

const nl = translator('nl');
const en = translator('en');
const ORG = 'SMD Enschede-Haaksbergen';

describe('the users page in the address', () => {
  it('reads the search and the offset; anything odd is left out', () => {
    expect(userFilterFromSearch('')).toEqual({ q: '', offset: 0 });
    expect(userFilterFromSearch('?zoek=jan&vanaf=50')).toEqual({ q: 'jan', offset: 50 });
    expect(userFilterFromSearch('?zoek=%20de%20Vries%20')).toEqual({ q: 'de Vries', offset: 0 });
    expect(userFilterFromSearch('?vanaf=-5&zoek=')).toEqual({ q: '', offset: 0 });
    // The server reads 100 characters of q and skips at most 10,000 rows.
    expect(userFilterFromSearch(`?zoek=${'a'.repeat(150)}`).q).toHaveLength(100);
    expect(userFilterFromSearch('?vanaf=25000').offset).toBe(COUNT_CAP);
  });
  it('writes only what is set, and back again', () => {
    expect(searchFromUserFilter({ q: '', offset: 0 })).toBe('');
    expect(searchFromUserFilter({ q: '  jan ', offset: 0 })).toBe('?zoek=jan');
    expect(searchFromUserFilter({ q: '', offset: 100 })).toBe('?vanaf=100');
    const f = { q: 'bakker@smd.example', offset: 50 };
    expect(userFilterFromSearch(searchFromUserFilter(f))).toEqual(f);
  });
});

describe('paging through the users, 50 to a page', () => {
  it('Vorige, Volgende and Eerste pagina keep the search', () => {
    const p = userPaging({ q: 'jan', offset: 50 }, { count: USERS_PAGE_SIZE, total: 1_234, total_exact: true });
    expect(p).toEqual({
      range: { from: 51, to: 100 },
      prev: '?zoek=jan',
      next: '?zoek=jan&vanaf=100',
      first: '?zoek=jan',
      stopped: false,
    });
  });
  it('the last page by the count: no Volgende', () => {
    const p = userPaging({ q: '', offset: 1_200 }, { count: 34, total: 1_234, total_exact: true });
    expect(p.next).toBeNull();
    expect(p.stopped).toBe(false);
    expect(p.range).toEqual({ from: 1_201, to: 1_234 });
  });
  it('more than 10,000: Volgende up to offset 10,000, then "Verfijn het filter"', () => {
    const many = { count: USERS_PAGE_SIZE, total: COUNT_CAP, total_exact: false };
    expect(userPaging({ q: '', offset: 9_950 }, many).next).toBe('?vanaf=10000');
    const deepest = userPaging({ q: '', offset: COUNT_CAP }, many);
    expect(deepest.next).toBeNull();
    expect(deepest.stopped).toBe(true);
    expect(deepest.prev).toBe('?vanaf=9950');
  });
});

describe('the caption and what a screen reader hears', () => {
  it('"Gebruikers 1 tot en met 50 van 1.234", "van meer dan 10.000", the organisation on an empty page', () => {
    expect(userCaption(nl, 'nl', { from: 1, to: 50 }, { total: 1_234, total_exact: true }, ORG)).toBe(
      'Gebruikers 1 tot en met 50 van 1.234',
    );
    expect(userCaption(nl, 'nl', { from: 10_001, to: 10_050 }, { total: COUNT_CAP, total_exact: false }, ORG)).toBe(
      'Gebruikers 10.001 tot en met 10.050 van meer dan 10.000',
    );
    expect(userCaption(en, 'en', { from: 1, to: 50 }, { total: COUNT_CAP, total_exact: false }, ORG)).toBe(
      'Users 1 to 50 of more than 10,000',
    );
    expect(userCaption(nl, 'nl', null, { total: 0, total_exact: true }, ORG)).toBe(`Gebruikers van ${ORG}`);
  });
  it('none, one, many, more than 10,000', () => {
    expect(usersFound(nl, 'nl', { total: 0, total_exact: true })).toBe('Geen gebruikers gevonden.');
    expect(usersFound(nl, 'nl', { total: 1, total_exact: true })).toBe('1 gebruiker gevonden.');
    expect(usersFound(nl, 'nl', { total: 1_234, total_exact: true })).toBe('1.234 gebruikers gevonden.');
    expect(usersFound(nl, 'nl', { total: COUNT_CAP, total_exact: false })).toBe('Meer dan 10.000 gebruikers gevonden.');
    expect(usersFound(en, 'en', { total: COUNT_CAP, total_exact: false })).toBe('More than 10,000 users found.');
  });
});
