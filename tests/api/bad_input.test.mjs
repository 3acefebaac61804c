// Bad input on every state-changing endpoint: each refusal is a 4xx problem+json that
// names the offending field, and changes nothing.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  it, before, after, whyNot, startServer, addUser, Client, PASSWORD, DEMO_ORG_SLUG,
  assertProblem, assertValidation, expectStatus, show, rawRequest,
} from './harness.mjs';

const SQLISH = "'); DROP TABLE users;--";

describe('bad input', { skip: whyNot }, () => {
  let server;
  let admin;
  let districtId;
  let teamId;
  let victimId;
  let counter = 0;
  const fresh = (p) => `${p} ${++counter}`;

  async function snapshot() {
    const [d, t, u, a] = await Promise.all([
      admin.get('/api/v1/districts'), admin.get('/api/v1/teams'),
      admin.get('/api/v1/users'), admin.get('/api/v1/audit?limit=1'),
    ]);
    for (const r of [d, t, u, a]) expectStatus(r, 200, 'snapshot');
    return { districts: d.json.items, teams: t.json.items, users: u.json.items, lastAudit: a.json.items[0]?.id ?? null };
  }

  /** Runs `fn` (which makes refused requests) and asserts that nothing changed. */
  async function unchanged(label, fn) {
    const s0 = await snapshot();
    await fn();
    assertSame(s0, await snapshot(), label);
  }

  // Every state-changing endpoint that takes a body, with a valid body and its rules.
  // A patch may be a function: the ids it needs are known only once the server runs.
  const endpoints = [
    {
      label: 'POST /api/v1/session',
      method: 'POST',
      path: () => '/api/v1/session',
      anonymous: true,
      valid: () => ({ email: 'b-victim@example.org', password: PASSWORD }),
      required: ['email', 'password'],
      wrongTypes: [
        [{ email: 42 }, 'email'], [{ password: ['x'] }, 'password'], [{ email: null }, 'email'],
        [{ password: { a: 1 } }, 'password'],
      ],
      invalid: [],
    },
    {
      label: 'POST /api/v1/districts',
      method: 'POST',
      path: () => '/api/v1/districts',
      valid: () => ({ name: fresh('Stadsdeel') }),
      required: ['name'],
      wrongTypes: [[{ name: 5 }, 'name'], [{ name: true }, 'name'], [{ name: ['a'] }, 'name'], [{ name: null }, 'name']],
      invalid: [
        [{ name: '' }, 'name'], [{ name: 'x'.repeat(201) }, 'name'], [{ name: 'é'.repeat(201) }, 'name'],
        [{ name: 'tab\there' }, 'name'], [{ name: 'nul\u0000byte' }, 'name'], [{ name: 'new\nline' }, 'name'],
      ],
    },
    {
      label: 'POST /api/v1/teams',
      method: 'POST',
      path: () => '/api/v1/teams',
      valid: () => ({ name: fresh('Wijkteam Invoer'), district_id: districtId, neighbourhoods: ['WK015301'] }),
      required: ['name', 'district_id'],
      wrongTypes: [
        [{ name: 1 }, 'name'], [{ district_id: 'abc' }, 'district_id'], [{ district_id: '1' }, 'district_id'],
        [{ district_id: 1.5 }, 'district_id'], [{ neighbourhoods: 'WK015301' }, 'neighbourhoods'],
        [{ neighbourhoods: [15301] }, 'neighbourhoods[0]'],
      ],
      invalid: [
        [{ name: 'y'.repeat(201) }, 'name'], [{ district_id: 987654321 }, 'district_id'],
        [{ district_id: -1 }, 'district_id'],
        [{ neighbourhoods: ['WK01530'] }, 'neighbourhoods[0]'], [{ neighbourhoods: ['WK015301', 'BU0153010'] }, 'neighbourhoods[1]'],
        [{ neighbourhoods: ['wk015301'] }, 'neighbourhoods[0]'], [{ neighbourhoods: ['XX015301'] }, 'neighbourhoods[0]'],
      ],
    },
    {
      label: 'PATCH /api/v1/teams/{id}',
      method: 'PATCH',
      path: () => `/api/v1/teams/${teamId}`,
      valid: () => ({ name: fresh('Wijkteam Hernoemd') }),
      required: [],
      wrongTypes: [
        [{ name: 7 }, 'name'], [{ active: 'yes' }, 'active'], [{ active: 1 }, 'active'],
        [{ district_id: '1' }, 'district_id'], [{ neighbourhoods: {} }, 'neighbourhoods'],
      ],
      invalid: [
        [{ name: '' }, 'name'], [{ name: 'z'.repeat(201) }, 'name'], [{ district_id: 987654321 }, 'district_id'],
        [{ neighbourhoods: ['BU123'] }, 'neighbourhoods[0]'],
      ],
    },
    {
      label: 'POST /api/v1/users',
      method: 'POST',
      path: () => '/api/v1/users',
      valid: () => ({ email: `${fresh('nieuw').replace(' ', '')}@example.org`, name: 'Nieuw Iemand', password: PASSWORD, roles: ['coach'], team_ids: [teamId] }),
      required: ['email', 'name', 'password', 'roles'],
      wrongTypes: [
        [{ email: 1 }, 'email'], [{ name: {} }, 'name'], [{ password: 123456789012345 }, 'password'],
        [{ roles: 'coach' }, 'roles'], [{ roles: [1] }, 'roles[0]'], [() => ({ team_ids: teamId }), 'team_ids'],
        [() => ({ team_ids: [String(teamId)] }), 'team_ids[0]'],
      ],
      invalid: [
        [{ email: 'not-an-email' }, 'email'], [{ email: 'a@' }, 'email'], [{ email: '@example.org' }, 'email'],
        [{ email: 'two words@example.org' }, 'email'], [{ email: `${'a'.repeat(250)}@example.org` }, 'email'],
        [{ name: '' }, 'name'], [{ name: 'n'.repeat(201) }, 'name'],
        [{ password: 'short pw 11' }, 'password'], [{ password: 'p'.repeat(1025) }, 'password'],
        [{ roles: [] }, 'roles'], [{ roles: ['superuser'] }, 'roles[0]'], [{ roles: ['coach', 'root'] }, 'roles[1]'],
        [{ roles: ['coordinator:'] }, 'roles[0]'], [{ roles: ['coordinator:Bad Slug!'] }, 'roles[0]'],
        [{ roles: [`coordinator:${'a'.repeat(41)}`] }, 'roles[0]'],
        [{ team_ids: [987654321] }, 'team_ids[0]'],
      ],
    },
    {
      label: 'PATCH /api/v1/users/{id}',
      method: 'PATCH',
      path: () => `/api/v1/users/${victimId}`,
      valid: () => ({ name: fresh('Slachtoffer') }),
      required: [],
      wrongTypes: [
        [{ name: 1 }, 'name'], [{ active: 'false' }, 'active'], [{ roles: 'hr' }, 'roles'],
        [{ team_ids: ['x'] }, 'team_ids[0]'], [{ email: false }, 'email'], [{ password: 1 }, 'password'],
      ],
      invalid: [
        [{ email: 'nope' }, 'email'], [{ roles: [] }, 'roles'], [{ roles: ['god'] }, 'roles[0]'],
        [{ password: 'too short' }, 'password'], [{ name: '\u0007bell' }, 'name'],
        [{ team_ids: [987654321] }, 'team_ids[0]'],
      ],
    },
  ];

  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { email: 'b-admin@example.org', name: 'Beheer Invoer', roles: ['admin'], org: DEMO_ORG_SLUG });
    victimId = addUser(server.databaseUrl, { email: 'b-victim@example.org', name: 'Slachtoffer', roles: ['coach'], org: DEMO_ORG_SLUG });
    admin = new Client(server);
    await admin.loginOk('b-admin@example.org');
    districtId = expectStatus(await admin.get('/api/v1/districts'), 200).items[0].id;
    teamId = expectStatus(await admin.get('/api/v1/teams'), 200).items[0].id;
  });

  after(async () => {
    await server?.stop();
  });

  function clientFor(ep) {
    return ep.anonymous ? new Client(server) : admin;
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

  function assertSame(s0, s1, label) {
    assert.deepEqual(s1.districts, s0.districts, `${label}: districts changed`);
    assert.deepEqual(s1.teams, s0.teams, `${label}: teams changed`);
    assert.deepEqual(s1.users, s0.users, `${label}: users changed`);
    assert.equal(s1.lastAudit, s0.lastAudit, `${label}: an audit entry was written`);
  }

  /** Makes one request; if it is refused (4xx/5xx), asserts that it changed nothing. */
  async function attempt(client, method, p, body, options = {}) {
    const s0 = await snapshot();
    const r = await client.request(method, p, body, options);
    if (r.status >= 400) assertSame(s0, await snapshot(), `after ${show(r).slice(0, 300)}`);
    return r;
  }

  async function send(ep, body, options = {}) {
    const c = clientFor(ep);
    const r = await attempt(c, ep.method, ep.path(), body, options);
    if (ep.anonymous && r.status >= 400) {
      assert.equal(c.cookies.get('wk_session'), undefined, `a refused log-in must not set a cookie: ${show(r)}`);
    }
    return r;
  }

  for (const ep of endpoints) {
    describe(ep.label, () => {
      it('accepts its valid body (sanity check of this table)', async () => {
        const r = await send(ep, ep.valid());
        assert.ok([200, 201].includes(r.status), `valid body should be accepted: ${show(r)}`);
      });

      it('malformed JSON → 400 bad-request', async () => {
        await unchanged(`${ep.label} malformed JSON`, async () => {
          for (const raw of ['{"name": ', '{name: "x"}', '{"name":"x",}', "{'name':'x'}", '{"name":"x"} trailing', '', '{"a":1}{"b":2}', '{"name":"\\x41"}']) {
            const r = await send(ep, raw, { raw: true });
            assertProblem(r, 400, 'bad-request', `${ep.label} body ${JSON.stringify(raw)}`);
          }
        });
      });

      it('invalid UTF-8 in a string → 400 bad-request', async () => {
        const field = ep.required[0] || 'name';
        await unchanged(`${ep.label} invalid UTF-8`, async () => {
          for (const bad of [[0xff, 0xfe], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82]]) {
            const body = Buffer.concat([Buffer.from(`{"${field}":"ab`), Buffer.from(bad), Buffer.from('cd"}')]);
            const r = await send(ep, body, { raw: true });
            assertProblem(r, 400, 'bad-request', `${ep.label} with bytes ${bad.map((b) => b.toString(16)).join(' ')}`);
          }
        });
      });

      it('a number too large to read (1e309) → 400 bad-request naming the field', async () => {
        const field = ep.required[0] || 'name';
        await unchanged(`${ep.label} number overflow`, async () => {
          const valid = JSON.stringify(ep.valid());
          for (const number of ['1e309', '-1e400', '123456789e999']) {
            const raw = `{"${field}":${number},${valid.slice(1)}`;
            const r = await send(ep, raw, { raw: true });
            assertProblem(r, 400, 'bad-request', `${ep.label} ${field}=${number}`);
            assert.deepEqual(r.json.errors?.map((e) => e.field), [field], `the field is named: ${show(r)}`);
            assert.match(r.json.errors[0].title, /te groot/, 'Dutch title');
          }
        });
      });

      it('another content type → 415 unsupported-media-type', async () => {
        await unchanged(`${ep.label} content type`, async () => {
          const json = JSON.stringify(ep.valid());
          for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp']) {
            const r = await send(ep, json, { raw: true, contentType: ct });
            assertProblem(r, 415, 'unsupported-media-type', `${ep.label} as ${ct}`);
          }
          const r = await send(ep, Buffer.from(json), { raw: true, contentType: null });
          assertProblem(r, 415, 'unsupported-media-type', `${ep.label} without Content-Type`);
        });
      });

      it('JSON that is not an object → 400 or 422 problem', async () => {
        await unchanged(`${ep.label} non-object`, async () => {
          for (const raw of ['[]', '"text"', '42', 'null', 'true', '[{"name":"x"}]']) {
            const r = await send(ep, raw, { raw: true });
            assert.ok([400, 422].includes(r.status), `${ep.label} body ${raw}: ${show(r)}`);
            assertProblem(r, r.status, null, `${ep.label} body ${raw}`);
          }
        });
      });

      it('wrong types → 422 naming the field', async () => {
        await unchanged(`${ep.label} wrong types`, async () => {
          await allOf(ep.wrongTypes, async ([p, field]) => {
            const patch = typeof p === 'function' ? p() : p;
            const r = await send(ep, { ...ep.valid(), ...patch });
            assertValidation(r, [field], `${ep.label} ${JSON.stringify(patch)}`);
          });
        });
      });

      if (ep.required.length > 0) {
        it('missing required fields → 422 listing each', async () => {
          await unchanged(`${ep.label} missing fields`, async () => {
            const r = await send(ep, {});
            assertValidation(r, ep.required, `${ep.label} {}`);
            for (const field of ep.required) {
              const body = ep.valid();
              delete body[field];
              assertValidation(await send(ep, body), [field], `${ep.label} without ${field}`);
            }
          });
        });
      }

      it('unknown fields → 422 naming them', async () => {
        await unchanged(`${ep.label} unknown fields`, async () => {
          const r = await send(ep, { ...ep.valid(), extra: 1 });
          assertValidation(r, ['extra'], `${ep.label} with extra`);
          const r2 = await send(ep, { ...ep.valid(), id: 1, org_id: 2 });
          assertValidation(r2, ['id', 'org_id'], `${ep.label} with id and org_id`);
          const r3 = await send(ep, { ...ep.valid(), Name: 'capital' });
          assertValidation(r3, ['Name'], `${ep.label} with Name (fields are case-sensitive)`);
        });
      });

      if (ep.invalid.length > 0) {
        it('invalid and overlong values → 422 naming the field', async () => {
          await unchanged(`${ep.label} invalid values`, async () => {
            await allOf(ep.invalid, async ([p, field]) => {
              const patch = typeof p === 'function' ? p() : p;
              const r = await send(ep, { ...ep.valid(), ...patch });
              assertValidation(r, [field], `${ep.label} ${JSON.stringify(patch).slice(0, 120)}`);
            });
          });
        });
      }

      it('a body of 2 MiB → 413, and the server stays alive', async () => {
        await unchanged(`${ep.label} 2 MiB`, async () => {
          const headers = { 'Content-Type': 'application/json' };
          if (!ep.anonymous) {
            headers.Cookie = admin.cookieHeader();
            headers['X-CSRF-Token'] = admin.csrf;
          }
          const big = JSON.stringify({ ...ep.valid(), [ep.required[0] || 'name']: 'x'.repeat(2 * 1024 * 1024) });
          for (const chunked of [false, true]) {
            const h = { ...headers };
            if (!chunked) h['Content-Length'] = String(Buffer.byteLength(big));
            // A server that closes right after its answer while the client is still sending
            // makes the client's kernel reset the connection, and the answer can be lost
            // in between (a lingering close avoids that). Allow that race twice.
            let r;
            const lost = [];
            for (let attempt = 0; attempt < 3; attempt += 1) {
              r = await rawRequest(server, { method: ep.method, path: ep.path(), headers: h, body: big });
              if (!r.error) break;
              lost.push(String(r.error.code || r.error.message));
            }
            assert.ok(!r.error, `${ep.label} 2 MiB (${chunked ? 'chunked' : 'Content-Length'}): no answer in 3 tries (${lost.join(', ')})`);
            assertProblem(r, 413, 'payload-too-large', `${ep.label} 2 MiB ${chunked ? 'chunked' : 'with Content-Length'}`);
            expectStatus(await new Client(server).get('/healthz'), 200, 'alive after 413');
          }
        });
        expectStatus(await admin.get('/api/v1/me'), 200, 'the session still works after 413');
      });
    });
  }

  it('accepts application/json; charset=utf-8 and a body just under the limit', async () => {
    const r = await admin.post('/api/v1/districts', { name: 'Met charset' }, { contentType: 'application/json; charset=utf-8' });
    expectStatus(r, 201, 'charset parameter');
    const padded = `{"name":"Opgevuld"${' '.repeat(900 * 1024)}}`;
    const r2 = await admin.post('/api/v1/districts', padded, { raw: true });
    expectStatus(r2, 201, '900 KiB body (under the 1 MiB limit)');
  });

  it('counts characters, not bytes: 200 × é is a valid name', async () => {
    const r = await admin.post('/api/v1/districts', { name: 'é'.repeat(200) });
    const d = expectStatus(r, 201, '200 é');
    assert.equal(d.name, 'é'.repeat(200));
    const r2 = await admin.post('/api/v1/districts', { name: 'x'.repeat(200) });
    expectStatus(r2, 201, '200 x (boundary)');
  });

  it('stores SQL-looking and exotic strings verbatim, and everything still works', async () => {
    const names = [SQLISH, "Robert'); DROP TABLE teams;--", '" OR ""="', "x' OR '1'='1", '%_\\%', '<script>alert(1)</script>',
      'IJsselmonde – Ĳ ë ç 😀 中文', '\\u0000 is literal text', '$1; SELECT pg_sleep(5)'];
    for (const name of names) {
      const r = await admin.post('/api/v1/districts', { name });
      const d = expectStatus(r, 201, `district named ${JSON.stringify(name)}`);
      assert.equal(d.name, name, 'stored verbatim');
    }
    const list = expectStatus(await admin.get('/api/v1/districts'), 200).items.map((d) => d.name);
    for (const name of names) assert.ok(list.includes(name), `listed verbatim: ${name}`);

    const team = expectStatus(await admin.post('/api/v1/teams', { name: SQLISH, district_id: districtId }), 201, 'team with SQL name');
    assert.equal(team.name, SQLISH);
    const user = expectStatus(await admin.post('/api/v1/users', {
      email: "o'hara@example.org", name: SQLISH, password: `${SQLISH}${SQLISH}`, roles: ['coach'], team_ids: [team.id],
    }), 201, 'user with SQL name, apostrophe e-mail and SQL password');
    assert.equal(user.name, SQLISH);
    assert.equal(user.email, "o'hara@example.org");
    assert.deepEqual(user.teams, [{ id: team.id, name: SQLISH }]);

    const c = new Client(server);
    await c.loginOk("o'hara@example.org", `${SQLISH}${SQLISH}`);
    expectStatus(await c.get('/api/v1/me'), 200);
    const users = expectStatus(await admin.get('/api/v1/users'), 200);
    assert.ok(users.items.length >= 3, 'the users table is still there');
    expectStatus(await admin.get('/api/v1/teams'), 200);
    const a = await new Client(server).login("' OR '1'='1' --", 'x');
    assert.ok([401, 422].includes(a.status), `SQL in the log-in e-mail is refused: ${show(a)}`);
    assertProblem(a, a.status, null, 'SQL log-in');
    const again = new Client(server);
    await again.loginOk('b-admin@example.org');
  });

  it('unknown routes → 404 problem+json', async () => {
    await unchanged('unknown routes', async () => {
      for (const [method, p] of [['GET', '/api/v1/nope'], ['GET', '/api/v2/me'], ['GET', '/api/v1/users/1/extra'],
        ['POST', '/api/v1/nope'], ['PATCH', '/api/v1/districts/1'], ['DELETE', '/api/v1/users/1/teams'],
        ['GET', '/api/v1/me/..%2F..%2Fetc%2Fpasswd'], ['GET', '/api/v1']]) {
        const r = await attempt(admin, method, p, method === 'GET' ? undefined : { name: 'x' });
        assertProblem(r, 404, 'not-found', `${method} ${p}`);
      }
    });
  });

  it('a static path outside the web root is not served', async () => {
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/static/../../../etc/passwd']) {
      const r = await rawRequest(server, { path: p });
      assert.ok(!r.error, `${p}: ${r.error}`);
      assert.ok(r.status < 500, `${p} must not be a server error: ${show(r)}`);
      assert.ok(!r.text.includes('root:x:0:0'), `${p} must not serve /etc/passwd`);
    }
  });

  it('a known route with a wrong method → 405 with Allow', async () => {
    const cases = [
      ['PUT', '/api/v1/districts', ['GET', 'POST']],
      ['DELETE', '/api/v1/districts', ['GET', 'POST']],
      ['GET', `/api/v1/teams/${teamId}`, ['PATCH']],
      ['PUT', `/api/v1/teams/${teamId}`, ['PATCH']],
      ['PUT', `/api/v1/users/${victimId}`, ['GET', 'PATCH']],
      ['DELETE', '/api/v1/users', ['GET', 'POST']],
      ['GET', '/api/v1/session', ['POST', 'DELETE']],
      ['POST', '/api/v1/me', ['GET']],
      ['POST', '/api/v1/audit', ['GET']],
      ['POST', '/healthz', ['GET']],
    ];
    await unchanged('405', async () => {
      for (const [method, p, allowed] of cases) {
        const r = await attempt(admin, method, p, method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' });
        assertProblem(r, 405, 'method-not-allowed', `${method} ${p}`);
        const allow = (r.headers.get('allow') || '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
        for (const m of allowed) assert.ok(allow.includes(m), `${method} ${p}: Allow should list ${m}, is "${r.headers.get('allow')}"`);
        assert.ok(!allow.includes(method), `${method} ${p}: Allow must not list ${method}`);
      }
    });
  });

  it('non-numeric, huge and odd ids → 400 or 404, never 500', async () => {
    const ids = ['abc', '99999999999999999999', '9223372036854775808', '-1', '0', '1.5', '1e3', '0x10', '%20', '%00',
      '%F0%9F%98%80', '%D9%A1', '1%20', "1'%20OR%20'1'='1", '+1'];
    await unchanged('odd ids', async () => {
      for (const id of ids) {
        for (const [method, p, body] of [
          ['GET', `/api/v1/users/${id}`, undefined],
          ['PATCH', `/api/v1/users/${id}`, { name: 'x' }],
          ['PATCH', `/api/v1/teams/${id}`, { name: 'x' }],
        ]) {
          const r = await attempt(admin, method, p, body);
          assert.ok([400, 404].includes(r.status), `${method} ${p} should be 400 or 404: ${show(r)}`);
          assertProblem(r, r.status, r.status === 400 ? 'bad-request' : 'not-found', `${method} ${p}`);
        }
      }
    });
  });

  it('the server is still healthy and consistent after all of this', async () => {
    expectStatus(await new Client(server).get('/readyz'), 200);
    const users = expectStatus(await admin.get('/api/v1/users'), 200).items;
    const victim = users.find((u) => u.id === victimId);
    assert.ok(victim, 'the victim user still exists');
    assert.equal(victim.email, 'b-victim@example.org', 'the victim e-mail never changed');
    assert.deepEqual(victim.roles, ['coach'], 'the victim roles never changed');
  });
});
