import type { ComponentChildren } from 'preact';
import type { Me } from '../lib/api';
import { navItems } from '../lib/roles';
import { ACCOUNT_PATH } from '../lib/routes';
import { useI18n } from '../i18n/context';
import { LanguageToggle } from './LanguageToggle';
import { Link } from './Link';

function SkipLink() {
  const { t } = useI18n();
  const onClick = (e: MouseEvent) => {
    e.preventDefault();
    const main = document.getElementById('inhoud');
    main?.focus();
    main?.scrollIntoView();
  };
  return (
    <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus wk-skip-link" href="#inhoud" onClick={onClick}>
      {t('app.skipLink')}
    </a>
  );
}

function Brand({ organisation }: { organisation?: string }) {
  const { t } = useI18n();
  return (
    <div class="wk-brand">
      <span class="wk-brand__mark" aria-hidden="true" />
      <span class="wk-brand__text">
        <span class="wk-brand__name">{t('app.name')}</span>
        <span class="wk-brand__org">{organisation ?? t('app.tagline')}</span>
      </span>
    </div>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer class="utrecht-page-footer wk-footer">
      <div class="utrecht-page-footer__content wk-container">
        <p class="utrecht-paragraph">{t('app.footer')}</p>
      </div>
    </footer>
  );
}

interface FrameProps {
  organisation?: string;
  /** Instead of the product's name and tagline (the public story form: the organisation's logo and name). */
  brand?: ComponentChildren;
  /** Controls at the right of the header band (language, user, log-out). */
  tools: ComponentChildren;
  /** Under the band: the main menu, once logged in. */
  nav?: ComponentChildren;
  mainClass: string;
  children: ComponentChildren;
}

/** What every page has: skip link, header band with the brand, main content, footer. */
function Frame({ organisation, brand, tools, nav, mainClass, children }: FrameProps) {
  return (
    <div class="wk-app">
      <SkipLink />
      <header class="utrecht-page-header wk-header">
        <div class="wk-header__band">
          <div class="wk-container wk-header__inner">
            {brand ?? <Brand organisation={organisation} />}
            <div class="wk-header__tools">{tools}</div>
          </div>
        </div>
        {nav}
      </header>
      <main id="inhoud" tabIndex={-1} class={mainClass}>
        <div class="wk-container">{children}</div>
      </main>
      <Footer />
    </div>
  );
}

/** The page frame before log-in: product band (or `brand`), content, footer. */
export function PublicLayout({ brand, children }: { brand?: ComponentChildren; children: ComponentChildren }) {
  return (
    <Frame brand={brand} tools={<LanguageToggle />} mainClass="utrecht-page-content wk-main wk-main--public">
      {children}
    </Frame>
  );
}

interface ShellProps {
  me: Me;
  path: string;
  onLogout: () => void;
  children: ComponentChildren;
}

/** The page frame after log-in: header with organisation, user (and a link to her own account) and log-out, role-based menu. */
export function Shell({ me, path, onLogout, children }: ShellProps) {
  const { t } = useI18n();
  const items = navItems(me);
  const tools = (
    <>
      <span class="wk-header__user">{t('app.loggedInAs', { name: me.name })}</span>
      <Link
        href={ACCOUNT_PATH}
        id="header-account"
        class="wk-header__link"
        aria-current={path === ACCOUNT_PATH ? 'page' : undefined}
      >
        {t('account.link')}
      </Link>
      <LanguageToggle />
      <button type="button" class="utrecht-button utrecht-button--subtle wk-header__button" onClick={onLogout}>
        {t('app.logout')}
      </button>
    </>
  );
  const nav = (
    <nav class="utrecht-nav-bar wk-nav" aria-label={t('app.mainNav')}>
      <div class="utrecht-nav-bar__content wk-container">
        <ul class="utrecht-nav-list wk-nav__list">
          {items.map((item) => {
            const current = item.path === '/' ? path === '/' : path === item.path || path.startsWith(`${item.path}/`);
            return (
              <li class="utrecht-nav-list__item" key={item.path}>
                <Link
                  href={item.path}
                  class={`utrecht-nav-list__link wk-nav__link${current ? ' wk-nav__link--current' : ''}`}
                  aria-current={current ? 'page' : undefined}
                >
                  {t(item.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
  return (
    <Frame organisation={me.organisation.name} tools={tools} nav={nav} mainClass="utrecht-page-content wk-main">
      {children}
    </Frame>
  );
}
