// Districts, teams and users: the happy paths with exact shapes, the audit trail of
// every change, conflicts, the admin's self-protection and audit pagination.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, PASSWORD, DEMO_ORG_SLUG, DEMO_DISTRICTS,
  assertProblem, assertValidation, expectStatus, show, ISO_UTC, execSql, whyNoSql,
} from './harness.mjs';

const DISTRICT_KEYS = ['id', 'name'];
const TEAM_KEYS = ['active', 'district', 'id', 'member_count', 'name', 'neighbourhoods'];
const USER_KEYS = ['active', 'created_at', 'email', 'id', 'last_login_at', 'name', 'roles', 'teams'];
const AUDIT_KEYS = ['action', 'actor', 'after', 'at', 'before', 'entity', 'entity_id', 'id', 'label'];

function assertTeamShape(t, where) {
  assert.deepEqual(Object.keys(t).sort(), TEAM_KEYS, `Team keys (${where}): ${JSON.stringify(t)}`);
  assert.ok(Number.isInteger(t.id), `team id integer (${where})`);
  assert.equal(typeof t.name, 'string');
  assert.deepEqual(Object.keys(t.district).sort(), DISTRICT_KEYS, `Team.district keys (${where})`);
  assert.ok(Array.isArray(t.neighbourhoods));
  for (const n of t.neighbourhoods) assert.match(n, /^(WK\d{6}|BU\d{8})$/, `neighbourhood code (${where})`);
  assert.equal(typeof t.active, 'boolean');
  assert.ok(Number.isInteger(t.member_count) && t.member_count >= 0, `member_count (${where})`);
}

function assertUserShape(u, where) {
  assert.deepEqual(Object.keys(u).sort(), USER_KEYS, `User keys (${where}): ${JSON.stringify(u)}`);
  assert.ok(Number.isInteger(u.id));
  assert.ok(Array.isArray(u.roles) && u.roles.every((r) => typeof r === 'string'));
  assert.ok(Array.isArray(u.teams));
  for (const t of u.teams) assert.deepEqual(Object.keys(t).sort(), ['id', 'name'], `User.teams[] keys (${where})`);
  assert.equal(typeof u.active, 'boolean');
  assert.match(u.created_at, ISO_UTC, `created_at (${where})`);
  assert.ok(u.last_login_at === null || ISO_UTC.test(u.last_login_at), `last_login_at (${where}): ${u.last_login_at}`);
}

/** strictIds: also insist that entity_id is an integer (checked once, in the shape test). */
function assertAuditShape(e, { strictIds = true } = {}) {
  assert.deepEqual(Object.keys(e).sort(), AUDIT_KEYS, `AuditEntry keys: ${JSON.stringify(e)}`);
  assert.ok(Number.isInteger(e.id));
  assert.match(e.at, ISO_UTC);
  assert.ok(e.actor === null || (Number.isInteger(e.actor.id) && typeof e.actor.name === 'string'), `actor: ${JSON.stringify(e.actor)}`);
  assert.ok(['create', 'update', 'login', 'logout'].includes(e.action), `action ${e.action}`);
  // `organisation` is the entity of `wijkkader org add`.
  assert.ok(['district', 'team', 'user', 'session', 'organisation'].includes(e.entity), `entity ${e.entity}`);
  if (strictIds) {
    // A string: later modules audit records whose keys are not numbers (docs/openapi.json, AuditEntry).
    assert.ok(typeof e.entity_id === 'string' && e.entity_id.length > 0, `entity_id should be a non-empty string: ${JSON.stringify(e)}`);
  }
  assert.ok(e.before === null || typeof e.before === 'object');
  assert.ok(e.after === null || typeof e.after === 'object');
  assert.equal(typeof e.label, 'string');
}

/** Newest first by time, the later entry first at the same time. */
function assertTimeOrder(items, where) {
  for (let i = 1; i < items.length; i += 1) {
    const [a, b] = [items[i - 1], items[i]];
    assert.ok(a.at > b.at || (a.at === b.at && a.id > b.id), `${where}: ${a.id} (${a.at}) before ${b.id} (${b.at})`);
  }
}

const byId = (items) => new Map(items.map((x) => [x.id, x]));
const sortedIds = (xs) => xs.map((x) => x.id).sort((a, b) => a - b);

describe('districts, teams, users and the audit log', { skip: whyNot }, () => {
  let server;
  let admin;
  let adminId;
  const adminName = 'Beheer Teams';
  const answers = []; // every answer text of this file, to look for passwords
  const passwords = [PASSWORD];

  /** The newest create/update audit entry about entity/id (log-ins may be recorded too). */
  async function lastAudit(entity, id) {
    const r = await admin.get(`/api/v1/audit?entity=${entity}&entity_id=${id}&limit=50`);
    const page = expectStatus(r, 200, `GET /audit for ${entity} ${id}`);
    for (const e of page.items) {
      // The type of entity_id is checked in the shape test; here, which entries come back.
      assertAuditShape(e, { strictIds: false });
      assert.equal(e.entity, entity, `filtered on entity=${entity}: ${show(r)}`);
      assert.equal(String(e.entity_id), String(id), `filtered on entity_id=${id}: ${show(r)}`);
    }
    const entry = page.items.find((e) => e.action === 'create' || e.action === 'update');
    assert.ok(entry, `a create/update audit entry expected for ${entity} ${id}: ${show(r)}`);
    return entry;
  }

  function assertActorIsAdmin(e) {
    assert.deepEqual(e.actor, { id: adminId, name: adminName }, `audit actor should be the admin: ${JSON.stringify(e)}`);
  }

  before(async () => {
    server = await startServer({ demo: true });
    adminId = addUser(server.databaseUrl, { email: 't-admin@example.org', name: adminName, roles: ['admin'], org: DEMO_ORG_SLUG });
    admin = new Client(server);
    const original = admin.request.bind(admin);
    admin.request = async (...args) => {
      const r = await original(...args);
      answers.push(`${r.method} ${r.path}: ${r.text}`);
      return r;
    };
    await admin.loginOk('t-admin@example.org');
  });

  after(async () => {
    await server?.stop();
  });

  describe('districts', () => {
    it('lists the demo districts as {items:[{id,name}]}', async () => {
      const r = await admin.get('/api/v1/districts');
      const body = expectStatus(r, 200, 'GET /districts');
      assert.match(r.contentType, /^application\/json/);
      assert.deepEqual(Object.keys(body), ['items']);
      for (const d of body.items) assert.deepEqual(Object.keys(d).sort(), DISTRICT_KEYS);
      const names = body.items.map((d) => d.name);
      for (const n of DEMO_DISTRICTS) assert.ok(names.includes(n), `demo district ${n} missing: ${names}`);
    });

    it('creates a district: 201 District, listed, audited with actor and after', async () => {
      const r = await admin.post('/api/v1/districts', { name: 'Stadsdeel Test' });
      const d = expectStatus(r, 201, 'POST /districts');
      assert.deepEqual(Object.keys(d).sort(), DISTRICT_KEYS);
      assert.equal(d.name, 'Stadsdeel Test');
      const list = expectStatus(await admin.get('/api/v1/districts'), 200);
      assert.deepEqual(list.items.find((x) => x.id === d.id), d);
      const e = await lastAudit('district', d.id);
      assert.equal(e.action, 'create');
      assert.equal(e.entity, 'district');
      assert.equal(String(e.entity_id), String(d.id));
      assert.equal(e.before, null);
      assert.equal(e.after?.name, 'Stadsdeel Test', `audit after: ${JSON.stringify(e)}`);
      assertActorIsAdmin(e);
    });
  });

  describe('teams', () => {
    let districts;
    let team;

    before(async () => {
      districts = expectStatus(await admin.get('/api/v1/districts'), 200).items;
    });

    it('lists the nine demo teams with the Team shape', async () => {
      const r = await admin.get('/api/v1/teams');
      const body = expectStatus(r, 200, 'GET /teams');
      assert.deepEqual(Object.keys(body), ['items']);
      const demo = body.items.filter((t) => t.name.startsWith('Wijkteam '));
      assert.equal(demo.length, 9, `nine demo teams expected: ${body.items.map((t) => t.name)}`);
      const districtIds = new Set(districts.map((d) => d.id));
      for (const t of body.items) {
        assertTeamShape(t, 'GET /teams');
        assert.ok(districtIds.has(t.district.id), `team ${t.name} points to a district of the organisation`);
        assert.equal(t.district.name, districts.find((d) => d.id === t.district.id).name);
      }
    });

    it('creates a team: 201 Team with district, neighbourhoods, active, member_count 0; audited', async () => {
      const district = districts[0];
      const r = await admin.post('/api/v1/teams', {
        name: 'Wijkteam Proef', district_id: district.id, neighbourhoods: ['WK015301', 'BU01530101'],
      });
      team = expectStatus(r, 201, 'POST /teams');
      assertTeamShape(team, 'POST /teams');
      assert.equal(team.name, 'Wijkteam Proef');
      assert.deepEqual(team.district, { id: district.id, name: district.name });
      assert.deepEqual([...team.neighbourhoods].sort(), ['BU01530101', 'WK015301'], 'neighbourhoods (in any order)');
      assert.equal(team.active, true);
      assert.equal(team.member_count, 0);
      const list = expectStatus(await admin.get('/api/v1/teams'), 200);
      assert.deepEqual(list.items.find((t) => t.id === team.id), team, 'the list shows the created team as answered');
      const e = await lastAudit('team', team.id);
      assert.equal(e.action, 'create');
      assert.equal(e.before, null);
      assert.equal(e.after?.name, 'Wijkteam Proef');
      assertActorIsAdmin(e);
    });

    it('creates a team without neighbourhoods (they default to [])', async () => {
      const r = await admin.post('/api/v1/teams', { name: 'Wijkteam Zonder Wijken', district_id: districts[1].id });
      const t = expectStatus(r, 201, 'POST /teams without neighbourhoods');
      assertTeamShape(t, 'POST /teams');
      assert.deepEqual(t.neighbourhoods, []);
    });

    it('renames a team: 200 Team, audited with before and after', async () => {
      const r = await admin.patch(`/api/v1/teams/${team.id}`, { name: 'Wijkteam Proef Hernoemd' });
      const t = expectStatus(r, 200, 'PATCH /teams name');
      assertTeamShape(t, 'PATCH /teams');
      const old = team;
      team = t;
      assert.deepEqual(t, { ...old, name: 'Wijkteam Proef Hernoemd' }, 'only the name changes');
      const e = await lastAudit('team', team.id);
      assert.equal(e.action, 'update');
      assert.equal(e.before?.name, 'Wijkteam Proef', `audit before: ${JSON.stringify(e)}`);
      assert.equal(e.after?.name, 'Wijkteam Proef Hernoemd', `audit after: ${JSON.stringify(e)}`);
      assertActorIsAdmin(e);
    });

    it('moves a team, changes its neighbourhoods and deactivates it; inactive teams stay listed', async () => {
      const r1 = await admin.patch(`/api/v1/teams/${team.id}`, { district_id: districts[2].id, neighbourhoods: ['WK015302'] });
      const t1 = expectStatus(r1, 200, 'PATCH district and neighbourhoods');
      assert.deepEqual(t1.district, { id: districts[2].id, name: districts[2].name });
      assert.deepEqual(t1.neighbourhoods, ['WK015302']);
      const r2 = await admin.patch(`/api/v1/teams/${team.id}`, { active: false });
      try {
        await checkDeactivated(r2);
      } finally {
        const back = await admin.patch(`/api/v1/teams/${team.id}`, { active: true });
        if (back.status === 200) team = back.json;
      }
      expectStatus(await admin.get('/api/v1/teams'), 200);
    });

    async function checkDeactivated(r2) {
      const t2 = expectStatus(r2, 200, 'PATCH active false');
      assert.equal(t2.active, false);
      assert.equal(t2.name, team.name);
      const e = await lastAudit('team', team.id);
      assert.equal(e.action, 'update');
      assert.equal(e.before?.active, true, `audit before.active: ${JSON.stringify(e)}`);
      assert.equal(e.after?.active, false, `audit after.active: ${JSON.stringify(e)}`);
      const list = expectStatus(await admin.get('/api/v1/teams'), 200);
      assert.deepEqual(list.items.find((t) => t.id === team.id), t2, 'an inactive team is still listed');
    }

    it('refuses a duplicate team name with 409 (create and rename) and changes nothing', async () => {
      const teamsBefore = expectStatus(await admin.get('/api/v1/teams'), 200);
      const existing = teamsBefore.items.find((t) => t.name.startsWith('Wijkteam ') && t.id !== team.id);
      assertProblem(await admin.post('/api/v1/teams', { name: existing.name, district_id: districts[0].id }),
        409, 'conflict', 'POST /teams with an existing name');
      assertProblem(await admin.patch(`/api/v1/teams/${team.id}`, { name: existing.name }),
        409, 'conflict', 'PATCH /teams to an existing name');
      const teamsAfter = expectStatus(await admin.get('/api/v1/teams'), 200);
      assert.deepEqual(teamsAfter, teamsBefore);
    });

    it('refuses a district or team of nowhere: PATCH unknown team 404, unknown district 422', async () => {
      assertProblem(await admin.patch('/api/v1/teams/987654', { name: 'Niemand' }), 404, 'not-found', 'PATCH unknown team');
      assertValidation(await admin.post('/api/v1/teams', { name: 'Wijkteam Nergens', district_id: 987654 }),
        ['district_id'], 'POST /teams with an unknown district');
    });
  });

  describe('users', () => {
    let teams;
    let created;
    const newPassword = 'een heel ander wachtwoord 2';
    passwords.push(newPassword);

    before(async () => {
      teams = expectStatus(await admin.get('/api/v1/teams'), 200).items.filter((t) => t.name.startsWith('Wijkteam '));
    });

    it('lists users with the User shape, without passwords', async () => {
      const r = await admin.get('/api/v1/users');
      const body = expectStatus(r, 200, 'GET /users');
      assert.deepEqual(Object.keys(body), ['items', 'total', 'total_exact']);
      for (const u of body.items) assertUserShape(u, 'GET /users');
      assert.ok(body.items.some((u) => u.id === adminId), 'the admin is listed');
      assert.equal(body.total, body.items.length);
      assert.equal(body.total_exact, true);
    });

    it('pages the users by name, then id; q finds a part of the name or e-mail address', async () => {
      const all = expectStatus(await admin.get('/api/v1/users'), 200).items;
      assert.ok(all.length >= 6, `the demo organisation has users: ${all.length}`);
      const order = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
      assert.deepEqual(all.map((u) => u.id), order.map((u) => u.id), 'by name, then id');
      const pages = [];
      for (let offset = 0; offset < all.length; offset += 4) {
        const page = expectStatus(await admin.get(`/api/v1/users?limit=4&offset=${offset}`), 200);
        assert.equal(page.total, all.length, 'the total of every page is the whole list');
        assert.ok(page.items.length <= 4);
        pages.push(...page.items);
      }
      assert.deepEqual(pages, all, 'the pages together are the list, roles and teams included');
      const beyond = expectStatus(await admin.get(`/api/v1/users?limit=4&offset=${all.length}`), 200);
      assert.deepEqual(beyond.items, []);

      const found = expectStatus(await admin.get('/api/v1/users?q=BEHEER%20t'), 200);
      assert.deepEqual(found.items.map((u) => u.id), [adminId], 'a part of the name, in any case');
      const byMail = expectStatus(await admin.get('/api/v1/users?q=t-admin@'), 200);
      assert.deepEqual(byMail.items.map((u) => u.id), [adminId], 'a part of the e-mail address');
      const wildcard = expectStatus(await admin.get('/api/v1/users?q=%25'), 200);
      assert.deepEqual(wildcard.items, [], '% is a character, not a wildcard');
    });

    it('a bad limit or offset is 400 at the field, in Dutch and English', async () => {
      for (const [query, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=x', 'limit'],
        ['offset=-1', 'offset'], ['offset=10001', 'offset']]) {
        const r = await admin.get(`/api/v1/users?${query}`);
        const p = assertProblem(r, 400, 'bad-request', `GET /users?${query}`);
        assert.ok(p.errors.some((e) => e.field === field && e.title && e.detail), `${query}: ${r.text}`);
      }
    });

    it('creates a user: 201 User, e-mail trimmed and lower-cased, teams resolved, never a password', async () => {
      const before1 = teams[0].member_count;
      const r = await admin.post('/api/v1/users', {
        email: '  Nieuwe.Coach@Example.ORG ', name: 'Nieuwe Coach', password: PASSWORD,
        roles: ['coach', 'coordinator:doorstroomwoningen'], team_ids: [teams[0].id, teams[1].id],
      });
      created = expectStatus(r, 201, 'POST /users');
      assertUserShape(created, 'POST /users');
      assert.equal(created.email, 'nieuwe.coach@example.org');
      assert.equal(created.name, 'Nieuwe Coach');
      assert.deepEqual([...created.roles].sort(), ['coach', 'coordinator:doorstroomwoningen']);
      assert.deepEqual(created.teams.map((t) => t.id).sort((a, b) => a - b), [teams[0].id, teams[1].id].sort((a, b) => a - b));
      for (const t of created.teams) assert.equal(t.name, teams.find((x) => x.id === t.id).name);
      assert.equal(created.active, true);
      assert.equal(created.last_login_at, null);
      assert.ok(Math.abs(Date.parse(created.created_at) - Date.now()) < 5 * 60_000, `created_at is now-ish: ${created.created_at}`);
      assert.ok(!/password/i.test(r.text), `no password field in the answer: ${r.text}`);

      const one = expectStatus(await admin.get(`/api/v1/users/${created.id}`), 200, 'GET /users/{id}');
      assert.deepEqual(one, created, 'GET /users/{id} equals the POST answer');
      const list = expectStatus(await admin.get('/api/v1/users'), 200);
      assert.deepEqual(list.items.find((u) => u.id === created.id), created);

      const teamsNow = byId(expectStatus(await admin.get('/api/v1/teams'), 200).items);
      assert.equal(teamsNow.get(teams[0].id).member_count, before1 + 1, 'member_count counts the new member');

      const e = await lastAudit('user', created.id);
      assert.equal(e.action, 'create');
      assert.equal(e.before, null);
      assert.equal(e.after?.email, 'nieuwe.coach@example.org', `audit after: ${JSON.stringify(e)}`);
      assertActorIsAdmin(e);
    });

    it('the new user can log in; log-in sets last_login_at', async () => {
      const c = new Client(server);
      await c.loginOk('nieuwe.coach@example.org');
      const me = expectStatus(await c.get('/api/v1/me'), 200);
      assert.equal(me.id, created.id);
      assert.deepEqual([...me.roles].sort(), ['coach', 'coordinator:doorstroomwoningen']);
      const u = expectStatus(await admin.get(`/api/v1/users/${created.id}`), 200);
      assert.match(u.last_login_at ?? '', ISO_UTC, 'last_login_at set after log-in');
      created = u;
    });

    it('changes name, roles and teams: 200 User, audited with before and after', async () => {
      const r = await admin.patch(`/api/v1/users/${created.id}`, {
        name: 'Coach Gewijzigd', roles: ['team_manager'], team_ids: [teams[2].id],
      });
      const u = expectStatus(r, 200, 'PATCH /users');
      const previous = created;
      created = u;
      assertUserShape(u, 'PATCH /users');
      assert.equal(u.name, 'Coach Gewijzigd');
      assert.deepEqual(u.roles, ['team_manager']);
      assert.deepEqual(u.teams, [{ id: teams[2].id, name: teams[2].name }]);
      assert.equal(u.email, previous.email);
      assert.equal(u.created_at, previous.created_at);
      const e = await lastAudit('user', created.id);
      assert.equal(e.action, 'update');
      assert.equal(e.before?.name, 'Nieuwe Coach', `audit before: ${JSON.stringify(e)}`);
      assert.equal(e.after?.name, 'Coach Gewijzigd', `audit after: ${JSON.stringify(e)}`);
      if (e.after && 'roles' in e.after) assert.deepEqual(e.after.roles, ['team_manager']);
      assertActorIsAdmin(e);
    });

    it('changes the password: the old one stops working, the new one works, neither is ever shown', async () => {
      const r = await admin.patch(`/api/v1/users/${created.id}`, { password: newPassword });
      const u = expectStatus(r, 200, 'PATCH password');
      assertUserShape(u, 'PATCH password');
      assert.ok(!r.text.includes(newPassword));
      assertProblem(await new Client(server).login(created.email, PASSWORD), 401, 'unauthenticated', 'old password');
      await new Client(server).loginOk(created.email, newPassword);
      const e = await lastAudit('user', created.id);
      assert.equal(e.action, 'update');
      const text = JSON.stringify(e);
      assert.ok(!text.includes(newPassword) && !text.includes(PASSWORD) && !/\$argon2/i.test(text),
        `no password or hash in the audit entry: ${text}`);
    });

    it('deactivates and reactivates a user', async () => {
      const off = expectStatus(await admin.patch(`/api/v1/users/${created.id}`, { active: false }), 200);
      try {
        assert.equal(off.active, false);
        const e = await lastAudit('user', created.id);
        assert.equal(e.before?.active, true, `audit before.active: ${JSON.stringify(e)}`);
        assert.equal(e.after?.active, false, `audit after.active: ${JSON.stringify(e)}`);
        const list = expectStatus(await admin.get('/api/v1/users'), 200);
        assert.equal(list.items.find((x) => x.id === created.id)?.active, false, 'a deactivated user is still listed');
      } finally {
        const on = expectStatus(await admin.patch(`/api/v1/users/${created.id}`, { active: true }), 200);
        assert.equal(on.active, true);
      }
    });

    it('refuses a duplicate e-mail with 409 (any case) on create and change; nothing changes', async () => {
      const usersBefore = expectStatus(await admin.get('/api/v1/users'), 200);
      assertProblem(await admin.post('/api/v1/users', {
        email: 'NIEUWE.COACH@example.org', name: 'Dubbel', password: PASSWORD, roles: ['coach'],
      }), 409, 'conflict', 'POST /users with an existing e-mail in upper case');
      assertProblem(await admin.patch(`/api/v1/users/${created.id}`, { email: 't-admin@example.org' }),
        409, 'conflict', 'PATCH /users to an existing e-mail');
      const usersAfter = expectStatus(await admin.get('/api/v1/users'), 200);
      assert.deepEqual(usersAfter, usersBefore);
    });

    it('changes an e-mail address (normalised) and the user logs in with the new one', async () => {
      const r = await admin.patch(`/api/v1/users/${created.id}`, { email: ' Andere.Coach@Example.org' });
      const u = expectStatus(r, 200, 'PATCH email');
      assert.equal(u.email, 'andere.coach@example.org');
      await new Client(server).loginOk('andere.coach@example.org', newPassword);
      created = u;
    });

    it('an admin cannot deactivate themselves or drop their own admin role (409); other changes to self work', async () => {
      const before1 = expectStatus(await admin.get(`/api/v1/users/${adminId}`), 200);
      assertProblem(await admin.patch(`/api/v1/users/${adminId}`, { active: false }), 409, 'conflict', 'admin deactivates self');
      assertProblem(await admin.patch(`/api/v1/users/${adminId}`, { roles: ['coach'] }), 409, 'conflict', 'admin drops own admin role');
      assertProblem(await admin.patch(`/api/v1/users/${adminId}`, { roles: ['hr'], name: 'Zou niet moeten' }), 409, 'conflict',
        'admin drops own admin role together with a name change');
      const after1 = expectStatus(await admin.get(`/api/v1/users/${adminId}`), 200);
      assert.deepEqual(after1, before1, 'a refused change changes nothing (also not the name sent with it)');
      expectStatus(await admin.get('/api/v1/me'), 200, 'the admin still works');

      const r = await admin.patch(`/api/v1/users/${adminId}`, { roles: ['admin', 'hr'] });
      const u = expectStatus(r, 200, 'admin adds a role to self');
      assert.deepEqual([...u.roles].sort(), ['admin', 'hr']);
      const back = expectStatus(await admin.patch(`/api/v1/users/${adminId}`, { roles: ['admin'] }), 200);
      assert.deepEqual(back.roles, ['admin']);
    });

    it('another admin may deactivate an admin; nobody may deactivate themselves', async () => {
      const r = await admin.post('/api/v1/users', {
        email: 'tweede.admin@example.org', name: 'Tweede Beheerder', password: PASSWORD, roles: ['admin'],
      });
      const second = expectStatus(r, 201);
      const c = new Client(server);
      await c.loginOk('tweede.admin@example.org');
      const r2 = await c.patch(`/api/v1/users/${second.id}`, { active: false });
      assertProblem(r2, 409, 'conflict', 'second admin deactivates self');
      // Deactivating the other admin works (there is still one active admin left).
      const victim = expectStatus(await c.post('/api/v1/users', {
        email: 'derde.admin@example.org', name: 'Derde Beheerder', password: PASSWORD, roles: ['admin'],
      }), 201);
      const off = expectStatus(await c.patch(`/api/v1/users/${victim.id}`, { active: false }), 200);
      assert.equal(off.active, false);
      const e = await lastAudit('user', victim.id);
      assert.deepEqual(e.actor, { id: second.id, name: 'Tweede Beheerder' }, 'the audit actor is the second admin');
    });
  });

  describe('audit log', () => {
    it('lists entries newest first with the AuditEntry shape', async () => {
      const r = await admin.get('/api/v1/audit');
      const page = expectStatus(r, 200, 'GET /audit');
      assert.deepEqual(Object.keys(page).sort(), ['items', 'next_before']);
      assert.ok(page.items.length > 0 && page.items.length <= 50, `default limit 50: ${page.items.length}`);
      for (const e of page.items) assertAuditShape(e);
      assertTimeOrder(page.items, 'newest first');
      const team = page.items.find((e) => e.entity === 'team' && e.after?.name);
      if (team) assert.equal(team.label, team.after.name, 'a team entry is labelled with the team\'s name');
    });

    it('pages with limit and before/next_before through every entry exactly once', async () => {
      const all = expectStatus(await admin.get('/api/v1/audit?limit=200'), 200);
      assert.ok(all.items.length >= 10, `enough entries for paging: ${all.items.length}`);
      assert.ok(all.items.length < 200, 'this test assumes fewer than 200 entries');
      assert.equal(all.next_before, null, 'next_before is null on the last page');
      const seen = [];
      let before1 = null;
      let pages = 0;
      for (;;) {
        const q = `/api/v1/audit?limit=3${before1 === null ? '' : `&before=${before1}`}`;
        const r = await admin.get(q);
        const page = expectStatus(r, 200, q);
        assert.ok(page.items.length <= 3, `limit=3 honoured: ${show(r)}`);
        seen.push(...page.items.map((e) => e.id));
        pages += 1;
        assert.ok(pages < 200, 'paging does not end');
        if (page.next_before === null) break;
        assert.ok(Number.isInteger(page.next_before), `next_before is an id: ${show(r)}`);
        assert.equal(page.items.length, 3, `a page with a next page is full: ${show(r)}`);
        before1 = page.next_before;
      }
      assert.deepEqual(seen, all.items.map((e) => e.id), 'paging yields every entry once, newest first');
    });

    it('entries dated earlier but written later sort by their time; filters by person and by Dutch days', { skip: whyNoSql }, async () => {
      // Demo data and imports write entries dated in the past after newer ones: the log
      // said "newest first" and listed 07-11 above 23-11. Entries are inserted behind the
      // server's back (the log refuses updates, not inserts).
      const org = execSql(server.databaseUrl, `SELECT id FROM organisations WHERE slug = '${DEMO_ORG_SLUG}'`).trim();
      const at = (iso) => Date.parse(iso);
      const insert = (iso, entityId, actor) => execSql(server.databaseUrl,
        `INSERT INTO audit_log (org_id, at, actor_user_id, action, entity, entity_id, before_json, after_json) VALUES (${org}, ${at(iso)}, ${actor ?? 'NULL'}, 'update', 'team', '${entityId}', NULL, '{"name":"Team ${entityId}"}')`);
      insert('2026-01-14T22:59:59Z', 'winter-late', adminId); // 14-01 23:59:59 in Enschede
      insert('2026-01-14T23:00:00Z', 'winter-midnight', adminId); // 15-01 00:00 in Enschede
      insert('2026-07-14T21:59:59Z', 'summer-late', null); // 14-07 23:59:59 (CEST)
      insert('2026-07-14T22:00:00Z', 'summer-midnight', null); // 15-07 00:00
      const all = expectStatus(await admin.get('/api/v1/audit?limit=200'), 200);
      assertTimeOrder(all.items, 'the whole log');
      const ids = all.items.map((e) => e.entity_id);
      assert.ok(ids.indexOf('summer-midnight') < ids.indexOf('summer-late') && ids.indexOf('summer-late') < ids.indexOf('winter-midnight'), ids.join(' '));
      assert.equal(all.items.find((e) => e.entity_id === 'winter-late').label, 'Team winter-late');
      const days = async (q) => expectStatus(await admin.get(`/api/v1/audit?limit=200&${q}`), 200).items.map((e) => e.entity_id);
      assert.deepEqual(await days('from=2026-01-15&to=2026-01-15'), ['winter-midnight'], 'a winter day starts at 23:00 UTC');
      assert.deepEqual(await days('from=2026-01-14&to=2026-01-14'), ['winter-late']);
      assert.deepEqual(await days('from=2026-07-15&to=2026-07-15'), ['summer-midnight'], 'a summer day starts at 22:00 UTC');
      assert.deepEqual(await days('from=2026-01-14&to=2026-07-14'), ['summer-late', 'winter-midnight', 'winter-late']);
      assert.deepEqual(await days(`from=2026-01-01&to=2026-12-31&actor=${adminId}&entity=team`).then((x) => x.filter((e) => /winter|summer/.test(e))), ['winter-midnight', 'winter-late'], 'by person and kind');
      const mine = expectStatus(await admin.get(`/api/v1/audit?limit=200&actor=${adminId}`), 200).items;
      assert.ok(mine.length > 2 && mine.every((e) => e.actor?.id === adminId), 'only the admin\'s entries');
      assertTimeOrder(mine, 'by person');
      // paging by person goes on after the last entry shown, in time order
      const first = expectStatus(await admin.get(`/api/v1/audit?limit=2&actor=${adminId}`), 200);
      const second = expectStatus(await admin.get(`/api/v1/audit?limit=2&actor=${adminId}&before=${first.next_before}`), 200);
      assert.deepEqual([...first.items, ...second.items].map((e) => e.id), mine.slice(0, 4).map((e) => e.id));
      assert.deepEqual(await days('actor=987654321'), [], 'a person without entries');
    });

    it('filters on entity and entity_id', async () => {
      const teams = expectStatus(await admin.get('/api/v1/teams'), 200).items;
      const teamAll = expectStatus(await admin.get('/api/v1/audit?entity=team&limit=200'), 200);
      assert.ok(teamAll.items.length > 0);
      for (const e of teamAll.items) assert.equal(e.entity, 'team');
      const proef = teams.find((t) => t.name === 'Wijkteam Proef Hernoemd');
      const one = expectStatus(await admin.get(`/api/v1/audit?entity=team&entity_id=${proef.id}&limit=200`), 200);
      assert.ok(one.items.length >= 4, `create + several updates of the team: ${one.items.length}`);
      for (const e of one.items) {
        assert.equal(e.entity, 'team');
        assert.equal(String(e.entity_id), String(proef.id));
      }
      const changes = one.items.filter((e) => e.action === 'create' || e.action === 'update');
      assert.equal(changes.at(-1).action, 'create', 'the oldest entry of the team is its creation');
    });

    it('refuses bad query parameters with 400', async () => {
      const failures = [];
      for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=-1', 'limit=1.5', 'limit=', 'before=abc', 'before=0',
        'limit=99999999999999999999', 'before=99999999999999999999', 'actor=abc', 'actor=0', 'from=2026-02-30',
        'to=15-01-2026', 'from=2026-02-01&to=2026-01-31']) {
        try {
          assertProblem(await admin.get(`/api/v1/audit?${q}`), 400, 'bad-request', `GET /audit?${q}`);
        } catch (e) {
          failures.push(e.message.split('\n')[0]);
        }
      }
      assert.deepEqual(failures, [], `bad query parameters accepted:\n${failures.join('\n')}`);
      const r = await admin.get('/api/v1/audit?limit=200');
      expectStatus(r, 200, 'limit=200 is allowed');
      expectStatus(await admin.get('/api/v1/audit?limit=1'), 200, 'limit=1 is allowed');
    });

    it('no answer and no audit entry of this file contains a password or a password hash', async () => {
      const all = expectStatus(await admin.get('/api/v1/audit?limit=200'), 200);
      const texts = [...answers, JSON.stringify(all)];
      for (const t of texts) {
        for (const p of passwords) assert.ok(!t.includes(p), `a password appears in: ${t.slice(0, 300)}`);
        assert.ok(!/\$argon2/i.test(t), `a password hash appears in: ${t.slice(0, 300)}`);
      }
      assert.ok(answers.length > 20, 'the answers were recorded');
    });
  });
});
