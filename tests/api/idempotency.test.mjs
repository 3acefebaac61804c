// Idempotency-Key on the creating POSTs (issue 15): a client that lost its answer sends
// the same request again with the same key and gets the first answer, not a second record.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG, expectStatus, assertProblem, show,
} from './harness.mjs';

describe('Idempotency-Key', { skip: whyNot }, () => {
  let server;
  let coach;
  let otherCoach;
  let quality;
  let story;  // (extra) => a valid story body

  before(async () => {
    server = await startServer({ demo: true, args: ['--trust-proxy'] });
    const db = server.databaseUrl;
    addUser(db, { org: DEMO_ORG_SLUG, email: 'idem-coach@example.org', name: 'Coach Idem', roles: ['coach'], teams: ['Wijkteam Centrum'] });
    addUser(db, { org: DEMO_ORG_SLUG, email: 'idem-coach2@example.org', name: 'Coach Twee', roles: ['coach'], teams: ['Wijkteam Centrum'] });
    addUser(db, { org: DEMO_ORG_SLUG, email: 'idem-quality@example.org', name: 'Kwaliteit Idem', roles: ['quality'] });
    coach = await new Client(server).loginOk('idem-coach@example.org');
    otherCoach = await new Client(server).loginOk('idem-coach2@example.org');
    quality = await new Client(server).loginOk('idem-quality@example.org');
    const topics = expectStatus(await coach.get('/api/v1/lists/story_topic'), 200).items;
    const valuations = expectStatus(await coach.get('/api/v1/lists/story_valuation'), 200).items;
    story = (extra = {}) => ({
      title: 'Een verhaal dat twee keer verstuurd werd', text: 'De verbinding viel weg na het versturen.',
      date: '2024-05-01', teller_kind: 'medewerker', topic_id: topics[0].id, valuation_id: valuations[0].id, ...extra,
    });
  });
  after(async () => { await server?.stop(); });

  const withKey = (key, extra = {}) => ({ headers: { 'Idempotency-Key': key, ...extra } });
  const storiesTitled = async (title) =>
    expectStatus(await quality.get(`/api/v1/stories?q=${encodeURIComponent(title)}&limit=100`), 200).items.filter((s) => s.title === title);

  it('a retry with the same key gives the first answer and creates nothing more', async () => {
    const key = randomUUID();
    const body = story({ title: `Eenmaal ${key}` });
    const first = expectStatus(await coach.post('/api/v1/stories', body, withKey(key)), 201);
    const again = await coach.post('/api/v1/stories', body, withKey(key));
    assert.equal(again.status, 201, show(again));
    assert.equal(again.json.id, first.id, 'the same story');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.headers.get('cache-control'), 'no-store', 'the security headers are set on a replay too');
    assert.equal((await storiesTitled(body.title)).length, 1);
  });

  it('without a key, the same request twice creates two records (the key is what makes it once)', async () => {
    const body = story({ title: `Tweemaal ${randomUUID()}` });
    expectStatus(await coach.post('/api/v1/stories', body), 201);
    expectStatus(await coach.post('/api/v1/stories', body), 201);
    assert.equal((await storiesTitled(body.title)).length, 2);
  });

  it('the same key with another body is 422 naming Idempotency-Key, and creates nothing', async () => {
    const key = randomUUID();
    const title = `Ander verzoek ${key}`;
    expectStatus(await coach.post('/api/v1/stories', story({ title }), withKey(key)), 201);
    const r = await coach.post('/api/v1/stories', story({ title: `${title} (anders)` }), withKey(key));
    assertProblem(r, 422, 'validation');
    assert.deepEqual(r.json.errors.map((e) => e.field), ['Idempotency-Key']);
    assert.equal((await storiesTitled(`${title} (anders)`)).length, 0);
  });

  it('keys are per user: another coach\'s key of the same value is hers', async () => {
    const key = randomUUID();
    const body = story({ title: `Per gebruiker ${key}` });
    const a = expectStatus(await coach.post('/api/v1/stories', body, withKey(key)), 201);
    const b = expectStatus(await otherCoach.post('/api/v1/stories', body, withKey(key)), 201);
    assert.notEqual(a.id, b.id);
  });

  it('a refused request does not use up its key', async () => {
    const key = randomUUID();
    const title = `Eerst fout ${key}`;
    const bad = await coach.post('/api/v1/stories', story({ title, topic_id: 999999 }), withKey(key));
    assert.equal(bad.status, 422, show(bad));
    expectStatus(await coach.post('/api/v1/stories', story({ title }), withKey(key)), 201);
    assert.equal((await storiesTitled(title)).length, 1);
  });

  it('refuses a key that is empty, too long or not visible ASCII with 400 naming it', async () => {
    for (const key of [' ', 'x'.repeat(256), 'sleutel met spaties']) {
      const r = await coach.post('/api/v1/stories', story({ title: `Slechte sleutel ${randomUUID()}` }), withKey(key));
      assertProblem(r, 400, 'bad-request', JSON.stringify(key));
      assert.deepEqual(r.json.errors.map((e) => e.field), ['Idempotency-Key']);
    }
  });

  it('concurrent requests with one key create one record', async () => {
    const key = randomUUID();
    const body = story({ title: `Gelijktijdig ${key}` });
    const answers = await Promise.all(Array.from({ length: 8 }, () => coach.post('/api/v1/stories', body, withKey(key))));
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.every((s) => s === 201 || s === 409), `201 or 409 (in progress): ${statuses}`);
    for (const a of answers.filter((x) => x.status === 409)) assert.ok(a.headers.get('retry-after'), 'in progress says when to retry');
    assert.equal((await storiesTitled(body.title)).length, 1);
    assert.equal(new Set(answers.filter((a) => a.status === 201).map((a) => a.json.id)).size, 1);
  });

  it('the public form: a retry with the key is one story, not two', async () => {
    const key = randomUUID();
    const title = `Inwoner ${key}`;
    const send = () => new Client(server).request('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`,
      { title, text: 'Mijn verhaal, twee keer verstuurd.' }, { headers: { 'Idempotency-Key': key, 'X-Forwarded-For': '192.0.2.44' } });
    expectStatus(await send(), 202);
    const again = await send();
    assert.equal(again.status, 202, show(again));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const pending = expectStatus(await quality.get(`/api/v1/stories?status=pending&limit=100&q=${encodeURIComponent(title)}`), 200).items;
    assert.equal(pending.filter((s) => s.title === title).length, 1);
  });

  it('a case filed twice with one key is one case', async () => {
    const key = randomUUID();
    const teams = expectStatus(await coach.get('/api/v1/teams'), 200).items;
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'idem-admin@example.org', name: 'Beheer Idem', roles: ['admin'] });
    const admin = await new Client(server).loginOk('idem-admin@example.org');
    const programme = expectStatus(await admin.post('/api/v1/programmes', { name: 'Doorstroomwoningen', start_date: '2016-01-01' }), 201);
    const body = {
      reference: `IDEM-${key.slice(0, 8)}`, team_id: teams.find((t) => t.name === 'Wijkteam Centrum').id,
      programme_id: programme.id, start_date: '2024-01-02',
    };
    const first = await coach.post('/api/v1/cases', body, withKey(key));
    assert.equal(first.status, 201, show(first));
    const again = await coach.post('/api/v1/cases', body, withKey(key));
    assert.equal(again.status, 201, `not a 409 for a duplicate reference: ${show(again)}`);
    assert.equal(again.json.id, first.json.id);
  });
});
