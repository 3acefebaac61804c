// Role names (docs/api.md, "Roles"), their Dutch/English labels, and what the UI shows
// to whom. The server enforces every rule; the UI only hides what is not allowed.
import type { MessageKey, Translate } from '../i18n';
import type * as modules from '../modules';
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
  { [M in keyof Modules]: Modules[M]['capabilities'][number] }[keyof Modules] | `${ScopedPrefix}:${string}`;

/** The modules of src/modules.ts (types only: a value import would be a cycle, lib/registry.ts). */
type Modules = typeof modules;
/** The prefixes of the scoped names (`edit_list` of `edit_list:<list>`), by module. */
type ScopedPrefix = { [M in keyof Modules]: NonNullable<Modules[M]['scoped']>[number] }[keyof Modules];

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

/** Where a user reads or edits cases: per team (by id) and per programme (by slug). */
export type CaseScope = NonNullable<Modules['cases']['scoped']>[number];

/** The teams (ids as text) or programmes (slugs) the server names after `scope:` in the user's list. */
export function scopesOf(user: Capable, scope: CaseScope): string[] {
  const prefix = `${scope}:`;
  return user.capabilities.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length));
}

/**
 * May this user edit a case in `teamId` and the programme with `programmeSlug`? The
 * server says where (edit_cases_in_team:<id>, edit_cases_in_programme:<slug>: a coach her
 * own teams, a coordinator her programme; docs/openapi.json, PATCH /api/v1/cases/{id});
 * everyone else only reads. The server decides in the end.
 */
export function canEditCase(user: Capable, teamId: number | null, programmeSlug: string | null): boolean {
  if (teamId !== null && can(user, `edit_cases_in_team:${teamId}`)) return true;
  return !!programmeSlug && can(user, `edit_cases_in_programme:${programmeSlug}`);
}

/**
 * The teams and programmes a user can pick from for a new case: whoever edits in teams
 * (a coach) any active programme with those teams, whoever edits in a programme (a
 * coordinator) that programme with any team. `canEditCase` then decides whether the
 * chosen pair is allowed.
 */
export function newCaseChoices<T extends { id: number }, P extends { slug: string; active: boolean }>(
  user: Capable,
  teams: readonly T[],
  programmes: readonly P[],
): { teams: T[]; programmes: P[] } {
  const inTeams = new Set(scopesOf(user, 'edit_cases_in_team'));
  const slugs = scopesOf(user, 'edit_cases_in_programme');
  const active = programmes.filter((p) => p.active);
  return {
    teams: active.some((p) => slugs.includes(p.slug)) ? [...teams] : teams.filter((t) => inTeams.has(String(t.id))),
    programmes: inTeams.size ? active : active.filter((p) => slugs.includes(p.slug)),
  };
}
