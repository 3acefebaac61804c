// /casussen/nieuw and /casussen/{id} — one case: its details and tailored plan
// (maatwerkplan), its status history and its cost receipt. Who may edit (a coach in
// their own teams, a coordinator in their programme) gets forms; everyone else who may
// read the case sees the same information as text.
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
  type Team,
  type Warning,
} from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { dateInputValue, formatDate, formatDateTime, parseDateInput } from '../../lib/format';
import { takeFlash, setFlash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { canEditCase, mayEditSomeCases, newCaseChoices } from '../../lib/roles';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { SelectField, TextArea, TextField, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { StatusBadge, statusKey } from '../../components/StatusBadge';
import { ReceiptEditor } from './ReceiptEditor';

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
  const heading = id === null ? t('case.newTitle') : kase ? t('case.title', { reference: kase.reference }) : t('case.titleLoading');
  const slugOf = (programmeId: number) => data?.programmes.find((p) => p.id === programmeId)?.slug ?? null;
  const editable =
    id === null ? mayEditSomeCases(me.roles) : kase ? canEditCase(me, kase.team.id, slugOf(kase.programme.id)) : false;

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
        error ? null : <Loading />
      ) : (
        <>
          {editable ? (
            <CaseForm
              me={me}
              kase={kase}
              programmes={data.programmes}
              teams={data.teams}
              onSaved={(saved, warnings) => {
                if (id === null) {
                  setFlash(t('case.created', { reference: saved.reference }), warnings);
                  navigate(`/casussen/${saved.id}`);
                  return;
                }
                setData((d) => (d ? { ...d, kase: saved } : d));
                setStatus(null);
              }}
            />
          ) : kase ? (
            <CaseDetails kase={kase} />
          ) : null}

          {kase ? <StatusHistory kase={kase} /> : null}

          {kase && data.receipt ? (
            <ReceiptEditor
              caseId={kase.id}
              receipt={data.receipt}
              categories={data.categories}
              payers={data.payers}
              editable={editable}
              onSaved={(r) => setData((d) => (d && d.kase ? { ...d, receipt: r, kase: { ...d.kase, totals: r.totals } } : d))}
            />
          ) : null}
        </>
      )}
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

function initialValues(kase: Case | null, choices: { teams: { id: number }[]; programmes: { id: number }[] }): FormValues {
  if (!kase) {
    return {
      reference: '',
      teamId: choices.teams.length === 1 ? String(choices.teams[0]!.id) : '',
      programmeId: choices.programmes.length === 1 ? String(choices.programmes[0]!.id) : '',
      group: '',
      ownerId: '',
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

interface CaseFormProps {
  me: Me;
  kase: Case | null;
  programmes: Programme[];
  teams: Team[];
  onSaved: (kase: Case, warnings: Warning[]) => void;
}

function CaseForm({ me, kase, programmes, teams, onSaved }: CaseFormProps) {
  const { t, lang } = useI18n();
  const choices = newCaseChoices(me, teams.filter((x) => x.active), programmes);
  // The case's own team and programme stay choosable even when they are not in the lists.
  const teamOptions = [...choices.teams.map((x) => ({ id: x.id, name: x.name }))];
  if (kase && !teamOptions.some((x) => x.id === kase.team.id)) teamOptions.push(kase.team);
  const programmeOptions = [...choices.programmes.map((p) => ({ id: p.id, name: p.name }))];
  if (kase && !programmeOptions.some((p) => p.id === kase.programme.id)) programmeOptions.push(kase.programme);

  const [values, setValues] = useState<FormValues>(() => initialValues(kase, { teams: teamOptions, programmes: programmeOptions }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [formStatus, setFormStatus] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof FormValues>(key: K) => (value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const programme = programmes.find((p) => String(p.id) === values.programmeId);
  const groups = programme?.groups ?? [];
  const owners = [{ id: me.id, name: me.name }];
  if (kase?.owner && kase.owner.id !== me.id) owners.push(kase.owner);
  const statusChanged = !kase || values.status !== kase.status;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
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
      const unchanged = kase && String(kase.team.id) === values.teamId && String(kase.programme.id) === values.programmeId;
      if (!unchanged && !canEditCase(me, Number(values.teamId), slug)) fe.teamId = t('case.error.notAllowed');
    }
    setErrors(fe);
    setWarnings([]);
    if (Object.keys(fe).length) {
      setFormStatus(null);
      setFormError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
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
      const saved = kase ? await api.updateCase(kase.id, body) : await api.createCase(body);
      const w = saved.warnings ?? [];
      setErrors({});
      setFormError(null);
      setWarnings(w);
      if (kase) {
        setValues(initialValues(saved, { teams: [], programmes: [] }));
        setFormStatus(t('case.saved', { reference: saved.reference }));
      }
      onSaved(saved, w);
    } catch (err) {
      const shown = describeError(err, t, lang);
      const mine: Record<string, string> = {};
      for (const [f, msg] of Object.entries(shown.fields)) {
        const key = FIELD_OF[f];
        if (key) mine[key] = mine[key] ? `${mine[key]} ${msg}` : msg;
      }
      setErrors(mine);
      setFormStatus(null);
      setFormError(messageWithUnplaced(shown, Object.keys(FIELD_OF)));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const p = kase ? 'case-edit' : 'case-new';
  return (
    <FormPanel
      id={p}
      title={t('case.details')}
      focusOnOpen={false}
      intro={kase ? null : <p class="utrecht-paragraph">{t('case.newIntro')}</p>}
      error={formError}
      status={formStatus}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={kase ? t('case.save') : t('case.create')}
    >
      <WarningList warnings={warnings} />
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
        options={owners.map((o) => ({ value: String(o.id), label: o.id === me.id ? t('case.field.ownerMe', { name: o.name }) : o.name }))}
        error={errors.ownerId}
      />
      <TextField
        id={`${p}-start`}
        label={t('case.field.startDate')}
        description={t('common.dateHelp')}
        value={values.startDate}
        onValue={set('startDate')}
        error={errors.startDate}
        narrow
        inputMode="numeric"
        autoComplete="off"
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
        <TextField
          id={`${p}-status-date`}
          label={t('case.field.statusDate')}
          description={kase ? t('case.field.statusDateHelpEdit') : t('case.field.statusDateHelpNew')}
          value={values.statusDate}
          onValue={set('statusDate')}
          error={errors.statusDate}
          narrow
          inputMode="numeric"
          autoComplete="off"
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
    </FormPanel>
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
