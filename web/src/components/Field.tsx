// Form fields built from NL Design System (Utrecht) CSS components. Each field links
// its label (for/id), its description and its error message (aria-describedby), and
// says when it is invalid (aria-invalid), so the server's per-field messages end up
// next to the field they are about.
import type { ComponentChildren, Ref } from 'preact';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { formatSize, pickerValue, typedFromPicker } from '../lib/format';

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

/** The ids of a control's description and error message (null when it has none). */
function messageIds(p: { id: string; description?: string | undefined; error?: string | undefined }) {
  return {
    descId: p.description ? `${p.id}-description` : null,
    errId: p.error ? `${p.id}-error` : null,
  };
}

interface FieldFrameProps {
  kind: 'text' | 'select';
  id: string;
  label: string;
  description?: string | undefined;
  error?: string | undefined;
  /** An extra class on the control's box (the date field's row of box and button). */
  inputClass?: string;
  children: ComponentChildren;
}

/** What a text box and a select share: label, description, error message, then the control. */
function FieldFrame(p: FieldFrameProps) {
  const { descId, errId } = messageIds(p);
  return (
    <div class={`utrecht-form-field utrecht-form-field--${p.kind}${p.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={p.id} id={`${p.id}-label`}>
          {p.label}
        </label>
      </div>
      {p.description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={descId!}>
          {p.description}
        </div>
      ) : null}
      {p.error ? (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={errId!}>
          {p.error}
        </div>
      ) : null}
      <div class={`utrecht-form-field__input${p.inputClass ? ` ${p.inputClass}` : ''}`}>{p.children}</div>
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  description?: string;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  spellcheck?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  wide?: boolean;
  /** A short box (dates, amounts, codes). */
  narrow?: boolean;
  inputMode?: 'text' | 'numeric' | 'decimal';
  /** The id of a <datalist> with suggestions. */
  list?: string;
  readOnly?: boolean;
  maxLength?: number;
}

export function TextField(p: TextFieldProps) {
  const { descId, errId } = messageIds(p);
  const cls = [
    'utrecht-textbox',
    'utrecht-textbox--html-input',
    p.error && 'utrecht-textbox--invalid',
    p.wide && 'wk-textbox--wide',
    p.narrow && 'wk-textbox--narrow',
    p.readOnly && 'utrecht-textbox--read-only',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <FieldFrame kind="text" id={p.id} label={p.label} description={p.description} error={p.error}>
      <input
        ref={p.inputRef}
        id={p.id}
        name={p.id}
        class={cls}
        type={p.type ?? 'text'}
        value={p.value}
        onInput={(e) => p.onValue((e.currentTarget as HTMLInputElement).value)}
        autoComplete={p.autoComplete}
        aria-describedby={describedBy(descId, errId)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
        disabled={p.disabled}
        spellcheck={p.spellcheck}
        inputMode={p.inputMode}
        list={p.list}
        readOnly={p.readOnly}
        maxLength={p.maxLength}
      />
    </FieldFrame>
  );
}

interface DateFieldProps {
  id: string;
  label: string;
  /** As typed: dd-mm-jjjj (ISO and other forms parseDateInput reads work too). */
  value: string;
  onValue: (value: string) => void;
  description?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** Can this browser open its date picker from a script (HTMLInputElement.showPicker)? */
const canShowPicker = typeof HTMLInputElement !== 'undefined' && 'showPicker' in HTMLInputElement.prototype;

/**
 * A date typed as dd-mm-jjjj, with a "Kies datum" button beside it that opens the
 * browser's own date picker. The picker belongs to a hidden `<input type="date">` kept in
 * step with the box (typed date → the picker opens on it; a picked date → written into
 * the box as dd-mm-jjjj), so the form only ever sees the typed text. The hidden input is
 * out of the tab order and the accessibility tree; the button is a real button with the
 * field's label as its description. Browsers without `showPicker()` get the box alone.
 */
export function DateField(p: DateFieldProps) {
  const { t } = useI18n();
  const { descId, errId } = messageIds(p);
  const picker = useRef<HTMLInputElement>(null);
  const picked = (e: Event) => {
    const typed = typedFromPicker((e.currentTarget as HTMLInputElement).value);
    if (typed !== null && typed !== p.value) p.onValue(typed);
  };
  const open = () => {
    const el = picker.current;
    if (!el || p.disabled) return;
    el.value = pickerValue(p.value);
    try {
      el.showPicker();
    } catch {
      // Refused (no user activation, a sandboxed frame): the typed box still works.
    }
  };
  return (
    <FieldFrame kind="text" id={p.id} label={p.label} description={p.description} error={p.error} inputClass="wk-date">
      <input
        ref={p.inputRef}
        id={p.id}
        name={p.id}
        class={`utrecht-textbox utrecht-textbox--html-input wk-textbox--narrow wk-date__box${p.error ? ' utrecht-textbox--invalid' : ''}`}
        type="text"
        value={p.value}
        onInput={(e) => p.onValue((e.currentTarget as HTMLInputElement).value)}
        autoComplete="off"
        inputMode="numeric"
        spellcheck={false}
        aria-describedby={describedBy(descId, errId)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
        disabled={p.disabled}
      />
      {canShowPicker ? (
        <>
          <button
            type="button"
            id={`${p.id}-pick`}
            class="utrecht-button utrecht-button--secondary-action wk-date__pick"
            onClick={open}
            disabled={p.disabled}
            aria-describedby={`${p.id}-label`}
          >
            <svg class="wk-date__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path
                fill="currentColor"
                d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 8h14V6H5v2Zm2 4h3v3H7v-3Z"
              />
            </svg>
            {t('date.pick')}
          </button>
          <input
            ref={picker}
            type="date"
            class="wk-date__native"
            tabIndex={-1}
            aria-hidden="true"
            value={pickerValue(p.value)}
            onInput={picked}
            onChange={picked}
            disabled={p.disabled}
          />
        </>
      ) : null}
    </FieldFrame>
  );
}

interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  description?: string;
  error?: string | undefined;
  rows?: number;
  maxLength?: number;
}

export function TextArea(p: TextAreaProps) {
  const { descId, errId } = messageIds(p);
  return (
    <FieldFrame kind="text" id={p.id} label={p.label} description={p.description} error={p.error}>
      <textarea
        id={p.id}
        name={p.id}
        class={`utrecht-textarea utrecht-textarea--html-textarea wk-textarea${p.error ? ' utrecht-textarea--invalid' : ''}`}
        value={p.value}
        rows={p.rows ?? 8}
        maxLength={p.maxLength}
        onInput={(e) => p.onValue((e.currentTarget as HTMLTextAreaElement).value)}
        aria-describedby={describedBy(descId, errId)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

/** A select's option; options in a row with the same `group` are shown under that heading (<optgroup>). */
export interface SelectOption {
  value: string;
  label: string;
  group?: string;
}

/** The options in runs of the same group: an ungrouped run stands alone. */
function optionRuns(options: readonly SelectOption[]): { group: string | undefined; options: SelectOption[] }[] {
  const runs: { group: string | undefined; options: SelectOption[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return runs;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: SelectOption[];
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
  description?: string;
}

export function SelectField(p: SelectFieldProps) {
  const { descId, errId } = messageIds(p);
  return (
    <FieldFrame kind="select" id={p.id} label={p.label} description={p.description} error={p.error}>
      <select
        id={p.id}
        name={p.id}
        class={`utrecht-select utrecht-select--html-select${p.error ? ' utrecht-select--invalid' : ''}`}
        value={p.value}
        onChange={(e) => p.onValue((e.currentTarget as HTMLSelectElement).value)}
        aria-describedby={describedBy(descId, errId)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {optionRuns(p.options).map((run) => {
          const options = run.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ));
          return run.group === undefined ? (
            options
          ) : (
            <optgroup key={`group-${run.group}`} label={run.group}>
              {options}
            </optgroup>
          );
        })}
      </select>
    </FieldFrame>
  );
}

interface CheckboxProps {
  id: string;
  label: ComponentChildren;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  value?: string;
}

export function Checkbox(p: CheckboxProps) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox wk-checkbox-field">
      <div class="utrecht-form-field__input">
        <input
          type="checkbox"
          id={p.id}
          value={p.value}
          class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          checked={p.checked}
          onChange={(e) => p.onChecked((e.currentTarget as HTMLInputElement).checked)}
          aria-describedby={p.describedBy}
          aria-invalid={p.invalid ? 'true' : undefined}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={p.id}>
          {p.label}
        </label>
      </div>
    </div>
  );
}

interface FieldsetProps {
  id: string;
  legend: string;
  error?: string | undefined;
  description?: string;
  children: ComponentChildren;
}

/** A group of checkboxes (or other controls) with a legend and one error message. */
export function Fieldset(p: FieldsetProps) {
  const { descId, errId } = messageIds(p);
  return (
    <div
      class={`utrecht-form-fieldset wk-fieldset${p.error ? ' utrecht-form-fieldset--invalid utrecht-form-field--invalid' : ''}`}
    >
      <fieldset
        id={p.id}
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy(descId, errId)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{p.legend}</legend>
        {p.description ? (
          <div class="utrecht-form-field-description" id={descId!}>
            {p.description}
          </div>
        ) : null}
        {p.error ? (
          <div class="utrecht-form-field-error-message" id={errId!}>
            {p.error}
          </div>
        ) : null}
        <div class="wk-fieldset__controls">{p.children}</div>
      </fieldset>
    </div>
  );
}

interface FileFieldProps {
  id: string;
  label: string;
  description?: string;
  error?: string | undefined;
  /** The file types the chooser offers, e.g. `.csv,text/csv`. */
  accept?: string;
  file: File | null;
  onFile: (file: File | null) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A file chooser in the UI language: the browser's own input is hidden (its button
 * speaks the browser's language) and a button-styled label opens it; the chosen file's
 * name and size are said next to it and belong to the input's description.
 */
export function FileField(p: FileFieldProps) {
  const { t, lang } = useI18n();
  const { descId, errId } = messageIds(p);
  const chosenId = `${p.id}-chosen`;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${p.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={p.id}>
          {p.label}
        </label>
      </div>
      {p.description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={descId!}>
          {p.description}
        </div>
      ) : null}
      {p.error ? (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={errId!}>
          {p.error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input wk-file-row">
        <input
          ref={p.inputRef}
          id={p.id}
          type="file"
          accept={p.accept}
          class="wk-file-input"
          onChange={(e) => p.onFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
          aria-describedby={describedBy(descId, errId, p.file ? chosenId : null)}
          aria-invalid={p.error ? 'true' : undefined}
        />
        <label for={p.id} class="utrecht-button utrecht-button--secondary-action wk-file-button">
          {p.file ? t('file.chooseOther') : t('file.choose')}
        </label>
        <span class="wk-muted" id={chosenId}>
          {p.file ? t('file.chosen', { name: p.file.name, size: formatSize(p.file.size, lang) }) : t('file.none')}
        </span>
      </div>
    </div>
  );
}

/** Moves focus to the first invalid control inside `form` (after a failed submit). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  if (!form) return;
  requestAnimationFrame(() => {
    const el = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!el) return;
    if (el.tagName === 'FIELDSET') el.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else el.focus();
  });
}
