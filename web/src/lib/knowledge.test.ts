import { describe, expect, it } from 'vitest';
import { as } from './capabilities.fixture';
import type { KnowledgeItem, KnowledgeVersion } from './api';
import {
  diffRows,
  fieldValueText,
  formatAverage,
  itemCan,
  type ItemForCan,
  knowledgeFilterFromSearch,
  knowledgePatch,
  parseTags,
  searchFromKnowledgeFilter,
  workingVersion,
} from './knowledge';

function version(over: Partial<KnowledgeVersion> = {}): KnowledgeVersion {
  return {
    version: 2,
    status: 'concept',
    category: 'procedure',
    title: 'Urgentie',
    tags: ['wonen'],
    author: { id: 7, name: 'Schrijver' },
    created_at: '2026-01-01T10:00:00Z',
    updated_at: '2026-01-01T10:00:00Z',
    submitted_at: null,
    reviewed_at: null,
    reviewed_by: null,
    review_remark: null,
    body: 'tekst',
    body_html: '<p>tekst</p>\n',
    ...over,
  };
}

/** An item as the server sends it, but without `can` (itemCan then works the rules out). */
function item(over: Partial<KnowledgeItem> = {}): ItemForCan {
  return {
    id: 1,
    status: 'gepubliceerd',
    category: 'procedure',
    title: 'Urgentie',
    tags: ['wonen'],
    owner: { id: 7, name: 'Eigenaar' },
    review_by: '2027-01-01',
    overdue: false,
    updated_at: '2026-01-01T10:00:00Z',
    body: 'tekst',
    body_html: '<p>tekst</p>\n',
    version: 1,
    published_version: 1,
    draft: null,
    created_at: '2026-01-01T10:00:00Z',
    last_verified: null,
    ratings: { version: 1, count: 0, juistheid: null, volledigheid: null },
    my_rating: null,
    attachments: [],
    source: null,
    warnings: [],
    ...over,
  };
}

describe('the browse filter in the address', () => {
  it('reads what it knows and drops the rest', () => {
    expect(knowledgeFilterFromSearch('?zoek=woning&categorie=procedure&tag=Wonen&status=ter_review&vanaf=20')).toEqual({
      q: 'woning',
      category: 'procedure',
      tag: 'wonen',
      status: 'ter_review',
      offset: 20,
    });
    expect(knowledgeFilterFromSearch('?categorie=recept&status=weg&vanaf=-3')).toEqual({
      q: '',
      category: '',
      tag: '',
      status: '',
      offset: 0,
    });
    expect(knowledgeFilterFromSearch('')).toEqual({ q: '', category: '', tag: '', status: '', offset: 0 });
  });
  it('reads an offset past 10,000 (an old link) as 10,000, the deepest the server takes', () => {
    expect(knowledgeFilterFromSearch('?tag=wonen&vanaf=12000').offset).toBe(10_000);
  });

  it('writes only what is set, and reads it back', () => {
    const f = { q: ' schuld hulp ', category: 'methodiek' as const, tag: 'schulden', status: '' as const, offset: 0 };
    const s = searchFromKnowledgeFilter(f);
    expect(s).toBe('?zoek=schuld+hulp&categorie=methodiek&tag=schulden');
    expect(knowledgeFilterFromSearch(s)).toEqual({ ...f, q: 'schuld hulp' });
    expect(searchFromKnowledgeFilter({ q: '', category: '', tag: '', status: '', offset: 0 })).toBe('');
  });
});

describe('tags and the changed fields', () => {
  it('splits tags on commas, lower-cased, without empty parts or duplicates', () => {
    expect(parseTags('Wonen, urgentie ,wonen,, ')).toEqual(['wonen', 'urgentie']);
    expect(parseTags('')).toEqual([]);
  });

  it('sends only what changed; tags as a list', () => {
    const before = { category: 'procedure' as const, title: 'A', body: 'x', tags: ['a', 'b'], owner_id: 3 };
    expect(knowledgePatch(before, { ...before })).toEqual({});
    expect(knowledgePatch(before, { ...before, tags: ['a', 'b'] })).toEqual({});
    expect(knowledgePatch(before, { ...before, tags: ['b', 'a'], title: 'B' })).toEqual({
      tags: ['b', 'a'],
      title: 'B',
    });
    expect(knowledgePatch(before, { ...before, body: '', owner_id: 4 })).toEqual({ body: '', owner_id: 4 });
    expect(knowledgePatch(before, { category: 'richtlijn', title: 'A', body: 'x', tags: ['a', 'b'] })).toEqual({
      category: 'richtlijn',
    });
  });
});

describe('the version being worked on', () => {
  it('is the draft beside the published version', () => {
    expect(workingVersion(item({ draft: version({ status: 'ter_review' }) }))).toEqual({
      version: 2,
      status: 'ter_review',
      beside: true,
    });
  });
  it('is the item itself before it was ever published', () => {
    expect(workingVersion(item({ status: 'concept', published_version: null, review_by: null }))).toEqual({
      version: 1,
      status: 'concept',
      beside: false,
    });
  });
  it('is none for a published item without a draft, or an archived one', () => {
    expect(workingVersion(item())).toBeNull();
    expect(workingVersion(item({ status: 'gearchiveerd' }))).toBeNull();
  });
});

describe('what the caller may do', () => {
  const quality = { id: 1, ...as('quality') };
  const coach = { id: 2, ...as('coach') };

  it('takes the server’s word when it sends one', () => {
    const can = {
      edit: false,
      submit: false,
      publish: true,
      return: false,
      archive: false,
      verify: false,
      rate: false,
    };
    expect(itemCan(item({ can }), quality)).toBe(can);
  });

  it('works the rules out for a server that does not send them', () => {
    const review = item({ draft: version({ status: 'ter_review', author: { id: 7, name: 'S' } }) });
    expect(itemCan(review, quality)).toEqual({
      edit: true,
      submit: false,
      publish: true,
      return: true,
      archive: true,
      verify: true,
      rate: true,
    });
    // The draft's author does not publish it.
    expect(itemCan(review, { id: 7, ...as('quality') }).publish).toBe(false);
    // A reader: only rating.
    expect(itemCan(item(), coach)).toEqual({
      edit: false,
      submit: false,
      publish: false,
      return: false,
      archive: false,
      verify: false,
      rate: true,
    });
    // The owner (a coach) edits, submits their concept and confirms the item is still right.
    const own = item({ owner: { id: 2, name: 'Coach' }, draft: version() });
    expect(itemCan(own, coach)).toMatchObject({ edit: true, submit: true, publish: false, verify: true });
    // Archived: nothing but reading.
    expect(itemCan(item({ status: 'gearchiveerd' }), quality)).toMatchObject({
      edit: false,
      archive: false,
      verify: false,
      rate: false,
    });
    // Never published: nothing to rate or verify.
    expect(itemCan(item({ status: 'concept', published_version: null }), quality)).toMatchObject({
      submit: true,
      verify: false,
      rate: false,
    });
    // Never published and in review: its author (known from the versions) does not publish it.
    const first = item({ status: 'ter_review', published_version: null });
    expect(itemCan(first, quality, 1).publish).toBe(false);
    expect(itemCan(first, quality, 7).publish).toBe(true);
    expect(itemCan(item(), { id: 9, ...as('funder') }).rate).toBe(false);
  });
});

describe('the version diff with line numbers', () => {
  it('numbers equal lines in both versions, a deletion in the old, an insertion in the new', () => {
    const rows = diffRows([
      { op: 'equal', text: '# Kop' },
      { op: 'delete', text: 'oud' },
      { op: 'insert', text: 'nieuw' },
      { op: 'insert', text: 'erbij' },
      { op: 'equal', text: 'slot' },
    ]);
    expect(rows.map((r) => [r.op, r.oldNo, r.newNo])).toEqual([
      ['equal', 1, 1],
      ['delete', 2, null],
      ['insert', null, 2],
      ['insert', null, 3],
      ['equal', 3, 4],
    ]);
  });

  it('counts folded unchanged lines in both versions', () => {
    const rows = diffRows([
      { op: 'equal', text: 'a' },
      { op: 'skip', text: '', count: 10 },
      { op: 'insert', text: 'b' },
      { op: 'equal', text: 'c' },
    ]);
    expect(rows[1]).toEqual({ op: 'skip', text: '', oldNo: null, newNo: null, count: 10 });
    expect(rows[2]).toMatchObject({ oldNo: null, newNo: 12 });
    expect(rows[3]).toMatchObject({ oldNo: 12, newNo: 13 });
    expect(diffRows([{ op: 'skip', text: '' }])[0]!.count).toBe(0);
  });

  it('shows changed field values as text', () => {
    expect(fieldValueText(['wonen', 'urgentie'])).toBe('wonen, urgentie');
    expect(fieldValueText([])).toBe('—');
    expect(fieldValueText(null)).toBe('—');
    expect(fieldValueText('Titel')).toBe('Titel');
  });
});

describe('averages', () => {
  it('have one decimal with a comma', () => {
    expect(formatAverage(4.2)).toBe('4,2');
    expect(formatAverage(4)).toBe('4,0');
    expect(formatAverage(3.25)).toBe('3,3');
    expect(formatAverage(null)).toBe('–');
    expect(formatAverage(undefined)).toBe('–');
  });
});
