// Vertelpunt, part 2 (docs/openapi.json, tags "sensemaking", "stories" and "usage"): colleagues; sense-making sessions over a saved filter (evaluated afresh while
// open, frozen when closed) or hand-picked stories, exactly one of the two; their themes
// (only the session's stories) and actions (what the owner may change, what done and
// dropped need, final states, overdue and the action filters); a closed session refuses
// changes but takes new actions; BSN refusals that change nothing and e-mail warnings;
// best practices; the stories export (CSV with BOM and `;`, one column per signifier
// value, formula guard, filters; XLSX); module views; the kwaliteit chapter of the
// annual report on a hand-computed set (its own server); and the audit trail of every
// change.
//
// Dates: stories for sessions and themes in 2019, the export's stories in 2018, the 2,001
// stories of the filter limit in 2012; the report fixture lives in 2014 and 2015 on its
// own server.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  assertValidation, show, ISO_UTC, unique, rawRequest,
} from './harness.mjs';
import { BOM, XLSX_TYPE, getBytes, parseCsv, readXlsx, unzip } from './fixtures.mjs';

// Valid BSNs (11-test), as in stories.test.mjs.
const BSN = '111222333';
const BSN2 = '123456782';
const MISSING_ID = 987654321;

const SUMMARY_KEYS = ['action_count', 'date', 'facilitator', 'id', 'open_action_count', 'status', 'story_count',
  'theme_count', 'title'];
const SESSION_KEYS = [...SUMMARY_KEYS, 'actions', 'closed_at', 'closed_by', 'conclusion', 'created_at', 'notes',
  'other_participants', 'participants', 'selection', 'stories', 'story_filter', 'themes', 'updated_at', 'warnings'];
const BRIEF_KEYS = ['date', 'id', 'teller_kind', 'title', 'topic', 'valuation'];
const THEME_KEYS = ['description', 'id', 'story_ids', 'title', 'warnings'];
const ACTION_KEYS = ['closed_at', 'created_at', 'description', 'due_date', 'id', 'outcome', 'outcome_kind', 'overdue',
  'owner', 'session', 'status', 'theme_id', 'warnings'];
// BestPractice carries `warnings` like every other POST answer (empty on reads;
// docs/openapi.json, BestPractice).
const BEST_PRACTICE_KEYS = ['created_at', 'created_by', 'id', 'knowledge_item', 'session', 'status', 'story', 'summary', 'title', 'warnings'];

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: an object`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where}: keys`);
}

function assertSession(s, where) {
  keys(s, SESSION_KEYS, `Session (${where})`);
  assert.ok(Number.isInteger(s.id) && s.id > 0, `${where}: id`);
  assert.match(s.date, /^\d{4}-\d{2}-\d{2}$/, `${where}: date`);
  keys(s.facilitator, ['id', 'name'], `${where}: facilitator`);
  assert.ok(['open', 'closed'].includes(s.status), `${where}: status`);
  assert.ok(['filter', 'hand_picked'].includes(s.selection), `${where}: selection`);
  for (const k of ['story_count', 'theme_count', 'action_count', 'open_action_count']) assert.ok(Number.isInteger(s[k]) && s[k] >= 0, `${where}: ${k}`);
  s.participants.forEach((p, i) => keys(p, ['id', 'name'], `${where}: participants[${i}]`));
  s.stories.forEach((b, i) => keys(b, BRIEF_KEYS, `${where}: stories[${i}]`));
  s.themes.forEach((t, i) => keys(t, THEME_KEYS, `${where}: themes[${i}]`));
  s.actions.forEach((a, i) => assertAction(a, `${where}: actions[${i}]`));
  assert.equal(s.theme_count, s.themes.length, `${where}: theme_count`);
  assert.equal(s.action_count, s.actions.length, `${where}: action_count`);
  assert.equal(s.open_action_count, s.actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length, `${where}: open_action_count`);
  assert.equal(s.stories.length, Math.min(200, s.story_count), `${where}: the first 200 stories`);
  assert.match(s.created_at, ISO_UTC, `${where}: created_at`);
  assert.match(s.updated_at, ISO_UTC, `${where}: updated_at`);
  if (s.status === 'open') {
    assert.equal(s.closed_at, null, `${where}: closed_at`);
    assert.equal(s.closed_by, null, `${where}: closed_by`);
  } else {
    assert.match(s.closed_at, ISO_UTC, `${where}: closed_at`);
    keys(s.closed_by, ['id', 'name'], `${where}: closed_by`);
  }
  assert.ok(Array.isArray(s.warnings), `${where}: warnings`);
}

function assertAction(a, where) {
  keys(a, ACTION_KEYS, `Action (${where})`);
  keys(a.session, ['date', 'id', 'title'], `${where}: session`);
  keys(a.owner, ['id', 'name'], `${where}: owner`);
  assert.ok(['open', 'in_progress', 'done', 'dropped'].includes(a.status), `${where}: status`);
  assert.match(a.due_date, /^\d{4}-\d{2}-\d{2}$/, `${where}: due_date`);
  assert.equal(typeof a.overdue, 'boolean', `${where}: overdue`);
  assert.match(a.created_at, ISO_UTC, `${where}: created_at`);
  if (a.status === 'done' || a.status === 'dropped') assert.match(a.closed_at ?? '', ISO_UTC, `${where}: closed_at`);
  else assert.equal(a.closed_at, null, `${where}: closed_at`);
}

const summaryOf = (s) => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, s[k]]));
const idsOf = (list) => list.map((x) => x.id).sort((a, b) => a - b);
const sorted = (ids) => [...ids].sort((a, b) => a - b);
const today = () => new Date().toISOString().slice(0, 10);

describe('Vertelpunt: sense-making, best practices, export, views', { skip: whyNot }, () => {
  let server;
  let admin;
  const c = {}; // clients: quality, coachA, coachB, director, tm, funder, hr
  const id = {}; // user ids: the same keys, plus inactive and funderOnly
  const name = {};
  const teams = {}; // A, B
  const topic = {}; // label → ListValue
  const valuation = {};
  const archetype = {};
  let lists;
  let ip = 0;

  const pub = (body) => new Client(server).request('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, body, {
    headers: { 'X-Forwarded-For': `10.88.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` },
  });

  /** A published story (shared by quality), 2019 unless said otherwise. */
  async function story(extra = {}) {
    const body = {
      title: `Verhaal ${unique('s')}`, text: 'Een verhaal voor de duiding.', date: '2019-06-01', teller_kind: 'medewerker',
      topic_id: topic.Werk.id, valuation_id: valuation.neutraal.id, ...extra,
    };
    return expectStatus(await c.quality.post('/api/v1/stories', body), 201, `story ${body.title}`);
  }
  async function pendingStory(title) {
    expectStatus(await pub({ title, text: 'Wacht op beoordeling.', date: '2019-05-05' }), 202, 'public story');
    const page = expectStatus(await c.quality.get(`/api/v1/stories?status=pending&q=${encodeURIComponent(title)}`), 200);
    assert.equal(page.items.length, 1, `one pending story ${title}`);
    return page.items[0];
  }

  const sessionBody = (extra = {}) => ({ title: `Sessie ${unique('d')}`, date: '2019-09-01', facilitator_id: id.quality, ...extra });
  async function createSession(extra) {
    const r = await c.quality.post('/api/v1/sensemaking-sessions', sessionBody(extra));
    return expectStatus(r, 201, 'create session');
  }
  const getSession = async (sid, client = c.quality) => expectStatus(await client.get(`/api/v1/sensemaking-sessions/${sid}`), 200, `GET session ${sid}`);
  async function addAction(sid, extra = {}) {
    const body = { description: `Actie ${unique('a')}`, owner_id: id.coachA, due_date: '2099-12-31', ...extra };
    return expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${sid}/actions`, body), 201, 'add action');
  }
  const actionsOf = async (sid) => expectStatus(await c.quality.get(`/api/v1/sensemaking-actions?session=${sid}&limit=500`), 200).items;
  const actionById = async (aid, sid) => (await actionsOf(sid)).find((a) => a.id === aid);

  async function auditOf(entity, entityId) {
    return expectStatus(await admin.get(`/api/v1/audit?entity=${entity}&entity_id=${entityId}&limit=200`), 200, `audit of ${entity} ${entityId}`).items;
  }
  const auditHead = async () => expectStatus(await admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? 0;
  const sessionsTotal = async () => expectStatus(await c.quality.get('/api/v1/sensemaking-sessions?limit=1'), 200).total;

  before(async () => {
    server = await startServer({ demo: true, args: ['--trust-proxy'] });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'sm-admin@example.org', name: 'Beheer Duiding', roles: ['admin'] });
    admin = await new Client(server).loginOk('sm-admin@example.org');
    const all = expectStatus(await admin.get('/api/v1/teams'), 200).items;
    teams.A = all.find((t) => t.name === 'Wijkteam Centrum');
    teams.B = all.find((t) => t.name === 'Wijkteam Noord');
    const people = [
      ['quality', 'Kwaliteit Duiding', ['quality'], []],
      ['coachA', 'Anna Actiehouder', ['coach'], [teams.A.name]],
      ['coachB', 'Bert Buurcoach', ['coach'], [teams.B.name]],
      ['director', 'Directeur Duiding', ['director'], []],
      ['tm', 'Manager Centrum', ['team_manager'], [teams.A.name]],
      ['funder', 'Financier Gemeente', ['funder'], []],
      ['hr', 'Personeelszaken', ['hr'], []],
    ];
    for (const [key, n, roles, t] of people) {
      id[key] = addUser(db, { org: DEMO_ORG_SLUG, email: `sm-${key.toLowerCase()}@example.org`, name: n, roles, teams: t });
      name[key] = n;
      c[key] = await new Client(server).loginOk(`sm-${key.toLowerCase()}@example.org`);
    }
    // A colleague who left (inactive).
    id.inactive = addUser(db, { org: DEMO_ORG_SLUG, email: 'sm-left@example.org', name: 'Oud Collega', roles: ['coach'] });
    name.inactive = 'Oud Collega';
    expectStatus(await admin.patch(`/api/v1/users/${id.inactive}`, { active: false }), 200, 'deactivate');
    lists = {};
    for (const l of ['story_topic', 'story_valuation', 'story_archetype', 'story_prompt']) {
      lists[l] = expectStatus(await c.quality.get(`/api/v1/lists/${l}`), 200, l).items;
    }
    for (const v of lists.story_topic) topic[v.label] = v;
    for (const v of lists.story_valuation) valuation[v.label] = v;
    for (const v of lists.story_archetype) archetype[v.label] = v;
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ colleagues

  describe('colleagues', () => {
    it('every role but funder: the active users in the work by name, {id, name} only (no e-mail, no roles); not admin, hr or funder accounts', async () => {
      const users = expectStatus(await admin.get('/api/v1/users'), 200).items;
      const inTheWork = (u) => u.roles.some((r) => !['funder', 'hr', 'admin'].includes(r));
      const want = users.filter((u) => u.active && inTheWork(u))
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const key of ['quality', 'coachA', 'director', 'tm', 'hr']) {
        const r = await c[key].get('/api/v1/colleagues');
        const body = expectStatus(r, 200, `colleagues as ${key}`);
        keys(body, ['items'], 'ColleagueList');
        body.items.forEach((u, i) => keys(u, ['id', 'name'], `items[${i}]`));
        assert.deepEqual(body.items, want, `${key}: the organisation's active users by name`);
        assert.ok(!r.text.includes('@'), `no e-mail address anywhere: ${show(r)}`);
        assert.ok(!body.items.some((u) => u.id === id.funder), 'the funder is not a colleague');
        assert.ok(!body.items.some((u) => u.id === id.hr), 'an hr-only account is not offered (it cannot read stories)');
        assert.ok(!body.items.some((u) => u.id === id.inactive), 'an inactive user is not listed');
        assert.ok(body.items.some((u) => u.id === id.coachA) && body.items.some((u) => u.id === id.quality));
      }
      expectStatus(await admin.get('/api/v1/colleagues'), 200, 'admin');
    });

    it('the funder gets 403 problem+json; without a session 401', async () => {
      assertProblem(await c.funder.get('/api/v1/colleagues'), 403, 'forbidden', 'funder');
      assertProblem(await new Client(server).get('/api/v1/colleagues'), 401, 'unauthenticated', 'anonymous');
    });
  });

  // ------------------------------------------------------------------ sessions

  describe('sessions: creating', () => {
    it('hand-picked stories: 201 Session, read back, listed, audited', async () => {
      const s1 = await story({ title: 'Handgekozen een', date: '2019-03-01', topic_id: topic.Schulden.id, valuation_id: valuation.negatief.id });
      const s2 = await story({ title: 'Handgekozen twee', date: '2019-04-01', teller_kind: 'ketenpartner' });
      const body = sessionBody({
        title: 'Handgekozen sessie', participant_ids: [id.coachB, id.coachA], other_participants: 'twee ketenpartners',
        notes: 'We lezen de verhalen over schulden.', story_ids: [s1.id, s2.id],
      });
      const r = await c.quality.post('/api/v1/sensemaking-sessions', body);
      const s = expectStatus(r, 201, 'create');
      assertSession(s, 'hand-picked');
      assert.equal(s.title, 'Handgekozen sessie');
      assert.equal(s.date, '2019-09-01');
      assert.deepEqual(s.facilitator, { id: id.quality, name: name.quality });
      assert.deepEqual([...s.participants].sort((a, b) => a.id - b.id),
        [{ id: id.coachA, name: name.coachA }, { id: id.coachB, name: name.coachB }].sort((a, b) => a.id - b.id));
      assert.equal(s.other_participants, 'twee ketenpartners');
      assert.equal(s.notes, body.notes);
      assert.equal(s.status, 'open');
      assert.equal(s.conclusion, null);
      assert.equal(s.selection, 'hand_picked');
      assert.equal(s.story_filter, null);
      assert.equal(s.story_count, 2);
      assert.deepEqual(idsOf(s.stories), sorted([s1.id, s2.id]));
      const b1 = s.stories.find((x) => x.id === s1.id);
      assert.deepEqual(b1, { id: s1.id, title: s1.title, date: s1.date, teller_kind: 'medewerker', topic: s1.topic, valuation: s1.valuation });
      assert.equal(s.stories.find((x) => x.id === s2.id).teller_kind, 'ketenpartner');
      assert.deepEqual(s.themes, []);
      assert.deepEqual(s.actions, []);
      assert.deepEqual(s.warnings, []);
      assert.deepEqual(await getSession(s.id), s, 'GET answers what POST did');
      assert.deepEqual(await getSession(s.id, c.coachA), s, 'a coach reads it too');
      const list = expectStatus(await c.director.get('/api/v1/sensemaking-sessions?limit=500'), 200);
      assert.deepEqual(list.items.find((x) => x.id === s.id), summaryOf(s), 'listed as a SessionSummary');
      list.items.forEach((x, i) => keys(x, SUMMARY_KEYS, `list.items[${i}]`));
      const audit = await auditOf('sensemaking_session', s.id);
      assert.equal(audit.length, 1, JSON.stringify(audit));
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, { id: id.quality, name: name.quality });
      assert.equal(audit[0].before, null);
      assert.equal(audit[0].after.title, 'Handgekozen sessie');
      assert.equal(audit[0].after.selection, 'hand_picked');
      assert.deepEqual(sorted(audit[0].after.story_ids), sorted([s1.id, s2.id]));
    });

    it('a saved filter: 201, the stories it matches now, the filter answered as given', async () => {
      const marker = unique('FILTER');
      const a = await story({ text: `Over ${marker} in Centrum.`, team_id: teams.A.id, date: '2019-02-02' });
      const b = await story({ text: `Ook ${marker}.`, team_id: teams.A.id, date: '2019-02-03', valuation_id: valuation.positief.id });
      await story({ text: `${marker} maar van Noord.`, team_id: teams.B.id, date: '2019-02-04' });
      await story({ text: `${marker} maar uit 2018.`, team_id: teams.A.id, date: '2018-12-31' });
      const filter = { from: '2019-01-01', to: '2019-12-31', team: teams.A.id, teller: 'medewerker', topic: topic.Werk.id, q: marker };
      const s = await createSession({ story_filter: filter });
      assertSession(s, 'filter');
      assert.equal(s.selection, 'filter');
      assert.deepEqual(s.story_filter, filter);
      assert.equal(s.story_count, 2);
      assert.deepEqual(idsOf(s.stories), sorted([a.id, b.id]));
      const v = await createSession({ story_filter: { q: marker, valuation: valuation.positief.id } });
      assert.deepEqual(idsOf(v.stories), [b.id], 'filter on valuation');
      assert.deepEqual(v.story_filter, { q: marker, valuation: valuation.positief.id });
      assert.deepEqual(await getSession(s.id), s);
    });

    it('exactly one of story_filter and story_ids: neither or both is 422; nothing is created', async () => {
      const st = await story();
      const head = await auditHead();
      const total = await sessionsTotal();
      assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', sessionBody()), ['story_filter'], 'neither');
      assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', sessionBody({ story_filter: { q: 'x' }, story_ids: [st.id] })), ['story_filter'], 'both');
      assert.equal(await sessionsTotal(), total, 'no session created');
      assert.equal(await auditHead(), head, 'no audit entry');
    });

    it('unknown, inactive or unpublished ids and bad fields are 422 naming each field; nothing is created', async () => {
      const st = await story();
      const pending = await pendingStory(`Wachtend ${unique('p')}`);
      const head = await auditHead();
      const total = await sessionsTotal();
      const rows = [
        [{ facilitator_id: MISSING_ID, story_ids: [st.id] }, ['facilitator_id']],
        [{ facilitator_id: id.inactive, story_ids: [st.id] }, ['facilitator_id']],
        [{ participant_ids: [id.coachA, MISSING_ID], story_ids: [st.id] }, ['participant_ids[1]']],
        [{ participant_ids: [id.inactive], story_ids: [st.id] }, ['participant_ids[0]']],
        [{ story_ids: [st.id, MISSING_ID] }, ['story_ids[1]']],
        [{ story_ids: [pending.id] }, ['story_ids[0]']],
        [{ story_ids: Array.from({ length: 501 }, (_, i) => i + 1) }, ['story_ids']],
        [{ story_ids: ['een'] }, ['story_ids']],
        [{ story_filter: { team: MISSING_ID } }, ['story_filter.team']],
        [{ story_filter: { topic: valuation.neutraal.id } }, ['story_filter.topic']],
        [{ story_filter: { valuation: MISSING_ID } }, ['story_filter.valuation']],
        [{ story_filter: { teller: 'buurman' } }, ['story_filter.teller']],
        [{ story_filter: { from: '2019-02-30' } }, ['story_filter.from']],
        [{ story_filter: { to: 'morgen' } }, ['story_filter.to']],
        [{ story_filter: { kleur: 'rood' } }, ['story_filter.kleur']],
        [{ story_filter: 'alles' }, ['story_filter']],
        [{ date: '2019-13-01', story_ids: [st.id] }, ['date']],
        [{ title: '', story_ids: [st.id] }, ['title']],
        [{ title: 'x'.repeat(201), story_ids: [st.id] }, ['title']],
        [{ other_participants: 'x'.repeat(501), story_ids: [st.id] }, ['other_participants']],
        [{ notes: 'x'.repeat(10_001), story_ids: [st.id] }, ['notes']],
        [{ onbekend: 1, story_ids: [st.id] }, ['onbekend']],
      ];
      for (const [extra, fields] of rows) {
        assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', sessionBody(extra)), fields, JSON.stringify(extra).slice(0, 80));
      }
      for (const field of ['title', 'date', 'facilitator_id']) {
        const body = sessionBody({ story_ids: [st.id] });
        delete body[field];
        assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', body), [field], `without ${field}`);
      }
      assert.equal(await sessionsTotal(), total, 'no session created');
      assert.equal(await auditHead(), head, 'no audit entry');
    });

    it('a BSN in title, notes or other participants is 422 and nothing is created; an e-mail address is saved with a warning', async () => {
      const st = await story();
      const head = await auditHead();
      const total = await sessionsTotal();
      for (const [extra, field] of [
        [{ title: `Sessie ${BSN}` }, 'title'],
        [{ notes: `De vader (BSN ${BSN2}) vertelde.` }, 'notes'],
        [{ other_participants: `Buurman ${BSN}` }, 'other_participants'],
      ]) {
        assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', sessionBody({ ...extra, story_ids: [st.id] })), [field], field);
      }
      assert.equal(await sessionsTotal(), total, 'no session created');
      assert.equal(await auditHead(), head, 'no audit entry');
      const s = await createSession({ notes: 'Vragen naar jan.jansen@voorbeeld.nl', story_ids: [st.id] });
      assert.ok(s.warnings.length >= 1 && s.warnings.every((w) => w.field === 'notes'), `a warning on notes: ${JSON.stringify(s.warnings)}`);
      assert.ok(s.warnings.some((w) => /e-?mail/i.test(w.detail)), JSON.stringify(s.warnings));
      s.warnings.forEach((w) => keys(w, ['detail', 'field', 'title'], 'Warning'));
      assert.equal(s.notes, 'Vragen naar jan.jansen@voorbeeld.nl');
      assert.deepEqual((await getSession(s.id)).warnings, [], 'warnings only on the answer to the change');
    });

    it('a saved filter that matches more than 2,000 stories is refused (422); exactly 2,000 is fine', async () => {
      const marker = unique('VEEL');
      let made = 0;
      const worker = async () => {
        while (made < 2000) {
          made += 1;
          const r = await c.quality.post('/api/v1/stories', {
            title: `Veel ${made}`, text: `Een van vele: ${marker}`, date: '2012-03-03', teller_kind: 'medewerker',
            topic_id: topic.Werk.id, valuation_id: valuation.neutraal.id,
          });
          assert.equal(r.status, 201, show(r));
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      const at2000 = await createSession({ story_filter: { q: marker } });
      assert.equal(at2000.story_count, 2000);
      assert.equal(at2000.stories.length, 200, 'the session shows the first 200');
      await story({ text: `Nummer 2001: ${marker}`, date: '2012-03-04' });
      const head = await auditHead();
      const total = await sessionsTotal();
      assertValidation(await c.quality.post('/api/v1/sensemaking-sessions', sessionBody({ story_filter: { q: marker } })), ['story_filter'], '2,001 stories');
      // also when a PATCH sets such a filter
      const small = await createSession({ story_filter: { q: unique('weinig') } });
      const before2 = await getSession(small.id);
      const head2 = await auditHead();
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${small.id}`, { story_filter: { q: marker } }), ['story_filter'], 'PATCH');
      assert.deepEqual(await getSession(small.id), before2, 'the refused PATCH changed nothing');
      assert.equal(await auditHead(), head2);
      assert.equal(await sessionsTotal(), total + 1, 'only the small session was created');
      assert.ok(head2 > head);
    });
  });

  describe('sessions: changing and closing', () => {
    it('PATCH (quality, open): changes what it names, audited with before and after', async () => {
      const st = await story();
      const s = await createSession({ title: 'Voor de wijziging', story_ids: [st.id], participant_ids: [id.coachA] });
      const r = await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, {
        title: 'Na de wijziging', date: '2019-10-10', notes: 'Nieuwe notities', participant_ids: [id.coachB], facilitator_id: id.director,
      });
      const p = expectStatus(r, 200, 'PATCH');
      assertSession(p, 'patched');
      assert.equal(p.title, 'Na de wijziging');
      assert.equal(p.date, '2019-10-10');
      assert.equal(p.notes, 'Nieuwe notities');
      assert.deepEqual(p.facilitator, { id: id.director, name: name.director });
      assert.deepEqual(p.participants, [{ id: id.coachB, name: name.coachB }]);
      assert.deepEqual(idsOf(p.stories), [st.id], 'the stories stay');
      assert.equal(p.other_participants, s.other_participants);
      assert.ok(p.updated_at >= s.updated_at);
      assert.deepEqual({ ...await getSession(s.id), warnings: [] }, { ...p, warnings: [] });
      const audit = await auditOf('sensemaking_session', s.id);
      assert.equal(audit.length, 2);
      const u = audit.find((e) => e.action === 'update');
      assert.deepEqual(u.actor, { id: id.quality, name: name.quality });
      assert.equal(u.before.title, 'Voor de wijziging');
      assert.equal(u.after.title, 'Na de wijziging');
      assert.deepEqual(u.before.participant_ids, [id.coachA]);
      assert.deepEqual(u.after.participant_ids, [id.coachB]);
    });

    it('PATCH switches between hand-picked and a filter; both at once is 422', async () => {
      const marker = unique('WISSEL');
      const a = await story({ text: marker });
      const b = await story({ text: 'Zonder het kenmerk.' });
      const s = await createSession({ story_ids: [b.id] });
      const f = expectStatus(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { story_filter: { q: marker } }), 200);
      assert.equal(f.selection, 'filter');
      assert.deepEqual(f.story_filter, { q: marker });
      assert.deepEqual(idsOf(f.stories), [a.id]);
      const h = expectStatus(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { story_ids: [a.id, b.id] }), 200);
      assert.equal(h.selection, 'hand_picked');
      assert.equal(h.story_filter, null);
      assert.deepEqual(idsOf(h.stories), sorted([a.id, b.id]));
      const before1 = await getSession(s.id);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { story_filter: { q: marker }, story_ids: [a.id] }), ['story_filter']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { facilitator_id: MISSING_ID }), ['facilitator_id']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { story_ids: [MISSING_ID] }), ['story_ids[0]']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { title: '' }), ['title']);
      assert.deepEqual(await getSession(s.id), before1, 'refused PATCHes changed nothing');
    });

    it('a BSN in a PATCH is 422 and changes nothing (re-read), no audit entry', async () => {
      const s = await createSession({ story_ids: [(await story()).id], notes: 'Oude notities' });
      const before1 = await getSession(s.id);
      const head = await auditHead();
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { notes: `BSN ${BSN}`, title: 'Mag niet' }), ['notes']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { title: `Sessie ${BSN2}` }), ['title']);
      assert.deepEqual(await getSession(s.id), before1, 'nothing changed');
      assert.equal(await auditHead(), head, 'no audit entry');
      const w = expectStatus(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { notes: 'Bel 06-12345678' }), 200);
      assert.ok(w.warnings.some((x) => x.field === 'notes' && /phone/i.test(x.detail)), `phone warning: ${JSON.stringify(w.warnings)}`);
    });

    it('a filter session: its stories change while open and are frozen when it closes', async () => {
      const marker = unique('LEVEND');
      const a1 = await story({ text: `Eerste ${marker}`, date: '2019-01-10' });
      const a2 = await story({ text: `Tweede ${marker}`, date: '2019-01-11' });
      const s = await createSession({ story_filter: { q: marker } });
      assert.equal(s.story_count, 2);
      const a3 = await story({ text: `Derde ${marker}`, date: '2019-01-12' });
      const open = await getSession(s.id);
      assert.equal(open.story_count, 3, 'a new matching story joins the open session');
      assert.deepEqual(idsOf(open.stories), sorted([a1.id, a2.id, a3.id]));
      const listed = expectStatus(await c.quality.get('/api/v1/sensemaking-sessions?status=open&limit=500'), 200).items.find((x) => x.id === s.id);
      assert.equal(listed.story_count, 3);
      const r = await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'We zagen drie verhalen.' });
      const closed = expectStatus(r, 200, 'close');
      assertSession(closed, 'closed');
      assert.equal(closed.status, 'closed');
      assert.equal(closed.conclusion, 'We zagen drie verhalen.');
      assert.deepEqual(closed.closed_by, { id: id.quality, name: name.quality });
      assert.equal(closed.story_count, 3);
      assert.equal(closed.selection, 'filter');
      assert.deepEqual(closed.story_filter, { q: marker }, 'the filter is still shown');
      const a4 = await story({ text: `Vierde ${marker}`, date: '2019-01-13' });
      const frozen = await getSession(s.id);
      assert.equal(frozen.story_count, 3, 'a story added after closing is not in the session');
      assert.deepEqual(idsOf(frozen.stories), sorted([a1.id, a2.id, a3.id]));
      assert.ok(!frozen.stories.some((x) => x.id === a4.id));
      assert.deepEqual({ ...frozen, warnings: [] }, { ...closed, warnings: [] });
      const summary = expectStatus(await c.quality.get('/api/v1/sensemaking-sessions?status=closed&limit=500'), 200).items.find((x) => x.id === s.id);
      assert.equal(summary.story_count, 3);
      assert.equal(summary.status, 'closed');
      const audit = await auditOf('sensemaking_session', s.id);
      const close = audit.find((e) => e.action === 'update');
      assert.ok(close, JSON.stringify(audit));
      assert.equal(close.before.status, 'open');
      assert.equal(close.after.status, 'closed');
      assert.equal(close.after.conclusion, 'We zagen drie verhalen.');
      assert.deepEqual(sorted(close.after.story_ids), sorted([a1.id, a2.id, a3.id]), 'the audit entry names the frozen stories');
      // A theme of the closed session cannot be added, but the frozen stories are what a
      // best practice may cite it for (see best practices).
    });

    it('closing needs a conclusion (422); a BSN in it is 422 and the session stays open; an e-mail address warns', async () => {
      const s = await createSession({ story_ids: [(await story()).id] });
      const before1 = await getSession(s.id);
      const head = await auditHead();
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, {}), ['conclusion']);
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: '   ' }), ['conclusion']);
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: `Zie BSN ${BSN}` }), ['conclusion']);
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'x'.repeat(10_001) }), ['conclusion']);
      assert.deepEqual(await getSession(s.id), before1, 'still open, unchanged');
      assert.equal(await auditHead(), head, 'no audit entry');
      const closed = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'Mail kwaliteit@voorbeeld.nl voor het verslag.' }), 200);
      assert.equal(closed.status, 'closed');
      assert.ok(closed.warnings.some((w) => w.field === 'conclusion' && /e-?mail/i.test(w.detail)), JSON.stringify(closed.warnings));
    });

    it('a closed session refuses PATCH, themes, theme changes and closing again (409, nothing changed) but takes new actions', async () => {
      const st = await story();
      const s = await createSession({ story_ids: [st.id] });
      const theme = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Thema', story_ids: [st.id] }), 201);
      expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'Klaar.' }), 200);
      const closed = await getSession(s.id);
      const head = await auditHead();
      assertProblem(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, { title: 'Toch anders' }), 409, 'conflict', 'PATCH');
      assertProblem(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Nog een thema' }), 409, 'conflict', 'POST themes');
      assertProblem(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}/themes/${theme.id}`, { title: 'Anders' }), 409, 'conflict', 'PATCH theme');
      assertProblem(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'Nog eens.' }), 409, 'conflict', 'close again');
      assert.deepEqual(await getSession(s.id), closed, 'nothing changed');
      assert.equal(await auditHead(), head, 'no audit entry');
      const a = await addAction(s.id, { theme_id: theme.id });
      assert.equal(a.status, 'open');
      assert.deepEqual(a.session, { id: s.id, title: s.title, date: s.date });
      const after1 = await getSession(s.id);
      assert.equal(after1.status, 'closed');
      assert.equal(after1.action_count, 1);
      assert.equal(after1.open_action_count, 1);
      assert.deepEqual(after1.actions.map((x) => x.id), [a.id]);
      // and the action moves on
      expectStatus(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }), 200);
    });

    it('GET /sensemaking-sessions: from, to, status, paging; a bad query is 400', async () => {
      const st = await story();
      const mine = [];
      for (const date of ['2031-01-01', '2031-02-01', '2031-03-01']) mine.push(await createSession({ date, story_ids: [st.id] }));
      expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${mine[1].id}/close`, { conclusion: 'Klaar.' }), 200);
      const page = async (q) => expectStatus(await c.coachA.get(`/api/v1/sensemaking-sessions?${q}`), 200, q);
      const all = await page('from=2031-01-01&to=2031-12-31');
      assert.equal(all.total, 3);
      assert.deepEqual(all.items.map((x) => x.id), [mine[2].id, mine[1].id, mine[0].id], 'latest date first');
      assert.deepEqual((await page('from=2031-01-01&to=2031-12-31&status=closed')).items.map((x) => x.id), [mine[1].id]);
      assert.deepEqual((await page('from=2031-01-01&to=2031-12-31&status=open')).items.map((x) => x.id), [mine[2].id, mine[0].id]);
      assert.deepEqual((await page('from=2031-01-15&to=2031-02-15')).items.map((x) => x.id), [mine[1].id]);
      const p2 = await page('from=2031-01-01&to=2031-12-31&limit=1&offset=1');
      assert.equal(p2.total, 3);
      assert.deepEqual(p2.items.map((x) => x.id), [mine[1].id]);
      for (const q of ['status=afgesloten', 'from=2031-02-30', 'to=gisteren', 'limit=0', 'limit=501', 'offset=-1']) {
        assertProblem(await c.coachA.get(`/api/v1/sensemaking-sessions?${q}`), 400, 'bad-request', q);
      }
      assertProblem(await c.quality.get(`/api/v1/sensemaking-sessions/${MISSING_ID}`), 404, 'not-found');
      assertProblem(await c.quality.get('/api/v1/sensemaking-sessions/abc'), 404, 'not-found');
    });
  });

  // ------------------------------------------------------------------ themes

  describe('themes', () => {
    it('a theme links only the session\'s stories; create, change, audited; BSN refused without a change; e-mail warns', async () => {
      const h1 = await story({ title: 'Thema een' });
      const h2 = await story({ title: 'Thema twee' });
      const h3 = await story({ title: 'Niet in de sessie' });
      const s = await createSession({ story_ids: [h1.id, h2.id] });
      const r = await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Wachten op instanties', description: 'Lange wachttijden.', story_ids: [h1.id] });
      const t = expectStatus(r, 201, 'theme');
      keys(t, THEME_KEYS, 'Theme');
      assert.equal(t.title, 'Wachten op instanties');
      assert.equal(t.description, 'Lange wachttijden.');
      assert.deepEqual(t.story_ids, [h1.id]);
      assert.deepEqual(t.warnings, []);
      const head = await auditHead();
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Fout', story_ids: [h1.id, h3.id] }), ['story_ids[1]'], 'a story outside the session');
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Fout', story_ids: [MISSING_ID] }), ['story_ids[0]'], 'a missing story');
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { description: 'zonder titel' }), ['title'], 'no title');
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Fout', description: `BSN ${BSN}` }), ['description'], 'BSN');
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: `Thema ${BSN2}` }), ['title'], 'BSN in title');
      assert.equal(await auditHead(), head, 'no audit entry for refusals');
      assert.deepEqual((await getSession(s.id)).themes, [{ ...t }], 'one theme');

      const p = expectStatus(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}/themes/${t.id}`, { title: 'Wachttijden', story_ids: [h1.id, h2.id] }), 200);
      keys(p, THEME_KEYS, 'Theme (PATCH)');
      assert.equal(p.title, 'Wachttijden');
      assert.equal(p.description, 'Lange wachttijden.', 'description unchanged');
      assert.deepEqual(sorted(p.story_ids), sorted([h1.id, h2.id]));
      const afterPatch = await getSession(s.id);
      assert.equal(afterPatch.theme_count, 1);
      const head2 = await auditHead();
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}/themes/${t.id}`, { story_ids: [h3.id] }), ['story_ids[0]']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}/themes/${t.id}`, { description: `Vader ${BSN}`, title: 'Mag niet' }), ['description']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}/themes/${t.id}`, { title: '' }), ['title']);
      assert.deepEqual(await getSession(s.id), afterPatch, 'refused theme changes changed nothing');
      assert.equal(await auditHead(), head2);

      const w = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Contact', description: 'Via info@voorbeeld.nl' }), 201);
      assert.ok(w.warnings.some((x) => x.field === 'description' && /e-?mail/i.test(x.detail)), JSON.stringify(w.warnings));
      assert.deepEqual(w.story_ids, []);

      const audit = await auditOf('sensemaking_theme', t.id);
      assert.deepEqual(audit.map((e) => e.action).sort(), ['create', 'update']);
      const create = audit.find((e) => e.action === 'create');
      assert.deepEqual(create.actor, { id: id.quality, name: name.quality });
      assert.equal(create.after.title, 'Wachten op instanties');
      assert.deepEqual(create.after.story_ids, [h1.id]);
      const update = audit.find((e) => e.action === 'update');
      assert.equal(update.before.title, 'Wachten op instanties');
      assert.equal(update.after.title, 'Wachttijden');
    });

    it('in a filter session a theme may link what the filter matches now, nothing else', async () => {
      const marker = unique('THEMA');
      const inside = await story({ text: marker });
      const outside = await story({ text: 'Iets anders.' });
      const s = await createSession({ story_filter: { q: marker } });
      const later = await story({ text: `Later ${marker}` });
      const t = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Gevonden', story_ids: [inside.id, later.id] }), 201);
      assert.deepEqual(sorted(t.story_ids), sorted([inside.id, later.id]));
      assertValidation(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Fout', story_ids: [outside.id] }), ['story_ids[0]']);
    });

    // docs/openapi.json: "Its `story_ids` must be stories the session looks at." A PATCH
    // that changes the session's selection must keep that true: either it is refused, or
    // the themes keep only links to stories the session still looks at.
    // FAILS until the server is fixed: a PATCH of story_ids / story_filter leaves the
    // themes' old links in place (reported with this test).
    it('after a PATCH of the selection, every theme still links only stories the session looks at', async () => {
      const marker = unique('KEUZE');
      const h1 = await story({ text: marker });
      const h2 = await story({ text: 'Een ander verhaal.' });
      const h3 = await story({ text: 'Nog een ander verhaal.' });
      const s = await createSession({ story_ids: [h1.id, h2.id] });
      expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Eerste keuze', story_ids: [h1.id, h2.id] }), 201);
      const failures = [];
      for (const change of [{ story_ids: [h2.id, h3.id] }, { story_filter: { q: unique('NIETS') } }]) {
        const r = await c.quality.patch(`/api/v1/sensemaking-sessions/${s.id}`, change);
        if (r.status >= 400) {
          assert.ok([409, 422].includes(r.status), show(r));
          continue;
        }
        const now = await getSession(s.id);
        const looked = new Set(now.stories.map((x) => x.id));
        for (const t of now.themes) {
          const stray = t.story_ids.filter((x) => !looked.has(x));
          if (stray.length > 0) failures.push(`after PATCH ${JSON.stringify(change)} the session looks at [${[...looked]}] but theme ${t.id} links [${t.story_ids}] (not looked at: [${stray}])`);
        }
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });

    it('a theme under another session, or a missing one, is 404', async () => {
      const st = await story();
      const s1 = await createSession({ story_ids: [st.id] });
      const s2 = await createSession({ story_ids: [st.id] });
      const t = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s1.id}/themes`, { title: 'Van sessie 1' }), 201);
      assertProblem(await c.quality.patch(`/api/v1/sensemaking-sessions/${s2.id}/themes/${t.id}`, { title: 'Gekaapt' }), 404, 'not-found', 'another session\'s theme');
      assertProblem(await c.quality.patch(`/api/v1/sensemaking-sessions/${s1.id}/themes/${MISSING_ID}`, { title: 'x' }), 404, 'not-found');
      assertProblem(await c.quality.post(`/api/v1/sensemaking-sessions/${MISSING_ID}/themes`, { title: 'x' }), 404, 'not-found');
      assert.equal((await getSession(s1.id)).themes[0].title, 'Van sessie 1');
    });
  });

  // ------------------------------------------------------------------ actions

  describe('actions', () => {
    let session;
    let theme;
    before(async () => {
      const st = await story();
      session = await createSession({ title: 'Acties', story_ids: [st.id] });
      theme = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${session.id}/themes`, { title: 'Acties thema' }), 201);
    });

    it('quality agrees an action: 201 Action, in the session, audited; bad owner, theme, date or text is 422', async () => {
      const r = await c.quality.post(`/api/v1/sensemaking-sessions/${session.id}/actions`, {
        description: 'Werkafspraak met de GGZ', owner_id: id.coachA, due_date: '2099-06-30', theme_id: theme.id,
      });
      const a = expectStatus(r, 201, 'action');
      assertAction(a, 'created');
      assert.deepEqual(a.session, { id: session.id, title: session.title, date: session.date });
      assert.equal(a.theme_id, theme.id);
      assert.equal(a.description, 'Werkafspraak met de GGZ');
      assert.deepEqual(a.owner, { id: id.coachA, name: name.coachA });
      assert.equal(a.due_date, '2099-06-30');
      assert.equal(a.status, 'open');
      assert.equal(a.outcome_kind, null);
      assert.equal(a.outcome, '');
      assert.equal(a.overdue, false);
      assert.equal(a.closed_at, null);
      assert.deepEqual(a.warnings, []);
      assert.deepEqual(await actionById(a.id, session.id), a);
      const s = await getSession(session.id);
      assert.ok(s.actions.some((x) => x.id === a.id));
      const audit = await auditOf('sensemaking_action', a.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, { id: id.quality, name: name.quality });
      assert.equal(audit[0].after.owner_id, id.coachA);
      assert.equal(audit[0].after.status, 'open');

      const other = await createSession({ story_ids: [(await story()).id] });
      const otherTheme = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${other.id}/themes`, { title: 'Ander thema' }), 201);
      const head = await auditHead();
      const count = (await actionsOf(session.id)).length;
      const bad = (extra) => c.quality.post(`/api/v1/sensemaking-sessions/${session.id}/actions`, { description: 'Fout', owner_id: id.coachA, due_date: '2099-01-01', ...extra });
      assertValidation(await bad({ owner_id: MISSING_ID }), ['owner_id']);
      assertValidation(await bad({ owner_id: id.inactive }), ['owner_id']);
      assertValidation(await bad({ theme_id: otherTheme.id }), ['theme_id']);
      assertValidation(await bad({ theme_id: MISSING_ID }), ['theme_id']);
      assertValidation(await bad({ due_date: '2099-02-30' }), ['due_date']);
      assertValidation(await bad({ due_date: undefined }), ['due_date']);
      assertValidation(await bad({ description: '' }), ['description']);
      assertValidation(await bad({ description: `BSN ${BSN}` }), ['description']);
      assertValidation(await bad({ status: 'done' }), ['status']);
      assertProblem(await c.quality.post(`/api/v1/sensemaking-sessions/${MISSING_ID}/actions`, { description: 'x', owner_id: id.coachA, due_date: '2099-01-01' }), 404, 'not-found');
      assert.equal((await actionsOf(session.id)).length, count, 'no action added');
      assert.equal(await auditHead(), head, 'no audit entry');
      const w = await addAction(session.id, { description: 'Bel 010-1234567 voor de afspraak' });
      assert.ok(w.warnings.some((x) => x.field === 'description' && /phone/i.test(x.detail)), JSON.stringify(w.warnings));
    });

    it('the owner moves it on (in_progress, done with outcome_kind and outcome); done is final (409)', async () => {
      const a = await addAction(session.id);
      const p = expectStatus(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }), 200, 'in_progress');
      assertAction(p, 'in progress');
      assert.equal(p.status, 'in_progress');
      const before1 = await actionById(a.id, session.id);
      const head = await auditHead();
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done' }), ['outcome_kind', 'outcome'], 'done without anything');
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'method' }), ['outcome'], 'done without outcome');
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome: 'Iets' }), ['outcome_kind'], 'done without outcome_kind');
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'method', outcome: '   ' }), ['outcome'], 'blank outcome');
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'cursus', outcome: 'x' }), ['outcome_kind']);
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'klaar' }), ['status']);
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'method', outcome: `BSN ${BSN}` }), ['outcome']);
      assert.deepEqual(await actionById(a.id, session.id), before1, 'refusals changed nothing');
      assert.equal(await auditHead(), head);
      const d = expectStatus(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'procedure', outcome: 'Procedure overbrugging vastgesteld.' }), 200, 'done');
      assertAction(d, 'done');
      assert.equal(d.status, 'done');
      assert.equal(d.outcome_kind, 'procedure');
      assert.equal(d.outcome, 'Procedure overbrugging vastgesteld.');
      assert.match(d.closed_at, ISO_UTC);
      assert.equal(d.overdue, false);
      const done = await actionById(a.id, session.id);
      for (const [client, body] of [[c.coachA, { status: 'in_progress' }], [c.coachA, { outcome: 'Toch anders' }], [c.quality, { status: 'open' }], [c.quality, { due_date: '2100-01-01' }]]) {
        assertProblem(await client.patch(`/api/v1/sensemaking-actions/${a.id}`, body), 409, 'conflict', `after done: ${JSON.stringify(body)}`);
      }
      assert.deepEqual(await actionById(a.id, session.id), done, 'a done action stays as it was');
      const audit = await auditOf('sensemaking_action', a.id);
      assert.deepEqual(audit.map((e) => e.action).sort(), ['create', 'update', 'update']);
      const last = audit.find((e) => e.action === 'update' && e.after.status === 'done');
      assert.deepEqual(last.actor, { id: id.coachA, name: name.coachA }, 'the owner is the actor');
      assert.equal(last.before.status, 'in_progress');
      assert.equal(last.after.outcome_kind, 'procedure');
    });

    it('dropped needs an outcome (why); then final', async () => {
      const a = await addAction(session.id);
      assertValidation(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'dropped' }), ['outcome']);
      const d = expectStatus(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'dropped', outcome: 'Niet meer nodig.' }), 200);
      assert.equal(d.status, 'dropped');
      assert.equal(d.outcome_kind, null);
      assert.match(d.closed_at, ISO_UTC);
      assertProblem(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'open' }), 409, 'conflict');
      assertProblem(await c.quality.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'done', outcome_kind: 'other', outcome: 'x' }), 409, 'conflict');
    });

    it('the owner may not change due date, owner or description (403); another coach or the director may not touch it (403); nothing changes', async () => {
      const a = await addAction(session.id);
      const before1 = await actionById(a.id, session.id);
      const head = await auditHead();
      for (const body of [{ due_date: '2100-01-01' }, { owner_id: id.coachB }, { description: 'Iets anders' }, { status: 'in_progress', due_date: '2100-01-01' }]) {
        assertProblem(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, body), 403, 'forbidden', `owner: ${JSON.stringify(body)}`);
      }
      for (const key of ['coachB', 'director', 'tm']) {
        assertProblem(await c[key].patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }), 403, 'forbidden', key);
      }
      assert.deepEqual(await actionById(a.id, session.id), before1, 'nothing changed');
      assert.equal(await auditHead(), head, 'no audit entry');
      assertProblem(await c.coachA.patch(`/api/v1/sensemaking-actions/${MISSING_ID}`, { status: 'in_progress' }), 404, 'not-found');
    });

    it('quality changes due date, owner and description; then the new owner moves it on and the old one may not', async () => {
      const a = await addAction(session.id);
      const p = expectStatus(await c.quality.patch(`/api/v1/sensemaking-actions/${a.id}`, { due_date: '2098-01-01', owner_id: id.coachB, description: 'Nieuw omschreven' }), 200);
      assert.equal(p.due_date, '2098-01-01');
      assert.deepEqual(p.owner, { id: id.coachB, name: name.coachB });
      assert.equal(p.description, 'Nieuw omschreven');
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-actions/${a.id}`, { owner_id: id.inactive }), ['owner_id']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-actions/${a.id}`, { due_date: 'volgende week' }), ['due_date']);
      assertValidation(await c.quality.patch(`/api/v1/sensemaking-actions/${a.id}`, { description: '' }), ['description']);
      assertProblem(await c.coachA.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }), 403, 'forbidden', 'the old owner');
      assert.equal(expectStatus(await c.coachB.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }), 200).status, 'in_progress');
      const audit = await auditOf('sensemaking_action', a.id);
      const change = audit.find((e) => e.action === 'update' && e.after.owner_id === id.coachB && e.before.owner_id === id.coachA);
      assert.ok(change, JSON.stringify(audit));
      assert.equal(change.before.due_date, '2099-12-31');
      assert.equal(change.after.due_date, '2098-01-01');
    });

    // docs/openapi.json: the owner must be an active user of the organisation, and the
    // action's owner may PATCH it. A user whose roles do not read stories (hr, admin, funder)
    // must then either be refused as owner (422) or be able to move their action on —
    // never an action that its owner cannot touch. (The funder is not even offered by
    // GET /colleagues.) FAILS until the server is fixed: such owners are accepted (201)
    // and then get 403 on GET /sensemaking-actions and on PATCH (reported with this test).
    it('an owner whose roles do not read stories (hr, admin, funder) is refused as owner or can move the action on', async () => {
      const failures = [];
      for (const [key, client] of [['hr', c.hr], ['admin', admin], ['funder', c.funder]]) {
        const r = await c.quality.post(`/api/v1/sensemaking-sessions/${session.id}/actions`, { description: `Voor ${key}`, owner_id: client.me.id, due_date: '2099-01-01' });
        if (r.status === 422) continue;
        const a = expectStatus(r, 201, `action owned by ${key}`);
        const mine = await client.get('/api/v1/sensemaking-actions?owner=me');
        if (mine.status !== 200) failures.push(`${key} owns action ${a.id} but GET /sensemaking-actions?owner=me is ${mine.status}`);
        const p = await client.patch(`/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' });
        if (p.status !== 200) failures.push(`${key} owns action ${a.id} but PATCH {status: in_progress} is ${show(p).slice(0, 200)}`);
      }
      assert.deepEqual(failures, [], `an action its owner cannot touch:\n${failures.join('\n')}`);
    });

    it('overdue: open past the due date; ?owner=me&open=true&overdue=true and the other filters', async () => {
      const s = await createSession({ title: 'Termijnen', story_ids: [(await story()).id] });
      const o1 = await addAction(s.id, { due_date: '2020-01-01', description: 'Te laat, open' });
      const o2 = await addAction(s.id, { due_date: '2099-01-01', description: 'Op tijd' });
      const o3 = await addAction(s.id, { due_date: '2020-01-02', description: 'Te laat maar klaar' });
      const o4 = await addAction(s.id, { due_date: '2020-01-03', owner_id: id.coachB, description: 'Te laat, van Bert' });
      const o5 = await addAction(s.id, { due_date: today(), description: 'Vandaag' });
      assert.equal(o1.overdue, true, 'past its due date');
      assert.equal(o2.overdue, false);
      assert.equal(o5.overdue, false, 'due today is not overdue yet');
      const d = expectStatus(await c.coachA.patch(`/api/v1/sensemaking-actions/${o3.id}`, { status: 'done', outcome_kind: 'training', outcome: 'Training gegeven.' }), 200);
      assert.equal(d.overdue, false, 'done is never overdue');
      const ids = async (client, q) => {
        const page = expectStatus(await client.get(`/api/v1/sensemaking-actions?${q}`), 200, q);
        page.items.forEach((a, i) => assertAction(a, `${q} items[${i}]`));
        assert.equal(page.total, page.items.length, `${q}: total`);
        return page.items.map((a) => a.id);
      };
      assert.deepEqual(await ids(c.quality, `session=${s.id}`), [o1.id, o3.id, o4.id, o5.id, o2.id], 'by due date');
      assert.deepEqual(await ids(c.quality, `session=${s.id}&open=true`), [o1.id, o4.id, o5.id, o2.id]);
      assert.deepEqual(await ids(c.quality, `session=${s.id}&overdue=true`), [o1.id, o4.id]);
      assert.deepEqual(await ids(c.quality, `session=${s.id}&owner=${id.coachB}`), [o4.id]);
      assert.deepEqual(await ids(c.coachA, `session=${s.id}&owner=me&open=true&overdue=true`), [o1.id]);
      assert.deepEqual(await ids(c.coachB, `session=${s.id}&owner=me&open=true&overdue=true`), [o4.id]);
      assert.deepEqual(await ids(c.quality, `session=${s.id}&open=false&overdue=false`), [o1.id, o3.id, o4.id, o5.id, o2.id], 'false is no filter');
      // across sessions: what coachA has to do and is late with
      const mine = expectStatus(await c.coachA.get('/api/v1/sensemaking-actions?owner=me&open=true&overdue=true&limit=500'), 200);
      assert.ok(mine.items.some((a) => a.id === o1.id));
      for (const a of mine.items) {
        assert.equal(a.owner.id, id.coachA);
        assert.ok(a.status === 'open' || a.status === 'in_progress');
        assert.equal(a.overdue, true);
        assert.ok(a.due_date < today());
      }
      const page = expectStatus(await c.director.get(`/api/v1/sensemaking-actions?session=${s.id}&limit=2&offset=1`), 200);
      assert.equal(page.total, 5);
      assert.deepEqual(page.items.map((a) => a.id), [o3.id, o4.id]);
      for (const q of ['open=yes', 'overdue=1', 'owner=iemand', 'owner=0', 'session=abc', 'limit=501', 'limit=0']) {
        assertProblem(await c.quality.get(`/api/v1/sensemaking-actions?${q}`), 400, 'bad-request', q);
      }
      const sess = await getSession(s.id);
      assert.equal(sess.action_count, 5);
      assert.equal(sess.open_action_count, 4);
      assert.equal(sess.actions.find((a) => a.id === o1.id).overdue, true);
    });
  });

  // ------------------------------------------------------------------ best practices

  describe('best practices', () => {
    it('quality promotes a published story: 201 BestPractice (concept), audited; a second time 409', async () => {
      const st = await story({ title: 'Samen naar de corporatie', date: '2019-07-07' });
      const r = await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'Samen optrekken voorkomt uitzetting.' });
      const b = expectStatus(r, 201, 'promote');
      keys(b, BEST_PRACTICE_KEYS, 'BestPractice');
      assert.equal(b.title, 'Samen naar de corporatie', 'the story\'s title by default');
      assert.equal(b.summary, 'Samen optrekken voorkomt uitzetting.');
      assert.equal(b.status, 'concept');
      assert.deepEqual(b.story, { id: st.id, title: st.title, date: '2019-07-07' });
      assert.equal(b.session, null);
      assert.deepEqual(b.created_by, { id: id.quality, name: name.quality });
      assert.match(b.created_at, ISO_UTC);
      const list = expectStatus(await c.coachA.get(`/api/v1/best-practices?story=${st.id}`), 200);
      keys(list, ['items', 'total', 'total_exact'], 'BestPracticePage');
      assert.equal(list.total, 1);
      assert.deepEqual(list.items, [{ ...b, warnings: [] }]);
      const audit = await auditOf('best_practice', b.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].action, 'create');
      assert.deepEqual(audit[0].actor, { id: id.quality, name: name.quality });
      assert.equal(audit[0].after.story_id, st.id);
      assert.equal(audit[0].after.status, 'concept');
      const head = await auditHead();
      assertProblem(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'Nog eens' }), 409, 'conflict', 'second time');
      assert.equal(await auditHead(), head);
      assert.equal(expectStatus(await c.quality.get(`/api/v1/best-practices?story=${st.id}`), 200).total, 1);
    });

    it('session_id must be a session that looked at the story (422); with one it is linked', async () => {
      const st = await story({ title: 'Met sessie' });
      const other = await story({ title: 'Andere' });
      const looked = await createSession({ title: 'Keek ernaar', story_ids: [st.id] });
      const notLooked = await createSession({ story_ids: [other.id] });
      const head = await auditHead();
      assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'x', session_id: notLooked.id }), ['session_id'], 'a session that did not look at it');
      assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'x', session_id: MISSING_ID }), ['session_id'], 'no such session');
      assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, {}), ['summary'], 'no summary');
      assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: `BSN ${BSN}` }), ['summary'], 'BSN');
      assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: 'x', title: `Titel ${BSN2}` }), ['title'], 'BSN in title');
      assert.equal(await auditHead(), head, 'nothing written');
      assert.equal(expectStatus(await c.quality.get(`/api/v1/best-practices?story=${st.id}`), 200).total, 0);
      const b = expectStatus(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { title: 'Eigen titel', summary: 'Mail ons: team@voorbeeld.nl', session_id: looked.id }), 201);
      assert.equal(b.title, 'Eigen titel');
      assert.deepEqual(b.session, { id: looked.id, title: looked.title, date: looked.date });
      assert.ok(b.warnings.some((w) => w.field === 'summary'), JSON.stringify(b.warnings));
    });

    it('GET sessions?story= lists exactly the sessions a best practice may cite: hand-picked, a live filter, a frozen one', async () => {
      const marker = unique('GEKEKEN');
      const st = await story({ text: marker });
      const other = await story({ title: 'Niet bekeken' });
      const picked = await createSession({ title: 'Zelf gekozen', story_ids: [st.id] });
      const live = await createSession({ title: 'Filter open', story_filter: { q: marker } });
      const frozen = await createSession({ title: 'Filter dicht', story_filter: { q: marker } });
      expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${frozen.id}/close`, { conclusion: 'Klaar.' }), 200);
      await createSession({ title: 'Ander verhaal', story_ids: [other.id] });
      await createSession({ title: 'Ander filter', story_filter: { q: unique('NIETS') } });
      const list = expectStatus(await c.quality.get(`/api/v1/sensemaking-sessions?story=${st.id}&limit=500`), 200);
      assert.deepEqual(list.items.map((x) => x.id).sort((a, b) => a - b), [picked.id, live.id, frozen.id].sort((a, b) => a - b));
      assert.equal(list.total, 3);
      // every session offered is accepted by the best-practice form; the first page of one
      assert.equal(expectStatus(await c.quality.get(`/api/v1/sensemaking-sessions?story=${st.id}&limit=1&offset=2`), 200).items.length, 1);
      for (const session of list.items) assertValidation(await c.quality.post(`/api/v1/stories/${st.id}/best-practice`, { summary: '' , session_id: session.id }), ['summary'], `only the summary is wrong with ${session.title}`);
      // a story added to the frozen session's filter afterwards is not in it
      const later = await story({ text: `Later ${marker}` });
      const forLater = expectStatus(await c.quality.get(`/api/v1/sensemaking-sessions?story=${later.id}`), 200);
      assert.deepEqual(forLater.items.map((x) => x.id), [live.id]);
      assert.deepEqual(expectStatus(await c.quality.get(`/api/v1/sensemaking-sessions?story=${MISSING_ID}`), 200), { items: [], total: 0, total_exact: true });
      for (const q of ['story=abc', 'story=0', 'story=-1']) assertProblem(await c.quality.get(`/api/v1/sensemaking-sessions?${q}`), 400, 'bad-request', q);
    });

    it('a closed filter session counts the stories it froze: a story added later cannot cite it', async () => {
      const marker = unique('BEVROREN');
      const seen = await story({ text: marker });
      const s = await createSession({ story_filter: { q: marker } });
      expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'Klaar.' }), 200);
      const later = await story({ text: `Later ${marker}` });
      assertValidation(await c.quality.post(`/api/v1/stories/${later.id}/best-practice`, { summary: 'x', session_id: s.id }), ['session_id']);
      const b = expectStatus(await c.quality.post(`/api/v1/stories/${seen.id}/best-practice`, { summary: 'Gezien.', session_id: s.id }), 201);
      assert.equal(b.session.id, s.id);
    });

    it('a pending or missing story is 404; ?story= filters, paging and a bad query (400)', async () => {
      const pending = await pendingStory(`Wachtend bp ${unique('p')}`);
      assertProblem(await c.quality.post(`/api/v1/stories/${pending.id}/best-practice`, { summary: 'x' }), 404, 'not-found', 'pending');
      assertProblem(await c.quality.post(`/api/v1/stories/${MISSING_ID}/best-practice`, { summary: 'x' }), 404, 'not-found', 'missing');
      const none = await story();
      assert.deepEqual(expectStatus(await c.quality.get(`/api/v1/best-practices?story=${none.id}`), 200), { items: [], total: 0, total_exact: true });
      const all = expectStatus(await c.director.get('/api/v1/best-practices?limit=500'), 200);
      assert.ok(all.total >= 3);
      assert.equal(all.items.length, all.total);
      all.items.forEach((b, i) => keys(b, BEST_PRACTICE_KEYS, `items[${i}]`));
      const times = all.items.map((b) => b.created_at);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
      const p = expectStatus(await c.director.get('/api/v1/best-practices?limit=1&offset=1'), 200);
      assert.equal(p.total, all.total);
      assert.deepEqual(p.items, [all.items[1]]);
      for (const q of ['story=abc', 'story=0', 'limit=0', 'limit=501']) assertProblem(await c.quality.get(`/api/v1/best-practices?${q}`), 400, 'bad-request', q);
    });
  });

  // ------------------------------------------------------------------ export

  describe('export', () => {
    const marker = unique('EXPORT');
    const ex = {}; // E1 … E4
    let prompt;

    before(async () => {
      prompt = expectStatus(await c.quality.post('/api/v1/lists/story_prompt', { label: 'Wat leerde je?', label_en: 'What did you learn?' }), 201);
      ex.E1 = await story({
        title: '=SUM(A1)', text: `${marker} met ; een puntkomma, "aanhalingstekens"\nen een tweede regel`, date: '2018-05-05',
        team_id: teams.A.id, topic_id: topic.Werk.id, valuation_id: valuation.positief.id,
        archetype_ids: [archetype.Redder.id, archetype.Kameleon.id], answers: [{ prompt_id: prompt.id, text: '=1+1 geleerd' }], signed: true,
      });
      ex.E2 = await story({ title: '+31 gebeld', text: marker, date: '2018-04-04', teller_kind: 'inwoner', topic_id: topic.Schulden.id, valuation_id: valuation.negatief.id });
      ex.E3 = await story({ title: '@thuis', text: marker, date: '2018-02-02', teller_kind: 'ketenpartner', team_id: teams.B.id, topic_id: topic.Werk.id, valuation_id: valuation.neutraal.id });
      ex.E4 = await story({ title: '-5 punten', text: `-${marker} min`, date: '2018-01-01', team_id: teams.A.id, topic_id: topic.Gezondheid.id, valuation_id: valuation['zeer positief'].id, archetype_ids: [archetype.Specialist.id] });
      expectStatus(await pub({ title: `Wachtend ${marker}`, text: marker, date: '2018-03-03' }), 202, 'a pending story is not exported');
      lists.story_prompt = expectStatus(await c.quality.get('/api/v1/lists/story_prompt'), 200).items;
      lists.story_topic = expectStatus(await c.quality.get('/api/v1/lists/story_topic'), 200).items;
    });

    const exportCsv = async (client, q = '') => {
      const r = await getBytes(client, `/api/v1/stories/export?format=csv&q=${encodeURIComponent(marker)}${q}`);
      assert.equal(r.status, 200, show(r));
      return r;
    };
    const rowsOf = (r) => {
      const rows = parseCsv(r.buf.subarray(BOM.length).toString('utf8'), ';');
      const [header, ...body] = rows;
      return { header, body, byId: new Map(body.map((row) => [Number(row[0]), Object.fromEntries(header.map((h, i) => [h, row[i]]))])) };
    };
    const labelOf = (v) => (v.active ? v.label : `${v.label} (vervallen)`);

    it('CSV: BOM, `;`, the columns with one per signifier value (1/0), formula guard, published stories only', async () => {
      const r = await exportCsv(c.quality);
      assert.match(r.contentType, /^text\/csv/);
      assert.match(r.headers.get('content-disposition') || '', /^attachment; filename="verhalen\.csv"$/);
      assert.ok(r.buf.subarray(0, 3).equals(BOM), 'starts with a UTF-8 BOM');
      const { header, body, byId } = rowsOf(r);
      const want = ['id', 'datum', 'titel', 'tekst', 'soort verteller', 'team', 'onderwerp', 'waardering',
        ...lists.story_topic.map((v) => `onderwerp: ${labelOf(v)}`),
        ...lists.story_valuation.map((v) => `waardering: ${labelOf(v)}`),
        ...lists.story_archetype.map((v) => `rol: ${labelOf(v)}`),
        ...lists.story_prompt.map((v) => `vraag: ${labelOf(v)}`),
        // `bron` comes before `ondertekend door` (docs/openapi.json, GET /api/v1/stories/export).
        'bron', 'ondertekend door'];
      assert.deepEqual(header, want, 'the header');
      assert.ok(body.every((row) => row.length === header.length), 'every row as wide as the header');
      assert.deepEqual([...byId.keys()].sort((a, b) => a - b), sorted(Object.values(ex).map((s) => s.id)), 'the four published stories, not the pending one');

      const e1 = byId.get(ex.E1.id);
      assert.equal(e1.datum, '2018-05-05');
      assert.equal(e1.titel, "'=SUM(A1)", 'a formula is guarded');
      assert.equal(e1.tekst, `${marker} met ; een puntkomma, "aanhalingstekens"\nen een tweede regel`, 'quotes, ; and a line break survive');
      assert.equal(e1['soort verteller'], 'medewerker');
      assert.equal(e1.team, teams.A.name);
      assert.equal(e1.onderwerp, 'Werk');
      assert.equal(e1.waardering, 'positief');
      for (const v of lists.story_topic) assert.equal(e1[`onderwerp: ${labelOf(v)}`], v.id === topic.Werk.id ? '1' : '0', `E1 onderwerp: ${v.label}`);
      for (const v of lists.story_valuation) assert.equal(e1[`waardering: ${labelOf(v)}`], v.id === valuation.positief.id ? '1' : '0', `E1 waardering: ${v.label}`);
      for (const v of lists.story_archetype) {
        assert.equal(e1[`rol: ${labelOf(v)}`], [archetype.Redder.id, archetype.Kameleon.id].includes(v.id) ? '1' : '0', `E1 rol: ${v.label}`);
      }
      assert.equal(e1['vraag: Wat leerde je?'], "'=1+1 geleerd", 'an answer is guarded too');
      assert.equal(e1.bron, 'medewerker');
      assert.equal(e1['ondertekend door'], name.quality);

      const e2 = byId.get(ex.E2.id);
      assert.equal(e2.titel, "'+31 gebeld");
      assert.equal(e2['soort verteller'], 'inwoner');
      assert.equal(e2.team, '');
      assert.equal(e2['onderwerp: Schulden'], '1');
      assert.equal(e2['onderwerp: Werk'], '0');
      assert.equal(e2['waardering: negatief'], '1');
      assert.ok(lists.story_archetype.every((v) => e2[`rol: ${labelOf(v)}`] === '0'), 'no archetypes: all 0');
      assert.equal(e2['vraag: Wat leerde je?'], '');
      assert.equal(e2['ondertekend door'], '', 'anonymous');
      assert.equal(byId.get(ex.E3.id).titel, "'@thuis");
      assert.equal(byId.get(ex.E3.id)['soort verteller'], 'ketenpartner');
      assert.equal(byId.get(ex.E3.id).team, teams.B.name);
      assert.equal(byId.get(ex.E4.id).titel, "'-5 punten");
      assert.equal(byId.get(ex.E4.id).tekst, `'-${marker} min`, 'a leading minus in the text too');
      assert.equal(byId.get(ex.E4.id)['rol: Specialist'], '1');
      // the raw text: `;` separators and CRLF line ends
      const firstLine = r.buf.subarray(BOM.length).toString('utf8').split('\r\n')[0];
      assert.ok(firstLine.startsWith('id;datum;titel;tekst;soort verteller;team;onderwerp;waardering;'), firstLine.slice(0, 120));
    });

    it('the export respects the story list\'s filters (as GET /stories does)', async () => {
      const checks = [
        [`&topic=${topic.Werk.id}`, ['E1', 'E3']],
        [`&team=${teams.A.id}`, ['E1', 'E4']],
        ['&teller=inwoner', ['E2']],
        [`&valuation=${valuation.negatief.id}`, ['E2']],
        ['&from=2018-02-01&to=2018-04-30', ['E2', 'E3']],
        ['&to=2018-01-31', ['E4']],
      ];
      for (const [q, want] of checks) {
        const got = [...rowsOf(await exportCsv(c.director, q)).byId.keys()].sort((a, b) => a - b);
        assert.deepEqual(got, sorted(want.map((k) => ex[k].id)), `export ${q}`);
        const listed = expectStatus(await c.director.get(`/api/v1/stories?q=${encodeURIComponent(marker)}${q}&limit=500`), 200);
        assert.deepEqual(got, idsOf(listed.items), `the same as GET /stories ${q}`);
      }
      const nothing = rowsOf(await exportCsv(c.quality, '&from=2030-01-01'));
      assert.equal(nothing.body.length, 0, 'only the header');
      assert.equal(nothing.header[0], 'id');
    });

    it('XLSX: the spreadsheet content type, a zip (PK) with one worksheet holding the stories as text', async () => {
      const r = await getBytes(c.quality, `/api/v1/stories/export?format=xlsx&q=${encodeURIComponent(marker)}`);
      assert.equal(r.status, 200, show(r));
      assert.equal(r.contentType, XLSX_TYPE);
      assert.match(r.headers.get('content-disposition') || '', /^attachment; filename="verhalen\.xlsx"$/);
      assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK');
      const zip = unzip(r.buf);
      const sheets = [...zip.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
      assert.deepEqual(sheets, ['xl/worksheets/sheet1.xml']);
      const sheet = zip.get('xl/worksheets/sheet1.xml').toString('utf8');
      const shared = (zip.get('xl/sharedStrings.xml') || Buffer.alloc(0)).toString('utf8');
      const all = sheet + shared;
      for (const s of ['onderwerp: Werk', 'waardering: positief', 'rol: Redder', '+31 gebeld', '@thuis', 'ondertekend door']) {
        assert.ok(all.includes(s), `the text ${s}`);
      }
      assert.ok(all.includes('=SUM(A1)'), 'the title is there');
      assert.ok(!/<f>/.test(sheet), 'no formulas in the worksheet');
      // an independent strict reader opens it, one row per story under the header
      const book = readXlsx(r.buf);
      assert.equal(book.sheets.length, 1);
      const [head, ...rows] = book.sheets[0].rows;
      assert.equal(head[0], 'id');
      assert.ok(rows.length > 0 && rows.every((row) => row.length === head.length), 'every row as wide as the header');
      assert.ok(rows.some((row) => row.includes('=SUM(A1)')), 'the formula-like title as text');
    });

    it('a bad format or filter is 400; coach, team manager, funder, hr and admin get 403', async () => {
      for (const q of ['format=pdf', 'format=csv&from=2018-02-30', 'format=csv&teller=buurman', 'format=csv&team=abc']) {
        assertProblem(await c.quality.get(`/api/v1/stories/export?${q}`), 400, 'bad-request', q);
      }
      for (const key of ['coachA', 'tm', 'funder', 'hr']) {
        assertProblem(await c[key].get('/api/v1/stories/export?format=csv'), 403, 'forbidden', key);
        assertProblem(await c[key].get('/api/v1/stories/export?format=xlsx'), 403, 'forbidden', `${key} xlsx`);
      }
      assertProblem(await admin.get('/api/v1/stories/export'), 403, 'forbidden', 'admin');
      const d = await getBytes(c.director, '/api/v1/stories/export');
      assert.equal(d.status, 200, 'csv is the default');
      assert.match(d.contentType, /^text\/csv/);
    });
  });

  // ------------------------------------------------------------------ module views

  describe('module views', () => {
    const month = () => new Date().toISOString().slice(0, 7);
    const year = () => Number(month().slice(0, 4));
    const viewsOf = async (client, y = year()) => {
      const body = expectStatus(await client.get(`/api/v1/module-views?year=${y}`), 200, `views ${y}`);
      keys(body, ['modules', 'year'], 'ModuleViews');
      assert.equal(body.year, y);
      const m = body.modules.find((x) => x.module === 'vertelpunt');
      assert.ok(m, `the vertelpunt: ${JSON.stringify(body)}`);
      keys(m, ['module', 'months', 'total'], 'module');
      assert.deepEqual(m.months.map((x) => x.month), Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`), 'twelve months');
      assert.equal(m.total, m.months.reduce((n, x) => n + x.views, 0), 'total = sum of the months');
      return m;
    };

    it('any signed-in user counts a view (204, no body, no audit entry); quality and director read them per month', async () => {
      const before1 = await viewsOf(c.quality);
      const head = await auditHead();
      for (const key of ['coachA', 'funder', 'hr', 'director']) {
        const r = await c[key].post('/api/v1/module-views', { module: 'vertelpunt' });
        assert.equal(r.status, 204, `${key}: ${show(r)}`);
        assert.equal(r.text, '', 'no body');
      }
      expectStatus(await admin.post('/api/v1/module-views', { module: 'vertelpunt' }), 204);
      const after1 = await viewsOf(c.director);
      assert.equal(after1.total, before1.total + 5);
      const m = month();
      assert.equal(after1.months.find((x) => x.month === m).views, before1.months.find((x) => x.month === m).views + 5);
      assert.equal(await auditHead(), head, 'who opened it is not kept');
      const old = await viewsOf(c.quality, 2001);
      assert.equal(old.total, 0);
      assert.ok(old.months.every((x) => x.views === 0));
    });

    it('an unknown module or bad body is 422/415; a missing or bad year is 400; other roles may not read (403)', async () => {
      const before1 = await viewsOf(c.quality);
      assertValidation(await c.coachA.post('/api/v1/module-views', { module: 'kassabonnen' }), ['module']);
      assertValidation(await c.coachA.post('/api/v1/module-views', {}), ['module']);
      assertValidation(await c.coachA.post('/api/v1/module-views', { module: 'vertelpunt', wie: 'ik' }), ['wie']);
      assertProblem(await c.coachA.post('/api/v1/module-views', 'module=vertelpunt', { raw: true, contentType: 'text/plain' }), 415, 'unsupported-media-type');
      assertProblem(await c.coachA.post('/api/v1/module-views', { module: 'vertelpunt' }, { csrf: false }), 403, 'csrf');
      assertProblem(await new Client(server).post('/api/v1/module-views', { module: 'vertelpunt' }), 401, 'unauthenticated');
      assert.deepEqual(await viewsOf(c.quality), before1, 'nothing counted');
      for (const q of ['', '?year=', '?year=abc', '?year=1999', '?year=2101']) {
        assertProblem(await c.quality.get(`/api/v1/module-views${q}`), 400, 'bad-request', q || 'no year');
      }
      for (const key of ['coachA', 'tm', 'funder', 'hr']) {
        assertProblem(await c[key].get(`/api/v1/module-views?year=${year()}`), 403, 'forbidden', key);
      }
      assertProblem(await admin.get(`/api/v1/module-views?year=${year()}`), 403, 'forbidden', 'admin');
    });
  });

  // ------------------------------------------------------------------ problem answers

  it('bad bodies on every state-changing endpoint: 400, 415, 413 and unknown fields 422, all problem+json; nothing changes', async () => {
    const st = await story();
    const s = await createSession({ story_ids: [st.id] });
    const theme = expectStatus(await c.quality.post(`/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Invoer' }), 201);
    const a = await addAction(s.id);
    const fresh = await story();
    const endpoints = [
      ['POST', '/api/v1/sensemaking-sessions', sessionBody({ story_ids: [st.id] })],
      ['PATCH', `/api/v1/sensemaking-sessions/${s.id}`, { title: 'Invoer' }],
      ['POST', `/api/v1/sensemaking-sessions/${s.id}/close`, { conclusion: 'Klaar.' }],
      ['POST', `/api/v1/sensemaking-sessions/${s.id}/themes`, { title: 'Invoer' }],
      ['PATCH', `/api/v1/sensemaking-sessions/${s.id}/themes/${theme.id}`, { title: 'Invoer' }],
      ['POST', `/api/v1/sensemaking-sessions/${s.id}/actions`, { description: 'Invoer', owner_id: id.coachA, due_date: '2099-01-01' }],
      ['PATCH', `/api/v1/sensemaking-actions/${a.id}`, { status: 'in_progress' }],
      ['POST', `/api/v1/stories/${fresh.id}/best-practice`, { summary: 'Invoer' }],
      ['POST', '/api/v1/module-views', { module: 'vertelpunt' }],
    ];
    const snapshot = async () => {
      const paths = ['/api/v1/sensemaking-sessions?limit=500', `/api/v1/sensemaking-sessions/${s.id}`, `/api/v1/sensemaking-actions?session=${s.id}`,
        `/api/v1/best-practices?story=${fresh.id}`, `/api/v1/module-views?year=${new Date().getUTCFullYear()}`];
      const answers = await Promise.all(paths.map((p) => c.quality.get(p)));
      return [...answers.map((r) => expectStatus(r, 200, r.path)), await auditHead()];
    };
    const before1 = await snapshot();
    const failures = [];
    const expect = async (what, r, status, type) => {
      try { assertProblem(r, status, type, what); } catch (e) { failures.push(e.message.split('\n')[0]); }
    };
    for (const [method, p, valid] of endpoints) {
      const send = (body, options) => c.quality.request(method, p, body, options);
      for (const raw of ['{"title": ', "{'title':'x'}", '{"title":"x"} trailing', '']) await expect(`${method} ${p} ${JSON.stringify(raw)}`, await send(raw, { raw: true }), 400, 'bad-request');
      await expect(`${method} ${p} invalid UTF-8`, await send(Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), { raw: true }), 400, 'bad-request');
      for (const raw of ['[]', '"tekst"', '42', 'null']) await expect(`${method} ${p} ${raw}`, await send(raw, { raw: true }), 400, 'bad-request');
      await expect(`${method} ${p} text/plain`, await send(JSON.stringify(valid), { raw: true, contentType: 'text/plain' }), 415, 'unsupported-media-type');
      await expect(`${method} ${p} without CSRF token`, await send(valid, { csrf: false }), 403, 'csrf');
      await expect(`${method} ${p} unknown field`, await send({ ...valid, org_id: 2 }), 422, 'validation');
      // 2 MiB with Content-Length, over a raw socket (see bad_input.test.mjs: the answer can
      // be lost when the server closes while the client still sends; allow that twice).
      const bigBody = JSON.stringify({ ...valid, x: 'y'.repeat(2 * 1024 * 1024) });
      const headers = { 'Content-Type': 'application/json', Cookie: c.quality.cookieHeader(), 'X-CSRF-Token': c.quality.csrf, 'Content-Length': String(Buffer.byteLength(bigBody)) };
      let big;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        big = await rawRequest(server, { method, path: p, headers, body: bigBody });
        if (!big.error) break;
      }
      if (big.error) failures.push(`${method} ${p} 2 MiB: no answer (${big.error.code || big.error.message})`);
      else await expect(`${method} ${p} 2 MiB`, big, 413, 'payload-too-large');
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(await snapshot(), before1, 'nothing changed');
  });

  it('every refusal above was problem+json; unknown ids of every kind are 404 problem+json', async () => {
    const cases = [
      ['GET', `/api/v1/sensemaking-sessions/${MISSING_ID}`],
      ['PATCH', `/api/v1/sensemaking-sessions/${MISSING_ID}`, { title: 'x' }],
      ['POST', `/api/v1/sensemaking-sessions/${MISSING_ID}/close`, { conclusion: 'x' }],
      ['POST', `/api/v1/sensemaking-sessions/${MISSING_ID}/themes`, { title: 'x' }],
      ['PATCH', `/api/v1/sensemaking-sessions/${MISSING_ID}/themes/${MISSING_ID}`, { title: 'x' }],
      ['POST', `/api/v1/sensemaking-sessions/${MISSING_ID}/actions`, { description: 'x', owner_id: id.coachA, due_date: '2099-01-01' }],
      ['PATCH', `/api/v1/sensemaking-actions/${MISSING_ID}`, { status: 'in_progress' }],
      ['POST', `/api/v1/stories/${MISSING_ID}/best-practice`, { summary: 'x' }],
    ];
    for (const [method, p, body] of cases) assertProblem(await c.quality.request(method, p, body), 404, 'not-found', `${method} ${p}`);
    assertProblem(await c.quality.request('DELETE', '/api/v1/sensemaking-sessions/1'), 405, 'method-not-allowed');
  });
});

// ------------------------------------------------------------------ the annual report

// The kwaliteit chapter on a fresh server with a hand-computed set:
// 2015: 7 published stories — Werk 3, Schulden 2, Gezondheid 1, Veiligheid 1 — and a
//       pending one (never counted); valuations positief 4, negatief 3; archetypes
//       Redder on 2 stories, Tekortschieter on 1.
// 2014: 3 stories — Werk 1, Schulden 2; valuations positief 1, negatief 2; Redder on 3.
// Topic shares 2015 (largest remainder, tenths of a percent): 3/7 = 428.57, 2/7 = 285.71,
// 1/7 = 142.86 twice: 428 + 285 + 142 + 142 = 997; the three largest remainders (.86,
// .86, .71) get a tenth each: 42,8 + 28,6 + 14,3 + 14,3 = 100,0.
// Valuations 2015: 4/7 = 571.43 → 571, 3/7 = 428.57 → 429 (the larger remainder): 57,1
// and 42,9; 2014: 33,3 (1/3 → 333 + 0) and 66,7 (666.67 → 667).
// Archetypes (of the stories, half up): Redder 2/7 = 28,6; Tekortschieter 1/7 = 14,3.
// 2015 is not compared with 2014: 3 stories is below the base of 10 (stories::comparable),
// so the tables hold 2015 alone and the report says why.
// 2012 and 2013: 10 stories each, so 2013 is compared with 2012. 2012: all Werk,
// positief, Redder. 2013: 5 Werk positief Redder, 5 Schulden negatief without an
// archetype: positief 100,0 → 50,0 (-50,0), negatief 0,0 → 50,0 (+50,0), Redder
// 100,0 → 50,0 (-50,0, the largest shift of the roles).
// Sessions dated 2015: two; the first with one theme and two actions, the second with one
// action. Of the three, one is done now (procedure) and one dropped: one stays open.
// Done actions count in the year they were done (this year), not the session's year.
describe('Vertelpunt: the kwaliteit chapter of the annual report', { skip: whyNot }, () => {
  let server;
  let quality;
  let director;
  let funder;
  let coach;
  const topic = {};
  const valuation = {};
  const archetype = {};
  const thisYear = new Date().getUTCFullYear();

  const report = async (client, year) => expectStatus(await client.get(`/api/v1/reports/${year}?format=json`), 200, `report ${year}`);
  const chapter = (rep) => rep.chapters.find((ch) => ch.key === 'kwaliteit');
  const texts = (table) => table.rows.map((row) => row.cells.map((cell) => cell.text));

  before(async () => {
    server = await startServer({ demo: true, args: ['--trust-proxy'] });
    const db = server.databaseUrl;
    for (const [key, roles] of [['quality', ['quality']], ['director', ['director']], ['funder', ['funder']], ['coach', ['coach']]]) {
      addUser(db, { org: DEMO_ORG_SLUG, email: `kw-${key}@example.org`, name: `Verslag ${key}`, roles });
    }
    quality = await new Client(server).loginOk('kw-quality@example.org');
    director = await new Client(server).loginOk('kw-director@example.org');
    funder = await new Client(server).loginOk('kw-funder@example.org');
    coach = await new Client(server).loginOk('kw-coach@example.org');
    for (const [l, into] of [['story_topic', topic], ['story_valuation', valuation], ['story_archetype', archetype]]) {
      for (const v of expectStatus(await quality.get(`/api/v1/lists/${l}`), 200).items) into[v.label] = v;
    }
    const share = async (date, t, v, a = []) => expectStatus(await coach.post('/api/v1/stories', {
      title: `Verhaal ${date}`, text: 'Voor het verslag.', date, teller_kind: 'medewerker',
      topic_id: topic[t].id, valuation_id: valuation[v].id, archetype_ids: a.map((x) => archetype[x].id),
    }), 201).id;
    const y15 = [];
    y15.push(await share('2015-01-10', 'Werk', 'positief', ['Redder']));
    y15.push(await share('2015-02-10', 'Werk', 'positief', ['Redder', 'Tekortschieter']));
    y15.push(await share('2015-03-10', 'Werk', 'negatief'));
    y15.push(await share('2015-04-10', 'Schulden', 'negatief'));
    y15.push(await share('2015-05-10', 'Schulden', 'positief'));
    y15.push(await share('2015-06-10', 'Gezondheid', 'negatief'));
    y15.push(await share('2015-12-31', 'Veiligheid', 'positief'));
    await share('2014-01-01', 'Werk', 'positief', ['Redder']);
    await share('2014-06-01', 'Schulden', 'negatief', ['Redder']);
    await share('2014-12-31', 'Schulden', 'negatief', ['Redder']);
    await share('2016-01-01', 'Werk', 'positief', ['Redder']); // outside both years
    for (let i = 1; i <= 10; i += 1) await share(`2012-03-${String(i).padStart(2, '0')}`, 'Werk', 'positief', ['Redder']);
    for (let i = 1; i <= 5; i += 1) await share(`2013-03-${String(i).padStart(2, '0')}`, 'Werk', 'positief', ['Redder']);
    for (let i = 1; i <= 5; i += 1) await share(`2013-04-${String(i).padStart(2, '0')}`, 'Schulden', 'negatief');
    const p = await new Client(server).request('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`,
      { title: 'Openbaar, wachtend', text: 'Telt niet.', date: '2015-07-07', topic_id: topic.Werk.id }, { headers: { 'X-Forwarded-For': '10.99.0.1' } });
    expectStatus(p, 202);

    const me = quality.me.id;
    const s1 = expectStatus(await quality.post('/api/v1/sensemaking-sessions', { title: 'Voorjaar 2015', date: '2015-04-15', facilitator_id: me, story_filter: { from: '2015-01-01', to: '2015-12-31' } }), 201);
    assert.equal(s1.story_count, 7);
    const s2 = expectStatus(await quality.post('/api/v1/sensemaking-sessions', { title: 'Najaar 2015', date: '2015-10-15', facilitator_id: me, story_ids: [y15[0]] }), 201);
    expectStatus(await quality.post('/api/v1/sensemaking-sessions', { title: 'Voorjaar 2016', date: '2016-04-15', facilitator_id: me, story_ids: [y15[0]] }), 201);
    const t = expectStatus(await quality.post(`/api/v1/sensemaking-sessions/${s1.id}/themes`, { title: 'Wachttijden', story_ids: [y15[0], y15[1]] }), 201);
    const action = async (sid, extra = {}) => expectStatus(await quality.post(`/api/v1/sensemaking-sessions/${sid}/actions`, { description: 'Actie', owner_id: me, due_date: '2015-12-31', ...extra }), 201).id;
    const a1 = await action(s1.id, { theme_id: t.id });
    const a2 = await action(s1.id);
    await action(s2.id);
    expectStatus(await quality.patch(`/api/v1/sensemaking-actions/${a1}`, { status: 'done', outcome_kind: 'procedure', outcome: 'Procedure vastgesteld.' }), 200);
    expectStatus(await quality.patch(`/api/v1/sensemaking-actions/${a2}`, { status: 'dropped', outcome: 'Niet meer nodig.' }), 200);
    expectStatus(await quality.post(`/api/v1/sensemaking-sessions/${s1.id}/close`, { conclusion: 'Klaar.' }), 200);
    for (let i = 0; i < 3; i += 1) expectStatus(await coach.post('/api/v1/module-views', { module: 'vertelpunt' }), 204);
  });

  after(async () => {
    await server?.stop();
  });

  it('2015: the stories sentence, the Onderwerp/% table adding up to 100,0, valuations, archetypes, sessions and actions', async () => {
    const ch = chapter(await report(director, 2015));
    assert.ok(ch, 'a kwaliteit chapter');
    assert.equal(ch.title, 'Kwaliteit');
    assert.equal(ch.sections.length, 2);
    const [listening, sessions] = ch.sections;
    assert.equal(listening.heading, 'Grootschalig luisteren: het vertelpunt');
    assert.equal(listening.paragraphs[0], 'In 2015 zijn 7 verhalen gedeeld en door de vertellers zelf geduid (2014: 3 verhalen).');
    assert.equal(listening.paragraphs[1], 'Het vertelpunt is in 2015 niet geraadpleegd.', 'views count in the month they happen (now)');
    assert.ok(listening.paragraphs.includes('Met 2014 is niet vergeleken: een verschuiving wordt alleen genoemd als in beide jaren ten minste 10 verhalen zijn gedeeld (2014: 3 verhalen, 2015: 7 verhalen).'), JSON.stringify(listening.paragraphs));
    assert.ok(!listening.paragraphs.some((p) => p.includes('grootste verschuiving')), 'no shift against a base of 3');

    const [topics, valuations, archetypes] = listening.tables;
    assert.equal(topics.id, 'onderwerpen');
    assert.equal(topics.title, 'Onderwerpen van de verhalen in 2015');
    assert.deepEqual(topics.columns, ['Onderwerp', '%']);
    const shares = Object.fromEntries(texts(topics));
    assert.equal(topics.rows.length, 12, 'every topic, also those without stories');
    assert.deepEqual({ Werk: shares.Werk, Schulden: shares.Schulden, Gezondheid: shares.Gezondheid, Veiligheid: shares.Veiligheid },
      { Werk: '42,8', Schulden: '28,6', Gezondheid: '14,3', Veiligheid: '14,3' }, 'largest remainder, by hand');
    const tenths = Object.values(shares).reduce((n, s) => n + Number(s.replace(',', '')), 0);
    assert.equal(tenths, 1000, `the percentages add up to 100,0: ${JSON.stringify(shares)}`);
    assert.ok(Object.entries(shares).every(([k, s]) => ['Werk', 'Schulden', 'Gezondheid', 'Veiligheid'].includes(k) || s === '0,0'));
    // director: each topic links to its stories
    const werk = topics.rows.find((row) => row.cells[0].text === 'Werk');
    assert.equal(werk.cells[0].link, `/verhalen?from=2015-01-01&to=2015-12-31&topic=${topic.Werk.id}`);

    assert.equal(valuations.id, 'waardering');
    assert.equal(valuations.title, 'Waardering van de verhalen, 2015');
    assert.deepEqual(valuations.columns, ['Waardering', '2015 %'], '2015 alone: 2014 has too few stories');
    const v = Object.fromEntries(texts(valuations).map(([label, ...rest]) => [label, rest]));
    assert.deepEqual(v.positief, ['57,1']);
    assert.deepEqual(v.negatief, ['42,9']);
    assert.deepEqual(v.neutraal, ['0,0']);
    assert.equal(archetypes.id, 'archetypen');
    assert.deepEqual(archetypes.columns, ['Rol', '2015 %']);
    const a = Object.fromEntries(texts(archetypes).map(([label, ...rest]) => [label, rest]));
    assert.deepEqual(a.Redder, ['28,6']);
    assert.deepEqual(a.Tekortschieter, ['14,3']);

    assert.equal(sessions.heading, 'Duidingssessies');
    assert.equal(sessions.paragraphs[0], 'In 2015 zijn 2 duidingssessies gehouden; daarin is 1 thema gevonden en zijn 3 acties afgesproken, waarvan er 1 nog openstaat.');
    assert.equal(sessions.paragraphs[1], 'In 2015 zijn geen acties afgerond met een verandering in een methode, een procedure, een training of anderszins.');
    const [done] = sessions.tables;
    assert.equal(done.id, 'acties');
    assert.deepEqual(done.columns, ['Wat veranderde', 'Acties']);
    assert.deepEqual(texts(done), [['Methode', '0'], ['Procedure', '0'], ['Training', '0'], ['Anders', '0'], ['Totaal', '0']]);
    assert.deepEqual(done.rows.map((row) => row.total), [false, false, false, false, true]);
  });

  it('this year: the action done now counts here (procedure), and the views of this year', async () => {
    const ch = chapter(await report(director, thisYear));
    const [listening, sessions] = ch.sections;
    assert.equal(listening.paragraphs[0], `In ${thisYear} zijn geen verhalen gedeeld en door de vertellers zelf geduid (${thisYear - 1}: geen verhalen).`);
    assert.equal(listening.paragraphs[1], `Het vertelpunt is in ${thisYear} 3 keer geraadpleegd.`);
    assert.equal(sessions.paragraphs[0], `In ${thisYear} zijn geen duidingssessies gehouden.`);
    assert.equal(sessions.paragraphs[1], `In ${thisYear} is 1 actie afgerond met een verandering in een methode, een procedure, een training of anderszins.`);
    assert.deepEqual(texts(sessions.tables[0]), [['Methode', '0'], ['Procedure', '1'], ['Training', '0'], ['Anders', '0'], ['Totaal', '1']]);
    assert.deepEqual(listening.tables, [], 'no stories: no tables of shares of nothing');
    assert.equal(listening.paragraphs.length, 2, 'no comparison sentence without stories');
  });

  it('2013 against 2012 (10 stories each): shares side by side, the shift in percentage points, the largest named', async () => {
    const [listening] = chapter(await report(director, 2013)).sections;
    const [, valuations, archetypes] = listening.tables;
    assert.equal(valuations.title, 'Waardering van de verhalen, 2012 en 2013');
    assert.deepEqual(valuations.columns, ['Waardering', '2012 %', '2013 %', 'Verschil (procentpunt)']);
    const v = Object.fromEntries(texts(valuations).map(([label, ...rest]) => [label, rest]));
    assert.deepEqual(v.positief, ['100,0', '50,0', '-50,0']);
    assert.deepEqual(v.negatief, ['0,0', '50,0', '+50,0']);
    const a = Object.fromEntries(texts(archetypes).map(([label, ...rest]) => [label, rest]));
    assert.deepEqual(a.Redder, ['100,0', '50,0', '-50,0']);
    assert.ok(listening.paragraphs.includes("De grootste verschuiving bij de rollen: 'Redder' van 100,0 % naar 50,0 % (-50,0 procentpunt)."), JSON.stringify(listening.paragraphs));
    assert.ok(!listening.paragraphs.some((p) => p.startsWith('Met 2012 is niet vergeleken')));
  });

  it('quality sees what the director sees; the funder the same figures without links; a coach 403', async () => {
    const d = await report(director, 2015);
    assert.deepEqual(await report(quality, 2015), d);
    const f = await report(funder, 2015);
    const fch = chapter(f);
    assert.ok(!JSON.stringify(fch).includes('"link"'), 'no link for the funder');
    const strip = (x) => JSON.parse(JSON.stringify(x, (k, val) => (k === 'link' ? undefined : val)));
    assert.deepEqual(fch, strip(chapter(d)), 'the same figures');
    assertProblem(await coach.get('/api/v1/reports/2015?format=json'), 403, 'forbidden');
  });
});
