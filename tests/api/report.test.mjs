// The annual report (activiteitenverslag; docs/openapi.json, tag "reports"): chapters in the
// model report's order with placeholders until a text is written, the receipts chapter
// computed from a hand-made fixture (the Doorstroomwoningen cases of cases.test.mjs,
// every figure of every table worked out BY HAND below, in cents and as printed Dutch
// money), links for director and quality only, HTML without scripts, the texts and who
// may write them, XLSX (one sheet per table, amounts as numbers), PDF and access. The
// kwaliteit chapter carries the vertelpunt's figures (empty here; by hand in
// sensemaking.test.mjs).
import { describe } from 'node:test';
import { FIXTURE, XLSX_TYPE, getBytes, readXlsx, unzip } from './fixtures.mjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG,
  assertProblem, assertValidation, expectStatus, show,
} from './harness.mjs';

const CHAPTER_KEYS = ['inleiding', 'ontwikkelingen', 'overleg', 'formatie', 'kassabonnen', 'activiteiten_derden',
  'kwaliteit', 'kennisbank', 'scholing', 'bedrijfsvoering', 'raad_van_toezicht'];
const PLACEHOLDER = '[Nog geen tekst voor dit hoofdstuk';
const BSN = '111222333'; // passes the 11-test: 9+8+7+12+10+8+9+6−3 = 66 = 6 × 11
const CHROMIUM = '/usr/bin/chromium';

/** Printed money: "€ 2.089" with a no-break space after the euro sign. */
const eur = (s) => s.replace('€ ', '€\u00a0');

// ------------------------------------------------------------------ the fixture
//
// Programme "Doorstroomwoningen" (start 2016-01-01), groups Woning A/B/C and cases
// without a group; teams A and B are two demo teams. Lines: [category, payer,
// description, cents per year]. `create`: the status on POST; `changes`: later PATCHes.
// (FIXTURE: tests/api/fixtures.mjs, shared with cases.test.mjs)
// A second programme "WoonStAP" with one case still running on 2017-12-31 (its receipt
// does not count), and a third, "Leeg", without cases: absent from the report.
const WOONSTAP_CASE = { ref: 'WS-1', team: 'A', start: '2017-05-01', oud: [['overig', 'gemeente', '', 100000]] };

// The kassabonnen table on 2017-12-31, by hand. Counted (afgerond or zo goed als afgerond
// on the date): A1, A2 (zgaa since 2017-10-01), B1, C1 (zgaa since 2017-11-15), C2, X1.
// Running: A3, B2 (afgerond only 2018-03-01). X2 starts in 2018. Columns: Groep, Kassabon
// nieuw, Kassabon oud, Besparing. Money is printed in whole euros, half a euro up
// (away from zero): 2.050,50 → € 2.051, −850,50 → € -851.
// [first cell, [nieuw], [oud], [besparing], case reference (row) or null (a Totaal row)]
const KB_2017 = [
  ['Woning A, casus 1', [31100, '€ 311'], [240000, '€ 2.400'], [208900, '€ 2.089'], 'DW-A1'],
  ['Woning A, casus 2', [56000, '€ 560'], [216000, '€ 2.160'], [160000, '€ 1.600'], 'DW-A2'],
  ['Totaal', [87100, '€ 871'], [456000, '€ 4.560'], [368900, '€ 3.689'], null],
  ['Woning B, casus 1', [205050, '€ 2.051'], [120000, '€ 1.200'], [-85050, '€ -851'], 'DW-B1'],
  ['Totaal', [205050, '€ 2.051'], [120000, '€ 1.200'], [-85050, '€ -851'], null],
  ['Woning C, casus 1', [29000, '€ 290'], [135345, '€ 1.353'], [106345, '€ 1.063'], 'DW-C1'],
  ['Woning C, casus 2', [200000, '€ 2.000'], [2150000, '€ 21.500'], [1950000, '€ 19.500'], 'DW-C2'],
  ['Totaal', [229000, '€ 2.290'], [2285345, '€ 22.853'], [2056345, '€ 20.563'], null],
  ['Zonder groep, casus 1', [0, '€ 0'], [1440000, '€ 14.400'], [1440000, '€ 14.400'], 'DW-X1'],
  ['Totaal', [0, '€ 0'], [1440000, '€ 14.400'], [1440000, '€ 14.400'], null],
  // nieuw 871 + 2.050,50 + 2.290 + 0 = 5.211,50; oud 4.560 + 1.200 + 22.853,45 + 14.400 = 43.013,45
  ['Totaal alle groepen', [521150, '€ 5.212'], [4301345, '€ 43.013'], [3780195, '€ 37.802'], null],
];
// Per payer on 2017-12-31 (list order), written [oud, nieuw, besparing]; the table's columns are
// Betaler, Kassabon nieuw, Kassabon oud, Besparing (the model's order, as in the receipts table).
// gemeente oud: A1 2.400 + C1 480 + 123,45 + C2 18.000; nieuw: A1 311 + A2 560 + B1 1.800 + 250,50 + C1 240 + C2 1.500
const PAYER_2017 = [
  ['gemeente', [2100345, '€ 21.003'], [466150, '€ 4.662'], [1634195, '€ 16.342']],
  ['woningcorporatie', [500000, '€ 5.000'], [50000, '€ 500'], [450000, '€ 4.500']], // A2 1.500 + C2 3.500; C2 500
  ['zorgverzekeraar', [120000, '€ 1.200'], [0, '€ 0'], [120000, '€ 1.200']],
  ['Rijk', [1581000, '€ 15.810'], [0, '€ 0'], [1581000, '€ 15.810']], // A2 660 + C1 750 + X1 14.400
  ['overig', [0, '€ 0'], [5000, '€ 50'], [-5000, '€ -50']],
  ['Totaal', [4301345, '€ 43.013'], [521150, '€ 5.212'], [3780195, '€ 37.802']],
];
// Per cost category on 2017-12-31 (list order). Columns: Kostensoort, oud, nieuw, Besparing.
const CATEGORY_2017 = [
  ['maatschappelijke opvang', [2040000, '€ 20.400'], [0, '€ 0'], [2040000, '€ 20.400']], // A1 2.400 + C2 18.000
  ['beschermd wonen', [0, '€ 0'], [180000, '€ 1.800'], [-180000, '€ -1.800']],
  ['Wmo-begeleiding', [48000, '€ 480'], [24000, '€ 240'], [24000, '€ 240']],
  ['GGZ / verslavingszorg', [120000, '€ 1.200'], [0, '€ 0'], [120000, '€ 1.200']],
  ['schuldhulpverlening', [0, '€ 0'], [56000, '€ 560'], [-56000, '€ -560']],
  ['bijzondere bijstand', [12345, '€ 123'], [0, '€ 0'], [12345, '€ 123']],
  ['uitkering', [1506000, '€ 15.060'], [0, '€ 0'], [1506000, '€ 15.060']], // A2 660 + X1 14.400
  ['huurachterstand / ontruiming', [500000, '€ 5.000'], [0, '€ 0'], [500000, '€ 5.000']],
  ['politie / justitie', [75000, '€ 750'], [0, '€ 0'], [75000, '€ 750']],
  ['inzet wijkcoach', [0, '€ 0'], [206150, '€ 2.062'], [-206150, '€ -2.062']], // A1 311 + B1 250,50 + C2 1.500
  ['maatwerkbudget', [0, '€ 0'], [50000, '€ 500'], [-50000, '€ -500']], // C2 only (A3 is running)
  ['overig', [0, '€ 0'], [5000, '€ 50'], [-5000, '€ -50']],
  ['Totaal', [4301345, '€ 43.013'], [521150, '€ 5.212'], [3780195, '€ 37.802']],
];

// On 2017-06-30: A1 (afgerond 2016-12-01), B1 (afgerond 2017-06-30, the day itself) and C2
// (afgerond 2017-04-01) count; A2, A3, B2, C1, X1 are running (5); X2 not started.
const KB_20170630 = [
  ['Woning A, casus 1', [31100, '€ 311'], [240000, '€ 2.400'], [208900, '€ 2.089'], 'DW-A1'],
  ['Totaal', [31100, '€ 311'], [240000, '€ 2.400'], [208900, '€ 2.089'], null],
  ['Woning B, casus 1', [205050, '€ 2.051'], [120000, '€ 1.200'], [-85050, '€ -851'], 'DW-B1'],
  ['Totaal', [205050, '€ 2.051'], [120000, '€ 1.200'], [-85050, '€ -851'], null],
  ['Woning C, casus 1', [200000, '€ 2.000'], [2150000, '€ 21.500'], [1950000, '€ 19.500'], 'DW-C2'],
  ['Totaal', [200000, '€ 2.000'], [2150000, '€ 21.500'], [1950000, '€ 19.500'], null],
  // nieuw 311 + 2.050,50 + 2.000 = 4.361,50; oud 2.400 + 1.200 + 21.500 = 25.100; 2.089 − 850,50 + 19.500 = 20.738,50
  ['Totaal alle groepen', [436150, '€ 4.362'], [2510000, '€ 25.100'], [2073850, '€ 20.739'], null],
];
const PAYER_20170630 = [
  // oud A1 2.400 + C2 18.000; nieuw A1 311 + B1 1.800 + 250,50 + C2 1.500 = 3.861,50
  ['gemeente', [2040000, '€ 20.400'], [386150, '€ 3.862'], [1653850, '€ 16.539']],
  ['woningcorporatie', [350000, '€ 3.500'], [50000, '€ 500'], [300000, '€ 3.000']],
  ['zorgverzekeraar', [120000, '€ 1.200'], [0, '€ 0'], [120000, '€ 1.200']],
  ['Totaal', [2510000, '€ 25.100'], [436150, '€ 4.362'], [2073850, '€ 20.739']],
];
// WoonStAP: nothing counted, one case running: only the grand total, and empty breakdowns.
const KB_WOONSTAP = [['Totaal alle groepen', [0, '€ 0'], [0, '€ 0'], [0, '€ 0'], null]];
const BREAKDOWN_EMPTY = [['Totaal', [0, '€ 0'], [0, '€ 0'], [0, '€ 0']]];

// ------------------------------------------------------------------ helpers

const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('annual report', { skip: whyNot }, () => {
  let server;
  let admin;
  let coord;
  let director;
  let quality;
  let funder;
  const others = {}; // role → Client (may not read the report)
  let teamA;
  let teamB;
  const categories = new Map();
  const payers = new Map();
  const programmes = {};
  const caseIds = new Map(); // reference → id

  const lineIn = ([c, p, description, amount]) => {
    assert.ok(categories.has(c) && payers.has(p), `list values ${c} / ${p}`);
    return { category_id: categories.get(c), payer_id: payers.get(p), description, amount_cents: amount };
  };

  const report = async (client, query = '') => client.get(`/api/v1/reports/2017?format=json${query}`);

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    const mk = async (key, roles, teams = []) => {
      addUser(db, { org: DEMO_ORG_SLUG, email: `rp-${key}@example.org`, name: `Verslag ${key}`, roles, teams });
      return new Client(server).loginOk(`rp-${key}@example.org`);
    };
    admin = await mk('admin', ['admin']);
    [teamA, teamB] = expectStatus(await admin.get('/api/v1/teams'), 200).items
      .filter((t) => t.name.startsWith('Wijkteam ')).sort((a, b) => a.id - b.id);
    for (const v of expectStatus(await admin.get('/api/v1/lists/cost_category'), 200).items) categories.set(v.label, v.id);
    for (const v of expectStatus(await admin.get('/api/v1/lists/payer'), 200).items) payers.set(v.label, v.id);
    for (const name of ['Doorstroomwoningen', 'Leeg', 'WoonStAP']) {
      programmes[name] = expectStatus(await admin.post('/api/v1/programmes', { name, start_date: '2016-01-01' }), 201, `programme ${name}`);
    }
    coord = await mk('coord', ['coordinator:doorstroomwoningen', 'coordinator:woonstap']);
    director = await mk('director', ['director']);
    quality = await mk('quality', ['quality']);
    funder = await mk('funder', ['funder']);
    others.coach = await mk('coach', ['coach'], [teamA.name]);
    others.team_manager = await mk('tm', ['team_manager'], [teamA.name]);
    others.hr = await mk('hr', ['hr']);
    others.admin = admin;
    others.coordinator = coord;

    const team = (k) => (k === 'A' ? teamA : teamB);
    const P = programmes.Doorstroomwoningen;
    for (const f of FIXTURE) {
      const body = { reference: f.ref, team_id: team(f.team).id, programme_id: P.id, start_date: f.start };
      if (f.group) body.group = f.group;
      if (f.create) [body.status, body.status_date] = f.create;
      const c = expectStatus(await coord.post('/api/v1/cases', body), 201, `POST ${f.ref}`);
      caseIds.set(f.ref, c.id);
      for (const [status, date] of f.changes) {
        expectStatus(await coord.patch(`/api/v1/cases/${c.id}`, { status, status_date: date }), 200, `PATCH ${f.ref}`);
      }
      expectStatus(await coord.put(`/api/v1/cases/${c.id}/receipt`, { oud: f.oud.map(lineIn), nieuw: f.nieuw.map(lineIn) }), 200, `PUT receipt ${f.ref}`);
    }
    const w = WOONSTAP_CASE;
    const c = expectStatus(await coord.post('/api/v1/cases', {
      reference: w.ref, team_id: team(w.team).id, programme_id: programmes.WoonStAP.id, start_date: w.start,
    }), 201, 'POST WS-1');
    caseIds.set(w.ref, c.id);
    expectStatus(await coord.put(`/api/v1/cases/${c.id}/receipt`, { oud: w.oud.map(lineIn), nieuw: [] }), 200, 'receipt WS-1');
  });

  after(async () => {
    await server?.stop();
  });

  // The expected JSON rows of a table, with or without links.
  function kbRows(table, programmeId, links) {
    return table.map(([first, ...rest]) => {
      const ref = rest[3];
      const link = links ? (ref ? `/casussen/${caseIds.get(ref)}` : `/casussen?programme=${programmeId}`) : null;
      const money = ([cents, text]) => ({ text: eur(text), cents, ...(link ? { link } : {}) });
      return { total: ref === null, cells: [{ text: first }, money(rest[0]), money(rest[1]), money(rest[2])] };
    });
  }
  function breakdownRows(table) {
    return table.map(([first, oud, nieuw, saving]) => ({
      total: first === 'Totaal',
      cells: [{ text: first }, ...[nieuw, oud, saving].map(([cents, text]) => ({ text: eur(text), cents }))],
    }));
  }
  const ROUNDING = 'Kassabon oud: de kosten per jaar die zonder de inzet zouden zijn gebleven; kassabon nieuw: de kosten per jaar na de inzet; besparing = oud − nieuw. Opgenomen zijn de casussen die op de peildatum afgerond of zo goed als afgerond zijn. Bedragen per jaar, afgerond op hele euro\'s (vanaf 50 cent naar boven, negatieve bedragen naar hun grootte); door afronding kan een totaal of besparing een euro afwijken van de som van de getoonde bedragen.';
  function expectedKassabonnen(links, { kb, payers: payerTable, categories: categoryTable, counted, running }) {
    const P = programmes.Doorstroomwoningen.id;
    const W = programmes.WoonStAP.id;
    return [
      {
        heading: 'Doorstroomwoningen',
        paragraphs: [`Op de peildatum zijn ${counted} casussen (zo goed als) afgerond en in de tabel opgenomen. Er lopen nog ${running} casussen waarvoor nog geen kassabon is opgemaakt.`, ROUNDING],
        tables: [{ id: `kassabonnen-${P}`, title: 'Kassabonnen Doorstroomwoningen', columns: ['Groep', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: kbRows(kb, P, links) }],
      },
      {
        heading: '',
        paragraphs: [],
        tables: [
          { id: `betaler-${P}`, title: 'Besparing per betaler — Doorstroomwoningen', columns: ['Betaler', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: breakdownRows(payerTable) },
          ...(categoryTable ? [{ id: `kostensoort-${P}`, title: 'Besparing per kostensoort — Doorstroomwoningen', columns: ['Kostensoort', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: breakdownRows(categoryTable) }] : []),
        ],
      },
      {
        heading: 'WoonStAP',
        paragraphs: ['Op de peildatum zijn geen casussen (zo goed als) afgerond en in de tabel opgenomen. Er loopt nog 1 casus waarvoor nog geen kassabon is opgemaakt.', ROUNDING],
        tables: [{ id: `kassabonnen-${W}`, title: 'Kassabonnen WoonStAP', columns: ['Groep', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: kbRows(KB_WOONSTAP, W, links) }],
      },
      {
        heading: '',
        paragraphs: [],
        tables: [
          { id: `betaler-${W}`, title: 'Besparing per betaler — WoonStAP', columns: ['Betaler', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: breakdownRows(BREAKDOWN_EMPTY) },
          { id: `kostensoort-${W}`, title: 'Besparing per kostensoort — WoonStAP', columns: ['Kostensoort', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows: breakdownRows(BREAKDOWN_EMPTY) },
        ],
      },
    ];
  }
  const FULL_2017 = { kb: KB_2017, payers: PAYER_2017, categories: CATEGORY_2017, counted: 6, running: 2 };

  function assertChapters(rep, where) {
    assert.deepEqual(Object.keys(rep).sort(), ['chapters', 'organisation', 'reference_date', 'year'], `${where}: Report keys`);
    assert.deepEqual(rep.chapters.map((c) => c.key), CHAPTER_KEYS, `${where}: chapters in the model report's order`);
    assert.deepEqual(rep.chapters.map((c) => c.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], `${where}: numbered 1..11`);
    for (const c of rep.chapters) {
      assert.deepEqual(Object.keys(c).sort(), ['key', 'number', 'sections', 'text', 'title'], `${where}: chapter keys`);
      assert.ok(typeof c.title === 'string' && c.title.length > 0);
      if (!['kassabonnen', 'kwaliteit', 'kennisbank'].includes(c.key)) assert.deepEqual(c.sections, [], `${where}: ${c.key} is narrative only`);
    }
    // The vertelpunt's figures (computed by hand in sensemaking.test.mjs); this fixture has
    // no stories, sessions or views.
    const kw = rep.chapters.find((c) => c.key === 'kwaliteit');
    assert.deepEqual(kw.sections.map((s) => s.heading), ['Grootschalig luisteren: het vertelpunt', 'Duidingssessies'], `${where}: kwaliteit sections`);
    // No stories: no tables of shares of nothing, zero in words, no sentence begins with a figure.
    assert.deepEqual(kw.sections.map((s) => s.tables.map((t) => t.id)), [[], ['acties']], `${where}: kwaliteit tables`);
    assert.deepEqual(kw.sections[0].paragraphs, ['In 2017 zijn geen verhalen gedeeld en door de vertellers zelf geduid (2016: geen verhalen).', 'Het vertelpunt is in 2017 niet geraadpleegd.']);
    assert.deepEqual(kw.sections[1].paragraphs, ['In 2017 zijn geen duidingssessies gehouden.', 'In 2017 zijn geen acties afgerond met een verandering in een methode, een procedure, een training of anderszins.']);
    const kn0 = rep.chapters.find((c) => c.key === 'kennisbank');
    for (const sec of [...kw.sections, ...kn0.sections]) {
      for (const p of sec.paragraphs) {
        assert.ok(!/^\d/.test(p), `no sentence begins with a figure: ${p}`);
        assert.ok(!/(^|\s)0 (keer|verhalen|items|acties|casussen)/.test(p), `zero in words: ${p}`);
      }
    }
    // The kennisbank's figures (by hand in knowledge_review.test.mjs); no items here: every
    // category listed with zeros, no top list.
    const kn = rep.chapters.find((c) => c.key === 'kennisbank');
    assert.deepEqual(kn.sections.map((s) => s.tables.map((t) => t.id)), [['kennisbank_items'], ['kennisbank_beoordeling', 'kennisbank_raadplegingen']], `${where}: kennisbank tables`);
    assert.deepEqual(kn.sections[0].tables[0].rows.map((r) => r.cells[0].text), ['Methodieken', 'Documenten', 'Procedures', 'Richtlijnen', 'Totaal']);
    assert.deepEqual(kn.sections[0].tables[0].rows.at(-1).cells.slice(1).map((c) => c.value), [0, 0, 0, 0, 0]);
  }

  // ------------------------------------------------------------------ JSON

  describe('JSON', () => {
    it('director: eleven chapters in order, no texts yet (null), the receipts chapter by hand, with links', async () => {
      const r = await report(director);
      const rep = expectStatus(r, 200, 'GET report json');
      assert.match(r.contentType, /^application\/json/);
      assertChapters(rep, 'director');
      assert.equal(rep.year, 2017);
      assert.equal(rep.reference_date, '2017-12-31', 'reference_date defaults to {year}-12-31');
      assert.equal(typeof rep.organisation, 'string');
      assert.ok(rep.organisation.length > 0);
      assert.deepEqual(rep.chapters.map((c) => c.text), Array(11).fill(null), 'placeholders: text null until written');
      const kb = rep.chapters.find((c) => c.key === 'kassabonnen');
      assert.deepEqual(kb.sections, expectedKassabonnen(true, FULL_2017), 'the receipts chapter on 2017-12-31, by hand');
    });

    it('quality gets the same report with links; the funder the same figures without any link', async () => {
      const d = expectStatus(await report(director), 200);
      const q = expectStatus(await report(quality), 200, 'quality');
      assert.deepEqual(q, d, 'quality sees what the director sees');
      const f = expectStatus(await report(funder), 200, 'funder');
      assertChapters(f, 'funder');
      const kb = f.chapters.find((c) => c.key === 'kassabonnen');
      assert.deepEqual(kb.sections, expectedKassabonnen(false, FULL_2017), 'the funder: figures only');
      assert.ok(!JSON.stringify(f).includes('"link"'), 'no link anywhere for the funder');
    });

    it('reference_date=2017-06-30 changes the figures as computed by hand', async () => {
      const rep = expectStatus(await report(director, '&reference_date=2017-06-30'), 200);
      assert.equal(rep.reference_date, '2017-06-30');
      const kb = rep.chapters.find((c) => c.key === 'kassabonnen');
      const want = expectedKassabonnen(true, { kb: KB_20170630, payers: PAYER_20170630, categories: null, counted: 3, running: 5 });
      // compare the category table on its own (its rows are below)
      const categoryTable = kb.sections[1].tables.find((t) => t.id.startsWith('kostensoort-'));
      assert.ok(categoryTable, 'the category table is there');
      // [nieuw, oud, besparing]
      assert.deepEqual(categoryTable.rows.map((row) => [row.cells[0].text, ...row.cells.slice(1).map((c) => c.cents)]), [
        ['maatschappelijke opvang', 0, 2040000, 2040000], // A1 2.400 + C2 18.000
        ['beschermd wonen', 180000, 0, -180000],
        ['GGZ / verslavingszorg', 0, 120000, 120000],
        ['huurachterstand / ontruiming', 0, 350000, 350000],
        ['inzet wijkcoach', 206150, 0, -206150], // A1 311 + B1 250,50 + C2 1.500
        ['maatwerkbudget', 50000, 0, -50000],
        ['Totaal', 436150, 2510000, 2073850],
      ]);
      kb.sections[1].tables = kb.sections[1].tables.filter((t) => t !== categoryTable);
      assert.deepEqual(kb.sections, want, 'the receipts chapter on 2017-06-30, by hand');
    });

    it('a bad format or reference_date is 400; year 1999 and 2101 are 404', async () => {
      assertProblem(await director.get('/api/v1/reports/2017?format=doc'), 400, 'bad-request', 'format=doc');
      assertProblem(await director.get('/api/v1/reports/2017?reference_date=2017-02-30'), 400, 'bad-request', 'reference_date 2017-02-30');
      assertProblem(await director.get('/api/v1/reports/2017?reference_date=31-12-2017'), 400, 'bad-request', 'a Dutch date');
      for (const y of ['1999', '2101', 'abc']) {
        assertProblem(await director.get(`/api/v1/reports/${y}?format=json`), 404, 'not-found', `year ${y}`);
      }
    });
  });

  // ------------------------------------------------------------------ HTML

  describe('HTML', () => {
    it('director: contents, Peildatum, placeholders, the style sheet, no script, every amount in Dutch, links', async () => {
      const r = await director.get('/api/v1/reports/2017');
      assert.equal(r.status, 200, show(r));
      assert.match(r.contentType, /^text\/html/);
      const html = r.text;
      const nav = /<nav\b[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      assert.ok(nav.includes('Inhoud'), 'a table of contents');
      assert.deepEqual([...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]),
        CHAPTER_KEYS.map((k) => `h-${k}`), 'the contents link every chapter, in order');
      for (const k of CHAPTER_KEYS) assert.ok(html.includes(`id="h-${k}"`), `chapter ${k} has its anchor`);
      assert.ok(html.includes('Peildatum 31-12-2017'), 'Peildatum in Dutch');
      assert.equal(html.split(PLACEHOLDER).length - 1, 11, 'eleven visible placeholders');
      assert.ok(html.includes('<link rel="stylesheet" href="/verslag.css">'));
      assert.ok(!/<script/i.test(html), 'no script');
      for (const table of [KB_2017, PAYER_2017, CATEGORY_2017, KB_WOONSTAP]) {
        for (const [, ...cells] of table) {
          for (const c of cells) if (Array.isArray(c)) assert.ok(html.includes(eur(c[1])), `the amount ${c[1]} is printed`);
        }
      }
      // a row links to its case, a total to the programme's list
      const a1 = caseIds.get('DW-A1');
      assert.ok(html.includes(`<a href="/casussen/${a1}">${eur('€ 2.089')}</a>`), 'DW-A1 saving links to its case');
      assert.ok(html.includes(`<a href="/casussen?programme=${programmes.Doorstroomwoningen.id}">${eur('€ 37.802')}</a>`), 'the grand total links to the list');
      assert.ok(html.includes('Totaal alle groepen'));
      assert.ok(html.includes('Er lopen nog 2 casussen'), 'the running-cases sentence');
    });

    it('the funder: the same figures, no links to records', async () => {
      const r = await funder.get('/api/v1/reports/2017?format=html');
      assert.equal(r.status, 200, show(r));
      assert.ok(r.text.includes(eur('€ 2.089')) && r.text.includes(eur('€ 37.802')));
      assert.ok(!r.text.includes('/casussen'), 'no link to cases');
    });

    it('GET /verslag.css is public CSS', async () => {
      const r = await new Client(server).get('/verslag.css');
      assert.equal(r.status, 200, show(r));
      assert.match(r.contentType, /^text\/css/);
      assert.ok(r.text.length > 100 && r.text.includes('{'), 'a style sheet');
    });
  });

  // ------------------------------------------------------------------ texts

  describe('texts', () => {
    async function lastAudit(entityId) {
      const page = expectStatus(await admin.get(`/api/v1/audit?entity=report_text&entity_id=${encodeURIComponent(entityId)}&limit=50`), 200);
      return page.items;
    }
    const textOf = async (client, chapter) => expectStatus(await client.get(`/api/v1/reports/2017/texts/${chapter}`), 200, `GET text ${chapter}`);

    it('GET of a chapter without text: body null', async () => {
      assert.deepEqual(await textOf(director, 'inleiding'), { year: 2017, chapter: 'inleiding', body: null });
      assert.deepEqual(await textOf(funder, 'kassabonnen'), { year: 2017, chapter: 'kassabonnen', body: null });
    });

    it('director and quality PUT a text (200, audited); GET returns it; the report shows it instead of the placeholder', async () => {
      const first = 'Dit is de inleiding.\n\nEen tweede alinea, met een regel\nerbinnen.';
      const r = await director.put('/api/v1/reports/2017/texts/inleiding', { body: first });
      assert.deepEqual(expectStatus(r, 200, 'PUT by director'), { year: 2017, chapter: 'inleiding', body: first });
      let audit = await lastAudit('2017/inleiding');
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, { id: director.me.id, name: 'Verslag director' });
      assert.equal(audit[0].before, null);
      assert.deepEqual(audit[0].after, { body: first });

      const second = 'De inleiding, herschreven door kwaliteit.';
      assert.deepEqual(expectStatus(await quality.put('/api/v1/reports/2017/texts/inleiding', { body: second }), 200, 'PUT by quality'),
        { year: 2017, chapter: 'inleiding', body: second });
      audit = await lastAudit('2017/inleiding');
      assert.equal(audit.length, 2);
      assert.equal(audit[0].action, 'update');
      assert.deepEqual(audit[0].actor, { id: quality.me.id, name: 'Verslag quality' });
      assert.deepEqual([audit[0].before, audit[0].after], [{ body: first }, { body: second }]);

      for (const c of [director, quality, funder]) assert.deepEqual(await textOf(c, 'inleiding'), { year: 2017, chapter: 'inleiding', body: second });
      assert.deepEqual(expectStatus(await director.get('/api/v1/reports/2018/texts/inleiding'), 200), { year: 2018, chapter: 'inleiding', body: null }, 'texts are per year');

      const rep = expectStatus(await report(director), 200);
      assert.deepEqual(rep.chapters.map((c) => c.text), [second, ...Array(10).fill(null)]);
      const html = (await director.get('/api/v1/reports/2017')).text;
      assert.ok(html.includes(second));
      assert.equal(html.split(PLACEHOLDER).length - 1, 10, 'one placeholder fewer');
    });

    it('coach, funder, admin, team_manager, hr may not write (403); nothing changes', async () => {
      const head = expectStatus(await admin.get('/api/v1/audit?limit=1'), 200).items[0].id;
      for (const [who, c] of [['coach', others.coach], ['funder', funder], ['admin', admin], ['team_manager', others.team_manager], ['hr', others.hr]]) {
        assertProblem(await c.put('/api/v1/reports/2017/texts/inleiding', { body: `door ${who}` }), 403, 'forbidden', `PUT by ${who}`);
        assertProblem(await c.put('/api/v1/reports/2017/texts/overleg', { body: `door ${who}` }), 403, 'forbidden', `PUT by ${who}`);
      }
      assertProblem(await director.put('/api/v1/reports/2017/texts/overleg', { body: 'x' }, { csrf: false }), 403, 'csrf', 'without CSRF token');
      assert.equal((await textOf(director, 'inleiding')).body, 'De inleiding, herschreven door kwaliteit.');
      assert.equal((await textOf(director, 'overleg')).body, null);
      assert.equal(expectStatus(await admin.get('/api/v1/audit?limit=1'), 200).items[0].id, head, 'no audit entry');
    });

    it('a BSN is refused (422), an unknown chapter or year is 404, bad bodies 400/415/422; nothing saved', async () => {
      assertValidation(await director.put('/api/v1/reports/2017/texts/overleg', { body: `Klant met BSN ${BSN}.` }), ['body'], 'BSN');
      assert.equal((await textOf(director, 'overleg')).body, null, 'the BSN text was not saved');
      assertProblem(await director.put('/api/v1/reports/2017/texts/voorwoord', { body: 'x' }), 404, 'not-found', 'PUT unknown chapter');
      assertProblem(await director.get('/api/v1/reports/2017/texts/voorwoord'), 404, 'not-found', 'GET unknown chapter');
      assertProblem(await director.put('/api/v1/reports/1999/texts/inleiding', { body: 'x' }), 404, 'not-found', 'PUT 1999');
      assertProblem(await director.get('/api/v1/reports/1999/texts/inleiding'), 404, 'not-found', 'GET 1999');
      assertValidation(await director.put('/api/v1/reports/2017/texts/overleg', {}), ['body'], 'no body field');
      assertValidation(await director.put('/api/v1/reports/2017/texts/overleg', { body: 'x', extra: 1 }), [], 'an unknown field');
      assertValidation(await director.put('/api/v1/reports/2017/texts/overleg', { body: 'x'.repeat(100001) }), ['body'], 'over 100,000 characters');
      assertProblem(await director.put('/api/v1/reports/2017/texts/overleg', '{"body":', { raw: true }), 400, 'bad-request', 'malformed JSON');
      assertProblem(await director.put('/api/v1/reports/2017/texts/overleg', 'body=x', { raw: true, contentType: 'text/plain' }), 415, 'unsupported-media-type', 'text/plain');
      assert.equal((await textOf(director, 'overleg')).body, null, 'still no text');
      const ok = 'y'.repeat(100000);
      expectStatus(await director.put('/api/v1/reports/2017/texts/overleg', { body: ok }), 200, '100,000 characters');
      assert.equal((await textOf(director, 'overleg')).body, ok);
      // An empty text takes the chapter back to the placeholder.
      expectStatus(await director.put('/api/v1/reports/2017/texts/overleg', { body: '' }), 200, 'an empty text');
      assert.equal((await textOf(director, 'overleg')).body, null, 'the empty text removed the old one');
    });

    it('the HTML escapes a text: <script> becomes text', async () => {
      const evil = '<script>alert(1)</script> & "quotes" \'single\' <b>vet</b>';
      expectStatus(await quality.put('/api/v1/reports/2017/texts/kwaliteit', { body: evil }), 200);
      const rep = expectStatus(await report(director), 200);
      assert.equal(rep.chapters.find((c) => c.key === 'kwaliteit').text, evil, 'JSON keeps the text as written');
      const html = (await director.get('/api/v1/reports/2017')).text;
      assert.ok(html.includes(htmlEscape(evil)), `escaped: ${htmlEscape(evil)}`);
      assert.ok(!/<script/i.test(html), 'no script element');
      assert.ok(!html.includes('<b>vet</b>'), 'no markup from a text');
    });
  });

  // ------------------------------------------------------------------ XLSX and PDF

  describe('XLSX and PDF', () => {
    it('XLSX: a zip with one worksheet per table, amounts as numbers in euros', async () => {
      const rep = expectStatus(await report(director), 200);
      const tables = rep.chapters.flatMap((c) => c.sections.flatMap((s) => s.tables));
      assert.equal(tables.length, 10, 'three tables for each of the two programmes, one of the vertelpunt (kwaliteit: no stories, so only the actions), three of the kennisbank');
      const r = await getBytes(director, '/api/v1/reports/2017?format=xlsx');
      assert.equal(r.status, 200, show(r));
      assert.equal(r.contentType, XLSX_TYPE);
      assert.match(r.headers.get('content-disposition') || '', /^attachment; filename="[^"]+\.xlsx"$/);
      assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK');
      const zip = unzip(r.buf);
      const sheets = [...zip.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort();
      assert.deepEqual(sheets, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `xl/worksheets/sheet${i}.xml`).sort(), `one sheet per table: ${[...zip.keys()].join(', ')}`);
      // sheet 1 is the first table (kassabonnen Doorstroomwoningen): every amount as euros
      const first = zip.get('xl/worksheets/sheet1.xml').toString('utf8');
      const values = [...first.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1]);
      for (const [, nieuw, oud, saving] of KB_2017) {
        for (const [cents] of [nieuw, oud, saving]) assert.ok(values.includes(String(cents / 100)), `${cents} cents as the number ${cents / 100}: ${values.join(' ')}`);
      }
      for (const v of ['2089', '-850.5', '2050.5', '1353.45', '43013.45', '37801.95']) assert.ok(values.includes(v), `<v>${v}</v>`);
      const sheet2 = zip.get('xl/worksheets/sheet2.xml').toString('utf8');
      for (const v of ['21003.45', '4661.5', '16341.95', '-50']) assert.ok(sheet2.includes(`<v>${v}</v>`), `payer table: <v>${v}</v>`);
      const shared = (zip.get('xl/sharedStrings.xml') || Buffer.alloc(0)).toString('utf8');
      for (const s of ['Totaal alle groepen', 'Woning A', 'Zonder groep', 'gemeente']) assert.ok(shared.includes(s) || first.includes(s), `the text ${s}`);
      // An independent strict reader opens it: names of at most 31 characters (a cut by
      // bytes split the "—" of "Besparing per betaler — Doorstroomwoningen"), unique
      // without regard to case, and the figures as numbers.
      const book = readXlsx(r.buf);
      assert.equal(book.sheets.length, 10);
      const names = book.sheets.map((x) => x.name);
      for (const n of names) assert.ok([...n].length <= 31, `${n}: at most 31 characters`);
      assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, `unique: ${names.join(' | ')}`);
      assert.ok(names.includes('Besparing per betaler — Doorstr'), `the payer table, cut at 31 characters: ${names.join(' | ')}`);
      const cells = book.sheets[0].rows.flat();
      assert.match(String(cells[0]), /^\d+ .*Doorstroomwoningen/, 'the title row: chapter number and table title');
      for (const v of [2089, -850.5, 2050.5, 1353.45, 43013.45, 37801.95]) assert.ok(cells.includes(v), `${v} as a number in sheet 1`);
      const payer = book.sheets[names.indexOf('Besparing per betaler — Doorstr')].rows;
      const header = payer.findIndex((row) => row.includes('Betaler'));
      assert.ok(header > 0, `a header row: ${JSON.stringify(payer)}`);
      // the funder gets the workbook too
      const f = await getBytes(funder, '/api/v1/reports/2017?format=xlsx');
      assert.equal(f.status, 200, show(f));
      assert.equal(readXlsx(f.buf).sheets.length, 10);
    });

    it('PDF via chromium: %PDF (skipped without /usr/bin/chromium)', { skip: fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, async () => {
      const r = await getBytes(director, '/api/v1/reports/2017?format=pdf', 180_000);
      assert.equal(r.status, 200, show({ ...r, text: r.text.slice(0, 300) }));
      assert.equal(r.contentType, 'application/pdf');
      assert.match(r.headers.get('content-disposition') || '', /\.pdf"$/);
      assert.equal(r.buf.subarray(0, 4).toString('latin1'), '%PDF');
      // Opened by an independent reader (poppler): pages, the contents with the page of
      // every chapter, and that page is where the chapter's anchor is.
      const file = path.join(os.tmpdir(), `wk-report-${process.pid}.pdf`);
      fs.writeFileSync(file, r.buf);
      try {
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
        assert.ok(pages >= 3, `cover, contents and chapters: ${pages} pages`);
        const dests = new Map([...execFileSync('pdfinfo', ['-dests', file], { encoding: 'utf8' }).matchAll(/^\s*(\d+)\s.*"h-([a-z_]+)"\s*$/gm)].map((m) => [m[2], Number(m[1])]));
        assert.deepEqual([...dests.keys()].sort(), [...CHAPTER_KEYS].sort(), 'an anchor for every chapter');
        const contents = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
        assert.match(contents, /Inhoud/);
        const rep = expectStatus(await report(director), 200);
        for (const c of rep.chapters) {
          const line = new RegExp(`^\\s*${c.number}\\s+${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)\\s*$`, 'm').exec(contents);
          assert.ok(line, `the contents list ${c.number} ${c.title} with a page: ${contents}`);
          assert.equal(Number(line[1]), dests.get(c.key), `${c.title}: the page in the contents is the chapter's page`);
        }
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        for (const v of ['Totaal alle groepen', '€ 37.802', 'Peildatum 31-12-2017']) assert.ok(text.includes(v), `the PDF says ${v}`);
      } finally {
        fs.rmSync(file, { force: true });
      }
    });

    it('PDF printing runs off the request threads: eight at once leave /healthz quick, a full queue is 503 with Retry-After, a reprint comes from memory', { skip: fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, async () => {
      // Another reference date than the test above: a document not printed yet.
      const url = '/api/v1/reports/2017?format=pdf&reference_date=2017-12-30';
      const prints = Array.from({ length: 8 }, () => getBytes(director, url, 300_000));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      expectStatus(await new Client(server).get('/healthz'), 200);
      const healthMs = Date.now() - started;
      const answers = await Promise.all(prints);
      const statuses = answers.map((a) => a.status);
      assert.ok(statuses.every((st) => st === 200 || st === 503), `200 or 503: ${statuses}`);
      // One printing and four waiting: of eight at once, at least three are turned away.
      assert.ok(statuses.filter((st) => st === 503).length >= 3, `a full queue answers 503: ${statuses}`);
      for (const busy of answers.filter((a) => a.status === 503)) {
        assert.match(busy.contentType, /application\/problem\+json/);
        assert.match(busy.headers.get('retry-after') || '', /^\d+$/);
      }
      const printed = answers.filter((a) => a.status === 200);
      assert.ok(printed.length >= 1, `some were printed: ${statuses}`);
      assert.ok(healthMs < 1000, `/healthz took ${healthMs} ms while PDFs were printed`);
      // Chromium stamps every print with its time; the same bytes again mean the cache.
      const again = await getBytes(director, url, 300_000);
      assert.equal(again.status, 200);
      assert.ok(printed.some((a) => a.buf.equals(again.buf)), 'the reprint is the kept PDF');
    });

    it('PDF without chromium is 503 (only checked when /usr/bin/chromium is absent)', { skip: fs.existsSync(CHROMIUM) ? `${CHROMIUM} is installed` : false }, async () => {
      assertProblem(await director.get('/api/v1/reports/2017?format=pdf'), 503, null, 'PDF without chromium');
    });
  });

  // ------------------------------------------------------------------ the years

  it('GET /reports/years: from the first year with records (the fixture starts 2016) to this year; the last full year first', async () => {
    const thisYear = new Date().getUTCFullYear();
    const r = expectStatus(await director.get('/api/v1/reports/years'), 200);
    assert.deepEqual(Object.keys(r).sort(), ['default', 'years']);
    assert.equal(r.years[0], 2016, 'DW-A1 starts 2016-03-01 and no record is older');
    assert.equal(r.years.at(-1), thisYear);
    assert.deepEqual(r.years, Array.from({ length: thisYear - 2016 + 1 }, (_, i) => 2016 + i), 'every year in between');
    assert.equal(r.default, thisYear - 1, 'the year whose report one writes now');
    assert.deepEqual(expectStatus(await funder.get('/api/v1/reports/years'), 200), r);
    for (const [role, c] of Object.entries(others)) assertProblem(await c.get('/api/v1/reports/years'), 403, 'forbidden', role);
    assertProblem(await new Client(server).get('/api/v1/reports/years'), 401);
  });

  // ------------------------------------------------------------------ access

  it('coach, team_manager, hr, admin, a coordinator: 403 on the report and the texts; anonymous 401; funder 200', async () => {
    for (const [role, c] of Object.entries(others)) {
      for (const format of ['json', 'html', 'xlsx', 'pdf']) {
        assertProblem(await c.get(`/api/v1/reports/2017?format=${format}`), 403, 'forbidden', `${role} ${format}`);
      }
      assertProblem(await c.get('/api/v1/reports/2017/texts/inleiding'), 403, 'forbidden', `${role} GET text`);
    }
    const anon = new Client(server);
    assertProblem(await anon.get('/api/v1/reports/2017?format=json'), 401, 'unauthenticated', 'anonymous');
    assertProblem(await anon.get('/api/v1/reports/2017/texts/inleiding'), 401, 'unauthenticated', 'anonymous text');
    expectStatus(await report(funder), 200, 'funder');
    expectStatus(await funder.get('/api/v1/reports/2017/texts/inleiding'), 200, 'funder text');
  });
});
