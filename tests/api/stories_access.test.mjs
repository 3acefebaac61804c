// THE access matrix of the Vertelpunt, as data (docs/openapi.json, tags "stories"
// and "lists").
//
// Two organisations: the demo organisation `smd` and `orgb` (made with the CLI). Callers:
// one per role (coach and team manager of team A, a team manager without a team, a
// coordinator), orgb's coach, quality user and admin, and a caller without a session.
// Targets: a published story of smd, a pending (public) one of smd, a published and a
// pending one of orgb, and an id that does not exist. Every refused state-changing
// request is checked to have changed nothing; a story of another organisation must look
// exactly like a missing one.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG, expectStatus, show, accessRowViolations,
} from './harness.mjs';

const MISSING_ID = 987654321;

// key → organisation, roles, team (A or B of smd; OB of orgb)
const CALLERS = {
  coach: { org: 'smd', roles: ['coach'], team: 'A' },
  tmA: { org: 'smd', roles: ['team_manager'], team: 'A' },
  tmNone: { org: 'smd', roles: ['team_manager'] },
  quality: { org: 'smd', roles: ['quality'] },
  director: { org: 'smd', roles: ['director'] },
  coord: { org: 'smd', roles: ['coordinator:doorstroomwoningen'] },
  hr: { org: 'smd', roles: ['hr'] },
  admin: { org: 'smd', roles: ['admin'] },
  funder: { org: 'smd', roles: ['funder'] },
  obCoach: { org: 'orgb', roles: ['coach'], team: 'OB' },
  obQuality: { org: 'orgb', roles: ['quality'] },
  obAdmin: { org: 'orgb', roles: ['admin'] },
  anon: { org: null, roles: [] },
};
const KEYS = Object.keys(CALLERS);

// key → organisation, status
const TARGETS = {
  smdPub: { org: 'smd', status: 'published' },
  smdPending: { org: 'smd', status: 'pending' },
  obPub: { org: 'orgb', status: 'published' },
  obPending: { org: 'orgb', status: 'pending' },
  missing: { org: null },
};

// ------------------------------------------------------------------ the rules, from docs/openapi.json

const has = (c, role) => c.roles.includes(role);
const anon = (c) => c.org === null;
const mayShare = (c) => c.roles.some((r) => r !== 'funder' && r !== 'hr');
const mayRead = (c) => c.roles.some((r) => !['funder', 'hr', 'admin'].includes(r));
const isQuality = (c) => has(c, 'quality');
const isAdmin = (c) => has(c, 'admin');

function shareStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return mayShare(c) ? 201 : 403;
}
function listStatus(key, status) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!mayRead(c)) return 403;
  return status === 'published' || isQuality(c) ? 200 : 403;
}
function getStatus(key, target) {
  const c = CALLERS[key];
  const t = TARGETS[target];
  if (anon(c)) return 401;
  if (!mayRead(c)) return 403;
  if (t.org !== c.org) return 404;
  if (t.status !== 'published' && !isQuality(c)) return 404;
  return 200;
}
function moderateStatus(key, targetOrg) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  return targetOrg === c.org ? 200 : 404;
}
/** team: null (no filter), 'A', 'B' (teams of smd). */
function statsStatus(key, team) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (has(c, 'quality') || has(c, 'director')) return c.org === 'smd' || team === null ? 200 : [200, 403, 404];
  if (has(c, 'team_manager')) return team === null || team === c.team ? 200 : 403;
  return 403;
}
function listWriteStatus(key, list, created) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (isAdmin(c) || (isQuality(c) && list.startsWith('story_'))) return created ? 201 : 200;
  return 403;
}

describe('stories access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {};
  const teams = {}; // A, B, OB
  const values = {}; // org → {topic, valuation, archetype}
  const stories = {}; // target → Story id
  const editable = {}; // smd values to PATCH: story_prompt, story_topic, cost_category; ob: story_prompt
  let n = 0;
  const marker = (key) => `HACK-${key}-${++n}`;
  let ip = 0;
  const publicPost = (org, body) => new Client(server).request('POST', `/api/v1/public/${org}/stories`, body, {
    headers: { 'X-Forwarded-For': `10.55.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` },
  });

  const idOf = (target) => (target === 'missing' ? MISSING_ID : stories[target]);
  const storyBody = (key, title) => {
    const v = values[CALLERS[key].org === 'orgb' ? 'orgb' : 'smd'];
    return {
      title, text: 'Een verhaal voor de matrix.', date: '2020-01-01', teller_kind: 'medewerker',
      topic_id: v.topic, valuation_id: v.valuation, archetype_ids: [v.archetype],
    };
  };

  async function pendingOf(client, title) {
    const page = expectStatus(await client.get(`/api/v1/stories?status=pending&q=${encodeURIComponent(title)}`), 200, `pending ${title}`);
    assert.equal(page.items.length, 1, `one pending story ${title}`);
    return page.items[0].id;
  }

  before(async () => {
    server = await startServer({ demo: true, args: ['--trust-proxy'] });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'sa-admin@example.org', name: 'Matrix admin', roles: ['admin'] });
    clients.admin = await new Client(server).loginOk('sa-admin@example.org');
    const all = expectStatus(await clients.admin.get('/api/v1/teams'), 200).items;
    teams.A = all.find((t) => t.name === 'Wijkteam Centrum');
    teams.B = all.find((t) => t.name === 'Wijkteam Noord');
    for (const key of KEYS.filter((k) => CALLERS[k].org === 'smd' && k !== 'admin')) {
      const c = CALLERS[key];
      const team = c.team ? teams[c.team] : null;
      addUser(db, { org: DEMO_ORG_SLUG, email: `sa-${key.toLowerCase()}@example.org`, name: `Matrix ${key}`, roles: c.roles, teams: team ? [team.name] : [] });
      clients[key] = await new Client(server).loginOk(`sa-${key.toLowerCase()}@example.org`);
    }
    clients.anon = new Client(server);
    const first = async (client, list) => expectStatus(await client.get(`/api/v1/lists/${list}`), 200, list).items[0].id;
    values.smd = {
      topic: await first(clients.quality, 'story_topic'),
      valuation: await first(clients.quality, 'story_valuation'),
      archetype: await first(clients.quality, 'story_archetype'),
    };

    // orgb: its admin builds a district, a team, a coach and a quality user.
    addOrg(db, { name: 'Org B', slug: 'orgb' });
    addUser(db, { org: 'orgb', email: 'sa-b-admin@orgb.example', name: 'Org B admin', roles: ['admin'] });
    const ob = await new Client(server).loginOk('sa-b-admin@orgb.example');
    clients.obAdmin = ob;
    const district = expectStatus(await ob.post('/api/v1/districts', { name: 'Centrum' }), 201);
    teams.OB = expectStatus(await ob.post('/api/v1/teams', { name: teams.A.name, district_id: district.id }), 201);
    for (const [key, roles, teamIds] of [['obCoach', ['coach'], [teams.OB.id]], ['obQuality', ['quality'], []]]) {
      expectStatus(await ob.post('/api/v1/users', { email: `sa-${key.toLowerCase()}@orgb.example`, name: `Org B ${key}`, password: PASSWORD, roles, team_ids: teamIds }), 201);
      clients[key] = await new Client(server).loginOk(`sa-${key.toLowerCase()}@orgb.example`);
    }
    values.orgb = {
      topic: await first(clients.obQuality, 'story_topic'),
      valuation: await first(clients.obQuality, 'story_valuation'),
      archetype: await first(clients.obQuality, 'story_archetype'),
    };
    assert.notEqual(values.orgb.topic, values.smd.topic, 'orgb has its own values');

    // The targets: published stories (2024) and pending public ones of both organisations.
    stories.smdPub = expectStatus(await clients.coach.post('/api/v1/stories', { ...storyBody('coach', 'Gepubliceerd smd'), date: '2024-03-01', team_id: teams.A.id }), 201).id;
    stories.obPub = expectStatus(await clients.obCoach.post('/api/v1/stories', { ...storyBody('obCoach', 'Gepubliceerd orgb'), date: '2024-03-01', team_id: teams.OB.id }), 201).id;
    for (const [org, client, target] of [['smd', clients.quality, 'smdPending'], ['orgb', clients.obQuality, 'obPending']]) {
      expectStatus(await publicPost(org, { title: `Wachtend ${org}`, text: 'Wacht op beoordeling.', date: '2024-03-05' }), 202, `public story ${org}`);
      stories[target] = await pendingOf(client, `Wachtend ${org}`);
    }
    // More stories of smd in 2024 for the dashboard: one of team B, one without team.
    expectStatus(await clients.quality.post('/api/v1/stories', { ...storyBody('quality', 'Team B'), date: '2024-04-01', team_id: teams.B.id }), 201);
    expectStatus(await clients.quality.post('/api/v1/stories', { ...storyBody('quality', 'Zonder team'), date: '2024-04-02' }), 201);

    // Values to PATCH.
    editable.story_prompt = expectStatus(await clients.admin.post('/api/v1/lists/story_prompt', { label: 'Matrixvraag', label_en: 'Matrix question' }), 201);
    editable.story_topic = expectStatus(await clients.quality.post('/api/v1/lists/story_topic', { label: 'Matrixonderwerp', label_en: 'Matrix topic' }), 201);
    editable.cost_category = expectStatus(await clients.admin.post('/api/v1/lists/cost_category', { label: 'Matrixkosten', label_en: 'Matrix costs' }), 201);
    editable.obPrompt = expectStatus(await clients.obQuality.post('/api/v1/lists/story_prompt', { label: 'Org B vraag', label_en: 'Org B question' }), 201);
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ nothing changes on a refusal

  /** Everything a refused request could have touched, read by those who may read it. */
  async function snapshot() {
    const reads = [];
    const get = (client, p) => reads.push(client.get(p).then((r) => [p, expectStatus(r, 200, `snapshot ${p}`)]));
    for (const [q, ad] of [[clients.quality, clients.admin], [clients.obQuality, clients.obAdmin]]) {
      for (const status of ['published', 'pending', 'rejected']) get(q, `/api/v1/stories?status=${status}&limit=500`);
      for (const list of ['story_topic', 'story_valuation', 'story_archetype', 'story_prompt', 'cost_category', 'payer']) get(ad, `/api/v1/lists/${list}`);
      get(ad, '/api/v1/audit?limit=1');
    }
    const answers = await Promise.all(reads);
    return answers.map(([p, body], i) => [`${i}:${p}`, body]);
  }

  // ------------------------------------------------------------------ the matrix

  const storyTargets = Object.keys(TARGETS);
  const rows = [
    {
      ep: 'POST /api/v1/stories', target: '-',
      req: (k) => ['POST', '/api/v1/stories', storyBody(k, shareStatus(k) === 201 ? `OK-${k}-${++n}` : marker(k))],
      expect: shareStatus,
    },
    ...['published', 'pending', 'rejected'].map((status) => ({
      ep: 'GET /api/v1/stories', target: `status=${status}`,
      req: () => ['GET', `/api/v1/stories?status=${status}`], expect: (k) => listStatus(k, status),
    })),
    {
      ep: 'GET /api/v1/stories', target: '-', req: () => ['GET', '/api/v1/stories'], expect: (k) => listStatus(k, 'published'),
    },
    ...storyTargets.map((target) => ({
      ep: 'GET /api/v1/stories/{id}', target, req: () => ['GET', `/api/v1/stories/${idOf(target)}`], expect: (k) => getStatus(k, target),
    })),
    // Moderation: a refused request must leave the pending story pending; the one caller
    // that may decide gets a fresh pending story of its own organisation.
    ...['smd', 'orgb', 'missing'].map((org) => ({
      ep: 'POST /api/v1/stories/{id}/moderation', target: org === 'missing' ? 'missing' : `pending story of ${org}`,
      prepare: async (k) => {
        if (org === 'missing' || moderateStatus(k, org) !== 200) return org === 'missing' ? MISSING_ID : stories[org === 'smd' ? 'smdPending' : 'obPending'];
        const title = `Vers ${org} ${++n}`;
        expectStatus(await publicPost(org, { title, text: 'Vers.', date: '2024-03-06' }), 202);
        return pendingOf(clients[k], title);
      },
      req: (k, id) => ['POST', `/api/v1/stories/${id}/moderation`, { decision: 'accept' }],
      expect: (k) => (org === 'missing' ? (moderateStatus(k, 'x') === 404 ? 404 : moderateStatus(k, 'x')) : moderateStatus(k, org)),
      otherOrg: (k) => org !== 'missing' && CALLERS[k].org !== org,
      checkAfter: org === 'missing' ? undefined : async (k, id, r) => {
        if (r.status !== 200) return null;
        const s = r.json;
        return s?.status === 'published' && s.id === id ? null : `accepting should publish story ${id}: ${show(r).slice(0, 300)}`;
      },
    })),
    ...[null, 'A', 'B'].map((team) => ({
      ep: 'GET /api/v1/stories/stats', target: team ? `team ${team}` : 'no team',
      req: () => ['GET', `/api/v1/stories/stats?from=2024-01-01&to=2024-12-31${team ? `&team=${teams[team].id}` : ''}`],
      expect: (k) => statsStatus(k, team),
    })),
    ...['story_topic', 'story_valuation', 'story_archetype', 'story_prompt', 'cost_category', 'payer'].map((list) => ({
      ep: `POST /api/v1/lists/${list}`, target: '-',
      req: (k) => ['POST', `/api/v1/lists/${list}`, listWriteStatus(k, list, true) === 201
        ? { label: `OK-${list}-${k}-${++n}`, label_en: `OK ${n}` } : { label: marker(k), label_en: 'hack' }],
      expect: (k) => listWriteStatus(k, list, true),
    })),
    ...[['story_prompt', 'story_prompt', 'smd'], ['story_topic', 'story_topic', 'smd'], ['cost_category', 'cost_category', 'smd'], ['story_prompt', 'obPrompt', 'orgb']].map(([list, v, org]) => ({
      ep: `PATCH /api/v1/lists/${list}/{id}`, target: org === 'smd' ? 'own value' : 'orgb value',
      req: (k) => ['PATCH', `/api/v1/lists/${list}/${editable[v].id}`, listWriteStatus(k, list, false) === 200 && CALLERS[k].org === org
        ? { label_en: `OK ${k} ${++n}` } : { label: marker(k), label_en: 'hack', active: false }],
      expect: (k) => {
        const s = listWriteStatus(k, list, false);
        return s === 200 && CALLERS[k].org !== org ? 404 : s;
      },
      otherOrg: (k) => CALLERS[k].org !== org,
    })),
  ];

  const matrix = {
    keys: KEYS,
    clients,
    snapshot,
    label: (key) => `${key} (${CALLERS[key].org} ${CALLERS[key].roles.join('+')}${CALLERS[key].team ? ` team ${CALLERS[key].team}` : ''})`,
    foreign: (key, row) => row.target in TARGETS && row.target !== 'missing' && TARGETS[row.target].org !== CALLERS[key].org,
    missing: (p) => p.replace(/\/\d+(\/moderation)?$/, (m, tail) => `/${MISSING_ID}${tail || ''}`),
  };

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  // ------------------------------------------------------------------ what each caller sees

  it('GET /stories and the dashboard count only the caller\'s organisation; a team manager only own teams', async () => {
    const titles = async (key) => expectStatus(await clients[key].get('/api/v1/stories?limit=500'), 200).items.map((s) => s.title);
    for (const key of ['coach', 'tmA', 'quality', 'director', 'coord']) {
      const t = await titles(key);
      assert.ok(t.includes('Gepubliceerd smd') && !t.includes('Gepubliceerd orgb') && !t.some((x) => x.startsWith('Wachtend')), `${key}: ${t}`);
    }
    for (const key of ['obCoach', 'obQuality']) {
      const t = await titles(key);
      assert.ok(t.includes('Gepubliceerd orgb') && !t.includes('Gepubliceerd smd'), `${key}: ${t}`);
    }
    const count = async (key, extra = '') => expectStatus(await clients[key].get(`/api/v1/stories/stats?from=2024-01-01&to=2024-12-31${extra}`), 200, `stats as ${key}`).period.count;
    // 2024 in smd: team A (coach), team B, no team, and the pending stories accepted by the matrix (no team).
    const accepted = expectStatus(await clients.quality.get('/api/v1/stories?from=2024-01-01&to=2024-12-31&limit=500'), 200);
    const smdAll = accepted.total;
    assert.ok(smdAll >= 3, `smd has at least 3 stories in 2024: ${smdAll}`);
    assert.equal(await count('quality'), smdAll);
    assert.equal(await count('director'), smdAll);
    assert.equal(await count('tmA'), 1, 'team A only');
    assert.equal(await count('tmA', `&team=${teams.A.id}`), 1);
    assert.equal(await count('quality', `&team=${teams.B.id}`), 1);
    assert.equal(await count('tmNone'), 0, 'a team manager without a team sees no story');
    const obAll = expectStatus(await clients.obQuality.get('/api/v1/stories?from=2024-01-01&to=2024-12-31&limit=500'), 200).total;
    assert.equal(await count('obQuality'), obAll);
    assert.ok(obAll < smdAll + 1 && obAll >= 1);
  });

  it('a pending story: quality of its organisation reads it, no one else (404)', async () => {
    assert.equal(expectStatus(await clients.quality.get(`/api/v1/stories/${stories.smdPending}`), 200).status, 'pending');
    for (const key of ['coach', 'tmA', 'director', 'coord', 'obQuality']) {
      const r = await clients[key].get(`/api/v1/stories/${stories.smdPending}`);
      assert.equal(r.status, 404, `${key}: ${show(r)}`);
    }
  });

  it('the public form is for anyone; a story with another organisation\'s values is refused', async () => {
    for (const key of ['anon', 'funder', 'obCoach']) {
      const f = expectStatus(await clients[key].get(`/api/v1/public/${DEMO_ORG_SLUG}/form`), 200, `form as ${key}`);
      assert.equal(f.organisation.slug, DEMO_ORG_SLUG);
      assert.ok(f.topics.every((t) => t.id !== values.orgb.topic));
    }
    const before = await snapshot();
    const r = await clients.coach.post('/api/v1/stories', { ...storyBody('obCoach', marker('coach')) });
    assert.equal(r.status, 422, `orgb's values in an smd story: ${show(r)}`);
    const p = await publicPost(DEMO_ORG_SLUG, { title: marker('anon'), text: 'x', topic_id: values.orgb.topic });
    assert.equal(p.status, 422, `orgb's topic on smd's form: ${show(p)}`);
    const t = await clients.coach.post('/api/v1/stories', { ...storyBody('coach', marker('coach')), team_id: teams.OB.id });
    assert.equal(t.status, 422, `orgb's team in an smd story: ${show(t)}`);
    assert.deepEqual(await snapshot(), before);
  });
});
