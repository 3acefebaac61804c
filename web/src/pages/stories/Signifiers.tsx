// The self-signification of a story, shared by the staff form (/verhalen/nieuw) and
// the public one (/vertel/{org}): topic (radio list), valuation (a five-step radio
// scale), archetypes (checkboxes) and the extra prompts (a text box each). One column,
// each choice a large target (the whole row is the label).
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/context';
import type { SignValue } from '../../lib/api';
import { valueLabel } from '../../lib/stories';
import { TextArea } from '../../components/Field';

interface GroupProps {
  id: string;
  legend: string;
  description?: string | undefined;
  error?: string | undefined;
  /** Required choices: the radios carry `required` (the form itself is noValidate). */
  required?: boolean;
  /** Extra class on the list of choices (e.g. the valuation scale). */
  listClass?: string;
  children: ComponentChildren;
}

/** A fieldset of choices with its legend, description and one error message. */
export function ChoiceGroup(p: GroupProps) {
  const descId = p.description ? `${p.id}-description` : null;
  const errId = p.error ? `${p.id}-error` : null;
  const describedBy = [descId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div
      class={`utrecht-form-fieldset wk-fieldset wk-choices${p.error ? ' utrecht-form-fieldset--invalid utrecht-form-field--invalid' : ''}`}
    >
      <fieldset
        id={p.id}
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={describedBy}
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
        <div class={`wk-choices__list${p.listClass ? ` ${p.listClass}` : ''}`}>{p.children}</div>
      </fieldset>
    </div>
  );
}

interface ChoiceProps {
  id: string;
  type: 'radio' | 'checkbox';
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** A class for the row, e.g. the valuation step's colour. */
  cls?: string;
}

/** One choice: the whole row is its label, at least 44 px high. */
export function Choice(p: ChoiceProps) {
  const input =
    p.type === 'radio'
      ? 'utrecht-radio-button utrecht-radio-button--html-input'
      : 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom';
  return (
    <label class={`wk-choice${p.checked ? ' wk-choice--checked' : ''}${p.cls ? ` ${p.cls}` : ''}`} for={p.id}>
      <input
        id={p.id}
        type={p.type}
        name={p.name}
        class={input}
        checked={p.checked}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span class="wk-choice__text">{p.label}</span>
    </label>
  );
}

export interface SignValues {
  topicId: string;
  valuationId: string;
  archetypeIds: number[];
  answers: Record<number, string>;
}

interface SignifierProps {
  /** Prefix for the ids: `story` → story-topic_id, story-valuation_id, … */
  prefix: string;
  topics: SignValue[];
  valuations: SignValue[];
  archetypes: SignValue[];
  prompts: SignValue[];
  values: SignValues;
  onChange: (patch: Partial<SignValues>) => void;
  errors: Record<string, string>;
  /** Topic and valuation required (staff) or optional (public form). */
  required: boolean;
  labels: { topic: string; valuation: string; archetypes: string };
  /** Under each extra question's label (the public form: that it is not required). */
  promptDescription?: string;
}

/** Topic, valuation, archetypes and prompts, in that order; a list without values shows no group. */
export function SignifierFields(p: SignifierProps) {
  const { lang } = useI18n();
  const v = p.values;
  return (
    <>
      {p.topics.length ? (
        <ChoiceGroup
          id={`${p.prefix}-topic_id`}
          legend={p.labels.topic}
          error={p.errors.topic_id}
          required={p.required}
        >
          {p.topics.map((x) => (
            <Choice
              key={x.id}
              id={`${p.prefix}-topic-${x.id}`}
              type="radio"
              name={`${p.prefix}-topic`}
              label={valueLabel(x, lang)}
              checked={v.topicId === String(x.id)}
              onChange={(on) => on && p.onChange({ topicId: String(x.id) })}
            />
          ))}
        </ChoiceGroup>
      ) : null}
      {p.valuations.length ? (
        <ChoiceGroup
          id={`${p.prefix}-valuation_id`}
          legend={p.labels.valuation}
          error={p.errors.valuation_id}
          required={p.required}
          listClass="wk-scale"
        >
          {p.valuations.map((x, i) => (
            <Choice
              key={x.id}
              id={`${p.prefix}-valuation-${x.id}`}
              type="radio"
              name={`${p.prefix}-valuation`}
              label={valueLabel(x, lang)}
              checked={v.valuationId === String(x.id)}
              onChange={(on) => on && p.onChange({ valuationId: String(x.id) })}
              cls={`wk-scale__step wk-valuation--${scaleStep(i, p.valuations.length)}`}
            />
          ))}
        </ChoiceGroup>
      ) : null}
      {p.archetypes.length ? (
        <ChoiceGroup id={`${p.prefix}-archetype_ids`} legend={p.labels.archetypes} error={p.errors.archetype_ids}>
          {p.archetypes.map((x) => (
            <Choice
              key={x.id}
              id={`${p.prefix}-archetype-${x.id}`}
              type="checkbox"
              name={`${p.prefix}-archetype`}
              label={valueLabel(x, lang)}
              checked={v.archetypeIds.includes(x.id)}
              onChange={(on) =>
                p.onChange({ archetypeIds: on ? [...v.archetypeIds, x.id] : v.archetypeIds.filter((a) => a !== x.id) })
              }
            />
          ))}
        </ChoiceGroup>
      ) : null}
      {p.prompts.map((x) => (
        <TextArea
          key={x.id}
          id={`${p.prefix}-answer-${x.id}`}
          label={valueLabel(x, lang)}
          description={p.promptDescription}
          value={v.answers[x.id] ?? ''}
          onValue={(text) => p.onChange({ answers: { ...v.answers, [x.id]: text } })}
          rows={3}
          maxLength={2000}
          error={p.errors.answers}
        />
      ))}
    </>
  );
}

/** The colour step of a valuation: 0..4 on a five-step scale, spread for other lengths. */
export function scaleStep(index: number, count: number): number {
  if (count <= 1) return 2;
  return Math.round((index / (count - 1)) * 4);
}
