// The web module registry: every module declares its pages in its own
// `pages/<m>/module.tsx` (path, page, who may see it, menu entry, counted view), and
// `src/modules.ts` lists the modules, one line each. Routing (lib/routes.ts), the menu
// and page access (lib/roles.ts), the view count (lib/views.ts) and the app (app.tsx)
// read the tables below; none keeps a list of pages of its own.
// src/modules.ts is handed to the registry once (registerModules, in app.tsx).
import type { ComponentType } from 'preact';
import type { MessageKey } from '../i18n';
import type { Me } from './api';
import type { Capable, Capability } from './roles';

/** A page's name, as a module declares it (`cases`, `storyNew`, …). */
export type Page = string;

/**
 * A path as a module writes it: fixed (`/casussen/nieuw`), or with one parameter that
 * the page receives as `id` — `:id` a record id (1 to 15 digits, no leading zero),
 * `:year` a year of the annual report (2000–2100, as the API allows).
 */
export type PathPattern = string;

const PARAMS: Record<string, string> = {
  id: '[1-9]\\d{0,14}',
  year: '20\\d\\d|2100',
};

/** What every page is given. */
export interface PageProps {
  me: Me;
  /** The path's parameter (`:id`, `:year`), if it has one. */
  id?: number | undefined;
}

/** One page of a module. */
export interface PageDecl {
  page: Page;
  /** Where it is; a page with more than one address (`/jaarverslag`, `/jaarverslag/:year`) lists them all, the menu's first. */
  path: PathPattern | readonly PathPattern[];
  /** The capability (GET /api/v1/me `capabilities`) it needs; null: everyone signed in. */
  needs: Capability | null;
  /** The page itself (a component; `id` is the path's parameter, if it has one). */
  view: ComponentType<PageProps>;
  /** Its entry in the main menu, if it has one: the label and the place (lower first). */
  nav?: {
    label: MessageKey;
    order: number;
    /** In the menu only when this holds too (default: everyone who may open the page). */
    menu?: (user: Capable) => boolean;
  };
  /** The module name sent to POST /api/v1/module-views when the page opens, if it is counted. */
  counted?: string;
}

/**
 * A module's pages (its `pages/<m>/module.tsx`), and the capability names it brings: those
 * its server module computes (GET /api/v1/me `capabilities`). The module writes them in a
 * `[…] as const` of its own and names its type here (`WebModule<typeof capabilities>`);
 * lib/roles.ts's `Capability` is the union of every listed module's, so `can(me, …)` and
 * `needs` take no other name. A module that brings none writes `capabilities: []`.
 */
export interface WebModule<C extends readonly string[] = readonly [], S extends readonly string[] = readonly []> {
  name: string;
  capabilities: C;
  /** The prefixes of its scoped names (`edit_list` for `edit_list:<list>`, any text after the colon). */
  scoped?: S;
  pages: readonly PageDecl[];
}

/** Any module, whatever names it brings. */
export type AnyWebModule = WebModule<readonly string[], readonly string[]>;

/** A menu entry: the page, where it is and its label. */
export interface NavItem {
  page: Page;
  path: string;
  label: MessageKey;
  /** In the menu only when this holds too (default: everyone who may open the page). */
  menu?: (user: Capable) => boolean;
}

/** The page a path leads to, and the path's parameter. */
export interface Route {
  page: Page;
  /** The record id in the path (`/casussen/12`), or the year for the annual report. */
  id?: number;
}

export interface Registry {
  pages: readonly PageDecl[];
  byName: ReadonlyMap<Page, PageDecl>;
  fixed: ReadonlyMap<string, Page>;
  withParam: readonly (readonly [RegExp, Page])[];
  nav: readonly NavItem[];
}

function pathsOf(decl: PageDecl): readonly string[] {
  return typeof decl.path === 'string' ? [decl.path] : decl.path;
}

/** `/casussen/:id` → /^\/casussen\/([1-9]\d{0,14})$/; null for a fixed path. */
export function patternRegExp(path: PathPattern): RegExp | null {
  if (!path.includes(':')) return null;
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const param = PARAMS[part.slice(1)];
      if (!param) throw new Error(`unknown path parameter ${part} in ${path}`);
      return `(${param})`;
    })
    .join('\\/');
  return new RegExp(`^${source}$`);
}

/** The tables for a list of modules (the app's: `registry()`). Throws on a page or path declared twice. */
export function buildRegistry(modules: readonly AnyWebModule[]): Registry {
  const pages = modules.flatMap((m) => m.pages);
  const byName = new Map<Page, PageDecl>();
  const fixed = new Map<string, Page>();
  const withParam: [RegExp, Page][] = [];
  const seen = new Set<string>();
  for (const decl of pages) {
    if (byName.has(decl.page)) throw new Error(`page ${decl.page} declared twice`);
    byName.set(decl.page, decl);
    for (const path of pathsOf(decl)) {
      if (seen.has(path)) throw new Error(`path ${path} declared twice`);
      seen.add(path);
      const re = patternRegExp(path);
      if (re) withParam.push([re, decl.page]);
      else fixed.set(path, decl.page);
    }
  }
  const nav = pages
    .filter((d) => d.nav)
    .sort((a, b) => a.nav!.order - b.nav!.order)
    .map((d): NavItem => {
      const item: NavItem = { page: d.page, path: pathsOf(d)[0]!, label: d.nav!.label };
      if (d.nav!.menu) item.menu = d.nav!.menu;
      return item;
    });
  return { pages, byName, fixed, withParam, nav };
}

let modules: readonly AnyWebModule[] = [];
let built: Registry | null = null;

/**
 * Gives the registry the app's modules (`src/modules.ts`): app.tsx does, before the first
 * page is drawn, and the unit tests' set-up. The registry does not import them itself:
 * the pages import the libraries that read it, and a cycle would run a page's module
 * before the libraries it uses.
 */
export function registerModules(list: readonly AnyWebModule[]): void {
  modules = list;
  built = null;
}

/** The app's registry (built on first use). */
export function registry(): Registry {
  built ??= buildRegistry(modules);
  return built;
}

/** The page at `path` (no query string) in `reg`, or null when there is none. */
export function routeIn(reg: Registry, path: string): Route | null {
  const page = reg.fixed.get(path);
  if (page !== undefined) return { page };
  for (const [re, p] of reg.withParam) {
    const m = re.exec(path);
    if (m) return { page: p, id: Number(m[1]) };
  }
  return null;
}
