// /beheer/teams — the organisation's teams: list, add (POST) and edit (PATCH).
// Only the functional administrator reaches this page (see roles.ts).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type District, type Me, type Team } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useSubmit } from '../../lib/hooks';
import { formatCodes, invalidCodes, parseCodes } from '../../lib/cbs';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { Checkbox, SelectField, TextField } from '../../components/Field';

interface FormValues {
  name: string;
  districtId: string;
  codes: string;
  active: boolean;
}
type FieldErrors = Record<string, string>;

/** The API fields this form shows next to a control. */
const TEAM_FIELDS = ['name', 'district_id', 'district', 'neighbourhoods'];

const EMPTY: FormValues = { name: '', districtId: '', codes: '', active: true };

export function TeamsPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [districts, setDistricts] = useState<District[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<Team | null>(null);

  useEffect(() => {
    Promise.all([api.teams(), api.districts()]).then(
      ([tl, dl]) => {
        setTeams(tl.items);
        setDistricts(dl.items);
      },
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const replaceTeam = (team: Team) => setTeams((list) => (list ?? []).map((x) => (x.id === team.id ? team : x)));

  const focusEditButton = (id: number) =>
    requestAnimationFrame(() => document.getElementById(`team-edit-${id}`)?.focus());

  return (
    <>
      <PageHeading>{t('teams.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('teams.intro')}</p>
      <LiveRegions error={error} status={status} />

      {teams === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <TeamsTable
          teams={teams}
          caption={t('teams.caption', { organisation: me.organisation.name })}
          onEdit={(team) => {
            setStatus(null);
            setError(null);
            setEditing(team);
          }}
        />
      )}

      {editing ? (
        <TeamForm
          key={`edit-${editing.id}`}
          mode="edit"
          team={editing}
          districts={districts}
          onCancel={() => {
            const id = editing.id;
            setEditing(null);
            focusEditButton(id);
          }}
          onSaved={(team) => {
            replaceTeam(team);
            setEditing(null);
            setError(null);
            setStatus(t('teams.updated', { name: team.name }));
            focusEditButton(team.id);
          }}
        />
      ) : null}

      {teams !== null && !editing ? (
        <TeamForm
          key="create"
          mode="create"
          districts={districts}
          onSaved={(team) => {
            setTeams((list) => [...(list ?? []), team]);
            setStatus(null);
          }}
        />
      ) : null}
    </>
  );
}

function TeamsTable({ teams, caption, onEdit }: { teams: Team[]; caption: string; onEdit: (team: Team) => void }) {
  const { t } = useI18n();
  return (
    <DataTable
      id="teams"
      caption={caption}
      columns={[
        { key: 'name', label: t('teams.col.name') },
        { key: 'district', label: t('teams.col.district') },
        { key: 'neighbourhoods', label: t('teams.col.neighbourhoods') },
        { key: 'members', label: t('teams.col.members'), numeric: true },
        { key: 'active', label: t('teams.col.active') },
        { key: 'actions', label: t('common.actions') },
      ]}
      empty={t('teams.empty')}
      rows={teams}
      renderRow={(team) => (
        <tr class={`utrecht-table__row${team.active ? '' : ' wk-row--inactive'}`} key={team.id} data-team-id={team.id}>
          <th scope="row" class="utrecht-table__header-cell">
            {team.name}
          </th>
          <td class="utrecht-table__cell">{team.district?.name ?? t('common.none')}</td>
          <td class="utrecht-table__cell wk-codes">
            {team.neighbourhoods.length ? formatCodes(team.neighbourhoods) : t('common.none')}
          </td>
          <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{team.member_count}</td>
          <td class="utrecht-table__cell">
            <ActiveBadge active={team.active} />
          </td>
          <td class="utrecht-table__cell">
            <button
              id={`team-edit-${team.id}`}
              type="button"
              class="utrecht-button utrecht-button--secondary-action wk-button--small"
              onClick={() => onEdit(team)}
            >
              {t('common.edit')}
              <span class="wk-visually-hidden"> {team.name}</span>
            </button>
          </td>
        </tr>
      )}
    />
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return (
    <span
      class={`utrecht-status-badge ${active ? 'utrecht-status-badge--active' : 'utrecht-status-badge--inactive'} wk-badge`}
    >
      {active ? t('common.yes') : t('common.no')}
    </span>
  );
}

interface TeamFormProps {
  mode: 'create' | 'edit';
  team?: Team;
  districts: District[];
  onSaved: (team: Team) => void;
  onCancel?: () => void;
}

/** Add or edit a team. Its messages appear in the form's own panel, next to the fields. */
function TeamForm({ mode, team, districts, onSaved, onCancel }: TeamFormProps) {
  const { t } = useI18n();
  const initial: FormValues = team
    ? {
        name: team.name,
        districtId: String(team.district?.id ?? ''),
        codes: formatCodes(team.neighbourhoods),
        active: team.active,
      }
    : EMPTY;
  const [values, setValues] = useState<FormValues>(initial);
  const submit = useSubmit(mode === 'create' ? TEAM_FIELDS : [...TEAM_FIELDS, 'active']);
  const { busy, errors, setStatus: setFormStatus } = submit;
  const prefix = mode === 'create' ? 'team-new' : 'team-edit';

  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const codes = parseCodes(values.codes);
    const fe: FieldErrors = {};
    if (!values.name.trim()) fe.name = t('teams.nameMissing');
    if (!values.districtId) fe.district_id = t('teams.districtMissing');
    const bad = invalidCodes(codes);
    if (bad.length) fe.neighbourhoods = t('teams.invalidCodes', { codes: bad.join(', ') });
    if (!submit.check(fe)) return;
    await submit.run(async () => {
      const body = { name: values.name.trim(), district_id: Number(values.districtId), neighbourhoods: codes };
      const saved =
        mode === 'create'
          ? await api.createTeam(body)
          : await api.updateTeam(team!.id, { ...body, active: values.active });
      if (mode === 'create') {
        setValues(EMPTY);
        setFormStatus(t('teams.created', { name: saved.name }));
      }
      onSaved(saved);
    });
  };

  return (
    <FormPanel
      id={prefix}
      title={mode === 'create' ? t('teams.create.title') : t('teams.edit.title', { name: team!.name })}
      focusOnOpen={mode === 'edit'}
      intro={mode === 'create' && !districts.length ? <p class="utrecht-paragraph">{t('teams.noDistricts')}</p> : null}
      {...submit.panel}
      onSubmit={onSubmit}
      submitLabel={mode === 'create' ? t('teams.create.submit') : t('common.save')}
      onCancel={onCancel}
    >
      <TextField
        id={`${prefix}-name`}
        label={t('teams.field.name')}
        value={values.name}
        onValue={set('name')}
        error={errors.name}
        required
      />
      <SelectField
        id={`${prefix}-district`}
        label={t('teams.field.district')}
        value={values.districtId}
        onValue={set('districtId')}
        placeholder={t('teams.field.districtChoose')}
        options={districts.map((d) => ({ value: String(d.id), label: d.name }))}
        error={errors.district_id ?? errors.district}
        required
      />
      <TextField
        id={`${prefix}-codes`}
        label={t('teams.field.neighbourhoods')}
        description={t('teams.field.neighbourhoodsHelp')}
        value={values.codes}
        onValue={set('codes')}
        error={errors.neighbourhoods}
        spellcheck={false}
        wide
      />
      {mode === 'edit' ? (
        <Checkbox
          id={`${prefix}-active`}
          label={t('teams.field.active')}
          checked={values.active}
          onChecked={set('active')}
          invalid={!!errors.active}
        />
      ) : null}
    </FormPanel>
  );
}
