// Kennisbank, part 2 (docs/openapi.json, tag "knowledge": staying right, ratings,
// versions, attachments, views): verification ("still right as it is": review-by moves on by the category's
// period, recorded with who, when and the dates before and after, audited), the owner's
// review-due list (overdue and due within a period, soonest first), ratings per person
// per published version (a second PUT changes it; averages with one decimal; remarks for
// the owner and quality only; a new version starts without ratings), the lowest-rated
// list, the diff of two versions (fields and folded lines; readers only published
// versions), view counts and the most-consulted list, the organisation's settings
// (coaches as authors) and best practices arriving as draft items.
//
// The API has no way to set a review-by date or a view in another month, so those are
// written into the database behind the server's back (harness.mjs, execSql: the sqlite3
// shell or psql); the rest goes through HTTP only. Run under both stores
// (tests/api/README.md).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, whyNoSql, startServer, addUser, addOrg, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  assertValidation, show, ISO_UTC, execSql, unique,
} from './harness.mjs';

const MISSING_ID = 987654321;
const CATEGORIES = ['methodiek', 'document', 'procedure', 'richtlijn'];

// The item as docs/openapi.json describes it (KnowledgeItem).
const ITEM_KEYS = ['attachments', 'body', 'body_html', 'can', 'category', 'created_at', 'draft', 'id', 'last_verified',
  'my_rating', 'overdue', 'owner', 'published_version', 'ratings', 'review_by', 'source', 'status', 'tags', 'title',
  'updated_at', 'version', 'warnings'];
const CAN_KEYS = ['archive', 'edit', 'publish', 'rate', 'return', 'submit', 'verify'];
// ItemSummary, with `source` (docs/openapi.json, KnowledgeItemSummary).
const SUMMARY_KEYS = ['category', 'draft_status', 'id', 'overdue', 'owner', 'review_by', 'source', 'status', 'tags', 'title',
  'updated_at'];
const VERIFICATION_KEYS = ['at', 'by', 'id', 'remark', 'review_by_after', 'review_by_before', 'version'];
const RATINGS_KEYS = ['count', 'juistheid', 'mine', 'remarks', 'version', 'volledigheid'];
const SUMMARY_RATINGS_KEYS = ['count', 'juistheid', 'version', 'volledigheid'];
// `mine` / `my_rating` (docs/openapi.json, KnowledgeMyRating).
const MINE_KEYS = ['juistheid', 'remark', 'updated_at', 'volledigheid'];
const REMARK_KEYS = ['by', 'juistheid', 'remark', 'updated_at', 'volledigheid'];

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: an object, got ${JSON.stringify(obj)}`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where}: keys`);
}

function assertItem(i, where) {
  keys(i, ITEM_KEYS, `Item (${where})`);
  keys(i.can, CAN_KEYS, `Item.can (${where})`);
  for (const k of CAN_KEYS) assert.equal(typeof i.can[k], 'boolean', `${where}: can.${k}`);
  keys(i.ratings, SUMMARY_RATINGS_KEYS, `Item.ratings (${where})`);
  if (i.my_rating !== null) keys(i.my_rating, MINE_KEYS, `Item.my_rating (${where})`);
  if (i.last_verified !== null) {
    keys(i.last_verified, ['at', 'by', 'remark'], `Item.last_verified (${where})`);
    assert.match(i.last_verified.at, ISO_UTC);
    keys(i.last_verified.by, ['id', 'name'], `${where}: last_verified.by`);
  }
  assert.ok(Array.isArray(i.attachments), `${where}: attachments`);
  if (i.source !== null) keys(i.source, ['session', 'story'], `Item.source (${where})`);
}

const today = () => new Date().toISOString().slice(0, 10);
/** YYYY-MM-DD plus whole months, the day clamped to the month's last (docs/openapi.json, review_by). */
function addMonths(date, months) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
function addDays(date, days) {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Users of the demo organisation; returns {c: clients, id: user ids, name: names}. */
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
    ['coach2', 'Cees Collega', ['coach'], [teamA.name]],
    ['tm', 'Teun Teammanager', ['team_manager'], [teamA.name]],
    ['director', 'Dirk Directeur', ['director'], []],
    ['funder', 'Financier Gemeente', ['funder'], []],
    ['hr', 'Personeelszaken', ['hr'], []],
  ];
  const c = { admin, anon: new Client(server) };
  const id = { admin: admin.me.id };
  const name = { admin: `Beheer ${prefix}` };
  for (const [key, n, roles, t] of list) {
    id[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `${prefix}-${key}@example.org`, name: n, roles, teams: t });
    name[key] = n;
    c[key] = await new Client(server).loginOk(`${prefix}-${key}@example.org`);
  }
  return { c, id, name };
}

describe('Kennisbank part 2: staying right, ratings, versions, views, settings, best practices', { skip: whyNot }, () => {
  let server;
  let c;
  let id;
  let name;
  const ref = (key) => ({ id: id[key], name: name[key] });

  const create = async (body = {}, client = c.q1) => {
    const item = expectStatus(await client.post('/api/v1/knowledge', { category: 'procedure', title: `Werkwijze ${unique('k')}`, ...body }), 201, 'create item');
    assertItem(item, 'POST');
    return item;
  };
  const getItem = async (itemId, client = c.q1) => {
    const item = expectStatus(await client.get(`/api/v1/knowledge/${itemId}`), 200, `GET item ${itemId}`);
    assertItem(item, `GET ${itemId}`);
    return item;
  };
  const step = async (itemId, what, client, body) => expectStatus(await client.post(`/api/v1/knowledge/${itemId}/${what}`, body), 200, `${what} ${itemId}`);
  /** Created by q1 (owner as given), submitted by q1, published by q2. */
  const published = async (body) => {
    const item = await create(body);
    await step(item.id, 'submit', c.q1);
    return step(item.id, 'publish', c.q2);
  };
  const inReview = async (body) => {
    const item = await create(body);
    return step(item.id, 'submit', c.q1);
  };
  const archivedItem = async (body) => {
    const item = await published(body);
    return step(item.id, 'archive', c.q1);
  };
  const auditOf = async (entity, entityId) => expectStatus(
    await c.admin.get(`/api/v1/audit?entity=${entity}&entity_id=${encodeURIComponent(entityId)}&limit=200`), 200, `audit of ${entity} ${entityId}`).items;
  const auditHead = async () => expectStatus(await c.admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? 0;
  /** Sets an item's review-by date behind the server's back (the API has no way to). */
  const setReviewBy = (itemId, date) => execSql(server.databaseUrl, `UPDATE knowledge_items SET review_by = '${date}' WHERE id = ${Number(itemId)}`);

  before(async () => {
    server = await startServer({ demo: true });
    ({ c, id, name } = await people(server, 'kb2'));
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ verification

  describe('verification', { skip: whyNoSql }, () => {
    const verifications = async (itemId, client = c.q1) => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/${itemId}/verifications`), 200, `verifications of ${itemId}`);
      keys(body, ['items'], 'verifications');
      body.items.forEach((v, i) => {
        keys(v, VERIFICATION_KEYS, `Verification[${i}]`);
        keys(v.by, ['id', 'name'], `Verification[${i}].by`);
        assert.match(v.at, ISO_UTC);
      });
      return body.items;
    };

    it('quality verifies an overdue procedure: review_by today + 12 months, last_verified, the verifications list, audited; the text stays', async () => {
      const pub = await published({ category: 'procedure', title: 'Huisbezoek melden', body: 'Meld elk huisbezoek vooraf.', owner_id: id.coach });
      setReviewBy(pub.id, '2020-03-31');
      const stale = await getItem(pub.id);
      assert.equal(stale.review_by, '2020-03-31');
      assert.equal(stale.overdue, true, 'past its review-by date');
      assert.equal(stale.last_verified, null);
      assert.equal(stale.can.verify, true, 'quality may verify');
      assert.deepEqual(await verifications(pub.id), []);
      const versionsBefore = expectStatus(await c.q1.get(`/api/v1/knowledge/${pub.id}/versions`), 200).items;

      const r = await c.q2.post(`/api/v1/knowledge/${pub.id}/verification`, { remark: 'Nog steeds juist, besproken in het teamoverleg.' });
      const item = expectStatus(r, 200, 'verify');
      assertItem(item, 'verify');
      const want = addMonths(today(), 12);
      assert.equal(item.review_by, want, 'procedures: today + 12 months');
      assert.equal(item.overdue, false);
      assert.equal(item.status, 'gepubliceerd');
      assert.equal(item.version, 1, 'no new version');
      assert.equal(item.title, 'Huisbezoek melden');
      assert.equal(item.body, 'Meld elk huisbezoek vooraf.');
      assert.equal(item.draft, null, 'verifying is not editing: no draft');
      assert.deepEqual(item.last_verified.by, ref('q2'));
      assert.equal(item.last_verified.remark, 'Nog steeds juist, besproken in het teamoverleg.');
      assert.equal(item.last_verified.at.slice(0, 10), today());
      assert.deepEqual(await getItem(pub.id), item, 'read back');
      assert.deepEqual(expectStatus(await c.q1.get(`/api/v1/knowledge/${pub.id}/versions`), 200).items, versionsBefore, 'the versions are untouched');

      const list = await verifications(pub.id);
      assert.equal(list.length, 1);
      assert.equal(list[0].version, 1);
      assert.deepEqual(list[0].by, ref('q2'));
      assert.equal(list[0].remark, 'Nog steeds juist, besproken in het teamoverleg.');
      assert.equal(list[0].review_by_before, '2020-03-31');
      assert.equal(list[0].review_by_after, want);
      assert.equal(list[0].at, item.last_verified.at);
      assert.deepEqual(await verifications(pub.id, c.coach2), list, 'readers of the item see the verifications too');

      const audit = (await auditOf('knowledge_item', pub.id)).filter((e) => e.action === 'verify');
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.deepEqual(audit[0].actor, ref('q2'));
      assert.equal(audit[0].before.review_by, '2020-03-31');
      assert.equal(audit[0].after.review_by, want);
      assert.equal(audit[0].after.verified.version, 1);
      assert.equal(audit[0].after.verified.remark, 'Nog steeds juist, besproken in het teamoverleg.');
    });

    it('richtlijn 12 months, methodiek and document 24; the owner (a coach) verifies; a remark is optional; newest first', async () => {
      for (const [category, months] of [['richtlijn', 12], ['methodiek', 24], ['document', 24]]) {
        const pub = await published({ category, owner_id: id.coach });
        assert.equal(pub.review_by, addMonths(today(), months), `${category}: publishing sets review_by`);
        setReviewBy(pub.id, '2021-01-31');
        const asOwner = await getItem(pub.id, c.coach);
        assert.equal(asOwner.can.verify, true, `${category}: the owner may verify`);
        assert.equal((await getItem(pub.id, c.coach2)).can.verify, false, `${category}: another coach may not`);
        const item = expectStatus(await c.coach.post(`/api/v1/knowledge/${pub.id}/verification`, {}), 200, `${category} verify by owner`);
        assert.equal(item.review_by, addMonths(today(), months), `${category}: today + ${months} months`);
        assert.deepEqual(item.last_verified.by, ref('coach'));
        assert.equal(item.last_verified.remark, null, 'no remark');
        // A second verification, the same day: the newest first, before = the first's after.
        const again = expectStatus(await c.q1.post(`/api/v1/knowledge/${pub.id}/verification`, { remark: 'Tweede blik.' }), 200);
        assert.equal(again.review_by, addMonths(today(), months));
        assert.deepEqual(again.last_verified.by, ref('q1'));
        const list = await verifications(pub.id);
        assert.deepEqual(list.map((v) => [v.by.id, v.remark, v.review_by_before, v.review_by_after]), [
          [id.q1, 'Tweede blik.', addMonths(today(), months), addMonths(today(), months)],
          [id.coach, null, '2021-01-31', addMonths(today(), months)],
        ], `${category}: newest first`);
        assert.ok(list[0].id > list[1].id);
      }
    });

    it('a published item with a draft beside it can be verified; the draft stays a draft', async () => {
      const pub = await published({ category: 'procedure', body: 'Oud.' });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { body: 'Nieuw in concept.' }), 200);
      setReviewBy(pub.id, '2022-06-15');
      const item = expectStatus(await c.q1.post(`/api/v1/knowledge/${pub.id}/verification`, {}), 200);
      assert.equal(item.review_by, addMonths(today(), 12));
      assert.equal(item.body, 'Oud.', 'the published text');
      assert.equal(item.draft.status, 'concept');
      assert.equal(item.draft.body, 'Nieuw in concept.');
      assert.equal((await verifications(pub.id))[0].version, 1, 'the published version was verified');
    });

    it('refusals change nothing: a coach or team manager who is not the owner 403, the funder 403, no session 401, a draft or archived item 409, a missing one 404, a remark over 2,000 characters or an unknown field 422', async () => {
      const pub = await published({ owner_id: id.coach });
      setReviewBy(pub.id, '2020-01-01');
      const concept = await create({ owner_id: id.coach });
      const review = await inReview({ owner_id: id.coach });
      const archived = await archivedItem({ owner_id: id.coach });
      const state = async () => Promise.all([pub, concept, review, archived].flatMap((i) => [
        getItem(i.id), verifications(i.id),
      ]));
      const before0 = await state();
      const head = await auditHead();
      const v = (itemId) => `/api/v1/knowledge/${itemId}/verification`;
      for (const key of ['coach2', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].post(v(pub.id), {}), 403, 'forbidden', `${key}, not the owner`);
      }
      assertProblem(await c.funder.post(v(pub.id), {}), 403, 'forbidden', 'funder');
      assertProblem(await c.anon.post(v(pub.id), {}), 401, 'unauthenticated', 'no session');
      assertProblem(await c.coach2.post(v(concept.id), {}), 404, 'not-found', 'a concept another coach cannot see');
      for (const [who, client] of [['quality', c.q1], ['the owner', c.coach]]) {
        assertProblem(await client.post(v(concept.id), {}), 409, 'conflict', `${who}: concept`);
        assertProblem(await client.post(v(review.id), {}), 409, 'conflict', `${who}: in review`);
      }
      assertProblem(await c.q1.post(v(archived.id), {}), 409, 'conflict', 'quality: archived');
      assertProblem(await c.coach.post(v(archived.id), {}), 404, 'not-found', 'the owner no longer sees an archived item');
      assertProblem(await c.q1.post(v(MISSING_ID), {}), 404, 'not-found', 'missing');
      assertProblem(await c.q1.get(`/api/v1/knowledge/${MISSING_ID}/verifications`), 404, 'not-found', 'missing verifications');
      assertProblem(await c.coach2.get(`/api/v1/knowledge/${concept.id}/verifications`), 404, 'not-found', 'verifications of an unseen concept');
      assertProblem(await c.funder.get(`/api/v1/knowledge/${pub.id}/verifications`), 403, 'forbidden', 'funder verifications');
      assertValidation(await c.q1.post(v(pub.id), { remark: 'x'.repeat(2001) }), ['remark'], 'remark too long');
      assertValidation(await c.q1.post(v(pub.id), { remark: 'é'.repeat(2001) }), ['remark'], 'remark too long (characters)');
      assertValidation(await c.q1.post(v(pub.id), { remark: 42 }), ['remark'], 'remark not text');
      assertValidation(await c.q1.post(v(pub.id), { review_by: '2030-01-01' }), ['review_by'], 'unknown field');
      assertProblem(await c.q1.post(v(pub.id), 'geen json', { raw: true, contentType: 'text/plain' }), 415, 'unsupported-media-type', 'not JSON');
      assert.deepEqual(await state(), before0, 'nothing changed');
      assert.equal(await auditHead(), head, 'nothing audited');
      // 2,000 characters is fine
      const ok = expectStatus(await c.coach.post(v(pub.id), { remark: 'é'.repeat(2000) }), 200, '2,000 characters');
      assert.equal(ok.last_verified.remark, 'é'.repeat(2000));
    });
  });

  // ------------------------------------------------------------------ review-due

  describe('review-due', { skip: whyNoSql }, () => {
    const DUE_KEYS = [...SUMMARY_KEYS, 'days_left'];
    let owner; // a coach of its own for this list: {client, id}
    const mine = {}; // days from today → item id
    const due = async (client, query = '') => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/review-due${query}`), 200, `review-due${query}`);
      keys(body, ['due', 'items', 'overdue'], 'review-due');
      body.items.forEach((d, i) => keys(d, DUE_KEYS, `DueItem[${i}]`));
      assert.equal(body.overdue + body.due, body.items.length, 'overdue + due = the items listed');
      assert.equal(body.overdue, body.items.filter((d) => d.days_left < 0).length, 'overdue counts the negative days_left');
      for (const d of body.items) {
        assert.equal(d.status, 'gepubliceerd');
        assert.equal(d.days_left, Math.round((Date.parse(d.review_by) - Date.parse(today())) / 86_400_000), `days_left of ${d.id}`);
        assert.equal(d.overdue, d.days_left < 0, `overdue of ${d.id}`);
      }
      const dates = body.items.map((d) => d.review_by);
      assert.deepEqual(dates, [...dates].sort(), 'soonest first');
      return body;
    };
    const idsOf = (body) => body.items.map((d) => d.id);
    const byDays = (...days) => days.map((d) => mine[d]);

    before(async () => {
      const ownerId = addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'kb2-eigenaar@example.org', name: 'Eva Eigenaar', roles: ['coach'], teams: ['Wijkteam Centrum'] });
      owner = { id: ownerId, client: await new Client(server).loginOk('kb2-eigenaar@example.org') };
      for (const days of [200, 31, 30, 5, 0, -1, -10]) {
        const pub = await published({ category: 'procedure', title: `Herzien over ${days} dagen`, owner_id: ownerId });
        setReviewBy(pub.id, addDays(today(), days));
        mine[days] = pub.id;
      }
      // not listed: a concept, an item in review, an archived item long overdue, someone else's item
      await create({ owner_id: ownerId });
      await inReview({ owner_id: ownerId });
      const gone = await archivedItem({ owner_id: ownerId });
      setReviewBy(gone.id, '2019-01-01');
      const others = await published({ owner_id: id.coach2, title: 'Van een collega' });
      setReviewBy(others.id, addDays(today(), -3));
      mine.others = others.id;
    });

    it('the owner\'s own list by default: overdue and due within 30 days, soonest first, days_left negative when overdue', async () => {
      const body = await due(owner.client);
      assert.deepEqual(idsOf(body), byDays(-10, -1, 0, 5, 30));
      assert.deepEqual(body.items.map((d) => d.days_left), [-10, -1, 0, 5, 30]);
      assert.deepEqual(body.items.map((d) => d.overdue), [true, true, false, false, false], 'due today is not overdue yet');
      assert.equal(body.overdue, 2);
      assert.equal(body.due, 3);
      const first = body.items[0];
      assert.equal(first.title, 'Herzien over -10 dagen');
      assert.equal(first.category, 'procedure');
      assert.deepEqual(first.owner, { id: owner.id, name: 'Eva Eigenaar' });
      assert.equal(first.review_by, addDays(today(), -10));
      assert.equal(first.draft_status, null);
      assert.deepEqual(await due(owner.client, '?owner=me'), body, 'owner=me is the default');
      assert.deepEqual(await due(owner.client, `?owner=${owner.id}`), body, 'one\'s own id');
      assert.deepEqual(await due(owner.client, '?within=30'), body, 'within=30 is the default');
    });

    it('within: 0 (overdue and today), 31, 200 and 365', async () => {
      assert.deepEqual(idsOf(await due(owner.client, '?within=0')), byDays(-10, -1, 0));
      assert.deepEqual(idsOf(await due(owner.client, '?within=31')), byDays(-10, -1, 0, 5, 30, 31));
      assert.deepEqual(idsOf(await due(owner.client, '?within=199')), byDays(-10, -1, 0, 5, 30, 31));
      const all = await due(owner.client, '?within=365');
      assert.deepEqual(idsOf(all), byDays(-10, -1, 0, 5, 30, 31, 200));
      assert.equal(all.overdue, 2);
      assert.equal(all.due, 5);
    });

    it('quality: anyone\'s list (owner=id) or everyone\'s (owner=all)', async () => {
      assert.deepEqual(await due(c.q1, `?owner=${owner.id}`), await due(owner.client), 'quality sees the owner\'s list as the owner does');
      const everyone = await due(c.q2, '?owner=all&within=30');
      const listed = idsOf(everyone);
      for (const d of [-10, -1, 0, 5, 30, 'others']) assert.ok(listed.includes(mine[d]), `owner=all lists ${d}`);
      for (const d of [31, 200]) assert.ok(!listed.includes(mine[d]), `owner=all does not list ${d}`);
      assert.ok(everyone.overdue >= 3);
      assert.deepEqual(idsOf(await due(c.q1, `?owner=${id.coach2}&within=0`)).filter((x) => x === mine.others), [mine.others]);
      assert.deepEqual(await due(c.q1), await due(c.q1, `?owner=${id.q1}`), 'quality\'s default is their own list too');
    });

    it('others asking for all or another owner 403; the funder 403; no session 401; bad values 400 problem+json', async () => {
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].get('/api/v1/knowledge/review-due?owner=all'), 403, 'forbidden', `${key} owner=all`);
        assertProblem(await c[key].get(`/api/v1/knowledge/review-due?owner=${owner.id}`), 403, 'forbidden', `${key} another owner`);
        expectStatus(await c[key].get('/api/v1/knowledge/review-due'), 200, `${key} own list`);
      }
      assertProblem(await c.funder.get('/api/v1/knowledge/review-due'), 403, 'forbidden', 'funder');
      assertProblem(await c.anon.get('/api/v1/knowledge/review-due'), 401, 'unauthenticated', 'no session');
      for (const q of ['within=-1', 'within=366', 'within=abc', 'within=1.5', 'within=30x', 'owner=abc', 'owner=0', 'owner=-3', 'owner=ALL']) {
        assertProblem(await c.q1.get(`/api/v1/knowledge/review-due?${q}`), 400, 'bad-request', q);
      }
      assert.deepEqual((await due(owner.client, '?within=365')).items.length, 7, 'within=365 is allowed');
    });
  });

  // ------------------------------------------------------------------ ratings

  describe('ratings', () => {
    const ratingsOf = async (itemId, client = c.q1) => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/${itemId}/ratings`), 200, `ratings of ${itemId}`);
      keys(body, RATINGS_KEYS, 'Ratings');
      if (body.mine !== null) keys(body.mine, MINE_KEYS, 'Ratings.mine');
      body.remarks.forEach((r, i) => keys(r, REMARK_KEYS, `remarks[${i}]`));
      return body;
    };
    const rate = (itemId, client, body) => client.put(`/api/v1/knowledge/${itemId}/rating`, body);
    const rateOk = async (itemId, client, body) => {
      const r = expectStatus(await rate(itemId, client, body), 200, `rate ${itemId}`);
      keys(r, RATINGS_KEYS, 'PUT Ratings');
      return r;
    };

    it('every reader rates 1–5 on both; a second PUT changes it (count stays 1); averages with one decimal; audited', async () => {
      const pub = await published({ owner_id: id.coach, title: 'Te beoordelen' });
      assert.deepEqual(pub.ratings, { version: 1, count: 0, juistheid: null, volledigheid: null });
      assert.equal(pub.can.rate, true);
      const first = await rateOk(pub.id, c.tm, { juistheid: 4, volledigheid: 5, remark: 'Helder' });
      assert.equal(first.version, 1);
      assert.equal(first.count, 1);
      assert.equal(first.juistheid, 4);
      assert.equal(first.volledigheid, 5);
      assert.equal(first.mine.juistheid, 4);
      assert.equal(first.mine.volledigheid, 5);
      assert.equal(first.mine.remark, 'Helder');
      assert.match(first.mine.updated_at, ISO_UTC);
      assert.deepEqual(first.remarks, [], 'a team manager who does not own the item sees no remarks');

      const changed = await rateOk(pub.id, c.tm, { juistheid: 3, volledigheid: 5, remark: 'Deels verouderd' });
      assert.equal(changed.count, 1, 'still one rating');
      assert.equal(changed.juistheid, 3);
      assert.equal(changed.mine.remark, 'Deels verouderd');

      const two = await rateOk(pub.id, c.director, { juistheid: 5, volledigheid: 2 });
      assert.deepEqual([two.count, two.juistheid, two.volledigheid], [2, 4, 3.5]);
      assert.equal(two.mine.remark, null);
      const three = await rateOk(pub.id, c.hr, { juistheid: 5, volledigheid: 4 });
      // (3+5+5)/3 = 4.333…, (5+2+4)/3 = 3.666…
      assert.deepEqual([three.count, three.juistheid, three.volledigheid], [3, 4.3, 3.7], 'one decimal');
      // A rating without a remark that had one drops it.
      const noRemark = await rateOk(pub.id, c.hr, { juistheid: 5, volledigheid: 4, remark: 'Tijdelijk' });
      assert.equal(noRemark.mine.remark, 'Tijdelijk');
      const dropped = await rateOk(pub.id, c.hr, { juistheid: 5, volledigheid: 4 });
      assert.equal(dropped.mine.remark, null, 'a PUT without a remark has none');

      const item = await getItem(pub.id, c.tm);
      assert.deepEqual(item.ratings, { version: 1, count: 3, juistheid: 4.3, volledigheid: 3.7 });
      assert.deepEqual({ ...item.my_rating, updated_at: 'x' }, { juistheid: 3, volledigheid: 5, remark: 'Deels verouderd', updated_at: 'x' });
      assert.equal((await getItem(pub.id, c.coach2)).my_rating, null, 'no rating of one\'s own');

      const audit = await auditOf('knowledge_rating', `${pub.id}/1`);
      const tm = audit.filter((e) => e.actor?.id === id.tm).reverse(); // oldest first
      assert.deepEqual(tm.map((e) => e.action), ['create', 'update'], JSON.stringify(tm));
      assert.equal(tm[0].before, null);
      assert.deepEqual(tm[0].after, { version: 1, juistheid: 4, volledigheid: 5, remark: 'Helder' });
      assert.deepEqual(tm[1].before, { version: 1, juistheid: 4, volledigheid: 5, remark: 'Helder' });
      assert.deepEqual(tm[1].after, { version: 1, juistheid: 3, volledigheid: 5, remark: 'Deels verouderd' });
      assert.equal(audit.length, 6, 'one entry per PUT');
    });

    it('remarks with names for the owner and quality only; others see remarks [] and their own `mine`', async () => {
      const pub = await published({ owner_id: id.coach, title: 'Opmerkingen' });
      await rateOk(pub.id, c.tm, { juistheid: 2, volledigheid: 3, remark: 'Mist de nieuwe regeling.' });
      await rateOk(pub.id, c.director, { juistheid: 4, volledigheid: 4 });
      await rateOk(pub.id, c.coach2, { juistheid: 1, volledigheid: 2, remark: 'Klopt niet meer.' });
      for (const [key, mineWant] of [['coach', null], ['q1', null], ['q2', null]]) {
        const body = await ratingsOf(pub.id, c[key]);
        assert.equal(body.count, 3);
        assert.equal(body.mine, mineWant, `${key}: no rating of their own`);
        const remarks = body.remarks.map((r) => [r.by.id, r.by.name, r.juistheid, r.volledigheid, r.remark]).sort((a, b) => a[0] - b[0]);
        assert.deepEqual(remarks, [
          [id.coach2, name.coach2, 1, 2, 'Klopt niet meer.'],
          [id.tm, name.tm, 2, 3, 'Mist de nieuwe regeling.'],
        ].sort((a, b) => a[0] - b[0]), `${key} (owner or quality) sees the remarks with names`);
        body.remarks.forEach((r) => assert.match(r.updated_at, ISO_UTC));
      }
      for (const [key, mine] of [['tm', [2, 3, 'Mist de nieuwe regeling.']], ['director', [4, 4, null]], ['coach2', [1, 2, 'Klopt niet meer.']], ['hr', null], ['admin', null]]) {
        const r = await c[key].get(`/api/v1/knowledge/${pub.id}/ratings`);
        const body = expectStatus(r, 200, key);
        assert.deepEqual(body.remarks, [], `${key}: no remarks`);
        assert.equal(body.count, 3);
        assert.deepEqual(body.mine && [body.mine.juistheid, body.mine.volledigheid, body.mine.remark], mine, `${key}: mine`);
        assert.ok(!r.text.includes('Mist de nieuwe regeling') || key === 'tm', `${key}: no other's remark anywhere`);
        assert.ok(!r.text.includes(name.tm) && !r.text.includes(name.coach2), `${key}: no names`);
      }
    });

    it('bad input is 422 (0, 6, missing, strings, fractions, null, unknown fields, a long remark), 400/415 for bodies that are no JSON object; nothing changes', async () => {
      const pub = await published({ title: 'Slechte invoer' });
      await rateOk(pub.id, c.tm, { juistheid: 3, volledigheid: 3, remark: 'Eerste' });
      const snapshot = async () => [await ratingsOf(pub.id), await getItem(pub.id, c.tm)];
      const before0 = await snapshot();
      const head = await auditHead();
      const cases = [
        [{ juistheid: 0, volledigheid: 3 }, ['juistheid']],
        [{ juistheid: 6, volledigheid: 3 }, ['juistheid']],
        [{ juistheid: 3, volledigheid: 0 }, ['volledigheid']],
        [{ juistheid: 3, volledigheid: 6 }, ['volledigheid']],
        [{ juistheid: -1, volledigheid: 3 }, ['juistheid']],
        [{ volledigheid: 3 }, ['juistheid']],
        [{ juistheid: 3 }, ['volledigheid']],
        [{}, ['juistheid', 'volledigheid']],
        [{ juistheid: '4', volledigheid: 3 }, ['juistheid']],
        [{ juistheid: 'vier', volledigheid: 'drie' }, ['juistheid', 'volledigheid']],
        [{ juistheid: 4.5, volledigheid: 3 }, ['juistheid']],
        [{ juistheid: null, volledigheid: 3 }, ['juistheid']],
        [{ juistheid: true, volledigheid: 3 }, ['juistheid']],
        [{ juistheid: [4], volledigheid: 3 }, ['juistheid']],
        [{ juistheid: 4, volledigheid: 3, cijfer: 8 }, ['cijfer']],
        [{ juistheid: 4, volledigheid: 3, version: 2 }, ['version']],
        [{ juistheid: 4, volledigheid: 3, remark: 'x'.repeat(2001) }, ['remark']],
        [{ juistheid: 4, volledigheid: 3, remark: 7 }, ['remark']],
      ];
      for (const [body, fields] of cases) {
        assertValidation(await rate(pub.id, c.tm, body), fields, JSON.stringify(body).slice(0, 80));
      }
      assertProblem(await rate(pub.id, c.tm, [4, 3]), 400, 'bad-request', 'an array');
      assertProblem(await c.tm.put(`/api/v1/knowledge/${pub.id}/rating`, '{"juistheid":4,', { raw: true }), 400, 'bad-request', 'malformed JSON');
      assertProblem(await c.tm.put(`/api/v1/knowledge/${pub.id}/rating`, 'juistheid=4&volledigheid=3', { raw: true, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type', 'a form');
      assertProblem(await c.tm.put(`/api/v1/knowledge/${pub.id}/rating`, { juistheid: 4, volledigheid: 3 }, { csrf: false }), 403, 'csrf', 'no CSRF token');
      assert.deepEqual(await snapshot(), before0, 'nothing changed');
      assert.equal(await auditHead(), head, 'nothing audited');
    });

    it('who: the funder 403, no session 401; an unseen or missing item 404; a never-published, in-review or archived item 409', async () => {
      const pub = await published({ title: 'Wie mag' });
      const concept = await create({ owner_id: id.coach });
      const review = await inReview();
      const archived = await archivedItem();
      const head = await auditHead();
      assertProblem(await rate(pub.id, c.funder, { juistheid: 4, volledigheid: 4 }), 403, 'forbidden', 'funder');
      assertProblem(await c.funder.get(`/api/v1/knowledge/${pub.id}/ratings`), 403, 'forbidden', 'funder ratings');
      assertProblem(await rate(pub.id, c.anon, { juistheid: 4, volledigheid: 4 }), 401, 'unauthenticated', 'no session');
      assertProblem(await rate(concept.id, c.coach2, { juistheid: 4, volledigheid: 4 }), 404, 'not-found', 'a concept a reader cannot see');
      assertProblem(await rate(MISSING_ID, c.q1, { juistheid: 4, volledigheid: 4 }), 404, 'not-found', 'missing');
      assertProblem(await c.q1.get(`/api/v1/knowledge/${MISSING_ID}/ratings`), 404, 'not-found', 'missing ratings');
      assertProblem(await rate(concept.id, c.coach, { juistheid: 4, volledigheid: 4 }), 409, 'conflict', 'the owner: never published');
      assertProblem(await rate(concept.id, c.q1, { juistheid: 4, volledigheid: 4 }), 409, 'conflict', 'quality: never published');
      assertProblem(await rate(review.id, c.q2, { juistheid: 4, volledigheid: 4 }), 409, 'conflict', 'in review, never published');
      assertProblem(await rate(archived.id, c.q2, { juistheid: 4, volledigheid: 4 }), 409, 'conflict', 'archived');
      assertProblem(await rate(archived.id, c.tm, { juistheid: 4, volledigheid: 4 }), 404, 'not-found', 'archived, for a reader');
      assert.equal(await auditHead(), head, 'nothing audited');
      assert.equal((await getItem(concept.id, c.coach)).can.rate, false);
      assert.equal((await getItem(archived.id, c.q1)).can.rate, false);
      const never = await ratingsOf(concept.id, c.coach);
      assert.equal(never.count, 0);
      assert.equal(never.juistheid, null);
      assert.deepEqual(never.remarks, []);
    });

    it('a rating belongs to the published version: a draft beside it changes nothing; a newly published version starts with count 0', async () => {
      const pub = await published({ title: 'Versie 1', body: 'Tekst een.' });
      await rateOk(pub.id, c.tm, { juistheid: 2, volledigheid: 2, remark: 'Oud' });
      await rateOk(pub.id, c.director, { juistheid: 4, volledigheid: 3 });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${pub.id}`, { body: 'Tekst twee.' }), 200, 'draft v2');
      const whileDraft = await rateOk(pub.id, c.hr, { juistheid: 5, volledigheid: 5 });
      assert.deepEqual([whileDraft.version, whileDraft.count, whileDraft.juistheid, whileDraft.volledigheid], [1, 3, 3.7, 3.3],
        'rated while a draft waits: still version 1');
      await step(pub.id, 'submit', c.q1);
      const v2 = await step(pub.id, 'publish', c.q2);
      assert.equal(v2.version, 2);
      assert.deepEqual(v2.ratings, { version: 2, count: 0, juistheid: null, volledigheid: null }, 'the new version starts without ratings');
      const fresh = await ratingsOf(pub.id, c.q1);
      assert.deepEqual(fresh, { version: 2, count: 0, juistheid: null, volledigheid: null, mine: null, remarks: [] });
      const tmView = await getItem(pub.id, c.tm);
      assert.equal(tmView.my_rating, null, 'the old rating is not "mine" for the new version');
      assert.equal((await ratingsOf(pub.id, c.tm)).mine, null);
      const again = await rateOk(pub.id, c.tm, { juistheid: 5, volledigheid: 4 });
      assert.deepEqual([again.version, again.count, again.juistheid, again.volledigheid], [2, 1, 5, 4]);
      assert.equal((await auditOf('knowledge_rating', `${pub.id}/2`)).length, 1, 'audited under the new version');
    });
  });

  // ------------------------------------------------------------------ lowest-rated

  describe('lowest-rated', () => {
    const RATED_KEYS = [...SUMMARY_KEYS, 'ratings'];
    let owner;
    const items = {};
    const lowest = async (client, query = '') => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/lowest-rated${query}`), 200, `lowest-rated${query}`);
      keys(body, ['items'], 'lowest-rated');
      body.items.forEach((x, i) => {
        keys(x, RATED_KEYS, `RatedItem[${i}]`);
        keys(x.ratings, SUMMARY_RATINGS_KEYS, `RatedItem[${i}].ratings`);
        assert.ok(x.ratings.count > 0, 'only items with ratings');
        assert.equal(x.status, 'gepubliceerd');
      });
      return body.items;
    };
    const rate = async (itemId, client, j, v) => expectStatus(await client.put(`/api/v1/knowledge/${itemId}/rating`, { juistheid: j, volledigheid: v }), 200);

    before(async () => {
      const ownerId = addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'kb2-beoordeeld@example.org', name: 'Bea Beoordeeld', roles: ['coach'], teams: ['Wijkteam Centrum'] });
      owner = { id: ownerId, client: await new Client(server).loginOk('kb2-beoordeeld@example.org') };
      for (const k of ['laag', 'midden', 'hoog', 'onbeoordeeld', 'concept']) {
        items[k] = k === 'concept' ? (await create({ owner_id: ownerId, title: k })).id : (await published({ owner_id: ownerId, title: k })).id;
      }
      await rate(items.laag, c.tm, 1, 2);
      await rate(items.laag, c.director, 2, 1); // 1.5 / 1.5
      await rate(items.midden, c.tm, 3, 3);
      await rate(items.hoog, c.tm, 5, 4);
      await rate(items.hoog, c.director, 4, 5);
      await rate(items.hoog, c.hr, 5, 5); // 4.7 / 4.7
      const other = await published({ owner_id: id.coach2, title: 'Van een ander' });
      items.other = other.id;
      await rate(other.id, c.tm, 1, 1);
    });

    it('the owner\'s items with ratings of their current version, lowest average first, with their averages', async () => {
      const list = await lowest(owner.client);
      assert.deepEqual(list.map((x) => x.title), ['laag', 'midden', 'hoog']);
      assert.deepEqual(list.map((x) => x.ratings), [
        { version: 1, count: 2, juistheid: 1.5, volledigheid: 1.5 },
        { version: 1, count: 1, juistheid: 3, volledigheid: 3 },
        { version: 1, count: 3, juistheid: 4.7, volledigheid: 4.7 },
      ]);
      assert.deepEqual(list[0].owner, { id: owner.id, name: 'Bea Beoordeeld' });
      assert.deepEqual(await lowest(owner.client, '?owner=me'), list);
      assert.deepEqual((await lowest(owner.client, '?limit=2')).map((x) => x.title), ['laag', 'midden']);
      assert.deepEqual((await lowest(owner.client, '?limit=1')).map((x) => x.title), ['laag']);
      assert.deepEqual(await lowest(c.q1, `?owner=${owner.id}`), list, 'quality: anyone\'s list');
      const all = await lowest(c.q2, '?owner=all&limit=100');
      assert.ok(all.some((x) => x.id === items.other) && all.some((x) => x.id === items.laag), 'owner=all: everyone\'s');
      const sums = all.map((x) => x.ratings.juistheid + x.ratings.volledigheid);
      for (let i = 1; i < sums.length; i += 1) assert.ok(sums[i - 1] <= sums[i] + 0.1, `lowest first: ${sums}`);
    });

    it('a newly published version drops out until it is rated again', async () => {
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${items.laag}`, { body: 'Verbeterd.' }), 200);
      await step(items.laag, 'submit', c.q1);
      await step(items.laag, 'publish', c.q2);
      assert.deepEqual((await lowest(owner.client)).map((x) => x.title), ['midden', 'hoog']);
      await rate(items.laag, c.hr, 5, 5);
      const list = await lowest(owner.client);
      assert.deepEqual(list.map((x) => x.title), ['midden', 'hoog', 'laag'], '3+3 < 4.7+4.7 < 5+5');
      assert.deepEqual(list[2].ratings, { version: 2, count: 1, juistheid: 5, volledigheid: 5 });
    });

    it('others asking for all or another owner 403; the funder 403; no session 401; bad values 400', async () => {
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].get('/api/v1/knowledge/lowest-rated?owner=all'), 403, 'forbidden', `${key} owner=all`);
        assertProblem(await c[key].get(`/api/v1/knowledge/lowest-rated?owner=${owner.id}`), 403, 'forbidden', `${key} another owner`);
        expectStatus(await c[key].get('/api/v1/knowledge/lowest-rated'), 200, `${key} own list`);
      }
      assert.deepEqual((await lowest(c.coach2)).map((x) => x.title), ['Van een ander'], 'coach2\'s own list: their one rated item');
      assert.deepEqual(await lowest(c.q1, `?owner=${id.coach2}`), await lowest(c.coach2));
      assertProblem(await c.funder.get('/api/v1/knowledge/lowest-rated'), 403, 'forbidden', 'funder');
      assertProblem(await c.anon.get('/api/v1/knowledge/lowest-rated'), 401, 'unauthenticated', 'no session');
      for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'owner=abc', 'owner=0']) {
        assertProblem(await c.q1.get(`/api/v1/knowledge/lowest-rated?${q}`), 400, 'bad-request', q);
      }
      expectStatus(await c.q1.get('/api/v1/knowledge/lowest-rated?limit=100'), 200, 'limit 100');
    });
  });

  // ------------------------------------------------------------------ diff

  describe('diff', () => {
    const rows = (n, f = (i) => `regel ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1));
    const V1 = rows(20).join('\n');
    // v2: line 10 replaced, a line 21 added
    const V2 = [...rows(9), 'regel tien, herschreven', ...rows(20).slice(10), 'regel 21'].join('\n');
    const eq = (text) => ({ op: 'equal', text });
    const skip = (count) => ({ op: 'skip', text: '', count });
    const FORWARD = [
      skip(6), eq('regel 7'), eq('regel 8'), eq('regel 9'),
      { op: 'delete', text: 'regel 10' }, { op: 'insert', text: 'regel tien, herschreven' },
      eq('regel 11'), eq('regel 12'), eq('regel 13'), skip(4), eq('regel 18'), eq('regel 19'), eq('regel 20'),
      { op: 'insert', text: 'regel 21' },
    ];
    let item;
    const diff = async (client, from, to) => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/${item.id}/diff?from=${from}&to=${to}`), 200, `diff ${from}→${to}`);
      keys(body, ['deleted', 'fields', 'from', 'inserted', 'lines', 'to'], 'Diff');
      body.fields.forEach((f, i) => keys(f, ['field', 'from', 'to'], `fields[${i}]`));
      body.lines.forEach((l, i) => keys(l, l.op === 'skip' ? ['count', 'op', 'text'] : ['op', 'text'], `lines[${i}]`));
      return body;
    };

    before(async () => {
      item = await published({ category: 'procedure', title: 'Huisbezoek', tags: ['veiligheid', 'huisbezoek'], body: V1 });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, {
        title: 'Huisbezoek, veilig', category: 'richtlijn', tags: ['veiligheid', 'agressie'], body: V2,
      }), 200, 'draft v2');
    });

    it('editors compare a draft with the published version: changed fields and the lines, long unchanged runs folded', async () => {
      const d = await diff(c.q1, 1, 2);
      assert.equal(d.from, 1);
      assert.equal(d.to, 2);
      assert.deepEqual(d.fields, [
        { field: 'title', from: 'Huisbezoek', to: 'Huisbezoek, veilig' },
        { field: 'category', from: 'procedure', to: 'richtlijn' },
        { field: 'tags', from: 'veiligheid, huisbezoek', to: 'veiligheid, agressie' },
      ]);
      assert.deepEqual(d.lines, FORWARD);
      assert.equal(d.inserted, 2);
      assert.equal(d.deleted, 1);
      assert.deepEqual(await diff(c.q2, 1, 2), d, 'another quality officer');
    });

    it('readers cannot compare a draft version (404), but the published ones; the same version: nothing changed, all folded', async () => {
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        assertProblem(await c[key].get(`/api/v1/knowledge/${item.id}/diff?from=1&to=2`), 404, 'not-found', `${key}: a draft version`);
        assertProblem(await c[key].get(`/api/v1/knowledge/${item.id}/diff?from=2&to=1`), 404, 'not-found', `${key}: a draft version as from`);
      }
      const same = await diff(c.coach, 1, 1);
      assert.deepEqual(same.fields, []);
      assert.deepEqual(same.lines, [skip(20)], 'twenty unchanged lines: one skip');
      assert.equal(same.inserted, 0);
      assert.equal(same.deleted, 0);
    });

    it('once published, readers compare both ways; deletions before insertions', async () => {
      await step(item.id, 'submit', c.q1);
      await step(item.id, 'publish', c.q2);
      assert.deepEqual((await diff(c.coach, 1, 2)).lines, FORWARD);
      const back = await diff(c.tm, 2, 1);
      assert.deepEqual(back.fields, [
        { field: 'title', from: 'Huisbezoek, veilig', to: 'Huisbezoek' },
        { field: 'category', from: 'richtlijn', to: 'procedure' },
        { field: 'tags', from: 'veiligheid, agressie', to: 'veiligheid, huisbezoek' },
      ]);
      assert.deepEqual(back.lines, [
        skip(6), eq('regel 7'), eq('regel 8'), eq('regel 9'),
        { op: 'delete', text: 'regel tien, herschreven' }, { op: 'insert', text: 'regel 10' },
        eq('regel 11'), eq('regel 12'), eq('regel 13'), skip(4), eq('regel 18'), eq('regel 19'), eq('regel 20'),
        { op: 'delete', text: 'regel 21' },
      ]);
      assert.equal(back.inserted, 1);
      assert.equal(back.deleted, 2);
      // a new draft (v3) is again for editors only
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${item.id}`, { body: `${V2}\nregel 22` }), 200, 'draft v3');
      assertProblem(await c.coach.get(`/api/v1/knowledge/${item.id}/diff?from=2&to=3`), 404, 'not-found', 'reader, draft v3');
      const d3 = await diff(c.q1, 2, 3);
      assert.deepEqual(d3.fields, []);
      assert.deepEqual(d3.lines, [skip(18), eq('regel 19'), eq('regel 20'), eq('regel 21'), { op: 'insert', text: 'regel 22' }]);
    });

    it('seven unchanged lines between two changes stay; eight fold two of them', async () => {
      const seven = await published({ body: ['a', ...rows(7), 'b'].join('\n') });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${seven.id}`, { body: ['A', ...rows(7), 'B'].join('\n') }), 200);
      const d7 = expectStatus(await c.q1.get(`/api/v1/knowledge/${seven.id}/diff?from=1&to=2`), 200);
      assert.deepEqual(d7.lines, [
        { op: 'delete', text: 'a' }, { op: 'insert', text: 'A' }, ...rows(7).map(eq), { op: 'delete', text: 'b' }, { op: 'insert', text: 'B' },
      ]);
      const eight = await published({ body: ['a', ...rows(8), 'b'].join('\n') });
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${eight.id}`, { body: ['A', ...rows(8), 'B'].join('\n') }), 200);
      const d8 = expectStatus(await c.q1.get(`/api/v1/knowledge/${eight.id}/diff?from=1&to=2`), 200);
      assert.deepEqual(d8.lines, [
        { op: 'delete', text: 'a' }, { op: 'insert', text: 'A' }, eq('regel 1'), eq('regel 2'), eq('regel 3'), skip(2),
        eq('regel 6'), eq('regel 7'), eq('regel 8'), { op: 'delete', text: 'b' }, { op: 'insert', text: 'B' },
      ]);
    });

    it('from and to are required positive integers (400); an unknown version or item 404; the funder 403', async () => {
      for (const q of ['', 'from=1', 'to=1', 'from=0&to=1', 'from=1&to=0', 'from=-1&to=1', 'from=abc&to=1', 'from=1&to=1.5', 'from=&to=1']) {
        assertProblem(await c.q1.get(`/api/v1/knowledge/${item.id}/diff?${q}`), 400, 'bad-request', q || 'no query');
      }
      assertProblem(await c.q1.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=4`), 404, 'not-found', 'version 4');
      assertProblem(await c.q1.get(`/api/v1/knowledge/${item.id}/diff?from=99&to=1`), 404, 'not-found', 'version 99');
      assertProblem(await c.q1.get(`/api/v1/knowledge/${MISSING_ID}/diff?from=1&to=1`), 404, 'not-found', 'missing item');
      assertProblem(await c.funder.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=2`), 403, 'forbidden', 'funder');
      assertProblem(await c.anon.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=2`), 401, 'unauthenticated', 'no session');
      const concept = await create({ body: 'x' });
      assertProblem(await c.coach.get(`/api/v1/knowledge/${concept.id}/diff?from=1&to=1`), 404, 'not-found', 'a concept a reader cannot see');
      assert.deepEqual((await c.q1.get(`/api/v1/knowledge/${concept.id}/diff?from=1&to=1`)).json.lines, [eq('x')], 'an editor compares a concept with itself');
    });
  });

  // ------------------------------------------------------------------ views

  describe('views and most-consulted', { skip: whyNoSql }, () => {
    const year = Number(today().slice(0, 4));
    const month = today().slice(5, 7);
    const otherMonth = month === '01' ? '02' : '01';
    const items = {};
    const view = (itemId, client) => client.post(`/api/v1/knowledge/${itemId}/view`);
    const consulted = async (client, query) => {
      const body = expectStatus(await client.get(`/api/v1/knowledge/most-consulted?${query}`), 200, `most-consulted ${query}`);
      keys(body, ['categories', 'items', 'total', 'year'], 'most-consulted');
      body.items.forEach((x, i) => keys(x, ['category', 'id', 'title', 'views'], `items[${i}]`));
      body.categories.forEach((x, i) => keys(x, ['category', 'views'], `categories[${i}]`));
      assert.equal(body.categories.reduce((s, x) => s + x.views, 0), body.total, 'the categories add up to the total');
      return body;
    };
    const brief = (body) => body.items.map((x) => [x.title, x.views]);

    before(async () => {
      items.doc = (await published({ category: 'document', title: 'Veel gelezen' })).id;
      items.guide = (await published({ category: 'richtlijn', title: 'Soms gelezen' })).id;
      items.concept = (await create({ category: 'methodiek', title: 'Nog in concept' })).id;
      items.draftBeside = (await published({ category: 'procedure', title: 'Gepubliceerde titel' })).id;
      expectStatus(await c.q1.patch(`/api/v1/knowledge/${items.draftBeside}`, { title: 'Titel van het concept' }), 200);
    });

    it('a view is 204 and counts one; readers see published items only, quality also drafts; categories add up', async () => {
      for (let i = 0; i < 3; i += 1) {
        const r = await view(items.doc, c.coach);
        assert.equal(r.status, 204, show(r));
        assert.equal(r.text, '');
      }
      assert.equal((await view(items.guide, c.tm)).status, 204);
      assert.equal((await view(items.concept, c.q1)).status, 204, 'quality opens a concept');
      assert.equal((await view(items.concept, c.q2)).status, 204);
      assert.equal((await view(items.draftBeside, c.director)).status, 204);
      const q = await consulted(c.q1, `year=${year}`);
      assert.equal(q.year, year);
      assert.deepEqual(brief(q), [['Veel gelezen', 3], ['Nog in concept', 2], ['Soms gelezen', 1], ['Gepubliceerde titel', 1]]);
      assert.deepEqual(q.items[0], { id: items.doc, title: 'Veel gelezen', category: 'document', views: 3 });
      assert.deepEqual(q.categories, [
        { category: 'document', views: 3 }, { category: 'methodiek', views: 2 }, { category: 'procedure', views: 1 }, { category: 'richtlijn', views: 1 },
      ]);
      assert.equal(q.total, 7);
      for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
        const r = await consulted(c[key], `year=${year}`);
        assert.deepEqual(brief(r), [['Veel gelezen', 3], ['Soms gelezen', 1], ['Gepubliceerde titel', 1]], `${key}: published items only, by their published title`);
        assert.deepEqual(r.categories, [{ category: 'document', views: 3 }, { category: 'procedure', views: 1 }, { category: 'richtlijn', views: 1 }]);
        assert.equal(r.total, 5);
      }
    });

    it('category and limit filter the items; views of other months add up per year; other years apart', async () => {
      assert.deepEqual(brief(await consulted(c.coach, `year=${year}&category=richtlijn`)), [['Soms gelezen', 1]]);
      assert.deepEqual(brief(await consulted(c.coach, `year=${year}&category=methodiek`)), [], 'a concept is not for readers');
      assert.deepEqual(brief(await consulted(c.coach, `year=${year}&limit=1`)), [['Veel gelezen', 3]]);
      const sql = (itemId, m, n) => execSql(server.databaseUrl,
        `INSERT INTO knowledge_views (org_id, item_id, month, views) SELECT org_id, id, '${m}', ${n} FROM knowledge_items WHERE id = ${itemId}`);
      sql(items.guide, `${year}-${otherMonth}`, 5);
      sql(items.guide, `${year - 1}-03`, 7);
      sql(items.doc, `${year - 1}-11`, 2);
      const now = await consulted(c.coach, `year=${year}`);
      assert.deepEqual(brief(now), [['Soms gelezen', 6], ['Veel gelezen', 3], ['Gepubliceerde titel', 1]], 'this year: both months of Soms gelezen');
      assert.equal(now.total, 10);
      const last = await consulted(c.coach, `year=${year - 1}`);
      assert.equal(last.year, year - 1);
      assert.deepEqual(brief(last), [['Soms gelezen', 7], ['Veel gelezen', 2]]);
      assert.deepEqual(last.categories, [{ category: 'document', views: 2 }, { category: 'richtlijn', views: 7 }]);
      assert.equal(last.total, 9);
      const empty = await consulted(c.coach, `year=${year - 5}`);
      assert.deepEqual(empty, { year: year - 5, items: [], categories: [], total: 0 });
      assert.equal((await view(items.guide, c.coach)).status, 204);
      assert.deepEqual(brief(await consulted(c.coach, `year=${year}&category=richtlijn`)), [['Soms gelezen', 7]], 'one more this month');
    });

    it('an archived item counts for quality only; who may view and ask: the funder 403, no session 401, unseen or missing 404', async () => {
      const gone = await published({ category: 'richtlijn', title: 'Straks gearchiveerd' });
      assert.equal((await view(gone.id, c.coach)).status, 204);
      await step(gone.id, 'archive', c.q1);
      assert.ok(!(await consulted(c.coach, `year=${year}`)).items.some((x) => x.id === gone.id), 'readers: not archived items');
      assert.ok((await consulted(c.q1, `year=${year}&limit=100`)).items.some((x) => x.id === gone.id && x.views === 1), 'quality: all items');
      const before0 = await consulted(c.q1, `year=${year}&limit=100`);
      assertProblem(await view(gone.id, c.coach), 404, 'not-found', 'an archived item for a reader');
      assertProblem(await view(items.concept, c.coach), 404, 'not-found', 'a concept for a reader');
      assertProblem(await view(MISSING_ID, c.q1), 404, 'not-found', 'missing');
      assertProblem(await view(items.doc, c.funder), 403, 'forbidden', 'funder view');
      assertProblem(await view(items.doc, c.anon), 401, 'unauthenticated', 'no session');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${items.doc}/view`, undefined, { csrf: false }), 403, 'csrf', 'no CSRF token');
      assertProblem(await c.funder.get(`/api/v1/knowledge/most-consulted?year=${year}`), 403, 'forbidden', 'funder list');
      assertProblem(await c.anon.get(`/api/v1/knowledge/most-consulted?year=${year}`), 401, 'unauthenticated', 'no session list');
      for (const q of ['', 'year=', 'year=abc', 'year=1999', 'year=2101', `year=${year}.5`, `year=${year}&limit=0`, `year=${year}&limit=101`, `year=${year}&category=handboek`]) {
        assertProblem(await c.q1.get(`/api/v1/knowledge/most-consulted?${q}`), 400, 'bad-request', q || 'no year');
      }
      assert.deepEqual(await consulted(c.q1, `year=${year}&limit=100`), before0, 'refusals count nothing');
    });
  });

  // ------------------------------------------------------------------ settings

  describe('organisation settings and coaches as authors', () => {
    const settings = async (client) => {
      const body = expectStatus(await client.get('/api/v1/organisation/settings'), 200, 'settings');
      keys(body, ['knowledge_coach_authors', 'public_privacy_note'], 'Settings');
      return body;
    };
    const allow = async (value) => assert.deepEqual(expectStatus(await c.admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: value }), 200), { knowledge_coach_authors: value, public_privacy_note: '' });

    after(async () => {
      await c.admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: false });
    });

    it('every signed-in role reads them (the funder too); no session 401; off by default', async () => {
      for (const key of ['admin', 'q1', 'coach', 'tm', 'director', 'funder', 'hr']) {
        assert.deepEqual(await settings(c[key]), { knowledge_coach_authors: false, public_privacy_note: '' }, key);
      }
      assertProblem(await c.anon.get('/api/v1/organisation/settings'), 401, 'unauthenticated', 'no session');
    });

    it('only admins change them (403 others); unknown fields and non-booleans 422; nothing changes; a change is audited', async () => {
      const head = await auditHead();
      for (const key of ['q1', 'coach', 'tm', 'director', 'funder', 'hr']) {
        assertProblem(await c[key].patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }), 403, 'forbidden', key);
      }
      assertProblem(await c.anon.patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }), 401, 'unauthenticated', 'no session');
      assertProblem(await c.admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }, { csrf: false }), 403, 'csrf', 'no CSRF token');
      for (const [body, fields] of [
        [{ coaches_write: true }, ['coaches_write']],
        [{ knowledge_coach_authors: true, name: 'Andere naam' }, ['name']],
        [{ knowledge_coach_authors: 'true' }, ['knowledge_coach_authors']],
        [{ knowledge_coach_authors: 1 }, ['knowledge_coach_authors']],
        [{ knowledge_coach_authors: 'ja' }, ['knowledge_coach_authors']],
        [{ knowledge_coach_authors: [true] }, ['knowledge_coach_authors']],
      ]) {
        assertValidation(await c.admin.patch('/api/v1/organisation/settings', body), fields, JSON.stringify(body));
      }
      assertProblem(await c.admin.patch('/api/v1/organisation/settings', 'knowledge_coach_authors=true', { raw: true, contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type', 'a form');
      assert.deepEqual(await settings(c.admin), { knowledge_coach_authors: false, public_privacy_note: '' }, 'unchanged');
      assert.equal(await auditHead(), head, 'nothing audited');
      assert.deepEqual(expectStatus(await c.admin.patch('/api/v1/organisation/settings', {}), 200), { knowledge_coach_authors: false, public_privacy_note: '' }, 'an empty PATCH changes nothing');

      await allow(true);
      assert.deepEqual(await settings(c.coach), { knowledge_coach_authors: true, public_privacy_note: '' });
      const audit = (await auditOf('organisation_settings', String(c.admin.me.organisation.id)));
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.equal(audit[0].action, 'update');
      assert.deepEqual(audit[0].actor, ref('admin'));
      assert.deepEqual(audit[0].before, { knowledge_coach_authors: false, public_privacy_note: '' });
      assert.deepEqual(audit[0].after, { knowledge_coach_authors: true, public_privacy_note: '' });
      await allow(false);
    });

    it('settings are per organisation', async () => {
      addOrg(server.databaseUrl, { name: 'Andere organisatie', slug: 'kb2-anders' });
      addUser(server.databaseUrl, { org: 'kb2-anders', email: 'kb2-anders-admin@example.org', name: 'Beheer Anders', roles: ['admin'] });
      const other = await new Client(server).loginOk('kb2-anders-admin@example.org');
      await allow(true);
      assert.deepEqual(await settings(other), { knowledge_coach_authors: false, public_privacy_note: '' }, 'another organisation keeps its own');
      assert.deepEqual(expectStatus(await other.patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }), 200), { knowledge_coach_authors: true, public_privacy_note: '' });
      await allow(false);
      assert.deepEqual(await settings(other), { knowledge_coach_authors: true, public_privacy_note: '' }, 'and the demo organisation\'s change leaves it alone');
    });

    it('off: a coach may not create (403); on: a coach creates a draft they own, edits and submits it, but does not publish', async () => {
      const total = async () => expectStatus(await c.q1.get('/api/v1/knowledge?limit=1'), 200).total;
      const n0 = await total();
      assertProblem(await c.coach.post('/api/v1/knowledge', { category: 'methodiek', title: 'Door een coach' }), 403, 'forbidden', 'off');
      await allow(true);
      for (const key of ['tm', 'director', 'hr', 'admin', 'funder']) {
        assertProblem(await c[key].post('/api/v1/knowledge', { category: 'methodiek', title: `Door ${key}` }), 403, 'forbidden', `${key}: not a coach`);
      }
      assertValidation(await c.coach.post('/api/v1/knowledge', { category: 'methodiek', title: 'Voor een ander', owner_id: id.coach2 }), ['owner_id'], 'someone else as owner');
      assert.equal(await total(), n0, 'nothing created');

      const created = expectStatus(await c.coach.post('/api/v1/knowledge', { category: 'methodiek', title: 'Door een coach', body: 'Zo doen wij het.', tags: ['Wijk'] }), 201, 'on');
      assertItem(created, 'coach POST');
      assert.equal(created.status, 'concept');
      assert.equal(created.version, 1);
      assert.deepEqual(created.owner, ref('coach'));
      assert.deepEqual(created.tags, ['wijk']);
      assert.deepEqual(created.can, { edit: true, submit: true, publish: false, return: false, archive: false, verify: false, rate: false });
      const self = expectStatus(await c.coach.post('/api/v1/knowledge', { category: 'document', title: 'Met mijzelf als eigenaar', owner_id: id.coach }), 201);
      assert.deepEqual(self.owner, ref('coach'));
      const [v1] = expectStatus(await c.coach.get(`/api/v1/knowledge/${created.id}/versions`), 200).items;
      assert.deepEqual(v1.author, ref('coach'));
      const audit = await auditOf('knowledge_item', created.id);
      assert.deepEqual(audit.map((e) => [e.action, e.actor.id]), [['create', id.coach]]);

      assertProblem(await c.coach2.get(`/api/v1/knowledge/${created.id}`), 404, 'not-found', 'another coach does not see the draft');
      const edited = expectStatus(await c.coach.patch(`/api/v1/knowledge/${created.id}`, { body: 'Zo doen wij het, stap voor stap.' }), 200, 'edit');
      assert.equal(edited.body, 'Zo doen wij het, stap voor stap.');
      assertProblem(await c.coach.patch(`/api/v1/knowledge/${created.id}`, { owner_id: id.coach2 }), 403, 'forbidden', 'the owner is quality\'s to change');
      const submitted = expectStatus(await c.coach.post(`/api/v1/knowledge/${created.id}/submit`), 200, 'submit');
      assert.equal(submitted.status, 'ter_review');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${created.id}/publish`), 403, 'forbidden', 'a coach does not publish');
      assertProblem(await c.coach.post(`/api/v1/knowledge/${created.id}/return`, { remark: 'zelf' }), 403, 'forbidden', 'nor return');
      assert.equal((await getItem(created.id, c.coach)).status, 'ter_review', 'unchanged');
      const pub = expectStatus(await c.q1.post(`/api/v1/knowledge/${created.id}/publish`), 200, 'quality publishes');
      assert.equal(pub.status, 'gepubliceerd');
      assert.equal(pub.review_by, addMonths(today(), 24));

      await allow(false);
      assertProblem(await c.coach.post('/api/v1/knowledge', { category: 'methodiek', title: 'Weer uit' }), 403, 'forbidden', 'off again');
      assert.equal(await total(), n0 + 2);
    });
  });

  // ------------------------------------------------------------------ best practices

  describe('best practices become knowledge drafts', () => {
    let lists;
    const story = async (title) => expectStatus(await c.q1.post('/api/v1/stories', {
      title, text: 'Een verhaal over samenwerken met de corporatie.', date: '2019-06-01', teller_kind: 'medewerker',
      topic_id: lists.topic.id, valuation_id: lists.valuation.id,
    }), 201, `story ${title}`);
    const session = async (title, storyIds) => expectStatus(await c.q1.post('/api/v1/sensemaking-sessions', {
      title, date: '2019-09-01', facilitator_id: id.q1, story_ids: storyIds,
    }), 201, `session ${title}`);
    const knowledgeTotal = async () => expectStatus(await c.q1.get('/api/v1/knowledge?limit=1'), 200).total;

    before(async () => {
      lists = {
        topic: expectStatus(await c.q1.get('/api/v1/lists/story_topic'), 200).items[0],
        valuation: expectStatus(await c.q1.get('/api/v1/lists/story_valuation'), 200).items[0],
      };
    });

    it('promoting a story (with a session) creates a draft methodiek owned by the promoter, naming story and session; the best practice carries it', async () => {
      const st = await story('Samen naar de corporatie');
      const s = await session('Duiding wonen', [st.id]);
      const n0 = await knowledgeTotal();
      const b = expectStatus(await c.q1.post(`/api/v1/stories/${st.id}/best-practice`, {
        title: 'Samen optrekken met de corporatie', summary: 'Ga **samen** naar de corporatie.\n\nDat voorkomt uitzetting.', session_id: s.id,
      }), 201, 'promote');
      keys(b.knowledge_item, ['id', 'status'], 'BestPractice.knowledge_item');
      assert.equal(b.knowledge_item.status, 'concept');
      assert.equal(await knowledgeTotal(), n0 + 1, 'one item more');

      const item = await getItem(b.knowledge_item.id, c.q2);
      assert.equal(item.status, 'concept');
      assert.equal(item.category, 'methodiek');
      assert.equal(item.title, 'Samen optrekken met de corporatie');
      assert.equal(item.body, 'Ga **samen** naar de corporatie.\n\nDat voorkomt uitzetting.');
      assert.match(item.body_html, /<strong>samen<\/strong>/);
      assert.deepEqual(item.tags, ['best practice']);
      assert.deepEqual(item.owner, ref('q1'));
      assert.equal(item.version, 1);
      assert.equal(item.published_version, null);
      assert.deepEqual(item.source, { story: { id: st.id, title: 'Samen naar de corporatie' }, session: { id: s.id, title: 'Duiding wonen' } });
      const [v1] = expectStatus(await c.q2.get(`/api/v1/knowledge/${item.id}/versions`), 200).items;
      assert.deepEqual(v1.author, ref('q1'));
      const listed = expectStatus(await c.q2.get('/api/v1/knowledge?status=concept&limit=500'), 200).items.find((x) => x.id === item.id);
      assert.deepEqual(listed.source, item.source, 'the list names the source too');
      const audit = await auditOf('knowledge_item', item.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, ref('q1'));
      assert.deepEqual(audit[0].after.source, item.source);

      for (const key of ['coach', 'tm', 'director']) {
        assertProblem(await c[key].get(`/api/v1/knowledge/${item.id}`), 404, 'not-found', `${key}: a draft is not for readers`);
      }
      await step(item.id, 'submit', c.q1);
      assert.equal(expectStatus(await c.coach.get(`/api/v1/best-practices?story=${st.id}`), 200).items[0].knowledge_item.status, 'ter_review');
      await step(item.id, 'publish', c.q2);
      const bp = expectStatus(await c.coach.get(`/api/v1/best-practices?story=${st.id}`), 200).items[0];
      assert.deepEqual(bp.knowledge_item, { id: item.id, status: 'gepubliceerd' }, 'the best practice follows its item');
      const read = await getItem(item.id, c.coach);
      assert.deepEqual(read.source, item.source, 'readers see where it came from');
      assert.equal(read.review_by, addMonths(today(), 24));
    });

    it('without a session: source.session is null; a refused promotion (409, 422) creates no item', async () => {
      const st = await story('Zonder sessie');
      const b = expectStatus(await c.q2.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'Korte samenvatting.' }), 201);
      const item = await getItem(b.knowledge_item.id, c.q1);
      assert.equal(item.title, 'Zonder sessie', 'the story\'s title by default');
      assert.deepEqual(item.owner, ref('q2'));
      assert.deepEqual(item.source, { story: { id: st.id, title: 'Zonder sessie' }, session: null });
      const n0 = await knowledgeTotal();
      const head = await auditHead();
      assertProblem(await c.q2.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'Nog eens.' }), 409, 'conflict', 'a second time');
      const other = await story('Andere');
      const unrelated = await session('Niet over dit verhaal', [st.id]);
      assertValidation(await c.q1.post(`/api/v1/stories/${other.id}/best-practice`, { summary: 'x', session_id: unrelated.id }), ['session_id']);
      assertValidation(await c.q1.post(`/api/v1/stories/${other.id}/best-practice`, {}), ['summary']);
      assert.equal(await knowledgeTotal(), n0, 'no item created');
      const since = expectStatus(await c.admin.get('/api/v1/audit?limit=50'), 200).items.filter((e) => e.id > head);
      assert.deepEqual(since.map((e) => e.entity), ['sensemaking_session', 'story'], 'only the story and the session written meanwhile');
    });
  });
});

// The Kennisbank chapter of the year report, every figure counted by hand from what this
// test does through the API, in an organisation of its own (the demo organisation has
// demo items). The year is the current one: the API writes with the server's clock.
describe('Kennisbank chapter of the year report: figures counted by hand', { skip: whyNot }, () => {
  let server;
  const c = {};
  const year = new Date().getUTCFullYear();

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    addOrg(db, { name: 'Kennisbank Rapport', slug: 'kbrapport' });
    for (const [key, roles] of [['q1', ['quality']], ['q2', ['quality']], ['coach', ['coach']], ['director', ['director']]]) {
      addUser(db, { org: 'kbrapport', email: `kbr-${key}@example.org`, name: `Rapport ${key}`, roles });
      c[key] = await new Client(server).loginOk(`kbr-${key}@example.org`);
    }
  });
  after(async () => {
    await server?.stop();
  });

  const chapter = async (query = '') => {
    const rep = expectStatus(await c.director.get(`/api/v1/reports/${year}?format=json${query}`), 200, 'report');
    return rep.chapters.find((ch) => ch.key === 'kennisbank');
  };
  const rows = (table) => table.rows.map((r) => r.cells.map((cell) => cell.value ?? cell.text));

  it('items per category and state, overdue on the reference date, verifications, ratings and views', async () => {
    const make = async (category, title) => expectStatus(await c.q1.post('/api/v1/knowledge', { category, title, body: `${title}.` }), 201, title);
    const step = async (itemId, what, client) => expectStatus(await client.post(`/api/v1/knowledge/${itemId}/${what}`), 200, `${what} ${itemId}`);
    const publish = async (category, title) => {
      const item = await make(category, title);
      await step(item.id, 'submit', c.q1);
      return step(item.id, 'publish', c.q2);
    };
    // methodiek: published, verified twice; procedure: published (12 months' review);
    // richtlijn: published, then archived; documents: a concept and one in review.
    const methodiek = await publish('methodiek', 'Oplossingsgericht werken');
    const procedure = await publish('procedure', 'Melding bij zorgen om een kind');
    const richtlijn = await publish('richtlijn', 'Oude richtlijn schuldhulp');
    await step(richtlijn.id, 'archive', c.q1);
    await make('document', 'Sociale kaart van de wijk');
    await step((await make('document', 'Folder voor nieuwe inwoners')).id, 'submit', c.q1);
    await step(methodiek.id, 'verification', c.q1);
    await step(methodiek.id, 'verification', c.q2);
    // ratings: methodiek (4, 3) and (5, 4), procedure (2, 5); views: methodiek 3, procedure 1
    const rate = async (itemId, client, juistheid, volledigheid) =>
      expectStatus(await client.put(`/api/v1/knowledge/${itemId}/rating`, { juistheid, volledigheid }), 200, 'rate');
    await rate(methodiek.id, c.coach, 4, 3);
    await rate(methodiek.id, c.director, 5, 4);
    await rate(procedure.id, c.coach, 2, 5);
    for (const [itemId, client] of [[methodiek.id, c.coach], [methodiek.id, c.coach], [methodiek.id, c.director], [procedure.id, c.coach]]) {
      assert.ok([200, 204].includes((await client.post(`/api/v1/knowledge/${itemId}/view`)).status), 'view counted');
    }

    const kn = await chapter();
    const [items, use] = kn.sections;
    assert.deepEqual(items.tables.map((t) => t.id), ['kennisbank_items']);
    assert.deepEqual(rows(items.tables[0]), [
      // Categorie, In bewerking, Gepubliceerd, Gearchiveerd, Totaal, Herziening verlopen
      ['Methodieken', 0, 1, 0, 1, 0],
      ['Documenten', 2, 0, 0, 2, 0],
      ['Procedures', 0, 1, 0, 1, 0],
      ['Richtlijnen', 0, 0, 1, 1, 0],
      ['Totaal', 2, 2, 1, 5, 0],
    ]);
    assert.match(items.paragraphs[0], /waren 2 items gepubliceerd; bij geen enkel item was de herzieningsdatum verstreken/);
    assert.equal(items.paragraphs[1], `In ${year} is 2 keer bevestigd dat een item nog juist is (1 item); zo'n bevestiging schuift de herzieningsdatum op.`);
    assert.deepEqual(use.tables.map((t) => t.id), ['kennisbank_beoordeling', 'kennisbank_raadplegingen', 'kennisbank_top']);
    assert.deepEqual(rows(use.tables[0]), [
      ['Methodieken', 2, '4,5', '3,5'],
      ['Documenten', 0, '–', '–'],
      ['Procedures', 1, '2,0', '5,0'],
      ['Richtlijnen', 0, '–', '–'],
    ]);
    assert.deepEqual(rows(use.tables[1]), [['Methodieken', 3], ['Documenten', 0], ['Procedures', 1], ['Richtlijnen', 0], ['Totaal', 4]]);
    assert.deepEqual(rows(use.tables[2]), [['Oplossingsgericht werken', 'Methodieken', 3], ['Melding bij zorgen om een kind', 'Procedures', 1]]);
    assert.equal(use.paragraphs[0], `Medewerkers beoordelen de items op juistheid en volledigheid; de kennisbank is in ${year} 4 keer geraadpleegd.`);

    // A day past the procedure's review-by date (12 months after publication; the
    // methodiek's is 24 months after its verification): the procedure is overdue.
    const reference = addDays(addMonths(today(), 12), 1);
    const later = await chapter(`&reference_date=${reference}`);
    assert.deepEqual(rows(later.sections[0].tables[0]).map((r) => [r[0], r[5]]),
      [['Methodieken', 0], ['Documenten', 0], ['Procedures', 1], ['Richtlijnen', 0], ['Totaal', 1]]);
    assert.match(later.sections[0].paragraphs[0], /bij 1 item was de herzieningsdatum verstreken/);
    // The day before anything was written: nothing in the knowledge base yet.
    const before = await chapter(`&reference_date=${addDays(today(), -1)}`);
    assert.deepEqual(rows(before.sections[0].tables[0]).at(-1), ['Totaal', 0, 0, 0, 0, 0]);
  });
});
