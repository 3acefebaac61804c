// For the tests: the capabilities the server gives each role, from the one table that the
// API test pins against the real server (capabilities.fixture.json, tests/api/session.test.mjs).
import table from './capabilities.fixture.json';

/** Per role (a coordinator of any programme as `coordinator`), what GET /api/v1/me answers. */
export const SERVER_SAYS: Record<string, string[]> = Object.fromEntries(
  Object.entries(table.roles).map(([role, caps]) => [role.startsWith('coordinator:') ? 'coordinator' : role, caps]),
);

/** A user with these roles, as the web app sees it: the union of the roles' capabilities. */
export const as = (...roles: string[]) => ({
  capabilities: [...new Set(roles.flatMap((r) => SERVER_SAYS[r.startsWith('coordinator:') ? 'coordinator' : r] ?? []))],
});
