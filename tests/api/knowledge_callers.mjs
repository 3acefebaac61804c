// The callers of the Kennisbank's access matrices (knowledge_access.test.mjs,
// knowledge_review_access.test.mjs): one per role of the demo organisation `smd`,
// orgb's quality user, coach and admin, and a caller without a session; plus a second
// quality user per organisation (`author`) who writes the targets, so the matrix's
// quality callers are never the author of what they publish.
import { addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG, expectStatus } from './harness.mjs';

// key → organisation, roles, team (A of smd; OB of orgb)
export const CALLERS = {
  admin: { org: 'smd', roles: ['admin'] },
  coach: { org: 'smd', roles: ['coach'], team: 'A' },
  tm: { org: 'smd', roles: ['team_manager'], team: 'A' },
  quality: { org: 'smd', roles: ['quality'] },
  director: { org: 'smd', roles: ['director'] },
  funder: { org: 'smd', roles: ['funder'] },
  hr: { org: 'smd', roles: ['hr'] },
  obQuality: { org: 'orgb', roles: ['quality'] },
  obCoach: { org: 'orgb', roles: ['coach'], team: 'OB' },
  obAdmin: { org: 'orgb', roles: ['admin'] },
  anon: { org: null, roles: [] },
};
export const KEYS = Object.keys(CALLERS);

/**
 * Makes and signs in every caller on `server` (e-mail addresses start with `prefix`, so
 * two matrices never share a user) and creates orgb. Fills `clients` and `ids` by caller
 * key (ids also `author`) and `authors` by organisation (smd, orgb).
 */
export async function signInCallers(server, prefix, clients, ids, authors) {
  const db = server.databaseUrl;
  addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-admin@example.org`, name: 'Matrix admin', roles: ['admin'] });
  clients.admin = await new Client(server).loginOk(`${prefix}-admin@example.org`);
  ids.admin = clients.admin.me.id;
  const teamA = expectStatus(await clients.admin.get('/api/v1/teams'), 200).items.find((t) => t.name === 'Wijkteam Centrum');
  for (const key of KEYS.filter((k) => CALLERS[k].org === 'smd' && k !== 'admin')) {
    const c = CALLERS[key];
    ids[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-${key.toLowerCase()}@example.org`, name: `Matrix ${key}`, roles: c.roles, teams: c.team ? [teamA.name] : [] });
    clients[key] = await new Client(server).loginOk(`${prefix}-${key.toLowerCase()}@example.org`);
  }
  ids.author = addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-author@example.org`, name: 'Matrix auteur', roles: ['quality'] });
  authors.smd = await new Client(server).loginOk(`${prefix}-author@example.org`);
  clients.anon = new Client(server);

  addOrg(db, { name: 'Org B', slug: 'orgb' });
  addUser(db, { org: 'orgb', email: `${prefix}-b-admin@orgb.example`, name: 'Org B admin', roles: ['admin'] });
  clients.obAdmin = await new Client(server).loginOk(`${prefix}-b-admin@orgb.example`);
  ids.obAdmin = clients.obAdmin.me.id;
  const district = expectStatus(await clients.obAdmin.post('/api/v1/districts', { name: 'Centrum' }), 201);
  const teamOB = expectStatus(await clients.obAdmin.post('/api/v1/teams', { name: teamA.name, district_id: district.id }), 201);
  for (const [key, roles, teamIds] of [['obCoach', ['coach'], [teamOB.id]], ['obQuality', ['quality'], []], ['obAuthor', ['quality'], []]]) {
    ids[key] = expectStatus(await clients.obAdmin.post('/api/v1/users', { email: `${prefix}-${key.toLowerCase()}@orgb.example`, name: `Org B ${key}`, password: PASSWORD, roles, team_ids: teamIds }), 201).id;
    const client = await new Client(server).loginOk(`${prefix}-${key.toLowerCase()}@orgb.example`);
    if (key === 'obAuthor') authors.orgb = client;
    else clients[key] = client;
  }
}
