// /mijn-account — every logged-in user's own page: name, e-mail address, organisation,
// roles and teams as GET /api/v1/me gave them (the app holds them already), and
// "Wachtwoord wijzigen" (PUT /api/v1/me/password). The session the change is made from
// stays logged in; every other session of the user ends, and the confirmation says so.
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, type Me } from '../../lib/api';
import { passwordChangeProblems, passwordChangeShown, type PasswordField } from '../../lib/account';
import { roleLabels } from '../../lib/roles';
import { PageHeading } from '../../components/PageHeading';
import { FormPanel } from '../../components/FormPanel';
import { Alert } from '../../components/Notices';
import { TextField, focusFirstInvalid } from '../../components/Field';

export function AccountPage({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('account.intro')}</p>
      <AccountDetails me={me} />
      <PasswordForm me={me} />
    </>
  );
}

function AccountDetails({ me }: { me: Me }) {
  const { t } = useI18n();
  const list = (items: string[], empty: string) => (items.length ? items.join(', ') : empty);
  const rows: [string, string, string][] = [
    ['name', t('account.name'), me.name],
    ['email', t('account.email'), me.email],
    ['organisation', t('account.organisation'), me.organisation.name],
    ['roles', t('account.roles'), list(roleLabels(me.roles, t), t('common.none'))],
    [
      'teams',
      t('account.teams'),
      list(
        me.teams.map((team) => team.name),
        t('account.noTeams'),
      ),
    ],
  ];
  return (
    <section class="wk-section" aria-labelledby="account-details-title">
      <h2 id="account-details-title" class="utrecht-heading-2">
        {t('account.details')}
      </h2>
      <dl class="utrecht-data-list utrecht-data-list--rows wk-data-list" id="account-details">
        {rows.map(([key, label, value]) => (
          <div class="utrecht-data-list__item" key={key}>
            <dt class="utrecht-data-list__item-key">{label}</dt>
            <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd" id={`account-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function PasswordForm({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  /** The browser's own objections (message keys, so that they follow the language). */
  const [local, setLocal] = useState<Partial<Record<PasswordField, MessageKey>>>({});
  /** The server's refusal, shown in the language of the moment. */
  const [refusal, setRefusal] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const shown = passwordChangeShown(local, refusal, t, lang);

  /** Typing in a box takes away its message and the confirmation of an earlier change. */
  const edit = (field: PasswordField, set: (v: string) => void) => (value: string) => {
    set(value);
    setChanged(false);
    if (local[field]) {
      const rest = { ...local };
      delete rest[field];
      setLocal(rest);
    }
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setChanged(false);
    setRefusal(null);
    const problems = passwordChangeProblems({ current, next, repeat });
    setLocal(problems);
    if (Object.keys(problems).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api.changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setChanged(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      setRefusal(err);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const confirmation = (
    <div role="status" class="wk-live" id="account-password-changed" tabIndex={-1} ref={doneRef}>
      {changed ? <Alert kind="ok">{t('account.password.changed')}</Alert> : null}
    </div>
  );

  return (
    <FormPanel
      id="account-password"
      title={t('account.password.title')}
      focusOnOpen={false}
      intro={
        <>
          <p class="utrecht-paragraph">{t('account.password.intro')}</p>
          {confirmation}
        </>
      }
      error={shown.message}
      status={null}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={t('account.password.submit')}
    >
      {/* For password managers: whose password this is (not shown, not in the tab order). */}
      <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <TextField
        id="account-current-password"
        label={t('account.password.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={edit('current_password', setCurrent)}
        error={shown.fields.current_password}
        required
      />
      <TextField
        id="account-new-password"
        label={t('account.password.new')}
        description={t('account.password.newHelp')}
        type="password"
        autoComplete="new-password"
        value={next}
        onValue={edit('new_password', setNext)}
        error={shown.fields.new_password}
        required
      />
      <TextField
        id="account-repeat-password"
        label={t('account.password.repeat')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onValue={edit('repeat_password', setRepeat)}
        error={shown.fields.repeat_password}
        required
      />
    </FormPanel>
  );
}
