// THE access matrix of the Kennisbank, part 1, as data (docs/openapi.json, tag
// "knowledge"): the item list, creating, search, the preview, and
// per item reading, editing, the workflow steps (submit, publish, return, archive) and
// the versions.
//
// Two organisations: the demo organisation `smd` and `orgb` (made with the CLI). Callers:
// one per role of smd (admin, coach, team_manager, quality, director, funder, hr),
// orgb's quality user, coach and admin, and a caller without a session. Targets: smd
// items in every state (published, a concept, a concept owned by smd's coach, a draft in
// review, archived), a published item of orgb, and an id that does not exist. Drafts are
// written by a second quality user of each organisation (`author`), so the matrix's
// quality callers are never the author of what they publish. A caller that may change a
// target gets a fresh item in the same state (the shared targets never change); every
// refused state-changing request is checked to have changed nothing, every allowed one
// to have left an audit entry (`knowledge_item`), and another organisation's item must
// look exactly like a missing one (the shared checks of harness.mjs,
// accessRowViolations). Ids of the other organisation in a body are refused (422).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, Client, expectStatus,
  assertValidation, assertProblem, accessRowViolations, show,
} from './harness.mjs';
import { CALLERS, KEYS, signInCallers } from './knowledge_callers.mjs';

const MISSING_ID = 987654321;


// key → organisation, state (published, concept, review, archived) and owner (a caller key)
const ITEMS = {
  smdPub: { org: 'smd', state: 'published' },
  smdConcept: { org: 'smd', state: 'concept' },
  smdOwned: { org: 'smd', state: 'concept', owner: 'coach' },
  smdReview: { org: 'smd', state: 'review' },
  smdArchived: { org: 'smd', state: 'archived' },
  obPub: { org: 'orgb', state: 'published' },
  missing: { org: null },
};

// ------------------------------------------------------------------ the rules, from docs/openapi.json

const has = (c, role) => c.roles.includes(role);
const anon = (c) => c.org === null;
const reads = (c) => c.roles.some((r) => r !== 'funder'); // every role but the funder
const isQuality = (c) => has(c, 'quality');
/** Editors: quality, the owner, the draft's author (the authors are not callers here). */
const isEditor = (key, t) => isQuality(CALLERS[key]) || t.owner === key;
/** Whether the caller sees the item at all (else 404). */
function visible(key, t) {
  const c = CALLERS[key];
  if (t.org !== c.org) return false;
  if (t.state === 'archived') return isQuality(c);
  if (t.state === 'published') return true;
  return isEditor(key, t);
}

function readListStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return reads(c) ? 200 : 403;
}
/** `status` other than gepubliceerd: quality only. */
function draftsListStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  return isQuality(c) ? 200 : 403;
}
function createStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return isQuality(c) ? 201 : 403;
}
function readItemStatus(key, target) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  return visible(key, ITEMS[target]) ? 200 : 404;
}
function patchStatus(key, target) {
  const c = CALLERS[key];
  const t = ITEMS[target];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  if (!visible(key, t)) return 404;
  if (!isEditor(key, t)) return 403;
  return t.state === 'archived' ? 409 : 200;
}
function submitStatus(key, target) {
  const c = CALLERS[key];
  const t = ITEMS[target];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  if (!visible(key, t)) return 404;
  if (!isEditor(key, t)) return 403; // "who: editors", whatever state the item is in
  return t.state === 'concept' ? 200 : 409;
}
/** publish and return: quality, a draft in review. */
function reviewStatus(key, target) {
  const c = CALLERS[key];
  const t = ITEMS[target];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  if (t.org !== c.org) return 404;
  return t.state === 'review' ? 200 : 409;
}
function archiveStatus(key, target) {
  const c = CALLERS[key];
  const t = ITEMS[target];
  if (anon(c)) return 401;
  if (!isQuality(c)) return 403;
  if (t.org !== c.org) return 404;
  return t.state === 'archived' ? 409 : 200;
}

describe('Kennisbank access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {};
  const ids = {}; // user ids by caller key (+ author, obAuthor)
  const items = {}; // ITEMS key → id
  const authors = {}; // org → client of its second quality user
  let n = 0;
  const marker = (key) => `HACK-${key}-${++n}`;
  const qualityOf = (org) => clients[org === 'orgb' ? 'obQuality' : 'quality'];
  const adminOf = (org) => clients[org === 'orgb' ? 'obAdmin' : 'admin'];
  const idOf = (target) => (target === 'missing' ? MISSING_ID : items[target]);

  /** A new item of `org` in `state`, written by the organisation's author. */
  async function fresh(org, state, owner) {
    const author = authors[org];
    const body = { category: 'procedure', title: `Vers ${org} ${state} ${++n}`, body: 'Een tekst voor de matrix.', tags: ['matrix'] };
    if (owner) body.owner_id = ids[owner];
    const item = expectStatus(await author.post('/api/v1/knowledge', body), 201, `fresh ${state}`);
    if (state === 'concept') return item.id;
    expectStatus(await author.post(`/api/v1/knowledge/${item.id}/submit`), 200, 'fresh submit');
    if (state === 'review') return item.id;
    expectStatus(await qualityOf(org).post(`/api/v1/knowledge/${item.id}/publish`), 200, 'fresh publish');
    if (state === 'published') return item.id;
    expectStatus(await qualityOf(org).post(`/api/v1/knowledge/${item.id}/archive`), 200, 'fresh archive');
    return item.id;
  }

  before(async () => {
    server = await startServer({ demo: true });
    await signInCallers(server, 'kma', clients, ids, authors);

    for (const [key, t] of Object.entries(ITEMS)) {
      if (key !== 'missing') items[key] = await fresh(t.org, t.state, t.owner);
    }
    // words only one organisation's text has
    const word = async (org, title) => {
      const id = expectStatus(await authors[org].post('/api/v1/knowledge', { category: 'document', title }), 201).id;
      expectStatus(await authors[org].post(`/api/v1/knowledge/${id}/submit`), 200);
      expectStatus(await qualityOf(org).post(`/api/v1/knowledge/${id}/publish`), 200);
    };
    await word('smd', 'Wijkkompas Centrum');
    await word('orgb', 'Buurtkompas Oost');
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ nothing changes on a refusal

  /** Everything a refused request could have touched, read by those who may read it. */
  async function snapshot() {
    const reads = [];
    const get = (client, p) => reads.push(client.get(p).then((r) => [p, expectStatus(r, 200, `snapshot ${p}`)]));
    for (const org of ['smd', 'orgb']) {
      const q = qualityOf(org);
      get(q, '/api/v1/knowledge?limit=500');
      for (const [key, t] of Object.entries(ITEMS)) {
        if (t.org !== org) continue;
        get(q, `/api/v1/knowledge/${items[key]}`);
        get(q, `/api/v1/knowledge/${items[key]}/versions`);
      }
      get(adminOf(org), '/api/v1/audit?limit=1');
    }
    const answers = await Promise.all(reads);
    return answers.map(([p, body], i) => [`${i}:${p}`, body]);
  }

  /** An allowed change leaves an audit entry about the item, by the caller. */
  async function audited(key, itemId, r) {
    if (r.status !== 200 && r.status !== 201) return null;
    const org = CALLERS[key].org;
    const [entry] = expectStatus(await adminOf(org).get('/api/v1/audit?limit=1'), 200).items;
    const want = String(itemId ?? r.json?.id);
    if (entry?.entity !== 'knowledge_item' || entry.entity_id !== want) {
      return `no audit entry for knowledge_item ${want}: ${JSON.stringify(entry).slice(0, 300)}`;
    }
    return entry.actor?.id === ids[key] ? null : `the audit entry names ${JSON.stringify(entry.actor)}, not ${key}`;
  }

  // ------------------------------------------------------------------ the matrix

  /** A fresh item in the target's state for a caller that may change it; else the shared one. */
  const freshFor = (expect, target) => async (k) => {
    const t = ITEMS[target];
    const status = expect(k, target);
    if (target !== 'missing' && status >= 200 && status < 300) return fresh(t.org, t.state, t.owner);
    return idOf(target);
  };

  const itemRows = Object.keys(ITEMS).flatMap((target) => [
    {
      ep: 'GET /api/v1/knowledge/{id}', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}`],
      expect: (k) => readItemStatus(k, target),
    },
    {
      ep: 'GET /api/v1/knowledge/{id}/versions', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}/versions`],
      expect: (k) => readItemStatus(k, target),
      checkAfter: async (k, _, r) => {
        if (r.status !== 200) return null;
        const drafts = r.json.items.filter((v) => v.status === 'concept' || v.status === 'ter_review');
        const editor = isEditor(k, ITEMS[target]);
        return editor || drafts.length === 0 ? null : `a reader sees draft versions: ${show(r).slice(0, 200)}`;
      },
    },
    {
      ep: 'PATCH /api/v1/knowledge/{id}', target,
      prepare: freshFor(patchStatus, target),
      req: (k, itemId) => ['PATCH', `/api/v1/knowledge/${itemId}`, { body: patchStatus(k, target) === 200 ? `OK-${k}-${++n}` : marker(k) }],
      expect: (k) => patchStatus(k, target),
      checkAfter: (k, itemId, r) => audited(k, itemId, r),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/submit', target,
      prepare: freshFor(submitStatus, target),
      req: (k, itemId) => ['POST', `/api/v1/knowledge/${itemId}/submit`],
      expect: (k) => submitStatus(k, target),
      checkAfter: (k, itemId, r) => audited(k, itemId, r),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/publish', target,
      prepare: freshFor(reviewStatus, target),
      req: (k, itemId) => ['POST', `/api/v1/knowledge/${itemId}/publish`],
      expect: (k) => reviewStatus(k, target),
      checkAfter: async (k, itemId, r) => (r.status === 200 && r.json?.status !== 'gepubliceerd'
        ? `publishing should publish: ${show(r).slice(0, 200)}` : audited(k, itemId, r)),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/return', target,
      prepare: freshFor(reviewStatus, target),
      req: (k, itemId) => ['POST', `/api/v1/knowledge/${itemId}/return`, { remark: reviewStatus(k, target) === 200 ? `OK-${k}-${++n}` : marker(k) }],
      expect: (k) => reviewStatus(k, target),
      checkAfter: (k, itemId, r) => audited(k, itemId, r),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/archive', target,
      prepare: freshFor(archiveStatus, target),
      req: (k, itemId) => ['POST', `/api/v1/knowledge/${itemId}/archive`],
      expect: (k) => archiveStatus(k, target),
      checkAfter: async (k, itemId, r) => (r.status === 200 && r.json?.status !== 'gearchiveerd'
        ? `archiving should archive: ${show(r).slice(0, 200)}` : audited(k, itemId, r)),
    },
  ]);

  const rows = [
    { ep: 'GET /api/v1/knowledge', target: '-', req: () => ['GET', '/api/v1/knowledge'], expect: readListStatus },
    ...['concept', 'ter_review', 'gearchiveerd'].map((status) => ({
      ep: 'GET /api/v1/knowledge', target: `status=${status}`, req: () => ['GET', `/api/v1/knowledge?status=${status}`], expect: draftsListStatus,
    })),
    {
      ep: 'POST /api/v1/knowledge', target: '-',
      req: (k) => ['POST', '/api/v1/knowledge', { category: 'document', title: createStatus(k) === 201 ? `OK-${k}-${++n}` : marker(k) }],
      expect: createStatus,
      checkAfter: (k, _, r) => audited(k, null, r),
    },
    { ep: 'GET /api/v1/knowledge/search', target: '-', req: () => ['GET', '/api/v1/knowledge/search?q=kompas'], expect: readListStatus },
    ...['concept', 'ter_review', 'gearchiveerd'].map((status) => ({
      ep: 'GET /api/v1/knowledge/search', target: `status=${status}`, req: () => ['GET', `/api/v1/knowledge/search?q=vers&status=${status}`], expect: draftsListStatus,
    })),
    {
      ep: 'POST /api/v1/knowledge/preview', target: '-',
      req: (k) => ['POST', '/api/v1/knowledge/preview', { body: `**${marker(k)}**` }],
      expect: readListStatus,
    },
    ...itemRows,
  ];

  const matrix = {
    keys: KEYS,
    clients,
    snapshot,
    label: (key) => `${key} (${CALLERS[key].org} ${CALLERS[key].roles.join('+')}${CALLERS[key].team ? ` team ${CALLERS[key].team}` : ''})`,
    foreign: (key, row) => row.target in ITEMS && row.target !== 'missing' && ITEMS[row.target].org !== CALLERS[key].org,
    missing: (p) => p.replace(/\/\d+(?=\/|$)/g, `/${MISSING_ID}`),
  };

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  // ------------------------------------------------------------------ what each caller sees

  it('lists and search show only the caller\'s organisation; readers only published items', async () => {
    const listed = async (key, extra = '') => expectStatus(await clients[key].get(`/api/v1/knowledge?limit=500${extra}`), 200).items.map((s) => s.id);
    for (const key of ['coach', 'tm', 'director', 'hr', 'admin']) {
      const l = await listed(key);
      assert.ok(l.includes(items.smdPub), `${key} lists smd's published item`);
      for (const hidden of ['smdConcept', 'smdReview', 'smdArchived', 'obPub']) assert.ok(!l.includes(items[hidden]), `${key} does not list ${hidden}`);
    }
    const own = expectStatus(await clients.coach.get('/api/v1/knowledge?limit=500&owner=me'), 200).items;
    assert.ok(own.some((s) => s.id === items.smdOwned), 'with owner=me a coach lists their own concept');
    assert.ok(own.every((s) => s.owner.id === ids.coach && s.status !== 'gearchiveerd'), `only their own, not archived: ${JSON.stringify(own)}`);
    assert.ok(!(await listed('coach')).includes(items.smdOwned), 'without owner=me: published items only');
    assertProblem(await clients.coach.get('/api/v1/knowledge?owner=me&status=gearchiveerd'), 403, 'forbidden', 'own archived items: quality only');
    const q = await listed('quality');
    for (const shown of ['smdPub', 'smdConcept', 'smdOwned', 'smdReview', 'smdArchived']) assert.ok(q.includes(items[shown]), `quality lists ${shown}`);
    assert.ok(!q.includes(items.obPub));
    const ob = await listed('obCoach');
    assert.ok(ob.includes(items.obPub) && !ob.includes(items.smdPub), 'orgb sees its own');

    const hits = async (key, text) => expectStatus(await clients[key].get(`/api/v1/knowledge/search?q=${encodeURIComponent(text)}`), 200);
    assert.equal((await hits('coach', 'wijkkompas ')).total, 1);
    assert.equal((await hits('coach', 'buurtkompas ')).total, 0, 'not another organisation\'s text');
    assert.equal((await hits('quality', 'buurtkompas ')).total, 0, 'not for quality either');
    assert.equal((await hits('obCoach', 'buurtkompas ')).total, 1);
    assert.equal((await hits('obQuality', 'wijkkompas ')).total, 0);
    // facets count the caller's organisation only
    assert.deepEqual((await hits('obCoach', 'buurtkompas')).facets, { categories: [{ category: 'document', count: 1 }], tags: [], tags_counted_over: 1 });
    // filtering on another organisation's user shows nothing
    assert.equal(expectStatus(await clients.quality.get(`/api/v1/knowledge?owner=${ids.obAuthor}`), 200).total, 0);
  });

  it('another organisation\'s user as owner is unknown (422) and nothing changes', async () => {
    const before1 = await snapshot();
    const q = clients.quality;
    assertValidation(await q.post('/api/v1/knowledge', { category: 'document', title: 'Over de grens', owner_id: ids.obCoach }), ['owner_id'], 'POST');
    assertValidation(await q.patch(`/api/v1/knowledge/${items.smdConcept}`, { owner_id: ids.obQuality }), ['owner_id'], 'PATCH');
    assertValidation(await clients.obQuality.patch(`/api/v1/knowledge/${items.obPub}`, { owner_id: ids.coach }), ['owner_id'], 'orgb PATCH');
    assert.deepEqual(await snapshot(), before1, 'nothing changed');
  });
});
