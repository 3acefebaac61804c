// Lists that cost the same at a thousand and at a million rows (issue 15): the story
// list pages by cursor (keyset: newest first by date, then id), counts at most 10,000
// (then says the total is not exact), and refuses offsets past that count.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, whyNoSql, startServer, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  execSql, show,
} from './harness.mjs';

describe('story list paging', { skip: whyNot || whyNoSql }, () => {
  let server;
  let quality;
  const made = [];  // {id, date} in the order the list must give them

  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'paging-q@example.org', name: 'Kwaliteit Bladert', roles: ['quality'] });
    quality = await new Client(server).loginOk('paging-q@example.org');
    const topic = expectStatus(await quality.get('/api/v1/lists/story_topic'), 200).items[0].id;
    const valuation = expectStatus(await quality.get('/api/v1/lists/story_valuation'), 200).items[0].id;
    // Seven stories, three of them on one day (the id decides among them).
    for (const [i, date] of ['2020-03-01', '2020-03-05', '2020-03-05', '2020-03-05', '2020-02-01', '2020-03-09', '2020-01-15'].entries()) {
      const s = expectStatus(await quality.post('/api/v1/stories', {
        title: `Bladeren ${i}`, text: 'Een verhaal om door te bladeren.', date, teller_kind: 'medewerker', topic_id: topic, valuation_id: valuation,
      }), 201);
      made.push({ id: s.id, date });
    }
    made.sort((a, b) => (a.date === b.date ? b.id - a.id : b.date.localeCompare(a.date)));
  });
  after(async () => { await server?.stop(); });

  const inPeriod = 'from=2020-01-01&to=2020-12-31';

  it('walks every story exactly once, newest first, by next_cursor', async () => {
    const seen = [];
    let url = `/api/v1/stories?${inPeriod}&limit=3`;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = expectStatus(await quality.get(url), 200);
      assert.equal(page.total, 7, 'the total of the whole filter on every page');
      assert.equal(page.total_exact, true);
      seen.push(...page.items.map((s) => s.id));
      if (page.next_cursor === null) break;
      assert.match(page.next_cursor, /^[A-Za-z0-9_-]+$/, 'URL-safe');
      url = `/api/v1/stories?${inPeriod}&limit=3&cursor=${page.next_cursor}`;
    }
    assert.deepEqual(seen, made.map((m) => m.id));
  });

  it('a last page that is exactly full says there is no next one', async () => {
    const page = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=7`), 200);
    assert.equal(page.items.length, 7);
    assert.equal(page.next_cursor, null);
  });

  it('offset still pages (up to 10,000) and agrees with the cursor', async () => {
    const byOffset = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=3&offset=3`), 200);
    const first = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=3`), 200);
    const byCursor = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=3&cursor=${first.next_cursor}`), 200);
    assert.deepEqual(byOffset.items.map((s) => s.id), byCursor.items.map((s) => s.id));
  });

  it('refuses a bad cursor, a cursor with an offset, and an offset past 10,000 with 400 naming the field', async () => {
    const first = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=3`), 200);
    const cases = [
      ['cursor=nonsense!', 'cursor'],
      ['cursor=WyJub2dlZW5kYXR1bSIsMV0', 'cursor'],  // ["nogeendatum",1]
      ['cursor=eyJhIjoxfQ', 'cursor'],               // {"a":1}
      [`cursor=${first.next_cursor}&offset=3`, 'offset'],
      ['offset=10001', 'offset'],
    ];
    for (const [q, field] of cases) {
      const r = await quality.get(`/api/v1/stories?${inPeriod}&${q}`);
      assertProblem(r, 400, 'bad-request', q);
      assert.ok(r.json.errors.some((e) => e.field === field), `${q} names ${field}: ${show(r)}`);
    }
  });

  it('counts at most 10,000: beyond, total is 10,000 and total_exact false; the pages stay cheap', async () => {
    const ids = (await quality.get('/api/v1/lists/story_topic')).json.items;
    const team = expectStatus(await quality.get('/api/v1/teams'), 200).items[0].id;
    execSql(server.databaseUrl,
      'INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, signed_by, status, source, created_at) '
      + `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10050) SELECT o.id, 'Veel', 'Een van veel verhalen.', '2018-06-01', 'medewerker', ${team}, ${ids[0].id}, NULL, NULL, 'published', 'staff', 0 FROM g, organisations o WHERE o.slug = '${DEMO_ORG_SLUG}'`);
    const page = expectStatus(await quality.get('/api/v1/stories?from=2018-01-01&to=2018-12-31&limit=50'), 200);
    assert.equal(page.total, 10000);
    assert.equal(page.total_exact, false);
    assert.equal(page.items.length, 50);
    assert.ok(page.next_cursor);
    const exact = expectStatus(await quality.get(`/api/v1/stories?${inPeriod}&limit=50`), 200);
    assert.equal(exact.total_exact, true, 'another filter is counted exactly');
  });
});

describe('case list paging', { skip: whyNot || whyNoSql }, () => {
  let server;
  let admin;
  let coach;      // sees her own team's cases only
  let programme;
  let teams;

  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'paging-admin@example.org', name: 'Beheer Bladert', roles: ['admin', 'director'] });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'paging-coord@example.org', name: 'Regie Bladert', roles: ['coordinator:doorstroomwoningen'] });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'paging-coach@example.org', name: 'Coach Bladert', roles: ['coach'], teams: ['Wijkteam Centrum'] });
    admin = await new Client(server).loginOk('paging-admin@example.org');
    coach = await new Client(server).loginOk('paging-coach@example.org');
    programme = expectStatus(await admin.post('/api/v1/programmes', { name: 'Doorstroomwoningen', start_date: '2016-01-01' }), 201);
    teams = expectStatus(await admin.get('/api/v1/teams'), 200).items;
    const centrum = teams.find((t) => t.name === 'Wijkteam Centrum').id;
    const noord = teams.find((t) => t.name === 'Wijkteam Noord').id;
    // Eight cases, five of them Centrum's; references out of creation order.
    const coord = await new Client(server).loginOk('paging-coord@example.org');
    for (const [reference, team] of [['P-07', centrum], ['P-02', noord], ['P-05', centrum], ['P-01', centrum], ['P-08', noord], ['P-03', centrum], ['P-06', noord], ['P-04', centrum]]) {
      expectStatus(await coord.post('/api/v1/cases', { reference, team_id: team, programme_id: programme.id, start_date: '2020-01-02' }), 201, reference);
    }
  });
  after(async () => { await server?.stop(); });

  async function walk(client, query) {
    const seen = [];
    let url = `/api/v1/cases?${query}`;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = expectStatus(await client.get(url), 200);
      seen.push(...page.items.map((c) => c.reference));
      if (page.next_cursor === null) return { seen, total: page.total, exact: page.total_exact };
      url = `/api/v1/cases?${query}&cursor=${page.next_cursor}`;
    }
    throw new Error('no last page');
  }

  it('walks every case once by reference, within what the caller may see', async () => {
    const all = await walk(admin, `programme=${programme.id}&limit=3`);
    assert.deepEqual(all.seen, ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06', 'P-07', 'P-08']);
    assert.equal(all.total, 8);
    const mine = await walk(coach, 'limit=2');
    assert.deepEqual(mine.seen, ['P-01', 'P-03', 'P-04', 'P-05', 'P-07'], 'the coach: her team only, on every page');
    assert.equal(mine.total, 5);
  });

  it('refuses a bad cursor and an offset past 10,000', async () => {
    for (const [q, field] of [['cursor=WzFd', 'cursor'], ['cursor=!!!', 'cursor'], ['offset=10001', 'offset']]) {
      const r = await admin.get(`/api/v1/cases?${q}`);
      assert.equal(r.status, 400, `${q}: ${show(r)}`);
      assert.ok(r.json.errors.some((e) => e.field === field), `${q} names ${field}: ${show(r)}`);
    }
  });

  it('counts at most 10,000 cases', async () => {
    const centrum = teams.find((t) => t.name === 'Wijkteam Centrum').id;
    execSql(server.databaseUrl,
      'INSERT INTO cases (org_id, reference, team_id, programme_id, start_date, status, created_at, updated_at) '
      + `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10050) SELECT o.id, 'V-' || (100000 + n), ${centrum}, ${programme.id}, '2020-01-02', 'lopend', 0, 0 FROM g, organisations o WHERE o.slug = '${DEMO_ORG_SLUG}'`);
    const page = expectStatus(await admin.get(`/api/v1/cases?programme=${programme.id}&limit=50`), 200);
    assert.equal(page.total, 10000);
    assert.equal(page.total_exact, false);
    assert.ok(page.next_cursor);
  });
});

describe('the other lists count up to 10,000 and refuse deeper offsets', { skip: whyNot || whyNoSql }, () => {
  let server;
  let quality;
  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'paging-k@example.org', name: 'Kwaliteit Telt', roles: ['quality'] });
    quality = await new Client(server).loginOk('paging-k@example.org');
  });
  after(async () => { await server?.stop(); });

  for (const path of ['/api/v1/sensemaking-sessions', '/api/v1/sensemaking-actions', '/api/v1/best-practices', '/api/v1/knowledge', '/api/v1/knowledge/search?q=woning']) {
    it(`${path}: total_exact, and offset 10,001 is 400`, async () => {
      const join = path.includes('?') ? '&' : '?';
      const page = expectStatus(await quality.get(`${path}${join}limit=5`), 200);
      if (!path.includes('search')) assert.equal(page.total_exact, true, `${path}: ${JSON.stringify(page).slice(0, 200)}`);
      const r = await quality.get(`${path}${join}offset=10001`);
      assert.equal(r.status, 400, show(r));
      assert.ok(r.json.errors.some((e) => e.field === 'offset'));
    });
  }

  it('the kennisbank list says more than 10,000 when there are', async () => {
    const owner = expectStatus(await quality.get('/api/v1/me'), 200).id;
    // Bare items (no versions): only the count is looked at here.
    execSql(server.databaseUrl,
      'INSERT INTO knowledge_items (org_id, category, status, owner_id, created_by, created_at, updated_at) '
      + `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10050) SELECT o.id, 'procedure', 'gearchiveerd', ${owner}, ${owner}, 0, n FROM g, organisations o WHERE o.slug = '${DEMO_ORG_SLUG}'`);
    // Items without a version are not records the server makes (no title, no category):
    // the answer's body is not held to the contract, only its count is looked at.
    const page = expectStatus(
      await quality.get('/api/v1/knowledge?status=gearchiveerd&limit=10', { contract: false }),
      200,
    );
    assert.equal(page.total, 10000);
    assert.equal(page.total_exact, false);
  });
});
