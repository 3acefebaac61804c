// For the tests: the capabilities the server gives each role, from the one table that the
// API test pins against the real server (capabilities.fixture.json, tests/api/session.test.mjs).
import table from './capabilities.fixture.json';
import { coordinatorProgramme } from './roles';

const base = (role: string) => (coordinatorProgramme(role) !== null ? 'coordinator' : role);

/** Per role (a coordinator of any programme as `coordinator`), what GET /api/v1/me answers. */
export const SERVER_SAYS: Record<string, string[]> = Object.fromEntries(
  Object.entries(table.roles).map(([role, caps]) => [base(role), caps]),
);

/** Per role, where it reads and edits cases: `:T` stands for each own team's id, `:P` for the coordinated programme's slug. */
const SCOPED: Record<string, string[] | undefined> = Object.fromEntries(
  Object.entries(table.scoped).filter((e): e is [string, string[]] => Array.isArray(e[1])), // not its $comment
);

/** What a user with these roles gets, in these teams of hers (a coordinator's programme is in her role). */
function capabilitiesOf(roles: readonly string[], teamIds: readonly number[]): string[] {
  const where = (role: string) =>
    (SCOPED[base(role)] ?? []).flatMap((c) => {
      if (c.endsWith(':T')) return teamIds.map((id) => c.replace(/:T$/, `:${id}`));
      const programme = coordinatorProgramme(role);
      if (c.endsWith(':P')) return programme ? [c.replace(/:P$/, `:${programme}`)] : [];
      return [c];
    });
  return [...new Set(roles.flatMap((r) => [...(SERVER_SAYS[base(r)] ?? []), ...where(r)]))];
}

export interface TestUser {
  capabilities: string[];
  /** The same user as a member of these teams: with the server's per-team capabilities. */
  inTeams(...teamIds: number[]): { capabilities: string[] };
}

/**
 * A user with these roles, as the web app sees it: the union of the roles' capabilities
 * (a coordinator's with those of her existing programme); `.inTeams(…)` adds her teams'.
 */
export const as = (...roles: string[]): TestUser => ({
  capabilities: capabilitiesOf(roles, []),
  inTeams: (...teamIds: number[]) => ({ capabilities: capabilitiesOf(roles, teamIds) }),
});
