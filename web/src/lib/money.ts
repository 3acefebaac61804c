// Money: integer euro cents in the API, Dutch notation on screen (SPEC §4: `€ 10.577`).
// Amounts are typed and shown the Dutch way in both languages: a dot groups thousands
// and a comma starts the cents, so `2.400` is two thousand four hundred euro, never
// two euro forty. (An English reading of `2.400` would differ by a factor 1000; the
// import files and the model report are Dutch, so one notation is the safe choice.)

/** The largest amount per year a receipt line may have: € 100.000.000,00 (docs/openapi.json, LineIn). */
export const MAX_AMOUNT_CENTS = 10_000_000_000;

export type MoneyError =
  /** nothing typed */
  | 'empty'
  /** not an amount (letters, two commas, a dot in the wrong place, …) */
  | 'invalid'
  /** a minus sign: amounts per year are never negative */
  | 'negative'
  /** more than two digits after the comma */
  | 'tooPrecise'
  /** `2,400.50`, `2.40`: the English way */
  | 'english'
  /** over MAX_AMOUNT_CENTS */
  | 'tooLarge';

export type MoneyParse = { ok: true; cents: number } | { ok: false; error: MoneyError };

const GROUPED = /^\d{1,3}(\.\d{3})+$/; // 2.400, 1.234.567
const PLAIN = /^\d+$/; // 2400

/**
 * Reads an amount in euro typed the Dutch way into cents.
 *
 *   `2400`, `2.400`, `€ 2.400`, `€2.400`, `2.400,-`  → 240000
 *   `2.400,50`, `2400,5`, `0,99`                      → 240050, 240050, 99
 *
 * Refuses negative amounts, more than two decimals, English notation (`2,400.50`,
 * `2.40`), badly grouped thousands (`24.00`) and anything over € 100.000.000.
 */
export function parseMoney(input: string): MoneyParse {
  let s = input.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (!s) return { ok: false, error: 'empty' };
  if (/^(€|eur)\s*/i.test(s)) s = s.replace(/^(€|eur)\s*/i, '');
  if (/\s*(€|eur)$/i.test(s)) s = s.replace(/\s*(€|eur)$/i, '');
  if (/^[-−–]/.test(s)) return { ok: false, error: 'negative' };
  if (!s) return { ok: false, error: 'empty' };
  // Spaces may group thousands too (`2 400`), as some people type them.
  if (/^\d{1,3}( \d{3})+(,\d*)?$/.test(s) || /^\d{1,3}( \d{3})+,-$/.test(s)) s = s.replace(/ /g, '.');
  if (/\s/.test(s)) return { ok: false, error: 'invalid' };

  let whole = s;
  let frac = '';
  const comma = s.indexOf(',');
  if (comma >= 0) {
    whole = s.slice(0, comma);
    frac = s.slice(comma + 1);
    if (frac === '-' || frac === '--') frac = '';
    else if (!/^\d+$/.test(frac)) {
      // `2,400.50`: a comma before a dot is the English way.
      return { ok: false, error: /^\d{3}(\.\d+)?$/.test(frac) || /^\d{3},/.test(frac) ? 'english' : 'invalid' };
    } else if (frac.length > 2) {
      // `2,400` with exactly three digits after the comma may well be English thousands.
      return { ok: false, error: frac.length === 3 && !whole.includes('.') ? 'english' : 'tooPrecise' };
    }
  }
  if (!whole) return { ok: false, error: 'invalid' };
  if (!PLAIN.test(whole) && !GROUPED.test(whole)) {
    // `2.40`, `1.5`: a dot with one or two digits after it is an English decimal point.
    if (/^\d+\.\d{1,2}$/.test(whole) && comma < 0) return { ok: false, error: 'english' };
    return { ok: false, error: 'invalid' };
  }
  const euros = Number(whole.replace(/\./g, ''));
  const cents = euros * 100 + (frac ? Number(frac.padEnd(2, '0')) : 0);
  if (!Number.isSafeInteger(cents) || cents > MAX_AMOUNT_CENTS) return { ok: false, error: 'tooLarge' };
  return { ok: true, cents };
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Cents as Dutch money: `€ 10.577` for whole euros, `€ 2.400,50` otherwise, and
 * `€ -2.089` below zero (the way Dutch spreadsheets write it).
 */
export function formatMoney(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const euros = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = groupThousands(euros) + (rest ? `,${String(rest).padStart(2, '0')}` : '');
  return `€ ${neg ? '-' : ''}${text}`;
}

/** Cents as they go back into an amount box: `2.400` or `2.400,50` (no € sign). */
export function formatAmountInput(cents: number): string {
  return formatMoney(cents).replace(/^€ /, '');
}
