import { describe, expect, it } from 'vitest';
import { SERVER_SAYS } from './capabilities.fixture';
import * as modules from '../modules';
import table from './capabilities.fixture.json';
import { buildRegistry, patternRegExp, registry, routeIn, type PageDecl, type WebModule } from './registry';
import { matchRoute } from './routes';
import { moduleOf } from './views';

/** The app's pages by path before the registry (lib/routes.ts kept these two tables). */
const FIXED_BEFORE: Record<string, string> = {
  '/': 'start',
  '/mijn-account': 'account',
  '/casussen': 'cases',
  '/casussen/nieuw': 'caseNew',
  '/kassabonnen': 'receipts',
  '/kassabonnen/importeren': 'import',
  '/jaarverslag': 'report',
  '/verhalen': 'stories',
  '/verhalen/nieuw': 'storyNew',
  '/verhalen/dashboard': 'storyDashboard',
  '/duidingssessies': 'sessions',
  '/duidingssessies/nieuw': 'sessionNew',
  '/best-practices': 'bestPractices',
  '/kennisbank': 'knowledge',
  '/kennisbank/nieuw': 'knowledgeNew',
  '/kennisbank/te-herzien': 'knowledgeDue',
  '/beheer/vertelpunt-lijsten': 'storyLists',
  '/beheer/teams': 'teams',
  '/beheer/gebruikers': 'users',
  '/beheer/programmas': 'programmes',
  '/beheer/keuzelijsten': 'lists',
  '/beheer/instellingen': 'settings',
  '/beheer/audit': 'audit',
};
const WITH_ID_BEFORE: [string, string][] = [
  ['/casussen/:id', 'case'],
  ['/kassabonnen/:id', 'summary'],
  ['/verhalen/:id', 'story'],
  ['/duidingssessies/:id', 'session'],
  ['/duidingssessies/:id/wijzigen', 'sessionEdit'],
  ['/kennisbank/:id', 'knowledgeItem'],
  ['/kennisbank/:id/bewerken', 'knowledgeEdit'],
];

const view = () => null;
const mod = (name: string, ...pages: Omit<PageDecl, 'view' | 'needs'>[]): WebModule => ({
  name,
  capabilities: [],
  pages: pages.map((p) => ({ needs: null, view, ...p })),
});

describe('the web module registry', () => {
  it('finds every page at the path it had before, and no other', () => {
    const reg = registry();
    expect(Object.fromEntries(reg.fixed)).toEqual(FIXED_BEFORE);
    for (const [path, page] of Object.entries(FIXED_BEFORE)) expect(matchRoute(path), path).toEqual({ page });
    for (const [pattern, page] of WITH_ID_BEFORE) {
      expect(matchRoute(pattern.replace(':id', '12')), pattern).toEqual({ page, id: 12 });
      expect(matchRoute(pattern.replace(':id', '999999999999999')), pattern).toEqual({ page, id: 999999999999999 });
      expect(matchRoute(pattern.replace(':id', '1000000000000000')), pattern).toBeNull();
      expect(matchRoute(pattern.replace(':id', '012')), pattern).toBeNull();
    }
    expect(reg.withParam.map(([, page]) => page).sort()).toEqual(
      [...WITH_ID_BEFORE.map(([, p]) => p), 'report'].sort(),
    );
    expect(matchRoute('/jaarverslag/2042')).toEqual({ page: 'report', id: 2042 });
    expect(matchRoute('/casussen/12/')).toBeNull();
    expect(matchRoute('/vertel/wijkteam')).toBeNull(); // the public story point is outside the session
  });

  it('declares every page once, with a capability the server gives someone', () => {
    const known = new Set(Object.values(SERVER_SAYS).flat());
    const names = registry().pages.map((p) => p.page);
    expect(new Set(names).size).toBe(names.length);
    for (const decl of registry().pages) if (decl.needs !== null) expect(known, decl.page).toContain(decl.needs);
    expect(
      registry()
        .pages.filter((p) => p.needs === null)
        .map((p) => p.page),
    ).toEqual(expect.arrayContaining(['start', 'account']));
  });

  it('declares every capability the server gives, in exactly one module (scoped ones by prefix)', () => {
    const given = [...Object.values(table.roles), ...Object.values(table.scoped).filter(Array.isArray)].flat();
    const declared = Object.values(modules).flatMap((m) => [
      ...m.capabilities,
      ...(m.scoped ?? []).map((p) => `${p}:`),
    ]);
    expect(new Set(declared).size, 'declared twice').toBe(declared.length);
    for (const c of new Set(given)) expect(declared, c).toContain(c.includes(':') ? c.slice(0, c.indexOf(':') + 1) : c);
  });

  it('keeps the menu in its order', () => {
    expect(registry().nav.map((i) => i.path)).toEqual([
      '/',
      '/casussen',
      '/kassabonnen',
      '/verhalen',
      '/duidingssessies',
      '/best-practices',
      '/kennisbank',
      '/jaarverslag',
      '/beheer/teams',
      '/beheer/gebruikers',
      '/beheer/programmas',
      '/beheer/keuzelijsten',
      '/beheer/vertelpunt-lijsten',
      '/beheer/instellingen',
      '/beheer/audit',
    ]);
    const orders = registry()
      .pages.filter((p) => p.nav)
      .map((p) => p.nav!.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('counts the Vertelpunt pages, and only those', () => {
    const counted = registry()
      .pages.filter((p) => moduleOf(p.page))
      .map((p) => p.page)
      .sort();
    expect(counted).toEqual(
      [
        'stories',
        'storyNew',
        'story',
        'storyDashboard',
        'sessions',
        'sessionNew',
        'sessionEdit',
        'session',
        'bestPractices',
      ].sort(),
    );
  });

  it('refuses a page or a path declared twice, and parameters it does not know', () => {
    expect(() => buildRegistry([mod('a', { page: 'x', path: '/x' }), mod('b', { page: 'x', path: '/y' })])).toThrow(
      /page x/,
    );
    expect(() => buildRegistry([mod('a', { page: 'x', path: '/x' }, { page: 'y', path: ['/y', '/x'] })])).toThrow(
      /path \/x/,
    );
    expect(() => patternRegExp('/x/:slug')).toThrow(/:slug/);
  });

  it('reads paths with a parameter, and orders the menu by `order`, not by module', () => {
    expect(patternRegExp('/a.b/:id')!.source).toBe('^\\/a\\.b\\/([1-9]\\d{0,14})$');
    expect(patternRegExp('/a')).toBeNull();
    const reg = buildRegistry([
      mod('late', { page: 'late', path: '/z', nav: { label: 'nav.audit', order: 20 } }),
      mod('early', { page: 'early', path: ['/a', '/a/:year'], nav: { label: 'nav.start', order: 10 } }),
    ]);
    expect(reg.nav.map((i) => i.path)).toEqual(['/a', '/z']);
    expect(routeIn(reg, '/a/2100')).toEqual({ page: 'early', id: 2100 });
    expect(routeIn(reg, '/a/2101')).toBeNull();
  });
});
