import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, type I18n } from './i18n/context';
import { loadLang, saveLang, translator, type Lang } from './i18n';
import { api, setUnauthorizedHandler, type Me } from './lib/api';
import { currentPath, navigate, usePath } from './lib/router';
import { canSee, type Page } from './lib/roles';
import { PublicLayout, Shell } from './components/Layout';
import { LoginPage, type LoginNotice } from './pages/auth/LoginPage';
import { StartPage } from './pages/start/StartPage';
import { TeamsPage } from './pages/admin/TeamsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { AuditPage } from './pages/admin/AuditPage';
import { ForbiddenPage, NotFoundPage } from './pages/start/ErrorPages';

export const LOGIN_PATH = '/inloggen';

const ROUTES: Record<string, Page> = {
  '/': 'start',
  '/beheer/teams': 'teams',
  '/beheer/gebruikers': 'users',
  '/beheer/audit': 'audit',
};

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'in'; me: Me };

/** Where to go after log-in: only a known page of this app (never another site). */
function safeReturnPath(search: string): string {
  const back = new URLSearchParams(search).get('terug');
  return back && Object.prototype.hasOwnProperty.call(ROUTES, back) ? back : '/';
}

export function App() {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [notice, setNotice] = useState<LoginNotice>(null);
  const sessionRef = useRef<Session>(session);
  sessionRef.current = session;
  const path = usePath();

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: translator(lang),
      setLang: (l: Lang) => {
        saveLang(l);
        setLangState(l);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // A 401 from any call: the session is gone; back to the log-in page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (sessionRef.current.state === 'in') setNotice('expired');
      setSession({ state: 'anonymous' });
      const p = currentPath();
      if (p !== LOGIN_PATH) {
        const back = Object.prototype.hasOwnProperty.call(ROUTES, p) && p !== '/' ? `?terug=${encodeURIComponent(p)}` : '';
        navigate(`${LOGIN_PATH}${back}`, { replace: true });
      }
    });
    api.me().then(
      (me) => setSession({ state: 'in', me }),
      () => {
        // 401 is handled above; any other failure (server down) also shows the log-in page.
        if (sessionRef.current.state === 'loading') setSession({ state: 'anonymous' });
      },
    );
    return () => setUnauthorizedHandler(null);
  }, []);

  // Logged in and on the log-in page: go to the start page (or where the user was going).
  useEffect(() => {
    if (session.state === 'in' && path === LOGIN_PATH) navigate(safeReturnPath(window.location.search), { replace: true });
    if (session.state === 'anonymous' && path !== LOGIN_PATH) navigate(LOGIN_PATH, { replace: true });
  }, [session.state, path]);

  const onLoggedIn = useCallback((me: Me) => {
    setNotice(null);
    setSession({ state: 'in', me });
    navigate(safeReturnPath(window.location.search));
  }, []);

  const onLogout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Even when the server could not be told, this browser forgets the session.
    }
    setNotice('loggedOut');
    setSession({ state: 'anonymous' });
    navigate(LOGIN_PATH);
  }, []);

  let content;
  if (session.state === 'loading') {
    content = (
      <PublicLayout>
        <p class="utrecht-paragraph wk-loading" role="status">
          {i18n.t('app.loading')}
        </p>
      </PublicLayout>
    );
  } else if (session.state === 'anonymous') {
    content =
      path === LOGIN_PATH ? (
        <PublicLayout>
          <LoginPage notice={notice} onLoggedIn={onLoggedIn} />
        </PublicLayout>
      ) : null;
  } else {
    const me = session.me;
    const page = ROUTES[path];
    let body;
    if (path === LOGIN_PATH) body = null;
    else if (!page) body = <NotFoundPage key={path} />;
    else if (!canSee(page, me.roles)) body = <ForbiddenPage key={path} />;
    else if (page === 'start') body = <StartPage key={path} me={me} />;
    else if (page === 'teams') body = <TeamsPage key={path} me={me} />;
    else if (page === 'users') body = <UsersPage key={path} me={me} />;
    else body = <AuditPage key={path} me={me} />;
    content = (
      <Shell me={me} path={path} onLogout={onLogout}>
        {body}
      </Shell>
    );
  }

  return <I18nContext.Provider value={i18n}>{content}</I18nContext.Provider>;
}
