// /beheer/gebruikers — the organisation's users, by name, 50 to a page (`?vanaf=`, up to
// the server's 10,000: lib/users.ts, offsetPaging), with a search on a part of the name
// or e-mail address (`?zoek=`). The functional administrator adds, edits, deactivates and
// activates; P&O, directeur-bestuurder and wijkteammanager only read (the server decides
// whose records they get).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Me, type Paged, type TeamRef, type User } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { navigate, useFormFromSearch } from '../../lib/router';
import { useListPage, useSubmit } from '../../lib/hooks';
import {
  BASE_ROLES,
  COORDINATOR_PREFIX,
  PROGRAMME_SLUG,
  can,
  coordinatorProgramme,
  parseProgrammes,
  roleLabel,
  roleLabels,
  type BaseRole,
} from '../../lib/roles';
import {
  USERS_PAGE_SIZE,
  USER_SEARCH_MAX,
  searchFromUserFilter,
  userCaption,
  userFilterFromSearch,
  userPaging,
  usersFound,
  type UserFilter,
} from '../../lib/users';
import { DataTable } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { FormPanel } from '../../components/FormPanel';
import { Checkbox, Fieldset, TextField } from '../../components/Field';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Pager } from '../../components/Pager';
import { ActiveBadge } from './TeamsPage';

const PATH = '/beheer/gebruikers';

export function UsersPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const admin = can(me, 'administer');
  /** "12 gebruikers gevonden." after a search, for screen readers. */
  const [announce, setAnnounce] = useState('');
  /** Bumped to read the page shown again (after adding a user, or "Zoeken" on the search shown). */
  const [reload, setReload] = useState(0);
  const {
    search,
    applied,
    data,
    setData,
    error,
    setError,
    busy: loading,
    onPaged,
  } = useListPage({
    read: userFilterFromSearch,
    load: (f: UserFilter) => api.users({ q: f.q || null, limit: USERS_PAGE_SIZE, offset: f.offset }),
    captionId: 'users-caption',
    loaded: (page: Paged<User>, f) => setAnnounce(f.q ? usersFound(t, lang, page) : ''),
    deps: [reload],
  });
  const [q, setQ] = useFormFromSearch<string>(search, () => applied.q);
  const [teams, setTeams] = useState<TeamRef[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [confirming, setConfirming] = useState<User | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!admin) return;
    api.teams().then(
      (tl) => setTeams(tl.items.filter((x) => x.active !== false).map(({ id, name }) => ({ id, name }))),
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const onSearch = (e: Event) => {
    e.preventDefault();
    const next = searchFromUserFilter({ q, offset: 0 });
    if (next === search) setReload((n) => n + 1);
    else navigate(`${PATH}${next}`);
  };

  const replaceUser = (u: User) =>
    setData((d) => (d ? { ...d, items: d.items.map((x) => (x.id === u.id ? u : x)) } : d));
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const toggleActive = async (user: User) => {
    setBusy(true);
    try {
      const saved = await api.updateUser(user.id, { active: !user.active });
      replaceUser(saved);
      setError(null);
      setStatus(t(saved.active ? 'users.activated' : 'users.deactivated', { name: saved.name }));
    } catch (err) {
      setStatus(null);
      setError(messageWithUnplaced(describeError(err, t, lang), []));
    } finally {
      setBusy(false);
      setConfirming(null);
      focusLater(`user-active-${user.id}`);
    }
  };

  const paging = data
    ? userPaging(data.filter, { count: data.items.length, total: data.total, total_exact: data.total_exact })
    : null;
  const caption =
    data && paging
      ? userCaption(t, lang, paging.range, data, me.organisation.name)
      : t('users.captionAll', { organisation: me.organisation.name });

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <p class="utrecht-paragraph">{admin ? t('users.intro') : t('users.introReadOnly')}</p>

      <form
        class="utrecht-form wk-filter wk-filter--help"
        role="search"
        aria-label={t('users.search.label')}
        noValidate
        onSubmit={onSearch}
      >
        <TextField
          id="users-q"
          label={t('users.search')}
          description={t('users.search.help')}
          value={q}
          onValue={setQ}
          maxLength={USER_SEARCH_MAX}
          autoComplete="off"
          spellcheck={false}
        />
        <div class="wk-filter__submit">
          <button type="submit" id="users-search" class="utrecht-button utrecht-button--secondary-action">
            {t('users.search.submit')}
          </button>
          {applied.q ? (
            <button
              type="button"
              id="users-search-reset"
              class="utrecht-button utrecht-button--subtle wk-button--plain"
              onClick={() => navigate(PATH)}
            >
              {t('users.search.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <LiveRegions error={error} status={status} />
      <div role="status" class="wk-visually-hidden" id="users-announce">
        {announce}
      </div>

      {data === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={loading ? 'true' : undefined}>
          <UsersTable
            users={data.items}
            me={me}
            admin={admin}
            caption={caption}
            empty={data.filter.q ? t('users.emptyFiltered') : t('users.empty')}
            onEdit={(u) => {
              setStatus(null);
              setError(null);
              setEditing(u);
            }}
            onToggle={(u) => setConfirming(u)}
          />
          <Pager
            path={PATH}
            prev={paging?.prev ?? null}
            next={paging?.next ?? null}
            first={paging?.first ?? null}
            firstText={t('paging.first')}
            stopText={paging?.stopped ? t('paging.refine') : null}
            label={t('users.pager')}
            prevText={t('stories.prev')}
            nextText={t('stories.next')}
            where={caption}
            onNavigate={onPaged}
          />
        </div>
      )}

      {confirming ? (
        <ConfirmDialog
          title={t(confirming.active ? 'users.confirm.deactivateTitle' : 'users.confirm.activateTitle')}
          text={t(confirming.active ? 'users.confirm.deactivateText' : 'users.confirm.activateText', {
            name: confirming.name,
          })}
          confirmLabel={t(confirming.active ? 'users.confirm.deactivateYes' : 'users.confirm.activateYes')}
          busy={busy}
          onConfirm={() => toggleActive(confirming)}
          onCancel={() => {
            const id = confirming.id;
            setConfirming(null);
            focusLater(`user-active-${id}`);
          }}
        />
      ) : null}

      {admin && editing ? (
        <UserForm
          key={`edit-${editing.id}`}
          mode="edit"
          user={editing}
          teams={teams}
          onCancel={() => {
            const id = editing.id;
            setEditing(null);
            focusLater(`user-edit-${id}`);
          }}
          onSaved={(u) => {
            replaceUser(u);
            setEditing(null);
            setError(null);
            setStatus(t('users.updated', { name: u.name }));
            focusLater(`user-edit-${u.id}`);
          }}
        />
      ) : null}

      {admin && data !== null && !editing ? (
        <UserForm
          key="create"
          mode="create"
          teams={teams}
          onSaved={() => {
            // The page read again: the new user shows where the name puts it (on this page
            // or another), and the count includes it.
            setReload((n) => n + 1);
            setStatus(null);
          }}
        />
      ) : null}
    </>
  );
}

interface TableProps {
  users: User[];
  me: Me;
  admin: boolean;
  caption: string;
  empty: string;
  onEdit: (u: User) => void;
  onToggle: (u: User) => void;
}

function UsersTable({ users, me, admin, caption, empty, onEdit, onToggle }: TableProps) {
  const { t, lang } = useI18n();
  return (
    <DataTable
      id="users"
      caption={caption}
      columns={[
        { key: 'name', label: t('users.col.name') },
        { key: 'email', label: t('users.col.email') },
        { key: 'roles', label: t('users.col.roles') },
        { key: 'teams', label: t('users.col.teams') },
        { key: 'active', label: t('users.col.active') },
        { key: 'lastLogin', label: t('users.col.lastLogin') },
        ...(admin ? [{ key: 'actions', label: t('common.actions') }] : []),
      ]}
      empty={empty}
      rows={users}
      renderRow={(u) => {
        const self = u.id === me.id;
        return (
          <tr class={`utrecht-table__row${u.active ? '' : ' wk-row--inactive'}`} key={u.id} data-user-id={u.id}>
            <th scope="row" class="utrecht-table__header-cell">
              {u.name}
              {self ? <span class="wk-muted"> {t('users.you')}</span> : null}
            </th>
            <td class="utrecht-table__cell">
              <EmailText email={u.email} />
            </td>
            <td class="utrecht-table__cell">
              <ul class="wk-cell-list">
                {roleLabels(u.roles, t).map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </td>
            <td class="utrecht-table__cell">
              {u.teams.length ? (
                <ul class="wk-cell-list">
                  {u.teams.map((x) => (
                    <li key={x.id}>{x.name}</li>
                  ))}
                </ul>
              ) : (
                t('common.none')
              )}
            </td>
            <td class="utrecht-table__cell">
              <ActiveBadge active={u.active} />
            </td>
            <td class="utrecht-table__cell">
              {u.last_login_at ? (
                <time dateTime={u.last_login_at}>{formatDateTime(u.last_login_at, lang)}</time>
              ) : (
                t('common.never')
              )}
            </td>
            {admin ? (
              <td class="utrecht-table__cell">
                <div class="wk-row-actions">
                  <button
                    id={`user-edit-${u.id}`}
                    type="button"
                    class="utrecht-button utrecht-button--secondary-action wk-button--small"
                    onClick={() => onEdit(u)}
                  >
                    {t('common.edit')}
                    <span class="wk-visually-hidden"> {u.name}</span>
                  </button>
                  {self ? null : (
                    <button
                      id={`user-active-${u.id}`}
                      type="button"
                      class="utrecht-button utrecht-button--secondary-action wk-button--small"
                      onClick={() => onToggle(u)}
                    >
                      {u.active ? t('users.deactivate') : t('users.activate')}
                      <span class="wk-visually-hidden"> {u.name}</span>
                    </button>
                  )}
                </div>
              </td>
            ) : null}
          </tr>
        );
      }}
    />
  );
}

/** An e-mail address that may wrap before the @ in a narrow column. */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at <= 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

interface FormValues {
  name: string;
  email: string;
  password: string;
  roles: Set<BaseRole>;
  coordinator: boolean;
  programmes: string;
  teamIds: Set<number>;
}
type FieldErrors = Record<string, string>;

function initialValues(user?: User): FormValues {
  if (!user) {
    return {
      name: '',
      email: '',
      password: '',
      roles: new Set(),
      coordinator: false,
      programmes: '',
      teamIds: new Set(),
    };
  }
  const programmes = user.roles.map(coordinatorProgramme).filter((p): p is string => p !== null);
  return {
    name: user.name,
    email: user.email,
    password: '',
    roles: new Set(user.roles.filter((r): r is BaseRole => (BASE_ROLES as readonly string[]).includes(r))),
    coordinator: programmes.length > 0,
    programmes: programmes.join(', '),
    teamIds: new Set(user.teams.map((x) => x.id)),
  };
}

/** A copy of `set` with `item` in it (`on`) or not. */
function withItem<T>(set: Set<T>, item: T, on: boolean): Set<T> {
  const copy = new Set(set);
  if (on) copy.add(item);
  else copy.delete(item);
  return copy;
}

interface UserFormProps {
  mode: 'create' | 'edit';
  user?: User;
  teams: TeamRef[];
  onSaved: (u: User) => void;
  onCancel?: () => void;
}

/** Add or edit a user. Its messages appear in the form's own panel, next to the fields. */
function UserForm({ mode, user, teams, onSaved, onCancel }: UserFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<FormValues>(() => initialValues(user));
  // Server fields → our fields (the teams' checkboxes are `teams`).
  const submit = useSubmit({
    name: 'name',
    email: 'email',
    roles: 'roles',
    team_ids: 'teams',
    ...(mode === 'create' ? { password: 'password' } : {}),
  });
  const { busy, errors, setStatus: setFormStatus } = submit;
  const p = mode === 'create' ? 'user-new' : 'user-edit';

  // Teams of the user that are not in the (active) list still need a checkbox.
  const teamChoices = [...teams];
  for (const x of user?.teams ?? []) if (!teamChoices.some((c) => c.id === x.id)) teamChoices.push(x);

  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const toggleRole = (role: BaseRole, on: boolean) => setValues((v) => ({ ...v, roles: withItem(v.roles, role, on) }));
  const toggleTeam = (id: number, on: boolean) => setValues((v) => ({ ...v, teamIds: withItem(v.teamIds, id, on) }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const programmes = values.coordinator ? parseProgrammes(values.programmes) : [];
    const roles = [
      ...BASE_ROLES.filter((r) => values.roles.has(r)),
      ...programmes.map((slug) => `${COORDINATOR_PREFIX}${slug}`),
    ];
    const fe: FieldErrors = {};
    if (!values.name.trim()) fe.name = t('users.nameMissing');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) fe.email = t('users.emailInvalid');
    if (mode === 'create' && values.password.length < 12) fe.password = t('users.passwordShort');
    if (values.coordinator && (!programmes.length || programmes.some((s) => !PROGRAMME_SLUG.test(s)))) {
      fe.programmes = t('users.programmeInvalid');
    }
    if (!roles.length && !fe.programmes) fe.roles = t('users.rolesMissing');
    if (!submit.check(fe)) return;
    await submit.run(async () => {
      const common = { name: values.name.trim(), email: values.email.trim(), roles, team_ids: [...values.teamIds] };
      const saved =
        mode === 'create'
          ? await api.createUser({ ...common, password: values.password })
          : await api.updateUser(user!.id, common);
      if (mode === 'create') {
        setValues(initialValues());
        setFormStatus(t('users.created', { name: saved.name }));
      }
      onSaved(saved);
    });
  };

  return (
    <FormPanel
      id={p}
      title={mode === 'create' ? t('users.create.title') : t('users.edit.title', { name: user!.name })}
      focusOnOpen={mode === 'edit'}
      {...submit.panel}
      onSubmit={onSubmit}
      submitLabel={mode === 'create' ? t('users.create.submit') : t('common.save')}
      onCancel={onCancel}
    >
      <TextField
        id={`${p}-name`}
        label={t('users.field.name')}
        value={values.name}
        onValue={set('name')}
        error={errors.name}
        autoComplete="off"
        required
      />
      <TextField
        id={`${p}-email`}
        label={t('users.field.email')}
        type="email"
        value={values.email}
        onValue={set('email')}
        error={errors.email}
        autoComplete="off"
        spellcheck={false}
        required
      />
      {mode === 'create' ? (
        <TextField
          id={`${p}-password`}
          label={t('users.field.password')}
          description={t('users.field.passwordHelp')}
          type="password"
          value={values.password}
          onValue={set('password')}
          error={errors.password}
          autoComplete="new-password"
          required
        />
      ) : null}

      <Fieldset id={`${p}-roles`} legend={t('users.field.roles')} error={errors.roles}>
        {BASE_ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`${p}-role-${role}`}
            value={role}
            label={roleLabel(role, t)}
            checked={values.roles.has(role)}
            onChecked={(on) => toggleRole(role, on)}
          />
        ))}
        <Checkbox
          id={`${p}-role-coordinator`}
          value="coordinator"
          label={t('users.field.coordinator')}
          checked={values.coordinator}
          onChecked={set('coordinator')}
        />
        {values.coordinator ? (
          <div class="wk-subfield">
            <TextField
              id={`${p}-programmes`}
              label={t('users.field.programmes')}
              description={t('users.field.programmesHelp')}
              value={values.programmes}
              onValue={set('programmes')}
              error={errors.programmes}
              spellcheck={false}
            />
          </div>
        ) : null}
      </Fieldset>

      <Fieldset id={`${p}-teams`} legend={t('users.field.teams')} error={errors.teams}>
        {teamChoices.length ? (
          teamChoices.map((team) => (
            <Checkbox
              key={team.id}
              id={`${p}-team-${team.id}`}
              value={String(team.id)}
              label={team.name}
              checked={values.teamIds.has(team.id)}
              onChecked={(on) => toggleTeam(team.id, on)}
            />
          ))
        ) : (
          <p class="utrecht-paragraph">{t('users.field.noTeams')}</p>
        )}
      </Fieldset>
    </FormPanel>
  );
}
