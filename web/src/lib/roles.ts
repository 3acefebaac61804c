// Role names (docs/api.md, "Roles"), their Dutch/English labels, and what the UI shows
// to whom. The server enforces every rule; the UI only hides what is not allowed.
import type { MessageKey, Translate } from '../i18n';
import { registry, type NavItem, type Page } from './registry';

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

export type { Page, NavItem } from './registry';

/**
 * What the server says the user may do (GET /api/v1/me `capabilities`, computed by its
 * own access rules). The web app shows menus, pages and buttons by it; the server checks
 * every request again.
 */
export type Capability =
  | 'read_cases'
  | 'edit_cases'
  | 'read_stories'
  | 'share_stories'
  | 'see_story_stats'
  | 'moderate_stories'
  | 'export_stories'
  | 'read_sessions'
  | 'run_sessions'
  | 'read_knowledge'
  | 'write_knowledge'
  | 'review_knowledge'
  | 'read_report'
  | 'write_report'
  | 'see_module_views'
  | 'administer'
  | 'list_users'
  | 'read_audit'
  | `edit_list:${string}`;

/** Whoever carries the server's list: the signed-in user (Me). */
export interface Capable {
  capabilities: readonly string[];
}

export function can(user: Capable, capability: Capability): boolean {
  return user.capabilities.includes(capability);
}

/** May this user open the page? */
export function canSee(page: Page, user: Capable): boolean {
  const decl = registry().byName.get(page);
  return decl !== undefined && (decl.needs === null || can(user, decl.needs));
}

/** The navigation entries for this user, in menu order. */
export function navItems(user: Capable): NavItem[] {
  return registry().nav.filter((item) => canSee(item.page, user) && (!item.menu || item.menu(user)));
}

export function isCoordinator(role: string): boolean {
  return coordinatorProgramme(role) !== null && role.length > COORDINATOR_PREFIX.length;
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
 * (docs/openapi.json, PATCH /api/v1/cases/{id}); everyone else only reads. The server decides in the end.
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
