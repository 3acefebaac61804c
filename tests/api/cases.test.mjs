// Cases and cost receipts (kassabonnen): the happy paths with exact shapes, the lists of
// values and programmes they use, the status history, the audit trail, BSN refusals and
// e-mail/phone warnings, reference uniqueness, filters and paging, and the summary of a
// hand-made fixture whose figures are computed BY HAND below (docs/openapi.json, tags "cases"
// and "receipts"; SPEC §4.2).
import { describe } from 'node:test';
import { FIXTURE } from './fixtures.mjs';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, addOrg, Client, PASSWORD, DEMO_ORG_SLUG,
  assertProblem, assertValidation, expectStatus, show, ISO_UTC,
} from './harness.mjs';

// ------------------------------------------------------------------ shapes

const LIST_VALUE_KEYS = ['active', 'audience', 'code', 'id', 'label', 'label_en', 'position', 'public_label'];
const PROGRAMME_KEYS = ['active', 'city_wide', 'description', 'groups', 'id', 'name', 'slug', 'start_date', 'team'];
const CASE_SUMMARY_KEYS = ['group', 'id', 'owner', 'programme', 'reference', 'start_date', 'status', 'team', 'totals', 'updated_at'];
const CASE_KEYS = [...CASE_SUMMARY_KEYS, 'plan', 'status_history', 'warnings'].sort();
const TOTALS_KEYS = ['nieuw_cents', 'oud_cents', 'saving_cents'];
const RECEIPT_KEYS = ['case_id', 'negative_saving', 'nieuw', 'oud', 'totals', 'warnings'];
const LINE_KEYS = ['amount_cents', 'category', 'description', 'id', 'payer'];
const SUMMARY_KEYS = ['by_category', 'by_payer', 'groups', 'programme', 'reference_date', 'running_cases', 'totals'];
const STATUSES = ['lopend', 'zo_goed_als_afgerond', 'afgerond'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// SPEC §4.2, in this order.
const SPEC_CATEGORIES = [
  'maatschappelijke opvang', 'crisisopvang', 'beschermd wonen', 'jeugdhulp (tweede lijn)', 'jeugdbescherming',
  'uithuisplaatsing', 'Wmo-begeleiding', 'huishoudelijke hulp', 'GGZ / verslavingszorg', 'schuldhulpverlening',
  'bijzondere bijstand', 'uitkering', 'huurachterstand / ontruiming', 'politie / justitie', 'inzet wijkcoach',
  'maatwerkbudget', 'overig',
];
const SPEC_PAYERS = ['gemeente', 'woningcorporatie', 'zorgverzekeraar', 'Rijk', 'overig'];

// Valid BSNs (11-test: 9a+8b+7c+6d+5e+4f+3g+2h−i ≡ 0 mod 11) and a 9-digit number that fails it.
const BSN = '111222333'; // 9+8+7+12+10+8+9+6−3 = 66 = 6 × 11
const BSN2 = '123456782'; // 9+16+21+24+25+24+21+16−2 = 154 = 14 × 11
const NOT_BSN = '123456789'; // 156 − 9 = 147, not a multiple of 11

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: not an object: ${JSON.stringify(obj)}`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where} keys: ${JSON.stringify(obj)}`);
}

function assertRef(ref, where, nameKey = 'name') {
  keys(ref, ['id', nameKey], where);
  assert.ok(Number.isInteger(ref.id) && ref.id > 0, `${where}.id`);
  assert.equal(typeof ref[nameKey], 'string', `${where}.${nameKey}`);
}

function assertListValue(v, where) {
  keys(v, LIST_VALUE_KEYS, `ListValue (${where})`);
  assert.ok(Number.isInteger(v.id) && v.id > 0);
  assert.equal(typeof v.code, 'string');
  assert.ok(v.code.length > 0, `code not empty (${where})`);
  assert.equal(typeof v.label, 'string');
  assert.equal(typeof v.active, 'boolean');
  assert.ok(Number.isInteger(v.position), `position integer (${where})`);
}

function assertProgramme(p, where) {
  keys(p, PROGRAMME_KEYS, `Programme (${where})`);
  assert.ok(Number.isInteger(p.id));
  assert.match(p.slug, /^[a-z0-9_-]{1,40}$/, `slug (${where})`);
  assert.equal(typeof p.name, 'string');
  assert.equal(typeof p.description, 'string');
  assert.match(p.start_date, DATE);
  assert.equal(typeof p.city_wide, 'boolean');
  if (p.team === null) assert.equal(p.city_wide, true, `no team means city-wide (${where})`);
  else { assertRef(p.team, `${where}.team`); assert.equal(p.city_wide, false); }
  assert.equal(typeof p.active, 'boolean');
  assert.ok(Array.isArray(p.groups));
  p.groups.forEach((g, i) => assertRef(g, `${where}.groups[${i}]`));
}

function assertTotals(t, where) {
  keys(t, TOTALS_KEYS, `Totals (${where})`);
  for (const k of TOTALS_KEYS) assert.ok(Number.isInteger(t[k]), `${where}.${k} integer cents: ${t[k]}`);
  assert.equal(t.saving_cents, t.oud_cents - t.nieuw_cents, `${where}: saving = oud − nieuw`);
}

function assertCaseSummary(c, where) {
  keys(c, CASE_SUMMARY_KEYS, `CaseSummary (${where})`);
  assert.ok(Number.isInteger(c.id));
  assert.equal(typeof c.reference, 'string');
  assertRef(c.team, `${where}.team`);
  assertRef(c.programme, `${where}.programme`);
  if (c.group !== null) assertRef(c.group, `${where}.group`);
  if (c.owner !== null) assertRef(c.owner, `${where}.owner`);
  assert.ok(STATUSES.includes(c.status), `${where}.status ${c.status}`);
  assert.match(c.start_date, DATE);
  assertTotals(c.totals, `${where}.totals`);
  assert.match(c.updated_at, ISO_UTC, `${where}.updated_at`);
}

function assertWarnings(ws, where) {
  assert.ok(Array.isArray(ws), `${where}: warnings must be an array`);
  for (const w of ws) {
    keys(w, ['detail', 'field', 'title'], `Warning (${where})`);
    for (const k of ['detail', 'field', 'title']) assert.ok(typeof w[k] === 'string' && w[k].length > 0, `${where}: warning.${k}`);
  }
}

function assertCase(c, where) {
  keys(c, CASE_KEYS, `Case (${where})`);
  const summary = Object.fromEntries(CASE_SUMMARY_KEYS.map((k) => [k, c[k]]));
  assertCaseSummary(summary, where);
  assert.equal(typeof c.plan, 'string');
  assert.ok(Array.isArray(c.status_history) && c.status_history.length >= 1, `${where}: status_history has the first entry`);
  for (const e of c.status_history) {
    keys(e, ['date', 'recorded_at', 'recorded_by', 'status'], `status_history entry (${where})`);
    assert.ok(STATUSES.includes(e.status));
    assert.match(e.date, DATE);
    assert.match(e.recorded_at, ISO_UTC);
    if (e.recorded_by !== null) assertRef(e.recorded_by, `${where}.status_history[].recorded_by`);
  }
  assertWarnings(c.warnings, where);
}

function assertReceipt(r, where) {
  keys(r, RECEIPT_KEYS, `Receipt (${where})`);
  assert.ok(Number.isInteger(r.case_id));
  for (const side of ['oud', 'nieuw']) {
    assert.ok(Array.isArray(r[side]));
    r[side].forEach((l, i) => {
      const at = `${where}.${side}[${i}]`;
      keys(l, LINE_KEYS, `Line (${at})`);
      assert.ok(Number.isInteger(l.id));
      assertRef(l.category, `${at}.category`, 'label');
      assertRef(l.payer, `${at}.payer`, 'label');
      assert.equal(typeof l.description, 'string');
      assert.ok(Number.isInteger(l.amount_cents) && l.amount_cents >= 0);
    });
  }
  assertTotals(r.totals, `${where}.totals`);
  assert.equal(typeof r.negative_saving, 'boolean');
  assertWarnings(r.warnings, where);
}

function assertSummaryShape(s, where) {
  keys(s, SUMMARY_KEYS, `Summary (${where})`);
  keys(s.programme, ['id', 'name', 'start_date'], `${where}.programme`);
  assert.match(s.reference_date, DATE);
  assert.ok(Array.isArray(s.groups));
  for (const g of s.groups) {
    keys(g, ['group', 'rows', 'totals'], `${where}.groups[]`);
    if (g.group !== null) assertRef(g.group, `${where}.groups[].group`);
    for (const r of g.rows) keys(r, ['case_id', 'nieuw_cents', 'oud_cents', 'reference', 'saving_cents', 'status'], `${where} row`);
    assertTotals(g.totals, `${where}.groups[].totals`);
  }
  assertTotals(s.totals, `${where}.totals`);
  assert.ok(Number.isInteger(s.running_cases) && s.running_cases >= 0);
  for (const b of s.by_category) { keys(b, ['category', 'nieuw_cents', 'oud_cents', 'saving_cents'], `${where}.by_category[]`); assertRef(b.category, 'by_category[].category', 'label'); }
  for (const b of s.by_payer) { keys(b, ['nieuw_cents', 'oud_cents', 'payer', 'saving_cents'], `${where}.by_payer[]`); assertRef(b.payer, 'by_payer[].payer', 'label'); }
}

const today = () => new Date().toISOString().slice(0, 10);

// ------------------------------------------------------------------ the fixture
//
// Programme "Doorstroomwoningen" (start 2016-01-01), groups Woning A/B/C and cases
// without a group. Team A / B are the first two demo teams. Amounts are euro cents per
// year: [category label, payer label, description, amount].
// `create`: the status given on POST; `changes`: later PATCHes [status, status_date].
// (FIXTURE is shared with report.test.mjs: tests/api/fixtures.mjs)

// Receipt totals per case, by hand: [oud, nieuw, saving, negative_saving].
const RECEIPT_TOTALS = {
  'DW-A1': [240000, 31100, 208900, false], // 2.400 − 311 = 2.089 (SPEC table, row 1)
  'DW-A2': [216000, 56000, 160000, false], // 1.500 + 660 = 2.160; 2.160 − 560 = 1.600 (SPEC row 2)
  'DW-A3': [500000, 100000, 400000, false],
  'DW-B1': [120000, 205050, -85050, true], // 1.800 + 250,50 = 2.050,50 > 1.200: negative
  'DW-B2': [2100000, 390000, 1710000, false],
  'DW-C1': [135345, 29000, 106345, false], // 750 + 480 + 123,45 = 1.353,45; 240 + 50 = 290
  'DW-C2': [2150000, 200000, 1950000, false],
  'DW-X1': [1440000, 0, 1440000, false],
  'DW-X2': [10000, 0, 10000, false],
};

// The summary on 2017-12-31, by hand. Counted: A1, A2 (zo goed als afgerond since
// 2017-10-01), B1, C1 (zgaa since 2017-11-15), C2, X1. Running (lopend): A3, B2 (afgerond
// only on 2018-03-01). DW-X2 starts in 2018: no status yet, neither counted nor running.
// Rows: [reference, status on the date, nieuw, oud, besparing].
const SUMMARY_2017 = {
  groups: [
    { group: 'Woning A', rows: [['DW-A1', 'afgerond', 31100, 240000, 208900], ['DW-A2', 'zo_goed_als_afgerond', 56000, 216000, 160000]],
      totals: [87100, 456000, 368900] }, // SPEC table: Totaal € 871 | € 4.560 | € 3.689
    { group: 'Woning B', rows: [['DW-B1', 'afgerond', 205050, 120000, -85050]],
      totals: [205050, 120000, -85050] },
    { group: 'Woning C', rows: [['DW-C1', 'zo_goed_als_afgerond', 29000, 135345, 106345], ['DW-C2', 'afgerond', 200000, 2150000, 1950000]],
      totals: [229000, 2285345, 2056345] },
    { group: null, rows: [['DW-X1', 'afgerond', 0, 1440000, 1440000]],
      totals: [0, 1440000, 1440000] },
  ],
  totals: [521150, 4301345, 3780195], // nieuw 871 + 2.050,50 + 2.290 + 0; oud 4.560 + 1.200 + 22.853,45 + 14.400
  running_cases: 2,
  // [label, oud, nieuw, saving]
  by_category: [
    ['maatschappelijke opvang', 2040000, 0, 2040000], // A1 2.400 + C2 18.000
    ['beschermd wonen', 0, 180000, -180000],
    ['Wmo-begeleiding', 48000, 24000, 24000],
    ['GGZ / verslavingszorg', 120000, 0, 120000],
    ['schuldhulpverlening', 0, 56000, -56000],
    ['bijzondere bijstand', 12345, 0, 12345],
    ['uitkering', 1506000, 0, 1506000], // A2 660 + X1 14.400
    ['huurachterstand / ontruiming', 500000, 0, 500000], // A2 1.500 + C2 3.500
    ['politie / justitie', 75000, 0, 75000],
    ['inzet wijkcoach', 0, 206150, -206150], // A1 311 + B1 250,50 + C2 1.500
    ['maatwerkbudget', 0, 50000, -50000], // C2 only (A3 is running)
    ['overig', 0, 5000, -5000],
  ],
  by_payer: [
    ['gemeente', 2100345, 466150, 1634195], // oud 2.400 + 480 + 123,45 + 18.000; nieuw 311 + 560 + 1.800 + 250,50 + 240 + 1.500
    ['woningcorporatie', 500000, 50000, 450000],
    ['zorgverzekeraar', 120000, 0, 120000],
    ['Rijk', 1581000, 0, 1581000], // 660 + 750 + 14.400
    ['overig', 0, 5000, -5000],
  ],
};

// team=A on 2017-12-31: A1, B1, C1, X1 counted; A3 running.
const SUMMARY_2017_TEAM_A = {
  groups: [
    { group: 'Woning A', rows: [['DW-A1', 'afgerond', 31100, 240000, 208900]], totals: [31100, 240000, 208900] },
    { group: 'Woning B', rows: [['DW-B1', 'afgerond', 205050, 120000, -85050]], totals: [205050, 120000, -85050] },
    { group: 'Woning C', rows: [['DW-C1', 'zo_goed_als_afgerond', 29000, 135345, 106345]], totals: [29000, 135345, 106345] },
    { group: null, rows: [['DW-X1', 'afgerond', 0, 1440000, 1440000]], totals: [0, 1440000, 1440000] },
  ],
  totals: [265150, 1935345, 1670195],
  running_cases: 1,
  by_category: [
    ['maatschappelijke opvang', 240000, 0, 240000],
    ['beschermd wonen', 0, 180000, -180000],
    ['Wmo-begeleiding', 48000, 24000, 24000],
    ['GGZ / verslavingszorg', 120000, 0, 120000],
    ['bijzondere bijstand', 12345, 0, 12345],
    ['uitkering', 1440000, 0, 1440000],
    ['politie / justitie', 75000, 0, 75000],
    ['inzet wijkcoach', 0, 56150, -56150],
    ['overig', 0, 5000, -5000],
  ],
  by_payer: [
    ['gemeente', 300345, 260150, 40195],
    ['zorgverzekeraar', 120000, 0, 120000],
    ['Rijk', 1515000, 0, 1515000],
    ['overig', 0, 5000, -5000],
  ],
};

// team=B on 2017-12-31: A2, C2 counted; B2 running; X2 not started.
const SUMMARY_2017_TEAM_B = {
  groups: [
    { group: 'Woning A', rows: [['DW-A2', 'zo_goed_als_afgerond', 56000, 216000, 160000]], totals: [56000, 216000, 160000] },
    { group: 'Woning C', rows: [['DW-C2', 'afgerond', 200000, 2150000, 1950000]], totals: [200000, 2150000, 1950000] },
  ],
  totals: [256000, 2366000, 2110000],
  running_cases: 1,
  by_category: [
    ['maatschappelijke opvang', 1800000, 0, 1800000],
    ['schuldhulpverlening', 0, 56000, -56000],
    ['uitkering', 66000, 0, 66000],
    ['huurachterstand / ontruiming', 500000, 0, 500000],
    ['inzet wijkcoach', 0, 150000, -150000],
    ['maatwerkbudget', 0, 50000, -50000],
  ],
  by_payer: [
    ['gemeente', 1800000, 206000, 1594000],
    ['woningcorporatie', 500000, 50000, 450000],
    ['Rijk', 66000, 0, 66000],
  ],
};

// On 2018-12-31 B2 (afgerond since 2018-03-01) counts too; X2 is running (since 2018-02-01).
const SUMMARY_2018 = {
  groups: [
    SUMMARY_2017.groups[0],
    { group: 'Woning B', rows: [['DW-B1', 'afgerond', 205050, 120000, -85050], ['DW-B2', 'afgerond', 390000, 2100000, 1710000]],
      totals: [595050, 2220000, 1624950] },
    SUMMARY_2017.groups[2],
    SUMMARY_2017.groups[3],
  ],
  totals: [911150, 6401345, 5490195],
  running_cases: 2,
  by_category: [
    ['maatschappelijke opvang', 2040000, 0, 2040000],
    ['beschermd wonen', 0, 180000, -180000],
    ['jeugdhulp (tweede lijn)', 0, 350000, -350000],
    ['jeugdbescherming', 900000, 0, 900000],
    ['uithuisplaatsing', 1200000, 0, 1200000],
    ['Wmo-begeleiding', 48000, 24000, 24000],
    ['huishoudelijke hulp', 0, 40000, -40000],
    ['GGZ / verslavingszorg', 120000, 0, 120000],
    ['schuldhulpverlening', 0, 56000, -56000],
    ['bijzondere bijstand', 12345, 0, 12345],
    ['uitkering', 1506000, 0, 1506000],
    ['huurachterstand / ontruiming', 500000, 0, 500000],
    ['politie / justitie', 75000, 0, 75000],
    ['inzet wijkcoach', 0, 206150, -206150],
    ['maatwerkbudget', 0, 50000, -50000],
    ['overig', 0, 5000, -5000],
  ],
  by_payer: [
    ['gemeente', 4200345, 856150, 3344195],
    ['woningcorporatie', 500000, 50000, 450000],
    ['zorgverzekeraar', 120000, 0, 120000],
    ['Rijk', 1581000, 0, 1581000],
    ['overig', 0, 5000, -5000],
  ],
};

describe('cases and cost receipts', { skip: whyNot }, () => {
  let server;
  let admin; // admin: programmes, lists, audit
  let coord; // coordinator of the test programmes: creates and edits their cases
  let coachA; // coach in team A
  let quality; // reads every case
  let coordId;
  let coachAId;
  let teamA;
  let teamB;
  const categories = new Map(); // label → id
  const payers = new Map();
  const programmes = {}; // name → Programme
  const fixtureCases = new Map(); // reference → Case

  const COORD_ROLES = ['doorstroomwoningen', 'statusproef', 'zoekproef', 'proef', 'koppelproef'].map((s) => `coordinator:${s}`);

  const cat = (label) => { assert.ok(categories.has(label), `category ${label}`); return categories.get(label); };
  const pay = (label) => { assert.ok(payers.has(label), `payer ${label}`); return payers.get(label); };
  const lineIn = ([c, p, description, amount]) => ({ category_id: cat(c), payer_id: pay(p), description, amount_cents: amount });
  const team = (key) => (key === 'A' ? teamA : teamB);

  async function lastAudit(entity, id, action) {
    const page = expectStatus(await admin.get(`/api/v1/audit?entity=${entity}&entity_id=${id}&limit=50`), 200, `audit ${entity} ${id}`);
    for (const e of page.items) {
      assert.equal(e.entity, entity);
      assert.equal(String(e.entity_id), String(id));
      assert.equal(typeof e.entity_id, 'string', `entity_id is text: ${JSON.stringify(e)}`);
    }
    const entry = page.items.find((e) => !action || e.action === action);
    assert.ok(entry, `an audit entry ${action || ''} for ${entity} ${id} expected: ${JSON.stringify(page.items)}`);
    return entry;
  }
  async function auditHead() {
    return expectStatus(await admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? null;
  }

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'c-admin@example.org', name: 'Beheer Casussen', roles: ['admin'] });
    admin = await new Client(server).loginOk('c-admin@example.org');
    const teams = expectStatus(await admin.get('/api/v1/teams'), 200).items
      .filter((t) => t.name.startsWith('Wijkteam ')).sort((a, b) => a.id - b.id);
    [teamA, teamB] = teams;
    coordId = addUser(db, { org: DEMO_ORG_SLUG, email: 'c-coord@example.org', name: 'Coördinator Doorstroom', roles: COORD_ROLES });
    coachAId = addUser(db, { org: DEMO_ORG_SLUG, email: 'c-coach@example.org', name: 'Coach Anna', roles: ['coach'], teams: [teamA.name] });
    addUser(db, { org: DEMO_ORG_SLUG, email: 'c-quality@example.org', name: 'Kwaliteit', roles: ['quality'] });
    coord = await new Client(server).loginOk('c-coord@example.org');
    coachA = await new Client(server).loginOk('c-coach@example.org');
    quality = await new Client(server).loginOk('c-quality@example.org');
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ lists of values

  describe('lists of values', () => {
    it('cost_category has the 17 SPEC categories in the SPEC order; payer the 5 SPEC payers', async () => {
      const r = await quality.get('/api/v1/lists/cost_category');
      const body = expectStatus(r, 200, 'GET /lists/cost_category');
      assert.match(r.contentType, /^application\/json/);
      assert.deepEqual(Object.keys(body), ['items']);
      body.items.forEach((v, i) => assertListValue(v, `cost_category[${i}]`));
      const byPosition = [...body.items].sort((a, b) => a.position - b.position);
      assert.deepEqual(byPosition.map((v) => v.label), SPEC_CATEGORIES, 'the 17 default categories, in order of position');
      assert.ok(body.items.every((v) => v.active), 'all defaults active');
      assert.equal(new Set(body.items.map((v) => v.code)).size, 17, 'codes unique');
      assert.equal(new Set(body.items.map((v) => v.position)).size, 17, 'positions unique');
      for (const v of body.items) categories.set(v.label, v.id);

      const p = expectStatus(await quality.get('/api/v1/lists/payer'), 200, 'GET /lists/payer');
      p.items.forEach((v, i) => assertListValue(v, `payer[${i}]`));
      assert.deepEqual([...p.items].sort((a, b) => a.position - b.position).map((v) => v.label), SPEC_PAYERS);
      assert.ok(p.items.every((v) => v.active));
      for (const v of p.items) payers.set(v.label, v.id);
      const catIds = new Set(body.items.map((v) => v.id));
      assert.ok(p.items.every((v) => !catIds.has(v.id)), 'payer ids differ from category ids');
    });

    it('admin adds, renames, reorders and retires a value; retired values stay listed; audited', async () => {
      const r = await admin.post('/api/v1/lists/cost_category', { label: 'Leerplicht', code: 'leerplicht' });
      const v = expectStatus(r, 201, 'POST /lists/cost_category');
      assertListValue(v, 'created');
      assert.equal(v.code, 'leerplicht');
      assert.equal(v.label, 'Leerplicht');
      assert.equal(v.active, true);
      const list = expectStatus(await admin.get('/api/v1/lists/cost_category'), 200).items;
      assert.equal(list.length, 18);
      assert.deepEqual(list.find((x) => x.id === v.id), v, 'listed as answered');
      assert.ok(list.filter((x) => x.id !== v.id).every((x) => x.position < v.position), 'a new value comes last');
      const created = await lastAudit('list_value', v.id, 'create');
      assert.equal(created.before, null);
      assert.equal(created.after?.label, 'Leerplicht', `audit after: ${JSON.stringify(created)}`);

      // without a code: one is made
      const v2 = expectStatus(await admin.post('/api/v1/lists/payer', { label: 'Fonds' }), 201, 'POST /lists/payer without code');
      assertListValue(v2, 'payer without code');
      assert.equal(v2.label, 'Fonds');
      assert.match(v2.code, /^[a-z0-9_-]{1,40}$/);

      const renamed = expectStatus(await admin.patch(`/api/v1/lists/cost_category/${v.id}`, { label: 'Leerplicht en verzuim' }), 200, 'rename');
      // Without an English label of its own, label_en shows the Dutch one (docs/openapi.json, ListValue).
      assert.deepEqual(renamed, { ...v, label: 'Leerplicht en verzuim', label_en: 'Leerplicht en verzuim' }, 'only the label changes; the code is kept');
      const e = await lastAudit('list_value', v.id, 'update');
      assert.equal(e.before?.label, 'Leerplicht');
      assert.equal(e.after?.label, 'Leerplicht en verzuim');

      const moved = expectStatus(await admin.patch(`/api/v1/lists/cost_category/${v.id}`, { position: 1 }), 200, 'reorder');
      assert.equal(moved.position, 1);
      assert.equal(moved.label, 'Leerplicht en verzuim');

      const retired = expectStatus(await admin.patch(`/api/v1/lists/payer/${v2.id}`, { active: false }), 200, 'retire');
      assert.equal(retired.active, false);
      const payersNow = expectStatus(await quality.get('/api/v1/lists/payer'), 200).items;
      assert.deepEqual(payersNow.find((x) => x.id === v2.id), retired, 'a retired value is still listed, active false');
      const back = expectStatus(await admin.patch(`/api/v1/lists/payer/${v2.id}`, { active: true }), 200, 'reactivate');
      assert.equal(back.active, true);
      categories.set('Leerplicht en verzuim', v.id);
      payers.set('Fonds', v2.id);
    });

    it('a duplicate label is 409 and changes nothing; a value of the other list is 404 on this one', async () => {
      const before0 = expectStatus(await admin.get('/api/v1/lists/cost_category'), 200);
      const head = await auditHead();
      assertProblem(await admin.post('/api/v1/lists/cost_category', { label: 'crisisopvang' }), 409, 'conflict', 'duplicate label');
      assertProblem(await admin.patch(`/api/v1/lists/cost_category/${cat('Leerplicht en verzuim')}`, { label: 'uitkering' }), 409, 'conflict', 'rename to a taken label');
      assertProblem(await admin.patch(`/api/v1/lists/cost_category/${pay('gemeente')}`, { label: 'Anders' }), 404, 'not-found', 'a payer id on the category list');
      assert.deepEqual(expectStatus(await admin.get('/api/v1/lists/cost_category'), 200), before0);
      assert.equal(await auditHead(), head, 'no audit entry');
    });
  });

  // ------------------------------------------------------------------ programmes

  describe('programmes', () => {
    it('creates a city-wide programme: slug derived from the name, no groups yet; audited', async () => {
      const r = await admin.post('/api/v1/programmes', { name: 'Doorstroomwoningen', start_date: '2016-01-01' });
      const p = expectStatus(r, 201, 'POST /programmes');
      assertProgramme(p, 'created');
      assert.deepEqual({ ...p, id: 0 }, {
        id: 0, slug: 'doorstroomwoningen', name: 'Doorstroomwoningen', description: '', start_date: '2016-01-01',
        city_wide: true, team: null, active: true, groups: [],
      });
      programmes.Doorstroomwoningen = p;
      const e = await lastAudit('programme', p.id, 'create');
      assert.equal(e.before, null);
      assert.equal(e.after?.name, 'Doorstroomwoningen');
      assert.deepEqual(e.actor, { id: admin.me.id, name: 'Beheer Casussen' });
      for (const name of ['Statusproef', 'Zoekproef', 'Proef']) {
        const q = expectStatus(await admin.post('/api/v1/programmes', { name, start_date: '2016-01-01' }), 201, `POST ${name}`);
        assert.equal(q.slug, name.toLowerCase());
        programmes[name] = q;
      }
    });

    it('creates a programme of one team, and one with an explicit slug', async () => {
      const p = expectStatus(await admin.post('/api/v1/programmes', {
        name: 'WoonStAP', start_date: '2017-03-01', team_id: teamA.id, description: 'Begeleid wonen',
      }), 201, 'POST team programme');
      assertProgramme(p, 'team programme');
      assert.equal(p.slug, 'woonstap');
      assert.equal(p.city_wide, false);
      assert.deepEqual(p.team, { id: teamA.id, name: teamA.name });
      assert.equal(p.description, 'Begeleid wonen');
      programmes.WoonStAP = p;
      const q = expectStatus(await admin.post('/api/v1/programmes', {
        name: 'Buurt Bemiddeling', slug: 'bb-2017', start_date: '2017-01-01', team_id: null,
      }), 201, 'POST explicit slug');
      assert.equal(q.slug, 'bb-2017');
      assert.equal(q.city_wide, true);
      assert.equal(q.team, null);
      programmes['Buurt Bemiddeling'] = q;
    });

    it('a duplicate name or slug is 409 and changes nothing', async () => {
      const before0 = expectStatus(await admin.get('/api/v1/programmes'), 200);
      const head = await auditHead();
      for (const body of [
        { name: 'Doorstroomwoningen', start_date: '2018-01-01' },
        { name: 'DOORSTROOMWONINGEN', start_date: '2018-01-01' },
        { name: 'Iets anders', slug: 'doorstroomwoningen', start_date: '2018-01-01' },
      ]) {
        assertProblem(await admin.post('/api/v1/programmes', body), 409, 'conflict', `POST ${JSON.stringify(body)}`);
      }
      assertProblem(await admin.patch(`/api/v1/programmes/${programmes.WoonStAP.id}`, { name: 'Doorstroomwoningen' }), 409, 'conflict', 'rename to a taken name');
      assert.deepEqual(expectStatus(await admin.get('/api/v1/programmes'), 200), before0);
      assert.equal(await auditHead(), head);
    });

    it('patches name, description, start date, team and active; the slug stays; audited with before and after', async () => {
      const id = programmes.WoonStAP.id;
      const r = await admin.patch(`/api/v1/programmes/${id}`, {
        name: 'WoonStAP Plus', description: 'Anders', start_date: '2017-04-01', team_id: null, active: false,
      });
      const p = expectStatus(r, 200, 'PATCH programme');
      assertProgramme(p, 'patched');
      assert.deepEqual(p, {
        ...programmes.WoonStAP, name: 'WoonStAP Plus', description: 'Anders', start_date: '2017-04-01', team: null, city_wide: true, active: false,
      });
      const e = await lastAudit('programme', id, 'update');
      assert.equal(e.before?.name, 'WoonStAP');
      assert.equal(e.after?.name, 'WoonStAP Plus');
      const again = expectStatus(await admin.patch(`/api/v1/programmes/${id}`, { team_id: teamB.id }), 200);
      assert.deepEqual(again.team, { id: teamB.id, name: teamB.name });
      assert.equal(again.city_wide, false);
      assert.equal(again.slug, 'woonstap');
      assertValidation(await admin.patch(`/api/v1/programmes/${id}`, { slug: 'nieuw' }), ['slug'], 'the slug is fixed');
      const list = expectStatus(await quality.get('/api/v1/programmes'), 200);
      assert.deepEqual(Object.keys(list), ['items']);
      list.items.forEach((x, i) => assertProgramme(x, `GET /programmes[${i}]`));
      assert.deepEqual(list.items.find((x) => x.id === id), again);
      assert.deepEqual(list.items.map((x) => x.name).sort(),
        ['Buurt Bemiddeling', 'Doorstroomwoningen', 'Proef', 'Statusproef', 'WoonStAP Plus', 'Zoekproef']);
    });
  });

  it('binding a city-wide programme to one team leaves its cases of other teams editable (or is refused)', async () => {
    const p = expectStatus(await admin.post('/api/v1/programmes', { name: 'Koppelproef', start_date: '2016-01-01' }), 201);
    const c = expectStatus(await coord.post('/api/v1/cases', { reference: 'KOPPEL-1', team_id: teamB.id, programme_id: p.id, start_date: '2017-01-01' }), 201);
    const bind = await admin.patch(`/api/v1/programmes/${p.id}`, { team_id: teamA.id });
    if (bind.status >= 400) {
      assertProblem(bind, bind.status, null, 'binding refused because the programme has cases of another team');
      return;
    }
    expectStatus(bind, 200, 'bind the programme to team A');
    const r = await coord.patch(`/api/v1/cases/${c.id}`, { plan: 'alleen het plan' });
    expectStatus(r, 200, `PATCH /api/v1/cases/${c.id} {"plan"} of a team-B case after PATCH /api/v1/programmes/${p.id} {"team_id": team A} was accepted; the answer must not name a field that was not sent`);
  });

  // ------------------------------------------------------------------ the fixture

  describe('the Doorstroomwoningen fixture', () => {
    it('creates the cases: 201 Case, first status entry dated status_date or start_date; audited', async () => {
      const P = programmes.Doorstroomwoningen;
      for (const f of FIXTURE) {
        const body = {
          reference: f.ref, team_id: team(f.team).id, programme_id: P.id, start_date: f.start,
          plan: `## Plan ${f.ref}\n\n- wonen\n- werk`,
        };
        if (f.group) body.group = f.group;
        if (f.create) [body.status, body.status_date] = f.create;
        if (f.ref === 'DW-A1') body.owner_id = coachAId;
        const r = await coord.post('/api/v1/cases', body);
        const c = expectStatus(r, 201, `POST /cases ${f.ref}`);
        assertCase(c, `POST ${f.ref}`);
        assert.equal(c.reference, f.ref);
        assert.deepEqual(c.team, { id: team(f.team).id, name: team(f.team).name });
        assert.deepEqual(c.programme, { id: P.id, name: 'Doorstroomwoningen' });
        if (f.group) assert.equal(c.group?.name, f.group); else assert.equal(c.group, null);
        assert.deepEqual(c.owner, f.ref === 'DW-A1' ? { id: coachAId, name: 'Coach Anna' } : null);
        assert.equal(c.status, f.create ? f.create[0] : 'lopend');
        assert.equal(c.start_date, f.start);
        assert.equal(c.plan, body.plan);
        assert.deepEqual(c.totals, { oud_cents: 0, nieuw_cents: 0, saving_cents: 0 });
        assert.deepEqual(c.warnings, []);
        assert.equal(c.status_history.length, 1);
        const [first] = c.status_history;
        assert.deepEqual({ status: first.status, date: first.date }, f.create ? { status: f.create[0], date: f.create[1] } : { status: 'lopend', date: f.start });
        assert.deepEqual(first.recorded_by, { id: coordId, name: 'Coördinator Doorstroom' });
        fixtureCases.set(f.ref, c);
        const e = await lastAudit('case', c.id, 'create');
        assert.equal(e.before, null);
        assert.equal(e.after?.reference, f.ref, `audit after: ${JSON.stringify(e)}`);
        assert.deepEqual(e.actor, { id: coordId, name: 'Coördinator Doorstroom' });
      }
      // the groups were created on first use, once each
      const A1 = fixtureCases.get('DW-A1');
      assert.equal(fixtureCases.get('DW-A2').group.id, A1.group.id, 'one group "Woning A"');
      const p = expectStatus(await admin.get('/api/v1/programmes'), 200).items.find((x) => x.id === P.id);
      assert.deepEqual([...p.groups].sort((a, b) => a.name.localeCompare(b.name)).map((g) => g.name), ['Woning A', 'Woning B', 'Woning C']);
      assert.deepEqual(p.groups.find((g) => g.name === 'Woning A'), A1.group);
    });

    it('the status changes are PATCHed with their dates and kept in the history; audited', async () => {
      for (const f of FIXTURE) {
        let c = fixtureCases.get(f.ref);
        for (const [status, date] of f.changes) {
          const r = await coord.patch(`/api/v1/cases/${c.id}`, { status, status_date: date });
          const next = expectStatus(r, 200, `PATCH ${f.ref} → ${status}`);
          assertCase(next, `PATCH ${f.ref}`);
          assert.equal(next.status, status);
          assert.equal(next.status_history.length, c.status_history.length + 1, 'one entry added');
          const last = next.status_history.at(-1);
          assert.deepEqual([last.status, last.date], [status, date]);
          assert.deepEqual(next.status_history.slice(0, -1), c.status_history, 'earlier entries unchanged');
          const e = await lastAudit('case', c.id, 'update');
          assert.equal(e.before?.status, c.status, `audit before.status: ${JSON.stringify(e)}`);
          assert.equal(e.after?.status, status, `audit after.status: ${JSON.stringify(e)}`);
          c = next;
        }
        fixtureCases.set(f.ref, c);
      }
      const C2 = fixtureCases.get('DW-C2');
      assert.deepEqual(C2.status_history.map((e) => [e.status, e.date]),
        [['lopend', '2016-02-01'], ['zo_goed_als_afgerond', '2016-11-01'], ['afgerond', '2017-04-01']]);
    });

    it('PUT receipt: 200 Receipt with the lines in order, hand-computed totals, negative saving flagged; audited', async () => {
      for (const f of FIXTURE) {
        const c = fixtureCases.get(f.ref);
        const r = await coord.put(`/api/v1/cases/${c.id}/receipt`, { oud: f.oud.map(lineIn), nieuw: f.nieuw.map(lineIn) });
        const rc = expectStatus(r, 200, `PUT receipt ${f.ref}`);
        assertReceipt(rc, `PUT ${f.ref}`);
        assert.equal(rc.case_id, c.id);
        for (const side of ['oud', 'nieuw']) {
          assert.deepEqual(rc[side].map((l) => [l.category.label, l.payer.label, l.description, l.amount_cents]), f[side],
            `${f.ref} ${side} lines as sent, in order`);
          for (const l of rc[side]) {
            assert.equal(l.category.id, cat(l.category.label));
            assert.equal(l.payer.id, pay(l.payer.label));
          }
        }
        const [oud, nieuw, saving, negative] = RECEIPT_TOTALS[f.ref];
        assert.deepEqual(rc.totals, { oud_cents: oud, nieuw_cents: nieuw, saving_cents: saving }, `${f.ref} totals`);
        assert.equal(rc.negative_saving, negative, `${f.ref} negative_saving`);
        assert.deepEqual(rc.warnings, []);
        assert.deepEqual(expectStatus(await quality.get(`/api/v1/cases/${c.id}/receipt`), 200, `GET receipt ${f.ref}`), rc, 'GET shows what PUT answered');
        const got = expectStatus(await quality.get(`/api/v1/cases/${c.id}`), 200);
        assert.deepEqual(got.totals, rc.totals, `${f.ref}: the case's totals follow its receipt`);
        const e = await lastAudit('receipt', c.id, 'update');
        assert.ok(e.before && typeof e.before === 'object' && e.after && typeof e.after === 'object', `receipt audit has before and after: ${JSON.stringify(e)}`);
        assert.ok(JSON.stringify(e.after).includes(String(f.oud[0][3])), `audit after holds the new lines: ${JSON.stringify(e.after)}`);
        assert.ok(!JSON.stringify(e.before).includes(String(f.oud[0][3])), `audit before is the empty receipt: ${JSON.stringify(e.before)}`);
      }
    });

    it('replacing a receipt replaces every line; the audit keeps before and after', async () => {
      const c = fixtureCases.get('DW-A3');
      const f = FIXTURE.find((x) => x.ref === 'DW-A3');
      const old = expectStatus(await quality.get(`/api/v1/cases/${c.id}/receipt`), 200);
      const tmp = expectStatus(await coord.put(`/api/v1/cases/${c.id}/receipt`, { oud: [], nieuw: [lineIn(['overig', 'overig', 'tijdelijk', 777])] }), 200);
      assert.deepEqual(tmp.oud, []);
      assert.deepEqual(tmp.totals, { oud_cents: 0, nieuw_cents: 777, saving_cents: -777 });
      assert.equal(tmp.negative_saving, true);
      const e = await lastAudit('receipt', c.id, 'update');
      assert.ok(JSON.stringify(e.before).includes('500000'), `before: ${JSON.stringify(e.before)}`);
      assert.ok(JSON.stringify(e.after).includes('777') && !JSON.stringify(e.after).includes('500000'), `after: ${JSON.stringify(e.after)}`);
      const again = expectStatus(await coord.put(`/api/v1/cases/${c.id}/receipt`, { oud: f.oud.map(lineIn), nieuw: f.nieuw.map(lineIn) }), 200);
      assert.deepEqual(again.totals, old.totals);
      assert.equal(again.negative_saving, false);
    });

    it('GET /cases lists the fixture as CaseSummary with the receipt totals', async () => {
      const P = programmes.Doorstroomwoningen;
      const r = await quality.get(`/api/v1/cases?programme=${P.id}`);
      const page = expectStatus(r, 200, 'GET /cases?programme');
      keys(page, ['items', 'next_cursor', 'total', 'total_exact'], 'case page');
      assert.equal(page.total, FIXTURE.length);
      page.items.forEach((c, i) => assertCaseSummary(c, `GET /cases[${i}]`));
      assert.deepEqual(page.items.map((c) => c.reference).sort(), FIXTURE.map((f) => f.ref).sort());
      for (const item of page.items) {
        const [oud, nieuw, saving] = RECEIPT_TOTALS[item.reference];
        assert.deepEqual(item.totals, { oud_cents: oud, nieuw_cents: nieuw, saving_cents: saving }, `${item.reference} totals in the list`);
        const full = expectStatus(await quality.get(`/api/v1/cases/${item.id}`), 200);
        assertCase(full, `GET /cases/${item.id}`);
        const { plan, status_history: h, warnings, ...summary } = full;
        assert.deepEqual(item, summary, `${item.reference}: the list item is the Case without plan, history and warnings`);
      }
    });

    // Builds the expected answer from a hand-made table: only ids are looked up.
    function expected(table, referenceDate) {
      const P = programmes.Doorstroomwoningen;
      const groupRef = (name) => {
        if (name === null) return null;
        const c = [...fixtureCases.values()].find((x) => x.group?.name === name);
        return { id: c.group.id, name };
      };
      const totals = ([nieuw, oud, saving]) => ({ oud_cents: oud, nieuw_cents: nieuw, saving_cents: saving });
      return {
        programme: { id: P.id, name: 'Doorstroomwoningen', start_date: '2016-01-01' },
        reference_date: referenceDate,
        groups: table.groups.map((g) => ({
          group: groupRef(g.group),
          rows: g.rows.map(([ref, status, nieuw, oud, saving]) => ({
            case_id: fixtureCases.get(ref).id, reference: ref, status, nieuw_cents: nieuw, oud_cents: oud, saving_cents: saving,
          })),
          totals: totals(g.totals),
        })),
        totals: totals(table.totals),
        running_cases: table.running_cases,
        by_category: table.by_category.map(([label, oud, nieuw, saving]) => ({ category: { id: cat(label), label }, oud_cents: oud, nieuw_cents: nieuw, saving_cents: saving })),
        by_payer: table.by_payer.map(([label, oud, nieuw, saving]) => ({ payer: { id: pay(label), label }, oud_cents: oud, nieuw_cents: nieuw, saving_cents: saving })),
      };
    }

    // The order of by_category and by_payer is not specified: compare them sorted by id.
    function assertSummary(actual, want, where) {
      assertSummaryShape(actual, where);
      const byId = (key) => (a, b) => a[key].id - b[key].id;
      const norm = (s) => ({ ...s, by_category: [...s.by_category].sort(byId('category')), by_payer: [...s.by_payer].sort(byId('payer')) });
      assert.deepEqual(norm(actual), norm(want), `${where}: the summary differs from the hand-computed one`);
    }

    it('summary on 2017-12-31 equals the hand-computed table (groups, rows, Totaal, total, running, per payer and category)', async () => {
      const P = programmes.Doorstroomwoningen;
      const r = await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2017-12-31`);
      const s = expectStatus(r, 200, 'GET /receipts/summary');
      assert.match(r.contentType, /^application\/json/);
      assertSummary(s, expected(SUMMARY_2017, '2017-12-31'), 'summary 2017-12-31');
      // the same for the coordinator of the programme
      const c = expectStatus(await coord.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2017-12-31`), 200);
      assertSummary(c, expected(SUMMARY_2017, '2017-12-31'), 'summary 2017-12-31 as coordinator');
    });

    it('summary with team= shows only that team\'s cases (A and B add up to the whole)', async () => {
      const P = programmes.Doorstroomwoningen;
      const a = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2017-12-31&team=${teamA.id}`), 200, 'team A');
      assertSummary(a, expected(SUMMARY_2017_TEAM_A, '2017-12-31'), 'summary team A');
      const b = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2017-12-31&team=${teamB.id}`), 200, 'team B');
      assertSummary(b, expected(SUMMARY_2017_TEAM_B, '2017-12-31'), 'summary team B');
      const other = (await admin.get('/api/v1/teams')).json.items.find((t) => t.id !== teamA.id && t.id !== teamB.id);
      const none = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2017-12-31&team=${other.id}`), 200, 'team without cases');
      assertSummary(none, { ...expected({ ...SUMMARY_2017, groups: [], totals: [0, 0, 0], running_cases: 0, by_category: [], by_payer: [] }, '2017-12-31') }, 'summary of a team without cases');
    });

    it('summary on 2018-12-31: the case done in 2018 counts now, the 2018 case is running', async () => {
      const P = programmes.Doorstroomwoningen;
      const s = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2018-12-31`), 200);
      assertSummary(s, expected(SUMMARY_2018, '2018-12-31'), 'summary 2018-12-31');
    });

    it('summary on 2018-02-28 (the day before DW-B2 is done) and on 2016-06-30 (nothing yet)', async () => {
      const P = programmes.Doorstroomwoningen;
      // 2018-02-28: as on 2017-12-31, plus DW-X2 running (lopend since 2018-02-01).
      const s = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2018-02-28`), 200);
      assertSummary(s, expected({ ...SUMMARY_2017, running_cases: 3 }, '2018-02-28'), 'summary 2018-02-28');
      // 2016-06-30: A1's first entry is dated 2016-12-01, C2 is lopend (since 2016-02-01),
      // A2 lopend (since 2016-05-01); nothing counts.
      const early = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=2016-06-30`), 200);
      assertSummary(early, expected({ groups: [], totals: [0, 0, 0], running_cases: 2, by_category: [], by_payer: [] }, '2016-06-30'), 'summary 2016-06-30');
    });

    it('the group of a case can be changed and cleared; a new name creates a group', async () => {
      const c = fixtureCases.get('DW-X2');
      const moved = expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { group: 'Woning D' }), 200, 'new group');
      assert.equal(moved.group?.name, 'Woning D');
      const p = expectStatus(await quality.get('/api/v1/programmes'), 200).items.find((x) => x.id === programmes.Doorstroomwoningen.id);
      assert.deepEqual(p.groups.find((g) => g.name === 'Woning D'), moved.group);
      const cleared = expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { group: null, owner_id: coachAId }), 200, 'group null');
      assert.equal(cleared.group, null);
      assert.deepEqual(cleared.owner, { id: coachAId, name: 'Coach Anna' });
      const noOwner = expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { owner_id: null }), 200, 'owner null');
      assert.equal(noOwner.owner, null);
      assert.equal(noOwner.status_history.length, c.status_history.length, 'no status change, no history entry');
    });
  });

  // ------------------------------------------------------------------ status history

  it('a coach who files a case of her own team owns it unless she names another owner or none; a coordinator\'s case has no owner', async () => {
    const P = programmes.Doorstroomwoningen.id;
    const base = { team_id: teamA.id, programme_id: P, start_date: '2018-01-02' };
    const mine = expectStatus(await coachA.post('/api/v1/cases', { ...base, reference: 'OWN-1' }), 201);
    assert.deepEqual(mine.owner, { id: coachAId, name: 'Coach Anna' }, 'the coach herself');
    const none = expectStatus(await coachA.post('/api/v1/cases', { ...base, reference: 'OWN-2', owner_id: null }), 201);
    assert.equal(none.owner, null, 'null: no owner, as asked');
    const byCoord = expectStatus(await coord.post('/api/v1/cases', { ...base, reference: 'OWN-3' }), 201);
    assert.equal(byCoord.owner, null, 'the coordinator is not in the team');
    const named = expectStatus(await coord.post('/api/v1/cases', { ...base, reference: 'OWN-4', owner_id: coachAId }), 201);
    assert.deepEqual(named.owner, { id: coachAId, name: 'Coach Anna' });
    const e = await lastAudit('case', mine.id, 'create');
    assert.equal(e.after.owner_id, coachAId, 'the audit entry records the owner');
  });

  describe('status history and the reference date', () => {
    let s1;

    it('lopend → zo goed als afgerond (2017-06-01) → afgerond (2017-09-01)', async () => {
      const P = programmes.Statusproef;
      s1 = expectStatus(await coord.post('/api/v1/cases', {
        reference: 'ST-1', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01',
      }), 201, 'create ST-1');
      assert.equal(s1.status, 'lopend');
      assert.equal(s1.plan, '', 'plan defaults to empty');
      assert.equal(s1.group, null);
      expectStatus(await coord.put(`/api/v1/cases/${s1.id}/receipt`, {
        oud: [lineIn(['crisisopvang', 'gemeente', '', 100000])], nieuw: [lineIn(['inzet wijkcoach', 'gemeente', '', 40000])],
      }), 200);
      expectStatus(await coord.patch(`/api/v1/cases/${s1.id}`, { status: 'zo_goed_als_afgerond', status_date: '2017-06-01' }), 200);
      s1 = expectStatus(await coord.patch(`/api/v1/cases/${s1.id}`, { status: 'afgerond', status_date: '2017-09-01' }), 200);
      assert.deepEqual(s1.status_history.map((e) => [e.status, e.date]),
        [['lopend', '2017-01-01'], ['zo_goed_als_afgerond', '2017-06-01'], ['afgerond', '2017-09-01']]);
      for (const e of s1.status_history) assert.deepEqual(e.recorded_by, { id: coordId, name: 'Coördinator Doorstroom' });
      const got = expectStatus(await quality.get(`/api/v1/cases/${s1.id}`), 200);
      assert.deepEqual(got.status_history, s1.status_history, 'GET shows the same history');
    });

    it('the summary follows the status on the reference date', async () => {
      const P = programmes.Statusproef;
      const row = (status) => ({ case_id: s1.id, reference: 'ST-1', status, nieuw_cents: 40000, oud_cents: 100000, saving_cents: 60000 });
      const totals = { oud_cents: 100000, nieuw_cents: 40000, saving_cents: 60000 };
      const zero = { oud_cents: 0, nieuw_cents: 0, saving_cents: 0 };
      const cases = [
        ['2016-12-31', null, 0], // before the start: no status at all
        ['2017-01-01', null, 1],
        ['2017-05-31', null, 1],
        ['2017-06-01', 'zo_goed_als_afgerond', 0],
        ['2017-08-31', 'zo_goed_als_afgerond', 0],
        ['2017-09-01', 'afgerond', 0],
        ['2017-12-31', 'afgerond', 0],
      ];
      for (const [date, status, running] of cases) {
        const s = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}&reference_date=${date}`), 200, `summary ${date}`);
        assertSummaryShape(s, `summary ${date}`);
        assert.equal(s.reference_date, date);
        assert.equal(s.running_cases, running, `running on ${date}`);
        if (status) {
          assert.deepEqual(s.groups, [{ group: null, rows: [row(status)], totals }], `groups on ${date}`);
          assert.deepEqual(s.totals, totals);
          assert.deepEqual(s.by_category.map((b) => [b.category.label, b.oud_cents, b.nieuw_cents, b.saving_cents]).sort(),
            [['crisisopvang', 100000, 0, 100000], ['inzet wijkcoach', 0, 40000, -40000]]);
          assert.deepEqual(s.by_payer.map((b) => [b.payer.label, b.oud_cents, b.nieuw_cents, b.saving_cents]), [['gemeente', 100000, 40000, 60000]]);
        } else {
          assert.deepEqual(s.groups, [], `no rows on ${date}`);
          assert.deepEqual(s.totals, zero);
          assert.ok(s.by_category.every((b) => b.oud_cents === 0 && b.nieuw_cents === 0), `no amounts per category on ${date}`);
          assert.ok(s.by_payer.every((b) => b.oud_cents === 0 && b.nieuw_cents === 0), `no amounts per payer on ${date}`);
        }
      }
    });

    it('a status change without status_date is dated today; the same status again adds nothing; the summary defaults to today', async () => {
      const P = programmes.Statusproef;
      const c = expectStatus(await coord.post('/api/v1/cases', { reference: 'ST-2', team_id: teamB.id, programme_id: P.id, start_date: '2017-02-01' }), 201);
      const d0 = today();
      const done = expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { status: 'afgerond' }), 200);
      const d1 = today();
      const last = done.status_history.at(-1);
      assert.equal(last.status, 'afgerond');
      assert.ok([d0, d1].includes(last.date), `dated today (${d0}): ${last.date}`);
      const same = expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { status: 'afgerond', status_date: '2017-03-01' }), 200);
      assert.equal(same.status_history.length, 2, `no entry for a status that did not change: ${JSON.stringify(same.status_history)}`);
      const s = expectStatus(await quality.get(`/api/v1/receipts/summary?programme=${P.id}`), 200, 'summary without reference_date');
      assert.ok([d0, today()].includes(s.reference_date), `reference date defaults to today: ${s.reference_date}`);
      const refs = s.groups.flatMap((g) => g.rows.map((r) => `${r.reference}:${r.status}`)).sort();
      assert.deepEqual(refs, ['ST-1:afgerond', 'ST-2:afgerond']);
      assert.equal(s.running_cases, 0);
    });
  });

  // ------------------------------------------------------------------ free text

  describe('free text: BSN refused, e-mail and phone warned', () => {
    let victim; // a case of programme Proef
    let snapshotOf;

    before(async () => {
      victim = expectStatus(await coord.post('/api/v1/cases', {
        reference: 'PR-1', team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01', plan: 'Origineel plan',
      }), 201);
      expectStatus(await coord.put(`/api/v1/cases/${victim.id}/receipt`, {
        oud: [lineIn(['overig', 'gemeente', 'oude regel', 1000])], nieuw: [],
      }), 200);
      snapshotOf = async () => {
        const [list, c, rc, head] = await Promise.all([
          quality.get(`/api/v1/cases?programme=${programmes.Proef.id}&limit=500`), quality.get(`/api/v1/cases/${victim.id}`),
          quality.get(`/api/v1/cases/${victim.id}/receipt`), auditHead(),
        ]);
        return { list: expectStatus(list, 200), case: expectStatus(c, 200), receipt: expectStatus(rc, 200), head };
      };
    });

    it('a BSN in plan, reference or a line description → 422 naming the field; nothing saved', async () => {
      const s0 = await snapshotOf();
      const P = programmes.Proef;
      const base = { team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01' };
      const attempts = [
        [() => coord.post('/api/v1/cases', { ...base, reference: 'PR-BSN-1', plan: `BSN van moeder: ${BSN}` }), 'plan'],
        [() => coord.post('/api/v1/cases', { ...base, reference: 'PR-BSN-2', plan: `Zie ${BSN2}.` }), 'plan'],
        [() => coord.post('/api/v1/cases', { ...base, reference: `K${BSN}` }), 'reference'],
        [() => coord.post('/api/v1/cases', { ...base, reference: BSN2 }), 'reference'],
        [() => coord.patch(`/api/v1/cases/${victim.id}`, { plan: `nieuw plan ${BSN}` }), 'plan'],
        [() => coord.patch(`/api/v1/cases/${victim.id}`, { reference: BSN }), 'reference'],
        [() => coord.put(`/api/v1/cases/${victim.id}/receipt`, { oud: [lineIn(['overig', 'gemeente', `bsn ${BSN}`, 5])], nieuw: [] }), 'oud[0].description'],
        [() => coord.put(`/api/v1/cases/${victim.id}/receipt`, {
          oud: [], nieuw: [lineIn(['overig', 'gemeente', 'goed', 5]), lineIn(['overig', 'gemeente', `${BSN2}`, 6])],
        }), 'nieuw[1].description'],
      ];
      const failures = [];
      for (const [send, field] of attempts) {
        const r = await send();
        try {
          const p = assertValidation(r, [field], `BSN in ${field}`);
          assert.ok(p.errors.some((e) => e.field === field), `the error names exactly ${field}: ${show(r)}`);
        } catch (e) { failures.push(e.message.split('\n')[0]); }
      }
      assert.deepEqual(failures, [], failures.join('\n'));
      assert.deepEqual(await snapshotOf(), s0, 'nothing was saved');
    });

    it('nine digits that fail the 11-test are not a BSN', async () => {
      const r = await coord.post('/api/v1/cases', {
        reference: 'PR-2', team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01', plan: `Dossiernummer ${NOT_BSN}`,
      });
      const c = expectStatus(r, 201, '9 digits failing the 11-test');
      assert.equal(c.plan, `Dossiernummer ${NOT_BSN}`);
    });

    it('an e-mail address or phone number is saved and reported in warnings', async () => {
      const P = programmes.Proef;
      const plan = 'Contact via j.jansen@example.org';
      const r = await coord.post('/api/v1/cases', { reference: 'PR-3', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01', plan });
      const c = expectStatus(r, 201, 'e-mail in plan');
      assertCase(c, 'e-mail in plan');
      assert.equal(c.plan, plan, 'saved as sent');
      assert.ok(c.warnings.some((w) => w.field === 'plan'), `a warning for plan: ${show(r)}`);
      assert.equal(expectStatus(await quality.get(`/api/v1/cases/${c.id}`), 200).plan, plan, 'saved');

      const r2 = await coord.patch(`/api/v1/cases/${c.id}`, { plan: 'Bel 06-12345678 na vijven' });
      const c2 = expectStatus(r2, 200, 'phone in plan');
      assert.ok(c2.warnings.some((w) => w.field === 'plan'), `a warning for plan: ${show(r2)}`);
      assert.equal(c2.plan, 'Bel 06-12345678 na vijven');

      const r3 = await coord.put(`/api/v1/cases/${c.id}/receipt`, {
        oud: [lineIn(['overig', 'gemeente', 'gewoon', 100])],
        nieuw: [lineIn(['overig', 'gemeente', 'mail hulp@example.org of bel 0612345678', 50])],
      });
      const rc = expectStatus(r3, 200, 'e-mail in a line description');
      assertReceipt(rc, 'warned receipt');
      assert.ok(rc.warnings.some((w) => w.field === 'nieuw[0].description'), `a warning for nieuw[0].description: ${show(r3)}`);
      assert.ok(!rc.warnings.some((w) => w.field === 'oud[0].description'), 'no warning for a plain description');
      assert.equal(rc.nieuw[0].description, 'mail hulp@example.org of bel 0612345678');
      const plain = expectStatus(await coord.post('/api/v1/cases', {
        reference: 'PR-4', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01', plan: 'Niets bijzonders',
      }), 201);
      assert.deepEqual(plain.warnings, []);
    });
  });

  // ------------------------------------------------------------------ retired values

  it('a retired category or payer is refused on a receipt but still shown on an old one', async () => {
    const c = expectStatus(await coord.post('/api/v1/cases', {
      reference: 'PR-5', team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01',
    }), 201);
    const old = expectStatus(await coord.put(`/api/v1/cases/${c.id}/receipt`, {
      oud: [lineIn(['Leerplicht en verzuim', 'Fonds', 'met nieuwe waarden', 2500])], nieuw: [lineIn(['overig', 'Fonds', '', 500])],
    }), 200, 'receipt with the added values');
    expectStatus(await admin.patch(`/api/v1/lists/cost_category/${cat('Leerplicht en verzuim')}`, { active: false }), 200, 'retire category');
    expectStatus(await admin.patch(`/api/v1/lists/payer/${pay('Fonds')}`, { active: false }), 200, 'retire payer');
    const shown = expectStatus(await quality.get(`/api/v1/cases/${c.id}/receipt`), 200);
    assert.deepEqual(shown, old, 'the old receipt still shows the retired values');
    assert.equal(shown.oud[0].category.label, 'Leerplicht en verzuim');
    assert.equal(shown.oud[0].payer.label, 'Fonds');
    const head = await auditHead();
    assertValidation(await coord.put(`/api/v1/cases/${c.id}/receipt`, {
      oud: [lineIn(['Leerplicht en verzuim', 'gemeente', '', 2500])], nieuw: [],
    }), ['oud[0].category_id'], 'retired category');
    assertValidation(await coord.put(`/api/v1/cases/${c.id}/receipt`, {
      oud: [lineIn(['overig', 'gemeente', '', 2500])], nieuw: [lineIn(['overig', 'Fonds', '', 1])],
    }), ['nieuw[0].payer_id'], 'retired payer');
    assert.deepEqual(expectStatus(await quality.get(`/api/v1/cases/${c.id}/receipt`), 200), old, 'unchanged after the refusals');
    assert.equal(await auditHead(), head);
  });

  // ------------------------------------------------------------------ references

  it('a reference is unique in the organisation (409, nothing saved); another organisation may use it', async () => {
    const P = programmes.Proef;
    const first = expectStatus(await coord.post('/api/v1/cases', { reference: 'UNIEK-1', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01' }), 201);
    const other = expectStatus(await coord.post('/api/v1/cases', { reference: 'UNIEK-2', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01' }), 201);
    const listBefore = expectStatus(await quality.get('/api/v1/cases?limit=500'), 200);
    const head = await auditHead();
    assertProblem(await coord.post('/api/v1/cases', { reference: 'UNIEK-1', team_id: teamB.id, programme_id: programmes.Doorstroomwoningen.id, start_date: '2018-01-01' }),
      409, 'conflict', 'POST with a taken reference (other team and programme)');
    assertProblem(await coord.patch(`/api/v1/cases/${other.id}`, { reference: 'UNIEK-1' }), 409, 'conflict', 'PATCH to a taken reference');
    assert.deepEqual(expectStatus(await quality.get('/api/v1/cases?limit=500'), 200), listBefore, 'nothing saved');
    assert.equal(await auditHead(), head);
    // keeping one's own reference is not a conflict
    expectStatus(await coord.patch(`/api/v1/cases/${first.id}`, { reference: 'UNIEK-1', plan: 'zelfde referentie' }), 200, 'PATCH with the own reference');

    // Another organisation: its admin builds a team and a programme, its coach adds a case
    // with the same reference.
    addOrg(server.databaseUrl, { name: 'Org Twee', slug: 'orgtwee' });
    addUser(server.databaseUrl, { org: 'orgtwee', email: 'c-admin@orgtwee.example', name: 'Beheer Twee', roles: ['admin'] });
    const ob = await new Client(server).loginOk('c-admin@orgtwee.example');
    const district = expectStatus(await ob.post('/api/v1/districts', { name: 'Centrum' }), 201);
    const t = expectStatus(await ob.post('/api/v1/teams', { name: teamA.name, district_id: district.id }), 201);
    const prog = expectStatus(await ob.post('/api/v1/programmes', { name: 'Proef', start_date: '2016-01-01' }), 201, 'same programme name in another organisation');
    assert.equal(prog.slug, 'proef');
    const obCats = expectStatus(await ob.get('/api/v1/lists/cost_category'), 200).items;
    assert.deepEqual([...obCats].sort((a, b) => a.position - b.position).map((v) => v.label), SPEC_CATEGORIES, 'a new organisation gets the default list');
    assert.ok(obCats.every((v) => !categories.has(v.label) || categories.get(v.label) !== v.id), 'its own values, not smd\'s');
    expectStatus(await ob.post('/api/v1/users', { email: 'c-coach@orgtwee.example', name: 'Coach Twee', password: PASSWORD, roles: ['coach'], team_ids: [t.id] }), 201);
    const obCoach = await new Client(server).loginOk('c-coach@orgtwee.example');
    const c = expectStatus(await obCoach.post('/api/v1/cases', { reference: 'UNIEK-1', team_id: t.id, programme_id: prog.id, start_date: '2017-01-01' }), 201,
      'the same reference in another organisation');
    assert.equal(c.reference, 'UNIEK-1');
    const obList = expectStatus(await obCoach.get('/api/v1/cases'), 200);
    assert.deepEqual(obList.items.map((x) => x.id), [c.id], 'the other organisation sees only its own case');
    assert.equal(obList.total, 1);
    // smd's category ids are unknown there
    assertValidation(await obCoach.put(`/api/v1/cases/${c.id}/receipt`, { oud: [lineIn(['overig', 'gemeente', '', 1])], nieuw: [] }),
      ['oud[0].category_id', 'oud[0].payer_id'], 'values of another organisation');
    const smd = expectStatus(await quality.get('/api/v1/cases?q=UNIEK-1'), 200);
    assert.deepEqual(smd.items.map((x) => x.id), [first.id], 'smd still sees only its own UNIEK-1');
  });

  // ------------------------------------------------------------------ filters and paging

  describe('GET /cases filters and paging', () => {
    // Zoekproef: [reference, team, status]
    const Z = [
      ['Z%1', 'A', 'lopend'], ['Z_1', 'A', 'afgerond'], ['ZX1', 'B', 'lopend'], ['ZXX2', 'B', 'zo_goed_als_afgerond'],
      ['ZY3', 'A', 'afgerond'], ['zy4', 'B', 'lopend'], ['ZZ5', 'A', 'lopend'],
    ];
    let base;

    before(async () => {
      const P = programmes.Zoekproef;
      base = `/api/v1/cases?programme=${P.id}`;
      for (const [reference, t, status] of Z) {
        const body = { reference, team_id: team(t).id, programme_id: P.id, start_date: '2017-01-01' };
        if (status !== 'lopend') Object.assign(body, { status, status_date: '2017-05-01' });
        expectStatus(await coord.post('/api/v1/cases', body), 201, `create ${reference}`);
      }
    });

    const refs = (page) => page.items.map((c) => c.reference).sort();
    const sorted = (xs) => [...xs].sort();

    it('programme, team and status filter (and combine); total counts all matches', async () => {
      const all = expectStatus(await quality.get(base), 200);
      assert.deepEqual(refs(all), sorted(Z.map((z) => z[0])));
      assert.equal(all.total, 7);
      const a = expectStatus(await quality.get(`${base}&team=${teamA.id}`), 200);
      assert.deepEqual(refs(a), sorted(['Z%1', 'Z_1', 'ZY3', 'ZZ5']));
      assert.equal(a.total, 4);
      const lopend = expectStatus(await quality.get(`${base}&status=lopend`), 200);
      assert.deepEqual(refs(lopend), sorted(['Z%1', 'ZX1', 'zy4', 'ZZ5']));
      const zgaa = expectStatus(await quality.get(`${base}&status=zo_goed_als_afgerond`), 200);
      assert.deepEqual(refs(zgaa), ['ZXX2']);
      const both = expectStatus(await quality.get(`${base}&team=${teamA.id}&status=afgerond`), 200);
      assert.deepEqual(refs(both), sorted(['Z_1', 'ZY3']));
      assert.equal(both.total, 2);
      const teamOnly = expectStatus(await quality.get(`/api/v1/cases?team=${teamB.id}&status=zo_goed_als_afgerond`), 200);
      assert.ok(teamOnly.items.every((c) => c.team.id === teamB.id && c.status === 'zo_goed_als_afgerond'));
      assert.ok(refs(teamOnly).includes('ZXX2') && refs(teamOnly).includes('DW-A2'), `team B zgaa across programmes: ${refs(teamOnly)}`);
    });

    it('q matches part of the reference, with % and _ taken literally', async () => {
      const q = async (text) => expectStatus(await quality.get(`${base}&q=${encodeURIComponent(text)}`), 200, `q=${text}`);
      assert.deepEqual(refs(await q('%')), ['Z%1'], '% is a character, not a wildcard');
      assert.deepEqual(refs(await q('_')), ['Z_1'], '_ is a character, not a wildcard');
      assert.deepEqual(refs(await q('%1')), ['Z%1'], 'as a LIKE pattern %1 would match every reference with a 1');
      assert.deepEqual(refs(await q('_1')), ['Z_1'], 'as a LIKE pattern _1 would match Z%1, Z_1 and ZX1');
      assert.deepEqual(refs(await q('X')), sorted(['ZX1', 'ZXX2']));
      assert.deepEqual(refs(await q('XX2')), ['ZXX2']);
      const none = await q('geen-treffer');
      assert.deepEqual(none, { items: [], total: 0, total_exact: true, next_cursor: null });
      const total = await q('Z');
      assert.ok(total.total >= 6, 'Z matches (at least) the upper-case references');
    });

    it('limit and offset page through the matches without gaps or doubles', async () => {
      const seen = [];
      for (let offset = 0; offset < 8; offset += 3) {
        const page = expectStatus(await quality.get(`${base}&limit=3&offset=${offset}`), 200, `offset ${offset}`);
        assert.equal(page.total, 7, 'total ignores limit and offset');
        assert.equal(page.items.length, Math.min(3, 7 - offset), `page at ${offset}`);
        seen.push(...page.items.map((c) => c.reference));
      }
      assert.deepEqual(sorted(seen), sorted(Z.map((z) => z[0])), 'every case exactly once');
      const past = expectStatus(await quality.get(`${base}&limit=3&offset=100`), 200);
      assert.deepEqual(past, { items: [], total: 7, total_exact: true, next_cursor: null });
      const one = expectStatus(await quality.get(`${base}&limit=1`), 200);
      assert.equal(one.items.length, 1);
      assert.equal(one.total, 7);
      const max = expectStatus(await quality.get(`${base}&limit=500&offset=0`), 200);
      assert.equal(max.items.length, 7);
      const everything = expectStatus(await quality.get('/api/v1/cases?limit=500'), 200);
      assert.equal(everything.items.length, everything.total);
      const dflt = expectStatus(await quality.get('/api/v1/cases'), 200);
      assert.equal(dflt.total, everything.total);
      assert.equal(dflt.items.length, Math.min(100, everything.total), 'default limit 100');
    });
  });

  it('q finds a reference with non-ASCII capitals, typed as stored', async () => {
    const P = programmes.Proef;
    const c = expectStatus(await coord.post('/api/v1/cases', { reference: 'CAFÉ-ÜBER-1', team_id: teamA.id, programme_id: P.id, start_date: '2017-01-01' }), 201);
    const failures = [];
    for (const q of ['CAFÉ-ÜBER-1', 'CAFÉ', 'É', 'ÜBER', 'FÉ-Ü']) {
      const page = expectStatus(await quality.get(`/api/v1/cases?programme=${P.id}&q=${encodeURIComponent(q)}`), 200, `q=${q}`);
      if (!page.items.some((x) => x.id === c.id)) failures.push(`GET /api/v1/cases?programme=${P.id}&q=${q} does not find ${c.reference}: ${JSON.stringify(page)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  // ------------------------------------------------------------------ concurrent requests

  describe('concurrent requests (a double click on "save")', () => {
    const NO_INTERNALS = /duplicate key|constraint|SQLITE|statement:|ERROR: /i;

    it('two PUTs of the same receipt at once leave exactly that receipt', async () => {
      const c = expectStatus(await coord.post('/api/v1/cases', { reference: 'DUBBEL-1', team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01' }), 201);
      const body = { oud: [lineIn(['maatschappelijke opvang', 'gemeente', 'opvang', 240000])], nieuw: [lineIn(['inzet wijkcoach', 'gemeente', 'coach', 31100])] };
      const failures = [];
      for (let round = 0; round < 15 && failures.length === 0; round += 1) {
        const answers = await Promise.all([1, 2, 3].map(() => coord.put(`/api/v1/cases/${c.id}/receipt`, body)));
        for (const r of answers) {
          if (r.status !== 200) failures.push(`round ${round}: ${show(r)}`);
          else if (r.json.oud.length !== 1 || r.json.nieuw.length !== 1) failures.push(`round ${round}: the answer holds ${r.json.oud.length} + ${r.json.nieuw.length} lines: ${show(r)}`);
        }
        const stored = expectStatus(await quality.get(`/api/v1/cases/${c.id}/receipt`), 200);
        if (stored.oud.length !== 1 || stored.nieuw.length !== 1) {
          failures.push(`round ${round}: after 3 × PUT ${JSON.stringify(body)} at once, GET /api/v1/cases/${c.id}/receipt holds ${stored.oud.length} oud + ${stored.nieuw.length} nieuw lines, totals ${JSON.stringify(stored.totals)} (want 240000 / 31100)`);
        }
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });

    it('two new cases naming the same new group at once both get that one group', async () => {
      const failures = [];
      for (let round = 0; round < 10; round += 1) {
        const answers = await Promise.all([1, 2, 3].map((i) => coord.post('/api/v1/cases', {
          reference: `GROEP-${round}-${i}`, team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01', group: `Gelijktijdig ${round}`,
        })));
        for (const r of answers) if (r.status !== 201) failures.push(`round ${round}: ${show(r)}`);
        const ids = new Set(answers.filter((r) => r.status === 201).map((r) => r.json.group?.id));
        if (ids.size > 1) failures.push(`round ${round}: several groups of one name: ${[...ids]}`);
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });

    it('the same new reference at once: one 201, the others 409 conflict without database internals', async () => {
      const failures = [];
      for (let round = 0; round < 10; round += 1) {
        const answers = await Promise.all([1, 2, 3].map(() => coord.post('/api/v1/cases', {
          reference: `TEGELIJK-${round}`, team_id: teamA.id, programme_id: programmes.Proef.id, start_date: '2017-01-01',
        })));
        const created = answers.filter((r) => r.status === 201).length;
        if (created !== 1) failures.push(`round ${round}: ${created} created`);
        for (const r of answers.filter((x) => x.status !== 201)) {
          if (r.status !== 409 || r.json?.type !== 'urn:wijkkader:problem:conflict') failures.push(`round ${round}: ${show(r)}`);
          else if (NO_INTERNALS.test(r.text)) failures.push(`round ${round}: the problem shows database internals: ${show(r)}`);
        }
      }
      assert.equal(failures.length, 0, failures.slice(0, 3).join('\n'));
    });
  });
});
