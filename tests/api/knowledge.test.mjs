// Kennisbank, part 1 (docs/openapi.json, tag "knowledge";
// docs/decisions/0006): creating items (shapes, bad input, BSN refused with nothing
// created, tags normalised, safe Markdown), the workflow concept → ter_review →
// gepubliceerd → gearchiveerd with a second quality officer publishing (the author gets
// 409), returning with a remark, a new draft version beside the published one (readers
// keep the published text; publishing marks the old version `vervangen`), review-by
// dates per category, owners as editors, the versions list per role, the item list and
// its filters, and the audit trail (`knowledge_item`) of every change.
//
// The search runs on its own server over a fixed Dutch fixture: stemming (woningen →
// woning, begeleiding → begeleiden, gezinnen → gezin), folding (ideeën = ideeen), the
// last word as a prefix while typed, stop words, ranking (title above body), facets,
// filters, drafts for quality only, snippets. The fixture is chosen so that the order of
// the first three results is unambiguous; the same exact order is asserted on SQLite and
// PostgreSQL (run this file under both stores, tests/api/README.md).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  assertValidation, show, ISO_UTC, STORE, execSql,
} from './harness.mjs';

// Valid BSNs (11-test), as in stories.test.mjs.
const BSN = '111222333';
const BSN2 = '123456782';
const MISSING_ID = 987654321;

// Part 2 (knowledge_review.test.mjs) added last_verified, ratings, my_rating, attachments, source and can.
const ITEM_KEYS = ['attachments', 'body', 'body_html', 'can', 'category', 'created_at', 'draft', 'id', 'last_verified', 'my_rating',
  'overdue', 'owner', 'published_version', 'ratings', 'review_by', 'source', 'status', 'tags', 'title', 'updated_at', 'version',
  'warnings'];
const VERSION_KEYS = ['author', 'body', 'body_html', 'category', 'created_at', 'review_remark', 'reviewed_at', 'reviewed_by',
  'status', 'submitted_at', 'tags', 'title', 'updated_at', 'version'];
const SUMMARY_KEYS = ['category', 'draft_status', 'id', 'overdue', 'owner', 'review_by', 'source', 'status', 'tags', 'title', 'updated_at'];
const HIT_KEYS = ['category', 'id', 'overdue', 'review_by', 'snippet_html', 'status', 'tags', 'title'];
const CATEGORIES = ['methodiek', 'document', 'procedure', 'richtlijn'];

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: an object`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where}: keys`);
}

function assertVersion(v, where) {
  keys(v, VERSION_KEYS, `Version (${where})`);
  assert.ok(Number.isInteger(v.version) && v.version >= 1, `${where}: version`);
  assert.ok(['concept', 'ter_review', 'gepubliceerd', 'vervangen'].includes(v.status), `${where}: status ${v.status}`);
  assert.ok(CATEGORIES.includes(v.category), `${where}: category`);
  keys(v.author, ['id', 'name'], `${where}: author`);
  assert.match(v.created_at, ISO_UTC, `${where}: created_at`);
  assert.match(v.updated_at, ISO_UTC, `${where}: updated_at`);
  for (const k of ['submitted_at', 'reviewed_at']) if (v[k] !== null) assert.match(v[k], ISO_UTC, `${where}: ${k}`);
  if (v.reviewed_by !== null) keys(v.reviewed_by, ['id', 'name'], `${where}: reviewed_by`);
  assert.ok(Array.isArray(v.tags), `${where}: tags`);
  assert.equal(typeof v.body, 'string', `${where}: body`);
  assert.equal(typeof v.body_html, 'string', `${where}: body_html`);
}

function assertItem(i, where) {
  keys(i, ITEM_KEYS, `Item (${where})`);
  assert.ok(Number.isInteger(i.id) && i.id > 0, `${where}: id`);
  assert.ok(['concept', 'ter_review', 'gepubliceerd', 'gearchiveerd'].includes(i.status), `${where}: status ${i.status}`);
  assert.ok(CATEGORIES.includes(i.category), `${where}: category`);
  keys(i.owner, ['id', 'name'], `${where}: owner`);
  assert.ok(Array.isArray(i.tags) && i.tags.every((t) => typeof t === 'string'), `${where}: tags`);
  assert.ok(Number.isInteger(i.version) && i.version >= 1, `${where}: version`);
  assert.equal(typeof i.overdue, 'boolean', `${where}: overdue`);
  if (i.review_by !== null) assert.match(i.review_by, /^\d{4}-\d{2}-\d{2}$/, `${where}: review_by`);
  if (i.draft !== null) assertVersion(i.draft, `${where}: draft`);
  assert.match(i.created_at, ISO_UTC, `${where}: created_at`);
  assert.match(i.updated_at, ISO_UTC, `${where}: updated_at`);
}

const today = () => new Date().toISOString().slice(0, 10);
/** YYYY-MM-DD plus whole months, the day clamped to the month's last (as docs/openapi.json's review_by). */
function addMonths(date, months) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Users of the demo organisation; returns {c: clients, id: user ids, name: names, admin}. */
async function people(server, prefix) {
  const db = server.databaseUrl;
  addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-admin@example.org`, name: `Beheer ${prefix}`, roles: ['admin'] });
  const admin = await new Client(server).loginOk(`${prefix}-admin@example.org`);
  const teams = expectStatus(await admin.get('/api/v1/teams'), 200).items;
  const teamA = teams.find((t) => t.name === 'Wijkteam Centrum');
  const list = [
    ['q1', 'Kwaliteit Een', ['quality'], []],
    ['q2', 'Kwaliteit Twee', ['quality'], []],
    ['coach', 'Carla Coach', ['coach'], [teamA.name]],
    ['tm', 'Teun Teammanager', ['team_manager'], [teamA.name]],
    ['director', 'Dirk Directeur', ['director'], []],
    ['funder', 'Financier Gemeente', ['funder'], []],
    ['hr', 'Personeelszaken', ['hr'], []],
  ];
  const c = { admin };
  const id = { admin: admin.me.id };
  const name = { admin: `Beheer ${prefix}` };
  for (const [key, n, roles, t] of list) {
    id[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-${key}@example.org`, name: n, roles, teams: t });
    name[key] = n;
    c[key] = await new Client(server).loginOk(`${prefix}-${key}@example.org`);
  }
  return { c, id, name, admin };
}

describe('Kennisbank: items, workflow, versions, audit', { skip: whyNot }, () => {
  let server;
  let c; // clients: admin, q1, q2, coach, tm, director, funder, hr
  let id; // user ids, same keys (+ inactive)
  let name;

  const create = async (body, client = c.q1) => {
    const r = await client.post('/api/v1/knowledge', { category: 'procedure', title: 'Werkwijze', ...body });
    const item = expectStatus(r, 201, 'create item');
    assertItem(item, 'POST');
    return item;
  };
  const getItem = async (itemId, client = c.q1) => {
    const item = expectStatus(await client.get(`/api/v1/knowledge/${itemId}`), 200, `GET item ${itemId}`);
    assertItem(item, `GET ${itemId}`);
    return item;
  };
  const versionsOf = async (itemId, client = c.q1) => {
    const body = expectStatus(await client.get(`/api/v1/knowledge/${itemId}/versions`), 200, `versions of ${itemId}`);
    keys(body, ['items'], 'versions');
    body.items.forEach((v, i) => assertVersion(v, `versions[${i}]`));
    return body.items;
  };
  const step = async (itemId, what, client, body) => {
    const r = await client.post(`/api/v1/knowledge/${itemId}/${what}`, body);
    const item = expectStatus(r, 200, `${what} ${itemId}`);
    assertItem(item, what);
    return item;
  };
  /** Created by q1, submitted by q1, published by q2. */
  const published = async (body) => {
    const item = await create(body);
    await step(item.id, 'submit', c.q1);
    return step(item.id, 'publish', c.q2);
  };
  const auditOf = async (itemId) => expectStatus(
    await c.admin.get(`/api/v1/audit?entity=knowledge_item&entity_id=${itemId}&limit=200`), 200, `audit of ${itemId}`).items;
  const auditHead = async () => expectStatus(await c.admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? 0;
  const qualityTotal = async () => expectStatus(await c.q1.get('/api/v1/knowledge?limit=1'), 200).total;

  before(async () => {
    server = await startServer({ demo: true });
    ({ c, id, name } = await people(server, 'kb'));
    id.inactive = addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'kb-left@example.org', name: 'Oud Collega', roles: ['coach'] });
    expectStatus(await c.admin.patch(`/api/v1/users/${id.inactive}`, { active: false }), 200, 'deactivate');
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ creating

  describe('creating', () => {
    it('quality creates a concept, version 1, owned and authored by itself; read back; audited', async () => {
      const head = await auditHead();
      const item = await create({
        category: 'methodiek', title: 'Krachtgericht werken met bewoners',
        body: '# Uitgangspunt\n\nWe werken **vanuit de kracht** van de bewoner.\n\n- luisteren\n- samen doelen stellen',
        tags: ['Eigen kracht', 'methodiek'],
      });
      assert.equal(item.status, 'concept');
      assert.equal(item.category, 'methodiek');
      assert.equal(item.title, 'Krachtgericht werken met bewoners');
      assert.match(item.body, /^# Uitgangspunt/);
      assert.match(item.body_html, /<h1>Uitgangspunt<\/h1>/);
      assert.match(item.body_html, /<strong>vanuit de kracht<\/strong>/);
      assert.match(item.body_html, /<li>luisteren<\/li>/);
      assert.deepEqual(item.tags, ['eigen kracht', 'methodiek']);
      assert.equal(item.version, 1);
      assert.deepEqual(item.owner, { id: id.q1, name: name.q1 });
      assert.equal(item.published_version, null);
      assert.equal(item.draft, null, 'no draft beside a published version: the concept itself is shown');
      assert.equal(item.review_by, null);
      assert.equal(item.overdue, false);
      assert.deepEqual(await getItem(item.id), item, 'read back as created');
      const [v] = await versionsOf(item.id);
      assert.equal(v.version, 1);
      assert.equal(v.status, 'concept');
      assert.deepEqual(v.author, { id: id.q1, name: name.q1 });
      assert.equal(v.submitted_at, null);
      assert.equal(v.reviewed_by, null);
      assert.equal(v.review_remark, null);
      assert.equal(v.body, item.body);
      const audit = await auditOf(item.id);
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.equal(audit[0].action, 'create');
      assert.equal(audit[0].entity, 'knowledge_item');
      assert.equal(audit[0].entity_id, String(item.id));
      assert.deepEqual(audit[0].actor, { id: id.q1, name: name.q1 });
      assert.equal(audit[0].before, null);
      assert.ok(audit[0].id > head);
      assert.ok(JSON.stringify(audit[0].after).includes('Krachtgericht werken met bewoners'), 'the audit entry holds the text');
    });

    it('a body, tags and owner are optional; the title alone will do', async () => {
      const r = await c.q2.post('/api/v1/knowledge', { category: 'richtlijn', title: 'Alleen een titel' });
      const item = expectStatus(r, 201);
      assertItem(item, 'minimal');
      assert.equal(item.body, '');
      assert.deepEqual(item.tags, []);
      assert.deepEqual(item.owner, { id: id.q2, name: name.q2 });
    });

    it('every category is accepted; the title may be 200 characters (not bytes)', async () => {
      for (const category of CATEGORIES) {
        const item = await create({ category, title: 'é'.repeat(200) });
        assert.equal(item.category, category);
        assert.equal(item.title, 'é'.repeat(200));
      }
    });

    it('tags are trimmed and lower-cased, duplicates dropped, in order', async () => {
      const item = await create({ tags: [' Wonen ', 'wonen', 'WONEN', 'Veiligheid', 'Ideeën', 'veiligheid'] });
      assert.deepEqual(item.tags, ['wonen', 'veiligheid', 'ideeën']);
      const patched = expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { tags: ['Schulden', ' schulden', 'Jeugd'] }), 200);
      assert.deepEqual(patched.tags, ['schulden', 'jeugd'], 'PATCH normalises too');
    });

    it('tags are lower-cased beyond ASCII too (ÉÉN-OP-ÉÉN → één-op-één)', async () => {
      const item = await create({ tags: ['ÉÉN-OP-ÉÉN', 'Ĳssel'] });
      assert.deepEqual(item.tags, ['één-op-één', 'ĳssel'], 'docs/openapi.json: tags are lower-cased');
    });

    it('body_html is safe: no raw HTML, no javascript: links, no event handlers; the Markdown source is kept', async () => {
      const body = [
        'Gewone tekst met een [goede link](https://www.rijksoverheid.nl/onderwerpen/schulden).',
        '',
        '<script>alert("xss")</script>',
        '',
        '[klik hier](javascript:alert(1)) en [nog een](JaVaScRiPt:alert(2))',
        '',
        '<img src=x onerror="alert(3)">',
        '',
        '<a href="javascript:alert(4)">html-link</a> <iframe src="https://example.org"></iframe>',
        '',
        '![plaatje](javascript:alert(5))',
      ].join('\n');
      const item = await create({ body });
      assert.equal(item.body, body, 'the source is kept as written');
      for (const html of [item.body_html, (await getItem(item.id, c.q1)).body_html]) {
        assert.ok(!/<script/i.test(html), `no <script>: ${html}`);
        assert.ok(!/javascript:/i.test(html), `no javascript: URL: ${html}`);
        assert.ok(!/onerror/i.test(html), `no event handler: ${html}`);
        assert.ok(!/<img[^>]*src="?x/i.test(html), `no raw <img>: ${html}`);
        assert.ok(!/<iframe/i.test(html), `no <iframe>: ${html}`);
        assert.match(html, /<a href="https:\/\/www\.rijksoverheid\.nl\/onderwerpen\/schulden">goede link<\/a>/, 'a safe link stays');
      }
      const preview = expectStatus(await c.coach.post('/api/v1/knowledge/preview', { body }), 200, 'preview');
      keys(preview, ['html'], 'preview');
      assert.equal(preview.html, item.body_html, 'the preview renders as the item does');
      assert.deepEqual(expectStatus(await c.coach.post('/api/v1/knowledge/preview', {}), 200), { html: '' }, 'an empty preview');
    });

    it('bad input is 422 naming the field, and nothing is created (no audit entry)', async () => {
      const total = await qualityTotal();
      const head = await auditHead();
      const cases = [
        [{ category: 'handboek', title: 'Onbekende categorie' }, ['category']],
        [{ title: 'Geen categorie' }, ['category']],
        [{ category: 'procedure' }, ['title']],
        [{ category: 'procedure', title: '' }, ['title']],
        [{ category: 'procedure', title: '   ' }, ['title']],
        [{ category: 'procedure', title: 'x'.repeat(201) }, ['title']],
        [{ category: 'procedure', title: 'é'.repeat(201) }, ['title']],
        [{ category: 'procedure', title: 42 }, ['title']],
        [{ category: 'procedure', title: 'Te lange tekst', body: 'x'.repeat(100_001) }, ['body']],
        [{ category: 'procedure', title: 'Te veel tags', tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }, ['tags']],
        [{ category: 'procedure', title: 'Lange tag', tags: ['x'.repeat(41)] }, ['tags']],
        [{ category: 'procedure', title: 'Tags geen lijst', tags: 'wonen' }, ['tags']],
        [{ category: 'procedure', title: 'Onbekende eigenaar', owner_id: MISSING_ID }, ['owner_id']],
        [{ category: 'procedure', title: 'Eigenaar financier', owner_id: id.funder }, ['owner_id']],
        [{ category: 'procedure', title: 'Eigenaar vertrokken', owner_id: id.inactive }, ['owner_id']],
        [{ category: 'procedure', title: 'Onbekende velden', status: 'gepubliceerd', version: 3 }, ['status', 'version']],
        [{ category: 'procedure', title: 'Onbekend veld', review_by: '2030-01-01' }, ['review_by']],
        [{ category: 'procedure', title: `Gezin met BSN ${BSN}` }, ['title']],
        [{ category: 'procedure', title: 'BSN in de tekst', body: `De moeder (BSN ${BSN2}) belde.` }, ['body']],
        [{ category: 'procedure', title: 'BSN in de lijst', body: `Gegevens:\n\n- naam: X\n- bsn: ${BSN}\n` }, ['body']],
      ];
      for (const [body, fields] of cases) {
        assertValidation(await c.q1.post('/api/v1/knowledge', body), fields, JSON.stringify(body).slice(0, 80));
      }
      assert.equal(await qualityTotal(), total, 'nothing created');
      assert.equal(await auditHead(), head, 'no audit entry');
      const listed = expectStatus(await c.q1.get('/api/v1/knowledge?limit=500'), 200).items.map((i) => i.title);
      for (const t of ['Onbekende categorie', 'Te lange tekst', 'BSN in de tekst', 'Onbekende velden', 'Eigenaar financier']) {
        assert.ok(!listed.includes(t), `${t} was not created`);
      }
      assert.ok(!listed.some((t) => t.includes(BSN)), 'no title with a BSN');
    });

    it('a BSN is refused on PATCH too, and nothing changes', async () => {
      const item = await create({ title: 'Zonder BSN', body: 'Schone tekst.' });
      const head = await auditHead();
      assertValidation(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { body: `BSN ${BSN}`, title: 'Mag niet' }), ['body']);
      assertValidation(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { title: `Titel ${BSN2}` }), ['title']);
      assertValidation(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { category: 'handboek' }), ['category']);
      assertValidation(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { title: 'x'.repeat(201) }), ['title']);
      assertValidation(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { status: 'gepubliceerd' }), ['status']);
      assert.deepEqual(await getItem(item.id), item, 'unchanged');
      assert.equal((await versionsOf(item.id)).length, 1);
      assert.equal(await auditHead(), head, 'no audit entry');
    });

    it('not JSON (415), malformed JSON (400), no CSRF token (403): problem+json, nothing created', async () => {
      const total = await qualityTotal();
      assertProblem(await c.q1.post('/api/v1/knowledge', 'category=procedure&title=x', { raw: true, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
      assertProblem(await c.q1.post('/api/v1/knowledge', '{"category":"procedure","title":', { raw: true }), 400, 'bad-request');
      assertProblem(await c.q1.post('/api/v1/knowledge', '[1,2]', { raw: true }), 400, 'bad-request', 'not an object');
      assertProblem(await c.q1.post('/api/v1/knowledge', { category: 'procedure', title: 'Geen token' }, { csrf: false }), 403);
      assert.equal(await qualityTotal(), total);
    });

    it('only quality creates; the others get 403 problem+json (the funder too), without a session 401', async () => {
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin', 'funder']) {
        assertProblem(await c[key].post('/api/v1/knowledge', { category: 'procedure', title: `Door ${key}` }), 403, 'forbidden', key);
      }
      assertProblem(await new Client(server).post('/api/v1/knowledge', { category: 'procedure', title: 'Anoniem' }), 401, 'unauthenticated');
    });
  });

  // ------------------------------------------------------------------ the workflow

  describe('workflow', () => {
    it('concept → submit → the author may not publish (409) → return needs a remark → resubmit → a second quality officer publishes', async () => {
      const item = await create({ category: 'procedure', title: 'Melding huiselijk geweld', body: 'Volg de meldcode in vijf stappen.', tags: ['veiligheid'] });
      const submitted = await step(item.id, 'submit', c.q1);
      assert.equal(submitted.status, 'ter_review');
      assert.equal(submitted.published_version, null);
      let [v] = await versionsOf(item.id);
      assert.equal(v.status, 'ter_review');
      assert.match(v.submitted_at ?? '', ISO_UTC, 'submitted_at is set');
      // submitting again: there is no concept
      assertProblem(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 409, 'conflict', 'submit twice');

      const head = await auditHead();
      const own = assertProblem(await c.q1.post(`/api/v1/knowledge/${item.id}/publish`), 409, 'conflict', 'the author publishes');
      assert.ok(own.title.length > 0 && own.detail.length > 0);
      assertValidation(await c.q2.post(`/api/v1/knowledge/${item.id}/return`, {}), ['remark'], 'return without a remark');
      assertValidation(await c.q2.post(`/api/v1/knowledge/${item.id}/return`, { remark: '   ' }), ['remark'], 'return with a blank remark');
      assertValidation(await c.q2.post(`/api/v1/knowledge/${item.id}/return`, { remark: 'Goed', extra: 1 }), ['extra'], 'unknown field');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${item.id}/return`, { remark: 'Ik ben geen kwaliteit' }), 403, 'forbidden', 'a coach returns');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${item.id}/publish`), 403, 'forbidden', 'a coach publishes');
      assert.equal(await auditHead(), head, 'refusals leave no audit entry');
      assert.equal((await getItem(item.id)).status, 'ter_review', 'still in review');

      const returned = await step(item.id, 'return', c.q2, { remark: 'Voeg stap 3 toe: overleg met Veilig Thuis.' });
      assert.equal(returned.status, 'concept');
      [v] = await versionsOf(item.id);
      assert.equal(v.status, 'concept');
      assert.equal(v.review_remark, 'Voeg stap 3 toe: overleg met Veilig Thuis.');
      assert.deepEqual(v.reviewed_by, { id: id.q2, name: name.q2 });
      // a returned concept cannot be published or returned again
      assertProblem(await c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 409, 'conflict', 'publish a concept');
      assertProblem(await c.q2.post(`/api/v1/knowledge/${item.id}/return`, { remark: 'Nogmaals' }), 409, 'conflict', 'return a concept');

      expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { body: 'Volg de meldcode in vijf stappen. Stap 3: overleg met Veilig Thuis.' }), 200);
      await step(item.id, 'submit', c.q1);
      const pub = await step(item.id, 'publish', c.q2);
      assert.equal(pub.status, 'gepubliceerd');
      assert.equal(pub.published_version, 1);
      assert.equal(pub.version, 1);
      assert.equal(pub.draft, null);
      assert.equal(pub.body, 'Volg de meldcode in vijf stappen. Stap 3: overleg met Veilig Thuis.');
      assert.equal(pub.review_by, addMonths(today(), 12), 'a procedure: 12 months');
      assert.equal(pub.overdue, false);
      [v] = await versionsOf(item.id);
      assert.equal(v.status, 'gepubliceerd');
      assert.deepEqual(v.reviewed_by, { id: id.q2, name: name.q2 });
      assert.match(v.reviewed_at ?? '', ISO_UTC);
      // readers see it now
      const seen = await getItem(item.id, c.coach);
      assert.equal(seen.status, 'gepubliceerd');
      assert.equal(seen.body, pub.body);
      assert.equal(seen.draft, null);

      // the audit trail: create, update (submit), update (return), update (patch), update (submit), update (publish)
      const audit = await auditOf(item.id);
      assert.equal(audit.length, 6, JSON.stringify(audit.map((a) => a.action)));
      assert.deepEqual(audit.map((a) => a.action).sort(), ['create', 'update', 'update', 'update', 'update', 'update']);
      assert.ok(audit.every((a) => a.entity === 'knowledge_item' && a.entity_id === String(item.id)));
      const actors = audit.map((a) => a.actor.id).sort((a, b) => a - b);
      assert.deepEqual(actors, [id.q1, id.q1, id.q1, id.q1, id.q2, id.q2].sort((a, b) => a - b), 'q1 wrote and submitted, q2 returned and published');
    });

    it('review_by: 12 months on for procedures and guidelines, 24 for methods and documents', async () => {
      const want = { procedure: 12, richtlijn: 12, methodiek: 24, document: 24 };
      for (const [category, months] of Object.entries(want)) {
        const pub = await published({ category, title: `Termijn ${category}` });
        assert.equal(pub.review_by, addMonths(today(), months), `${category}: ${months} months`);
        assert.equal(pub.overdue, false);
        const summary = expectStatus(await c.coach.get(`/api/v1/knowledge?category=${category}&limit=500`), 200).items.find((s) => s.id === pub.id);
        assert.equal(summary?.review_by, pub.review_by, 'in the list too');
      }
    });

    it('editing a published item makes a new draft version; readers keep the published text; publishing it marks the old one vervangen', async () => {
      const pub = await published({ category: 'procedure', title: 'Sleuteloverdracht bij een woning', body: 'Oude tekst: de sleutel gaat naar de beheerder.', tags: ['wonen'] });
      assert.equal(pub.review_by, addMonths(today(), 12));

      const edited = expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, {
        category: 'methodiek', title: 'Sleuteloverdracht (herzien)', body: 'Nieuwe tekst: de sleutel gaat via de coach.', tags: ['wonen', 'Coach'],
      }), 200, 'edit published');
      assertItem(edited, 'edited');
      assert.equal(edited.status, 'gepubliceerd', 'the item stays published');
      assert.equal(edited.title, 'Sleuteloverdracht bij een woning', 'shown: the published version');
      assert.equal(edited.body, 'Oude tekst: de sleutel gaat naar de beheerder.');
      assert.equal(edited.version, 1);
      assert.equal(edited.published_version, 1);
      assert.ok(edited.draft, 'the editor sees the draft beside it');
      assert.equal(edited.draft.version, 2);
      assert.equal(edited.draft.status, 'concept');
      assert.equal(edited.draft.title, 'Sleuteloverdracht (herzien)');
      assert.equal(edited.draft.category, 'methodiek');
      assert.deepEqual(edited.draft.tags, ['wonen', 'coach']);
      assert.equal(edited.draft.body, 'Nieuwe tekst: de sleutel gaat via de coach.');
      assert.match(edited.draft.body_html, /Nieuwe tekst/);
      assert.deepEqual(edited.draft.author, { id: id.q1, name: name.q1 });
      assert.equal(edited.draft.submitted_at, null);
      assert.equal(edited.draft.review_remark, null);

      // a reader (and a non-editor with another role) still sees the published text, and no draft
      for (const key of ['coach', 'director', 'tm']) {
        const seen = await getItem(pub.id, c[key]);
        assert.equal(seen.title, 'Sleuteloverdracht bij een woning', key);
        assert.equal(seen.body, 'Oude tekst: de sleutel gaat naar de beheerder.', key);
        assert.equal(seen.category, 'procedure', key);
        assert.equal(seen.draft, null, `${key}: no draft`);
        assert.ok(!JSON.stringify(seen).includes('Nieuwe tekst'), `${key}: nothing of the draft`);
      }
      // the list: editors see the draft's status, readers do not
      const qSummary = expectStatus(await c.q2.get('/api/v1/knowledge?limit=500'), 200).items.find((s) => s.id === pub.id);
      keys(qSummary, SUMMARY_KEYS, 'ItemSummary');
      assert.equal(qSummary.draft_status, 'concept');
      assert.equal(qSummary.title, 'Sleuteloverdracht bij een woning');
      const cSummary = expectStatus(await c.coach.get('/api/v1/knowledge?limit=500'), 200).items.find((s) => s.id === pub.id);
      assert.equal(cSummary.draft_status, null);
      assert.ok(!JSON.stringify(cSummary).includes('herzien'));

      // versions: editors see the draft, readers only what was published
      let all = await versionsOf(pub.id, c.q2);
      assert.deepEqual(all.map((v) => [v.version, v.status]), [[2, 'concept'], [1, 'gepubliceerd']], 'editors: newest first');
      let readers = await versionsOf(pub.id, c.coach);
      assert.deepEqual(readers.map((v) => [v.version, v.status]), [[1, 'gepubliceerd']], 'readers: no draft');

      // a second edit changes the same draft (no version 3)
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { body: 'Nieuwe tekst: de sleutel gaat via de wijkcoach.' }), 200);
      all = await versionsOf(pub.id, c.q2);
      assert.deepEqual(all.map((v) => v.version), [2, 1]);
      assert.equal(all[0].body, 'Nieuwe tekst: de sleutel gaat via de wijkcoach.');
      assert.equal(all[0].title, 'Sleuteloverdracht (herzien)', 'the rest of the draft stays');

      // submit the draft: the item stays gepubliceerd, the draft is ter_review
      const sub = await step(pub.id, 'submit', c.q1);
      assert.equal(sub.status, 'gepubliceerd');
      assert.equal(sub.draft.status, 'ter_review');
      assert.equal((await getItem(pub.id, c.coach)).title, 'Sleuteloverdracht bij een woning', 'still the old text for readers');
      // editing a draft in review puts it back to concept
      const back = expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { tags: ['wonen', 'coach', 'sleutel'] }), 200);
      assert.equal(back.draft.status, 'concept', 'edited in review: back to concept');
      assert.equal(back.draft.submitted_at, null);
      await step(pub.id, 'submit', c.q1);
      assertProblem(await c.q1.post(`/api/v1/knowledge/${pub.id}/publish`), 409, 'conflict', 'the draft\'s author publishes');

      const republished = await step(pub.id, 'publish', c.q2);
      assert.equal(republished.status, 'gepubliceerd');
      assert.equal(republished.version, 2);
      assert.equal(republished.published_version, 2);
      assert.equal(republished.draft, null);
      assert.equal(republished.title, 'Sleuteloverdracht (herzien)');
      assert.equal(republished.category, 'methodiek');
      assert.equal(republished.review_by, addMonths(today(), 24), 'review_by follows the new version\'s category (methodiek: 24 months)');
      const seen = await getItem(pub.id, c.coach);
      assert.equal(seen.body, 'Nieuwe tekst: de sleutel gaat via de wijkcoach.');
      assert.deepEqual(seen.tags, ['wonen', 'coach', 'sleutel']);
      all = await versionsOf(pub.id, c.q2);
      assert.deepEqual(all.map((v) => [v.version, v.status]), [[2, 'gepubliceerd'], [1, 'vervangen']]);
      readers = await versionsOf(pub.id, c.coach);
      assert.deepEqual(readers.map((v) => [v.version, v.status]), [[2, 'gepubliceerd'], [1, 'vervangen']], 'readers see replaced versions too');
      assert.equal(readers[1].body, 'Oude tekst: de sleutel gaat naar de beheerder.', 'every version is kept');
      assert.equal(readers[1].title, 'Sleuteloverdracht bij een woning');
      // the list and the category filter follow the published version
      assert.ok(expectStatus(await c.coach.get('/api/v1/knowledge?category=methodiek&limit=500'), 200).items.some((s) => s.id === pub.id));
      assert.ok(!expectStatus(await c.coach.get('/api/v1/knowledge?category=procedure&limit=500'), 200).items.some((s) => s.id === pub.id));
      assert.ok(expectStatus(await c.coach.get('/api/v1/knowledge?tag=sleutel&limit=500'), 200).items.some((s) => s.id === pub.id));
    });

    it('the owner is an editor: sees and edits the concept, submits; publishing and returning stay with quality', async () => {
      const item = await create({ category: 'document', title: 'Sociale kaart Centrum', owner_id: id.coach });
      assert.deepEqual(item.owner, { id: id.coach, name: name.coach });
      const seen = await getItem(item.id, c.coach);
      assert.equal(seen.status, 'concept');
      assertProblem(await c.tm.get(`/api/v1/knowledge/${item.id}`), 404, 'not-found', 'another reader: a concept is not there');
      const edited = expectStatus(await c.coach.patch(`/api/v1/knowledge/${item.id}`, { body: 'Huisarts, apotheek en buurthuis.' }), 200, 'owner edits');
      assert.equal(edited.body, 'Huisarts, apotheek en buurthuis.');
      assertProblem(await c.coach.patch(`/api/v1/knowledge/${item.id}`, { owner_id: id.tm }), 403, 'forbidden', 'the owner gives the item away');
      assertProblem(await c.tm.patch(`/api/v1/knowledge/${item.id}`, { body: 'Niet van mij' }), 404, 'not-found', 'a non-editor edits a concept');
      const versions = await versionsOf(item.id, c.coach);
      assert.equal(versions[0].status, 'concept', 'the owner sees the draft version');
      await step(item.id, 'submit', c.coach);
      assertProblem(await c.coach.post(`/api/v1/knowledge/${item.id}/publish`), 403, 'forbidden', 'the owner publishes');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${item.id}/return`, { remark: 'Zelf terug' }), 403, 'forbidden', 'the owner returns');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${item.id}/archive`), 403, 'forbidden', 'the owner archives');
      // q1 created version 1 (its author), so q2 publishes
      assertProblem(await c.q1.post(`/api/v1/knowledge/${item.id}/publish`), 409, 'conflict', 'the author of version 1');
      await step(item.id, 'publish', c.q2);
      // the owner edits the published item: version 2 authored by the owner, which q1 may publish
      const v2 = expectStatus(await c.coach.patch(`/api/v1/knowledge/${item.id}`, { body: 'Huisarts, apotheek, buurthuis en voedselbank.' }), 200);
      assert.deepEqual(v2.draft.author, { id: id.coach, name: name.coach });
      assert.equal((await getItem(item.id, c.tm)).draft, null, 'another reader sees no draft');
      await step(item.id, 'submit', c.coach);
      const pub2 = await step(item.id, 'publish', c.q1);
      assert.equal(pub2.version, 2);
      assert.equal(pub2.body, 'Huisarts, apotheek, buurthuis en voedselbank.');
      // owner=me and owner=<id>
      const mine = expectStatus(await c.coach.get('/api/v1/knowledge?owner=me&limit=500'), 200);
      assert.ok(mine.items.some((s) => s.id === item.id) && mine.items.every((s) => s.owner.id === id.coach), 'owner=me');
      const byId = expectStatus(await c.q2.get(`/api/v1/knowledge?owner=${id.coach}&limit=500`), 200);
      assert.deepEqual(byId.items.map((s) => s.id), mine.items.map((s) => s.id));
      // quality hands the item over
      const moved = expectStatus(await c.q2.patch(`/api/v1/knowledge/${item.id}`, { owner_id: id.tm }), 200, 'quality changes the owner');
      assert.deepEqual(moved.owner, { id: id.tm, name: name.tm });
    });

    it('readers without edit rights: a concept is 404, a published item 403 on PATCH (and on submit of its draft)', async () => {
      const concept = await create({ title: 'Nog in concept' });
      const pub = await published({ title: 'Al gepubliceerd' });
      const withDraft = await published({ title: 'Gepubliceerd met concept' });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${withDraft.id}`, { body: 'Nieuwe versie' }), 200);
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].get(`/api/v1/knowledge/${concept.id}`), 404, 'not-found', `${key} GET concept`);
        assertProblem(await c[key].get(`/api/v1/knowledge/${concept.id}/versions`), 404, 'not-found', `${key} versions of a concept`);
        assertProblem(await c[key].patch(`/api/v1/knowledge/${concept.id}`, { title: 'x' }), 404, 'not-found', `${key} PATCH concept`);
        assertProblem(await c[key].post(`/api/v1/knowledge/${concept.id}/submit`), 404, 'not-found', `${key} submit concept`);
        expectStatus(await c[key].get(`/api/v1/knowledge/${pub.id}`), 200, `${key} GET published`);
        assertProblem(await c[key].patch(`/api/v1/knowledge/${pub.id}`, { title: 'x' }), 403, 'forbidden', `${key} PATCH published`);
        assertProblem(await c[key].post(`/api/v1/knowledge/${withDraft.id}/submit`), 403, 'forbidden', `${key} submit another's draft`);
      }
      for (const p of [`/api/v1/knowledge/${pub.id}`, `/api/v1/knowledge/${pub.id}/versions`, '/api/v1/knowledge', '/api/v1/knowledge/search?q=gepubliceerd']) {
        assertProblem(await c.funder.get(p), 403, 'forbidden', `funder ${p}`);
      }
      assertProblem(await c.q1.get(`/api/v1/knowledge/${MISSING_ID}`), 404, 'not-found', 'missing');
      assertProblem(await c.q1.get('/api/v1/knowledge/0'), 404, 'not-found', 'id 0');
      assertProblem(await c.q1.get('/api/v1/knowledge/abc/versions'), 404, 'not-found', 'not an id');
    });

    it('submit is for editors: a reader submitting a published item without a draft is 403 (not 409)', async () => {
      const pub = await published({ title: 'Gepubliceerd zonder concept' });
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].post(`/api/v1/knowledge/${pub.id}/submit`), 403, 'forbidden', `${key} submit published`);
      }
      assertProblem(await c.q1.post(`/api/v1/knowledge/${pub.id}/submit`), 409, 'conflict', 'an editor: there is no concept');
    });

    it('archiving: only quality sees it afterwards; coaches 404; no more changes (409); audited', async () => {
      const pub = await published({ category: 'richtlijn', title: 'Oude richtlijn energiearmoede', body: 'Vervallen tekst over energietoeslag.', tags: ['energie'] });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { body: 'Een draft die blijft liggen.' }), 200);
      const before = (await auditOf(pub.id)).length;
      assertProblem(await c.coach.post(`/api/v1/knowledge/${pub.id}/archive`), 403, 'forbidden', 'a coach archives');
      const archived = await step(pub.id, 'archive', c.q2);
      assert.equal(archived.status, 'gearchiveerd');
      assert.equal((await auditOf(pub.id)).length, before + 1, 'archiving is audited');
      const [entry] = await auditOf(pub.id);
      assert.equal(entry.action, 'update');
      assert.deepEqual(entry.actor, { id: id.q2, name: name.q2 });

      expectStatus(await c.q1.get(`/api/v1/knowledge/${pub.id}`), 200, 'quality still reads it');
      expectStatus(await c.q1.get(`/api/v1/knowledge/${pub.id}/versions`), 200, 'and its versions');
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].get(`/api/v1/knowledge/${pub.id}`), 404, 'not-found', `${key} GET archived`);
        assertProblem(await c[key].get(`/api/v1/knowledge/${pub.id}/versions`), 404, 'not-found', `${key} versions of archived`);
        assert.ok(!expectStatus(await c[key].get('/api/v1/knowledge?limit=500'), 200).items.some((s) => s.id === pub.id), `${key}: not listed`);
        assert.equal(expectStatus(await c[key].get('/api/v1/knowledge/search?q=energiearmoede%20'), 200).total, 0, `${key}: not found by search`);
      }
      const head = await auditHead();
      assertProblem(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { title: 'Toch nog' }), 409, 'conflict', 'PATCH archived');
      assertProblem(await c.q1.post(`/api/v1/knowledge/${pub.id}/submit`), 409, 'conflict', 'submit archived');
      assertProblem(await c.q2.post(`/api/v1/knowledge/${pub.id}/publish`), 409, 'conflict', 'publish archived');
      assertProblem(await c.q2.post(`/api/v1/knowledge/${pub.id}/return`, { remark: 'Terug' }), 409, 'conflict', 'return archived');
      assertProblem(await c.q2.post(`/api/v1/knowledge/${pub.id}/archive`), 409, 'conflict', 'archive twice');
      assert.equal(await auditHead(), head, 'no audit entry for the refusals');
      assert.equal((await getItem(pub.id)).title, 'Oude richtlijn energiearmoede', 'unchanged');
      // quality lists it with status=gearchiveerd
      const listed = expectStatus(await c.q1.get('/api/v1/knowledge?status=gearchiveerd&limit=500'), 200);
      assert.ok(listed.items.some((s) => s.id === pub.id && s.status === 'gearchiveerd'));
      assert.ok(listed.items.every((s) => s.status === 'gearchiveerd'));
      // a concept may be archived too
      const concept = await create({ title: 'Nooit afgemaakt' });
      assert.equal((await step(concept.id, 'archive', c.q1)).status, 'gearchiveerd');
    });
  });

  // ------------------------------------------------------------------ the list

  describe('the list', () => {
    it('readers list published items only; quality every status or one; filters; paging; bad queries 400', async () => {
      const tag = `lijst${Date.now().toString(36)}`;
      const a = await published({ category: 'document', title: 'Lijst A', tags: [tag] });
      const b = await published({ category: 'richtlijn', title: 'Lijst B', tags: [tag, 'extra'] });
      const concept = await create({ category: 'document', title: 'Lijst concept', tags: [tag] });
      const review = await create({ category: 'document', title: 'Lijst review', tags: [tag] });
      await step(review.id, 'submit', c.q1);

      const coachList = expectStatus(await c.coach.get(`/api/v1/knowledge?tag=${tag}`), 200);
      keys(coachList, ['items', 'total', 'total_exact'], 'list');
      coachList.items.forEach((s, i) => keys(s, SUMMARY_KEYS, `items[${i}]`));
      assert.deepEqual(coachList.items.map((s) => s.id).sort((x, y) => x - y), [a.id, b.id].sort((x, y) => x - y), 'coach: published only');
      assert.equal(coachList.total, 2);
      // tags of an item in the list follow the tags of the text readers see; concepts' tags are
      // indexed only once they are what readers see, so quality filters them by the same table
      const qList = expectStatus(await c.q1.get('/api/v1/knowledge?limit=500'), 200);
      for (const x of [a, b, concept, review]) assert.ok(qList.items.some((s) => s.id === x.id), `quality lists ${x.title}`);
      const qConcept = expectStatus(await c.q1.get('/api/v1/knowledge?status=concept&limit=500'), 200);
      assert.ok(qConcept.items.some((s) => s.id === concept.id) && qConcept.items.every((s) => s.status === 'concept'));
      const qReview = expectStatus(await c.q1.get('/api/v1/knowledge?status=ter_review&limit=500'), 200);
      assert.ok(qReview.items.some((s) => s.id === review.id) && qReview.items.every((s) => s.status === 'ter_review'));
      const byCategory = expectStatus(await c.coach.get(`/api/v1/knowledge?tag=${tag}&category=richtlijn`), 200);
      assert.deepEqual(byCategory.items.map((s) => s.id), [b.id]);
      assert.deepEqual(expectStatus(await c.coach.get(`/api/v1/knowledge?tag=${tag}&status=gepubliceerd`), 200).total, 2);
      // paging: newest change first, total independent of the page
      const page1 = expectStatus(await c.coach.get(`/api/v1/knowledge?tag=${tag}&limit=1`), 200);
      const page2 = expectStatus(await c.coach.get(`/api/v1/knowledge?tag=${tag}&limit=1&offset=1`), 200);
      assert.equal(page1.total, 2);
      assert.equal(page2.total, 2);
      assert.deepEqual([page1.items[0].id, page2.items[0].id], [b.id, a.id], 'most recently changed first');

      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        for (const status of ['concept', 'ter_review', 'gearchiveerd']) {
          assertProblem(await c[key].get(`/api/v1/knowledge?status=${status}`), 403, 'forbidden', `${key} status=${status}`);
        }
      }
      for (const q of ['category=handboek', 'status=klaar', 'limit=0', 'limit=501', 'offset=-1', 'owner=iemand', 'owner=-3']) {
        assertProblem(await c.q1.get(`/api/v1/knowledge?${q}`), 400, 'bad-request', q);
      }
    });
  });
});

// ==================================================================== search

// A fixed Dutch fixture. Published unless `status` says otherwise. The top-three orders
// asserted below hold on both stores because each of the three is in another class:
// title and body, title only, body only. ts_rank (PostgreSQL) does not normalise by
// length; FTS5's bm25 normalises by the length of the whole row (title and body
// together), so the title-and-body item is never longer than the title-only one, and
// both titles have three words that are not stop words.
const FIXTURE = {
  huisbezoekVoorbereiden: {
    category: 'procedure', title: 'Huisbezoeken goed voorbereiden', tags: ['huisbezoek', 'veiligheid'],
    body: 'Plan elk huisbezoek samen met een collega en neem de signalenkaart mee.',
  },
  veiligOpHuisbezoek: {
    category: 'richtlijn', title: 'Veilig op huisbezoek gaan', tags: ['veiligheid', 'agressie'],
    body: 'Ga bij dreiging nooit alleen naar binnen. Meld agressie altijd bij de teamleider en leg het vast in het incidentenregister.',
  },
  eersteGesprek: {
    category: 'methodiek', title: 'Het eerste gesprek met een gezin', tags: ['gezin', 'intake'],
    body: 'Binnen vijf werkdagen volgt een huisbezoek. Luister eerst naar het gezin voordat je met ideeën komt.',
  },
  schuldenSignaleren: {
    category: 'methodiek', title: 'Schulden vroeg signaleren', tags: ['schulden', 'geldzaken'],
    body: 'Let op een huurachterstand, aanmaningen en een afgesloten energiecontract: vroege signalen van schulden.',
  },
  doorverwijzen: {
    category: 'document', title: 'Doorverwijzen bij problematische schulden', tags: ['schulden', 'gemeente'],
    body: 'Gebruik het formulier van de gemeente. De budgetcoach neemt binnen twee weken contact op met de bewoner.',
  },
  ontruiming: {
    category: 'procedure', title: 'Dreigende ontruiming voorkomen', tags: ['wonen', 'schulden'],
    body: 'Als een bewoner de huur van zijn woning niet meer kan betalen, lopen de schulden snel op: een achterstand van < 3 maanden & '
      + 'een aanmaning. Schrijf in het verslag geen HTML zoals `<mark>`.',
  },
  jongeKinderen: {
    category: 'richtlijn', title: 'Gezinnen met jonge kinderen', tags: ['jeugd'],
    body: 'Let op de ontwikkeling van de kinderen en betrek het consultatiebureau. Vraag naar opvang, school, sport en de hulp van familie of buren.',
  },
  samenPlan: {
    category: 'methodiek', title: 'Samen een plan maken', tags: ['plan', 'eigen regie'],
    body: 'We begeleiden bewoners bij het maken van een plan. Het gezin bepaalt zelf de doelen; de coach helpt met kleine stappen.',
  },
  bewonersinitiatieven: {
    category: 'document', title: 'Bewonersinitiatieven ondersteunen', tags: ['buurt'],
    body: 'Bewoners met goede ideeen voor de buurt kunnen een aanvraag doen bij het wijkbudget. De coach denkt mee.',
  },
  buurtpreventie: {
    status: 'concept', category: 'richtlijn', title: 'Buurtpreventie en woninginbraak', tags: ['veiligheid'],
    body: 'Concepttekst: afspraken met de wijkagent over huisbezoeken na een inbraak.',
  },
  mantelzorg: {
    status: 'ter_review', category: 'document', title: 'Mantelzorgers ontlasten', tags: ['mantelzorg'],
    body: 'Wijs mantelzorgers op respijtzorg en de mantelzorgwaardering van de gemeente.',
  },
};

describe(`Kennisbank: Dutch search on a fixed fixture (${STORE})`, { skip: whyNot }, () => {
  let server;
  let c;
  const ids = {}; // FIXTURE key → item id
  const keyOf = (itemId) => Object.keys(ids).find((k) => ids[k] === itemId) ?? `#${itemId}`;

  const search = async (query, client = c.coach) => {
    const r = await client.get(`/api/v1/knowledge/search?${query}`);
    const body = expectStatus(r, 200, `search ${query}`);
    keys(body, ['facets', 'items', 'total'], 'SearchResult');
    keys(body.facets, ['categories', 'tags', 'tags_counted_over'], 'facets');
    assert.equal(body.facets.tags_counted_over, Math.min(body.total, 200), 'tags counted over every match up to 200');
    body.items.forEach((h, i) => keys(h, HIT_KEYS, `items[${i}]`));
    return body;
  };
  const q = (text, extra = '') => `q=${encodeURIComponent(text)}${extra}`;
  const found = async (text, client = c.coach, extra = '') => (await search(q(text, extra), client)).items.map((h) => keyOf(h.id));
  const sortedKeys = (list) => [...list].sort();

  before(async () => {
    server = await startServer({ demo: true });
    ({ c } = await people(server, 'zoek'));
    for (const [key, f] of Object.entries(FIXTURE)) {
      const { status = 'gepubliceerd', ...body } = f;
      const item = expectStatus(await c.q1.post('/api/v1/knowledge', body), 201, `fixture ${key}`);
      ids[key] = item.id;
      if (status === 'concept') continue;
      expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200, `submit ${key}`);
      if (status === 'ter_review') continue;
      expectStatus(await c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 200, `publish ${key}`);
    }
  });

  after(async () => {
    await server?.stop();
  });

  it('stemming: woningen finds an item that only says woning (typed, and as a finished word)', async () => {
    assert.deepEqual(await found('woningen '), ['ontruiming'], 'finished word');
    assert.deepEqual(await found('woningen'), ['ontruiming'], 'the search as sent by the search box: the last word matches by its stem too');
    assert.deepEqual(await found('woning'), ['ontruiming']);
  });

  it('stemming: begeleiding finds begeleiden; gezinnen finds gezin', async () => {
    assert.deepEqual(await found('begeleiding '), ['samenPlan']);
    assert.deepEqual(await found('begeleiding'), ['samenPlan'], 'without a trailing space');
    assert.deepEqual(sortedKeys(await found('gezinnen ')), sortedKeys(['eersteGesprek', 'jongeKinderen', 'samenPlan']));
    assert.deepEqual(sortedKeys(await found('gezinnen')), sortedKeys(['eersteGesprek', 'jongeKinderen', 'samenPlan']), 'without a trailing space');
    // eersteGesprek and samenPlan only say "gezin"
    for (const k of ['eersteGesprek', 'samenPlan']) assert.ok(!/gezinnen/i.test(FIXTURE[k].title + FIXTURE[k].body));
  });

  it('diacritics folded: ideeën = ideeen, both ways', async () => {
    const want = sortedKeys(['eersteGesprek', 'bewonersinitiatieven']);
    for (const text of ['ideeën', 'ideeen', 'ideeën ', 'ideeen ', 'IDEEËN ']) {
      assert.deepEqual(sortedKeys(await found(text)), want, JSON.stringify(text));
    }
  });

  it('the last word as a prefix while typing (from 3 letters); a finished word is not a prefix', async () => {
    const want = sortedKeys(['huisbezoekVoorbereiden', 'veiligOpHuisbezoek', 'eersteGesprek']);
    assert.deepEqual(sortedKeys(await found('huisbez')), want, 'huisbez while typing');
    assert.deepEqual(sortedKeys(await found('HUISBEZ')), want, 'case does not matter');
    assert.deepEqual(await found('huisbez '), [], 'huisbez as a finished word');
    assert.deepEqual(await found('hu'), [], 'two letters are no prefix');
    assert.deepEqual(sortedKeys(await found('schuld')), sortedKeys(['schuldenSignaleren', 'doorverwijzen', 'ontruiming']));
    assert.deepEqual(await found('veilig huisbez '), [], 'two finished words');
  });

  it('several words, the last one being typed: earlier words by their stem, the last also as a prefix', async () => {
    assert.deepEqual(await found('veilig huisbez'), ['veiligOpHuisbezoek'], 'veilig huisbez');
    assert.deepEqual(await found('veilig op huisbez'), ['veiligOpHuisbezoek'], 'with a stop word between');
    assert.deepEqual(await found('huur woningen'), ['ontruiming'], 'the typed last word by its stem');
    assert.deepEqual(await found('gezin begeleid'), ['samenPlan']);
  });

  it('title matches rank above body matches: exact top three, the same on SQLite and PostgreSQL', async () => {
    // title and body > title only (a title as long) > body only
    const expectations = [
      ['huisbezoek ', ['huisbezoekVoorbereiden', 'veiligOpHuisbezoek', 'eersteGesprek']],
      ['huisbezoeken ', ['huisbezoekVoorbereiden', 'veiligOpHuisbezoek', 'eersteGesprek']],
      ['schulden ', ['schuldenSignaleren', 'doorverwijzen', 'ontruiming']],
      ['gezin ', ['eersteGesprek', 'jongeKinderen', 'samenPlan']],
    ];
    for (const [text, want] of expectations) {
      const body = await search(q(text));
      assert.equal(body.total, 3, `${JSON.stringify(text)}: three matches`);
      assert.deepEqual(body.items.slice(0, 3).map((h) => keyOf(h.id)), want, `${JSON.stringify(text)} on ${STORE}`);
    }
    // a body-only match never comes before a title match
    const body = await search(q('huisbezoek '));
    assert.equal(keyOf(body.items.at(-1).id), 'eersteGesprek', 'the body-only match is last');
    // paging keeps the order
    const paged = [];
    for (let offset = 0; offset < 3; offset += 1) paged.push(keyOf((await search(`${q('schulden ')}&limit=1&offset=${offset}`)).items[0].id));
    assert.deepEqual(paged, ['schuldenSignaleren', 'doorverwijzen', 'ontruiming'], 'page by page');
  });

  it('stop words are ignored; a query of stop words alone finds nothing, at once', async () => {
    for (const text of ['de', 'de ', 'het', 'de het een', 'en of maar ']) {
      const t0 = Date.now();
      const body = await search(q(text));
      const ms = Date.now() - t0;
      assert.equal(body.total, 0, JSON.stringify(text));
      assert.deepEqual(body.items, []);
      assert.deepEqual(body.facets, { categories: [], tags: [], tags_counted_over: 0 });
      assert.ok(ms < 1000, `${JSON.stringify(text)} took ${ms} ms`);
    }
    // stop words inside a query are left out
    assert.deepEqual(await found('de schulden van het gezin '), [], 'schulden and gezin are in no text together');
    assert.deepEqual(await found('de huur van de woning '), ['ontruiming']);
    assert.equal((await search('q=')).total, 0, 'an empty query');
    assert.equal((await search('')).total, 0, 'no query');
  });

  it('facets count every match, not only the page; category and tag filters', async () => {
    const page = await search(`${q('huisbezoek ')}&limit=1`);
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    assert.deepEqual(page.facets.categories, [
      { category: 'methodiek', count: 1 }, { category: 'procedure', count: 1 }, { category: 'richtlijn', count: 1 },
    ]);
    assert.deepEqual(page.facets.tags, [
      { tag: 'veiligheid', count: 2 }, { tag: 'agressie', count: 1 }, { tag: 'gezin', count: 1 },
      { tag: 'huisbezoek', count: 1 }, { tag: 'intake', count: 1 },
    ]);
    const schulden = await search(`${q('schulden ')}&limit=1`);
    assert.deepEqual(schulden.facets.tags.slice(0, 1), [{ tag: 'schulden', count: 3 }]);
    assert.deepEqual(schulden.facets.categories, [
      { category: 'methodiek', count: 1 }, { category: 'document', count: 1 }, { category: 'procedure', count: 1 },
    ], 'in the order of the categories (methodiek, document, procedure, richtlijn)');

    assert.deepEqual(await found('huisbezoek ', c.coach, '&category=richtlijn'), ['veiligOpHuisbezoek']);
    const tagged = await search(`${q('huisbezoek ')}&tag=veiligheid`);
    assert.deepEqual(tagged.items.map((h) => keyOf(h.id)), ['huisbezoekVoorbereiden', 'veiligOpHuisbezoek']);
    assert.equal(tagged.total, 2);
    assert.deepEqual(tagged.facets.categories, [{ category: 'procedure', count: 1 }, { category: 'richtlijn', count: 1 }],
      'facets follow the filters');
    assert.deepEqual(await found('schulden ', c.coach, '&tag=wonen&category=procedure'), ['ontruiming']);
    assert.deepEqual(await found('schulden ', c.coach, '&tag=jeugd'), []);
  });

  it('hits: the item as readers see it, a snippet that escapes HTML and marks the matching words', async () => {
    const body = await search(q('schulden '));
    const hit = body.items.find((h) => keyOf(h.id) === 'ontruiming');
    const f = FIXTURE.ontruiming;
    assert.equal(hit.title, f.title);
    assert.equal(hit.category, f.category);
    assert.equal(hit.status, 'gepubliceerd');
    assert.deepEqual(hit.tags, f.tags);
    assert.match(hit.review_by ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(hit.overdue, false);
    const s = hit.snippet_html;
    assert.ok(s.includes('<mark>schulden</mark>'), `the match is marked: ${s}`);
    assert.ok(s.includes('&lt; 3 maanden'), `< is escaped: ${s}`);
    assert.ok(s.includes('&amp; een aanmaning'), `& is escaped: ${s}`);
    assert.ok(s.includes('&lt;mark&gt;'), `a <mark> in the text is escaped: ${s}`);
    const tags = s.match(/<[^>]*>/g) ?? [];
    assert.ok(tags.every((t) => t === '<mark>' || t === '</mark>'), `only <mark> tags: ${tags}`);
    assert.equal(s.match(/<mark>/g).length, 1, `only the matching word: ${s}`);
    // the snippet is the text (Markdown marks left out), with nothing lost at its ends
    const plain = s.replaceAll('<mark>', '').replaceAll('</mark>', '').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    assert.equal(plain.trim(), f.body.replace('`<mark>`', '<mark>'), `a short text whole: ${s}`);

    const ontruiming = (await search(q('woningen '))).items[0];
    assert.ok(ontruiming.snippet_html.includes('<mark>woning</mark>'), `the word as written is marked: ${ontruiming.snippet_html}`);
    assert.ok(!ontruiming.snippet_html.includes('<mark>schulden</mark>'), 'not the other words');
    const both = (await search(q('woning schulden '))).items[0];
    assert.equal((both.snippet_html.match(/<mark>/g) ?? []).length, 2, `every query word is marked: ${both.snippet_html}`);
    const typed = (await search(q('huisbez'))).items.find((h) => keyOf(h.id) === 'eersteGesprek');
    assert.ok(typed.snippet_html.includes('<mark>huisbezoek</mark>'), `a prefix match is marked: ${typed.snippet_html}`);
    const folded = (await search(q('ideeen '))).items.find((h) => keyOf(h.id) === 'eersteGesprek');
    assert.ok(folded.snippet_html.includes('<mark>ideeën</mark>'), `marked as written, with its diaeresis: ${folded.snippet_html}`);
  });

  it('readers do not find drafts; quality does (or one status); status other than gepubliceerd is 403 for readers', async () => {
    for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
      assert.deepEqual(await found('buurtpreventie ', c[key]), [], `${key}: not a concept`);
      assert.deepEqual(await found('mantelzorgers ', c[key]), [], `${key}: not a draft in review`);
      assert.equal(await found('huisbezoek ', c[key]).then((l) => l.length), 3, `${key}: the published ones`);
      for (const status of ['concept', 'ter_review', 'gearchiveerd']) {
        assertProblem(await c[key].get(`/api/v1/knowledge/search?${q('huisbezoek')}&status=${status}`), 403, 'forbidden', `${key} status=${status}`);
      }
      assert.equal((await search(`${q('huisbezoek ')}&status=gepubliceerd`, c[key])).total, 3);
    }
    assertProblem(await c.funder.get(`/api/v1/knowledge/search?${q('huisbezoek')}`), 403, 'forbidden', 'funder');
    assertProblem(await new Client(server).get(`/api/v1/knowledge/search?${q('huisbezoek')}`), 401, 'unauthenticated', 'anonymous');

    const concept = (await search(q('buurtpreventie '), c.q2)).items;
    assert.deepEqual(concept.map((h) => [keyOf(h.id), h.status]), [['buurtpreventie', 'concept']], 'quality finds a concept');
    assert.equal(concept[0].review_by, null);
    assert.deepEqual((await search(q('mantelzorgers '), c.q2)).items.map((h) => [keyOf(h.id), h.status]), [['mantelzorg', 'ter_review']]);
    assert.deepEqual(sortedKeys(await found('huisbezoek ', c.q2)),
      sortedKeys(['huisbezoekVoorbereiden', 'veiligOpHuisbezoek', 'eersteGesprek', 'buurtpreventie']), 'quality: drafts too');
    assert.deepEqual(await found('huisbezoek ', c.q2, '&status=concept'), ['buurtpreventie']);
    assert.deepEqual(await found('mantelzorgers ', c.q2, '&status=concept'), []);
    assert.deepEqual(await found('mantelzorgers ', c.q2, '&status=ter_review'), ['mantelzorg']);
    assert.equal((await search(`${q('huisbezoek ')}&status=gepubliceerd`, c.q2)).total, 3);
  });

  it('a draft beside a published item is not searched for readers; publishing it updates the index', async () => {
    const id = ids.bewonersinitiatieven;
    expectStatus(await c.q1.patch(`/api/v1/knowledge/${id}`, { body: 'Buurtbewoners met een plan voor een moestuin krijgen hulp van de coach.' }), 200);
    assert.deepEqual(await found('moestuin '), [], 'the draft\'s words are not found by readers');
    assert.deepEqual(sortedKeys(await found('wijkbudget ')), ['bewonersinitiatieven'], 'the published words still are');
    expectStatus(await c.q1.post(`/api/v1/knowledge/${id}/submit`), 200);
    expectStatus(await c.q2.post(`/api/v1/knowledge/${id}/publish`), 200);
    assert.deepEqual(await found('moestuin '), ['bewonersinitiatieven'], 'published: found');
    assert.deepEqual(await found('wijkbudget '), [], 'the replaced text is not');
    // archived: gone for everyone but quality with status=gearchiveerd
    expectStatus(await c.q2.post(`/api/v1/knowledge/${id}/archive`), 200);
    assert.deepEqual(await found('moestuin '), []);
    assert.deepEqual(await found('moestuin ', c.q1), [], 'quality\'s default search: published and drafts');
    assert.deepEqual(await found('moestuin ', c.q1, '&status=gearchiveerd'), ['bewonersinitiatieven']);
  });

  it('quality staff filter a category over every status; a concept that changes category moves with it', async () => {
    // published and concept richtlijnen: key ranges apart in the SQLite index
    assert.deepEqual(sortedKeys(await found('huisbezoek ', c.q2, '&category=richtlijn')),
      sortedKeys(['veiligOpHuisbezoek', 'buurtpreventie']));
    assert.deepEqual(await found('huisbezoek ', c.coach, '&category=richtlijn'), ['veiligOpHuisbezoek']);
    assert.deepEqual((await search(q('huisbezoek '), c.q2)).facets.categories, [
      { category: 'methodiek', count: 1 }, { category: 'procedure', count: 1 }, { category: 'richtlijn', count: 2 },
    ], 'a category counts its items in every status');

    const item = expectStatus(await c.q1.post('/api/v1/knowledge', {
      category: 'document', title: 'Het klompenpad door de wijk', body: 'Wandelen met inwoners over het klompenpad.',
    }), 201);
    assert.deepEqual((await search(`${q('klompenpad ')}&category=document`, c.q2)).items.map((h) => h.id), [item.id]);
    expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { category: 'procedure' }), 200);
    assert.equal((await search(`${q('klompenpad ')}&category=document`, c.q2)).total, 0, 'not under its old category');
    const moved = await search(`${q('klompenpad ')}&category=procedure`, c.q2);
    assert.deepEqual(moved.items.map((h) => [h.id, h.category, h.status]), [[item.id, 'procedure', 'concept']]);
    assert.deepEqual(moved.facets.categories, [{ category: 'procedure', count: 1 }]);
    expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200);
    assert.equal((await search(`${q('klompenpad ')}&status=concept`, c.q2)).total, 0, 'submitted: no longer a concept');
    assert.deepEqual((await search(`${q('klompenpad ')}&status=ter_review&category=procedure`, c.q2)).items.map((h) => h.id), [item.id]);
  });

  it('odd input never fails: punctuation, query syntax of either store, other scripts, long queries (200, never 500)', async () => {
    const odd = ['co-ouderschap', "’s-Hertogenbosch", '100%', 'a&b', 'x|y', 'foo:*', '!', 'AND', 'NEAR(', '"', '(', ')', '*',
      'huis*', '-', '^', 'abc:', "a'b", 'schulden & gezin', 'schulden | gezin', '!schulden', 'schulden <-> gezin', 'NOT schulden',
      'schulden NOT', 'schulden OR gezin', 'gezin:A', '\\', '日本語', '😀', 'Ĳssel', 'x'.repeat(300), 'é'.repeat(150)];
    const failures = [];
    for (const text of odd) {
      const r = await c.coach.get(`/api/v1/knowledge/search?${q(text)}`);
      if (r.status !== 200) failures.push(`${JSON.stringify(text).slice(0, 40)} → ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(failures, [], `odd queries:\n${failures.join('\n')}`);
  });

  it('bad query parameters are 400 problem+json', async () => {
    for (const extra of ['category=handboek', 'status=klaar', 'limit=0', 'limit=101', 'offset=-1', 'limit=tien']) {
      assertProblem(await c.q1.get(`/api/v1/knowledge/search?${q('huisbezoek')}&${extra}`), 400, 'bad-request', extra);
    }
    assert.equal((await search(`${q('huisbezoek ')}&limit=100`)).total, 3, 'limit 100 is allowed');
  });
});

// Compound words (docs/decisions/0009): the tokenizer indexes a compound's parts, found in
// Debian's Dutch word list, beside the word, on both stores alike. A part finds the
// compound (woningen → woningcorporatie, overleg → wijkteamoverleg), a title with the word
// itself ranks above a title with it as a part, and the snippet marks the compound. An
// index made by an earlier tokenizer is rebuilt once at start-up.
describe(`Kennisbank: compound words (${STORE})`, { skip: whyNot }, () => {
  let server;
  let c;
  const ids = {};
  const keyOf = (itemId) => Object.keys(ids).find((k) => ids[k] === itemId) ?? `#${itemId}`;
  const search = async (text) => expectStatus(await c.coach.get(`/api/v1/knowledge/search?q=${encodeURIComponent(text)}`), 200);
  const found = async (text) => (await search(text)).items.map((h) => keyOf(h.id));
  const ITEMS = {
    corporatie: { category: 'document', title: 'Afspraken met de woningcorporatie', body: 'Bel de corporatie bij een achterstand.' },
    wijkteamoverlegTitel: { category: 'procedure', title: 'Het wijkteamoverleg', body: 'Elke week, met een agenda en een verslag van het wijkteamoverleg.' },
    overlegTitel: { category: 'procedure', title: 'Het overleg', body: 'Elke week, met een agenda.' },
    overlegTekst: { category: 'methodiek', title: 'Een agenda maken', body: 'Bespreek de agenda in het overleg.' },
  };

  before(async () => {
    server = await startServer({ demo: true });
    ({ c } = await people(server, 'samen'));
    for (const [key, body] of Object.entries(ITEMS)) {
      const item = expectStatus(await c.q1.post('/api/v1/knowledge', { ...body, tags: [] }), 201, `item ${key}`);
      ids[key] = item.id;
      expectStatus(await c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200, `submit ${key}`);
      expectStatus(await c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 200, `publish ${key}`);
    }
  });

  after(async () => {
    await server?.stop();
  });

  it('woningen finds woningcorporatie (typed and finished)', async () => {
    for (const text of ['woningen', 'woningen ', 'woning', 'corporaties ']) {
      assert.deepEqual(await found(text), ['corporatie'], JSON.stringify(text));
    }
  });

  it('overleg finds wijkteamoverleg; the word itself ranks first, a part in the title above a body match', async () => {
    for (const text of ['overleg ', 'overleg', 'overl']) {
      assert.deepEqual(await found(text), ['overlegTitel', 'wijkteamoverlegTitel', 'overlegTekst'], `${JSON.stringify(text)} on ${STORE}`);
    }
    const hits = (await search('overleg ')).items;
    const part = hits.find((h) => h.id === ids.wijkteamoverlegTitel);
    assert.match(part.snippet_html, /<mark>wijkteamoverleg<\/mark>/, part.snippet_html);
    assert.deepEqual(await found('wijkteamoverleg '), ['wijkteamoverlegTitel'], 'the compound finds itself only');
    assert.deepEqual(await found('verlening '), [], 'no split without a compound');
  });

  it('an index made by the tokenizer before compounds is rebuilt once at start-up', { skip: STORE !== 'sqlite' && 'SQLite only: on PostgreSQL each server builds its own copy (next test)' }, async () => {
    const databaseUrl = server.databaseUrl;
    await server.stop();
    // Behind the server's back: the version forgotten (SQLite's shell has no `dutch`
    // tokenizer to touch the FTS5 table with; the unit test
    // KnowledgeSearch.RebuiltOnceForANewTokenizer covers its rebuild).
    execSql(databaseUrl, 'DELETE FROM search_index_version');
    assert.deepEqual(execSql(databaseUrl, 'SELECT count(*) FROM search_index_version').trim(), '0');
    server = await startServer({ databaseUrl });
    assert.match(server.output(), /search index rebuilt/);
    ({ c } = await people(server, 'weer'));
    assert.deepEqual(await found('overleg '), ['overlegTitel', 'wijkteamoverlegTitel', 'overlegTekst']);
    assert.deepEqual(await found('woningen'), ['corporatie']);
    assert.equal(execSql(databaseUrl, 'SELECT count(*) FROM search_index_version').trim(), '1');
  });

  // docs/decisions/0011: each server searches its own copy of the index, built at start-up
  // from PostgreSQL and caught up before every search, whichever server made the change.
  it('PostgreSQL: each server builds its copy at start-up and finds what another server saved', { skip: STORE !== 'postgres' && 'PostgreSQL only' }, async () => {
    const other = await startServer({ databaseUrl: server.databaseUrl });
    try {
      const there = await people(other, 'daar');
      for (let i = 0; i < 50 && !/search index built/.test(other.output()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(other.output(), /search index built \(\d+ items/);
      assert.deepEqual(await found('overleg '), ['overlegTitel', 'wijkteamoverlegTitel', 'overlegTekst']);
      const foundThere = async (text) => expectStatus(await there.c.coach.get(`/api/v1/knowledge/search?q=${encodeURIComponent(text)}`), 200)
        .items.map((h) => keyOf(h.id));
      assert.deepEqual(await foundThere('overleg '), ['overlegTitel', 'wijkteamoverlegTitel', 'overlegTekst'], 'the same order on the other server');
      // Saved and published on the other server, found here at once; archived here, gone there.
      const item = expectStatus(await there.c.q1.post('/api/v1/knowledge', { category: 'methodiek', title: 'Het teamoverleg', body: 'Kort.', tags: [] }), 201);
      ids.teamoverleg = item.id;
      expectStatus(await there.c.q1.post(`/api/v1/knowledge/${item.id}/submit`), 200);
      expectStatus(await there.c.q2.post(`/api/v1/knowledge/${item.id}/publish`), 200);
      assert.deepEqual(await found('teamoverleg '), ['teamoverleg']);
      expectStatus(await c.q2.post(`/api/v1/knowledge/${item.id}/archive`), 200);
      assert.deepEqual(await foundThere('teamoverleg '), []);
      assert.deepEqual(await found('teamoverleg '), []);
    } finally {
      await other.stop();
    }
  });
});
