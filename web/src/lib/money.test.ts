import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS, formatAmountInput, formatMoney, parseMoney } from './money';

const cents = (s: string) => {
  const r = parseMoney(s);
  return r.ok ? r.cents : r.error;
};

describe('parseMoney', () => {
  it('reads whole euros, with or without thousands dots', () => {
    expect(cents('2400')).toBe(240000);
    expect(cents('2.400')).toBe(240000);
    expect(cents('1.234.567')).toBe(123456700);
    expect(cents('0')).toBe(0);
    expect(cents('311')).toBe(31100);
  });

  it('reads cents after a comma', () => {
    expect(cents('2.400,50')).toBe(240050);
    expect(cents('2400,5')).toBe(240050);
    expect(cents('0,99')).toBe(99);
    expect(cents('10.577,01')).toBe(1057701);
    expect(cents('2.400,-')).toBe(240000);
  });

  it('accepts a euro sign, spaces and a space as thousands separator', () => {
    expect(cents('€ 2.400')).toBe(240000);
    expect(cents('€2.400,50')).toBe(240050);
    expect(cents('  2.400  ')).toBe(240000);
    expect(cents('2.400 €')).toBe(240000);
    expect(cents('EUR 12')).toBe(1200);
    expect(cents('2 400')).toBe(240000);
    expect(cents('€\u00a02.400')).toBe(240000);
  });

  it('refuses what is not an amount', () => {
    expect(cents('')).toBe('empty');
    expect(cents('   ')).toBe('empty');
    expect(cents('€')).toBe('empty');
    expect(cents('twee')).toBe('invalid');
    expect(cents('2.400,50,1')).toBe('invalid');
    expect(cents('24.00')).toBe('english');
    expect(cents('2.4000')).toBe('invalid');
    expect(cents('.400')).toBe('invalid');
    expect(cents(',50')).toBe('invalid');
    expect(cents('2..400')).toBe('invalid');
    expect(cents('1e5')).toBe('invalid');
    expect(cents('24 00')).toBe('invalid');
  });

  it('refuses negative amounts', () => {
    expect(cents('-2.400')).toBe('negative');
    expect(cents('€ -2.400')).toBe('negative');
    expect(cents('−5')).toBe('negative');
  });

  it('refuses more than two decimals', () => {
    expect(cents('2.400,505')).toBe('tooPrecise');
    expect(cents('1,2345')).toBe('tooPrecise');
  });

  it('says when an amount looks English', () => {
    expect(cents('2,400.50')).toBe('english');
    expect(cents('2.40')).toBe('english');
    expect(cents('2,400')).toBe('english');
  });

  it('refuses amounts over € 100.000.000', () => {
    expect(cents('100.000.000')).toBe(MAX_AMOUNT_CENTS);
    expect(cents('100.000.000,01')).toBe('tooLarge');
    expect(cents('99999999999999999999')).toBe('tooLarge');
  });
});

describe('formatMoney', () => {
  it('writes whole euros without cents, with thousands dots', () => {
    expect(formatMoney(1057700)).toBe('€ 10.577');
    expect(formatMoney(240000)).toBe('€ 2.400');
    expect(formatMoney(31100)).toBe('€ 311');
    expect(formatMoney(0)).toBe('€ 0');
    expect(formatMoney(123456700)).toBe('€ 1.234.567');
  });

  it('writes cents after a comma', () => {
    expect(formatMoney(240050)).toBe('€ 2.400,50');
    expect(formatMoney(5)).toBe('€ 0,05');
    expect(formatMoney(99)).toBe('€ 0,99');
  });

  it('writes negative amounts with a minus after the euro sign', () => {
    expect(formatMoney(-208900)).toBe('€ -2.089');
    expect(formatMoney(-150)).toBe('€ -1,50');
  });

  it('round-trips through the amount box', () => {
    for (const c of [0, 1, 99, 100, 240000, 240050, 123456789, MAX_AMOUNT_CENTS]) {
      const r = parseMoney(formatAmountInput(c));
      expect(r.ok && r.cents, String(c)).toBe(c);
      expect(parseMoney(formatMoney(c))).toEqual({ ok: true, cents: c });
    }
  });
});
