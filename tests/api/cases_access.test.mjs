// THE access matrix of cases, receipts, the summary, programmes and lists, as data
// (docs/openapi.json, each operation's description of who may use it).
//
// Two organisations: the demo organisation `smd` with programmes P (Doorstroomwoningen,
// slug `doorstroomwoningen`) and Q (Other, slug `other`), and `orgb` (made with the CLI)
// with its own team and a programme with the SAME slug. Callers: one per role, coaches
// and a team manager bound to teams A or B, coordinators of P and of Q, and orgb's
// admin, coach and coordinator. Targets: a case of team A in P, of team B in P, of team
// A in Q, a case of orgb, and an id that does not exist. Every refused state-changing
// request is checked to have changed nothing.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG,
  expectStatus, show, accessRowViolations,
} from './harness.mjs';

const MISSING_ID = 987654321;
const ANY_DENIAL = [403, 404]; // must also equal the answer for an id that does not exist
const SLUG = { P: 'doorstroomwoningen', Q: 'other', OBP: 'doorstroomwoningen' };

// key → organisation, roles, team
const CALLERS = {
  coachA: { org: 'smd', roles: ['coach'], team: 'A' },
  coachB: { org: 'smd', roles: ['coach'], team: 'B' },
  tmA: { org: 'smd', roles: ['team_manager'], team: 'A' },
  coordP: { org: 'smd', roles: ['coordinator:doorstroomwoningen'] },
  coordOther: { org: 'smd', roles: ['coordinator:other'] },
  quality: { org: 'smd', roles: ['quality'] },
  director: { org: 'smd', roles: ['director'] },
  hr: { org: 'smd', roles: ['hr'] },
  admin: { org: 'smd', roles: ['admin'] },
  funder: { org: 'smd', roles: ['funder'] },
  obAdmin: { org: 'orgb', roles: ['admin'] },
  obCoach: { org: 'orgb', roles: ['coach'], team: 'OB' },
  obCoord: { org: 'orgb', roles: ['coordinator:doorstroomwoningen'] },
};
const KEYS = Object.keys(CALLERS);

// key → organisation, team, programme
const TARGETS = {
  caseA: { org: 'smd', team: 'A', prog: 'P' },
  caseB: { org: 'smd', team: 'B', prog: 'P' },
  caseQ: { org: 'smd', team: 'A', prog: 'Q' },
  caseOB: { org: 'orgb', team: 'OB', prog: 'OBP' },
  missing: { org: null },
};

// ------------------------------------------------------------------ the rules, from docs/openapi.json

const has = (c, role) => c.roles.includes(role);
const hasCaseRights = (c) => c.roles.some((r) => ['coach', 'team_manager', 'quality', 'director'].includes(r) || r.startsWith('coordinator:'));
const coordinates = (c, prog) => has(c, `coordinator:${SLUG[prog]}`);
function canRead(c, t) {
  if (c.org !== t.org) return false;
  if (has(c, 'quality') || has(c, 'director')) return true;
  if ((has(c, 'coach') || has(c, 'team_manager')) && c.team === t.team) return true;
  return coordinates(c, t.prog);
}
function canEdit(c, t) {
  if (c.org !== t.org) return false;
  if (has(c, 'coach') && c.team === t.team) return true;
  return coordinates(c, t.prog);
}
/** A case of another organisation (or none) is 404; a role without any case rights may get 403 there. */
function notHere(c) { return hasCaseRights(c) ? 404 : ANY_DENIAL; }
function readStatus(key, target) {
  const c = CALLERS[key];
  const t = TARGETS[target];
  if (!t.org || t.org !== c.org) return notHere(c);
  return canRead(c, t) ? 200 : 403;
}
function editStatus(key, target) {
  const c = CALLERS[key];
  const t = TARGETS[target];
  if (!t.org || t.org !== c.org) return notHere(c);
  return canEdit(c, t) ? 200 : 403;
}
function createStatus(key, team, prog) {
  const c = CALLERS[key];
  if (!hasCaseRights(c)) return 403;
  if (c.org !== 'smd') return 422; // team and programme of another organisation
  return canEdit(c, { org: 'smd', team, prog }) ? 201 : 403;
}
const isAdmin = (key) => has(CALLERS[key], 'admin');
const notFunder = (key) => (has(CALLERS[key], 'funder') ? 403 : 200);

describe('cases access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {};
  let teamA;
  let teamB;
  let obTeam;
  const prog = {}; // P, Q, OBP → Programme
  const cases = {}; // target key → Case
  const receipts = {}; // target key → the body that makes its receipt
  let caseBrun; // a running case of team B in P (not a matrix target)
  const values = {}; // smd/orgb list values used by the rows
  let n = 0;
  const marker = (key) => `HACK-${key}-${++n}`;

  const idOf = (target) => (target === 'missing' ? MISSING_ID : cases[target].id);
  const line = (category_id, payer_id, description, amount_cents) => ({ category_id, payer_id, description, amount_cents });

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'ca-admin@example.org', name: 'Matrix admin', roles: ['admin'] });
    clients.admin = await new Client(server).loginOk('ca-admin@example.org');
    const teams = expectStatus(await clients.admin.get('/api/v1/teams'), 200).items
      .filter((t) => t.name.startsWith('Wijkteam ')).sort((a, b) => a.id - b.id);
    [teamA, teamB] = teams;
    for (const key of KEYS.filter((k) => CALLERS[k].org === 'smd' && k !== 'admin')) {
      const c = CALLERS[key];
      const team = c.team === 'A' ? teamA : c.team === 'B' ? teamB : null;
      addUser(db, { org: DEMO_ORG_SLUG, email: `ca-${key.toLowerCase()}@example.org`, name: `Matrix ${key}`, roles: c.roles, teams: team ? [team.name] : [] });
      clients[key] = await new Client(server).loginOk(`ca-${key.toLowerCase()}@example.org`);
    }
    prog.P = expectStatus(await clients.admin.post('/api/v1/programmes', { name: 'Doorstroomwoningen', start_date: '2016-01-01' }), 201);
    prog.Q = expectStatus(await clients.admin.post('/api/v1/programmes', { name: 'Other', start_date: '2016-01-01' }), 201);
    assert.deepEqual([prog.P.slug, prog.Q.slug], ['doorstroomwoningen', 'other']);
    const cats = new Map(expectStatus(await clients.admin.get('/api/v1/lists/cost_category'), 200).items.map((v) => [v.label, v.id]));
    const pays = new Map(expectStatus(await clients.admin.get('/api/v1/lists/payer'), 200).items.map((v) => [v.label, v.id]));
    values.smdCategory = expectStatus(await clients.admin.post('/api/v1/lists/cost_category', { label: 'Matrixwaarde' }), 201);
    values.smdPayer = expectStatus(await clients.admin.post('/api/v1/lists/payer', { label: 'Matrixbetaler' }), 201);

    // The targets of smd, with receipts: A and B afgerond on 2017-06-01.
    receipts.caseA = { oud: [line(cats.get('crisisopvang'), pays.get('gemeente'), 'opvang', 100000)], nieuw: [line(cats.get('inzet wijkcoach'), pays.get('gemeente'), 'coach', 30000)] };
    receipts.caseB = { oud: [line(cats.get('uitkering'), pays.get('Rijk'), 'uitkering', 200000)], nieuw: [line(cats.get('maatwerkbudget'), pays.get('gemeente'), 'budget', 50000)] };
    receipts.caseQ = { oud: [line(cats.get('overig'), pays.get('overig'), 'q', 7000)], nieuw: [] };
    const make = async (client, body) => expectStatus(await client.post('/api/v1/cases', body), 201, `create ${body.reference}`);
    cases.caseA = await make(clients.coordP, { reference: 'M-A', team_id: teamA.id, programme_id: prog.P.id, start_date: '2017-01-01', status: 'afgerond', status_date: '2017-06-01', plan: 'plan A' });
    cases.caseB = await make(clients.coordP, { reference: 'M-B', team_id: teamB.id, programme_id: prog.P.id, start_date: '2017-01-01', status: 'afgerond', status_date: '2017-06-01', plan: 'plan B' });
    cases.caseQ = await make(clients.coordOther, { reference: 'M-Q', team_id: teamA.id, programme_id: prog.Q.id, start_date: '2017-01-01', plan: 'plan Q' });
    caseBrun = await make(clients.coordP, { reference: 'M-B-lopend', team_id: teamB.id, programme_id: prog.P.id, start_date: '2017-01-01' });
    expectStatus(await clients.coordP.put(`/api/v1/cases/${cases.caseA.id}/receipt`, receipts.caseA), 200);
    expectStatus(await clients.coordP.put(`/api/v1/cases/${cases.caseB.id}/receipt`, receipts.caseB), 200);
    expectStatus(await clients.coordOther.put(`/api/v1/cases/${cases.caseQ.id}/receipt`, receipts.caseQ), 200);
    values.cats = cats;
    values.pays = pays;

    // orgb: its admin (CLI) builds a team, a programme with the same slug, a coach and a coordinator.
    addOrg(db, { name: 'Org B', slug: 'orgb' });
    addUser(db, { org: 'orgb', email: 'ca-b-admin@orgb.example', name: 'Org B admin', roles: ['admin'] });
    const ob = await new Client(server).loginOk('ca-b-admin@orgb.example');
    clients.obAdmin = ob;
    const district = expectStatus(await ob.post('/api/v1/districts', { name: 'Centrum' }), 201);
    obTeam = expectStatus(await ob.post('/api/v1/teams', { name: teamA.name, district_id: district.id }), 201);
    prog.OBP = expectStatus(await ob.post('/api/v1/programmes', { name: 'Doorstroomwoningen', start_date: '2016-01-01' }), 201, 'orgb programme');
    assert.equal(prog.OBP.slug, 'doorstroomwoningen', 'the same slug in another organisation');
    for (const [key, roles, teamIds] of [['obCoach', ['coach'], [obTeam.id]], ['obCoord', ['coordinator:doorstroomwoningen'], []]]) {
      expectStatus(await ob.post('/api/v1/users', { email: `ca-${key.toLowerCase()}@orgb.example`, name: `Org B ${key}`, password: PASSWORD, roles, team_ids: teamIds }), 201);
      clients[key] = await new Client(server).loginOk(`ca-${key.toLowerCase()}@orgb.example`);
    }
    const obCats = expectStatus(await ob.get('/api/v1/lists/cost_category'), 200).items;
    const obPays = expectStatus(await ob.get('/api/v1/lists/payer'), 200).items;
    receipts.caseOB = { oud: [line(obCats[0].id, obPays[0].id, 'orgb', 12300)], nieuw: [] };
    cases.caseOB = await make(clients.obCoach, { reference: 'M-A', team_id: obTeam.id, programme_id: prog.OBP.id, start_date: '2017-01-01', status: 'afgerond', status_date: '2017-06-01' });
    expectStatus(await clients.obCoach.put(`/api/v1/cases/${cases.caseOB.id}/receipt`, receipts.caseOB), 200);
    values.obCategory = expectStatus(await ob.post('/api/v1/lists/cost_category', { label: 'Org B waarde' }), 201);
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ nothing changes on a refusal

  /** Everything a refused request could have touched, read by those who may read it. */
  async function snapshot() {
    const reads = [];
    const get = (client, p) => reads.push(client.get(p).then((r) => [p, expectStatus(r, 200, `snapshot ${p}`)]));
    for (const t of ['caseA', 'caseB', 'caseQ']) {
      get(clients.quality, `/api/v1/cases/${cases[t].id}`);
      get(clients.quality, `/api/v1/cases/${cases[t].id}/receipt`);
    }
    get(clients.quality, '/api/v1/cases?limit=500');
    get(clients.obCoach, `/api/v1/cases/${cases.caseOB.id}`);
    get(clients.obCoach, `/api/v1/cases/${cases.caseOB.id}/receipt`);
    get(clients.obCoach, '/api/v1/cases?limit=500');
    for (const c of [clients.admin, clients.obAdmin]) {
      get(c, '/api/v1/programmes');
      get(c, '/api/v1/lists/cost_category');
      get(c, '/api/v1/lists/payer');
      get(c, '/api/v1/audit?limit=1');
    }
    const answers = await Promise.all(reads);
    return Object.fromEntries(answers.map(([p, body], i) => [`${i}:${p}`, body]));
  }

  // ------------------------------------------------------------------ the matrix

  const caseTargets = Object.keys(TARGETS);
  const validCase = (key, team, p) => ({
    reference: `OK-${key}-${++n}`, team_id: team.id, programme_id: p.id, start_date: '2019-01-01',
  });
  const rows = [
    ...caseTargets.map((target) => ({
      ep: 'GET /api/v1/cases/{id}', target, req: () => ['GET', `/api/v1/cases/${idOf(target)}`], expect: (k) => readStatus(k, target),
    })),
    ...caseTargets.map((target) => ({
      ep: 'GET /api/v1/cases/{id}/receipt', target, req: () => ['GET', `/api/v1/cases/${idOf(target)}/receipt`], expect: (k) => readStatus(k, target),
    })),
    ...caseTargets.map((target) => ({
      ep: 'PATCH /api/v1/cases/{id}', target,
      req: (k) => ['PATCH', `/api/v1/cases/${idOf(target)}`, editStatus(k, target) === 200 ? { plan: `OK plan van ${k}` } : { plan: marker(k), status: 'afgerond' }],
      expect: (k) => editStatus(k, target),
    })),
    ...caseTargets.map((target) => ({
      ep: 'PUT /api/v1/cases/{id}/receipt', target,
      req: (k) => ['PUT', `/api/v1/cases/${idOf(target)}/receipt`, editStatus(k, target) === 200
        ? receipts[target]
        : { oud: [line(values.cats.get('overig'), values.pays.get('overig'), marker(k), 999)], nieuw: [] }],
      expect: (k) => editStatus(k, target),
    })),
    { ep: 'GET /api/v1/cases', target: '-', req: () => ['GET', '/api/v1/cases'], expect: (k) => (hasCaseRights(CALLERS[k]) ? 200 : 403) },
    {
      ep: 'POST /api/v1/cases', target: 'team A, programme P',
      req: (k) => ['POST', '/api/v1/cases', createStatus(k, 'A', 'P') === 201 ? validCase(k, teamA, prog.P) : { ...validCase(k, teamA, prog.P), reference: marker(k) }],
      expect: (k) => createStatus(k, 'A', 'P'),
    },
    {
      ep: 'POST /api/v1/cases', target: 'team B, programme P',
      req: (k) => ['POST', '/api/v1/cases', createStatus(k, 'B', 'P') === 201 ? validCase(k, teamB, prog.P) : { ...validCase(k, teamB, prog.P), reference: marker(k) }],
      expect: (k) => createStatus(k, 'B', 'P'),
    },
    {
      ep: 'POST /api/v1/cases', target: 'team A, programme Q',
      req: (k) => ['POST', '/api/v1/cases', createStatus(k, 'A', 'Q') === 201 ? validCase(k, teamA, prog.Q) : { ...validCase(k, teamA, prog.Q), reference: marker(k) }],
      expect: (k) => createStatus(k, 'A', 'Q'),
    },
    {
      ep: 'GET /api/v1/receipts/summary', target: 'programme P',
      req: () => ['GET', `/api/v1/receipts/summary?programme=${prog.P.id}&reference_date=2017-12-31`],
      expect: (k) => {
        const c = CALLERS[k];
        if (c.org !== 'smd') return notHere(c);
        return hasCaseRights(c) ? 200 : 403;
      },
    },
    {
      ep: 'GET /api/v1/receipts/summary', target: 'missing programme',
      req: () => ['GET', `/api/v1/receipts/summary?programme=${MISSING_ID}`],
      expect: (k) => notHere(CALLERS[k]),
    },
    { ep: 'GET /api/v1/programmes', target: '-', req: () => ['GET', '/api/v1/programmes'], expect: notFunder },
    {
      ep: 'POST /api/v1/programmes', target: '-',
      req: (k) => ['POST', '/api/v1/programmes', { name: isAdmin(k) ? `OK-programma-${++n}` : marker(k), start_date: '2017-01-01' }],
      expect: (k) => (isAdmin(k) ? 201 : 403),
    },
    ...[['P', 'smd'], ['OBP', 'orgb'], ['missing', null]].map(([p, org]) => ({
      ep: 'PATCH /api/v1/programmes/{id}', target: p === 'missing' ? 'missing' : p === 'OBP' ? 'otherOrg programme' : 'programme P',
      req: (k) => ['PATCH', `/api/v1/programmes/${p === 'missing' ? MISSING_ID : prog[p].id}`, isAdmin(k) ? { description: `OK ${++n}` } : { name: marker(k), active: false }],
      expect: (k) => (isAdmin(k) ? (CALLERS[k].org === org ? 200 : 404) : 403),
      otherOrg: (k) => org && CALLERS[k].org !== org,
    })),
    ...['cost_category', 'payer'].map((list) => ({
      ep: `GET /api/v1/lists/${list}`, target: '-', req: () => ['GET', `/api/v1/lists/${list}`], expect: notFunder,
    })),
    ...['cost_category', 'payer'].map((list) => ({
      ep: `POST /api/v1/lists/${list}`, target: '-',
      req: (k) => ['POST', `/api/v1/lists/${list}`, { label: isAdmin(k) ? `OK-waarde-${++n}` : marker(k) }],
      expect: (k) => (isAdmin(k) ? 201 : 403),
    })),
    ...[['cost_category', 'smdCategory', 'smd'], ['payer', 'smdPayer', 'smd'], ['cost_category', 'obCategory', 'orgb']].map(([list, v, org]) => ({
      ep: `PATCH /api/v1/lists/${list}/{id}`, target: org === 'smd' ? 'own value' : 'otherOrg value',
      req: (k) => ['PATCH', `/api/v1/lists/${list}/${values[v].id}`, isAdmin(k) ? { label: values[v].label } : { label: marker(k), active: false }],
      expect: (k) => (isAdmin(k) ? (CALLERS[k].org === org ? 200 : 404) : 403),
      otherOrg: (k) => CALLERS[k].org !== org,
    })),
  ];

  const matrix = {
    keys: KEYS,
    clients,
    snapshot,
    label: (key) => `${key} (${CALLERS[key].org} ${CALLERS[key].roles.join('+')}${CALLERS[key].team ? ` team ${CALLERS[key].team}` : ''})`,
    foreign: (key, row) => row.target in TARGETS && row.target !== 'missing' && TARGETS[row.target].org !== CALLERS[key].org,
    missing: (p) => p.replace(/\/\d+(\/receipt)?$/, (m, tail) => `/${MISSING_ID}${tail || ''}`),
  };

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  // ------------------------------------------------------------------ what each caller sees

  it('GET /cases lists exactly the cases each caller may read, never another organisation\'s', async () => {
    const all = expectStatus(await clients.quality.get('/api/v1/cases?limit=500'), 200);
    assert.equal(all.items.length, all.total);
    assert.ok(!all.items.some((c) => c.id === cases.caseOB.id), 'quality of smd sees no orgb case');
    const progKey = (id) => (id === prog.P.id ? 'P' : id === prog.Q.id ? 'Q' : '?');
    const teamKey = (id) => (id === teamA.id ? 'A' : id === teamB.id ? 'B' : '?');
    const failures = [];
    for (const key of KEYS.filter((k) => hasCaseRights(CALLERS[k]))) {
      const r = await clients[key].get('/api/v1/cases?limit=500');
      const page = expectStatus(r, 200, `GET /cases as ${key}`);
      const got = page.items.map((c) => c.id).sort((a, b) => a - b);
      let want;
      if (CALLERS[key].org === 'orgb') want = [cases.caseOB.id];
      else want = all.items.filter((c) => canRead(CALLERS[key], { org: 'smd', team: teamKey(c.team.id), prog: progKey(c.programme.id) })).map((c) => c.id).sort((a, b) => a - b);
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`GET /cases as ${key}: got ${got}, want ${want}`);
      if (page.total !== want.length) failures.push(`GET /cases as ${key}: total ${page.total}, want ${want.length}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    // spot checks of the rule
    const ids = async (key) => expectStatus(await clients[key].get('/api/v1/cases?limit=500'), 200).items.map((c) => c.id);
    const a = await ids('coachA');
    assert.ok(a.includes(cases.caseA.id) && a.includes(cases.caseQ.id) && !a.includes(cases.caseB.id));
    const p = await ids('coordP');
    assert.ok(p.includes(cases.caseA.id) && p.includes(cases.caseB.id) && !p.includes(cases.caseQ.id));
    assert.deepEqual(await ids('obCoord'), [cases.caseOB.id], 'a coordinator of the same slug in orgb sees only orgb\'s case');
  });

  it('the summary shows only the rows (and totals) of the cases the caller may read', async () => {
    const A = cases.caseA;
    const B = cases.caseB;
    const rowA = { case_id: A.id, reference: 'M-A', status: 'afgerond', nieuw_cents: 30000, oud_cents: 100000, saving_cents: 70000 };
    const rowB = { case_id: B.id, reference: 'M-B', status: 'afgerond', nieuw_cents: 50000, oud_cents: 200000, saving_cents: 150000 };
    const t = (oud, nieuw) => ({ oud_cents: oud, nieuw_cents: nieuw, saving_cents: oud - nieuw });
    const cat = (label, oud, nieuw) => ({ category: { id: values.cats.get(label), label }, ...t(oud, nieuw) });
    const pay = (label, oud, nieuw) => ({ payer: { id: values.pays.get(label), label }, ...t(oud, nieuw) });
    const onlyA = {
      groups: [{ group: null, rows: [rowA], totals: t(100000, 30000) }], totals: t(100000, 30000), running_cases: 0,
      by_category: [cat('crisisopvang', 100000, 0), cat('inzet wijkcoach', 0, 30000)], by_payer: [pay('gemeente', 100000, 30000)],
    };
    const onlyB = {
      groups: [{ group: null, rows: [rowB], totals: t(200000, 50000) }], totals: t(200000, 50000), running_cases: 1,
      by_category: [cat('uitkering', 200000, 0), cat('maatwerkbudget', 0, 50000)], by_payer: [pay('gemeente', 0, 50000), pay('Rijk', 200000, 0)],
    };
    const both = {
      groups: [{ group: null, rows: [rowA, rowB], totals: t(300000, 80000) }], totals: t(300000, 80000), running_cases: 1,
      by_category: [...onlyA.by_category, ...onlyB.by_category], by_payer: [pay('gemeente', 100000, 80000), pay('Rijk', 200000, 0)],
    };
    const none = { groups: [], totals: t(0, 0), running_cases: 0, by_category: [], by_payer: [] };
    const want = { coachA: onlyA, tmA: onlyA, coachB: onlyB, coordP: both, quality: both, director: both, coordOther: none };
    const sortBy = (key) => (xs) => [...xs].sort((x, y) => x[key].id - y[key].id);
    const norm = (s) => ({ ...s, by_category: sortBy('category')(s.by_category), by_payer: sortBy('payer')(s.by_payer) });
    const failures = [];
    for (const [key, w] of Object.entries(want)) {
      const s = expectStatus(await clients[key].get(`/api/v1/receipts/summary?programme=${prog.P.id}&reference_date=2017-12-31`), 200, `summary as ${key}`);
      const full = { programme: { id: prog.P.id, name: 'Doorstroomwoningen', start_date: '2016-01-01' }, reference_date: '2017-12-31', ...w };
      try { assert.deepEqual(norm(s), norm(full)); } catch { failures.push(`summary as ${key}: ${JSON.stringify(s)}\n  want ${JSON.stringify(full)}`); }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    // team= cannot widen what a caller sees
    const s = expectStatus(await clients.coachA.get(`/api/v1/receipts/summary?programme=${prog.P.id}&reference_date=2017-12-31&team=${teamB.id}`), 200);
    assert.deepEqual(s.groups, [], 'team=B as a coach of team A shows no rows');
    assert.equal(s.running_cases, 0);
    // the same slug in orgb: orgb's coordinator sees orgb's programme only
    const ob = expectStatus(await clients.obCoord.get(`/api/v1/receipts/summary?programme=${prog.OBP.id}&reference_date=2017-12-31`), 200);
    assert.deepEqual(ob.groups.flatMap((g) => g.rows.map((r) => r.case_id)), [cases.caseOB.id]);
    assert.deepEqual(ob.totals, t(12300, 0));
  });

  it('moving a case: only into a team or programme the caller may edit (403, nothing changed); ids of another organisation 422', async () => {
    const A = cases.caseA.id;
    const Q = cases.caseQ.id;
    const attempts = [
      ['coachA', A, { team_id: teamB.id }, 403],
      ['coachB', cases.caseB.id, { team_id: teamA.id }, 403],
      ['coordP', A, { programme_id: prog.Q.id }, 403],
      ['coordOther', Q, { programme_id: prog.P.id }, 403],
      ['tmA', A, { team_id: teamA.id }, 403],
      ['quality', A, { team_id: teamB.id }, 403],
      ['coachA', A, { team_id: obTeam.id }, 422],
      ['coordP', A, { programme_id: prog.OBP.id }, 422],
    ];
    const failures = [];
    for (const [key, id, body, want] of attempts) {
      const s0 = await snapshot();
      const r = await clients[key].patch(`/api/v1/cases/${id}`, body);
      if (r.status !== want) failures.push(`PATCH case ${id} ${JSON.stringify(body)} as ${key}: expected ${want}, got ${show(r)}`);
      try { assert.deepEqual(await snapshot(), s0); } catch { failures.push(`PATCH ${JSON.stringify(body)} as ${key} (${r.status}) changed something`); }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    // allowed moves: the coordinator of P moves a case of P between teams, a coach within their team between programmes
    const moved = expectStatus(await clients.coordP.patch(`/api/v1/cases/${A}`, { team_id: teamB.id }), 200, 'coordinator moves to team B');
    assert.equal(moved.team.id, teamB.id);
    assert.equal((await clients.coachA.get(`/api/v1/cases/${A}`)).status, 403, 'after the move the coach of team A may no longer read it');
    expectStatus(await clients.coachB.get(`/api/v1/cases/${A}`), 200, 'the coach of team B may');
    expectStatus(await clients.coordP.patch(`/api/v1/cases/${A}`, { team_id: teamA.id }), 200, 'and back');
    const toQ = expectStatus(await clients.coachA.patch(`/api/v1/cases/${A}`, { programme_id: prog.Q.id }), 200, 'coach of team A moves it to programme Q');
    assert.equal(toQ.programme.id, prog.Q.id);
    assert.equal((await clients.coordP.get(`/api/v1/cases/${A}`)).status, 403, 'the coordinator of P lost it');
    expectStatus(await clients.coachA.patch(`/api/v1/cases/${A}`, { programme_id: prog.P.id }), 200, 'and back');
    expectStatus(await clients.coordP.get(`/api/v1/cases/${A}`), 200);
  });

  it('refused requests left no trace (no HACK- text anywhere)', async () => {
    const s = await snapshot();
    assert.ok(!JSON.stringify(s).includes('HACK-'), 'a refused request left a trace');
    for (const t of ['caseA', 'caseB', 'caseQ']) {
      const c = expectStatus(await clients.quality.get(`/api/v1/cases/${cases[t].id}`), 200);
      assert.ok(c.plan === cases[t].plan || c.plan.startsWith('OK plan van '), `${t} plan: ${c.plan}`);
      assert.equal(c.status, cases[t].status, `${t} status unchanged`);
    }
  });

  it('without a session every endpoint of the module is 401', async () => {
    const anon = new Client(server);
    const failures = [];
    const list = [
      ['GET', '/api/v1/lists/cost_category'], ['POST', '/api/v1/lists/payer', { label: 'Anoniem' }],
      ['PATCH', `/api/v1/lists/payer/${values.smdPayer.id}`, { label: 'Anoniem' }],
      ['GET', '/api/v1/programmes'], ['POST', '/api/v1/programmes', { name: 'Anoniem', start_date: '2017-01-01' }],
      ['PATCH', `/api/v1/programmes/${prog.P.id}`, { name: 'Anoniem' }],
      ['GET', '/api/v1/cases'], ['POST', '/api/v1/cases', { reference: 'ANON', team_id: teamA.id, programme_id: prog.P.id, start_date: '2017-01-01' }],
      ['GET', `/api/v1/cases/${cases.caseA.id}`], ['PATCH', `/api/v1/cases/${cases.caseA.id}`, { plan: 'Anoniem' }],
      ['GET', `/api/v1/cases/${cases.caseA.id}/receipt`], ['PUT', `/api/v1/cases/${cases.caseA.id}/receipt`, { oud: [], nieuw: [] }],
      ['GET', `/api/v1/receipts/summary?programme=${prog.P.id}`],
    ];
    const s0 = await snapshot();
    for (const [method, p, body] of list) {
      const r = await anon.request(method, p, body, { csrf: false });
      if (r.status !== 401 || r.json?.type !== 'urn:wijkkader:problem:unauthenticated') failures.push(`${method} ${p}: ${show(r)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(await snapshot(), s0);
  });

  it('state-changing requests without the CSRF token are 403 csrf and change nothing', async () => {
    const s0 = await snapshot();
    const failures = [];
    for (const [key, method, p, body] of [
      ['coordP', 'POST', '/api/v1/cases', { reference: 'CSRF-1', team_id: teamA.id, programme_id: prog.P.id, start_date: '2017-01-01' }],
      ['coordP', 'PATCH', `/api/v1/cases/${cases.caseA.id}`, { plan: 'zonder token' }],
      ['coordP', 'PUT', `/api/v1/cases/${cases.caseA.id}/receipt`, { oud: [], nieuw: [] }],
      ['admin', 'POST', '/api/v1/programmes', { name: 'Zonder token', start_date: '2017-01-01' }],
      ['admin', 'PATCH', `/api/v1/programmes/${prog.P.id}`, { name: 'Zonder token' }],
      ['admin', 'POST', '/api/v1/lists/payer', { label: 'Zonder token' }],
      ['admin', 'PATCH', `/api/v1/lists/payer/${values.smdPayer.id}`, { active: false }],
    ]) {
      for (const csrf of [false, 'wrong']) {
        const r = await clients[key].request(method, p, body, { csrf });
        if (r.status !== 403 || r.json?.type !== 'urn:wijkkader:problem:csrf') failures.push(`${method} ${p} as ${key} with csrf=${csrf}: ${show(r)}`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(await snapshot(), s0);
  });
});
