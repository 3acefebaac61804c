import { formatMoney } from '../lib/money';

/** An amount in Dutch money; below zero it is marked (colour and a minus sign). */
export function Money({ cents, flagNegative = true }: { cents: number; flagNegative?: boolean }) {
  return <span class={`wk-money${flagNegative && cents < 0 ? ' wk-money--negative' : ''}`}>{formatMoney(cents)}</span>;
}
