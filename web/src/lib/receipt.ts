// The receipt editor's model: lines as typed (strings), their live totals, and the
// check before saving that turns them into the API's LineIn (docs/openapi.json, LineIn).
import type { Line, LineIn, Side, Totals } from './api';
import { formatAmountInput, parseMoney, type MoneyError } from './money';
import { sameValues } from './unsaved';

export const SIDES: readonly Side[] = ['oud', 'nieuw'];
/** The most lines one side of a receipt may have (docs/openapi.json, ReceiptPut). */
export const MAX_LINES = 100;

export interface DraftLine {
  /** A key for Preact and for the controls' ids; not sent to the server. */
  key: string;
  categoryId: string;
  payerId: string;
  description: string;
  amount: string;
}

let seq = 0;
export function newKey(): string {
  seq += 1;
  return `l${seq}`;
}

export function emptyLine(): DraftLine {
  return { key: newKey(), categoryId: '', payerId: '', description: '', amount: '' };
}

export function draftFromLine(line: Line): DraftLine {
  return {
    key: newKey(),
    categoryId: String(line.category.id),
    payerId: String(line.payer.id),
    description: line.description,
    amount: formatAmountInput(line.amount_cents),
  };
}

/** A saved receipt's lines as the editor shows them. */
export function draftsOf(receipt: Record<Side, readonly Line[]>): Record<Side, DraftLine[]> {
  return { oud: receipt.oud.map(draftFromLine), nieuw: receipt.nieuw.map(draftFromLine) };
}

/** What a line stands for when saved: its choices, the trimmed text, the amount in cents (or as typed when it cannot be read). */
function lineMeaning(l: DraftLine): (string | number)[] {
  const amount = parseMoney(l.amount);
  return [l.categoryId, l.payerId, l.description.trim(), amount.ok ? amount.cents : l.amount.trim()];
}

/**
 * Whether the lines on screen differ from the saved receipt, as saving would change it:
 * a line added and left empty, `2400` typed over `2.400`, or a change typed and undone
 * is no change; another order of the lines is.
 */
export function receiptChanged(
  saved: Record<Side, readonly Line[]>,
  sides: Record<Side, readonly DraftLine[]>,
): boolean {
  return SIDES.some(
    (side) =>
      !sameValues(
        saved[side].map((l) => lineMeaning(draftFromLine(l))),
        sides[side].filter((l) => !isBlank(l)).map(lineMeaning),
      ),
  );
}

/** Σ of the amounts that can be read; `unreadable` counts the boxes that cannot (empty ones do not count). */
export function sideTotal(lines: readonly DraftLine[]): { cents: number; unreadable: number } {
  let cents = 0;
  let unreadable = 0;
  for (const l of lines) {
    if (!l.amount.trim()) continue;
    const p = parseMoney(l.amount);
    if (p.ok) cents += p.cents;
    else unreadable += 1;
  }
  return { cents, unreadable };
}

export interface LiveTotals extends Totals {
  /** Saving below zero: flagged in the UI ("Negatieve besparing"). */
  negative: boolean;
  /** Amounts that could not be read and are left out of the totals. */
  unreadable: number;
}

/** Totals while typing: saving = Σ oud − Σ nieuw. */
export function liveTotals(oud: readonly DraftLine[], nieuw: readonly DraftLine[]): LiveTotals {
  const o = sideTotal(oud);
  const n = sideTotal(nieuw);
  const saving = o.cents - n.cents;
  return {
    oud_cents: o.cents,
    nieuw_cents: n.cents,
    saving_cents: saving,
    negative: saving < 0,
    unreadable: o.unreadable + n.unreadable,
  };
}

/** Totals of saved lines (as the server computes them). */
export function totalsOf(oud: readonly { amount_cents: number }[], nieuw: readonly { amount_cents: number }[]): Totals {
  const sum = (ls: readonly { amount_cents: number }[]) => ls.reduce((a, l) => a + l.amount_cents, 0);
  const o = sum(oud);
  const n = sum(nieuw);
  return { oud_cents: o, nieuw_cents: n, saving_cents: o - n };
}

export type LineProblem = 'categoryMissing' | 'payerMissing' | `amount.${MoneyError}`;

/** The key of one control's message: `oud.0.amount_cents`. */
export function lineKey(side: Side, index: number, field: keyof LineIn): string {
  return `${side}.${index}.${field}`;
}

/**
 * A server field path (`oud[2].amount_cents`, `nieuw[0].category_id`, `oud`) as a key
 * like lineKey() makes; other paths come back as they are.
 */
export function problemKey(path: string): string {
  const m = /^(oud|nieuw)\[(\d+)\](?:\.(\w+))?$/.exec(path.trim());
  if (!m) return path.trim();
  return m[3] ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}`;
}

/** Lines that are completely empty are dropped before saving (an added line never filled in). */
export function isBlank(l: DraftLine): boolean {
  return !l.categoryId && !l.payerId && !l.description.trim() && !l.amount.trim();
}

/**
 * Checks both sides and builds the PUT body. Completely empty lines are left out (and
 * the returned `kept` says which drafts were sent, so that the server's `oud[1]` can be
 * found back). Problems are keyed by lineKey() on the index of the draft as shown.
 */
export function buildReceipt(sides: Record<Side, readonly DraftLine[]>): {
  body: Record<Side, LineIn[]>;
  problems: Record<string, LineProblem>;
  kept: Record<Side, number[]>;
} {
  const body: Record<Side, LineIn[]> = { oud: [], nieuw: [] };
  const kept: Record<Side, number[]> = { oud: [], nieuw: [] };
  const problems: Record<string, LineProblem> = {};
  for (const side of SIDES) {
    sides[side].forEach((l, i) => {
      if (isBlank(l)) return;
      if (!l.categoryId) problems[lineKey(side, i, 'category_id')] = 'categoryMissing';
      if (!l.payerId) problems[lineKey(side, i, 'payer_id')] = 'payerMissing';
      const amount = parseMoney(l.amount);
      if (!amount.ok) problems[lineKey(side, i, 'amount_cents')] = `amount.${amount.error}`;
      kept[side].push(i);
      body[side].push({
        category_id: Number(l.categoryId),
        payer_id: Number(l.payerId),
        description: l.description.trim(),
        amount_cents: amount.ok ? amount.cents : 0,
      });
    });
  }
  return { body, problems, kept };
}

/**
 * The server's per-line messages, moved from the index it saw (blank lines were not
 * sent) to the index on screen.
 */
export function mapServerProblems(
  problems: Record<string, string>,
  kept: Record<Side, number[]>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, msg] of Object.entries(problems)) {
    const m = /^(oud|nieuw)\.(\d+)(\..+)?$/.exec(key);
    if (m) {
      const side = m[1] as Side;
      const shown = kept[side][Number(m[2])];
      out[shown === undefined ? key : `${side}.${shown}${m[3] ?? ''}`] = msg;
    } else {
      out[key] = msg;
    }
  }
  return out;
}
