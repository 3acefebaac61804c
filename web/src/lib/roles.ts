// Role names (docs/api.md, "Roles"), their Dutch/English labels, and what the UI shows
// to whom. The server enforces every rule; the UI only hides what is not allowed.
import type { MessageKey, Translate } from '../i18n';

export const BASE_ROLES = ['coach', 'team_manager', 'quality', 'hr', 'director', 'funder', 'admin'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];

export const COORDINATOR_PREFIX = 'coordinator:';
/** A programme slug as the API accepts it. */
export const PROGRAMME_SLUG = /^[a-z0-9_-]{1,40}$/;

export function isBaseRole(role: string): role is BaseRole {
  return (BASE_ROLES as readonly string[]).includes(role);
}

/** `coordinator:doorstroomwoningen` → `doorstroomwoningen`; null for other roles. */
export function coordinatorProgramme(role: string): string | null {
  return role.startsWith(COORDINATOR_PREFIX) ? role.slice(COORDINATOR_PREFIX.length) : null;
}

/** The role as people in the organisation call it, e.g. `team_manager` → Wijkteammanager. */
export function roleLabel(role: string, t: Translate): string {
  const programme = coordinatorProgramme(role);
  if (programme !== null) {
    return programme ? t('role.coordinator', { programme }) : t('role.coordinatorGeneric');
  }
  if (isBaseRole(role)) return t(`role.${role}` as MessageKey);
  return role; // a role this front end does not know yet: show it as it is
}

/** Labels in a stable order: the order of BASE_ROLES, coordinators after coach/manager/quality. */
export function roleLabels(roles: readonly string[], t: Translate): string[] {
  return sortRoles(roles).map((r) => roleLabel(r, t));
}

const ORDER: Record<string, number> = {
  coach: 0,
  team_manager: 1,
  quality: 2,
  coordinator: 3,
  hr: 4,
  director: 5,
  funder: 6,
  admin: 7,
};
export function sortRoles(roles: readonly string[]): string[] {
  const rank = (r: string) => ORDER[coordinatorProgramme(r) !== null ? 'coordinator' : r] ?? 99;
  return [...roles].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Split "a, b c" into slugs; empty parts dropped, duplicates removed. */
export function parseProgrammes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export type Page =
  | 'start'
  | 'account'
  | 'cases'
  | 'caseNew'
  | 'case'
  | 'receipts'
  | 'summary'
  | 'import'
  | 'report'
  | 'stories'
  | 'storyNew'
  | 'story'
  | 'storyDashboard'
  | 'sessions'
  | 'sessionNew'
  | 'sessionEdit'
  | 'session'
  | 'bestPractices'
  | 'knowledge'
  | 'knowledgeNew'
  | 'knowledgeItem'
  | 'knowledgeEdit'
  | 'knowledgeDue'
  | 'storyLists'
  | 'teams'
  | 'users'
  | 'programmes'
  | 'lists'
  | 'settings'
  | 'audit';

export interface NavItem {
  page: Page;
  path: string;
  label: MessageKey;
  /** In the menu only for these roles (default: everyone who may open the page). */
  menu?: (roles: readonly string[]) => boolean;
}

export const NAV: readonly NavItem[] = [
  { page: 'start', path: '/', label: 'nav.start' },
  { page: 'cases', path: '/casussen', label: 'nav.cases' },
  { page: 'receipts', path: '/kassabonnen', label: 'nav.receipts' },
  { page: 'stories', path: '/verhalen', label: 'nav.stories' },
  { page: 'sessions', path: '/duidingssessies', label: 'nav.sessions' },
  { page: 'bestPractices', path: '/best-practices', label: 'nav.bestPractices', menu: isQuality },
  { page: 'knowledge', path: '/kennisbank', label: 'nav.knowledge' },
  { page: 'report', path: '/jaarverslag', label: 'nav.report' },
  { page: 'teams', path: '/beheer/teams', label: 'nav.teams' },
  { page: 'users', path: '/beheer/gebruikers', label: 'nav.users' },
  { page: 'programmes', path: '/beheer/programmas', label: 'nav.programmes' },
  { page: 'lists', path: '/beheer/keuzelijsten', label: 'nav.lists' },
  // The admin edits the story lists on Keuzelijsten; quality staff get a page of their own.
  { page: 'storyLists', path: '/beheer/vertelpunt-lijsten', label: 'nav.storyLists', menu: isQuality },
  { page: 'settings', path: '/beheer/instellingen', label: 'nav.settings' },
  { page: 'audit', path: '/beheer/audit', label: 'nav.audit' },
];

const USER_READERS = new Set(['admin', 'hr', 'director', 'team_manager']);
/** Who may read cases and cost receipts (docs/api.md, "Access"): not hr, admin or funder. */
const CASE_READERS = new Set(['coach', 'team_manager', 'quality', 'director']);
/** Who may read the annual report (docs/api.md, "Annual report"); the funder sees the figures only. */
const REPORT_READERS = new Set(['director', 'quality', 'funder']);
/** Who writes the annual report's chapter texts. */
const REPORT_WRITERS = new Set(['director', 'quality']);

/** May someone with these roles read the annual report (Jaarverslag)? */
export function canReadReport(roles: readonly string[]): boolean {
  return roles.some((r) => REPORT_READERS.has(r));
}

/** May someone with these roles write the annual report's chapter texts? */
export function canWriteReport(roles: readonly string[]): boolean {
  return roles.some((r) => REPORT_WRITERS.has(r));
}

export function isCoordinator(role: string): boolean {
  return coordinatorProgramme(role) !== null && role.length > COORDINATOR_PREFIX.length;
}

/** May someone with these roles read cases and receipts (of some team or programme)? */
export function canReadCases(roles: readonly string[]): boolean {
  return roles.some((r) => CASE_READERS.has(r) || isCoordinator(r));
}

/** May someone with these roles edit cases at all (coach: own teams; coordinator: own programme)? */
export function mayEditSomeCases(roles: readonly string[]): boolean {
  return roles.includes('coach') || roles.some(isCoordinator);
}

/** The programme slugs this user coordinates. */
export function coordinatedSlugs(roles: readonly string[]): string[] {
  return roles.map(coordinatorProgramme).filter((p): p is string => !!p);
}

/** What the edit rule needs to know of a user: roles and teams (Me has both). */
export interface Editor {
  roles: readonly string[];
  teams: readonly { id: number }[];
}

/**
 * May this user edit a case in `teamId` and the programme with `programmeSlug`?
 * A coach edits the cases of their own teams, a coordinator those of their programme
 * (docs/api.md, "Access"); everyone else only reads. The server decides in the end.
 */
export function canEditCase(user: Editor, teamId: number | null, programmeSlug: string | null): boolean {
  if (teamId !== null && user.roles.includes('coach') && user.teams.some((t) => t.id === teamId)) return true;
  if (programmeSlug && coordinatedSlugs(user.roles).includes(programmeSlug)) return true;
  return false;
}

/**
 * The teams and programmes a user can pick from for a new case: a coach any active
 * programme with their own teams, a coordinator their own programme with any team.
 * `canEditCase` then decides whether the chosen pair is allowed.
 */
export function newCaseChoices<T extends { id: number }, P extends { slug: string; active: boolean }>(
  user: Editor,
  teams: readonly T[],
  programmes: readonly P[],
): { teams: T[]; programmes: P[] } {
  const coach = user.roles.includes('coach') && user.teams.length > 0;
  const slugs = coordinatedSlugs(user.roles);
  const mine = new Set(user.teams.map((t) => t.id));
  const active = programmes.filter((p) => p.active);
  return {
    teams:
      slugs.length && active.some((p) => slugs.includes(p.slug))
        ? [...teams]
        : coach
          ? teams.filter((t) => mine.has(t.id))
          : [],
    programmes: coach ? active : active.filter((p) => slugs.includes(p.slug)),
  };
}

/** Roles that never read stories (docs/api.md, "Vertelpunt"); the admin may only write one. */
const NOT_STORY_READERS = new Set(['funder', 'hr', 'admin']);
const NOT_STORY_WRITERS = new Set(['funder', 'hr']);
/** Who sees the stories dashboard (team managers: their own teams). */
const STORY_STATS = new Set(['quality', 'director', 'team_manager']);

/** May someone with these roles read stories (Vertelpunt)? Every role but funder, hr and admin. */
export function canReadStories(roles: readonly string[]): boolean {
  return roles.some((r) => !NOT_STORY_READERS.has(r));
}

/** May someone with these roles share a story as staff? Every role but funder and hr. */
export function canWriteStories(roles: readonly string[]): boolean {
  return roles.some((r) => !NOT_STORY_WRITERS.has(r));
}

/** May someone with these roles see the stories dashboard? */
export function canSeeStoryStats(roles: readonly string[]): boolean {
  return roles.some((r) => STORY_STATS.has(r));
}

/**
 * Quality staff see the whole organisation's figures, moderate public stories, run
 * sense-making sessions, make best practices and edit the story lists.
 */
export function isQuality(roles: readonly string[]): boolean {
  return roles.includes('quality');
}

/** May someone with these roles export stories and see how often the Vertelpunt was opened? */
export function canExportStories(roles: readonly string[]): boolean {
  return roles.includes('quality') || roles.includes('director');
}

/** May someone with these roles read the knowledge base (Kennisbank)? Every role but the funder. */
export function canReadKnowledge(roles: readonly string[]): boolean {
  return roles.some((r) => r !== 'funder');
}

/**
 * May someone with these roles write knowledge-base items? Quality staff always;
 * coaches where the organisation allows it (`knowledge_coach_authors` in
 * `GET /api/v1/organisation/settings`; false when unknown).
 */
export function canWriteKnowledge(roles: readonly string[], coachAuthors: boolean): boolean {
  return roles.includes('quality') || (coachAuthors && roles.includes('coach'));
}

/** May someone with these roles open the page? */
export function canSee(page: Page, roles: readonly string[]): boolean {
  switch (page) {
    case 'start':
    case 'account':
      return true;
    case 'cases':
    case 'case':
    case 'receipts':
    case 'summary':
      return canReadCases(roles);
    case 'caseNew':
    case 'import':
      return mayEditSomeCases(roles);
    case 'report':
      return canReadReport(roles);
    case 'stories':
    case 'story':
      return canReadStories(roles);
    case 'storyNew':
      return canWriteStories(roles);
    case 'storyDashboard':
      return canSeeStoryStats(roles);
    case 'sessions':
    case 'session':
    case 'bestPractices':
      return canReadStories(roles);
    case 'sessionNew':
    case 'sessionEdit':
      return isQuality(roles);
    case 'knowledge':
    case 'knowledgeItem':
    case 'knowledgeEdit':
    case 'knowledgeDue':
      return canReadKnowledge(roles);
    case 'knowledgeNew':
      // Coaches only where the organisation allows it: the page itself asks the server.
      return canWriteKnowledge(roles, true);
    case 'storyLists':
      return isQuality(roles) || roles.includes('admin');
    case 'teams':
    case 'audit':
    case 'programmes':
    case 'lists':
    case 'settings':
      return roles.includes('admin');
    case 'users':
      return roles.some((r) => USER_READERS.has(r));
  }
}

/** May someone with these roles change users and teams? Only the functional administrator. */
export function canManage(roles: readonly string[]): boolean {
  return roles.includes('admin');
}

/** The navigation entries for these roles, in menu order. */
export function navItems(roles: readonly string[]): NavItem[] {
  return NAV.filter((item) => canSee(item.page, roles) && (!item.menu || item.menu(roles)));
}
