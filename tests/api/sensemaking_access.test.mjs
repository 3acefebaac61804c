// THE access matrix of the Vertelpunt, part 2, as data (docs/openapi.json, tags
// "sensemaking", "stories" and "usage"): colleagues, sense-making sessions, their
// themes and actions, best practices, the stories export and module views.
//
// Two organisations: the demo organisation `smd` and `orgb` (made with the CLI). Callers:
// one per role of smd (a coach and a team manager of team A, a coordinator), orgb's
// quality user, coach and admin, and a caller without a session. Targets: an open and a
// closed session of smd and an open one of orgb, their themes, actions owned by smd's
// coach, by smd's quality user and by orgb's coach, published stories of both, and ids
// that do not exist. Every refused state-changing request is checked to have changed
// nothing, and another organisation's record must look exactly like a missing one (the
// shared checks of harness.mjs, accessRowViolations). Ids of the other organisation in
// a body are refused as unknown (422).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG, expectStatus,
  assertValidation, accessRowViolations, show,
} from './harness.mjs';
import { getBytes, parseCsv, BOM } from './fixtures.mjs';

const MISSING_ID = 987654321;
const YEAR = new Date().getUTCFullYear();

// key → organisation, roles, team (A of smd; OB of orgb)
const CALLERS = {
  admin: { org: 'smd', roles: ['admin'] },
  coach: { org: 'smd', roles: ['coach'], team: 'A' },
  tm: { org: 'smd', roles: ['team_manager'], team: 'A' },
  quality: { org: 'smd', roles: ['quality'] },
  director: { org: 'smd', roles: ['director'] },
  funder: { org: 'smd', roles: ['funder'] },
  hr: { org: 'smd', roles: ['hr'] },
  coord: { org: 'smd', roles: ['coordinator:doorstroomwoningen'] },
  obQuality: { org: 'orgb', roles: ['quality'] },
  obCoach: { org: 'orgb', roles: ['coach'], team: 'OB' },
  obAdmin: { org: 'orgb', roles: ['admin'] },
  anon: { org: null, roles: [] },
};
const KEYS = Object.keys(CALLERS);

// key → organisation (and for sessions: open or closed; for actions: the owner's key)
const SESSIONS = {
  smdOpen: { org: 'smd', status: 'open' },
  smdClosed: { org: 'smd', status: 'closed' },
  obOpen: { org: 'orgb', status: 'open' },
  missing: { org: null },
};
const THEMES = {
  smdTheme: { org: 'smd', session: 'smdOpen' },
  smdClosedTheme: { org: 'smd', session: 'smdClosed' },
  obTheme: { org: 'orgb', session: 'obOpen' },
  missing: { org: null, session: 'smdOpen' },
};
const ACTIONS = {
  smdCoachAction: { org: 'smd', owner: 'coach' },
  smdQualityAction: { org: 'smd', owner: 'quality' },
  obAction: { org: 'orgb', owner: 'obCoach' },
  missing: { org: null },
};
const STORIES = {
  smdPub: { org: 'smd' },
  obPub: { org: 'orgb' },
  missing: { org: null },
};

// ------------------------------------------------------------------ the rules, from docs/openapi.json

const has = (c, role) => c.roles.includes(role);
const anon = (c) => c.org === null;
const mayRead = (c) => c.roles.some((r) => !['funder', 'hr', 'admin'].includes(r));
const isQuality = (c) => has(c, 'quality');
const onlyFunder = (c) => c.roles.length === 1 && has(c, 'funder');

function colleaguesStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return onlyFunder(c) ? 403 : 200;
}
/** Lists for every role that reads stories. */
function readListStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return mayRead(c) ? 200 : 403;
}
function readSessionStatus(key, target) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!mayRead(c)) return 403;
  return SESSIONS[target].org === c.org ? 200 : 404;
}
function createSessionStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return isQuality(c) ? 201 : 403;
}
/** PATCH, close, themes: quality, while open; `created` for the 201 of a new theme. */
function runStatus(key, org, status, created = false) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  if (org !== c.org) return 404;
  if (status === 'closed') return 409;
  return created ? 201 : 200;
}
/** New actions: quality, open or closed session. */
function addActionStatus(key, target) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  return SESSIONS[target].org === c.org ? 201 : 404;
}
/** PATCH an action: its owner and quality; the route asks first whether the caller reads stories at all. */
function patchActionStatus(key, target) {
  const c = CALLERS[key];
  const t = ACTIONS[target];
  if (anon(c)) return 401;
  if (!mayRead(c)) return 403;
  if (t.org !== c.org) return 404;
  return isQuality(c) || t.owner === key ? 200 : 403;
}
function promoteStatus(key, target) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  return STORIES[target].org === c.org ? 201 : 404;
}
function exportStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return has(c, 'quality') || has(c, 'director') ? 200 : 403;
}
function viewStatus(key) {
  return anon(CALLERS[key]) ? 401 : 204;
}

describe('sense-making access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {};
  const ids = {}; // user ids by caller key
  const teams = {}; // A, OB
  const values = {}; // org → {topic, valuation}
  const stories = {}; // STORIES key → id
  const sessions = {}; // SESSIONS key → id
  const themes = {}; // THEMES key → id
  const actions = {}; // ACTIONS key → id
  let n = 0;
  const marker = (key) => `HACK-${key}-${++n}`;
  const orgOf = (key) => (CALLERS[key].org === 'orgb' ? 'orgb' : 'smd');
  const qualityOf = (org) => clients[org === 'orgb' ? 'obQuality' : 'quality'];
  const idOf = (table, target) => (target === 'missing' ? MISSING_ID : table[target]);

  const storyBody = (org, title) => ({
    title, text: 'Een verhaal voor de matrix.', date: '2020-02-02', teller_kind: 'medewerker',
    topic_id: values[org].topic, valuation_id: values[org].valuation,
  });
  async function freshStory(org) {
    return expectStatus(await qualityOf(org).post('/api/v1/stories', storyBody(org, `Vers ${org} ${++n}`)), 201, 'fresh story').id;
  }
  async function freshSession(org, extra = {}) {
    const body = { title: `Vers ${org} ${++n}`, date: '2020-03-03', facilitator_id: ids[org === 'orgb' ? 'obQuality' : 'quality'], story_ids: [stories[org === 'orgb' ? 'obPub' : 'smdPub']], ...extra };
    return expectStatus(await qualityOf(org).post('/api/v1/sensemaking-sessions', body), 201, 'fresh session').id;
  }

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'sma-admin@example.org', name: 'Matrix admin', roles: ['admin'] });
    clients.admin = await new Client(server).loginOk('sma-admin@example.org');
    ids.admin = clients.admin.me.id;
    const all = expectStatus(await clients.admin.get('/api/v1/teams'), 200).items;
    teams.A = all.find((t) => t.name === 'Wijkteam Centrum');
    for (const key of KEYS.filter((k) => CALLERS[k].org === 'smd' && k !== 'admin')) {
      const c = CALLERS[key];
      ids[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `sma-${key.toLowerCase()}@example.org`, name: `Matrix ${key}`, roles: c.roles, teams: c.team ? [teams.A.name] : [] });
      clients[key] = await new Client(server).loginOk(`sma-${key.toLowerCase()}@example.org`);
    }
    clients.anon = new Client(server);

    addOrg(db, { name: 'Org B', slug: 'orgb' });
    addUser(db, { org: 'orgb', email: 'sma-b-admin@orgb.example', name: 'Org B admin', roles: ['admin'] });
    clients.obAdmin = await new Client(server).loginOk('sma-b-admin@orgb.example');
    ids.obAdmin = clients.obAdmin.me.id;
    const district = expectStatus(await clients.obAdmin.post('/api/v1/districts', { name: 'Centrum' }), 201);
    teams.OB = expectStatus(await clients.obAdmin.post('/api/v1/teams', { name: teams.A.name, district_id: district.id }), 201);
    for (const [key, roles, teamIds] of [['obCoach', ['coach'], [teams.OB.id]], ['obQuality', ['quality'], []]]) {
      ids[key] = expectStatus(await clients.obAdmin.post('/api/v1/users', { email: `sma-${key.toLowerCase()}@orgb.example`, name: `Org B ${key}`, password: PASSWORD, roles, team_ids: teamIds }), 201).id;
      clients[key] = await new Client(server).loginOk(`sma-${key.toLowerCase()}@orgb.example`);
    }
    for (const [org, q] of [['smd', clients.quality], ['orgb', clients.obQuality]]) {
      const first = async (list) => expectStatus(await q.get(`/api/v1/lists/${list}`), 200, list).items[0].id;
      values[org] = { topic: await first('story_topic'), valuation: await first('story_valuation') };
    }
    assert.notEqual(values.orgb.topic, values.smd.topic, 'orgb has its own values');

    stories.smdPub = expectStatus(await clients.quality.post('/api/v1/stories', { ...storyBody('smd', 'Gepubliceerd smd'), team_id: teams.A.id }), 201).id;
    stories.obPub = expectStatus(await clients.obQuality.post('/api/v1/stories', { ...storyBody('orgb', 'Gepubliceerd orgb'), team_id: teams.OB.id }), 201).id;
    sessions.smdOpen = await freshSession('smd', { title: 'Open smd' });
    sessions.smdClosed = await freshSession('smd', { title: 'Gesloten smd' });
    sessions.obOpen = await freshSession('orgb', { title: 'Open orgb' });
    const theme = async (org, session, title) => expectStatus(await qualityOf(org).post(`/api/v1/sensemaking-sessions/${session}/themes`, { title }), 201).id;
    themes.smdTheme = await theme('smd', sessions.smdOpen, 'Thema smd');
    themes.smdClosedTheme = await theme('smd', sessions.smdClosed, 'Thema gesloten smd');
    themes.obTheme = await theme('orgb', sessions.obOpen, 'Thema orgb');
    expectStatus(await clients.quality.post(`/api/v1/sensemaking-sessions/${sessions.smdClosed}/close`, { conclusion: 'Gesloten.' }), 200);
    const action = async (org, session, owner) => expectStatus(await qualityOf(org).post(`/api/v1/sensemaking-sessions/${session}/actions`, { description: `Actie van ${owner}`, owner_id: ids[owner], due_date: '2099-01-01' }), 201).id;
    actions.smdCoachAction = await action('smd', sessions.smdOpen, 'coach');
    actions.smdQualityAction = await action('smd', sessions.smdOpen, 'quality');
    actions.obAction = await action('orgb', sessions.obOpen, 'obCoach');
    expectStatus(await clients.quality.post(`/api/v1/stories/${await freshStory('smd')}/best-practice`, { summary: 'Best practice smd' }), 201);
    expectStatus(await clients.obQuality.post(`/api/v1/stories/${await freshStory('orgb')}/best-practice`, { summary: 'Best practice orgb' }), 201);
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ nothing changes on a refusal

  /** Everything a refused request could have touched, read by those who may read it. */
  async function snapshot() {
    const reads = [];
    const get = (client, p) => reads.push(client.get(p).then((r) => [p, expectStatus(r, 200, `snapshot ${p}`)]));
    for (const [q, ad, own] of [[clients.quality, clients.admin, ['smdOpen', 'smdClosed']], [clients.obQuality, clients.obAdmin, ['obOpen']]]) {
      get(q, '/api/v1/sensemaking-sessions?limit=500');
      for (const s of own) get(q, `/api/v1/sensemaking-sessions/${sessions[s]}`);
      get(q, '/api/v1/sensemaking-actions?limit=500');
      get(q, '/api/v1/best-practices?limit=500');
      get(q, `/api/v1/module-views?year=${YEAR}`);
      get(q, '/api/v1/stories?limit=500');
      get(ad, '/api/v1/audit?limit=1');
    }
    const answers = await Promise.all(reads);
    return answers.map(([p, body], i) => [`${i}:${p}`, body]);
  }

  // ------------------------------------------------------------------ the matrix

  const sessionBody = (k, ok) => {
    const org = orgOf(k);
    return {
      title: ok ? `OK-${k}-${++n}` : marker(k), date: '2020-04-04',
      facilitator_id: ids[org === 'orgb' ? 'obQuality' : 'quality'], story_ids: [stories[org === 'orgb' ? 'obPub' : 'smdPub']],
    };
  };
  const rows = [
    { ep: 'GET /api/v1/colleagues', target: '-', req: () => ['GET', '/api/v1/colleagues'], expect: colleaguesStatus },
    { ep: 'GET /api/v1/sensemaking-sessions', target: '-', req: () => ['GET', '/api/v1/sensemaking-sessions'], expect: readListStatus },
    {
      ep: 'POST /api/v1/sensemaking-sessions', target: '-',
      req: (k) => ['POST', '/api/v1/sensemaking-sessions', sessionBody(k, createSessionStatus(k) === 201)],
      expect: createSessionStatus,
    },
    ...Object.keys(SESSIONS).map((target) => ({
      ep: 'GET /api/v1/sensemaking-sessions/{id}', target,
      req: () => ['GET', `/api/v1/sensemaking-sessions/${idOf(sessions, target)}`],
      expect: (k) => readSessionStatus(k, target),
    })),
    ...Object.keys(SESSIONS).map((target) => ({
      ep: 'PATCH /api/v1/sensemaking-sessions/{id}', target,
      req: (k) => ['PATCH', `/api/v1/sensemaking-sessions/${idOf(sessions, target)}`,
        { notes: runStatus(k, SESSIONS[target].org, SESSIONS[target].status) === 200 ? `OK-${k}-${++n}` : marker(k) }],
      expect: (k) => runStatus(k, SESSIONS[target].org, SESSIONS[target].status),
    })),
    // Closing: the one caller that may close gets a fresh open session of its own organisation.
    ...Object.keys(SESSIONS).map((target) => ({
      ep: 'POST /api/v1/sensemaking-sessions/{id}/close', target,
      prepare: async (k) => {
        const t = SESSIONS[target];
        if (target !== 'missing' && t.status === 'open' && runStatus(k, t.org, t.status) === 200) return freshSession(t.org);
        return idOf(sessions, target);
      },
      req: (k, sid) => ['POST', `/api/v1/sensemaking-sessions/${sid}/close`, { conclusion: marker(k) }],
      expect: (k) => runStatus(k, SESSIONS[target].org, SESSIONS[target].status),
      checkAfter: async (k, sid, r) => (r.status !== 200 || r.json?.status === 'closed' ? null : `closing should close ${sid}: ${show(r).slice(0, 200)}`),
    })),
    ...Object.keys(SESSIONS).map((target) => ({
      ep: 'POST /api/v1/sensemaking-sessions/{id}/themes', target,
      req: (k) => ['POST', `/api/v1/sensemaking-sessions/${idOf(sessions, target)}/themes`,
        { title: runStatus(k, SESSIONS[target].org, SESSIONS[target].status, true) === 201 ? `OK-${k}-${++n}` : marker(k) }],
      expect: (k) => runStatus(k, SESSIONS[target].org, SESSIONS[target].status, true),
    })),
    ...Object.keys(THEMES).map((target) => ({
      ep: 'PATCH /api/v1/sensemaking-sessions/{id}/themes/{theme_id}', target,
      req: (k) => {
        const t = THEMES[target];
        const ok = runStatus(k, t.org, SESSIONS[t.session].status) === 200;
        return ['PATCH', `/api/v1/sensemaking-sessions/${sessions[t.session]}/themes/${idOf(themes, target)}`, { title: ok ? `OK-${k}-${++n}` : marker(k) }];
      },
      expect: (k) => (target === 'missing' ? runStatus(k, null, 'open') : runStatus(k, THEMES[target].org, SESSIONS[THEMES[target].session].status)),
      otherOrg: (k) => target !== 'missing' && THEMES[target].org !== CALLERS[k].org,
    })),
    ...Object.keys(SESSIONS).map((target) => ({
      ep: 'POST /api/v1/sensemaking-sessions/{id}/actions', target,
      req: (k) => ['POST', `/api/v1/sensemaking-sessions/${idOf(sessions, target)}/actions`, {
        description: addActionStatus(k, target) === 201 ? `OK-${k}-${++n}` : marker(k),
        owner_id: ids[orgOf(k) === 'orgb' ? 'obCoach' : 'coach'], due_date: '2099-02-02',
      }],
      expect: (k) => addActionStatus(k, target),
    })),
    { ep: 'GET /api/v1/sensemaking-actions', target: '-', req: () => ['GET', '/api/v1/sensemaking-actions?owner=me&open=true'], expect: readListStatus },
    ...Object.keys(ACTIONS).map((target) => ({
      ep: 'PATCH /api/v1/sensemaking-actions/{id}', target,
      req: (k) => ['PATCH', `/api/v1/sensemaking-actions/${idOf(actions, target)}`,
        patchActionStatus(k, target) === 200 ? { status: 'in_progress' } : { status: 'in_progress', outcome: marker(k) }],
      expect: (k) => patchActionStatus(k, target),
    })),
    // Promoting: the caller that may gets a fresh published story of its own organisation (a second time is 409).
    ...Object.keys(STORIES).map((target) => ({
      ep: 'POST /api/v1/stories/{id}/best-practice', target,
      prepare: async (k) => (target !== 'missing' && promoteStatus(k, target) === 201 ? freshStory(STORIES[target].org) : idOf(stories, target)),
      req: (k, sid) => ['POST', `/api/v1/stories/${sid}/best-practice`, { summary: marker(k) }],
      expect: (k) => promoteStatus(k, target),
    })),
    { ep: 'GET /api/v1/best-practices', target: '-', req: () => ['GET', '/api/v1/best-practices'], expect: readListStatus },
    ...['csv', 'xlsx'].map((format) => ({
      ep: 'GET /api/v1/stories/export', target: format, req: () => ['GET', `/api/v1/stories/export?format=${format}`], expect: exportStatus,
    })),
    { ep: 'POST /api/v1/module-views', target: '-', req: () => ['POST', '/api/v1/module-views', { module: 'vertelpunt' }], expect: viewStatus },
    { ep: 'GET /api/v1/module-views', target: '-', req: () => ['GET', `/api/v1/module-views?year=${YEAR}`], expect: exportStatus },
  ];

  const TARGET_ORG = { ...SESSIONS, ...THEMES, ...ACTIONS, ...STORIES };
  const matrix = {
    keys: KEYS,
    clients,
    snapshot,
    label: (key) => `${key} (${CALLERS[key].org} ${CALLERS[key].roles.join('+')}${CALLERS[key].team ? ` team ${CALLERS[key].team}` : ''})`,
    foreign: (key, row) => row.target in TARGET_ORG && row.target !== 'missing' && TARGET_ORG[row.target].org !== CALLERS[key].org,
    // every id in the path (session and theme alike) replaced by one that does not exist
    missing: (p) => p.replace(/\/\d+(?=\/|$)/g, `/${MISSING_ID}`),
  };

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  // ------------------------------------------------------------------ what each caller sees

  it('lists show only the caller\'s organisation: sessions, actions, best practices, colleagues, views, export', async () => {
    const smdSessions = expectStatus(await clients.coach.get('/api/v1/sensemaking-sessions?limit=500'), 200).items.map((s) => s.id);
    const obSessions = expectStatus(await clients.obCoach.get('/api/v1/sensemaking-sessions?limit=500'), 200).items.map((s) => s.id);
    assert.ok(smdSessions.includes(sessions.smdOpen) && !smdSessions.includes(sessions.obOpen), `smd: ${smdSessions}`);
    assert.ok(obSessions.includes(sessions.obOpen) && !obSessions.includes(sessions.smdOpen), `orgb: ${obSessions}`);
    const smdActions = expectStatus(await clients.director.get('/api/v1/sensemaking-actions?limit=500'), 200).items;
    assert.ok(smdActions.length > 0 && smdActions.every((a) => smdSessions.includes(a.session.id)), 'smd actions only');
    assert.ok(!smdActions.some((a) => a.id === actions.obAction));
    const obActions = expectStatus(await clients.obQuality.get('/api/v1/sensemaking-actions?limit=500'), 200).items;
    assert.ok(obActions.some((a) => a.id === actions.obAction) && obActions.every((a) => obSessions.includes(a.session.id)));
    // filtering on another organisation's ids shows nothing
    assert.equal(expectStatus(await clients.quality.get(`/api/v1/sensemaking-actions?session=${sessions.obOpen}`), 200).total, 0);
    assert.equal(expectStatus(await clients.quality.get(`/api/v1/sensemaking-actions?owner=${ids.obCoach}`), 200).total, 0);
    assert.equal(expectStatus(await clients.quality.get(`/api/v1/best-practices?story=${stories.obPub}`), 200).total, 0);
    const smdBp = expectStatus(await clients.coach.get('/api/v1/best-practices?limit=500'), 200).items.map((b) => b.summary);
    const obBp = expectStatus(await clients.obCoach.get('/api/v1/best-practices?limit=500'), 200).items.map((b) => b.summary);
    assert.ok(smdBp.includes('Best practice smd') && !smdBp.includes('Best practice orgb'), `smd: ${smdBp}`);
    assert.ok(obBp.includes('Best practice orgb') && !obBp.includes('Best practice smd'), `orgb: ${obBp}`);
    const smdPeople = expectStatus(await clients.coach.get('/api/v1/colleagues'), 200).items.map((u) => u.id);
    const obPeople = expectStatus(await clients.obCoach.get('/api/v1/colleagues'), 200).items.map((u) => u.id);
    assert.ok(smdPeople.includes(ids.quality) && !smdPeople.includes(ids.obQuality) && !smdPeople.includes(ids.obCoach));
    assert.deepEqual([...obPeople].sort((a, b) => a - b), [ids.obCoach, ids.obQuality].sort((a, b) => a - b),
      'orgb\'s two users in the work (not its admin)');
    // views are counted per organisation
    const views = async (client) => expectStatus(await client.get(`/api/v1/module-views?year=${YEAR}`), 200).modules.find((m) => m.module === 'vertelpunt').total;
    const [smd0, ob0] = [await views(clients.quality), await views(clients.obQuality)];
    expectStatus(await clients.obCoach.post('/api/v1/module-views', { module: 'vertelpunt' }), 204);
    assert.equal(await views(clients.obQuality), ob0 + 1);
    assert.equal(await views(clients.quality), smd0, 'another organisation\'s view does not count here');
    // the export holds the caller's organisation's stories only
    for (const [client, own, other] of [[clients.director, 'Gepubliceerd smd', 'Gepubliceerd orgb'], [clients.obQuality, 'Gepubliceerd orgb', 'Gepubliceerd smd']]) {
      const r = await getBytes(client, '/api/v1/stories/export?format=csv');
      assert.equal(r.status, 200, show(r));
      const titles = parseCsv(r.buf.subarray(BOM.length).toString('utf8'), ';').slice(1).map((row) => row[2]);
      assert.ok(titles.includes(own) && !titles.includes(other), `export: ${titles}`);
    }
  });

  it('another organisation\'s ids in a body are unknown (422) and nothing changes', async () => {
    const before1 = await snapshot();
    const q = clients.quality;
    const base = { title: 'Over de grens', date: '2020-05-05', facilitator_id: ids.quality };
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, story_ids: [stories.obPub] }), ['story_ids[0]'], 'orgb story');
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, facilitator_id: ids.obQuality, story_ids: [stories.smdPub] }), ['facilitator_id'], 'orgb facilitator');
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, participant_ids: [ids.obCoach], story_ids: [stories.smdPub] }), ['participant_ids[0]'], 'orgb participant');
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, story_filter: { team: teams.OB.id } }), ['story_filter.team'], 'orgb team in a filter');
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, story_filter: { topic: values.orgb.topic } }), ['story_filter.topic'], 'orgb topic in a filter');
    assertValidation(await q.post('/api/v1/sensemaking-sessions', { ...base, story_filter: { valuation: values.orgb.valuation } }), ['story_filter.valuation'], 'orgb valuation in a filter');
    assertValidation(await q.patch(`/api/v1/sensemaking-sessions/${sessions.smdOpen}`, { story_ids: [stories.obPub] }), ['story_ids[0]'], 'PATCH with an orgb story');
    assertValidation(await q.post(`/api/v1/sensemaking-sessions/${sessions.smdOpen}/themes`, { title: 'Grens', story_ids: [stories.obPub] }), ['story_ids[0]'], 'orgb story in a theme');
    assertValidation(await q.post(`/api/v1/sensemaking-sessions/${sessions.smdOpen}/actions`, { description: 'Grens', owner_id: ids.obCoach, due_date: '2099-01-01' }), ['owner_id'], 'orgb owner');
    assertValidation(await q.post(`/api/v1/sensemaking-sessions/${sessions.smdOpen}/actions`, { description: 'Grens', owner_id: ids.coach, due_date: '2099-01-01', theme_id: themes.obTheme }), ['theme_id'], 'orgb theme');
    assertValidation(await q.patch(`/api/v1/sensemaking-actions/${actions.smdCoachAction}`, { owner_id: ids.obCoach }), ['owner_id'], 'orgb owner on PATCH');
    assertValidation(await q.post(`/api/v1/stories/${stories.smdPub}/best-practice`, { summary: 'Grens', session_id: sessions.obOpen }), ['session_id'], 'orgb session');
    assert.deepEqual(await snapshot(), before1, 'nothing changed');
  });
});
