// /beheer/keuzelijsten — the organisation's lists of values: cost categories
// (kostensoorten) and payers (betalers) for cost receipts, and the Vertelpunt's
// signifiers (topics, valuations, archetypes, extra questions) with a Dutch and an
// English label. The administrator edits all of them here; quality staff edit the
// Vertelpunt's lists on /beheer/vertelpunt-lijsten (the same page, those lists only).
// Each Vertelpunt value says for whom it is (everyone, staff only, residents only: which
// forms offer it) and may have residents' own words for the public form.
// Values are added, renamed and retired or reactivated; a retired value stays on the
// records that have it but cannot be chosen any more. Values are never deleted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import {
  AUDIENCES,
  api,
  type Audience,
  type ListName,
  type ListValue,
  type ListValueInput,
  type ListValuePatch,
  type Me,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { SelectField, TextField, focusFirstInvalid } from '../../components/Field';
import { TableHead } from '../../components/DataTable';
import { ActiveBadge } from './TeamsPage';

interface ListDef {
  name: ListName;
  title: MessageKey;
  intro: MessageKey;
  add: MessageKey;
  /** The Vertelpunt's lists also carry an English label (`label_en`). */
  english: boolean;
  /** The Vertelpunt's lists: an audience and residents' words (`audience`, `public_label`). */
  residents: boolean;
}

const AUDIENCE_LABEL: Record<Audience, MessageKey> = {
  all: 'lists.audience.all',
  staff: 'lists.audience.staff',
  public: 'lists.audience.public',
};

const COST_LISTS: ListDef[] = [
  {
    name: 'cost_category',
    title: 'lists.cost_category',
    intro: 'lists.cost_categoryIntro',
    add: 'lists.addCategory',
    english: false,
    residents: false,
  },
  {
    name: 'payer',
    title: 'lists.payer',
    intro: 'lists.payerIntro',
    add: 'lists.addPayer',
    english: false,
    residents: false,
  },
];
const STORY_LISTS: ListDef[] = [
  {
    name: 'story_topic',
    title: 'lists.story_topic',
    intro: 'lists.story_topicIntro',
    add: 'lists.addTopic',
    english: true,
    residents: true,
  },
  {
    name: 'story_valuation',
    title: 'lists.story_valuation',
    intro: 'lists.story_valuationIntro',
    add: 'lists.addValuation',
    english: true,
    residents: true,
  },
  {
    name: 'story_archetype',
    title: 'lists.story_archetype',
    intro: 'lists.story_archetypeIntro',
    add: 'lists.addArchetype',
    english: true,
    residents: true,
  },
  {
    name: 'story_prompt',
    title: 'lists.story_prompt',
    intro: 'lists.story_promptIntro',
    add: 'lists.addPrompt',
    english: true,
    residents: true,
  },
];

/** `all`: every list (the administrator); `stories`: the Vertelpunt's lists (quality staff). */
export function ListsPage({ group }: { me: Me; group: 'all' | 'stories' }) {
  const { t } = useI18n();
  const lists = group === 'stories' ? STORY_LISTS : [...COST_LISTS, ...STORY_LISTS];
  return (
    <>
      <PageHeading>{group === 'stories' ? t('lists.storyTitle') : t('lists.title')}</PageHeading>
      <p class="utrecht-paragraph">{group === 'stories' ? t('lists.storyIntro') : t('lists.intro')}</p>
      {lists.map((l) => (
        <ListSection key={l.name} {...l} />
      ))}
    </>
  );
}

function sorted(values: ListValue[]): ListValue[] {
  return [...values].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label, 'nl'));
}

function ListSection({ name, title, intro, add, english, residents }: ListDef) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<ListValue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const p = `list-${name}`;

  useEffect(() => {
    api.lists(name).then(
      (r) => setValues(sorted(r.items)),
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const replace = (v: ListValue) => setValues((list) => sorted((list ?? []).map((x) => (x.id === v.id ? v : x))));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const toggle = async (v: ListValue) => {
    setBusyId(v.id);
    try {
      const saved = await api.updateListValue(name, v.id, { active: !v.active });
      replace(saved);
      setError(null);
      setStatus(t(saved.active ? 'lists.activated' : 'lists.retired', { label: saved.label }));
    } catch (err) {
      setStatus(null);
      setError(messageWithUnplaced(describeError(err, t, lang), []));
    } finally {
      setBusyId(null);
      focusLater(`${p}-toggle-${v.id}`);
    }
  };

  return (
    <section class="wk-section wk-list-section" aria-labelledby={`${p}-title`}>
      <h2 id={`${p}-title`} class="utrecht-heading-2">
        {t(title)}
      </h2>
      <p class="utrecht-paragraph">{t(intro)}</p>
      <LiveRegions error={error} status={status} />
      {values === null ? (
        error ? null : (
          <Loading />
        )
      ) : values.length ? (
        <div class="utrecht-table-container wk-table-wrap" role="region" aria-labelledby={`${p}-caption`} tabIndex={0}>
          <table
            class={`utrecht-table utrecht-table--html-table wk-table wk-lov${residents ? ' wk-lov--residents' : ''}`}
            data-list={name}
          >
            <caption id={`${p}-caption`} class="utrecht-table__caption wk-visually-hidden">
              {t(title)}
            </caption>
            <TableHead
              columns={[
                { key: 'label', label: t('lists.col.label') },
                ...(english ? [{ key: 'label_en', label: t('lists.col.labelEn') }] : []),
                ...(residents
                  ? [
                      { key: 'audience', label: t('lists.col.audience') },
                      { key: 'public_label', label: t('lists.col.publicLabel') },
                    ]
                  : []),
                { key: 'code', label: t('lists.col.code') },
                { key: 'active', label: t('lists.col.active') },
                { key: 'actions', label: t('common.actions') },
              ]}
            />
            <tbody class="utrecht-table__body">
              {values.map((v) => (
                <tr class={`utrecht-table__row${v.active ? '' : ' wk-row--inactive'}`} key={v.id} data-value-id={v.id}>
                  {renaming === v.id ? (
                    <td class="utrecht-table__cell" colSpan={4 + (english ? 1 : 0) + (residents ? 2 : 0)}>
                      <RenameForm
                        list={name}
                        english={english}
                        residents={residents}
                        value={v}
                        onCancel={() => {
                          setRenaming(null);
                          focusLater(`${p}-rename-${v.id}`);
                        }}
                        onSaved={(saved) => {
                          replace(saved);
                          setRenaming(null);
                          setError(null);
                          setStatus(
                            saved.label !== v.label
                              ? t('lists.renamed', { old: v.label, label: saved.label })
                              : t('lists.edited', { label: saved.label }),
                          );
                          focusLater(`${p}-rename-${saved.id}`);
                        }}
                      />
                    </td>
                  ) : (
                    <>
                      <th scope="row" class="utrecht-table__header-cell">
                        {v.label}
                      </th>
                      {english ? (
                        <td class="utrecht-table__cell" lang="en">
                          {v.label_en || v.label}
                        </td>
                      ) : null}
                      {residents ? (
                        <>
                          <td class="utrecht-table__cell">{t(AUDIENCE_LABEL[v.audience])}</td>
                          <td class="utrecht-table__cell">
                            <ResidentWords value={v} />
                          </td>
                        </>
                      ) : null}
                      <td class="utrecht-table__cell wk-codes">
                        <Breakable text={v.code} />
                      </td>
                      <td class="utrecht-table__cell">
                        <ActiveBadge active={v.active} />
                      </td>
                      <td class="utrecht-table__cell">
                        <div class="wk-row-actions">
                          <button
                            id={`${p}-rename-${v.id}`}
                            type="button"
                            class="utrecht-button utrecht-button--secondary-action wk-button--small"
                            onClick={() => {
                              setStatus(null);
                              setRenaming(v.id);
                            }}
                          >
                            {residents ? t('lists.edit') : t('lists.rename')}
                            <span class="wk-visually-hidden"> {v.label}</span>
                          </button>
                          <button
                            id={`${p}-toggle-${v.id}`}
                            type="button"
                            class="utrecht-button utrecht-button--secondary-action wk-button--small"
                            aria-busy={busyId === v.id ? 'true' : undefined}
                            onClick={() => void toggle(v)}
                          >
                            {v.active ? t('lists.retire') : t('lists.activate')}
                            <span class="wk-visually-hidden"> {v.label}</span>
                          </button>
                        </div>
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="utrecht-paragraph">{t('lists.empty')}</p>
      )}
      {values !== null ? (
        <AddForm
          list={name}
          english={english}
          residents={residents}
          title={t(add)}
          onSaved={(v) => {
            setValues((list) => sorted([...(list ?? []), v]));
            setError(null);
            setStatus(t('lists.added', { label: v.label }));
          }}
        />
      ) : null}
    </section>
  );
}

/** A code that may wrap after its separators (`financiele_kwesties` → `financiele_` / `kwesties`), not between letters. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[_-])/);
  return <>{parts.map((part, i) => (i ? [<wbr key={i} />, part] : part))}</>;
}

/** What residents read for a value: their own words, the name (said so), or nothing for a staff-only value. */
function ResidentWords({ value }: { value: ListValue }) {
  const { t } = useI18n();
  if (value.audience === 'staff') {
    return (
      <>
        <span aria-hidden="true">—</span> <span class="wk-visually-hidden">{t('lists.notForResidents')}</span>
      </>
    );
  }
  if (value.public_label?.trim()) return <>{value.public_label}</>;
  return (
    <>
      {value.label} <span class="wk-muted">{t('lists.sameAsLabel')}</span>
    </>
  );
}

/** The audience choice (the Vertelpunt's lists). */
function AudienceField({
  id,
  value,
  onValue,
  error,
}: {
  id: string;
  value: Audience;
  onValue: (a: Audience) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t('lists.field.audience')}
      description={t('lists.field.audienceHelp')}
      value={value}
      onValue={(v) => onValue(v as Audience)}
      options={AUDIENCES.map((a) => ({ value: a, label: t(AUDIENCE_LABEL[a]) }))}
      error={error}
    />
  );
}

function RenameForm({
  list,
  english,
  residents,
  value,
  onSaved,
  onCancel,
}: {
  list: ListName;
  english: boolean;
  residents: boolean;
  value: ListValue;
  onSaved: (v: ListValue) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [label, setLabel] = useState(value.label);
  const [labelEn, setLabelEn] = useState(value.label_en ?? '');
  const [audience, setAudience] = useState<Audience>(value.audience);
  const [publicLabel, setPublicLabel] = useState(value.public_label ?? '');
  const [err, setErr] = useState<string | undefined>(undefined);
  const [errEn, setErrEn] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = `rename-${list}-${value.id}`;

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!label.trim()) {
      setErr(t('lists.labelMissing'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const patch: ListValuePatch = { label: label.trim() };
      if (english && labelEn.trim()) patch.label_en = labelEn.trim();
      if (residents) {
        patch.audience = audience;
        patch.public_label = publicLabel.trim();
      }
      onSaved(await api.updateListValue(list, value.id, patch));
    } catch (e2) {
      const shown = describeError(e2, t, lang);
      setErr(shown.fields.label);
      setErrEn(shown.fields.label_en);
      setFieldErrors(shown.fields);
      setMsg(messageWithUnplaced(shown, ['label', 'label_en', 'audience', 'public_label']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      class={`utrecht-form wk-inline-form${residents ? ' wk-inline-form--values' : ''}`}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-labelledby={residents ? `${id}-title` : undefined}
    >
      {residents ? (
        <p id={`${id}-title`} class="utrecht-paragraph wk-inline-form__title">
          {t('lists.editTitle', { label: value.label })}
        </p>
      ) : null}
      <TextField
        id={id}
        label={residents ? t('lists.field.label') : t('lists.renameLabel', { label: value.label })}
        value={label}
        onValue={setLabel}
        error={err}
        inputRef={ref}
        autoComplete="off"
      />
      {english ? (
        <TextField
          id={`${id}-en`}
          label={residents ? t('lists.field.labelEn') : t('lists.renameLabelEn', { label: value.label })}
          value={labelEn}
          onValue={setLabelEn}
          error={errEn}
          autoComplete="off"
        />
      ) : null}
      {residents ? (
        <>
          <AudienceField id={`${id}-audience`} value={audience} onValue={setAudience} error={fieldErrors.audience} />
          <TextField
            id={`${id}-public`}
            label={t('lists.field.publicLabel')}
            description={t('lists.field.publicLabelHelp')}
            value={publicLabel}
            onValue={setPublicLabel}
            error={fieldErrors.public_label}
            autoComplete="off"
          />
        </>
      ) : null}
      <div class="wk-row-actions wk-inline-form__buttons">
        <button
          type="submit"
          class="utrecht-button utrecht-button--primary-action wk-button--small"
          aria-busy={busy ? 'true' : undefined}
        >
          {t('common.save')}
        </button>
        <button
          type="button"
          class="utrecht-button utrecht-button--secondary-action wk-button--small"
          onClick={onCancel}
        >
          {t('common.cancel')}
        </button>
      </div>
      {msg ? <Alert kind="error">{msg}</Alert> : null}
    </form>
  );
}

function AddForm({
  list,
  english,
  residents,
  title,
  onSaved,
}: {
  list: ListName;
  english: boolean;
  residents: boolean;
  title: string;
  onSaved: (v: ListValue) => void;
}) {
  const { t, lang } = useI18n();
  const [label, setLabel] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [audience, setAudience] = useState<Audience>('all');
  const [publicLabel, setPublicLabel] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const p = `add-${list}`;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!label.trim()) {
      setErrors({ label: t('lists.labelMissing') });
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const input: ListValueInput = { label: label.trim() };
      if (code.trim()) input.code = code.trim();
      if (english && labelEn.trim()) input.label_en = labelEn.trim();
      if (residents) {
        input.audience = audience;
        if (publicLabel.trim()) input.public_label = publicLabel.trim();
      }
      const saved = await api.createListValue(list, input);
      setLabel('');
      setLabelEn('');
      setAudience('all');
      setPublicLabel('');
      setCode('');
      setErrors({});
      setError(null);
      onSaved(saved);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, ['label', 'label_en', 'audience', 'public_label', 'code']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="wk-subpanel">
      <h3 id={`${p}-title`} class="utrecht-heading-3">
        {title}
      </h3>
      <LiveRegions error={error} />
      <form
        ref={formRef}
        class="utrecht-form wk-filter wk-filter--help"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby={`${p}-title`}
      >
        <TextField
          id={`${p}-label`}
          label={t('lists.field.label')}
          value={label}
          onValue={setLabel}
          error={errors.label}
          autoComplete="off"
          required
        />
        {english ? (
          <TextField
            id={`${p}-label_en`}
            label={t('lists.field.labelEn')}
            description={t('lists.field.labelEnHelp')}
            value={labelEn}
            onValue={setLabelEn}
            error={errors.label_en}
            autoComplete="off"
          />
        ) : null}
        {residents ? (
          <>
            <AudienceField id={`${p}-audience`} value={audience} onValue={setAudience} error={errors.audience} />
            <TextField
              id={`${p}-public_label`}
              label={t('lists.field.publicLabel')}
              description={t('lists.field.publicLabelHelp')}
              value={publicLabel}
              onValue={setPublicLabel}
              error={errors.public_label}
              autoComplete="off"
            />
          </>
        ) : null}
        <TextField
          id={`${p}-code`}
          label={t('lists.field.code')}
          description={t('lists.field.codeHelp')}
          value={code}
          onValue={setCode}
          error={errors.code}
          spellcheck={false}
          autoComplete="off"
          narrow
        />
        <div class="wk-filter__submit">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            aria-busy={busy ? 'true' : undefined}
          >
            {t('lists.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
