// Which teams a user is offered where she picks one: the new case form's team and owner,
// and the team filters of the case list and the story list. The user's own teams are
// `me.teams` (GET /api/v1/me); the organisation's teams come from GET /api/v1/teams.
import type { Capable } from './roles';
import { can, scopesOf } from './roles';

interface TeamLike {
  id: number;
  name: string;
}

/** Teams with the user's own teams first (each group by name). */
export function ownTeamsFirst<T extends TeamLike>(teams: readonly T[], own: readonly { id: number }[]): T[] {
  const mine = new Set(own.map((t) => t.id));
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'nl');
  return [...teams.filter((t) => mine.has(t.id)).sort(byName), ...teams.filter((t) => !mine.has(t.id)).sort(byName)];
}

/** A user as these choices need her: what the server says she may do, and her own teams. */
interface TeamMember extends Capable {
  teams: readonly { id: number }[];
}

/**
 * The owner a new case starts with, as the form holds it (a user id as text; '' is no
 * owner): the user herself when the server says she owns the new cases of her own teams
 * (own_new_cases: a coach or team manager) and the chosen team is hers — what the server
 * does when `owner_id` is absent —, and before a team is chosen when she has a
 * team at all. Anyone else (a coordinator of another team's case) starts with no owner.
 */
export function defaultCaseOwner(user: TeamMember & { id: number }, teamId: string): string {
  if (!can(user, 'own_new_cases')) return '';
  if (!teamId) return user.teams.length ? String(user.id) : '';
  return user.teams.some((t) => String(t.id) === teamId) ? String(user.id) : '';
}

/**
 * The team a new case starts with: the only team to choose from, else the user's only
 * own team among the choices (a coach who also coordinates a programme is offered every
 * team); '' when there is more than one of her own or none.
 */
export function defaultCaseTeam(user: Pick<TeamMember, 'teams'>, choices: readonly { id: number }[]): string {
  if (choices.length === 1) return String(choices[0]!.id);
  const mine = choices.filter((c) => user.teams.some((t) => t.id === c.id));
  return mine.length === 1 ? String(mine[0]!.id) : '';
}

/** An option of a team filter; `own` marks the user's own teams (shown as a group when there are others). */
export interface TeamChoice {
  id: number;
  name: string;
  own: boolean;
}

/** Which list a team filter belongs to: the cases (read per team) or the stories (the whole organisation's). */
export type TeamFilterList = 'cases' | 'stories';

/**
 * May the user read the cases of teams that are not hers? Whoever reads all cases
 * (read_all_cases: quality staff, the director) or a programme's in every team
 * (read_cases_in_programme:<slug>: a coordinator); a coach or team manager only her own
 * teams' (GET /api/v1/cases returns nothing for another team).
 */
export function readsOtherTeamsCases(user: Capable): boolean {
  return can(user, 'read_all_cases') || scopesOf(user, 'read_cases_in_programme').length > 0;
}

/**
 * The choices of a list's team filter. Stories are the organisation's (every reader sees
 * every team's), so everyone is offered every team, her own first. Cases are read per
 * team: a coach or team manager is offered only her own teams; who reads further (quality,
 * director, coordinator) every team, her own first. A team asked for in the address that
 * is not among the choices is kept at the end, so the select says what the list shows.
 */
export function teamFilterChoices(
  user: Capable & { teams: readonly TeamLike[] },
  teams: readonly TeamLike[],
  list: TeamFilterList,
  chosen = '',
): TeamChoice[] {
  const mine = new Set(user.teams.map((t) => t.id));
  // The user's own teams by the organisation's names; one the list lacks by the name in `me`.
  const all = [...teams, ...user.teams.filter((m) => !teams.some((t) => t.id === m.id))];
  const offered = list === 'cases' && !readsOtherTeamsCases(user) ? all.filter((t) => mine.has(t.id)) : all;
  const out: TeamChoice[] = ownTeamsFirst(offered, user.teams).map((t) => ({
    id: t.id,
    name: t.name,
    own: mine.has(t.id),
  }));
  if (chosen && !out.some((t) => String(t.id) === chosen)) {
    const known = all.find((t) => String(t.id) === chosen);
    out.push({ id: Number(chosen), name: known?.name ?? `#${chosen}`, own: false });
  }
  return out;
}

/**
 * A team filter's choices as a select's options: under "Mijn teams" and "Andere teams"
 * when the user has teams of her own and others are offered too, else one plain list.
 */
export function teamOptions(
  choices: readonly { id: number; name: string; own?: boolean }[],
  groups: { own: string; others: string },
): { value: string; label: string; group?: string }[] {
  const split = choices.some((c) => c.own) && choices.some((c) => !c.own);
  return choices.map((c) =>
    split
      ? { value: String(c.id), label: c.name, group: c.own ? groups.own : groups.others }
      : { value: String(c.id), label: c.name },
  );
}
