import { describe, expect, it } from 'vitest';
import type { Line } from './api';
import {
  buildReceipt,
  draftFromLine,
  draftsOf,
  emptyLine,
  liveTotals,
  mapServerProblems,
  problemKey,
  receiptChanged,
  sideTotal,
  totalsOf,
  type DraftLine,
} from './receipt';

let n = 0;
function line(amount: string, extra: Partial<DraftLine> = {}): DraftLine {
  n += 1;
  return { key: `t${n}`, categoryId: '1', payerId: '2', description: `regel ${n}`, amount, ...extra };
}

describe('totals', () => {
  it('adds up both sides and computes the saving (oud − nieuw) as in the model report', () => {
    // Woning A in the model: nieuw € 311 + € 560, oud € 2.400 + € 2.160.
    const oud = [line('2.400'), line('2.160')];
    const nieuw = [line('311'), line('560')];
    expect(liveTotals(oud, nieuw)).toEqual({
      oud_cents: 456000,
      nieuw_cents: 87100,
      saving_cents: 368900,
      negative: false,
      unreadable: 0,
    });
  });

  it('flags a negative saving', () => {
    const t = liveTotals([line('100')], [line('250,50')]);
    expect(t.saving_cents).toBe(-15050);
    expect(t.negative).toBe(true);
  });

  it('leaves out amounts it cannot read and counts them; empty boxes are not counted', () => {
    expect(sideTotal([line('2.400'), line('twee'), line(''), line('1,5')])).toEqual({ cents: 240150, unreadable: 1 });
    expect(liveTotals([], []).negative).toBe(false);
  });

  it('computes saved totals the same way', () => {
    expect(totalsOf([{ amount_cents: 240000 }], [{ amount_cents: 31100 }])).toEqual({
      oud_cents: 240000,
      nieuw_cents: 31100,
      saving_cents: 208900,
    });
  });
});

describe('buildReceipt', () => {
  it('builds the PUT body in cents and drops completely empty lines', () => {
    const r = buildReceipt({
      oud: [
        line('2.400,50', { description: '  crisisopvang  ' }),
        line('', { categoryId: '', payerId: '', description: '' }),
      ],
      nieuw: [line('311')],
    });
    expect(r.problems).toEqual({});
    expect(r.body).toEqual({
      oud: [{ category_id: 1, payer_id: 2, description: 'crisisopvang', amount_cents: 240050 }],
      nieuw: [{ category_id: 1, payer_id: 2, description: expect.any(String), amount_cents: 31100 }],
    });
    expect(r.kept).toEqual({ oud: [0], nieuw: [0] });
  });

  it('reports missing choices and bad amounts by side, line and field', () => {
    const r = buildReceipt({
      oud: [line('2.400'), line('2,400.50', { categoryId: '' })],
      nieuw: [line('', { payerId: '' })],
    });
    expect(r.problems).toEqual({
      'oud.1.category_id': 'categoryMissing',
      'oud.1.amount_cents': 'amount.english',
      'nieuw.0.payer_id': 'payerMissing',
      'nieuw.0.amount_cents': 'amount.empty',
    });
  });

  it('maps the server’s line numbers back to the lines on screen', () => {
    const blank = line('', { categoryId: '', payerId: '', description: '' });
    const r = buildReceipt({ oud: [blank, line('1'), blank, line('2')], nieuw: [] });
    expect(r.kept.oud).toEqual([1, 3]);
    expect(problemKey('oud[1].description')).toBe('oud.1.description');
    expect(problemKey('nieuw[0]')).toBe('nieuw.0');
    expect(problemKey('plan')).toBe('plan');
    expect(mapServerProblems({ 'oud.1.description': 'BSN', plan: 'x' }, r.kept)).toEqual({
      'oud.3.description': 'BSN',
      plan: 'x',
    });
  });

  it('turns saved lines into editable ones with Dutch amounts', () => {
    const d = draftFromLine({
      id: 5,
      category: { id: 3, label: 'Crisisopvang' },
      payer: { id: 1, label: 'Gemeente' },
      description: 'x',
      amount_cents: 240050,
    });
    expect(d).toMatchObject({ categoryId: '3', payerId: '1', description: 'x', amount: '2.400,50' });
  });
});

describe('receiptChanged: unsaved lines', () => {
  const saved: Line = {
    id: 5,
    category: { id: 3, label: 'Crisisopvang' },
    payer: { id: 1, label: 'Gemeente' },
    description: 'Opvang',
    amount_cents: 240000,
  };
  const receipt = { oud: [saved], nieuw: [] as Line[] };

  it('lines as loaded are no change', () => {
    expect(receiptChanged(receipt, draftsOf(receipt))).toBe(false);
  });

  it('a changed amount, description, category or payer is a change; undoing it is not', () => {
    const sides = draftsOf(receipt);
    const with_ = (patch: Partial<DraftLine>) => ({ ...sides, oud: [{ ...sides.oud[0]!, ...patch }] });
    expect(receiptChanged(receipt, with_({ amount: '2.500' }))).toBe(true);
    expect(receiptChanged(receipt, with_({ description: 'Opvang voorkomen' }))).toBe(true);
    expect(receiptChanged(receipt, with_({ categoryId: '4' }))).toBe(true);
    expect(receiptChanged(receipt, with_({ payerId: '2' }))).toBe(true);
    expect(receiptChanged(receipt, with_({ amount: '2.400' }))).toBe(false);
  });

  it('compares what saving would store: 2400 for 2.400 and spaces around a description are no change', () => {
    const sides = draftsOf(receipt);
    expect(
      receiptChanged(receipt, { ...sides, oud: [{ ...sides.oud[0]!, amount: '2400', description: ' Opvang ' }] }),
    ).toBe(false);
    expect(receiptChanged(receipt, { ...sides, oud: [{ ...sides.oud[0]!, amount: '2400,-' }] })).toBe(false);
  });

  it('an amount that cannot be read is a change (it is not what was saved)', () => {
    const sides = draftsOf(receipt);
    expect(receiptChanged(receipt, { ...sides, oud: [{ ...sides.oud[0]!, amount: '2.400.0' }] })).toBe(true);
  });

  it('a line added and left empty is no change; one with anything in it is', () => {
    const sides = draftsOf(receipt);
    expect(receiptChanged(receipt, { ...sides, nieuw: [emptyLine()] })).toBe(false);
    expect(receiptChanged(receipt, { ...sides, nieuw: [{ ...emptyLine(), amount: '311' }] })).toBe(true);
  });

  it('a removed line is a change, and so is a line moved to the other side', () => {
    expect(receiptChanged(receipt, { oud: [], nieuw: [] })).toBe(true);
    const sides = draftsOf(receipt);
    expect(receiptChanged(receipt, { oud: [], nieuw: sides.oud })).toBe(true);
  });
});
