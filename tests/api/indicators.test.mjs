// Indicators (issue 17, docs/decisions/0014): GET /api/v1/indicators lists what a
// subsidy's targets can name; GET /api/v1/indicators/{key} computes one for a period,
// per programme, team or area. Figures hand-counted from records made here, with the
// period's edges, a leap day and the day before and after.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addOrg, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
} from './harness.mjs';

describe('indicators', { skip: whyNot }, () => {
  let server;
  const c = {};
  let centrum;
  let noord;
  let programme;

  const value = async (client, key, query) => client.get(`/api/v1/indicators/${key}?${query}`);
  const figure = async (key, query) => {
    const r = expectStatus(await value(c.quality, key, query), 200, `${key}?${query}`);
    assert.equal(r.denominator, 1, `${key}: a count or an amount has denominator 1`);
    return r.numerator;
  };

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    const users = {
      admin: ['admin'], quality: ['quality'], director: ['director'], funder: ['funder'], coach: ['coach'],
    };
    for (const [key, roles] of Object.entries(users)) {
      addUser(db, { org: DEMO_ORG_SLUG, email: `ind-${key}@example.org`, name: `Indicator ${key}`, roles, teams: key === 'coach' ? ['Wijkteam Centrum'] : [] });
      c[key] = await new Client(server).loginOk(`ind-${key}@example.org`);
    }
    const teams = expectStatus(await c.admin.get('/api/v1/teams'), 200).items;
    centrum = teams.find((t) => t.name === 'Wijkteam Centrum');
    noord = teams.find((t) => t.name === 'Wijkteam Noord');
    assert.notEqual(centrum.district.id, noord.district.id, 'the demo puts Centrum and Noord in different areas');
    programme = expectStatus(await c.admin.post('/api/v1/programmes', { name: 'Indicatorproef', start_date: '2020-01-01' }), 201);
    addUser(db, { org: DEMO_ORG_SLUG, email: 'ind-coord@example.org', name: 'Indicator coördinator', roles: [`coordinator:${programme.slug}`] });
    c.coord = await new Client(server).loginOk('ind-coord@example.org');

    // Stories: two outside 2024 (the day before and the day after), three inside.
    const first = async (list) => expectStatus(await c.quality.get(`/api/v1/lists/${list}`), 200).items[0].id;
    const topic = await first('story_topic');
    const valuation = await first('story_valuation');
    for (const [date, team] of [['2023-12-31', centrum], ['2024-01-01', centrum], ['2024-02-29', noord], ['2024-12-31', null], ['2025-01-01', noord]]) {
      expectStatus(await c.quality.post('/api/v1/stories', {
        title: `Indicator ${date}`, text: 'Een verhaal voor de indicatoren.', date, teller_kind: 'medewerker',
        ...(team ? { team_id: team.id } : {}), topic_id: topic, valuation_id: valuation,
      }), 201, `story ${date}`);
    }

    // Cases: [reference, team, oud, nieuw, closing status, its date]; saving = oud − nieuw.
    const category = await first('cost_category');
    const payer = await first('payer');
    const line = (amount) => ({ category_id: category, payer_id: payer, description: '', amount_cents: amount });
    const cases = [
      ['IND-1', centrum, 100000, 40000, 'afgerond', '2024-01-01'], // the period's first day: added in it
      ['IND-2', noord, 50000, 20000, 'zo_goed_als_afgerond', '2024-12-31'], // its last day
      ['IND-3', centrum, 10000, 1000, 'afgerond', '2023-12-31'], // the day before: counts, not added
      ['IND-4', centrum, 7000, 0, 'afgerond', '2025-01-01'], // the day after: not yet
    ];
    for (const [reference, team, oud, nieuw, status, date] of cases) {
      const k = expectStatus(await c.coord.post('/api/v1/cases', {
        reference, team_id: team.id, programme_id: programme.id, start_date: '2023-01-01',
      }), 201, reference);
      expectStatus(await c.coord.put(`/api/v1/cases/${k.id}/receipt`, { oud: [line(oud)], nieuw: [line(nieuw)] }), 200);
      expectStatus(await c.coord.patch(`/api/v1/cases/${k.id}`, { status, status_date: date }), 200, `${reference} ${status}`);
    }
  });

  after(async () => {
    await server?.stop();
  });

  it('lists every module\'s indicators with unit, Dutch and English label and definition, and breakdowns', async () => {
    const { items } = expectStatus(await c.quality.get('/api/v1/indicators'), 200);
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    assert.deepEqual(Object.keys(byKey).sort(), ['cases.cases_closed', 'cases.saving', 'stories.stories']);
    assert.deepEqual([byKey['cases.saving'].unit, byKey['cases.cases_closed'].unit, byKey['stories.stories'].unit], ['cents', 'count', 'count']);
    assert.deepEqual(byKey['stories.stories'].breakdowns, ['team', 'area']);
    assert.deepEqual(byKey['cases.saving'].breakdowns, ['programme', 'team']);
    for (const i of items) {
      assert.equal(i.module, i.key.split('.')[0]);
      for (const text of [i.label, i.definition]) assert.ok(text.nl.length > 0 && text.en.length > 0, `${i.key}: texts`);
      assert.match(i.definition.nl, /periode/, `${i.key}: the definition says which days count`);
    }
    // The director and the funder read the list too.
    expectStatus(await c.director.get('/api/v1/indicators'), 200);
    expectStatus(await c.funder.get('/api/v1/indicators'), 200);
  });

  it('stories.stories: both edges of the period count, the days outside do not; per team and per area', async () => {
    const year = 'from=2024-01-01&to=2024-12-31';
    assert.equal(await figure('stories.stories', year), 3);
    assert.equal(await figure('stories.stories', `${year}&team=${centrum.id}`), 1);
    assert.equal(await figure('stories.stories', `${year}&team=${noord.id}`), 1);
    assert.equal(await figure('stories.stories', `${year}&area=${centrum.district.id}`), 1);
    assert.equal(await figure('stories.stories', 'from=2024-02-29&to=2024-02-29'), 1, 'a leap day');
    assert.equal(await figure('stories.stories', 'from=2023-12-31&to=2025-01-01'), 5);
    assert.equal(await figure('stories.stories', 'from=2024-01-02&to=2024-02-28'), 0, 'an empty period');
    const whole = expectStatus(await value(c.director, 'stories.stories', `${year}&team=${centrum.id}`), 200);
    assert.deepEqual(whole, { key: 'stories.stories', from: '2024-01-01', to: '2024-12-31', breakdown: { kind: 'team', id: centrum.id }, numerator: 1, denominator: 1 });
  });

  it('cases.saving: the savings of the cases closed on the last day, in cents; per programme and per team', async () => {
    const year = 'from=2024-01-01&to=2024-12-31';
    assert.equal(await figure('cases.saving', year), 60000 + 30000 + 9000);
    assert.equal(await figure('cases.saving', `${year}&programme=${programme.id}`), 99000);
    assert.equal(await figure('cases.saving', `${year}&team=${centrum.id}`), 69000);
    assert.equal(await figure('cases.saving', `${year}&team=${noord.id}`), 30000);
    assert.equal(await figure('cases.saving', 'from=2024-12-30&to=2024-12-30'), 69000, 'the day before IND-2 is nearly closed');
    assert.equal(await figure('cases.saving', 'from=2025-01-01&to=2025-01-01'), 106000, 'IND-4 counts from its day');
  });

  it('cases.cases_closed: closed on the last day less closed on the day before the first', async () => {
    const year = 'from=2024-01-01&to=2024-12-31';
    assert.equal(await figure('cases.cases_closed', year), 2); // 3 on 31-12-2024 less 1 on 31-12-2023
    assert.equal(await figure('cases.cases_closed', `${year}&team=${centrum.id}`), 1);
    assert.equal(await figure('cases.cases_closed', `${year}&team=${noord.id}`), 1);
    assert.equal(await figure('cases.cases_closed', 'from=2024-01-01&to=2024-01-01'), 1, 'IND-1 on the first day');
    assert.equal(await figure('cases.cases_closed', 'from=2024-01-02&to=2024-12-30'), 0);
    assert.equal(await figure('cases.cases_closed', 'from=2023-01-01&to=2025-12-31'), 4);
  });

  it('refuses bad queries with 400 naming the field, unknown keys and foreign ids with 404', async () => {
    const bad = [
      ['stories.stories', 'to=2024-12-31', 'from'],
      ['stories.stories', 'from=2024-01-01', 'to'],
      ['stories.stories', 'from=2024-02-30&to=2024-12-31', 'from'],
      ['stories.stories', 'from=2024-12-31&to=2024-01-01', 'to'],
      ['stories.stories', `from=2024-01-01&to=2024-12-31&team=${centrum.id}&area=${centrum.district.id}`, 'area'],
      ['stories.stories', `from=2024-01-01&to=2024-12-31&programme=${programme.id}`, 'programme'],
      ['cases.saving', `from=2024-01-01&to=2024-12-31&area=${centrum.district.id}`, 'area'],
      ['stories.stories', 'from=2024-01-01&to=2024-12-31&team=abc', 'team'],
    ];
    for (const [key, query, field] of bad) {
      const p = assertProblem(await value(c.quality, key, query), 400, 'bad-request', `${key}?${query}`);
      assert.ok(p.errors.some((e) => e.field === field && e.title && e.detail), `${key}?${query}: the field ${field} in ${JSON.stringify(p.errors)}`);
    }
    const year = 'from=2024-01-01&to=2024-12-31';
    assertProblem(await value(c.quality, 'stories.nothing', year), 404, 'not-found');
    assertProblem(await value(c.quality, 'stories.stories', `${year}&team=999999`), 404, 'not-found');
    assertProblem(await value(c.quality, 'stories.stories', `${year}&area=999999`), 404, 'not-found');
    assertProblem(await value(c.quality, 'cases.saving', `${year}&programme=999999`), 404, 'not-found');
    // Another organisation's team, area and programme look like missing ones.
    addOrg(server.databaseUrl, { name: 'Org Indicator', slug: 'orgind' });
    addUser(server.databaseUrl, { org: 'orgind', email: 'ind-b-admin@example.org', name: 'B admin', roles: ['admin'] });
    addUser(server.databaseUrl, { org: 'orgind', email: 'ind-b-quality@example.org', name: 'B kwaliteit', roles: ['quality'] });
    const bAdmin = await new Client(server).loginOk('ind-b-admin@example.org');
    const bQuality = await new Client(server).loginOk('ind-b-quality@example.org');
    const bDistrict = expectStatus(await bAdmin.post('/api/v1/districts', { name: 'Wijk B' }), 201);
    const bTeam = expectStatus(await bAdmin.post('/api/v1/teams', { name: 'Team B', district_id: bDistrict.id }), 201);
    const bProgramme = expectStatus(await bAdmin.post('/api/v1/programmes', { name: 'Programma B', start_date: '2020-01-01' }), 201);
    for (const [key, query] of [['stories.stories', `team=${bTeam.id}`], ['stories.stories', `area=${bDistrict.id}`], ['cases.saving', `programme=${bProgramme.id}`]]) {
      const foreign = assertProblem(await value(c.quality, key, `${year}&${query}`), 404, 'not-found', query);
      const missing = assertProblem(await value(c.quality, key, `${year}&${query.replace(/=\d+/, '=999999')}`), 404, 'not-found', query);
      assert.deepEqual(foreign, missing, `${query}: another organisation's looks like a missing one`);
    }
    // And Org B's own figure counts none of SMD's stories.
    assert.equal(expectStatus(await value(bQuality, 'stories.stories', year), 200).numerator, 0);
  });

  it('access: the director and quality staff compute; the funder lists but does not compute; a coach neither; no session 401', async () => {
    const q = 'from=2024-01-01&to=2024-12-31';
    expectStatus(await value(c.director, 'stories.stories', q), 200);
    assertProblem(await value(c.funder, 'stories.stories', q), 403, 'forbidden');
    assertProblem(await value(c.coach, 'stories.stories', q), 403, 'forbidden');
    assertProblem(await c.coach.get('/api/v1/indicators'), 403, 'forbidden');
    assertProblem(await c.admin.get('/api/v1/indicators'), 403, 'forbidden');
    const anonymous = new Client(server);
    assertProblem(await anonymous.get('/api/v1/indicators'), 401, 'unauthenticated');
    assertProblem(await value(anonymous, 'stories.stories', q), 401, 'unauthenticated');
  });
});
