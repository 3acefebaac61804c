// THE access matrix of the Kennisbank, part 2, as data (docs/openapi.json, tag "knowledge":
// staying right, ratings, versions, attachments, views): verification and the verifications, the
// review-due and lowest-rated lists (owner me, all, another), ratings, the diff,
// attachments (upload, download, delete), views and the most-consulted list, the
// organisation's settings, and creating items as a coach where the organisation allows it.
//
// Callers and organisations as in knowledge_access.test.mjs: one per role of the demo
// organisation `smd`, orgb's quality user, coach and admin, and a caller without a
// session. Targets: smd items in every state (published, published and owned by smd's
// coach, published with a draft beside it, a concept, a concept owned by the coach, a
// draft in review, archived), a published item of orgb, and an id that does not exist.
// Every target (but the missing one) has an attachment and, once published, a rating
// with a remark, both by a second quality user of its organisation (`author`). A
// verification gets a fresh item in the target's state (the shared targets keep their
// review-by date); a delete gets a fresh attachment. Every refused state-changing request
// must change nothing, every allowed change must leave its audit entry, and another
// organisation's item must look exactly like a missing one (harness.mjs,
// accessRowViolations).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, Client, expectStatus,
  accessRowViolations, show,
} from './harness.mjs';
import { CALLERS, KEYS, signInCallers } from './knowledge_callers.mjs';

const MISSING_ID = 987654321;
const YEAR = Number(new Date().toISOString().slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');


// key → organisation, state (published, pubDraft: published with a draft beside it,
// concept, review, archived) and owner (a caller key; else the author)
const ITEMS = {
  smdPub: { org: 'smd', state: 'published' },
  smdOwnedPub: { org: 'smd', state: 'published', owner: 'coach' },
  smdPubDraft: { org: 'smd', state: 'pubDraft' },
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
const reads = (c) => c.roles.some((r) => r !== 'funder');
const isQuality = (c) => has(c, 'quality');
const isAdmin = (c) => has(c, 'admin');
const isEditor = (key, t) => isQuality(CALLERS[key]) || t.owner === key;
const isPublished = (t) => t.state === 'published' || t.state === 'pubDraft';
function visible(key, t) {
  const c = CALLERS[key];
  if (t.org !== c.org) return false;
  if (t.state === 'archived') return isQuality(c);
  if (isPublished(t)) return true;
  return isEditor(key, t);
}

function readsStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return reads(c) ? 200 : 403;
}
function readItemStatus(key, target, ok = 200) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  return visible(key, ITEMS[target]) ? ok : 404;
}
/** verification: the owner and quality, a published item. */
function verifyStatus(key, target) {
  const c = CALLERS[key];
  const t = ITEMS[target];
  if (anon(c)) return 401;
  if (!reads(c)) return 403;
  if (!visible(key, t)) return 404;
  if (!isQuality(c) && t.owner !== key) return 403;
  return isPublished(t) ? 200 : 409;
}
/** rating: every reader, a published item (never published or archived: 409). */
function rateStatus(key, target) {
  const s = readItemStatus(key, target);
  if (s !== 200) return s;
  return isPublished(ITEMS[target]) ? 200 : 409;
}
/** diff: as reading the item; readers compare published versions only (the draft beside: 404). */
function diffStatus(key, target) {
  const s = readItemStatus(key, target);
  if (s === 200 && ITEMS[target].state === 'pubDraft' && !isEditor(key, ITEMS[target])) return 404;
  return s;
}
/** upload and delete: editors; archived 409. */
function editFilesStatus(key, target, ok) {
  const s = readItemStatus(key, target);
  if (s !== 200) return s;
  const t = ITEMS[target];
  if (!isEditor(key, t)) return 403;
  return t.state === 'archived' ? 409 : ok;
}
/** review-due and lowest-rated: `me` for every reader; `all` and another owner quality only. */
function ownerListStatus(key, owner) {
  const s = readsStatus(key);
  if (s !== 200 || owner === 'me') return s;
  if (owner === 'coach' && key === 'coach') return 200;
  return isQuality(CALLERS[key]) ? 200 : 403;
}
function settingsReadStatus(key) {
  return anon(CALLERS[key]) ? 401 : 200;
}
function settingsWriteStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  return isAdmin(c) ? 200 : 403;
}
/** POST /api/v1/knowledge while smd allows coaches to write (orgb does not). */
function createStatus(key) {
  const c = CALLERS[key];
  if (anon(c)) return 401;
  if (isQuality(c)) return 201;
  return has(c, 'coach') && c.org === 'smd' ? 201 : 403;
}

describe('Kennisbank part 2 access matrix', { skip: whyNot }, () => {
  let server;
  const clients = {};
  const ids = {}; // user ids by caller key (+ author, obAuthor)
  const items = {}; // ITEMS key → item id
  const files = {}; // ITEMS key → attachment id
  const authors = {}; // org → client of its second quality user
  let n = 0;
  const qualityOf = (org) => clients[org === 'orgb' ? 'obQuality' : 'quality'];
  const adminOf = (org) => clients[org === 'orgb' ? 'obAdmin' : 'admin'];
  const idOf = (target) => (target === 'missing' ? MISSING_ID : items[target]);
  const fileOf = (target) => (target === 'missing' ? MISSING_ID : files[target]);
  const upload = (client, itemId, name) => client.request('POST', `/api/v1/knowledge/${itemId}/attachments?name=${encodeURIComponent(name)}`, PDF, { raw: true, contentType: 'application/pdf' });

  /** A new item of `org` in `state`, written by the organisation's author; with `extras`, an attachment and a rating by the author. */
  async function fresh(org, state, owner, extras = false) {
    const author = authors[org];
    const body = { category: 'procedure', title: `Vers ${org} ${state} ${++n}`, body: 'Regel een.\nRegel twee.', tags: ['matrix'] };
    if (owner) body.owner_id = ids[owner];
    const itemId = expectStatus(await author.post('/api/v1/knowledge', body), 201, `fresh ${state}`).id;
    const attach = async () => {
      if (extras) files[extras] = expectStatus(await upload(author, itemId, `bijlage ${extras}.pdf`), 201, 'fresh attachment').id;
    };
    if (state === 'concept') { await attach(); return itemId; }
    expectStatus(await author.post(`/api/v1/knowledge/${itemId}/submit`), 200, 'fresh submit');
    if (state === 'review') { await attach(); return itemId; }
    expectStatus(await qualityOf(org).post(`/api/v1/knowledge/${itemId}/publish`), 200, 'fresh publish');
    if (extras) {
      expectStatus(await author.put(`/api/v1/knowledge/${itemId}/rating`, { juistheid: 2, volledigheid: 3, remark: `Opmerking bij ${extras}` }), 200, 'fresh rating');
      await attach();
    }
    if (state === 'pubDraft') {
      expectStatus(await author.patch(`/api/v1/knowledge/${itemId}`, { body: 'Regel een.\nRegel drie.' }), 200, 'fresh draft beside');
    }
    if (state === 'archived') expectStatus(await qualityOf(org).post(`/api/v1/knowledge/${itemId}/archive`), 200, 'fresh archive');
    return itemId;
  }

  before(async () => {
    server = await startServer({ demo: true });
    await signInCallers(server, 'kra', clients, ids, authors);

    for (const [key, t] of Object.entries(ITEMS)) {
      if (key !== 'missing') items[key] = await fresh(t.org, t.state, t.owner, key);
    }
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ nothing changes on a refusal

  async function snapshot() {
    const reads = [];
    const get = (client, p) => reads.push(client.get(p).then((r) => [p, expectStatus(r, 200, `snapshot ${p}`)]));
    for (const org of ['smd', 'orgb']) {
      const q = qualityOf(org);
      get(q, '/api/v1/knowledge?limit=500');
      get(q, `/api/v1/knowledge/most-consulted?year=${YEAR}&limit=100`);
      get(q, '/api/v1/knowledge/review-due?owner=all&within=365');
      for (const [key, t] of Object.entries(ITEMS)) {
        if (t.org !== org) continue;
        get(q, `/api/v1/knowledge/${items[key]}`);
        get(q, `/api/v1/knowledge/${items[key]}/verifications`);
        get(q, `/api/v1/knowledge/${items[key]}/ratings`);
      }
      get(adminOf(org), '/api/v1/organisation/settings');
      get(adminOf(org), '/api/v1/audit?limit=1');
    }
    const answers = await Promise.all(reads);
    return answers.map(([p, body], i) => [`${i}:${p}`, body]);
  }

  /** An allowed change leaves an audit entry `entity`/`entityId` (and `action`) by the caller. */
  async function audited(key, r, entity, entityId, action) {
    if (r.status < 200 || r.status >= 300) return null;
    const [entry] = expectStatus(await adminOf(CALLERS[key].org).get('/api/v1/audit?limit=1'), 200).items;
    const want = String(entityId);
    if (entry?.entity !== entity || entry.entity_id !== want || (action && entry.action !== action)) {
      return `no audit entry ${action || ''} ${entity} ${want}: ${JSON.stringify(entry).slice(0, 300)}`;
    }
    return entry.actor?.id === ids[key] ? null : `the audit entry names ${JSON.stringify(entry.actor)}, not ${key}`;
  }

  // ------------------------------------------------------------------ the matrix

  const itemRows = Object.keys(ITEMS).flatMap((target) => [
    {
      ep: 'POST /api/v1/knowledge/{id}/verification', target,
      prepare: async (k) => {
        const t = ITEMS[target];
        return target !== 'missing' && verifyStatus(k, target) === 200 ? fresh(t.org, t.state, t.owner) : idOf(target);
      },
      req: (k, itemId) => ['POST', `/api/v1/knowledge/${itemId}/verification`, { remark: `door ${k}` }],
      expect: (k) => verifyStatus(k, target),
      checkAfter: (k, itemId, r) => audited(k, r, 'knowledge_item', itemId, 'verify'),
    },
    {
      ep: 'GET /api/v1/knowledge/{id}/verifications', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}/verifications`],
      expect: (k) => readItemStatus(k, target),
    },
    {
      ep: 'PUT /api/v1/knowledge/{id}/rating', target,
      req: () => ['PUT', `/api/v1/knowledge/${idOf(target)}/rating`, { juistheid: 4, volledigheid: 5 }],
      expect: (k) => rateStatus(k, target),
      checkAfter: (k, _, r) => audited(k, r, 'knowledge_rating', `${idOf(target)}/1`),
    },
    {
      ep: 'GET /api/v1/knowledge/{id}/ratings', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}/ratings`],
      expect: (k) => readItemStatus(k, target),
      // The only remark is the author's (the matrix rates without one): for the owner and quality.
      checkAfter: async (k, _, r) => {
        if (r.status !== 200) return null;
        const t = ITEMS[target];
        const remarks = r.json.remarks.map((x) => x.remark);
        const ownerView = isQuality(CALLERS[k]) || t.owner === k;
        const want = ownerView && (isPublished(t) || t.state === 'archived') ? [`Opmerking bij ${target}`] : [];
        return JSON.stringify(remarks) === JSON.stringify(want) ? null : `remarks ${JSON.stringify(remarks)}, expected ${JSON.stringify(want)}`;
      },
    },
    {
      ep: 'GET /api/v1/knowledge/{id}/diff', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}/diff?from=1&to=${target === 'smdPubDraft' ? 2 : 1}`],
      expect: (k) => diffStatus(k, target),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/attachments', target,
      req: (k) => ['POST', `/api/v1/knowledge/${idOf(target)}/attachments?name=door-${k}.pdf`, PDF],
      expect: (k) => editFilesStatus(k, target, 201),
      checkAfter: (k, _, r) => audited(k, r, 'knowledge_attachment', r.json?.id, 'create'),
    },
    {
      ep: 'GET /api/v1/knowledge/{id}/attachments/{attachment_id}', target,
      req: () => ['GET', `/api/v1/knowledge/${idOf(target)}/attachments/${fileOf(target)}`],
      expect: (k) => readItemStatus(k, target),
      checkAfter: async (k, _, r) => (r.status !== 200 || r.text === PDF.toString('latin1') ? null : `not the file: ${show(r).slice(0, 200)}`),
    },
    {
      ep: 'DELETE /api/v1/knowledge/{id}/attachments/{attachment_id}', target,
      prepare: async (k) => {
        if (target === 'missing' || editFilesStatus(k, target, 204) !== 204) return fileOf(target);
        return expectStatus(await upload(authors[ITEMS[target].org], items[target], `te verwijderen door ${k}.pdf`), 201).id;
      },
      req: (k, fileId) => ['DELETE', `/api/v1/knowledge/${idOf(target)}/attachments/${fileId}`],
      expect: (k) => editFilesStatus(k, target, 204),
      checkAfter: (k, fileId, r) => audited(k, r, 'knowledge_attachment', fileId, 'delete'),
    },
    {
      ep: 'POST /api/v1/knowledge/{id}/view', target,
      req: () => ['POST', `/api/v1/knowledge/${idOf(target)}/view`],
      expect: (k) => readItemStatus(k, target, 204),
    },
  ]);

  const ownerLists = ['review-due', 'lowest-rated'].flatMap((list) => ['me', 'all', 'coach'].map((owner) => ({
    ep: `GET /api/v1/knowledge/${list}`, target: `owner=${owner}`,
    req: () => ['GET', `/api/v1/knowledge/${list}${owner === 'me' ? '' : `?owner=${owner === 'all' ? 'all' : ids.coach}`}`],
    expect: (k) => ownerListStatus(k, owner),
  })));

  const rows = [
    ...ownerLists,
    { ep: 'GET /api/v1/knowledge/most-consulted', target: '-', req: () => ['GET', `/api/v1/knowledge/most-consulted?year=${YEAR}`], expect: readsStatus },
    { ep: 'GET /api/v1/organisation/settings', target: '-', req: () => ['GET', '/api/v1/organisation/settings'], expect: settingsReadStatus },
    {
      ep: 'PATCH /api/v1/organisation/settings', target: '-',
      req: () => ['PATCH', '/api/v1/organisation/settings', { knowledge_coach_authors: true }],
      expect: settingsWriteStatus,
      checkAfter: async (k, _, r) => {
        if (r.status !== 200) return null;
        const org = CALLERS[k].org;
        const problem = r.json?.knowledge_coach_authors === true ? null : `not switched on: ${show(r)}`;
        const orgId = clients[k].me.organisation.id;
        const audit = await audited(k, r, 'organisation_settings', orgId, 'update');
        expectStatus(await adminOf(org).patch('/api/v1/organisation/settings', { knowledge_coach_authors: false }), 200, 'switch off again');
        return problem || audit;
      },
    },
    ...itemRows,
  ];

  // The callers as the matrix uses them: a Buffer body goes raw (an attachment), else JSON.
  const matrixClients = Object.fromEntries(KEYS.map((k) => [k, {
    request: (method, p, body) => clients[k].request(method, p, body, Buffer.isBuffer(body) ? { raw: true, contentType: 'application/pdf' } : {}),
  }]));
  const matrix = {
    keys: KEYS,
    clients: matrixClients,
    snapshot,
    label: (key) => `${key} (${CALLERS[key].org} ${CALLERS[key].roles.join('+')}${CALLERS[key].team ? ` team ${CALLERS[key].team}` : ''})`,
    foreign: (key, row) => row.target in ITEMS && row.target !== 'missing' && ITEMS[row.target].org !== CALLERS[key].org,
    missing: (p) => p.replace(/\/\d+(?=\/|$|\?)/g, `/${MISSING_ID}`),
  };

  for (const row of rows) {
    it(`${row.ep} on ${row.target}`, async () => {
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    });
  }

  it('POST /api/v1/knowledge while smd lets coaches write: quality and smd\'s coach 201 (owned by themselves), orgb\'s coach and the other roles 403', async () => {
    expectStatus(await clients.admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }), 200);
    try {
      const row = {
        ep: 'POST /api/v1/knowledge (coaches write)', target: '-',
        req: (k) => ['POST', '/api/v1/knowledge', { category: 'methodiek', title: `Door ${k} ${++n}` }],
        expect: createStatus,
        checkAfter: async (k, _, r) => {
          if (r.status !== 201) return null;
          if (r.json.owner?.id !== ids[k]) return `the owner is ${JSON.stringify(r.json.owner)}, not ${k}`;
          return audited(k, r, 'knowledge_item', r.json.id, 'create');
        },
      };
      const failures = await accessRowViolations(row, matrix);
      assert.deepEqual(failures, [], `access matrix violations:\n${failures.join('\n')}`);
    } finally {
      expectStatus(await clients.admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: false }), 200);
    }
  });
});
