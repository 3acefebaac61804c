// Bad input on every state-changing endpoint of cases, receipts, programmes and lists,
// and on their paths and query parameters: each refusal is a problem+json answer that
// names the offending field (nested ones as `oud[1].amount_cents`), and changes nothing
// (the records before and after are compared, and no audit entry is written).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG,
  assertProblem, assertValidation, expectStatus, show, rawRequest,
} from './harness.mjs';

const BSN = '111222333'; // passes the 11-test
const MAX_AMOUNT = 10_000_000_000; // € 100 million per year, in cents

describe('cases: bad input', { skip: whyNot }, () => {
  let server;
  let editor; // admin + coordinator of the programme "Invoerproef": may do everything here
  let teamId;
  let programme; // Invoerproef
  let target; // a programme to PATCH
  let victim; // a case to PATCH and to PUT the receipt of
  let other; // another case, whose reference is taken
  let value; // a cost_category value to PATCH
  let cat; // label → id
  let pay;
  let retiredCategory;
  let counter = 0;
  const fresh = (p) => `${p}-${++counter}`;

  const L = (amount = 100, extra = {}) => ({ category_id: cat.get('overig'), payer_id: pay.get('gemeente'), description: 'regel', amount_cents: amount, ...extra });
  const without = (obj, key) => { const o = { ...obj }; delete o[key]; return o; };

  async function snapshot() {
    const paths = [
      '/api/v1/cases?limit=500', `/api/v1/cases/${victim.id}`, `/api/v1/cases/${victim.id}/receipt`,
      `/api/v1/cases/${other.id}`, '/api/v1/programmes', '/api/v1/lists/cost_category', '/api/v1/lists/payer',
      '/api/v1/audit?limit=1',
    ];
    const answers = await Promise.all(paths.map((p) => editor.get(p)));
    answers.forEach((r) => expectStatus(r, 200, `snapshot ${r.path}`));
    return Object.fromEntries(answers.map((r) => [r.path, r.json]));
  }

  function assertSame(s0, s1, label) {
    for (const k of Object.keys(s0)) assert.deepEqual(s1[k], s0[k], `${label}: ${k} changed`);
  }

  /** Makes one request; if it is refused (4xx/5xx), asserts that it changed nothing. */
  async function attempt(method, p, body, options = {}) {
    const s0 = await snapshot();
    const r = await editor.request(method, p, body, options);
    assert.ok(r.status < 500, `never a server error: ${show(r)}`);
    if (r.status >= 400) assertSame(s0, await snapshot(), `after ${show(r).slice(0, 300)}`);
    return r;
  }

  async function unchanged(label, fn) {
    const s0 = await snapshot();
    await fn();
    assertSame(s0, await snapshot(), label);
  }

  /** Runs check(case) for every case and fails once, listing every case that failed. */
  async function allOf(cases, check) {
    const failures = [];
    for (const c of cases) {
      try {
        await check(c);
      } catch (e) {
        failures.push(e.message.split('\n')[0]);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed:\n${failures.join('\n')}`);
  }

  const badDates = ['2017-02-30', '2017-02-29', '31-12-2017', '2017-13-01', '2017-00-10', '2017-1-1', '20170101', '2017-12-31T00:00:00Z', ''];

  const endpoints = [
    {
      label: 'POST /api/v1/cases',
      method: 'POST',
      path: () => '/api/v1/cases',
      valid: () => ({ reference: fresh('IN'), team_id: teamId, programme_id: programme.id, start_date: '2017-01-01' }),
      required: ['reference', 'team_id', 'programme_id', 'start_date'],
      wrongTypes: [
        [{ reference: 5 }, 'reference'], [{ reference: null }, 'reference'], [{ reference: ['IN-x'] }, 'reference'],
        [() => ({ team_id: String(teamId) }), 'team_id'], [{ team_id: 1.5 }, 'team_id'], [{ team_id: {} }, 'team_id'], [{ team_id: null }, 'team_id'],
        [{ programme_id: 'x' }, 'programme_id'], [{ programme_id: true }, 'programme_id'],
        [{ group: 3 }, 'group'], [{ group: ['Woning A'] }, 'group'], [{ owner_id: 'x' }, 'owner_id'],
        [{ start_date: 20170101 }, 'start_date'], [{ start_date: null }, 'start_date'], [{ plan: [] }, 'plan'], [{ plan: 5 }, 'plan'],
        [{ status: 1 }, 'status'], [{ status_date: true }, 'status_date'],
      ],
      invalid: [
        [{ reference: '' }, 'reference'], [{ reference: 'r'.repeat(41) }, 'reference'], [{ reference: `K${BSN}` }, 'reference'],
        [{ plan: `bsn ${BSN}` }, 'plan'], [{ plan: 'p'.repeat(20001) }, 'plan'],
        ...badDates.map((d) => [{ start_date: d }, 'start_date']),
        [{ status: 'klaar' }, 'status'], [{ status: 'Afgerond' }, 'status'], [{ status: 'zo goed als afgerond' }, 'status'], [{ status: '' }, 'status'],
        [{ status: 'afgerond', status_date: '2017-02-30' }, 'status_date'], [{ status: 'afgerond', status_date: '31-12-2017' }, 'status_date'],
        [{ team_id: 987654321 }, 'team_id'], [{ team_id: -1 }, 'team_id'], [{ team_id: 0 }, 'team_id'],
        [{ programme_id: 987654321 }, 'programme_id'], [{ owner_id: 987654321 }, 'owner_id'], [{ group: '' }, 'group'],
        [{ reference: '', start_date: '31-12-2017', status: 'klaar' }, 'reference'],
      ],
    },
    {
      label: 'PATCH /api/v1/cases/{id}',
      method: 'PATCH',
      path: () => `/api/v1/cases/${victim.id}`,
      valid: () => ({ plan: fresh('plan') }),
      required: [],
      wrongTypes: [
        // (null for an optional field means "not given" throughout the API, so it is not here)
        [{ reference: 5 }, 'reference'], [() => ({ team_id: String(teamId) }), 'team_id'],
        [{ programme_id: 1.5 }, 'programme_id'], [{ group: 5 }, 'group'], [{ owner_id: '1' }, 'owner_id'],
        [{ start_date: 1 }, 'start_date'], [{ plan: {} }, 'plan'],
        [{ status: false }, 'status'], [{ status_date: 1 }, 'status_date'],
      ],
      invalid: [
        [{ reference: '' }, 'reference'], [{ reference: 'r'.repeat(41) }, 'reference'], [{ reference: BSN }, 'reference'],
        [{ plan: `Zie ${BSN}` }, 'plan'], [{ plan: 'p'.repeat(20001) }, 'plan'],
        ...badDates.map((d) => [{ start_date: d }, 'start_date']),
        [{ status: 'klaar' }, 'status'], [{ status: 'LOPEND' }, 'status'],
        [{ status: 'afgerond', status_date: '2017-02-30' }, 'status_date'], [{ status: 'afgerond', status_date: '31-12-2017' }, 'status_date'],
        [{ team_id: 987654321 }, 'team_id'], [{ programme_id: 987654321 }, 'programme_id'], [{ owner_id: 987654321 }, 'owner_id'],
        [{ group: '' }, 'group'],
      ],
    },
    {
      label: 'PUT /api/v1/cases/{id}/receipt',
      method: 'PUT',
      path: () => `/api/v1/cases/${victim.id}/receipt`,
      valid: () => ({ oud: [L(1000 + ++counter)], nieuw: [L(500)] }),
      required: ['oud', 'nieuw'],
      wrongTypes: [
        [{ oud: {} }, 'oud'], [{ oud: 'x' }, 'oud'], [{ nieuw: null }, 'nieuw'], [{ nieuw: 5 }, 'nieuw'],
        [{ oud: [5] }, 'oud[0]'], [() => ({ oud: [L(1), 'x'] }), 'oud[1]'], [() => ({ nieuw: [L(1), null] }), 'nieuw[1]'],
        [() => ({ oud: [L(1, { category_id: '1' })] }), 'oud[0].category_id'],
        [() => ({ nieuw: [L(1), L(1, { payer_id: 2.5 })] }), 'nieuw[1].payer_id'],
        [() => ({ oud: [L(1), L(1.5)] }), 'oud[1].amount_cents'],
        [() => ({ oud: [L('100')] }), 'oud[0].amount_cents'], [() => ({ oud: [L(null)] }), 'oud[0].amount_cents'],
        [() => ({ oud: [L(1e20)] }), 'oud[0].amount_cents'],
        [() => ({ oud: [L(1, { description: 5 })] }), 'oud[0].description'],
        [() => ({ oud: [L(1, { category_id: null })] }), 'oud[0].category_id'],
      ],
      invalid: [
        [() => ({ oud: [L(1), without(L(1), 'amount_cents')] }), 'oud[1].amount_cents'],
        [() => ({ oud: [without(L(1), 'category_id')] }), 'oud[0].category_id'],
        [() => ({ nieuw: [without(L(1), 'payer_id')] }), 'nieuw[0].payer_id'],
        [() => ({ oud: [L(1, { extra: 1 })] }), 'oud[0].extra'],
        [() => ({ nieuw: [L(1), L(1, { Amount_cents: 5 })] }), 'nieuw[1].Amount_cents'],
        [() => ({ oud: [L(-1)] }), 'oud[0].amount_cents'],
        [() => ({ oud: [L(1), L(MAX_AMOUNT + 1)] }), 'oud[1].amount_cents'],
        [() => ({ nieuw: [L(Number.MAX_SAFE_INTEGER)] }), 'nieuw[0].amount_cents'],
        [() => ({ oud: Array.from({ length: 101 }, () => L(1)) }), 'oud'],
        [() => ({ nieuw: Array.from({ length: 101 }, () => L(1)) }), 'nieuw'],
        [() => ({ oud: [L(1, { category_id: 987654321 })] }), 'oud[0].category_id'],
        [() => ({ oud: [L(1, { category_id: 0 })] }), 'oud[0].category_id'],
        [() => ({ oud: [L(1, { payer_id: 987654321 })] }), 'oud[0].payer_id'],
        [() => ({ oud: [L(1, { category_id: pay.get('gemeente') })] }), 'oud[0].category_id'], // a payer as category
        [() => ({ nieuw: [L(1, { payer_id: cat.get('uitkering') })] }), 'nieuw[0].payer_id'], // a category as payer
        [() => ({ oud: [L(1, { category_id: retiredCategory.id })] }), 'oud[0].category_id'],
        [() => ({ oud: [L(1, { description: `bsn ${BSN}` })] }), 'oud[0].description'],
      ],
    },
    {
      label: 'POST /api/v1/programmes',
      method: 'POST',
      path: () => '/api/v1/programmes',
      valid: () => ({ name: fresh('Programma'), start_date: '2017-01-01' }),
      required: ['name', 'start_date'],
      wrongTypes: [
        [{ name: 5 }, 'name'], [{ name: null }, 'name'], [{ slug: 5 }, 'slug'], [{ description: 5 }, 'description'],
        [{ start_date: 2017 }, 'start_date'], [{ team_id: 'x' }, 'team_id'], [{ team_id: 1.5 }, 'team_id'],
      ],
      invalid: [
        [{ name: '' }, 'name'], [{ name: 'n'.repeat(201) }, 'name'], [{ name: 'tab\there' }, 'name'],
        [{ slug: 'Bad Slug' }, 'slug'], [{ slug: 'a'.repeat(41) }, 'slug'], [{ slug: '' }, 'slug'], [{ slug: 'ä' }, 'slug'],
        [{ slug: 'coordinator:x' }, 'slug'],
        ...badDates.map((d) => [{ start_date: d }, 'start_date']),
        [{ team_id: 987654321 }, 'team_id'], [{ team_id: 0 }, 'team_id'],
      ],
    },
    {
      label: 'PATCH /api/v1/programmes/{id}',
      method: 'PATCH',
      path: () => `/api/v1/programmes/${target.id}`,
      valid: () => ({ description: fresh('omschrijving') }),
      required: [],
      wrongTypes: [
        [{ name: 5 }, 'name'], [{ active: 'yes' }, 'active'], [{ active: 1 }, 'active'], [{ team_id: 'x' }, 'team_id'],
        [{ start_date: 1 }, 'start_date'], [{ description: [] }, 'description'],
      ],
      invalid: [
        [{ name: '' }, 'name'], [{ name: 'n'.repeat(201) }, 'name'],
        ...badDates.map((d) => [{ start_date: d }, 'start_date']),
        [{ team_id: 987654321 }, 'team_id'], [{ slug: 'nieuw' }, 'slug'],
      ],
    },
    {
      label: 'POST /api/v1/lists/{list}',
      method: 'POST',
      path: () => '/api/v1/lists/cost_category',
      valid: () => ({ label: fresh('Waarde') }),
      required: ['label'],
      wrongTypes: [[{ label: 5 }, 'label'], [{ label: null }, 'label'], [{ label: ['x'] }, 'label'], [{ code: 5 }, 'code']],
      invalid: [
        [{ label: '' }, 'label'], [{ label: 'new\nline' }, 'label'], [{ label: 'l'.repeat(201) }, 'label'],
        [{ code: 'Bad Code' }, 'code'], [{ code: '' }, 'code'], [{ code: 'c'.repeat(41) }, 'code'],
      ],
    },
    {
      label: 'PATCH /api/v1/lists/{list}/{id}',
      method: 'PATCH',
      path: () => `/api/v1/lists/cost_category/${value.id}`,
      valid: () => ({ label: fresh('Hernoemd') }),
      required: [],
      wrongTypes: [
        [{ label: 5 }, 'label'], [{ active: 'no' }, 'active'],
        [{ position: 'x' }, 'position'], [{ position: 1.5 }, 'position'],
      ],
      invalid: [[{ label: '' }, 'label'], [{ label: 'l'.repeat(201) }, 'label'], [{ position: 0 }, 'position'], [{ position: -1 }, 'position'], [{ code: 'nieuw' }, 'code']],
    },
  ];

  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'cb-editor@example.org', name: 'Invoer', roles: ['admin', 'coordinator:invoerproef'] });
    editor = await new Client(server).loginOk('cb-editor@example.org');
    teamId = expectStatus(await editor.get('/api/v1/teams'), 200).items[0].id;
    programme = expectStatus(await editor.post('/api/v1/programmes', { name: 'Invoerproef', start_date: '2016-01-01' }), 201);
    assert.equal(programme.slug, 'invoerproef');
    target = expectStatus(await editor.post('/api/v1/programmes', { name: 'Doelprogramma', start_date: '2016-01-01' }), 201);
    cat = new Map(expectStatus(await editor.get('/api/v1/lists/cost_category'), 200).items.map((v) => [v.label, v.id]));
    pay = new Map(expectStatus(await editor.get('/api/v1/lists/payer'), 200).items.map((v) => [v.label, v.id]));
    value = expectStatus(await editor.post('/api/v1/lists/cost_category', { label: 'Invoerwaarde' }), 201);
    retiredCategory = expectStatus(await editor.post('/api/v1/lists/cost_category', { label: 'Ingetrokken' }), 201);
    expectStatus(await editor.patch(`/api/v1/lists/cost_category/${retiredCategory.id}`, { active: false }), 200);
    victim = expectStatus(await editor.post('/api/v1/cases', { reference: 'SLACHTOFFER', team_id: teamId, programme_id: programme.id, start_date: '2017-01-01', plan: 'Origineel' }), 201);
    other = expectStatus(await editor.post('/api/v1/cases', { reference: 'BEZET', team_id: teamId, programme_id: programme.id, start_date: '2017-01-01' }), 201);
    expectStatus(await editor.put(`/api/v1/cases/${victim.id}/receipt`, { oud: [L(100000)], nieuw: [L(25000)] }), 200);
  });

  after(async () => {
    await server?.stop();
  });

  for (const ep of endpoints) {
    describe(ep.label, () => {
      const send = (body, options = {}) => attempt(ep.method, ep.path(), body, options);

      it('accepts its valid body (sanity check of this table)', async () => {
        const r = await send(ep.valid());
        assert.ok([200, 201].includes(r.status), `valid body should be accepted: ${show(r)}`);
      });

      it('malformed JSON → 400 bad-request', async () => {
        await unchanged(`${ep.label} malformed JSON`, async () => {
          for (const raw of ['{"oud": ', '{plan: "x"}', '{"plan":"x",}', "{'plan':'x'}", '{"plan":"x"} trailing', '', '{"a":1}{"b":2}', '{"oud":[1,]}', '{"amount_cents": 01}']) {
            assertProblem(await send(raw, { raw: true }), 400, 'bad-request', `${ep.label} body ${JSON.stringify(raw)}`);
          }
        });
      });

      it('invalid UTF-8 in a string → 400 bad-request', async () => {
        await unchanged(`${ep.label} invalid UTF-8`, async () => {
          for (const bad of [[0xff, 0xfe], [0xc3, 0x28], [0xed, 0xa0, 0x80]]) {
            const body = Buffer.concat([Buffer.from('{"plan":"ab'), Buffer.from(bad), Buffer.from('cd"}')]);
            assertProblem(await send(body, { raw: true }), 400, 'bad-request', `${ep.label} with bytes ${bad.map((b) => b.toString(16)).join(' ')}`);
          }
        });
      });

      it('another content type → 415 unsupported-media-type', async () => {
        await unchanged(`${ep.label} content type`, async () => {
          const json = JSON.stringify(ep.valid());
          for (const ct of ['text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
            assertProblem(await send(json, { raw: true, contentType: ct }), 415, 'unsupported-media-type', `${ep.label} as ${ct}`);
          }
          assertProblem(await send(Buffer.from(json), { raw: true, contentType: null }), 415, 'unsupported-media-type', `${ep.label} without Content-Type`);
        });
      });

      it('JSON that is not an object → 400 or 422 problem', async () => {
        await unchanged(`${ep.label} non-object`, async () => {
          for (const raw of ['[]', '"text"', '42', 'null', 'true', `[${JSON.stringify(ep.valid())}]`]) {
            const r = await send(raw, { raw: true });
            assert.ok([400, 422].includes(r.status), `${ep.label} body ${raw}: ${show(r)}`);
            assertProblem(r, r.status, null, `${ep.label} body ${raw}`);
          }
        });
      });

      it('wrong types → 422 naming the field', async () => {
        await unchanged(`${ep.label} wrong types`, async () => {
          await allOf(ep.wrongTypes, async ([p, field]) => {
            const patch = typeof p === 'function' ? p() : p;
            assertValidation(await send({ ...ep.valid(), ...patch }), [field], `${ep.label} ${JSON.stringify(patch).slice(0, 120)}`);
          });
        });
      });

      if (ep.required.length > 0) {
        it('missing required fields → 422 listing each', async () => {
          await unchanged(`${ep.label} missing fields`, async () => {
            assertValidation(await send({}), ep.required, `${ep.label} {}`);
            for (const field of ep.required) {
              assertValidation(await send(without(ep.valid(), field)), [field], `${ep.label} without ${field}`);
            }
          });
        });
      }

      it('unknown fields → 422 naming them', async () => {
        await unchanged(`${ep.label} unknown fields`, async () => {
          assertValidation(await send({ ...ep.valid(), extra: 1 }), ['extra'], `${ep.label} with extra`);
          assertValidation(await send({ ...ep.valid(), id: 1, org_id: 2 }), ['id', 'org_id'], `${ep.label} with id and org_id`);
          const [first] = Object.keys(ep.valid());
          const cap = first[0].toUpperCase() + first.slice(1);
          assertValidation(await send({ ...ep.valid(), [cap]: 'x' }), [cap], `${ep.label} with ${cap} (fields are case-sensitive)`);
        });
      });

      it('invalid and overlong values → 422 naming the field', async () => {
        await unchanged(`${ep.label} invalid values`, async () => {
          await allOf(ep.invalid, async ([p, field]) => {
            const patch = typeof p === 'function' ? p() : p;
            assertValidation(await send({ ...ep.valid(), ...patch }), [field], `${ep.label} ${JSON.stringify(patch).slice(0, 120)}`);
          });
        });
      });
    });
  }

  // ------------------------------------------------------------------ the receipt in detail

  it('a receipt with several bad lines names every one of them; nothing saved', async () => {
    // malformed lines (types, ranges of the reader)
    const r1 = await attempt('PUT', `/api/v1/cases/${victim.id}/receipt`, {
      oud: [L(-1), L(5), L(1, { category_id: 'x' })],
      nieuw: [L(1, { payer_id: 'x' }), without(L(1), 'amount_cents')],
    });
    const p1 = assertValidation(r1, ['oud[0].amount_cents', 'oud[2].category_id', 'nieuw[0].payer_id', 'nieuw[1].amount_cents'], 'several malformed lines');
    assert.ok(!p1.errors.some((e) => e.field.startsWith('oud[1]')), `the good line is not named: ${show(r1)}`);
    // well-formed lines with unknown values and amounts over the limit
    const r2 = await attempt('PUT', `/api/v1/cases/${victim.id}/receipt`, {
      oud: [L(1, { category_id: 987654321 }), L(5), L(MAX_AMOUNT + 1)],
      nieuw: [L(1, { payer_id: 987654321 }), L(1, { category_id: retiredCategory.id, description: `bsn ${BSN}` })],
    });
    const p2 = assertValidation(r2, ['oud[0].category_id', 'oud[2].amount_cents', 'nieuw[0].payer_id', 'nieuw[1].category_id', 'nieuw[1].description'], 'several invalid lines');
    assert.ok(!p2.errors.some((e) => e.field.startsWith('oud[1]')), `the good line is not named: ${show(r2)}`);
  });

  // docs/api.md, "Errors": "`errors` lists one entry per offending field": malformed and unknown
  // values come back in one answer.
  it('a body with malformed AND unknown values names all of them at once', async () => {
    const r = await attempt('PUT', `/api/v1/cases/${victim.id}/receipt`, {
      oud: [L(-1), L(1, { category_id: 987654321 })], nieuw: [L(1, { payer_id: 'x' }), L(MAX_AMOUNT + 1)],
    });
    assertValidation(r, ['oud[0].amount_cents', 'oud[1].category_id', 'nieuw[0].payer_id', 'nieuw[1].amount_cents'], 'mixed mistakes');
  });

  it('the limits themselves are accepted: 100 lines per side, 0 and 10,000,000,000 cents', async () => {
    const body = { oud: Array.from({ length: 100 }, (_, i) => L(i === 0 ? MAX_AMOUNT : 1)), nieuw: Array.from({ length: 100 }, () => L(0)) };
    const rc = expectStatus(await editor.put(`/api/v1/cases/${victim.id}/receipt`, body), 200, '100 + 100 lines at the limits');
    assert.equal(rc.oud.length, 100);
    assert.equal(rc.nieuw.length, 100);
    assert.deepEqual(rc.totals, { oud_cents: MAX_AMOUNT + 99, nieuw_cents: 0, saving_cents: MAX_AMOUNT + 99 });
    const empty = expectStatus(await editor.put(`/api/v1/cases/${victim.id}/receipt`, { oud: [], nieuw: [] }), 200, 'an empty receipt');
    assert.deepEqual(empty.totals, { oud_cents: 0, nieuw_cents: 0, saving_cents: 0 });
    assert.equal(empty.negative_saving, false);
    expectStatus(await editor.put(`/api/v1/cases/${victim.id}/receipt`, { oud: [L(100000)], nieuw: [L(25000)] }), 200);
  });

  it('a leap day is a date; 2016-02-29 is accepted', async () => {
    const c = expectStatus(await editor.post('/api/v1/cases', { reference: fresh('SCHRIKKEL'), team_id: teamId, programme_id: programme.id, start_date: '2016-02-29', status: 'afgerond', status_date: '2016-02-29' }), 201);
    assert.equal(c.start_date, '2016-02-29');
    assert.deepEqual(c.status_history.map((e) => e.date), ['2016-02-29']);
  });

  it('a taken reference → 409 conflict on POST and PATCH, nothing saved', async () => {
    assertProblem(await attempt('POST', '/api/v1/cases', { reference: 'BEZET', team_id: teamId, programme_id: programme.id, start_date: '2017-01-01' }), 409, 'conflict', 'POST taken reference');
    assertProblem(await attempt('PATCH', `/api/v1/cases/${victim.id}`, { reference: 'BEZET' }), 409, 'conflict', 'PATCH to a taken reference');
    assertProblem(await attempt('PATCH', `/api/v1/programmes/${target.id}`, { name: 'Invoerproef' }), 409, 'conflict', 'PATCH programme to a taken name');
    assertProblem(await attempt('POST', '/api/v1/lists/cost_category', { label: 'overig' }), 409, 'conflict', 'POST a taken label');
    assertProblem(await attempt('POST', '/api/v1/lists/cost_category', { label: 'Iets nieuws', code: 'overig' }), 409, 'conflict', 'POST a taken code');
  });

  it('SQL-looking and exotic text is stored verbatim', async () => {
    const texts = ["'); DROP TABLE cases;--", '%_\\%', '<script>alert(1)</script>', 'IJsselmonde – Ĳ ë 😀 中文'];
    for (const t of texts) {
      const c = expectStatus(await editor.post('/api/v1/cases', { reference: `${t}`.slice(0, 40), team_id: teamId, programme_id: programme.id, start_date: '2017-01-01', plan: t }), 201, `case with ${t}`);
      assert.equal(c.plan, t);
      assert.equal(c.reference, t.slice(0, 40));
      const rc = expectStatus(await editor.put(`/api/v1/cases/${c.id}/receipt`, { oud: [L(1, { description: t })], nieuw: [] }), 200);
      assert.equal(rc.oud[0].description, t);
      // (the first 11 characters: ASCII; non-ASCII capitals in q are tested in cases.test.mjs)
      const found = expectStatus(await editor.get(`/api/v1/cases?programme=${programme.id}&q=${encodeURIComponent(t.slice(0, 11))}`), 200);
      assert.ok(found.items.some((x) => x.id === c.id), `q finds ${t}`);
    }
    expectStatus(await editor.get('/api/v1/cases?limit=500'), 200, 'the cases table is still there');
  });

  // ------------------------------------------------------------------ paths and queries

  it('unknown list names → 404, nothing changed', async () => {
    await unchanged('unknown lists', async () => {
      for (const name of ['kleur', 'COST_CATEGORY', 'cost-category', 'payers', 'cost_category%20', 'stories']) {
        assertProblem(await attempt('GET', `/api/v1/lists/${name}`), 404, 'not-found', `GET list ${name}`);
        assertProblem(await attempt('POST', `/api/v1/lists/${name}`, { label: 'Iets' }), 404, 'not-found', `POST list ${name}`);
        assertProblem(await attempt('PATCH', `/api/v1/lists/${name}/${value.id}`, { label: 'Iets' }), 404, 'not-found', `PATCH list ${name}`);
      }
      // a NUL byte in the path is refused before routing
      for (const [method, body] of [['GET'], ['POST', { label: 'Iets' }]]) {
        const r = await attempt(method, '/api/v1/lists/%00', body);
        assert.ok([400, 404].includes(r.status), `${method} /lists/%00: ${show(r)}`);
        assertProblem(r, r.status, r.status === 400 ? 'bad-request' : 'not-found', `${method} /lists/%00`);
      }
      assertProblem(await attempt('PATCH', `/api/v1/lists/payer/${value.id}`, { label: 'Iets' }), 404, 'not-found', 'a category id on the payer list');
    });
  });

  it('non-numeric, huge and odd ids in paths → 400 or 404, never 500', async () => {
    const ids = ['abc', '99999999999999999999', '9223372036854775808', '-1', '0', '1.5', '1e3', '0x10', '%20', '%00', "1'%20OR%20'1'='1", '+1', '987654321'];
    await unchanged('odd ids', async () => {
      const failures = [];
      for (const id of ids) {
        for (const [method, p, body] of [
          ['GET', `/api/v1/cases/${id}`], ['PATCH', `/api/v1/cases/${id}`, { plan: 'x' }],
          ['GET', `/api/v1/cases/${id}/receipt`], ['PUT', `/api/v1/cases/${id}/receipt`, { oud: [], nieuw: [] }],
          ['PATCH', `/api/v1/programmes/${id}`, { description: 'x' }], ['PATCH', `/api/v1/lists/cost_category/${id}`, { label: 'x' }],
        ]) {
          const r = await attempt(method, p, body);
          try {
            assert.ok([400, 404].includes(r.status), `${method} ${p} should be 400 or 404: ${show(r)}`);
            assertProblem(r, r.status, r.status === 400 ? 'bad-request' : 'not-found', `${method} ${p}`);
          } catch (e) { failures.push(e.message.split('\n')[0]); }
        }
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  });

  it('bad query parameters → 400 bad-request naming the parameter', async () => {
    const cases = [
      ['/api/v1/cases?programme=x', 'programme'], ['/api/v1/cases?programme=1.5', 'programme'], ['/api/v1/cases?programme=-1', 'programme'],
      ['/api/v1/cases?programme=99999999999999999999', 'programme'], ['/api/v1/cases?team=abc', 'team'], ['/api/v1/cases?team=0', 'team'],
      ['/api/v1/cases?status=klaar', 'status'], ['/api/v1/cases?status=AFGEROND', 'status'],
      ['/api/v1/cases?limit=0', 'limit'], ['/api/v1/cases?limit=501', 'limit'], ['/api/v1/cases?limit=abc', 'limit'], ['/api/v1/cases?limit=-5', 'limit'],
      ['/api/v1/cases?offset=-1', 'offset'], ['/api/v1/cases?offset=x', 'offset'],
      ['/api/v1/receipts/summary', 'programme'], ['/api/v1/receipts/summary?programme=x', 'programme'],
      [`/api/v1/receipts/summary?programme=${programme?.id ?? 1}&reference_date=2017-02-30`, 'reference_date'],
      [`/api/v1/receipts/summary?programme=${programme?.id ?? 1}&reference_date=31-12-2017`, 'reference_date'],
      [`/api/v1/receipts/summary?programme=${programme?.id ?? 1}&team=x`, 'team'],
    ];
    await unchanged('bad queries', async () => {
      await allOf(cases, async ([p0, param]) => {
        const p = p0.replace('programme=1&', `programme=${programme.id}&`);
        const r = await editor.get(p);
        const problem = assertProblem(r, 400, 'bad-request', `GET ${p}`);
        if (problem.errors !== undefined) {
          assert.ok(problem.errors.some((e) => e.field === param), `errors should name ${param}: ${show(r)}`);
        }
      });
    });
    // the limits themselves are fine
    for (const p of ['/api/v1/cases?limit=1', '/api/v1/cases?limit=500', '/api/v1/cases?offset=0', `/api/v1/cases?programme=${programme.id}&status=afgerond&q=%25`]) {
      expectStatus(await editor.get(p), 200, p);
    }
    assertProblem(await editor.get('/api/v1/receipts/summary?programme=987654321'), 404, 'not-found', 'summary of a programme that does not exist');
  });

  it('a known route with a wrong method → 405 with Allow', async () => {
    const cases = [
      ['PUT', '/api/v1/cases', ['GET', 'POST']],
      ['DELETE', `/api/v1/cases/${victim.id}`, ['GET', 'PATCH']],
      ['PUT', `/api/v1/cases/${victim.id}`, ['GET', 'PATCH']],
      ['POST', `/api/v1/cases/${victim.id}/receipt`, ['GET', 'PUT']],
      ['PATCH', `/api/v1/cases/${victim.id}/receipt`, ['GET', 'PUT']],
      ['POST', '/api/v1/receipts/summary', ['GET']],
      ['PUT', `/api/v1/programmes/${target.id}`, ['PATCH']],
      ['DELETE', '/api/v1/programmes', ['GET', 'POST']],
      ['GET', `/api/v1/lists/cost_category/${value.id}`, ['PATCH']],
      ['DELETE', '/api/v1/lists/payer', ['GET', 'POST']],
    ];
    await unchanged('405', async () => {
      for (const [method, p, allowed] of cases) {
        const r = await attempt(method, p, method === 'GET' || method === 'DELETE' ? undefined : { plan: 'x' });
        assertProblem(r, 405, 'method-not-allowed', `${method} ${p}`);
        const allow = (r.headers.get('allow') || '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
        for (const m of allowed) assert.ok(allow.includes(m), `${method} ${p}: Allow should list ${m}, is "${r.headers.get('allow')}"`);
        assert.ok(!allow.includes(method), `${method} ${p}: Allow must not list ${method}`);
      }
    });
  });

  it('a receipt of 2 MiB → 413, and the server stays alive', async () => {
    await unchanged('2 MiB receipt', async () => {
      const big = JSON.stringify({ oud: [L(1, { description: 'x'.repeat(2 * 1024 * 1024) })], nieuw: [] });
      let r;
      for (let i = 0; i < 3; i += 1) {
        r = await rawRequest(server, {
          method: 'PUT', path: `/api/v1/cases/${victim.id}/receipt`, body: big,
          headers: { 'Content-Type': 'application/json', Cookie: editor.cookieHeader(), 'X-CSRF-Token': editor.csrf, 'Content-Length': String(Buffer.byteLength(big)) },
        });
        if (!r.error) break;
      }
      assert.ok(!r.error, `no answer: ${r.error}`);
      assertProblem(r, 413, 'payload-too-large', '2 MiB receipt');
      expectStatus(await new Client(server).get('/healthz'), 200);
    });
  });

  it('the victims are as they were set up', async () => {
    const c = expectStatus(await editor.get(`/api/v1/cases/${victim.id}`), 200);
    assert.equal(c.reference, 'SLACHTOFFER');
    assert.equal(c.status, 'lopend');
    assert.equal(c.start_date, '2017-01-01');
    assert.equal(c.programme.id, programme.id);
    assert.equal(c.status_history.length, 1);
    const rc = expectStatus(await editor.get(`/api/v1/cases/${victim.id}/receipt`), 200);
    assert.deepEqual(rc.totals, { oud_cents: 100000, nieuw_cents: 25000, saving_cents: 75000 });
    const t = expectStatus(await editor.get('/api/v1/programmes'), 200).items.find((p) => p.id === target.id);
    assert.equal(t.name, 'Doelprogramma');
    assert.equal(t.slug, 'doelprogramma');
  });
});
