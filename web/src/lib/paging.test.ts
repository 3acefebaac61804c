import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import {
  countCaption,
  countFound,
  CursorMemory,
  cursorPaging,
  firstPage,
  offsetPaging,
  offsetQuery,
  offsetSearch,
  readPosition,
  writePosition,
  COUNT_CAP,
  FIRST_PAGE,
  type PagePosition,
} from './paging';

const nl = translator('nl');
const en = translator('en');

describe('a page’s place in the address', () => {
  const read = (s: string) => readPosition(new URLSearchParams(s));
  const write = (pos: PagePosition) => {
    const p = new URLSearchParams('x=1');
    writePosition(p, pos);
    return p.toString();
  };
  it('reads an offset, or a cursor with its page number', () => {
    expect(read('vanaf=50')).toEqual({ offset: 50, cursor: '', page: 0 });
    expect(read('na=WyJXUy0wMSJd&p=402')).toEqual({ offset: 0, cursor: 'WyJXUy0wMSJd', page: 402 });
    expect(read('na=abc&p=3&vanaf=100')).toEqual({ offset: 0, cursor: 'abc', page: 3 });
    expect(read('')).toEqual(FIRST_PAGE);
  });
  it('reads no cursor without a page number of 2 or more, and only a URL-safe one', () => {
    for (const bad of [
      'na=abc',
      'na=abc&p=1',
      'na=abc&p=x',
      'na=a%2Bb&p=3',
      `na=${'a'.repeat(513)}&p=3`,
      'p=5',
      'vanaf=-5',
      'vanaf=2.5',
    ]) {
      expect(read(bad), bad).toEqual(FIRST_PAGE);
    }
    expect(read('na=abc&p=1&vanaf=75')).toEqual({ ...FIRST_PAGE, offset: 75 });
  });
  it('reads an offset past 10,000 (an old link) as 10,000, the deepest the server takes', () => {
    expect(read('vanaf=20000').offset).toBe(COUNT_CAP);
    expect(read(`vanaf=${COUNT_CAP}`).offset).toBe(COUNT_CAP);
    expect(offsetQuery('?vanaf=123456')).toBe(COUNT_CAP);
  });
  it('writes the cursor and page, or the offset, or nothing on the first page', () => {
    expect(write({ offset: 0, cursor: 'C', page: 202 })).toBe('x=1&na=C&p=202');
    expect(write({ offset: 50, cursor: '', page: 0 })).toBe('x=1&vanaf=50');
    expect(write(FIRST_PAGE)).toBe('x=1');
    expect(firstPage({ q: 'a', offset: 0, cursor: 'C', page: 9 })).toEqual({ q: 'a', ...FIRST_PAGE });
  });
  it('offset-only lists: ?vanaf= alone, a cursor in the address ignored', () => {
    expect(offsetQuery('?vanaf=50')).toBe(50);
    expect(offsetQuery('?na=abc&p=3&vanaf=100')).toBe(100);
    expect(offsetQuery('?vanaf=x')).toBe(0);
    expect(offsetSearch(40)).toBe('?vanaf=40');
    expect(offsetSearch(0)).toBe('');
  });
});

describe('cursorPaging: any page size', () => {
  interface F extends PagePosition {
    q: string;
  }
  const search = (f: F) => {
    const p = new URLSearchParams();
    if (f.q) p.set('q', f.q);
    writePosition(p, f);
    return `?${p}`;
  };
  const f: F = { q: 'x', ...FIRST_PAGE };
  const many = { count: 20, total: COUNT_CAP, total_exact: false, next_cursor: 'N' };
  it('turns to the cursor where the next offset would pass 10,000, numbering the page by its size', () => {
    expect(cursorPaging({ ...f, offset: 9_980 }, many, 20, search).next).toBe('?q=x&vanaf=10000');
    expect(cursorPaging({ ...f, offset: COUNT_CAP }, many, 20, search).next).toBe('?q=x&na=N&p=502');
  });
  it('a cursor page numbers its rows by its page and goes back by offset while it can', () => {
    const p = cursorPaging({ ...f, cursor: 'C', page: 502 }, many, 20, search);
    expect(p.range).toEqual({ from: 10_021, to: 10_040 });
    expect(p.prev).toBe('?q=x&vanaf=10000');
    expect(p.first).toBe('?q=x');
    expect(p.stopped).toBe(false);
  });
});

describe('offsetPaging: lists the server pages by offset only', () => {
  const search = (f: { tab: string; offset: number }) => `?tab=${f.tab}${f.offset ? `&vanaf=${f.offset}` : ''}`;
  const f = { tab: 'open', offset: 0 };
  const more = { count: 50, total: COUNT_CAP, total_exact: false };
  it('pages by offset with the filter kept, Vorige and Volgende', () => {
    const p = offsetPaging({ ...f, offset: 100 }, more, 50, search);
    expect(p).toEqual({
      range: { from: 101, to: 150 },
      prev: '?tab=open&vanaf=50',
      next: '?tab=open&vanaf=150',
      first: '?tab=open',
      stopped: false,
    });
  });
  it('the first page: no Vorige', () => {
    const p = offsetPaging(f, { count: 50, total: 63, total_exact: true }, 50, search);
    expect(p.prev).toBeNull();
    expect(p.first).toBeNull();
    expect(p.next).toBe('?tab=open&vanaf=50');
  });
  it('the last page by an exact count: no Volgende and no note', () => {
    const p = offsetPaging({ ...f, offset: 50 }, { count: 13, total: 63, total_exact: true }, 50, search);
    expect(p.next).toBeNull();
    expect(p.stopped).toBe(false);
    expect(
      offsetPaging({ ...f, offset: 9_950 }, { count: 50, total: COUNT_CAP, total_exact: true }, 50, search).next,
    ).toBeNull();
  });
  it('Volgende up to offset 10,000, then "Verfijn het filter" instead of a link the server would refuse', () => {
    expect(offsetPaging({ ...f, offset: 9_950 }, more, 50, search).next).toBe('?tab=open&vanaf=10000');
    const deepest = offsetPaging({ ...f, offset: COUNT_CAP }, more, 50, search);
    expect(deepest.range).toEqual({ from: 10_001, to: 10_050 });
    expect(deepest.next).toBeNull();
    expect(deepest.stopped).toBe(true);
    expect(deepest.prev).toBe('?tab=open&vanaf=9950');
  });
  it('an offset that is no multiple of the page goes to 10,000 itself first; pages of 20 stop there too', () => {
    expect(offsetPaging({ ...f, offset: 9_990 }, more, 50, search).next).toBe('?tab=open&vanaf=10000');
    expect(offsetPaging({ ...f, offset: 9_980 }, { ...more, count: 20 }, 20, search).next).toBe(
      '?tab=open&vanaf=10000',
    );
    expect(offsetPaging({ ...f, offset: COUNT_CAP }, { ...more, count: 20 }, 20, search).stopped).toBe(true);
  });
  it('past the count only a full page may have more: a short page is the last', () => {
    const p = offsetPaging({ ...f, offset: COUNT_CAP }, { ...more, count: 7 }, 50, search);
    expect(p.next).toBeNull();
    expect(p.stopped).toBe(false);
  });
});

describe('captions and counts', () => {
  const caption = { exact: 'cases.caption', more: 'cases.captionMore' } as const;
  it('Dutch and English thousands, “meer dan” when the count stopped, null for an empty page', () => {
    expect(
      countCaption(nl, 'nl', caption, { from: 10_001, to: 10_025 }, { total: COUNT_CAP, total_exact: false }),
    ).toBe('Casussen 10.001 tot en met 10.025 van meer dan 10.000');
    expect(countCaption(nl, 'nl', caption, { from: 1_001, to: 1_025 }, { total: 1_234, total_exact: true })).toBe(
      'Casussen 1.001 tot en met 1.025 van 1.234',
    );
    expect(countCaption(en, 'en', caption, { from: 1, to: 25 }, { total: COUNT_CAP, total_exact: false })).toBe(
      'Cases 1 to 25 of more than 10,000',
    );
    expect(countCaption(nl, 'nl', caption, null, { total: 0, total_exact: true })).toBeNull();
  });
  it('every list’s caption says “meer dan” in both languages', () => {
    const range = { from: 10_001, to: 10_020 };
    const capped = { total: COUNT_CAP, total_exact: false };
    expect(countCaption(nl, 'nl', { exact: 'sessions.caption', more: 'sessions.captionMore' }, range, capped)).toBe(
      'Sessies 10.001 tot en met 10.020 van meer dan 10.000',
    );
    expect(
      countCaption(nl, 'nl', { exact: 'bestPractices.caption', more: 'bestPractices.captionMore' }, range, capped),
    ).toBe('Best practices 10.001 tot en met 10.020 van meer dan 10.000');
    expect(countCaption(nl, 'nl', { exact: 'knowledge.caption', more: 'knowledge.captionMore' }, range, capped)).toBe(
      'Items 10.001 tot en met 10.020 van meer dan 10.000',
    );
    expect(countCaption(en, 'en', { exact: 'knowledge.caption', more: 'knowledge.captionMore' }, range, capped)).toBe(
      'Items 10,001 to 10,020 of more than 10,000',
    );
    expect(nl('paging.refine')).toBe('Verfijn het filter om verder te kijken.');
    expect(en('paging.refine')).toBe('Narrow the filter to see further.');
  });
  it('what a screen reader hears: one, many, more than', () => {
    const keys = { one: 'knowledge.listedOne', many: 'knowledge.listed', more: 'knowledge.listedMore' } as const;
    expect(countFound(nl, 'nl', keys, { total: 1, total_exact: true })).toBe('1 item.');
    expect(countFound(nl, 'nl', keys, { total: 2_345, total_exact: true })).toBe('2.345 items.');
    expect(countFound(nl, 'nl', keys, { total: COUNT_CAP, total_exact: false })).toBe('Meer dan 10.000 items.');
    expect(countFound(en, 'en', keys, { total: COUNT_CAP, total_exact: false })).toBe('More than 10,000 items.');
  });
});

describe('CursorMemory', () => {
  interface F extends PagePosition {
    q: string;
  }
  const search = (f: F) => `?q=${f.q}&vanaf=${f.offset}&na=${f.cursor}`;
  const f: F = { q: 'a', ...FIRST_PAGE };
  const storageOf = (store: Map<string, string>) => ({
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  });
  it('remembers per filter, whatever page the filter is on, under its own key', () => {
    const store = new Map<string, string>();
    const m = new CursorMemory<F>('list.a', search, storageOf(store));
    m.remember({ ...f, cursor: 'C7', page: 7 }, 7, 'C7');
    expect(m.get({ ...f, cursor: 'C9', page: 9 }, 7)).toBe('C7');
    expect(m.get({ ...f, q: 'b' }, 7)).toBeUndefined();
    expect(new CursorMemory<F>('list.a', search, storageOf(store)).get(f, 7)).toBe('C7');
    expect(new CursorMemory<F>('list.b', search, storageOf(store)).get(f, 7)).toBeUndefined();
  });
  it('forgets the oldest beyond its size, and starts empty from what it cannot read', () => {
    const small = new CursorMemory<F>('list.a', search, null, 2);
    for (const n of [2, 3, 4]) small.remember(f, n, `C${n}`);
    expect([small.get(f, 2), small.get(f, 3), small.get(f, 4)]).toEqual([undefined, 'C3', 'C4']);
    const store = new Map([['list.a', 'not json']]);
    expect(new CursorMemory<F>('list.a', search, storageOf(store)).get(f, 2)).toBeUndefined();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('full');
      },
    };
    const m = new CursorMemory<F>('list.a', search, full);
    m.remember(f, 2, 'C2');
    expect(m.get(f, 2)).toBe('C2');
  });
});
