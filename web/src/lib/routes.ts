// The app's pages by path, as the modules declare them (lib/registry.ts). Most paths are
// fixed; a record carries its id in the path (`/casussen/12`, `/duidingssessies/4/wijzigen`),
// the annual report its year (`/jaarverslag/2025`, 2000–2100 as the API allows).
import { registry, routeIn, type Route } from './registry';

export type { Route };
export { ACCOUNT_PATH } from '../pages/account/module';

/** The page at `path` (no query string), or null when the app has no such page. */
export function matchRoute(path: string): Route | null {
  return routeIn(registry(), path);
}

/**
 * Where to go after log-in, from `?terug=`: only a page of this app (with its query
 * string), never another site; the start page otherwise.
 */
export function safeReturnPath(search: string): string {
  const back = new URLSearchParams(search).get('terug');
  if (!back || !back.startsWith('/') || back.startsWith('//') || back.includes('\\')) return '/';
  const q = back.indexOf('?');
  const path = q >= 0 ? back.slice(0, q) : back;
  return matchRoute(path) ? back : '/';
}

/** The public story form `/vertel/{org}` (no log-in): the organisation's slug, or null. */
export function publicStoryOrg(path: string): string | null {
  const m = /^\/vertel\/([a-z0-9_-]{1,40})$/.exec(path);
  return m ? m[1]! : null;
}
