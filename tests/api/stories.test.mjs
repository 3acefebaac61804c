// The Vertelpunt (docs/openapi.json, tag "stories"): the signifier
// lists and their defaults, sharing a story (anonymous and signed, also in the audit
// log), BSN refusals and e-mail/phone warnings, prompts and answers, retired values,
// the public form (pending until quality accepts or rejects, honeypot, 5 per address
// per hour, unknown organisation and values, long text), and the dashboard figures of a
// hand-computed set of stories over two years.
//
// The server runs with --trust-proxy so that each public test can come from its own
// address (X-Forwarded-For); the rate limit is per address.
//
// Years: the dashboard fixture lives in 2021 and 2022 (nothing else is dated there,
// except public stories that are never accepted), public stories accepted for counting
// in 2023, everything else in 2024 or today.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem,
  assertValidation, show, ISO_UTC, unique,
} from './harness.mjs';

// Valid BSNs (11-test), as in cases.test.mjs.
const BSN = '111222333';
const BSN2 = '123456782';

const STORY_KEYS = ['answers', 'archetypes', 'created_at', 'date', 'id', 'moderation', 'personal_data', 'signed_by', 'source',
  'status', 'team', 'teller_kind', 'text', 'title', 'topic', 'valuation', 'warnings'];
const VALUE_KEYS = ['code', 'id', 'label', 'label_en'];

// SPEC §4.3: the 12 topics in order, with their English labels.
const TOPICS = [
  ['Financiële kwesties', 'Financial issues'],
  ['Gezondheid', 'Health'],
  ['Interne organisatiekwesties', 'Internal organisational issues'],
  ['Kwaliteit persoonlijke situatie', 'Quality of personal situation'],
  ['Meedoen in de wijk / samenleving', 'Taking part in the neighbourhood / society'],
  ['Onderwijs en ontwikkeling', 'Education and development'],
  ['Schulden', 'Debts'],
  ['Veiligheid', 'Safety'],
  ['Werk', 'Work'],
  ['Werk van andere instanties of samenwerking daarmee', 'Work of other agencies or working with them'],
  ['Wonen en bescherming', 'Housing and protection'],
  ['Zorg en ondersteuning', 'Care and support'],
];
const VALUATIONS = [
  ['zeer negatief', 'very negative'], ['negatief', 'negative'], ['neutraal', 'neutral'],
  ['positief', 'positive'], ['zeer positief', 'very positive'],
];
const ARCHETYPES = ['Nieuwe wegen vinder', 'Redder', 'Specialist', 'Kameleon', 'Tekortschieter'];

function keys(obj, expected, where) {
  assert.ok(obj && typeof obj === 'object', `${where}: an object`);
  assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${where}: keys`);
}

function assertValue(v, where) {
  keys(v, VALUE_KEYS, `Value (${where})`);
  assert.ok(Number.isInteger(v.id) && v.id > 0, `${where}: id`);
  for (const k of ['code', 'label', 'label_en']) assert.ok(typeof v[k] === 'string' && v[k].length > 0, `${where}: ${k}`);
}

function assertStory(s, where) {
  keys(s, STORY_KEYS, `Story (${where})`);
  assert.ok(Number.isInteger(s.id) && s.id > 0, `${where}: id`);
  assert.match(s.date, /^\d{4}-\d{2}-\d{2}$/, `${where}: date`);
  assert.match(s.created_at, ISO_UTC, `${where}: created_at`);
  assert.ok(['medewerker', 'inwoner', 'ketenpartner'].includes(s.teller_kind), `${where}: teller_kind`);
  assert.ok(['published', 'pending', 'rejected'].includes(s.status), `${where}: status`);
  assert.ok(['staff', 'public'].includes(s.source), `${where}: source`);
  if (s.team !== null) keys(s.team, ['id', 'name'], `${where}: team`);
  if (s.signed_by !== null) keys(s.signed_by, ['id', 'name'], `${where}: signed_by`);
  if (s.topic !== null) assertValue(s.topic, `${where}: topic`);
  if (s.valuation !== null) assertValue(s.valuation, `${where}: valuation`);
  assert.ok(Array.isArray(s.archetypes), `${where}: archetypes`);
  s.archetypes.forEach((a, i) => assertValue(a, `${where}: archetypes[${i}]`));
  assert.ok(Array.isArray(s.answers), `${where}: answers`);
  for (const a of s.answers) {
    keys(a, ['prompt', 'text'], `${where}: answer`);
    assertValue(a.prompt, `${where}: answer.prompt`);
  }
  assert.ok(Array.isArray(s.warnings), `${where}: warnings`);
  if (s.moderation !== null) keys(s.moderation, ['decided_at', 'decided_by', 'decision', 'reason'], `${where}: moderation`);
}

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

describe('Vertelpunt: stories', { skip: whyNot }, () => {
  let server;
  let admin;
  let quality;
  let coach;
  let coachId;
  let coachName;
  let tm; // team manager of Centrum and Noord
  let orgName;
  const teams = {}; // A, B, C → {id, name}
  const lists = {}; // story_topic … → [ListValue]
  const topic = {}; // label → ListValue
  const valuation = {};
  const archetype = {};
  let ipCounter = 0;
  const nextIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

  /** A public request from its own address (the server trusts X-Forwarded-For here). */
  const pub = (method, path, body, ip = nextIp()) => new Client(server).request(method, path, body, { headers: { 'X-Forwarded-For': ip } });

  const base = (extra = {}) => ({
    title: `Verhaal ${unique('t')}`, text: 'Een gewoon verhaal over de wijk.', date: '2024-05-01', teller_kind: 'medewerker',
    topic_id: topic.Gezondheid.id, valuation_id: valuation.neutraal.id, ...extra,
  });

  async function auditOf(id) {
    const page = expectStatus(await admin.get(`/api/v1/audit?entity=story&entity_id=${id}`), 200, 'audit of a story');
    return page.items;
  }
  async function auditHead() {
    return expectStatus(await admin.get('/api/v1/audit?limit=1'), 200).items[0]?.id ?? 0;
  }
  /** Stories with this text in title or text, in every status (as quality). */
  async function findAll(q) {
    const out = [];
    for (const status of ['published', 'pending', 'rejected']) {
      const r = expectStatus(await quality.get(`/api/v1/stories?status=${status}&q=${encodeURIComponent(q)}&limit=500`), 200);
      out.push(...r.items);
    }
    return out;
  }

  before(async () => {
    server = await startServer({ demo: true, args: ['--trust-proxy'] });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 's-admin@example.org', name: 'Beheer Verhalen', roles: ['admin'] });
    admin = await new Client(server).loginOk('s-admin@example.org');
    const all = expectStatus(await admin.get('/api/v1/teams'), 200).items;
    const byName = (n) => all.find((t) => t.name === n);
    teams.A = byName('Wijkteam Centrum');
    teams.B = byName('Wijkteam Noord');
    teams.C = byName('Wijkteam Oost');
    assert.ok(teams.A && teams.B && teams.C, 'the demo teams');
    coachName = 'Coach Vertelt';
    coachId = addUser(db, { org: DEMO_ORG_SLUG, email: 's-coach@example.org', name: coachName, roles: ['coach'], teams: [teams.A.name] });
    addUser(db, { org: DEMO_ORG_SLUG, email: 's-quality@example.org', name: 'Kwaliteit Verhalen', roles: ['quality'] });
    addUser(db, { org: DEMO_ORG_SLUG, email: 's-tm@example.org', name: 'Manager Centrum Noord', roles: ['team_manager'], teams: [teams.A.name, teams.B.name] });
    coach = await new Client(server).loginOk('s-coach@example.org');
    quality = await new Client(server).loginOk('s-quality@example.org');
    tm = await new Client(server).loginOk('s-tm@example.org');
    orgName = coach.me?.organisation?.name ?? expectStatus(await coach.get('/api/v1/me'), 200).organisation.name;
    for (const l of ['story_topic', 'story_valuation', 'story_archetype', 'story_prompt']) {
      lists[l] = expectStatus(await quality.get(`/api/v1/lists/${l}`), 200, l).items;
    }
    for (const v of lists.story_topic) topic[v.label] = v;
    for (const v of lists.story_valuation) valuation[v.label] = v;
    for (const v of lists.story_archetype) archetype[v.label] = v;
  });

  after(async () => {
    await server?.stop();
  });

  // ------------------------------------------------------------------ the lists

  describe('signifier lists', () => {
    it('defaults: 12 topics, 5 valuations, 5 archetypes in the SPEC order with English labels; one prompt, for residents', () => {
      const pairs = (l) => lists[l].map((v) => [v.label, v.label_en]);
      assert.deepEqual(pairs('story_topic'), TOPICS);
      assert.deepEqual(pairs('story_valuation'), VALUATIONS);
      assert.deepEqual(lists.story_archetype.map((v) => v.label), ARCHETYPES);
      for (const v of lists.story_archetype) assert.ok(typeof v.label_en === 'string' && v.label_en.length > 0, `label_en of ${v.label}`);
      assert.deepEqual(lists.story_prompt.map((v) => [v.label, v.audience, v.public_label]),
        [['Wat had je geholpen?', 'public', 'Wat had u op dat moment geholpen?']]);
      // Residents are offered the topics in their own words, not the organisation's
      // internal matters, and no archetypes (how a professional felt in the work).
      assert.deepEqual(lists.story_archetype.map((v) => v.audience), Array(5).fill('staff'));
      assert.deepEqual(lists.story_topic.filter((v) => v.audience !== 'all').map((v) => [v.label, v.audience]), [['Interne organisatiekwesties', 'staff']]);
      assert.equal(lists.story_topic.find((v) => v.label === 'Financiële kwesties').public_label, 'Geld en rondkomen');
      assert.deepEqual(lists.story_valuation.map((v) => [v.audience, v.public_label]), Array(5).fill(['all', '']));
      for (const l of ['story_topic', 'story_valuation', 'story_archetype', 'story_prompt']) {
        lists[l].forEach((v, i) => {
          keys(v, ['active', 'audience', 'code', 'id', 'label', 'label_en', 'position', 'public_label'], `${l}[${i}]`);
          assert.equal(v.active, true);
        });
        const positions = lists[l].map((v) => v.position);
        assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${l}: by position`);
        assert.equal(new Set(lists[l].map((v) => v.code)).size, lists[l].length, `${l}: unique codes`);
      }
    });

    it('the other lists have label_en too', async () => {
      const cats = expectStatus(await admin.get('/api/v1/lists/cost_category'), 200).items;
      assert.equal(cats.length, 17);
      for (const v of cats) assert.ok(typeof v.label_en === 'string' && v.label_en.length > 0, `label_en of ${v.label}`);
    });

    it('quality adds a value with label_en, changes label_en and retires it', async () => {
      const v = expectStatus(await quality.post('/api/v1/lists/story_archetype', { label: 'Verbinder', label_en: 'Connector' }), 201);
      assert.equal(v.label, 'Verbinder');
      assert.equal(v.label_en, 'Connector');
      assert.equal(v.active, true);
      const p = expectStatus(await quality.patch(`/api/v1/lists/story_archetype/${v.id}`, { label_en: 'Bridge builder', active: false }), 200);
      assert.equal(p.label_en, 'Bridge builder');
      assert.equal(p.label, 'Verbinder');
      assert.equal(p.active, false);
      const again = expectStatus(await quality.get('/api/v1/lists/story_archetype'), 200).items.find((x) => x.id === v.id);
      assert.deepEqual(again, p);
      // Retired without stories: not on the form, not in the dashboard (checked there).
      const form = expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200);
      assert.ok(!form.archetypes.some((x) => x.id === v.id), 'a retired value is not on the form');
    });
  });

  // ------------------------------------------------------------------ sharing

  describe('sharing a story', () => {
    it('a coach shares an anonymous story: 201, published, signed_by null, an audit entry without actor', async () => {
      const body = base({
        title: 'Mevrouw vond weer werk', text: 'Na een jaar zoeken vond zij via de buurtkamer een baan.',
        team_id: teams.A.id, topic_id: topic.Werk.id, valuation_id: valuation.positief.id,
        archetype_ids: [archetype['Nieuwe wegen vinder'].id, archetype.Redder.id],
      });
      const r = await coach.post('/api/v1/stories', body);
      const s = expectStatus(r, 201, 'share');
      assertStory(s, 'anonymous');
      assert.equal(s.title, body.title);
      assert.equal(s.text, body.text);
      assert.equal(s.date, body.date);
      assert.equal(s.teller_kind, 'medewerker');
      assert.deepEqual(s.team, { id: teams.A.id, name: teams.A.name });
      assert.deepEqual(s.topic, { id: topic.Werk.id, code: topic.Werk.code, label: 'Werk', label_en: 'Work' });
      assert.deepEqual(s.valuation, { id: valuation.positief.id, code: valuation.positief.code, label: 'positief', label_en: 'positive' });
      assert.deepEqual(s.archetypes.map((a) => a.label), ['Nieuwe wegen vinder', 'Redder']);
      assert.deepEqual(s.answers, []);
      assert.equal(s.signed_by, null);
      assert.equal(s.status, 'published');
      assert.equal(s.source, 'staff');
      assert.equal(s.moderation, null);
      assert.deepEqual(s.warnings, []);
      // Read back: the same story, by id and in the list.
      const got = expectStatus(await coach.get(`/api/v1/stories/${s.id}`), 200);
      assert.deepEqual(got, s);
      const list = expectStatus(await coach.get(`/api/v1/stories?q=${encodeURIComponent('vond weer werk')}`), 200);
      assert.equal(list.total, 1);
      assert.deepEqual(list.items, [s]);
      // The audit log keeps no teller.
      const entries = await auditOf(s.id);
      assert.equal(entries.length, 1, `one audit entry: ${JSON.stringify(entries)}`);
      const [e] = entries;
      assert.equal(e.action, 'create');
      assert.equal(e.entity, 'story');
      assert.equal(e.entity_id, String(s.id));
      assert.equal(e.actor, null, 'no actor for an anonymous story');
      assert.equal(e.before, null);
      assert.equal(e.after.anonymous, true);
      assert.equal(e.after.title, body.title);
      const text = JSON.stringify(e);
      assert.ok(!text.includes(coachName) && !text.includes('s-coach@example.org') && !/"(user_id|signed_by|actor_id)"\s*:\s*\d/.test(text),
        `the audit entry names no teller: ${text}`);
    });

    it('a signed story names the coach, and so does the audit entry', async () => {
      const s = expectStatus(await coach.post('/api/v1/stories', base({ title: 'Ondertekend verhaal', signed: true, team_id: teams.A.id })), 201);
      assertStory(s, 'signed');
      assert.deepEqual(s.signed_by, { id: coachId, name: coachName });
      const [e] = await auditOf(s.id);
      assert.deepEqual(e.actor, { id: coachId, name: coachName });
      assert.notEqual(e.after.anonymous, true);
      assert.deepEqual(expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200).signed_by, { id: coachId, name: coachName });
    });

    it('without team: team null; teller kinds inwoner and ketenpartner', async () => {
      for (const kind of ['inwoner', 'ketenpartner']) {
        const s = expectStatus(await coach.post('/api/v1/stories', base({ teller_kind: kind })), 201);
        assert.equal(s.team, null);
        assert.equal(s.teller_kind, kind);
      }
    });

    it('a BSN in title, text or an answer → 422 naming the field; nothing stored', async () => {
      const prompt = expectStatus(await quality.post('/api/v1/lists/story_prompt', { label: 'Wat had je nodig?', label_en: 'What did you need?' }), 201);
      const marker = unique('BSNX');
      const head = await auditHead();
      const cases = [
        [{ title: `${marker} ${BSN}` }, 'title'],
        [{ title: marker, text: `BSN van de vader: ${BSN2}.` }, 'text'],
        [{ title: marker, text: `Nummer ${BSN}` }, 'text'],
        [{ title: marker, answers: [{ prompt_id: prompt.id, text: 'niets' }, { prompt_id: prompt.id, text: `zijn bsn is ${BSN}` }] }, 'answers[1].text'],
      ];
      for (const [extra, field] of cases) {
        const r = await coach.post('/api/v1/stories', base(extra));
        assertValidation(r, [field], field);
      }
      // also on the public form
      assertValidation(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: `Mijn BSN is ${BSN}` }), ['text']);
      assert.deepEqual(await findAll(marker), [], 'nothing stored');
      assert.equal(await auditHead(), head, 'no audit entry');
      expectStatus(await quality.patch(`/api/v1/lists/story_prompt/${prompt.id}`, { active: false }), 200);
    });

    it('an e-mail address or phone number → saved with warnings', async () => {
      const r = await coach.post('/api/v1/stories', base({ title: 'Met contactgegevens', text: 'Mail jan.jansen@voorbeeld.nl of bel 06-12345678.' }));
      const s = expectStatus(r, 201);
      assertStory(s, 'warnings');
      const byDetail = s.warnings.map((w) => `${w.field}: ${w.detail}`).sort();
      assert.ok(s.warnings.length >= 2, `two warnings: ${show(r)}`);
      assert.ok(s.warnings.every((w) => w.field === 'text'), `warnings name the field text: ${byDetail}`);
      assert.ok(byDetail.some((d) => /e-?mail/i.test(d)), `an e-mail warning: ${byDetail}`);
      assert.ok(byDetail.some((d) => /phone/i.test(d)), `a phone warning: ${byDetail}`);
      for (const w of s.warnings) keys(w, ['detail', 'field', 'title'], 'Warning');
      const got = expectStatus(await coach.get(`/api/v1/stories/${s.id}`), 200);
      assert.equal(got.text, 'Mail jan.jansen@voorbeeld.nl of bel 06-12345678.');
      assert.deepEqual(got.warnings, [], 'warnings only on the answer to POST');
      const t = expectStatus(await coach.post('/api/v1/stories', base({ title: 'Bel 020-1234567 voor info' })), 201);
      assert.ok(t.warnings.some((w) => w.field === 'title'), `a warning on the title: ${JSON.stringify(t.warnings)}`);
    });

    it('quality adds a prompt with label_en; answers are stored and shown (story, list, public form)', async () => {
      const prompt = expectStatus(await quality.post('/api/v1/lists/story_prompt', { label: 'Welke emotie voelde je?', label_en: 'What emotion did you feel?' }), 201);
      assert.equal(prompt.label_en, 'What emotion did you feel?');
      const form = expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200);
      assert.deepEqual(form.prompts.filter((x) => x.id === prompt.id), [{ id: prompt.id, code: prompt.code, label: 'Welke emotie voelde je?', label_en: 'What emotion did you feel?' }],
        'a new prompt is for everyone');
      const s = expectStatus(await coach.post('/api/v1/stories', base({
        title: 'Met een antwoord', answers: [{ prompt_id: prompt.id, text: 'Opluchting.\nEn trots.' }],
      })), 201);
      assert.deepEqual(s.answers, [{ prompt: { id: prompt.id, code: prompt.code, label: 'Welke emotie voelde je?', label_en: 'What emotion did you feel?' }, text: 'Opluchting.\nEn trots.' }]);
      assert.deepEqual(expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200).answers, s.answers);
      const list = expectStatus(await coach.get(`/api/v1/stories?q=${encodeURIComponent('Met een antwoord')}`), 200);
      assert.deepEqual(list.items.map((x) => x.answers), [s.answers]);
      // an unknown prompt, or an answer over 2,000 characters
      assertValidation(await coach.post('/api/v1/stories', base({ answers: [{ prompt_id: 987654, text: 'x' }] })), ['answers[0].prompt_id']);
      assertValidation(await coach.post('/api/v1/stories', base({ answers: [{ prompt_id: prompt.id, text: 'x'.repeat(2001) }] })), ['answers[0].text']);
      expectStatus(await coach.post('/api/v1/stories', base({ answers: [{ prompt_id: prompt.id, text: 'x'.repeat(2000) }] })), 201);
    });

    it('a retired topic, valuation, archetype or prompt is refused on new stories; old stories keep it', async () => {
      const t = expectStatus(await quality.post('/api/v1/lists/story_topic', { label: 'Tijdelijk onderwerp', label_en: 'Temporary topic' }), 201);
      const kept = expectStatus(await coach.post('/api/v1/stories', base({ title: 'Met tijdelijk onderwerp', date: '2024-02-02', topic_id: t.id })), 201);
      expectStatus(await quality.patch(`/api/v1/lists/story_topic/${t.id}`, { active: false }), 200);
      const retiredPrompt = expectStatus(await quality.get('/api/v1/lists/story_prompt'), 200).items.find((p) => !p.active);
      const retiredArchetype = expectStatus(await quality.get('/api/v1/lists/story_archetype'), 200).items.find((p) => !p.active);
      assert.ok(retiredPrompt && retiredArchetype, 'a retired prompt and archetype from the earlier tests');
      const v = expectStatus(await quality.post('/api/v1/lists/story_valuation', { label: 'gemengd', label_en: 'mixed' }), 201);
      expectStatus(await quality.patch(`/api/v1/lists/story_valuation/${v.id}`, { active: false }), 200);
      const marker = unique('RETIRED');
      assertValidation(await coach.post('/api/v1/stories', base({ title: marker, topic_id: t.id })), ['topic_id']);
      assertValidation(await coach.post('/api/v1/stories', base({ title: marker, valuation_id: v.id })), ['valuation_id']);
      assertValidation(await coach.post('/api/v1/stories', base({ title: marker, archetype_ids: [archetype.Redder.id, retiredArchetype.id] })), ['archetype_ids[1]']);
      assertValidation(await coach.post('/api/v1/stories', base({ title: marker, answers: [{ prompt_id: retiredPrompt.id, text: 'x' }] })), ['answers[0].prompt_id']);
      assertValidation(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: 'x', topic_id: t.id }), ['topic_id']);
      assert.deepEqual(await findAll(marker), []);
      const again = expectStatus(await coach.get(`/api/v1/stories/${kept.id}`), 200);
      assert.deepEqual(again.topic, { id: t.id, code: t.code, label: 'Tijdelijk onderwerp', label_en: 'Temporary topic' }, 'the old story keeps the retired topic');
    });

    it('required fields, unknown values, a date in the future, a too long text → 422', async () => {
      const marker = unique('BAD');
      const today = isoDay(Date.now());
      const future = isoDay(Date.now() + 3 * 86_400_000);
      const rows = [
        [{ date: future }, 'date'],
        [{ date: '2024-02-30' }, 'date'],
        [{ text: 'x'.repeat(10_001) }, 'text'],
        [{ text: '' }, 'text'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ teller_kind: 'buurman' }, 'teller_kind'],
        [{ topic_id: 987654 }, 'topic_id'],
        [{ valuation_id: valuation.neutraal.id + 100000 }, 'valuation_id'],
        [{ topic_id: valuation.neutraal.id }, 'topic_id'], // a value of another list
        [{ archetype_ids: [topic.Werk.id] }, 'archetype_ids[0]'],
        [{ team_id: 987654 }, 'team_id'],
        [{ unknown_field: 1 }, 'unknown_field'],
      ];
      for (const [extra, field] of rows) {
        assertValidation(await coach.post('/api/v1/stories', { ...base(extra), title: extra.title ?? marker }), [field], field);
      }
      for (const field of ['title', 'text', 'date', 'teller_kind', 'topic_id', 'valuation_id']) {
        const body = base({ title: marker });
        delete body[field];
        assertValidation(await coach.post('/api/v1/stories', body), [field], `without ${field}`);
      }
      assert.deepEqual(await findAll(marker), []);
      // today and exactly 10,000 characters are fine
      const ok = expectStatus(await coach.post('/api/v1/stories', base({ date: today, text: 'y'.repeat(10_000) })), 201);
      assert.equal(ok.text.length, 10_000);
      assert.equal(ok.date, today);
    });
  });

  // ------------------------------------------------------------------ the public form

  describe('the public form', () => {
    it('GET form: the organisation and its active values with English labels', async () => {
      const r = await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`);
      const f = expectStatus(r, 200);
      keys(f, ['archetypes', 'logo', 'organisation', 'privacy_note', 'prompts', 'topics', 'valuations'], 'PublicForm');
      assert.deepEqual(f.organisation, { name: orgName, slug: DEMO_ORG_SLUG });
      // The values offered to residents (active, not staff-only), in residents' words.
      const forResidents = (v) => ({ id: v.id, code: v.code, label: v.public_label || v.label, label_en: v.label_en });
      const offered = async (l) => expectStatus(await quality.get(`/api/v1/lists/${l}`), 200).items
        .filter((v) => v.active && v.audience !== 'staff').map(forResidents);
      assert.deepEqual(f.topics, await offered('story_topic'));
      assert.deepEqual(f.valuations, await offered('story_valuation'));
      assert.deepEqual(f.archetypes, await offered('story_archetype'));
      assert.deepEqual(f.prompts, await offered('story_prompt'));
      assert.deepEqual(f.topics.map((v) => [v.label, v.label_en]), [
        ['Geld en rondkomen', 'Financial issues'], ['Gezondheid', 'Health'],
        ['Hoe het met mij gaat', 'Quality of personal situation'], ['Meedoen in de buurt', 'Taking part in the neighbourhood / society'],
        ['School en leren', 'Education and development'], ['Schulden', 'Debts'], ['Veiligheid', 'Safety'], ['Werk', 'Work'],
        ['Hulp van andere instanties', 'Work of other agencies or working with them'], ['Wonen', 'Housing and protection'],
        ['Zorg en ondersteuning', 'Care and support'],
      ], '11 topics in residents\' words (not the internal matters; retired ones left out)');
      assert.deepEqual(f.valuations.map((v) => [v.label, v.label_en]), VALUATIONS);
      assert.deepEqual(f.archetypes, [], 'no archetypes for residents');
      assert.ok(f.prompts.some((v) => v.label === 'Wat had u op dat moment geholpen?'), 'the residents\' prompt');
      assert.match(f.privacy_note, new RegExp(`kwaliteitsmedewerkers van ${orgName.replace(/[()]/g, '\\$&')}`));
      assert.match(f.privacy_note, /naam/);
      assert.equal(f.logo, null);
    });

    it('a value for staff only is refused on the public form, one for residents only on the staff form (422)', async () => {
      const intern = lists.story_topic.find((v) => v.label === 'Interne organisatiekwesties');
      const residentsPrompt = lists.story_prompt.find((v) => v.audience === 'public');
      const marker = unique('AUD');
      assertValidation(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: 'x', topic_id: intern.id }), ['topic_id']);
      assertValidation(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: 'x', archetype_ids: [archetype.Redder.id] }), ['archetype_ids[0]']);
      assertValidation(await coach.post('/api/v1/stories', base({ title: marker, answers: [{ prompt_id: residentsPrompt.id, text: 'x' }] })), ['answers[0].prompt_id']);
      assert.deepEqual(await findAll(marker), []);
      expectStatus(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: 'x', answers: [{ prompt_id: residentsPrompt.id, text: 'Een buurvrouw.' }] }), 202);
      expectStatus(await coach.post('/api/v1/stories', base({ title: marker, topic_id: intern.id })), 201);
    });

    it('quality sets who is offered a value and residents\' words; a bad audience is 422 and changes nothing', async () => {
      const t = expectStatus(await quality.post('/api/v1/lists/story_topic', { label: 'Buurtkamer', audience: 'public', public_label: 'De buurtkamer' }), 201);
      assert.deepEqual([t.audience, t.public_label], ['public', 'De buurtkamer']);
      let f = expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200);
      assert.equal(f.topics.find((v) => v.id === t.id).label, 'De buurtkamer');
      assertValidation(await quality.patch(`/api/v1/lists/story_topic/${t.id}`, { audience: 'iedereen' }), ['audience']);
      assertValidation(await quality.post('/api/v1/lists/story_topic', { label: 'Nog een', audience: 'STAFF' }), ['audience']);
      const p = expectStatus(await quality.patch(`/api/v1/lists/story_topic/${t.id}`, { audience: 'staff', public_label: '' }), 200);
      assert.deepEqual([p.audience, p.public_label, p.label], ['staff', '', 'Buurtkamer']);
      f = expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200);
      assert.ok(!f.topics.some((v) => v.id === t.id), 'staff only: not on the public form');
      expectStatus(await quality.patch(`/api/v1/lists/story_topic/${t.id}`, { active: false }), 200);
    });

    it('the organisation\'s privacy note and logo on the public form; only an admin sets them; an image by its bytes', async () => {
      // A 1×1 PNG.
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
        '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
      const putLogo = (client, body) => client.request('PUT', '/api/v1/organisation/logo', body, { raw: true, contentType: 'image/png' });
      for (const c of [quality, coach]) assertProblem(await putLogo(c, png), 403, 'forbidden');
      assertProblem(await putLogo(admin, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), 415, 'unsupported-media-type', 'an SVG');
      assertProblem(await putLogo(admin, Buffer.concat([png, Buffer.alloc(256 * 1024)])), 413, 'payload-too-large', 'over 256 kB');
      assertProblem(await admin.get('/api/v1/organisation/logo'), 404, 'not-found', 'no logo yet');
      assert.deepEqual(expectStatus(await putLogo(admin, png), 200), { content_type: 'image/png', size: png.length });
      const f = expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200);
      assert.match(f.logo, new RegExp(`^/api/v1/public/${DEMO_ORG_SLUG}/logo\\?v=\\d+$`));
      const img = await pub('GET', f.logo);
      assert.equal(img.status, 200);
      assert.equal(img.contentType, 'image/png');
      assert.match(img.headers.get('cache-control') || '', /public/);
      assert.deepEqual(Buffer.from(await (await fetch(`${server.url}${f.logo}`)).arrayBuffer()), png, 'the same bytes back');
      const audit = expectStatus(await admin.get(`/api/v1/audit?entity=organisation_settings&limit=5`), 200).items[0];
      assert.deepEqual(audit.after, { logo: { content_type: 'image/png', size: png.length } }, 'audited without the bytes');
      // the privacy note: the organisation's own words, then back to the default
      expectStatus(await admin.patch('/api/v1/organisation/settings', { public_privacy_note: 'Lees onze privacyverklaring op de website.' }), 200);
      assert.equal(expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200).privacy_note, 'Lees onze privacyverklaring op de website.');
      assertValidation(await admin.patch('/api/v1/organisation/settings', { public_privacy_note: 'x'.repeat(2001) }), ['public_privacy_note']);
      expectStatus(await admin.patch('/api/v1/organisation/settings', { public_privacy_note: '' }), 200);
      assert.match(expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200).privacy_note, /kwaliteitsmedewerkers/);
      // removed
      assertProblem(await coach.request('DELETE', '/api/v1/organisation/logo'), 403, 'forbidden');
      assert.equal((await admin.request('DELETE', '/api/v1/organisation/logo')).status, 204);
      assert.equal(expectStatus(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/form`), 200).logo, null);
      assertProblem(await pub('GET', `/api/v1/public/${DEMO_ORG_SLUG}/logo`), 404);
      assertProblem(await admin.request('DELETE', '/api/v1/organisation/logo'), 404, 'not-found', 'nothing to remove');
    });

    it('an unknown organisation → 404 (form and story)', async () => {
      assertProblem(await pub('GET', '/api/v1/public/bestaat-niet/form'), 404);
      assertProblem(await pub('POST', '/api/v1/public/bestaat-niet/stories', { title: 'x', text: 'y' }), 404);
    });

    it('a public story is 202 pending; not listed nor counted until quality accepts it', async () => {
      const title = `Publiek ${unique('p')}`;
      const stats = async () => expectStatus(await quality.get('/api/v1/stories/stats?from=2023-01-01&to=2023-12-31'), 200).period;
      const before = await stats();
      assert.equal(before.count, 0);
      const r = await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, {
        title, text: 'De buurtkamer hielp mij enorm.', date: '2023-04-04', topic_id: topic['Zorg en ondersteuning'].id,
        valuation_id: valuation['zeer positief'].id, website: '', // no archetypes: those are for staff
      });
      assert.deepEqual(expectStatus(r, 202, 'public story'), { status: 'pending' });
      // not in the published list, not in the stats
      for (const c of [coach, quality]) {
        assert.equal(expectStatus(await c.get(`/api/v1/stories?q=${encodeURIComponent(title)}`), 200).total, 0);
      }
      assert.deepEqual(await stats(), before);
      // quality sees it pending
      const pending = expectStatus(await quality.get(`/api/v1/stories?status=pending&q=${encodeURIComponent(title)}`), 200);
      assert.equal(pending.total, 1);
      const [s] = pending.items;
      assertStory(s, 'pending');
      assert.equal(s.status, 'pending');
      assert.equal(s.source, 'public');
      assert.equal(s.teller_kind, 'inwoner');
      assert.equal(s.team, null);
      assert.equal(s.signed_by, null);
      assert.equal(s.moderation, null);
      assert.equal(s.date, '2023-04-04');
      assert.equal(s.topic.label, 'Zorg en ondersteuning');
      // its audit entry is anonymous
      const [e] = await auditOf(s.id);
      assert.equal(e.actor, null);
      assert.equal(e.after.anonymous, true);
      // accept → published, listed, counted
      const acc = expectStatus(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'accept' }), 200);
      assertStory(acc, 'accepted');
      assert.equal(acc.status, 'published');
      assert.equal(acc.moderation.decision, 'accept');
      assert.match(acc.moderation.decided_at, ISO_UTC);
      assert.deepEqual(acc.moderation.decided_by, { id: quality.me.id, name: quality.me.name });
      const listed = expectStatus(await coach.get(`/api/v1/stories?q=${encodeURIComponent(title)}`), 200);
      assert.deepEqual(listed.items.map((x) => x.id), [s.id]);
      const after2 = await stats();
      assert.equal(after2.count, 1);
      assert.equal(after2.topics.find((b) => b.label === 'Zorg en ondersteuning').share, 100);
      assert.equal(after2.valuations.find((b) => b.label === 'zeer positief').share, 100);
      assert.ok(after2.archetypes.every((b) => b.share === 0), 'a resident chose no archetype');
      // a second decision → 409
      assertProblem(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'reject', reason: 'toch niet' }), 409, 'conflict');
      assert.deepEqual(expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200), { ...acc });
    });

    it('personal data in a resident\'s story is flagged to the moderator, who blacks it out before accepting; the original is kept nowhere', async () => {
      const marker = unique('PRIV');
      const phone = '0612345678';
      const text = `Bel mij gerust (${marker}): tel ${phone} of mail buurvrouw@voorbeeld.nl. Ik woon op Kerkstraat 4, 7511 AB.`;
      expectStatus(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: `Hulp nodig ${marker}`, text, date: '2023-05-05' }), 202);
      const [s] = expectStatus(await quality.get(`/api/v1/stories?status=pending&q=${encodeURIComponent(marker)}`), 200).items;
      assertStory(s, 'pending with personal data');
      assert.deepEqual(s.personal_data, [
        { field: 'text', kind: 'phone', passage: phone },
        { field: 'text', kind: 'email', passage: 'buurvrouw@voorbeeld.nl' },
        { field: 'text', kind: 'address', passage: '4, 7511 AB' },
      ], 'every kind flagged with its passage');
      const one = expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200);
      assert.deepEqual(one.personal_data, s.personal_data, 'the story page shows the same flags');
      // The resident's words are not in the audit log of the submission.
      assert.ok(!JSON.stringify(await auditOf(s.id)).includes(phone), 'no phone number in the audit log');
      // Bad black-outs: 422 at the redaction, nothing changed.
      const moderate = (body) => quality.post(`/api/v1/stories/${s.id}/moderation`, body);
      assertValidation(await moderate({ decision: 'accept', redact: [{ field: 'text', passage: 'staat er niet in' }] }), ['redact[0].passage']);
      assertValidation(await moderate({ decision: 'accept', redact: [{ field: 'answers[3].text', passage: phone }] }), ['redact[0].field']);
      assertValidation(await moderate({ decision: 'accept', redact: [{ field: 'text', passage: '' }] }), ['redact[0].passage']);
      assertValidation(await moderate({ decision: 'accept', redact: [{ field: 'text' }] }), ['redact[0].passage']);
      assertValidation(await moderate({ decision: 'accept', redact: 'alles' }), ['redact']);
      assertValidation(await moderate({ decision: 'accept', redact: [{ field: 'text', passage: phone, extra: 1 }] }), ['redact[0].extra']);
      const still = expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200);
      assert.equal(still.status, 'pending');
      assert.equal(still.text, text, 'nothing changed after a refusal');
      // Black out the phone number, the e-mail address and the address, then accept.
      const acc = expectStatus(await moderate({ decision: 'accept', redact: s.personal_data.map(({ field, passage }) => ({ field, passage })) }), 200);
      assert.equal(acc.status, 'published');
      assert.equal(acc.text, `Bel mij gerust (${marker}): tel [weggelaten] of mail [weggelaten]. Ik woon op Kerkstraat [weggelaten].`);
      assert.deepEqual(acc.personal_data, [], 'a published story is not scanned again');
      for (const c of [quality, coach]) {
        const listed = expectStatus(await c.get(`/api/v1/stories?q=${encodeURIComponent(marker)}`), 200).items;
        assert.deepEqual(listed.map((x) => x.text), [acc.text]);
      }
      const audit = JSON.stringify(await auditOf(s.id));
      for (const secret of [phone, 'buurvrouw@voorbeeld.nl', '7511 AB']) assert.ok(!audit.includes(secret), `the original is kept nowhere: ${secret}`);
      const update = (await auditOf(s.id)).find((e) => e.action === 'update');
      assert.equal(update.after.text, acc.text, 'the audit log keeps the published words');
      assert.equal(update.after.redactions, 3);
    });

    it('reject: a reason is required (422); then rejected, listed for quality only; a second decision → 409', async () => {
      const title = `Afwijzen ${unique('r')}`;
      // dated in the dashboard's 2022: it must never count
      expectStatus(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title, text: 'Reclame voor iets.', date: '2022-06-01', topic_id: topic.Werk.id }), 202);
      const [s] = expectStatus(await quality.get(`/api/v1/stories?status=pending&q=${encodeURIComponent(title)}`), 200).items;
      assert.ok(s, 'pending');
      assert.equal(s.valuation, null, 'a resident may leave the valuation out');
      assertValidation(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'reject' }), ['reason']);
      assertValidation(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'reject', reason: '   ' }), ['reason']);
      assertValidation(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'maybe' }), ['decision']);
      assert.equal(expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200).status, 'pending', 'still pending');
      const rej = expectStatus(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'reject', reason: 'Reclame' }), 200);
      assert.equal(rej.status, 'rejected');
      assert.equal(rej.moderation.decision, 'reject');
      assert.equal(rej.moderation.reason, 'Reclame');
      assertProblem(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'accept' }), 409, 'conflict');
      assert.equal(expectStatus(await quality.get(`/api/v1/stories/${s.id}`), 200).status, 'rejected');
      assert.deepEqual(expectStatus(await quality.get(`/api/v1/stories?status=rejected&q=${encodeURIComponent(title)}`), 200).items.map((x) => x.id), [s.id]);
      assert.equal(expectStatus(await quality.get(`/api/v1/stories?q=${encodeURIComponent(title)}`), 200).total, 0);
      assertProblem(await coach.get(`/api/v1/stories/${s.id}`), 404);
      const audit = await auditOf(s.id);
      assert.equal(audit.length, 2);
      assert.deepEqual(audit.find((e) => e.action === 'update').actor, { id: quality.me.id, name: quality.me.name });
      // moderating a staff story (published) → 409; a missing story → 404
      const staff = expectStatus(await coach.post('/api/v1/stories', base()), 201);
      assertProblem(await quality.post(`/api/v1/stories/${staff.id}/moderation`, { decision: 'accept' }), 409, 'conflict');
      assertProblem(await quality.post('/api/v1/stories/987654321/moderation', { decision: 'accept' }), 404);
    });

    it('the honeypot: a filled website is answered 202 and nothing is stored', async () => {
      const title = `Bot ${unique('b')}`;
      const head = await auditHead();
      const r = await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title, text: 'Koop nu!', website: 'http://spam.example' });
      assert.deepEqual(expectStatus(r, 202), { status: 'pending' });
      assert.deepEqual(await findAll(title), []);
      assert.equal(await auditHead(), head, 'no audit entry');
    });

    it('unknown signifier ids, a text over 10,000 characters, a future date, staff-only fields → 422; nothing stored', async () => {
      const marker = unique('PUB');
      const post = (extra) => pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: marker, text: 'Een verhaal.', ...extra });
      assertValidation(await post({ topic_id: 987654 }), ['topic_id']);
      assertValidation(await post({ valuation_id: 987654 }), ['valuation_id']);
      assertValidation(await post({ archetype_ids: [987654] }), ['archetype_ids[0]']);
      assertValidation(await post({ answers: [{ prompt_id: 987654, text: 'x' }] }), ['answers[0].prompt_id']);
      assertValidation(await post({ text: 'x'.repeat(10_001) }), ['text']);
      assertValidation(await post({ date: isoDay(Date.now() + 3 * 86_400_000) }), ['date']);
      assertValidation(await post({ title: '' }), ['title']);
      assertValidation(await post({ signed: true }), ['signed']);
      assertValidation(await post({ team_id: teams.A.id }), ['team_id']);
      assert.deepEqual(await findAll(marker), []);
    });

    it('the 6th story from the same address within an hour → 429 with Retry-After; another address is fine', async () => {
      const ip = '10.99.1.1';
      const marker = unique('RATE');
      for (let i = 1; i <= 5; i += 1) {
        const body = { title: `${marker} ${i}`, text: 'Een verhaal.' };
        if (i === 5) body.website = 'bot'; // a dropped one counts too
        expectStatus(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, body, ip), 202, `story ${i}`);
      }
      const r = await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: `${marker} 6`, text: 'Een verhaal.' }, ip);
      assertProblem(r, 429);
      const retry = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 3600, `Retry-After: ${r.headers.get('retry-after')}`);
      const stored = await findAll(marker);
      assert.deepEqual(stored.map((s) => s.title).sort(), [1, 2, 3, 4].map((i) => `${marker} ${i}`));
      expectStatus(await pub('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`, { title: `${marker} other`, text: 'Een verhaal.' }, '10.99.1.2'), 202);
      // clean up: reject them so that nothing waits
      for (const s of await findAll(marker)) {
        if (s.status === 'pending') expectStatus(await quality.post(`/api/v1/stories/${s.id}/moderation`, { decision: 'reject', reason: 'test' }), 200);
      }
    });
  });

  // ------------------------------------------------------------------ the dashboard

  describe('the dashboard (hand-computed)', () => {
    // [date, team, teller, topic, valuation, archetypes]
    const Y2021 = [
      ['2021-01-15', 'A', 'medewerker', 'Gezondheid', 'positief', ['Redder']],
      ['2021-02-10', 'A', 'medewerker', 'Gezondheid', 'neutraal', ['Redder', 'Specialist']],
      ['2021-03-05', 'B', 'inwoner', 'Werk', 'negatief', []],
      ['2021-04-20', 'B', 'medewerker', 'Schulden', 'zeer negatief', ['Tekortschieter']],
      ['2021-06-30', 'A', 'ketenpartner', 'Werk', 'positief', ['Nieuwe wegen vinder']],
      ['2021-09-01', null, 'medewerker', 'Gezondheid', 'zeer positief', ['Nieuwe wegen vinder', 'Redder']],
      ['2021-12-31', 'B', 'medewerker', 'Veiligheid', 'positief', ['Kameleon']],
    ];
    const Y2022 = [
      ['2022-01-01', 'A', 'medewerker', 'Gezondheid', 'positief', ['Redder']],
      ['2022-02-14', 'A', 'medewerker', 'Werk', 'zeer positief', ['Nieuwe wegen vinder']],
      ['2022-03-03', 'A', 'inwoner', 'Schulden', 'negatief', ['Tekortschieter', 'Redder']],
      ['2022-05-05', 'B', 'medewerker', 'Gezondheid', 'positief', []],
      ['2022-07-07', 'B', 'medewerker', 'Gezondheid', 'neutraal', ['Specialist']],
      ['2022-08-08', 'B', 'ketenpartner', 'Wonen en bescherming', 'positief', ['Nieuwe wegen vinder']],
      ['2022-10-10', 'C', 'medewerker', 'Werk', 'positief', ['Redder']],
      ['2022-12-31', 'C', 'medewerker', 'Gezondheid', 'zeer positief', ['Redder', 'Kameleon']],
    ];
    let stats;

    before(async () => {
      for (const [date, team, teller, t, v, as] of [...Y2021, ...Y2022]) {
        expectStatus(await quality.post('/api/v1/stories', {
          title: `Dashboard ${date}`, text: 'Een verhaal voor het dashboard.', date, teller_kind: teller,
          ...(team ? { team_id: teams[team].id } : {}), topic_id: topic[t].id, valuation_id: valuation[v].id,
          archetype_ids: as.map((a) => archetype[a].id),
        }), 201, `dashboard story ${date}`);
      }
      // the edges of the years: one day before and after count in neither
      stats = async (client, query) => expectStatus(await client.get(`/api/v1/stories/stats?${query}`), 200, `stats ${query}`);
    });

    /** {label: [count, share]} for the non-zero buckets, and a check of all buckets. */
    function buckets(list, labels, where) {
      assert.deepEqual(list.map((b) => b.label), labels, `${where}: every active value in list order`);
      for (const b of list) {
        keys(b, ['code', 'count', 'label', 'label_en', 'share'], `Bucket (${where})`);
        assert.ok(Number.isInteger(b.count) && b.count >= 0);
      }
      return Object.fromEntries(list.filter((b) => b.count > 0 || b.share !== 0).map((b) => [b.label, [b.count, b.share]]));
    }
    const TOPIC_LABELS = TOPICS.map((t) => t[0]);
    const VALUATION_LABELS = VALUATIONS.map((v) => v[0]);
    const sum = (list) => Math.round(list.reduce((a, b) => a + b.share * 10, 0)) / 10;

    function assertPeriod(p, { from, to, count, topics, valuations, archetypes }, where) {
      keys(p, ['archetypes', 'count', 'from', 'to', 'topics', 'valuations'], `Period (${where})`);
      assert.equal(p.from, from);
      assert.equal(p.to, to);
      assert.equal(p.count, count, `${where}: count`);
      assert.deepEqual(buckets(p.topics, TOPIC_LABELS, `${where} topics`), topics, `${where}: topics`);
      assert.deepEqual(buckets(p.valuations, VALUATION_LABELS, `${where} valuations`), valuations, `${where}: valuations`);
      assert.deepEqual(buckets(p.archetypes, ARCHETYPES, `${where} archetypes`), archetypes, `${where}: archetypes`);
      if (count > 0) {
        assert.equal(sum(p.topics), 100, `${where}: topic shares add up to 100.0`);
        assert.equal(sum(p.valuations), 100, `${where}: valuation shares add up to 100.0`);
      }
      // codes and English labels are those of the lists
      for (const b of p.topics) {
        assert.equal(b.code, topic[b.label].code);
        assert.equal(b.label_en, topic[b.label].label_en);
      }
    }

    // 2021, 7 stories. Topics 3/2/1/1 of 7: 42.857, 28.571, 14.286, 14.286 → floors 42.8,
    // 28.5, 14.2, 14.2 (99.7); remainders (in 1/7 of 0.1) 4, 5, 6, 6 → the three tenths go
    // to Schulden, Veiligheid, Werk: 42.8 (not 42.9), 28.6, 14.3, 14.3.
    const P2021 = {
      from: '2021-01-01', to: '2021-12-31', count: 7,
      topics: { Gezondheid: [3, 42.8], Schulden: [1, 14.3], Veiligheid: [1, 14.3], Werk: [2, 28.6] },
      // 3/1/1/1/1 of 7: 42.8 + 4 × 14.3
      valuations: { 'zeer negatief': [1, 14.3], negatief: [1, 14.3], neutraal: [1, 14.3], positief: [3, 42.8], 'zeer positief': [1, 14.3] },
      // of the 7 stories, half up: 2/7 = 28.6, 3/7 = 42.9, 1/7 = 14.3
      archetypes: { 'Nieuwe wegen vinder': [2, 28.6], Redder: [3, 42.9], Specialist: [1, 14.3], Kameleon: [1, 14.3], Tekortschieter: [1, 14.3] },
    };
    // 2022, 8 stories: eighths are exact.
    const P2022 = {
      from: '2022-01-01', to: '2022-12-31', count: 8,
      topics: { Gezondheid: [4, 50], Schulden: [1, 12.5], Werk: [2, 25], 'Wonen en bescherming': [1, 12.5] },
      valuations: { negatief: [1, 12.5], neutraal: [1, 12.5], positief: [4, 50], 'zeer positief': [2, 25] },
      archetypes: { 'Nieuwe wegen vinder': [2, 25], Redder: [4, 50], Specialist: [1, 12.5], Kameleon: [1, 12.5], Tekortschieter: [1, 12.5] },
    };

    it('one year: counts and shares (largest remainder for topics and valuations)', async () => {
      const s = await stats(quality, 'from=2021-01-01&to=2021-12-31');
      keys(s, ['changes', 'comparison', 'period'], 'Stats');
      assertPeriod(s.period, P2021, '2021');
      assert.equal(s.comparison, null);
      assert.equal(s.changes, null);
      assertPeriod((await stats(quality, 'from=2022-01-01&to=2022-12-31')).period, P2022, '2022');
      // the pending and rejected public stories of 2022 and the retired values count nowhere
      const both = await stats(quality, 'from=2021-01-01&to=2022-12-31');
      assert.equal(both.period.count, 15);
      assert.deepEqual(buckets(both.period.topics, TOPIC_LABELS, '2021-22').Gezondheid, [7, 46.7]);
    });

    it('the edges: from and to are inclusive', async () => {
      assert.equal((await stats(quality, 'from=2021-12-31&to=2022-01-01')).period.count, 2);
      assert.equal((await stats(quality, 'from=2021-01-16&to=2021-12-30')).period.count, 5);
    });

    it('comparison: 2022 against 2021 with the change in points per value', async () => {
      const s = await stats(quality, 'from=2022-01-01&to=2022-12-31&compare_from=2021-01-01&compare_to=2021-12-31');
      assertPeriod(s.period, P2022, 'now');
      assertPeriod(s.comparison, P2021, 'before');
      keys(s.changes, ['archetypes', 'topics', 'valuations'], 'changes');
      const changes = (list, labels, where) => {
        assert.deepEqual(list.map((c) => c.label), labels, `${where}: in list order`);
        for (const c of list) keys(c, ['code', 'count_before', 'count_now', 'label', 'label_en', 'points', 'share_before', 'share_now'], `Change (${where})`);
        return Object.fromEntries(list.filter((c) => c.count_now || c.count_before)
          .map((c) => [c.label, [c.count_now, c.share_now, c.count_before, c.share_before, c.points]]));
      };
      assert.deepEqual(changes(s.changes.topics, TOPIC_LABELS, 'topics'), {
        Gezondheid: [4, 50, 3, 42.8, 7.2],
        Schulden: [1, 12.5, 1, 14.3, -1.8],
        Veiligheid: [0, 0, 1, 14.3, -14.3],
        Werk: [2, 25, 2, 28.6, -3.6],
        'Wonen en bescherming': [1, 12.5, 0, 0, 12.5],
      });
      for (const c of s.changes.topics.filter((x) => !x.count_now && !x.count_before)) assert.equal(c.points, 0);
      assert.deepEqual(changes(s.changes.valuations, VALUATION_LABELS, 'valuations'), {
        'zeer negatief': [0, 0, 1, 14.3, -14.3],
        negatief: [1, 12.5, 1, 14.3, -1.8],
        neutraal: [1, 12.5, 1, 14.3, -1.8],
        positief: [4, 50, 3, 42.8, 7.2],
        'zeer positief': [2, 25, 1, 14.3, 10.7],
      });
      assert.deepEqual(changes(s.changes.archetypes, ARCHETYPES, 'archetypes'), {
        'Nieuwe wegen vinder': [2, 25, 2, 28.6, -3.6],
        Redder: [4, 50, 3, 42.9, 7.1],
        Specialist: [1, 12.5, 1, 14.3, -1.8],
        Kameleon: [1, 12.5, 1, 14.3, -1.8],
        Tekortschieter: [1, 12.5, 1, 14.3, -1.8],
      });
    });

    it('filter team: 1 of 3 each → 33.4 / 33.3 / 33.3 (the first in list order gets the tenth)', async () => {
      // Team A in 2022: Gezondheid, Werk, Schulden; positief, zeer positief, negatief.
      const a = (await stats(quality, `from=2022-01-01&to=2022-12-31&team=${teams.A.id}`)).period;
      assertPeriod(a, {
        from: '2022-01-01', to: '2022-12-31', count: 3,
        topics: { Gezondheid: [1, 33.4], Schulden: [1, 33.3], Werk: [1, 33.3] },
        valuations: { negatief: [1, 33.4], positief: [1, 33.3], 'zeer positief': [1, 33.3] },
        // of 3 stories: 1/3 = 33.3, 2/3 = 66.7
        archetypes: { 'Nieuwe wegen vinder': [1, 33.3], Redder: [2, 66.7], Tekortschieter: [1, 33.3] },
      }, 'team A 2022');
      // Team B in 2021: Werk, Schulden, Veiligheid; negatief, zeer negatief, positief.
      const b = (await stats(quality, `from=2021-01-01&to=2021-12-31&team=${teams.B.id}`)).period;
      assertPeriod(b, {
        from: '2021-01-01', to: '2021-12-31', count: 3,
        topics: { Schulden: [1, 33.4], Veiligheid: [1, 33.3], Werk: [1, 33.3] },
        valuations: { 'zeer negatief': [1, 33.4], negatief: [1, 33.3], positief: [1, 33.3] },
        archetypes: { Tekortschieter: [1, 33.3], Kameleon: [1, 33.3] },
      }, 'team B 2021');
    });

    it('filter teller', async () => {
      const inw = (await stats(quality, 'from=2021-01-01&to=2021-12-31&teller=inwoner')).period;
      assertPeriod(inw, {
        from: '2021-01-01', to: '2021-12-31', count: 1,
        topics: { Werk: [1, 100] }, valuations: { negatief: [1, 100] }, archetypes: {},
      }, 'inwoner 2021');
      const mw = (await stats(quality, 'from=2021-01-01&to=2021-12-31&teller=medewerker')).period;
      assertPeriod(mw, {
        from: '2021-01-01', to: '2021-12-31', count: 5,
        topics: { Gezondheid: [3, 60], Schulden: [1, 20], Veiligheid: [1, 20] },
        valuations: { 'zeer negatief': [1, 20], neutraal: [1, 20], positief: [2, 40], 'zeer positief': [1, 20] },
        archetypes: { 'Nieuwe wegen vinder': [1, 20], Redder: [3, 60], Specialist: [1, 20], Kameleon: [1, 20], Tekortschieter: [1, 20] },
      }, 'medewerker 2021');
      // team and teller together: team B, ketenpartner, 2022
      const kp = (await stats(quality, `from=2022-01-01&to=2022-12-31&team=${teams.B.id}&teller=ketenpartner`)).period;
      assert.equal(kp.count, 1);
      assert.deepEqual(buckets(kp.topics, TOPIC_LABELS, 'kp'), { 'Wonen en bescherming': [1, 100] });
    });

    it('a team manager: own teams without `team` (6 of 6: 50.0 / 16.7 / 16.7 / 16.6), an own team, another team 403', async () => {
      // Team A and B in 2022: Gezondheid 3, Schulden 1, Werk 1, Wonen 1 of 6: floors 50.0,
      // 16.6, 16.6, 16.6; remainders 0, 4, 4, 4 → the two tenths go to Schulden and Werk.
      const own = (await stats(tm, 'from=2022-01-01&to=2022-12-31')).period;
      assertPeriod(own, {
        from: '2022-01-01', to: '2022-12-31', count: 6,
        topics: { Gezondheid: [3, 50], Schulden: [1, 16.7], Werk: [1, 16.7], 'Wonen en bescherming': [1, 16.6] },
        // positief 3, zeer positief 1, negatief 1, neutraal 1
        valuations: { negatief: [1, 16.7], neutraal: [1, 16.7], positief: [3, 50], 'zeer positief': [1, 16.6] },
        // NW 2 (33.3), R 2 (33.3), T 1, S 1 (16.7)
        archetypes: { 'Nieuwe wegen vinder': [2, 33.3], Redder: [2, 33.3], Specialist: [1, 16.7], Tekortschieter: [1, 16.7] },
      }, 'tm 2022');
      const a = (await stats(tm, `from=2022-01-01&to=2022-12-31&team=${teams.A.id}`)).period;
      assert.equal(a.count, 3);
      assertProblem(await tm.get(`/api/v1/stories/stats?from=2022-01-01&to=2022-12-31&team=${teams.C.id}`), 403);
      // the director sees everything, like quality
      addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 's-director@example.org', name: 'Directeur', roles: ['director'] });
      const director = await new Client(server).loginOk('s-director@example.org');
      assertPeriod((await stats(director, 'from=2021-01-01&to=2021-12-31')).period, P2021, 'director 2021');
    });

    it('an empty period: count 0 and every share 0', async () => {
      const s = await stats(quality, 'from=2019-01-01&to=2019-12-31&compare_from=2021-01-01&compare_to=2021-12-31');
      assertPeriod(s.period, { from: '2019-01-01', to: '2019-12-31', count: 0, topics: {}, valuations: {}, archetypes: {} }, '2019');
      for (const b of [...s.period.topics, ...s.period.valuations, ...s.period.archetypes]) {
        assert.equal(b.count, 0);
        assert.equal(b.share, 0);
      }
      assert.equal(s.changes.topics.find((c) => c.label === 'Gezondheid').points, -42.8);
      // a team manager's own teams, before anything was told
      assert.equal((await stats(tm, 'from=2019-01-01&to=2019-12-31')).period.count, 0);
    });

    it('from or to missing, a bad date, half a comparison, a bad team or teller → 400', async () => {
      for (const q of ['', 'from=2021-01-01', 'to=2021-12-31', 'from=2021-02-30&to=2021-12-31', 'from=2021-01-01&to=gisteren',
        'from=2021-01-01&to=2021-12-31&compare_from=2020-01-01', 'from=2021-01-01&to=2021-12-31&team=abc',
        'from=2021-01-01&to=2021-12-31&teller=buurman']) {
        assertProblem(await quality.get(`/api/v1/stories/stats?${q}`), 400, undefined, q);
      }
    });
  });
});
