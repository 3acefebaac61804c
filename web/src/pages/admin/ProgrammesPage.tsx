// /beheer/programmas — the organisation's programmes (Doorstroomwoningen, WoonStAP,
// Buurtbemiddeling, …): list, add (POST) and edit (PATCH). The code (slug) is what the
// role coordinator:<code> refers to; it is set once, when the programme is added.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Me, type Programme, type ProgrammeInput, type Team } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useSubmit } from '../../lib/hooks';
import { dateInputValue, formatDate, parseDateInput } from '../../lib/format';
import { PROGRAMME_SLUG } from '../../lib/roles';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { Checkbox, DateField, SelectField, TextArea, TextField } from '../../components/Field';
import { ActiveBadge } from './TeamsPage';

interface FormValues {
  name: string;
  slug: string;
  description: string;
  startDate: string;
  teamId: string;
  active: boolean;
}

const CITY_WIDE = '';

function initialValues(p?: Programme): FormValues {
  if (!p) return { name: '', slug: '', description: '', startDate: '', teamId: CITY_WIDE, active: true };
  return {
    name: p.name,
    slug: p.slug,
    description: p.description ?? '',
    startDate: dateInputValue(p.start_date),
    teamId: p.team ? String(p.team.id) : CITY_WIDE,
    active: p.active,
  };
}

const FIELD_OF: Record<string, keyof FormValues> = {
  name: 'name',
  slug: 'slug',
  description: 'description',
  start_date: 'startDate',
  team_id: 'teamId',
  active: 'active',
};

export function ProgrammesPage(_props: { me: Me }) {
  const { t, lang } = useI18n();
  const [programmes, setProgrammes] = useState<Programme[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<Programme | null>(null);

  useEffect(() => {
    Promise.all([api.programmes(), api.teams()]).then(
      ([pl, tl]) => {
        setProgrammes(pl.items);
        setTeams(tl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  return (
    <>
      <PageHeading>{t('programmes.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('programmes.intro')}</p>
      <LiveRegions error={error} status={status} />

      {programmes === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <DataTable
          id="programmes"
          caption={t('programmes.caption')}
          columns={[
            { key: 'name', label: t('programmes.col.name') },
            { key: 'slug', label: t('programmes.col.slug') },
            { key: 'scope', label: t('programmes.col.scope') },
            { key: 'start', label: t('programmes.col.start') },
            { key: 'groups', label: t('programmes.col.groups') },
            { key: 'active', label: t('programmes.col.active') },
            { key: 'actions', label: t('common.actions') },
          ]}
          empty={t('programmes.empty')}
          rows={programmes}
          renderRow={(p) => (
            <tr class={`utrecht-table__row${p.active ? '' : ' wk-row--inactive'}`} key={p.id} data-programme-id={p.id}>
              <th scope="row" class="utrecht-table__header-cell">
                {p.name}
                {p.description ? <span class="wk-cell-note">{p.description}</span> : null}
              </th>
              <td class="utrecht-table__cell wk-slug">{p.slug}</td>
              <td class="utrecht-table__cell">{p.city_wide || !p.team ? t('programme.cityWide') : p.team.name}</td>
              <td class="utrecht-table__cell wk-nowrap">{formatDate(p.start_date, lang)}</td>
              <td class="utrecht-table__cell">
                {p.groups.length ? p.groups.map((g) => g.name).join(', ') : t('common.none')}
              </td>
              <td class="utrecht-table__cell">
                <ActiveBadge active={p.active} />
              </td>
              <td class="utrecht-table__cell">
                <button
                  id={`programme-edit-${p.id}`}
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action wk-button--small"
                  onClick={() => {
                    setStatus(null);
                    setError(null);
                    setEditing(p);
                  }}
                >
                  {t('common.edit')}
                  <span class="wk-visually-hidden"> {p.name}</span>
                </button>
              </td>
            </tr>
          )}
        />
      )}

      {editing ? (
        <ProgrammeForm
          key={`edit-${editing.id}`}
          programme={editing}
          teams={teams}
          onCancel={() => {
            const id = editing.id;
            setEditing(null);
            focusLater(`programme-edit-${id}`);
          }}
          onSaved={(p) => {
            setProgrammes((list) => (list ?? []).map((x) => (x.id === p.id ? p : x)));
            setEditing(null);
            setStatus(t('programmes.updated', { name: p.name }));
            focusLater(`programme-edit-${p.id}`);
          }}
        />
      ) : null}

      {programmes !== null && !editing ? (
        <ProgrammeForm key="create" teams={teams} onSaved={(p) => setProgrammes((list) => [...(list ?? []), p])} />
      ) : null}
    </>
  );
}

interface FormProps {
  programme?: Programme;
  teams: Team[];
  onSaved: (p: Programme) => void;
  onCancel?: () => void;
}

function ProgrammeForm({ programme, teams, onSaved, onCancel }: FormProps) {
  const { t } = useI18n();
  const mode = programme ? 'edit' : 'create';
  const [values, setValues] = useState<FormValues>(() => initialValues(programme));
  const submit = useSubmit(FIELD_OF);
  const { busy, errors, setStatus: setFormStatus } = submit;
  const p = mode === 'create' ? 'programme-new' : 'programme-edit';
  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const teamOptions = teams.filter((x) => x.active || String(x.id) === values.teamId);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const fe: Record<string, string> = {};
    if (!values.name.trim()) fe.name = t('programmes.nameMissing');
    const slug = values.slug.trim();
    if (mode === 'create' && slug && !PROGRAMME_SLUG.test(slug)) fe.slug = t('programmes.slugInvalid');
    const start = parseDateInput(values.startDate);
    if (!values.startDate.trim()) fe.startDate = t('programmes.startMissing');
    else if (!start) fe.startDate = t('common.dateInvalid');
    if (!submit.check(fe)) return;
    await submit.run(async () => {
      const teamId = values.teamId === CITY_WIDE ? null : Number(values.teamId);
      let saved: Programme;
      if (mode === 'create') {
        const body: ProgrammeInput = { name: values.name.trim(), start_date: start!, team_id: teamId };
        if (slug) body.slug = slug;
        if (values.description.trim()) body.description = values.description.trim();
        saved = await api.createProgramme(body);
      } else {
        saved = await api.updateProgramme(programme!.id, {
          name: values.name.trim(),
          description: values.description.trim(),
          start_date: start!,
          team_id: teamId,
          active: values.active,
        });
      }
      if (mode === 'create') {
        setValues(initialValues());
        setFormStatus(t('programmes.created', { name: saved.name, slug: saved.slug }));
      }
      onSaved(saved);
    });
  };

  return (
    <FormPanel
      id={p}
      title={mode === 'create' ? t('programmes.create.title') : t('programmes.edit.title', { name: programme!.name })}
      focusOnOpen={mode === 'edit'}
      {...submit.panel}
      onSubmit={onSubmit}
      submitLabel={mode === 'create' ? t('programmes.create.submit') : t('common.save')}
      onCancel={onCancel}
    >
      <TextField
        id={`${p}-name`}
        label={t('programmes.field.name')}
        value={values.name}
        onValue={set('name')}
        error={errors.name}
        required
      />
      {mode === 'create' ? (
        <TextField
          id={`${p}-slug`}
          label={t('programmes.field.slug')}
          description={t('programmes.field.slugHelp')}
          value={values.slug}
          onValue={set('slug')}
          error={errors.slug}
          spellcheck={false}
          autoComplete="off"
          maxLength={40}
        />
      ) : (
        <TextField
          id={`${p}-slug`}
          label={t('programmes.field.slug')}
          description={t('programmes.field.slugFixed')}
          value={values.slug}
          onValue={() => undefined}
          readOnly
        />
      )}
      <TextArea
        id={`${p}-description`}
        label={t('programmes.field.description')}
        value={values.description}
        onValue={set('description')}
        error={errors.description}
        rows={3}
      />
      <DateField
        id={`${p}-start`}
        label={t('programmes.field.start')}
        description={t('common.dateHelp')}
        value={values.startDate}
        onValue={set('startDate')}
        error={errors.startDate}
        required
      />
      <SelectField
        id={`${p}-scope`}
        label={t('programmes.field.scope')}
        description={t('programmes.field.scopeHelp')}
        value={values.teamId}
        onValue={set('teamId')}
        placeholder={t('programme.cityWide')}
        options={teamOptions.map((x) => ({ value: String(x.id), label: x.name }))}
        error={errors.teamId}
      />
      {mode === 'edit' ? (
        <Checkbox
          id={`${p}-active`}
          label={t('programmes.field.active')}
          checked={values.active}
          onChecked={set('active')}
          invalid={!!errors.active}
        />
      ) : null}
    </FormPanel>
  );
}
