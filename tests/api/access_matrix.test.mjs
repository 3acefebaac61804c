// THE access matrix: every endpoint × role × target, as data.
//
// Two organisations: the demo organisation `smd` and `orgb` (created with the CLI, with
// its own admin, district, team and user made through the API). In smd there is one
// user per role, a coach and a team manager in team A, a coach in team B, and a user
// with two roles. Targets are records of the caller's own team, of another team, of
// the other organisation, the caller themselves, and an id that does not exist.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG,
  expectStatus, show,
} from './harness.mjs';

const MISSING_ID = 987654321;

// Callers in smd: key → roles and team ('A', 'B' or none).
const CALLERS = {
  admin: { roles: ['admin'] },
  coach: { roles: ['coach'], team: 'A' },
  team_manager: { roles: ['team_manager'], team: 'A' },
  quality: { roles: ['quality'] },
  coordinator: { roles: ['coordinator:doorstroomwoningen'] },
  hr: { roles: ['hr'] },
  director: { roles: ['director'] },
  funder: { roles: ['funder'] },
  coachB: { roles: ['coach'], team: 'B' },
  coachHr: { roles: ['coach', 'hr'], team: 'B' },
};
const KEYS = Object.keys(CALLERS);

/** Expectation map: `yes` for the listed callers, `no` for everyone else. */
function only(list, yes, no = 403) {
  return Object.fromEntries(KEYS.map((k) => [k, list.includes(k) ? yes : no]));
}
const ALL = (status) => only(KEYS, status);
const NOT_FUNDER = KEYS.filter((k) => k !== 'funder');
const USER_READERS = ['admin', 'hr', 'director', 'coachHr']; // see every user of the organisation
const ANY_DENIAL = [403, 404]; // must also equal the answer for an id that does not exist

describe('access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {}; // key → logged-in Client
  const ids = {}; // user ids by key
  let teamA;
  let teamB;
  let smdDistrict;
  let orgb; // {admin: Client, district, team, userId}
  let n = 0;
  const marker = (key) => `HACK-${key}-${++n}`; // names sent by callers who must be refused

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    // The smd admin first, to read the demo teams.
    ids.admin = addUser(db, { org: DEMO_ORG_SLUG, email: 'm-admin@example.org', name: 'Matrix admin', roles: ['admin'] });
    clients.admin = await new Client(server).loginOk('m-admin@example.org');
    const teams = expectStatus(await clients.admin.get('/api/v1/teams'), 200).items
      .filter((t) => t.name.startsWith('Wijkteam ')).sort((a, b) => a.id - b.id);
    [teamA, teamB] = teams;
    smdDistrict = expectStatus(await clients.admin.get('/api/v1/districts'), 200).items[0];

    // The second organisation, with an admin made by the CLI.
    const org = addOrg(db, { name: 'Org B', slug: 'orgb' });
    assert.equal(org.slug, 'orgb');
    addUser(db, { org: 'orgb', email: 'b-admin@orgb.example', name: 'Org B admin', roles: ['admin'] });

    for (const key of KEYS.filter((k) => k !== 'admin')) {
      const c = CALLERS[key];
      const team = c.team === 'A' ? teamA : c.team === 'B' ? teamB : null;
      ids[key] = addUser(db, {
        org: DEMO_ORG_SLUG, email: `m-${key.toLowerCase()}@example.org`, name: `Matrix ${key}`,
        roles: c.roles, teams: team ? [team.name] : [],
      });
    }
    // Target-only users: one more member of team A and one of team B.
    ids.memberA = addUser(db, { org: DEMO_ORG_SLUG, email: 'm-member-a@example.org', name: 'Lid A', roles: ['coach'], teams: [teamA.name] });
    ids.memberB = addUser(db, { org: DEMO_ORG_SLUG, email: 'm-member-b@example.org', name: 'Lid B', roles: ['coach'], teams: [teamB.name] });

    for (const key of KEYS.filter((k) => k !== 'admin')) {
      clients[key] = await new Client(server).loginOk(`m-${key.toLowerCase()}@example.org`);
    }

    // Org B builds its own district, team (with the same name as smd's team A: names
    // are unique per organisation only) and user through the API.
    const ob = await new Client(server).loginOk('b-admin@orgb.example');
    const me = expectStatus(await ob.get('/api/v1/me'), 200);
    assert.equal(me.organisation.slug, 'orgb');
    const district = expectStatus(await ob.post('/api/v1/districts', { name: smdDistrict.name }), 201, 'orgb district');
    const team = expectStatus(await ob.post('/api/v1/teams', { name: teamA.name, district_id: district.id }), 201,
      'orgb team with the same name as an smd team');
    const user = expectStatus(await ob.post('/api/v1/users', {
      email: 'b-coach@orgb.example', name: 'Org B coach', password: PASSWORD, roles: ['coach'], team_ids: [team.id],
    }), 201, 'orgb user');
    orgb = { admin: ob, adminId: me.id, district, team, userId: user.id };
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ the matrix
  // Each row: an endpoint, a target, the request to make (given the caller's key), and
  // the expected status per caller. A number, or an array of acceptable numbers.
  const userTarget = {
    self: (key) => ids[key],
    memberA: () => ids.memberA,
    memberB: () => ids.memberB,
    otherOrg: () => orgb.userId,
    missing: () => MISSING_ID,
  };
  const teamTarget = {
    teamA: () => teamA.id,
    teamB: () => teamB.id,
    otherOrg: () => orgb.team.id,
    missing: () => MISSING_ID,
  };

  const rows = [
    { ep: 'GET /api/v1/me', target: '-', req: () => ['GET', '/api/v1/me'], expect: ALL(200) },
    { ep: 'GET /api/v1/districts', target: '-', req: () => ['GET', '/api/v1/districts'], expect: only(NOT_FUNDER, 200) },
    { ep: 'POST /api/v1/districts', target: '-', req: (k) => ['POST', '/api/v1/districts', { name: k === 'admin' ? `OK-district-${++n}` : marker(k) }], expect: only(['admin'], 201) },
    { ep: 'GET /api/v1/teams', target: '-', req: () => ['GET', '/api/v1/teams'], expect: only(NOT_FUNDER, 200) },
    {
      ep: 'POST /api/v1/teams', target: 'own district',
      req: (k) => ['POST', '/api/v1/teams', { name: k === 'admin' ? `OK-team-${++n}` : marker(k), district_id: smdDistrict.id }],
      expect: only(['admin'], 201),
    },
    {
      ep: 'POST /api/v1/teams', target: 'district of other org',
      req: (k) => ['POST', '/api/v1/teams', { name: marker(k), district_id: orgb.district.id }],
      expect: only(['admin'], 422),
    },
    ...Object.entries(teamTarget).map(([target, id]) => ({
      ep: 'PATCH /api/v1/teams/{id}', target,
      req: (k) => ['PATCH', `/api/v1/teams/${id(k)}`, k === 'admin' ? { neighbourhoods: ['WK015301'] } : { name: marker(k) }],
      expect: only(['admin'], target === 'teamA' || target === 'teamB' ? 200 : 404),
    })),
    {
      ep: 'GET /api/v1/users', target: '-', req: () => ['GET', '/api/v1/users'],
      expect: only([...USER_READERS, 'team_manager'], 200),
    },
    { ep: 'GET /api/v1/users/{id}', target: 'self', req: (k) => ['GET', `/api/v1/users/${userTarget.self(k)}`], expect: ALL(200) },
    { ep: 'GET /api/v1/users/{id}', target: 'memberA', req: () => ['GET', `/api/v1/users/${ids.memberA}`], expect: only([...USER_READERS, 'team_manager'], 200) },
    { ep: 'GET /api/v1/users/{id}', target: 'memberB', req: () => ['GET', `/api/v1/users/${ids.memberB}`], expect: only(USER_READERS, 200) },
    ...['otherOrg', 'missing'].map((target) => ({
      ep: 'GET /api/v1/users/{id}', target,
      req: (k) => ['GET', `/api/v1/users/${userTarget[target](k)}`],
      expect: only([...USER_READERS, 'team_manager'], 404, ANY_DENIAL),
    })),
    {
      ep: 'POST /api/v1/users', target: 'own team',
      req: (k) => ['POST', '/api/v1/users', {
        email: `new-${k.toLowerCase()}-${++n}@example.org`, name: k === 'admin' ? 'OK user' : marker(k),
        password: PASSWORD, roles: ['admin'], team_ids: [teamA.id],
      }],
      expect: only(['admin'], 201),
    },
    {
      ep: 'POST /api/v1/users', target: 'team of other org',
      req: (k) => ['POST', '/api/v1/users', {
        email: `cross-${k.toLowerCase()}-${++n}@example.org`, name: marker(k), password: PASSWORD, roles: ['coach'], team_ids: [orgb.team.id],
      }],
      expect: only(['admin'], 422),
    },
    ...Object.entries(userTarget).map(([target, id]) => ({
      ep: 'PATCH /api/v1/users/{id}', target,
      req: (k) => ['PATCH', `/api/v1/users/${id(k)}`, k === 'admin' ? { name: target === 'self' ? 'Matrix admin' : 'Lid' } : { name: marker(k), roles: ['admin'] }],
      expect: only(['admin'], target === 'otherOrg' || target === 'missing' ? 404 : 200),
    })),
    {
      ep: 'PATCH /api/v1/users/{id}', target: 'add team of other org',
      req: (k) => ['PATCH', `/api/v1/users/${ids.memberA}`, { team_ids: [orgb.team.id] }],
      expect: only(['admin'], 422),
    },
    { ep: 'GET /api/v1/audit', target: '-', req: () => ['GET', '/api/v1/audit'], expect: only(['admin'], 200) },
    { ep: 'GET /api/v1/audit', target: 'entity filter', req: () => ['GET', `/api/v1/audit?entity=user&entity_id=${ids.memberA}`], expect: only(['admin'], 200) },
  ];

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = [];
      const answers = {};
      for (const key of KEYS) {
        const [method, p, body] = row.req(key);
        const r = await clients[key].request(method, p, body);
        answers[key] = r;
        const want = row.expect[key];
        const ok = Array.isArray(want) ? want.includes(r.status) : r.status === want;
        if (!ok) failures.push(`${row.ep} as ${key} (${CALLERS[key].roles.join('+')}) on ${row.target}: expected ${want}, got ${show(r)}`);
        else if (r.status >= 400) {
          if (!/^application\/problem\+json/.test(r.contentType)) failures.push(`${row.ep} as ${key}: ${r.status} is not problem+json: ${show(r)}`);
          const type = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 422: 'validation' }[r.status];
          if (type && r.json?.type !== `urn:wijkkader:problem:${type}`) failures.push(`${row.ep} as ${key}: type should be ${type}: ${show(r)}`);
        }
      }
      // A record of another organisation must look exactly like one that does not exist.
      if (row.target === 'otherOrg') {
        for (const key of KEYS) {
          const [method, p, body] = row.req(key);
          const missing = await clients[key].request(method, p.replace(/\/\d+$/, `/${MISSING_ID}`), body);
          const a = answers[key];
          if (a.status !== missing.status || a.json?.type !== missing.json?.type || a.json?.title !== missing.json?.title) {
            failures.push(`${row.ep} as ${key}: other organisation's record (${a.status} ${a.json?.type}) must look like a missing one (${missing.status} ${missing.json?.type})`);
          }
        }
      }
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  // ------------------------------------------------------------------ visibility of lists

  it('GET /users shows all of the organisation to admin, hr, director (and coach+hr), only the own teams to a team manager', async () => {
    const all = expectStatus(await clients.admin.get('/api/v1/users'), 200).items;
    const allIds = all.map((u) => u.id).sort((a, b) => a - b);
    assert.ok(!allIds.includes(orgb.userId) && !allIds.includes(orgb.adminId), 'no user of the other organisation');
    for (const key of ['hr', 'director', 'coachHr']) {
      const r = await clients[key].get('/api/v1/users');
      const got = expectStatus(r, 200, `GET /users as ${key}`).items.map((u) => u.id).sort((a, b) => a - b);
      assert.deepEqual(got, allIds, `GET /users as ${key} should list every user of smd`);
    }
    const tm = expectStatus(await clients.team_manager.get('/api/v1/users'), 200, 'GET /users as team_manager').items;
    const expected = all.filter((u) => u.teams.some((t) => t.id === teamA.id)).map((u) => u.id).sort((a, b) => a - b);
    assert.deepEqual(tm.map((u) => u.id).sort((a, b) => a - b), expected, 'a team manager sees exactly the users of their teams');
    assert.ok(expected.includes(ids.memberA) && expected.includes(ids.coach) && !expected.includes(ids.memberB));
  });

  it('lists of teams and districts never show the other organisation', async () => {
    for (const key of NOT_FUNDER) {
      const teams = expectStatus(await clients[key].get('/api/v1/teams'), 200, `teams as ${key}`).items;
      assert.ok(!teams.some((t) => t.id === orgb.team.id), `GET /teams as ${key} shows orgb's team`);
      assert.ok(teams.some((t) => t.id === teamA.id) && teams.some((t) => t.id === teamB.id), `GET /teams as ${key} shows all smd teams (not only their own)`);
      const districts = expectStatus(await clients[key].get('/api/v1/districts'), 200, `districts as ${key}`).items;
      assert.ok(!districts.some((d) => d.id === orgb.district.id), `GET /districts as ${key} shows orgb's district`);
    }
    const obTeams = expectStatus(await orgb.admin.get('/api/v1/teams'), 200).items;
    assert.deepEqual(obTeams.map((t) => t.id), [orgb.team.id], 'orgb sees only its own team');
    assert.equal(obTeams[0].member_count, 1);
    const obDistricts = expectStatus(await orgb.admin.get('/api/v1/districts'), 200).items;
    assert.deepEqual(obDistricts.map((d) => d.id), [orgb.district.id], 'orgb sees only its own district');
    const obUsers = expectStatus(await orgb.admin.get('/api/v1/users'), 200).items;
    assert.deepEqual(obUsers.map((u) => u.id).sort((a, b) => a - b), [orgb.adminId, orgb.userId].sort((a, b) => a - b), 'orgb sees only its own users');
  });

  it('the other organisation\'s admin cannot reach smd records (404) or reference them (422)', async () => {
    const ob = orgb.admin;
    const cases = [
      [['GET', `/api/v1/users/${ids.memberA}`], 404],
      [['GET', `/api/v1/users/${ids.admin}`], 404],
      [['PATCH', `/api/v1/users/${ids.memberA}`, { name: 'Overgenomen' }], 404],
      [['PATCH', `/api/v1/users/${ids.admin}`, { active: false }], 404],
      [['PATCH', `/api/v1/teams/${teamA.id}`, { name: 'Overgenomen' }], 404],
      [['POST', '/api/v1/teams', { name: 'Kruislings', district_id: smdDistrict.id }], 422],
      [['POST', '/api/v1/users', { email: 'kruis@orgb.example', name: 'Kruis', password: PASSWORD, roles: ['coach'], team_ids: [teamA.id] }], 422],
      [['PATCH', `/api/v1/teams/${orgb.team.id}`, { district_id: smdDistrict.id }], 422],
      [['PATCH', `/api/v1/users/${orgb.userId}`, { team_ids: [teamB.id] }], 422],
    ];
    for (const [[method, p, body], want] of cases) {
      const r = await ob.request(method, p, body);
      assert.equal(r.status, want, `orgb admin ${method} ${p}: ${show(r)}`);
    }
    const me = expectStatus(await clients.admin.get(`/api/v1/users/${ids.memberA}`), 200);
    assert.notEqual(me.name, 'Overgenomen');
  });

  it('the audit log of one organisation never shows the other\'s entries', async () => {
    const smd = expectStatus(await clients.admin.get('/api/v1/audit?limit=200'), 200).items;
    const ob = expectStatus(await orgb.admin.get('/api/v1/audit?limit=200'), 200).items;
    const obIds = new Set(ob.map((e) => e.id));
    assert.ok(!smd.some((e) => obIds.has(e.id)), 'an audit entry is visible to both organisations');
    // (String(): the entity_id type is checked in teams_users; here only visibility counts.)
    const about = (e, entity, id) => e.entity === entity && String(e.entity_id) === String(id);
    assert.ok(!smd.some((e) => about(e, 'team', orgb.team.id)), 'smd sees orgb\'s team entry');
    assert.ok(!smd.some((e) => about(e, 'user', orgb.userId)), 'smd sees orgb\'s user entry');
    assert.ok(!ob.some((e) => about(e, 'team', teamA.id) || about(e, 'user', ids.memberA)), 'orgb sees smd\'s entries');
    assert.ok(ob.some((e) => about(e, 'team', orgb.team.id) && e.action === 'create'), 'orgb sees its own team creation');
    assert.ok(smd.some((e) => about(e, 'user', ids.memberA)), 'smd sees its own user creation');
    const filtered = expectStatus(await clients.admin.get(`/api/v1/audit?entity=team&entity_id=${orgb.team.id}`), 200);
    assert.deepEqual(filtered.items, [], 'filtering on the other org\'s id shows nothing');
  });

  it('refused requests changed nothing (no HACK- names anywhere, no admin roles granted)', async () => {
    const [d, t, u] = await Promise.all(['/api/v1/districts', '/api/v1/teams', '/api/v1/users'].map((p) => clients.admin.get(p)));
    for (const r of [d, t, u]) {
      expectStatus(r, 200);
      assert.ok(!r.text.includes('HACK-'), `a refused request left a trace: ${show(r)}`);
    }
    for (const key of KEYS.filter((k) => k !== 'admin')) {
      const user = u.json.items.find((x) => x.id === ids[key]);
      assert.deepEqual([...user.roles].sort(), [...CALLERS[key].roles].sort(), `roles of ${key} unchanged`);
    }
    const ob = expectStatus(await orgb.admin.get('/api/v1/teams'), 200);
    assert.equal(ob.items[0].name, teamA.name, 'orgb team unchanged');
    assert.equal(ob.items[0].district.id, orgb.district.id, 'orgb team district unchanged');
  });

  // ------------------------------------------------------------------ unauthenticated

  it('without a session every /api/v1 endpoint is 401, except log-in and the OpenAPI document', async () => {
    const anon = new Client(server);
    const cases = [
      ['GET', '/api/v1/me'], ['DELETE', '/api/v1/session'],
      ['GET', '/api/v1/districts'], ['POST', '/api/v1/districts', { name: 'Anoniem' }],
      ['GET', '/api/v1/teams'], ['POST', '/api/v1/teams', { name: 'Anoniem', district_id: smdDistrict.id }],
      ['PATCH', `/api/v1/teams/${teamA.id}`, { name: 'Anoniem' }], ['PATCH', `/api/v1/teams/${MISSING_ID}`, { name: 'Anoniem' }],
      ['GET', '/api/v1/users'], ['GET', `/api/v1/users/${ids.memberA}`], ['GET', `/api/v1/users/${MISSING_ID}`],
      ['POST', '/api/v1/users', { email: 'anon@example.org', name: 'Anoniem', password: PASSWORD, roles: ['admin'] }],
      ['PATCH', `/api/v1/users/${ids.memberA}`, { name: 'Anoniem' }],
      ['GET', '/api/v1/audit'],
    ];
    const failures = [];
    for (const [method, p, body] of cases) {
      for (const csrf of [false, 'wrong']) {
        if (csrf === 'wrong' && method === 'GET') continue;
        const r = await anon.request(method, p, body, { csrf });
        if (r.status !== 401 || r.json?.type !== 'urn:wijkkader:problem:unauthenticated') {
          failures.push(`${method} ${p} without a session${csrf ? ' (with a token)' : ''}: expected 401 unauthenticated, got ${show(r)}`);
        }
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    expectStatus(await anon.get('/api/v1/openapi.json'), 200, 'openapi.json is public');
    expectStatus(await anon.get('/healthz'), 200, '/healthz is public');
    expectStatus(await anon.get('/readyz'), 200, '/readyz is public');
    const login = await anon.post('/api/v1/session', { email: 'm-coach@example.org', password: PASSWORD }, { csrf: false });
    expectStatus(login, 200, 'log-in needs no session or token');
  });

  it('every role can log out (204); after that the session is gone', async () => {
    for (const key of KEYS) {
      const c = clients[key].clone();
      const fresh = await new Client(server).loginOk(`m-${key.toLowerCase()}@example.org`);
      const r = await fresh.del('/api/v1/session');
      assert.equal(r.status, 204, `log-out as ${key}: ${show(r)}`);
      assert.equal((await fresh.get('/api/v1/me')).status, 401, `after log-out as ${key}`);
      expectStatus(await c.get('/api/v1/me'), 200, `the other session of ${key} is unaffected`);
    }
  });
});
