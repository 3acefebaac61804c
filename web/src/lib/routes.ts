// The app's pages by path. Most paths are fixed; a record carries its id in the path
// (`/casussen/12`, `/kassabonnen/3`, `/duidingssessies/4`, `/duidingssessies/4/wijzigen`,
// `/kennisbank/7`, `/kennisbank/7/bewerken`),
// the annual report its year (`/jaarverslag/2025`, 2000–2100 as the API allows).
import type { Page } from './roles';

export interface Route {
  page: Page;
  /** The record id in the path, for `case`, `summary`, `story`, `session`, `sessionEdit`, `knowledgeItem` and `knowledgeEdit`; the year for `report`. */
  id?: number;
}

/** The user's own page (details, password), linked from the header beside the user's name. */
export const ACCOUNT_PATH = '/mijn-account';

const FIXED: Record<string, Page> = {
  '/': 'start',
  [ACCOUNT_PATH]: 'account',
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

const WITH_ID: [RegExp, Page][] = [
  [/^\/casussen\/([1-9]\d{0,14})$/, 'case'],
  [/^\/kassabonnen\/([1-9]\d{0,14})$/, 'summary'],
  [/^\/verhalen\/([1-9]\d{0,14})$/, 'story'],
  [/^\/duidingssessies\/([1-9]\d{0,14})$/, 'session'],
  [/^\/duidingssessies\/([1-9]\d{0,14})\/wijzigen$/, 'sessionEdit'],
  [/^\/kennisbank\/([1-9]\d{0,14})$/, 'knowledgeItem'],
  [/^\/kennisbank\/([1-9]\d{0,14})\/bewerken$/, 'knowledgeEdit'],
  [/^\/jaarverslag\/(20\d\d|2100)$/, 'report'],
];

/** The page at `path` (no query string), or null when the app has no such page. */
export function matchRoute(path: string): Route | null {
  if (Object.prototype.hasOwnProperty.call(FIXED, path)) return { page: FIXED[path]! };
  for (const [re, page] of WITH_ID) {
    const m = re.exec(path);
    if (m) return { page, id: Number(m[1]) };
  }
  return null;
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
