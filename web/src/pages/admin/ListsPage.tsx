// /beheer/keuzelijsten — the organisation's lists of values: cost categories
// (kostensoorten) and payers (betalers) for cost receipts, and the Vertelpunt's
// signifiers (topics, valuations, archetypes, extra questions) with a Dutch and an
// English label. The administrator edits all of them here; quality staff edit the
// Vertelpunt's lists on /beheer/vertelpunt-lijsten (the same page, those lists only).
// Values are added, renamed and retired or reactivated; a retired value stays on the
// records that have it but cannot be chosen any more. Values are never deleted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { api, type ListName, type ListValue, type ListValueInput, type Me } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { TextField, focusFirstInvalid } from '../../components/Field';
import { TableHead } from '../../components/DataTable';
import { ActiveBadge } from './TeamsPage';

interface ListDef {
  name: ListName;
  title: MessageKey;
  intro: MessageKey;
  add: MessageKey;
  /** The Vertelpunt's lists also carry an English label (`label_en`). */
  english: boolean;
}

const COST_LISTS: ListDef[] = [
  { name: 'cost_category', title: 'lists.cost_category', intro: 'lists.cost_categoryIntro', add: 'lists.addCategory', english: false },
  { name: 'payer', title: 'lists.payer', intro: 'lists.payerIntro', add: 'lists.addPayer', english: false },
];
const STORY_LISTS: ListDef[] = [
  { name: 'story_topic', title: 'lists.story_topic', intro: 'lists.story_topicIntro', add: 'lists.addTopic', english: true },
  { name: 'story_valuation', title: 'lists.story_valuation', intro: 'lists.story_valuationIntro', add: 'lists.addValuation', english: true },
  { name: 'story_archetype', title: 'lists.story_archetype', intro: 'lists.story_archetypeIntro', add: 'lists.addArchetype', english: true },
  { name: 'story_prompt', title: 'lists.story_prompt', intro: 'lists.story_promptIntro', add: 'lists.addPrompt', english: true },
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

function ListSection({ name, title, intro, add, english }: ListDef) {
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
        error ? null : <Loading />
      ) : values.length ? (
        <div class="utrecht-table-container wk-table-wrap" role="region" aria-labelledby={`${p}-caption`} tabIndex={0}>
          <table class="utrecht-table utrecht-table--html-table wk-table wk-lov" data-list={name}>
            <caption id={`${p}-caption`} class="utrecht-table__caption wk-visually-hidden">
              {t(title)}
            </caption>
            <TableHead
              columns={[
                { key: 'label', label: t('lists.col.label') },
                ...(english ? [{ key: 'label_en', label: t('lists.col.labelEn') }] : []),
                { key: 'code', label: t('lists.col.code') },
                { key: 'active', label: t('lists.col.active') },
                { key: 'actions', label: t('common.actions') },
              ]}
            />
            <tbody class="utrecht-table__body">
              {values.map((v) => (
                <tr class={`utrecht-table__row${v.active ? '' : ' wk-row--inactive'}`} key={v.id} data-value-id={v.id}>
                  {renaming === v.id ? (
                    <td class="utrecht-table__cell" colSpan={english ? 5 : 4}>
                      <RenameForm
                        list={name}
                        english={english}
                        value={v}
                        onCancel={() => {
                          setRenaming(null);
                          focusLater(`${p}-rename-${v.id}`);
                        }}
                        onSaved={(saved) => {
                          replace(saved);
                          setRenaming(null);
                          setError(null);
                          setStatus(t('lists.renamed', { old: v.label, label: saved.label }));
                          focusLater(`${p}-rename-${saved.id}`);
                        }}
                      />
                    </td>
                  ) : (
                    <>
                      <th scope="row" class="utrecht-table__header-cell">
                        {v.label}
                      </th>
                      {english ? <td class="utrecht-table__cell" lang="en">{v.label_en || v.label}</td> : null}
                      <td class="utrecht-table__cell wk-codes">{v.code}</td>
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
                            {t('lists.rename')}
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

function RenameForm({
  list,
  english,
  value,
  onSaved,
  onCancel,
}: {
  list: ListName;
  english: boolean;
  value: ListValue;
  onSaved: (v: ListValue) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [label, setLabel] = useState(value.label);
  const [labelEn, setLabelEn] = useState(value.label_en ?? '');
  const [err, setErr] = useState<string | undefined>(undefined);
  const [errEn, setErrEn] = useState<string | undefined>(undefined);
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
      const patch = english && labelEn.trim() ? { label: label.trim(), label_en: labelEn.trim() } : { label: label.trim() };
      onSaved(await api.updateListValue(list, value.id, patch));
    } catch (e2) {
      const shown = describeError(e2, t, lang);
      setErr(shown.fields.label);
      setErrEn(shown.fields.label_en);
      setMsg(messageWithUnplaced(shown, ['label', 'label_en']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} class="utrecht-form wk-inline-form" noValidate onSubmit={onSubmit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <TextField
        id={id}
        label={t('lists.renameLabel', { label: value.label })}
        value={label}
        onValue={setLabel}
        error={err}
        inputRef={ref}
        autoComplete="off"
      />
      {english ? (
        <TextField
          id={`${id}-en`}
          label={t('lists.renameLabelEn', { label: value.label })}
          value={labelEn}
          onValue={setLabelEn}
          error={errEn}
          autoComplete="off"
        />
      ) : null}
      <div class="wk-row-actions wk-inline-form__buttons">
        <button type="submit" class="utrecht-button utrecht-button--primary-action wk-button--small" aria-busy={busy ? 'true' : undefined}>
          {t('common.save')}
        </button>
        <button type="button" class="utrecht-button utrecht-button--secondary-action wk-button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {msg ? <Alert kind="error">{msg}</Alert> : null}
    </form>
  );
}

function AddForm({ list, english, title, onSaved }: { list: ListName; english: boolean; title: string; onSaved: (v: ListValue) => void }) {
  const { t, lang } = useI18n();
  const [label, setLabel] = useState('');
  const [labelEn, setLabelEn] = useState('');
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
      const saved = await api.createListValue(list, input);
      setLabel('');
      setLabelEn('');
      setCode('');
      setErrors({});
      setError(null);
      onSaved(saved);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, ['label', 'label_en', 'code']));
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
      <form ref={formRef} class="utrecht-form wk-filter wk-filter--help" noValidate onSubmit={onSubmit} aria-labelledby={`${p}-title`}>
        <TextField id={`${p}-label`} label={t('lists.field.label')} value={label} onValue={setLabel} error={errors.label} autoComplete="off" required />
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
          <button type="submit" class="utrecht-button utrecht-button--primary-action" aria-busy={busy ? 'true' : undefined}>
            {t('lists.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
