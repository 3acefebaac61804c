import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Me } from '../../lib/api';
import { loginErrorText } from '../../lib/errors';
import { TextField, focusFirstInvalid } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions } from '../../components/Notices';

export type LoginNotice = 'loggedOut' | 'expired' | null;

interface Props {
  notice: LoginNotice;
  onLoggedIn: (me: Me) => void;
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    const fe: { email?: string; password?: string } = {};
    if (!email.trim()) fe.email = t('login.emailMissing');
    if (!password) fe.password = t('login.passwordMissing');
    setFieldErrors(fe);
    if (fe.email || fe.password) {
      setError(t('login.missing'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login(email.trim(), password);
      onLoggedIn(answer.user);
    } catch (err) {
      setPassword('');
      setError(loginErrorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  const noticeText = submitted
    ? null
    : notice === 'loggedOut'
      ? t('app.loggedOut')
      : notice === 'expired'
        ? t('app.sessionExpired')
        : null;

  return (
    <div class="wk-login">
      <div class="wk-login__card">
        <PageHeading>{t('login.title')}</PageHeading>
        <p class="utrecht-paragraph">{t('login.intro')}</p>
        {notice === 'expired' && noticeText ? <Alert kind="warning">{noticeText}</Alert> : null}
        <LiveRegions error={error} status={notice === 'loggedOut' ? noticeText : null} />
        <form ref={formRef} class="utrecht-form wk-form" method="post" noValidate onSubmit={onSubmit}>
          <TextField
            id="email"
            label={t('login.email')}
            type="email"
            autoComplete="username"
            spellcheck={false}
            value={email}
            onValue={setEmail}
            error={fieldErrors.email}
            required
          />
          <TextField
            id="password"
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            error={fieldErrors.password}
            required
          />
          <div class="utrecht-button-group wk-button-row">
            <button
              type="submit"
              class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
              aria-disabled={busy ? 'true' : undefined}
              aria-busy={busy ? 'true' : undefined}
            >
              {busy ? t('login.busy') : t('login.submit')}
            </button>
          </div>
        </form>
        <p class="utrecht-paragraph utrecht-paragraph--small wk-muted">{t('login.help')}</p>
      </div>
    </div>
  );
}
