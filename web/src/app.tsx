import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, type I18n } from './i18n/context';
import { loadLang, saveLang, translator, type Lang } from './i18n';
import { api, setUnauthorizedHandler, type Me } from './lib/api';
import { currentPath, navigate, usePath, whenLeaving } from './lib/router';
import { canSee } from './lib/roles';
import { registerModules, registry } from './lib/registry';
import * as modules from './modules';
import { matchRoute, publicStoryOrg, safeReturnPath } from './lib/routes';
import { PublicLayout, Shell } from './components/Layout';
import { UnsavedDialog } from './components/UnsavedDialog';
import { LoginPage, type LoginNotice } from './pages/auth/LoginPage';
import { ForbiddenPage, NotFoundPage } from './pages/start/ErrorPages';
import { PublicStoryPage } from './pages/stories/PublicStoryPage';
import { useModuleView } from './lib/views';

registerModules(Object.values(modules));

export const LOGIN_PATH = '/inloggen';

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'in'; me: Me };

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
        const back = matchRoute(p) && p !== '/' ? `?terug=${encodeURIComponent(p + window.location.search)}` : '';
        navigate(`${LOGIN_PATH}${back}`, { replace: true });
      }
    });
    // The public story point (/vertel/{org}) needs no session: do not ask for one.
    if (publicStoryOrg(currentPath()) !== null) return () => setUnauthorizedHandler(null);
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
    if (publicStoryOrg(path) !== null) return;
    if (session.state === 'in' && path === LOGIN_PATH)
      navigate(safeReturnPath(window.location.search), { replace: true });
    if (session.state === 'anonymous' && path !== LOGIN_PATH) navigate(LOGIN_PATH, { replace: true });
  }, [session.state, path]);

  const onLoggedIn = useCallback((me: Me) => {
    setNotice(null);
    setSession({ state: 'in', me });
    navigate(safeReturnPath(window.location.search));
  }, []);

  // The page being shown (not the log-in, "not found" or "no access" page), for the view count.
  const shownRoute = session.state === 'in' && path !== LOGIN_PATH ? matchRoute(path) : null;
  useModuleView(
    shownRoute && session.state === 'in' && canSee(shownRoute.page, session.me) ? shownRoute.page : null,
    path,
  );

  // Logging out leaves the page: with unsaved work, only once the user has said so.
  const onLogout = useCallback(
    () =>
      whenLeaving(async () => {
        try {
          await api.logout();
        } catch {
          // Even when the server could not be told, this browser forgets the session.
        }
        setNotice('loggedOut');
        setSession({ state: 'anonymous' });
        navigate(LOGIN_PATH, { ask: false });
      }),
    [],
  );

  let content;
  const publicOrg = publicStoryOrg(path);
  if (publicOrg !== null) {
    // The page draws its own frame: the organisation's logo and name in the band.
    content = <PublicStoryPage key={path} org={publicOrg} />;
  } else if (session.state === 'loading') {
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
    const route = matchRoute(path);
    let body;
    if (path === LOGIN_PATH) body = null;
    else if (!route) body = <NotFoundPage key={path} />;
    else if (!canSee(route.page, me)) body = <ForbiddenPage key={path} />;
    else {
      const View = registry().byName.get(route.page)!.view;
      body = <View key={path} me={me} id={route.id} />;
    }
    content = (
      <Shell me={me} path={path} onLogout={onLogout}>
        {body}
      </Shell>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      {content}
      <UnsavedDialog />
    </I18nContext.Provider>
  );
}
