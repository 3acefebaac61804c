// The cost receipt (kassabon) of one case: two lists of yearly cost lines, "oud"
// (without the intervention) and "nieuw" (after it), with live totals and the saving.
// Editors change the lines on the case page (ReceiptFields; the page saves them with
// the case's details, one "Opslaan"); readers see the same tables as text
// (ReceiptView). Amounts are typed the Dutch way (2.400 or 2.400,50) and read into cents.
import type { ComponentChildren } from 'preact';
import type { Lang, MessageKey, Translate } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { ApiError, type LineIn, type ListValue, type Receipt, type Side, type Warning } from '../../lib/api';
import { describeError } from '../../lib/errors';
import {
  MAX_LINES,
  SIDES,
  emptyLine,
  lineKey,
  liveTotals,
  mapServerProblems,
  problemKey,
  type DraftLine,
  type LiveTotals,
} from '../../lib/receipt';
import { Alert } from '../../components/Notices';
import { Money } from '../../components/Money';

const SIDE_TITLE: Record<Side, MessageKey> = { oud: 'receipt.oud.title', nieuw: 'receipt.nieuw.title' };
const SIDE_SHORT: Record<Side, MessageKey> = { oud: 'receipt.oud.short', nieuw: 'receipt.nieuw.short' };

/** The options of a list: active values in their order, plus a retired value a line still has. */
function optionsFor(values: ListValue[], current: string, retiredText: (label: string) => string) {
  const sorted = [...values].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label, 'nl'));
  return sorted
    .filter((v) => v.active || String(v.id) === current)
    .map((v) => ({ value: String(v.id), label: v.active ? v.label : retiredText(v.label) }));
}

/** A server field path in words: `oud.0.description` → "Kassabon oud, regel 1, omschrijving". */
function fieldName(key: string, t: Translate, lang: Lang): string {
  const m = /^(oud|nieuw)(?:\.(\d+))?(?:\.(\w+))?$/.exec(problemKey(key));
  if (!m) return key;
  const parts = [t(SIDE_SHORT[m[1] as Side])];
  if (m[2] !== undefined) parts.push(t('receipt.lineN', { n: Number(m[2]) + 1 }));
  if (m[3]) parts.push(t(`receipt.col.${m[3]}` as MessageKey).toLocaleLowerCase(lang));
  const text = parts.join(', ');
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/** A line check's code in words (lib/receipt's LineProblem). */
export function lineProblemText(code: string, t: Translate): string {
  return t(`receipt.problem.${code}` as MessageKey);
}

/**
 * The server's refusal of a receipt: messages per line control (keyed as lineKey() on the
 * line as shown; `kept` says which drafts were sent) and one message for the rest.
 */
export function receiptRefusal(
  err: unknown,
  kept: Record<Side, number[]>,
  t: Translate,
  lang: Lang,
): { lines: Record<string, string>; message: string | null } {
  const shown = describeError(err, t, lang);
  const fields: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const p of err.errors) {
      const msg = lang === 'nl' ? p.title || p.detail : p.detail || p.title;
      if (msg) fields[problemKey(p.field)] = msg;
    }
  }
  const mapped = mapServerProblems(fields, kept);
  const lines = Object.fromEntries(Object.entries(mapped).filter(([k]) => /^(oud|nieuw)\.\d+\./.test(k)));
  const other = Object.entries(mapped).filter(([k]) => !(k in lines));
  const message =
    [shown.message, ...other.map(([k, m]) => `${fieldName(k, t, lang)}: ${m}`)].filter(Boolean).join(' ') || null;
  return { lines, message };
}

function TotalsBox({ totals }: { totals: LiveTotals }) {
  const { t } = useI18n();
  return (
    <div
      class={`wk-totals${totals.negative ? ' wk-totals--negative' : ''}`}
      aria-live="polite"
      aria-atomic="true"
      id="receipt-totals"
    >
      <h3 class="utrecht-heading-3 wk-visually-hidden">{t('receipt.totals')}</h3>
      <dl class="wk-totals__list">
        <div class="wk-totals__item">
          <dt>{t('receipt.sumOud')}</dt>
          <dd>
            <Money cents={totals.oud_cents} />
          </dd>
        </div>
        <div class="wk-totals__item">
          <dt>{t('receipt.sumNieuw')}</dt>
          <dd>
            <Money cents={totals.nieuw_cents} />
          </dd>
        </div>
        <div class="wk-totals__item wk-totals__item--saving">
          <dt>{t('receipt.saving')}</dt>
          <dd>
            <Money cents={totals.saving_cents} />
          </dd>
        </div>
      </dl>
      {totals.negative ? (
        <p class="wk-flag" id="receipt-negative">
          <strong>{t('receipt.negative')}</strong> {t('receipt.negativeText')}
        </p>
      ) : null}
      {totals.unreadable ? (
        <p class="wk-totals__note">
          {totals.unreadable === 1 ? t('receipt.unreadableOne') : t('receipt.unreadable', { count: totals.unreadable })}
        </p>
      ) : null}
    </div>
  );
}

interface ViewProps {
  receipt: Receipt;
  categories: ListValue[];
  payers: ListValue[];
}

/** The receipt as text, for those who may only read the case. */
export function ReceiptView({ receipt, categories, payers }: ViewProps) {
  const { t } = useI18n();
  const catText = (id: number, fallback: string) => categories.find((v) => v.id === id)?.label ?? fallback;
  const payerText = (id: number, fallback: string) => payers.find((v) => v.id === id)?.label ?? fallback;
  return (
    <section class="wk-section" aria-labelledby="receipt-title">
      <h2 id="receipt-title" class="utrecht-heading-2">
        {t('receipt.title')}
      </h2>
      {SIDES.map((side) => (
        <section class="wk-receipt-side" aria-labelledby={`receipt-${side}-title`} key={side}>
          <h3 id={`receipt-${side}-title`} class="utrecht-heading-3">
            {t(SIDE_TITLE[side])}
          </h3>
          {receipt[side].length ? (
            <div
              class="utrecht-table-container wk-table-wrap"
              role="region"
              aria-labelledby={`receipt-${side}-title`}
              tabIndex={0}
            >
              <table class="utrecht-table utrecht-table--html-table wk-table wk-receipt-table">
                <caption class="utrecht-table__caption wk-visually-hidden">
                  {t('receipt.linesCaption', { side: t(SIDE_SHORT[side]) })}
                </caption>
                <ReceiptHead />
                <tbody class="utrecht-table__body">
                  {receipt[side].map((l) => (
                    <tr class="utrecht-table__row" key={l.id}>
                      <td class="utrecht-table__cell">{catText(l.category.id, l.category.label)}</td>
                      <td class="utrecht-table__cell">{payerText(l.payer.id, l.payer.label)}</td>
                      <td class="utrecht-table__cell">{l.description || t('common.none')}</td>
                      <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
                        <Money cents={l.amount_cents} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="utrecht-paragraph">{t('receipt.noLines')}</p>
          )}
        </section>
      ))}
      <TotalsBox totals={{ ...receipt.totals, negative: receipt.totals.saving_cents < 0, unreadable: 0 }} />
    </section>
  );
}

interface FieldsProps {
  sides: Record<Side, DraftLine[]>;
  onSides: (update: (sides: Record<Side, DraftLine[]>) => Record<Side, DraftLine[]>) => void;
  /** Messages per line control, keyed by lineKey(). */
  problems: Record<string, string>;
  onProblems: (update: (problems: Record<string, string>) => Record<string, string>) => void;
  /** The server's warnings about the saved receipt. */
  warnings: Warning[];
  categories: ListValue[];
  payers: ListValue[];
  /** A message about adding or removing a line for the page's live regions (null: clear it; left out: keep it). */
  onNotice: (notice: { error?: string | null; status?: string | null }) => void;
}

/** The receipt's lines as controls, inside the case page's form (which saves them). */
export function ReceiptFields({
  sides,
  onSides,
  problems,
  onProblems,
  warnings,
  categories,
  payers,
  onNotice,
}: FieldsProps) {
  const { t, lang } = useI18n();
  const totals = liveTotals(sides.oud, sides.nieuw);

  const update = (side: Side, index: number, patch: Partial<DraftLine>) => {
    onSides((s) => ({ ...s, [side]: s[side].map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
    onNotice({ status: null });
  };
  const focusId = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const addLine = (side: Side) => {
    if (sides[side].length >= MAX_LINES) {
      onNotice({ error: t('receipt.tooMany', { max: MAX_LINES }) });
      return;
    }
    const line = emptyLine();
    onSides((s) => ({ ...s, [side]: [...s[side], line] }));
    onNotice({ status: null });
    focusId(`line-${line.key}-category_id`);
  };

  const removeLine = (side: Side, index: number) => {
    const list = sides[side];
    const after = list[index + 1] ?? list[index - 1];
    onSides((s) => ({ ...s, [side]: s[side].filter((_, i) => i !== index) }));
    // Messages are keyed by position: drop this side's, they no longer point at the right line.
    onProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith(`${side}.`))));
    onNotice({ status: t('receipt.removed', { n: index + 1, side: t(SIDE_SHORT[side]) }) });
    focusId(after ? `line-${after.key}-remove` : `receipt-add-${side}`);
  };

  const retired = (label: string) => t('receipt.retired', { label });

  return (
    <section class="wk-section wk-receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" class="utrecht-heading-2">
        {t('receipt.title')}
      </h2>
      <p class="utrecht-paragraph">{t('receipt.intro')}</p>
      {SIDES.map((side) => (
        <section class="wk-receipt-side" aria-labelledby={`receipt-${side}-title`} key={side}>
          <h3 id={`receipt-${side}-title`} class="utrecht-heading-3">
            {t(SIDE_TITLE[side])}
          </h3>
          {sides[side].length ? (
            <div class="utrecht-table-container wk-table-wrap">
              <table
                class="utrecht-table utrecht-table--html-table wk-table wk-receipt-table wk-receipt-table--edit"
                data-side={side}
              >
                <caption class="utrecht-table__caption wk-visually-hidden">
                  {t('receipt.linesCaption', { side: t(SIDE_SHORT[side]) })}
                </caption>
                <ReceiptHead edit />
                <tbody class="utrecht-table__body">
                  {sides[side].map((line, i) => (
                    <LineRow
                      key={line.key}
                      side={side}
                      index={i}
                      line={line}
                      categories={optionsFor(categories, line.categoryId, retired)}
                      payers={optionsFor(payers, line.payerId, retired)}
                      problems={problems}
                      onChange={(patch) => update(side, i, patch)}
                      onRemove={() => removeLine(side, i)}
                    />
                  ))}
                </tbody>
                <tfoot class="utrecht-table__footer">
                  <tr class="utrecht-table__row wk-receipt-total">
                    <th scope="row" colSpan={3} class="utrecht-table__header-cell">
                      {side === 'oud' ? t('receipt.sumOud') : t('receipt.sumNieuw')}
                    </th>
                    <td class="utrecht-table__cell utrecht-table__cell--numeric-data wk-nowrap">
                      <Money cents={side === 'oud' ? totals.oud_cents : totals.nieuw_cents} />
                    </td>
                    <td class="utrecht-table__cell" />
                  </tr>
                </tfoot>
              </table>
            </div>
          ) : (
            <p class="utrecht-paragraph wk-muted">{t('receipt.noLinesYet')}</p>
          )}
          <div class="wk-button-row">
            <button
              id={`receipt-add-${side}`}
              type="button"
              class="utrecht-button utrecht-button--secondary-action wk-button--small"
              onClick={() => addLine(side)}
            >
              <span aria-hidden="true">+ </span>
              {t('receipt.add')}
              <span class="wk-visually-hidden"> {t('receipt.toSide', { side: t(SIDE_SHORT[side]) })}</span>
            </button>
          </div>
        </section>
      ))}

      <TotalsBox totals={totals} />

      <div role="status" class="wk-live">
        {warnings.length ? (
          <Alert kind="warning">
            <p class="wk-alert__title">{t('receipt.warnings')}</p>
            <ul class="wk-warning-list">
              {warnings.map((w, i) => (
                <li key={i}>
                  {fieldName(w.field, t, lang)}: {lang === 'nl' ? w.title || w.detail : w.detail || w.title}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}

function ReceiptHead({ edit }: { edit?: boolean }) {
  const { t } = useI18n();
  return (
    <thead class="utrecht-table__header">
      <tr class="utrecht-table__row">
        <th scope="col" class="utrecht-table__header-cell wk-col-category">
          {t('receipt.col.category_id')}
        </th>
        <th scope="col" class="utrecht-table__header-cell wk-col-payer">
          {t('receipt.col.payer_id')}
        </th>
        <th scope="col" class="utrecht-table__header-cell wk-col-description">
          {t('receipt.col.description')}
        </th>
        <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column wk-col-amount">
          {t('receipt.col.amount_cents')}
        </th>
        {edit ? (
          <th scope="col" class="utrecht-table__header-cell wk-col-actions">
            <span class="wk-visually-hidden">{t('common.actions')}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

interface LineRowProps {
  side: Side;
  index: number;
  line: DraftLine;
  categories: { value: string; label: string }[];
  payers: { value: string; label: string }[];
  problems: Record<string, string>;
  onChange: (patch: Partial<DraftLine>) => void;
  onRemove: () => void;
}

function LineRow({ side, index, line, categories, payers, problems, onChange, onRemove }: LineRowProps) {
  const { t } = useI18n();
  const n = index + 1;
  const sideText = t(SIDE_SHORT[side]);
  const id = (f: string) => `line-${line.key}-${f}`;
  const prob = (f: keyof LineIn) => problems[lineKey(side, index, f)];
  const cell = (f: keyof LineIn, ctl: ComponentChildren) => {
    const msg = prob(f);
    return (
      <td class={`utrecht-table__cell${f === 'amount_cents' ? ' utrecht-table__cell--numeric-data' : ''}`}>
        <label class="wk-visually-hidden" for={id(f)}>
          {t('receipt.cellLabel', { col: t(`receipt.col.${f}` as MessageKey), n, side: sideText })}
        </label>
        {ctl}
        {msg ? (
          <div class="utrecht-form-field-error-message wk-cell-error" id={`${id(f)}-error`}>
            {msg}
          </div>
        ) : null}
      </td>
    );
  };
  const aria = (f: keyof LineIn) =>
    prob(f) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id(f)}-error` } : {};

  return (
    <tr class="utrecht-table__row" data-line={`${side}-${n}`}>
      {cell(
        'category_id',
        <select
          id={id('category_id')}
          class={`utrecht-select utrecht-select--html-select wk-cell-control${prob('category_id') ? ' utrecht-select--invalid' : ''}`}
          value={line.categoryId}
          onChange={(e) => onChange({ categoryId: (e.currentTarget as HTMLSelectElement).value })}
          {...aria('category_id')}
        >
          <option value="">{t('receipt.choose')}</option>
          {categories.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>,
      )}
      {cell(
        'payer_id',
        <select
          id={id('payer_id')}
          class={`utrecht-select utrecht-select--html-select wk-cell-control${prob('payer_id') ? ' utrecht-select--invalid' : ''}`}
          value={line.payerId}
          onChange={(e) => onChange({ payerId: (e.currentTarget as HTMLSelectElement).value })}
          {...aria('payer_id')}
        >
          <option value="">{t('receipt.choose')}</option>
          {payers.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>,
      )}
      {cell(
        'description',
        <input
          id={id('description')}
          type="text"
          class={`utrecht-textbox utrecht-textbox--html-input wk-cell-control${prob('description') ? ' utrecht-textbox--invalid' : ''}`}
          value={line.description}
          onInput={(e) => onChange({ description: (e.currentTarget as HTMLInputElement).value })}
          autoComplete="off"
          {...aria('description')}
        />,
      )}
      {cell(
        'amount_cents',
        <input
          id={id('amount_cents')}
          type="text"
          inputMode="decimal"
          class={`utrecht-textbox utrecht-textbox--html-input wk-cell-control wk-amount${prob('amount_cents') ? ' utrecht-textbox--invalid' : ''}`}
          value={line.amount}
          onInput={(e) => onChange({ amount: (e.currentTarget as HTMLInputElement).value })}
          autoComplete="off"
          spellcheck={false}
          {...aria('amount_cents')}
        />,
      )}
      <td class="utrecht-table__cell">
        <button
          id={id('remove')}
          type="button"
          class="utrecht-button utrecht-button--secondary-action wk-button--small"
          onClick={onRemove}
        >
          {t('receipt.remove')}
          <span class="wk-visually-hidden"> {t('receipt.lineOf', { n, side: sideText })}</span>
        </button>
      </td>
    </tr>
  );
}
