// /casussen/nieuw and /casussen/{id} — one case: its details and tailored plan
// (maatwerkplan), its status history and its cost receipt. Who may edit (a coach in
// their own teams, a coordinator in their programme) gets one form for the case's
// details and its receipt, saved with one "Opslaan"; everyone else who may read the
// case sees the same information as text. Leaving the page with unsaved changes asks
// first (lib/unsaved.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import {
  api,
  CASE_STATUSES,
  type Case,
  type CaseInput,
  type CaseStatus,
  type ListValue,
  type Me,
  type Programme,
  type Receipt,
  type Side,
  type Team,
  type Warning,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { dateInputValue, formatDate, formatDateTime, parseDateInput } from '../../lib/format';
import { takeFlash, setFlash } from '../../lib/flash';
import { formatMoney } from '../../lib/money';
import { buildReceipt, draftsOf, receiptChanged, type DraftLine } from '../../lib/receipt';
import { navigate } from '../../lib/router';
import { can, canEditCase, newCaseChoices } from '../../lib/roles';
import { defaultCaseOwner, defaultCaseTeam, ownTeamsFirst } from '../../lib/teams';
import { isChanged, useUnsavedChanges } from '../../lib/unsaved';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { DateField, SelectField, TextArea, TextField, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { StatusBadge, statusKey } from '../../components/StatusBadge';
import { ReceiptFields, ReceiptView, lineProblemText, receiptRefusal } from './ReceiptEditor';

export const PLAN_MAX = 20_000;
export const REFERENCE_MAX = 40;

interface Loaded {
  programmes: Programme[];
  teams: Team[];
  kase: Case | null;
  receipt: Receipt | null;
  categories: ListValue[];
  payers: ListValue[];
}

export function CasePage({ me, id }: { me: Me; id: number | null }) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState(() => takeFlash());
  const [status, setStatus] = useState<string | null>(flash?.message ?? null);

  useEffect(() => {
    const loads = Promise.all([
      api.programmes(),
      api.teams(),
      id === null ? Promise.resolve(null) : api.case(id),
      id === null ? Promise.resolve(null) : api.receipt(id),
      id === null ? Promise.resolve({ items: [] }) : api.lists('cost_category'),
      id === null ? Promise.resolve({ items: [] }) : api.lists('payer'),
    ]);
    loads.then(
      ([pl, tl, kase, receipt, cl, yl]) =>
        setData({ programmes: pl.items, teams: tl.items, kase, receipt, categories: cl.items, payers: yl.items }),
      (err) => setError(describeError(err, t, lang).message),
    );
  }, [id]);

  const kase = data?.kase ?? null;
  const heading =
    id === null ? t('case.newTitle') : kase ? t('case.title', { reference: kase.reference }) : t('case.titleLoading');
  const slugOf = (programmeId: number) => data?.programmes.find((p) => p.id === programmeId)?.slug ?? null;
  const editable =
    id === null ? can(me, 'edit_cases') : kase ? canEditCase(me, kase.team.id, slugOf(kase.programme.id)) : false;

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/casussen">{t('case.back')}</Link>
      </p>
      <PageHeading title={heading}>
        {kase ? (
          <>
            {t('case.titlePrefix')} <span class="wk-reference">{kase.reference}</span>
          </>
        ) : (
          heading
        )}
      </PageHeading>
      {kase ? (
        <p class="utrecht-paragraph wk-case-meta">
          <StatusBadge status={kase.status} />
          <span>{kase.programme.name}</span>
          <span>{kase.team.name}</span>
          {kase.group ? <span>{kase.group.name}</span> : null}
        </p>
      ) : null}
      {kase && !editable ? <p class="utrecht-paragraph wk-readonly-note">{t('case.readOnly')}</p> : null}
      <LiveRegions error={error} status={status} />
      {flash?.warnings.length ? <WarningList warnings={flash.warnings} /> : null}

      {data === null ? (
        error ? null : (
          <Loading />
        )
      ) : editable && kase && data.receipt ? (
        <CaseEditor
          me={me}
          kase={kase}
          receipt={data.receipt}
          programmes={data.programmes}
          teams={data.teams}
          categories={data.categories}
          payers={data.payers}
          onSaved={(saved) => {
            setData((d) => (d ? { ...d, kase: saved.kase ?? d.kase, receipt: saved.receipt ?? d.receipt } : d));
            setStatus(null);
          }}
        />
      ) : editable && id === null ? (
        <NewCaseForm
          me={me}
          programmes={data.programmes}
          teams={data.teams}
          onSaved={(saved, warnings) => {
            setFlash(t('case.created', { reference: saved.reference }), warnings);
            // Saved: the new case's page opens without asking.
            navigate(`/casussen/${saved.id}`, { ask: false });
          }}
        />
      ) : kase ? (
        <>
          <CaseDetails kase={kase} />
          <StatusHistory kase={kase} />
          {data.receipt ? (
            <ReceiptView receipt={data.receipt} categories={data.categories} payers={data.payers} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The details as text, for those who may only read. */
function CaseDetails({ kase }: { kase: Case }) {
  const { t, lang } = useI18n();
  const rows: [string, string][] = [
    [t('case.field.reference'), kase.reference],
    [t('case.field.team'), kase.team.name],
    [t('case.field.programme'), kase.programme.name],
    [t('case.label.group'), kase.group?.name ?? t('common.none')],
    [t('case.label.owner'), kase.owner?.name ?? t('common.none')],
    [t('case.field.startDate'), formatDate(kase.start_date, lang)],
    [t('case.field.status'), t(statusKey(kase.status))],
  ];
  return (
    <>
      <section class="wk-section" aria-labelledby="case-details-title">
        <h2 id="case-details-title" class="utrecht-heading-2">
          {t('case.details')}
        </h2>
        <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list">
          {rows.map(([k, v]) => (
            <div class="utrecht-data-list__item" key={k}>
              <dt class="utrecht-data-list__item-key">{k}</dt>
              <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section class="wk-section" aria-labelledby="case-plan-title">
        <h2 id="case-plan-title" class="utrecht-heading-2">
          {t('case.plan')}
        </h2>
        {kase.plan ? (
          <pre class="utrecht-preserve-data wk-plan" tabIndex={0} aria-labelledby="case-plan-title">
            {kase.plan}
          </pre>
        ) : (
          <p class="utrecht-paragraph">{t('case.noPlan')}</p>
        )}
      </section>
    </>
  );
}

function StatusHistory({ kase }: { kase: Case }) {
  const { t, lang } = useI18n();
  const entries = [...(kase.status_history ?? [])];
  return (
    <section class="wk-section" aria-labelledby="case-history-title">
      <h2 id="case-history-title" class="utrecht-heading-2">
        {t('case.history')}
      </h2>
      {entries.length ? (
        <ol class="wk-history">
          {entries.map((e, i) => (
            <li key={i} class="wk-history__item">
              <span class="wk-history__date">
                <time dateTime={e.date}>{formatDate(e.date, lang)}</time>
              </span>{' '}
              <StatusBadge status={e.status} />{' '}
              <span class="wk-muted">
                {e.recorded_by
                  ? t('case.recordedBy', { when: formatDateTime(e.recorded_at, lang), name: e.recorded_by.name })
                  : t('case.recordedAt', { when: formatDateTime(e.recorded_at, lang) })}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="utrecht-paragraph">{t('case.noHistory')}</p>
      )}
    </section>
  );
}

interface FormValues {
  reference: string;
  teamId: string;
  programmeId: string;
  group: string;
  ownerId: string;
  startDate: string;
  status: CaseStatus;
  statusDate: string;
  plan: string;
}

function initialValues(
  me: Me,
  kase: Case | null,
  choices: { teams: { id: number }[]; programmes: { id: number }[] },
): FormValues {
  if (!kase) {
    // A new case: the coach's own team when she has one, and she its owner (lib/teams.ts).
    const teamId = defaultCaseTeam(me, choices.teams);
    return {
      reference: '',
      teamId,
      programmeId: choices.programmes.length === 1 ? String(choices.programmes[0]!.id) : '',
      group: '',
      ownerId: defaultCaseOwner(me, teamId),
      startDate: '',
      status: 'lopend',
      statusDate: '',
      plan: '',
    };
  }
  return {
    reference: kase.reference,
    teamId: String(kase.team.id),
    programmeId: String(kase.programme.id),
    group: kase.group?.name ?? '',
    ownerId: kase.owner ? String(kase.owner.id) : '',
    startDate: dateInputValue(kase.start_date),
    status: kase.status,
    statusDate: '',
    plan: kase.plan ?? '',
  };
}

/** API field → the form's error key. */
const FIELD_OF: Record<string, keyof FormValues> = {
  reference: 'reference',
  team_id: 'teamId',
  team: 'teamId',
  programme_id: 'programmeId',
  programme: 'programmeId',
  group: 'group',
  owner_id: 'ownerId',
  owner: 'ownerId',
  start_date: 'startDate',
  status: 'status',
  status_date: 'statusDate',
  plan: 'plan',
};

/**
 * The choices of team and programme: the user's (a coach only her own teams, her own
 * first when she also coordinates a programme), plus the case's own when it is not among them.
 */
function optionsOf(me: Me, kase: Case | null, teams: Team[], programmes: Programme[]) {
  const choices = newCaseChoices(
    me,
    teams.filter((x) => x.active),
    programmes,
  );
  const teamOptions = ownTeamsFirst(choices.teams, me.teams).map((x) => ({ id: x.id, name: x.name }));
  if (kase && !teamOptions.some((x) => x.id === kase.team.id)) teamOptions.push(kase.team);
  const programmeOptions = choices.programmes.map((p) => ({ id: p.id, name: p.name }));
  if (kase && !programmeOptions.some((p) => p.id === kase.programme.id)) programmeOptions.push(kase.programme);
  return { teamOptions, programmeOptions };
}

/**
 * The case's details as a form's state: the values, their messages, whether they differ
 * from the saved case (or from the empty form), the check before sending and the
 * server's refusal put at the fields. `fields` are the controls (CaseFields).
 */
function useCaseForm(me: Me, kase: Case | null, teams: Team[], programmes: Programme[]) {
  const { t, lang } = useI18n();
  const p = kase ? 'case-edit' : 'case-new';
  const { teamOptions, programmeOptions } = optionsOf(me, kase, teams, programmes);
  const [blank] = useState(() => initialValues(me, null, { teams: teamOptions, programmes: programmeOptions }));
  const saved = kase ? initialValues(me, kase, { teams: [], programmes: [] }) : blank;
  const [values, setValues] = useState<FormValues>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** A new case's owner follows the team (lib/teams.ts) until the user chooses one herself. */
  const ownerChosen = useRef(false);
  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) => {
      if (key === 'ownerId') ownerChosen.current = true;
      setValues((v) => {
        const next = { ...v, [key]: value };
        if (!kase && key === 'teamId' && !ownerChosen.current) next.ownerId = defaultCaseOwner(me, String(value));
        return next;
      });
    };
  const programme = programmes.find((x) => String(x.id) === values.programmeId);
  const statusChanged = !kase || values.status !== kase.status;

  /** Checks the values; the body to send, or null (the messages are at the fields). */
  const check = (): CaseInput | null => {
    const fe: Record<string, string> = {};
    const reference = values.reference.trim();
    if (!reference) fe.reference = t('case.error.referenceMissing');
    else if (reference.length > REFERENCE_MAX) fe.reference = t('case.error.referenceLong', { max: REFERENCE_MAX });
    if (!values.teamId) fe.teamId = t('case.error.teamMissing');
    if (!values.programmeId) fe.programmeId = t('case.error.programmeMissing');
    const startDate = parseDateInput(values.startDate);
    if (!values.startDate.trim()) fe.startDate = t('case.error.startDateMissing');
    else if (!startDate) fe.startDate = t('common.dateInvalid');
    const statusDate = values.statusDate.trim() ? parseDateInput(values.statusDate) : null;
    if (values.statusDate.trim() && !statusDate) fe.statusDate = t('common.dateInvalid');
    if (values.plan.length > PLAN_MAX) fe.plan = t('case.error.planLong', { max: PLAN_MAX });
    if (values.teamId && values.programmeId && !fe.teamId) {
      const slug = programme?.slug ?? null;
      const unchanged =
        kase && String(kase.team.id) === values.teamId && String(kase.programme.id) === values.programmeId;
      if (!unchanged && !canEditCase(me, Number(values.teamId), slug)) fe.teamId = t('case.error.notAllowed');
    }
    setErrors(fe);
    if (Object.keys(fe).length) return null;
    const body: CaseInput = {
      reference,
      team_id: Number(values.teamId),
      programme_id: Number(values.programmeId),
      group: values.group.trim() || null,
      owner_id: values.ownerId ? Number(values.ownerId) : null,
      start_date: startDate!,
      plan: values.plan,
    };
    if (statusChanged) {
      body.status = values.status;
      if (statusDate) body.status_date = statusDate;
    }
    return body;
  };

  /** The server's refusal: its field messages at the fields; the message for the page. */
  const refused = (err: unknown): string | null => {
    const shown = describeError(err, t, lang);
    const mine: Record<string, string> = {};
    for (const [f, msg] of Object.entries(shown.fields)) {
      const key = FIELD_OF[f];
      if (key) mine[key] = mine[key] ? `${mine[key]} ${msg}` : msg;
    }
    setErrors(mine);
    return messageWithUnplaced(shown, Object.keys(FIELD_OF));
  };

  const fields = (
    <CaseFields
      p={p}
      me={me}
      kase={kase}
      values={values}
      set={set}
      errors={errors}
      teamOptions={teamOptions}
      programmeOptions={programmeOptions}
      groups={programme?.groups ?? []}
      statusChanged={statusChanged}
    />
  );
  return { values, setValues, setErrors, changed: isChanged(saved, values), check, refused, fields };
}

interface NewCaseProps {
  me: Me;
  programmes: Programme[];
  teams: Team[];
  onSaved: (kase: Case, warnings: Warning[]) => void;
}

/** /casussen/nieuw: the details only; the receipt comes once the case exists. */
function NewCaseForm({ me, programmes, teams, onSaved }: NewCaseProps) {
  const { t } = useI18n();
  const form = useCaseForm(me, null, teams, programmes);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChanges(form.changed);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const body = form.check();
    if (!body) {
      setFormError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const saved = await api.createCase(body);
      setFormError(null);
      onSaved(saved, saved.warnings ?? []);
    } catch (err) {
      setFormError(form.refused(err));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormPanel
      id="case-new"
      title={t('case.details')}
      focusOnOpen={false}
      intro={<p class="utrecht-paragraph">{t('case.newIntro')}</p>}
      error={formError}
      status={null}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={t('case.create')}
    >
      {form.fields}
    </FormPanel>
  );
}

interface EditorProps {
  me: Me;
  kase: Case;
  receipt: Receipt;
  programmes: Programme[];
  teams: Team[];
  categories: ListValue[];
  payers: ListValue[];
  /** What was saved: the case, the receipt, or both. */
  onSaved: (saved: { kase?: Case; receipt?: Receipt }) => void;
}

/**
 * An existing case for its editors: the details and the receipt in one form with one
 * "Opslaan". The server has no call that saves both at once, so the button sends what
 * changed, the receipt first (the report counts a case by its status: a case should not
 * be finished before its receipt is in), and stops at the first refusal, with the
 * messages at the fields and a sentence saying what was and was not saved.
 */
function CaseEditor({ me, kase, receipt, programmes, teams, categories, payers, onSaved }: EditorProps) {
  const { t, lang } = useI18n();
  const form = useCaseForm(me, kase, teams, programmes);
  const [sides, setSides] = useState<Record<Side, DraftLine[]>>(() => draftsOf(receipt));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [caseWarnings, setCaseWarnings] = useState<Warning[]>([]);
  const [receiptWarnings, setReceiptWarnings] = useState<Warning[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const linesChanged = receiptChanged(receipt, sides);
  const dirty = form.changed || linesChanged;
  useUnsavedChanges(dirty);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    setError(null);
    setCaseWarnings([]);
    setReceiptWarnings([]);
    if (!dirty) {
      form.setErrors({});
      setProblems({});
      setStatus(t('case.unchanged'));
      return;
    }
    // Both parts are checked before either is sent.
    const body = form.changed ? form.check() : null;
    if (!form.changed) form.setErrors({});
    const built = linesChanged ? buildReceipt(sides) : null;
    const local = built
      ? Object.fromEntries(Object.entries(built.problems).map(([k, code]) => [k, lineProblemText(code, t)]))
      : {};
    setProblems(local);
    if ((form.changed && !body) || Object.keys(local).length) {
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      let savedReceipt: Receipt | null = null;
      if (built) {
        try {
          savedReceipt = await api.saveReceipt(kase.id, built.body);
        } catch (err) {
          const refusal = receiptRefusal(err, built.kept, t, lang);
          setProblems(refusal.lines);
          setError(
            form.changed ? [refusal.message, t('case.nothingSaved')].filter(Boolean).join(' ') : refusal.message,
          );
          focusFirstInvalid(formRef.current);
          return;
        }
        setSides(draftsOf(savedReceipt));
        setProblems({});
        setReceiptWarnings(savedReceipt.warnings ?? []);
        onSaved({ receipt: savedReceipt, kase: { ...kase, totals: savedReceipt.totals } });
      }
      let savedCase: Case | null = null;
      if (body) {
        try {
          savedCase = await api.updateCase(kase.id, body);
        } catch (err) {
          const message = form.refused(err);
          setError(savedReceipt ? [t('case.receiptSavedDetailsNot'), message].filter(Boolean).join(' ') : message);
          focusFirstInvalid(formRef.current);
          return;
        }
        form.setValues(initialValues(me, savedCase, { teams: [], programmes: [] }));
        form.setErrors({});
        setCaseWarnings(savedCase.warnings ?? []);
        onSaved({ kase: savedReceipt ? { ...savedCase, totals: savedReceipt.totals } : savedCase });
      }
      const said = savedReceipt
        ? (savedCase
            ? t('case.savedWithReceipt', {
                reference: savedCase.reference,
                saving: formatMoney(savedReceipt.totals.saving_cents),
              })
            : t('receipt.saved', { saving: formatMoney(savedReceipt.totals.saving_cents) })) +
          (savedReceipt.negative_saving ? ` ${t('receipt.negativeSaved')}` : '')
        : t('case.saved', { reference: savedCase!.reference });
      setStatus(said);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form ref={formRef} class="utrecht-form wk-case-form" noValidate onSubmit={onSubmit}>
        <section class="wk-panel" aria-labelledby="case-edit-title">
          <h2 id="case-edit-title" class="utrecht-heading-2">
            {t('case.details')}
          </h2>
          <div class="wk-form">
            <WarningList warnings={caseWarnings} />
            {form.fields}
          </div>
        </section>
        <ReceiptFields
          sides={sides}
          onSides={(update) => setSides(update)}
          problems={problems}
          onProblems={(update) => setProblems(update)}
          warnings={receiptWarnings}
          categories={categories}
          payers={payers}
          onNotice={(n) => {
            if (n.error !== undefined) setError(n.error);
            if (n.status !== undefined) setStatus(n.status);
          }}
        />
        <LiveRegions error={error} status={status} />
        <div class="utrecht-button-group wk-button-row wk-save-row">
          <button
            type="submit"
            id="case-save"
            class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-busy={busy ? 'true' : undefined}
          >
            {busy ? t('common.saving') : t('case.saveAll')}
          </button>
          <span class="wk-muted wk-save-row__note" id="case-unsaved">
            {dirty ? t('unsaved.note') : ''}
          </span>
        </div>
      </form>
      <StatusHistory kase={kase} />
    </>
  );
}

interface CaseFieldsProps {
  /** The controls' id prefix: case-new or case-edit. */
  p: string;
  me: Me;
  kase: Case | null;
  values: FormValues;
  set: <K extends keyof FormValues>(key: K) => (value: FormValues[K]) => void;
  errors: Record<string, string>;
  teamOptions: { id: number; name: string }[];
  programmeOptions: { id: number; name: string }[];
  groups: { id: number; name: string }[];
  statusChanged: boolean;
}

/** The controls of the case's details (inside the new-case form or the case page's form). */
function CaseFields({
  p,
  me,
  kase,
  values,
  set,
  errors,
  teamOptions,
  programmeOptions,
  groups,
  statusChanged,
}: CaseFieldsProps) {
  const { t } = useI18n();
  const owners = [{ id: me.id, name: me.name }];
  if (kase?.owner && kase.owner.id !== me.id) owners.push(kase.owner);
  return (
    <>
      <TextField
        id={`${p}-reference`}
        label={t('case.field.reference')}
        description={t('case.field.referenceHelp')}
        value={values.reference}
        onValue={set('reference')}
        error={errors.reference}
        spellcheck={false}
        autoComplete="off"
        maxLength={REFERENCE_MAX}
        required
      />
      <div class="wk-form-row">
        <SelectField
          id={`${p}-programme`}
          label={t('case.field.programme')}
          value={values.programmeId}
          onValue={set('programmeId')}
          placeholder={t('case.field.programmeChoose')}
          options={programmeOptions.map((x) => ({ value: String(x.id), label: x.name }))}
          error={errors.programmeId}
          required
        />
        <SelectField
          id={`${p}-team`}
          label={t('case.field.team')}
          value={values.teamId}
          onValue={set('teamId')}
          placeholder={t('case.field.teamChoose')}
          options={teamOptions.map((x) => ({ value: String(x.id), label: x.name }))}
          error={errors.teamId}
          required
        />
      </div>
      <TextField
        id={`${p}-group`}
        label={t('case.field.group')}
        description={t('case.field.groupHelp')}
        value={values.group}
        onValue={set('group')}
        error={errors.group}
        list={`${p}-groups`}
        autoComplete="off"
      />
      <datalist id={`${p}-groups`}>
        {groups.map((g) => (
          <option key={g.id} value={g.name} />
        ))}
      </datalist>
      <SelectField
        id={`${p}-owner`}
        label={t('case.field.owner')}
        value={values.ownerId}
        onValue={set('ownerId')}
        placeholder={t('case.field.ownerNone')}
        description={!kase && can(me, 'own_new_cases') ? t('case.field.ownerHelpNew') : undefined}
        options={owners.map((o) => ({
          value: String(o.id),
          label: o.id === me.id ? t('case.field.ownerMe', { name: o.name }) : o.name,
        }))}
        error={errors.ownerId}
      />
      <DateField
        id={`${p}-start`}
        label={t('case.field.startDate')}
        description={t('common.dateHelp')}
        value={values.startDate}
        onValue={set('startDate')}
        error={errors.startDate}
        required
      />
      <div class="wk-form-row">
        <SelectField
          id={`${p}-status`}
          label={t('case.field.status')}
          value={values.status}
          onValue={(v) => set('status')(v as CaseStatus)}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
          error={errors.status}
          required
        />
        <DateField
          id={`${p}-status-date`}
          label={t('case.field.statusDate')}
          description={kase ? t('case.field.statusDateHelpEdit') : t('case.field.statusDateHelpNew')}
          value={values.statusDate}
          onValue={set('statusDate')}
          error={errors.statusDate}
          disabled={!statusChanged}
        />
      </div>
      <TextArea
        id={`${p}-plan`}
        label={t('case.plan')}
        description={t('case.field.planHelp')}
        value={values.plan}
        onValue={set('plan')}
        error={errors.plan}
        rows={10}
      />
    </>
  );
}

export function WarningList({ warnings }: { warnings: Warning[] }) {
  const { t, lang } = useI18n();
  const label = (f: string) => {
    const key = FIELD_OF[f];
    const names: Partial<Record<keyof FormValues, string>> = {
      reference: t('case.field.reference'),
      plan: t('case.plan'),
      group: t('case.label.group'),
    };
    return (key && names[key]) || f;
  };
  // The region is always there, so that a warning put in it is announced (WCAG 4.1.3).
  return (
    <div role="status" class="wk-live">
      {warnings.length ? (
        <Alert kind="warning">
          <p class="wk-alert__title">{t('case.warnings')}</p>
          <ul class="wk-warning-list">
            {warnings.map((w, i) => (
              <li key={i}>
                {label(w.field)}: {lang === 'nl' ? w.title || w.detail : w.detail || w.title}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
