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
  coach: 0, team_manager: 1, quality: 2, coordinator: 3, hr: 4, director: 5, funder: 6, admin: 7,
};
export function sortRoles(roles: readonly string[]): string[] {
  const rank = (r: string) => ORDER[coordinatorProgramme(r) !== null ? 'coordinator' : r] ?? 99;
  return [...roles].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Split "a, b c" into slugs; empty parts dropped, duplicates removed. */
export function parseProgrammes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export type Page = 'start' | 'teams' | 'users' | 'audit';

export interface NavItem {
  page: Page;
  path: string;
  label: MessageKey;
}

export const NAV: readonly NavItem[] = [
  { page: 'start', path: '/', label: 'nav.start' },
  { page: 'teams', path: '/beheer/teams', label: 'nav.teams' },
  { page: 'users', path: '/beheer/gebruikers', label: 'nav.users' },
  { page: 'audit', path: '/beheer/audit', label: 'nav.audit' },
];

const USER_READERS = new Set(['admin', 'hr', 'director', 'team_manager']);

/** May someone with these roles open the page? */
export function canSee(page: Page, roles: readonly string[]): boolean {
  switch (page) {
    case 'start':
      return true;
    case 'teams':
    case 'audit':
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
  return NAV.filter((item) => canSee(item.page, roles));
}
