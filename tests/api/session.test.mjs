// Log-in, log-out, the session cookie, throttling, CSRF, security headers, health and
// the OpenAPI document.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  it, before, after, whyNot, startServer, addUser, Client, PASSWORD, DEMO_ORG_SLUG, REPO_ROOT,
  assertProblem, assertValidation, expectStatus, show, rawRequest, ISO_UTC,
} from './harness.mjs';

const DUTCH_WORDS = /\b(de|het|een|en|of|is|niet|geen|onjuist|ongeldig|wachtwoord|e-mailadres|inloggen|ingelogd|probeer|later|te|veel|pogingen|toegang|gevonden|invoer|niet\s+geldig|sessie)\b/i;
const ENGLISH_WORDS = /\b(the|is|not|or|no|invalid|wrong|incorrect|password|e-?mail|log(ged)?[- ]?in|too|many|try|again|later|session|access|token)\b/i;

const ME_KEYS = ['capabilities', 'csrf_token', 'email', 'id', 'name', 'organisation', 'roles', 'teams'];

function cookieAttributes(setCookieLine) {
  const [pair, ...attrs] = setCookieLine.split(';').map((s) => s.trim());
  const map = new Map();
  for (const a of attrs) {
    const [k, v = ''] = a.split('=');
    map.set(k.trim().toLowerCase(), v.trim());
  }
  return { pair, attrs: map };
}

function sessionCookieLine(r) {
  const lines = r.headers.getSetCookie();
  return lines.find((l) => l.trim().startsWith('wk_session='));
}

/** docs/openapi.json, the API's one hand-written description, as the repository holds it. */
function documentedApi() {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'openapi.json'), 'utf8'));
}

function assertSecurityHeaders(r, what) {
  const h = r.headers;
  const where = `${what}: ${show(r)}`;
  const csp = h.get('content-security-policy');
  assert.ok(csp, `Content-Security-Policy missing on ${where}`);
  const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name.toLowerCase(), values];
  }));
  const scriptSrc = directives.get('script-src') || directives.get('default-src');
  assert.ok(scriptSrc, `CSP has neither script-src nor default-src (${csp}) on ${where}`);
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), `CSP script-src allows 'unsafe-inline' (${csp}) on ${where}`);
  assert.ok(!scriptSrc.includes("'unsafe-eval'"), `CSP script-src allows 'unsafe-eval' (${csp}) on ${where}`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `X-Content-Type-Options should be nosniff on ${where}`);
  const xfo = (h.get('x-frame-options') || '').toUpperCase();
  const frameAncestors = directives.get('frame-ancestors');
  assert.ok(xfo === 'DENY' || (frameAncestors && frameAncestors.join(' ') === "'none'"),
    `framing must be refused (X-Frame-Options: DENY or CSP frame-ancestors 'none'); got X-Frame-Options=${xfo || '-'} CSP=${csp} on ${where}`);
  const rp = h.get('referrer-policy');
  assert.ok(rp && /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(rp.split(',').pop().trim()),
    `Referrer-Policy should be set to a non-leaking value, got ${rp} on ${where}`);
}

describe('session, CSRF, headers, health', { skip: whyNot }, () => {
  let server;
  let admin; // Client, logged in as the administrator
  const users = {};

  before(async () => {
    server = await startServer({ demo: true });
    const db = server.databaseUrl;
    const mk = (key, roles, extra = {}) => {
      const u = { email: `s-${key}@example.org`, name: `Sessie ${key}`, roles, org: DEMO_ORG_SLUG, ...extra };
      u.id = addUser(db, u);
      users[key] = u;
    };
    mk('admin', ['admin']);
    mk('coach', ['coach']);
    mk('gone', ['coach']);
    mk('throttled', ['coach']);
    mk('wrongpw', ['coach']);
    mk('logout', ['coach']);
    mk('other', ['hr']);
    mk('reset', ['coach']);
    mk('revived', ['coach']);
    mk('demoted', ['coach', 'quality']);
    mk('own', ['coach']);
    mk('owner', ['coach']);
    mk('forged', ['coach']);
    admin = new Client(server);
    await admin.loginOk(users.admin.email);
  });

  after(async () => {
    await server?.stop();
  });

  // What each role may do, as the server's own rules say it (GET /api/v1/me capabilities);
  // the web app shows its menus and buttons by this list. The expected lists are
  // web/src/lib/capabilities.fixture.json, the table the web app's unit tests read too: a
  // rule changed on the server fails here until that one table follows.
  it('GET /api/v1/me lists what the user may do, by the server\'s rules', async () => {
    // The table the web app's unit tests use too (one copy of what the server says).
    const table = JSON.parse(fs.readFileSync(new URL('../../web/src/lib/capabilities.fixture.json', import.meta.url), 'utf8'));
    for (const [role, capabilities] of Object.entries(table.roles)) {
      const u = { email: `cap-${role.replace(':', '-')}@example.org`, name: `Kan ${role}`, roles: [role], org: DEMO_ORG_SLUG };
      addUser(server.databaseUrl, u);
      const c = new Client(server);
      const login = await c.login(u.email);
      expectStatus(login, 200, role);
      assert.deepEqual(login.json.user.capabilities, capabilities, `log-in answer of ${role}`);
      assert.deepEqual(expectStatus(await c.get('/api/v1/me'), 200).capabilities, capabilities, `GET /api/v1/me of ${role}`);
    }
    // Where a user reads and edits cases: per own team and per coordinated programme, asked
    // of the rules the cases themselves are checked by.
    const programme = expectStatus(await admin.post('/api/v1/programmes', { name: 'Capaciteit', start_date: '2016-01-01' }), 201);
    const centrum = expectStatus(await admin.get('/api/v1/teams'), 200).items.find((t) => t.name === 'Wijkteam Centrum');
    // The same table's `scoped` part (a coordinator of the programme just made).
    const scoped = Object.entries(table.scoped).filter(([role]) => role !== '$comment');
    for (const [base, want] of scoped) {
      const role = base === 'coordinator' ? `coordinator:${programme.slug}` : base;
      const u = { email: `scope-${role.replace(':', '-')}@example.org`, name: `Waar ${role}`, roles: [role], org: DEMO_ORG_SLUG, teams: ['Wijkteam Centrum'] };
      addUser(server.databaseUrl, u);
      const c = new Client(server);
      await c.loginOk(u.email);
      const got = expectStatus(await c.get('/api/v1/me'), 200).capabilities
        .filter((x) => /cases_in_|_all_cases|own_new_cases/.test(x));
      assert.deepEqual(got, want.map((x) => x.replace(/:T$/, `:${centrum.id}`).replace(/:P$/, `:${programme.slug}`)).sort(), role);
    }
    // A coach writes in the kennisbank where the organisation allows it.
    expectStatus(await admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: true }), 200);
    const coach = new Client(server);
    await coach.loginOk('cap-coach@example.org');
    assert.ok(expectStatus(await coach.get('/api/v1/me'), 200).capabilities.includes('write_knowledge'));
    expectStatus(await admin.patch('/api/v1/organisation/settings', { knowledge_coach_authors: false }), 200);
  });

  it('logs in: 200 {user: Me, csrf_token} and an HttpOnly, SameSite=Strict session cookie', async () => {
    const c = new Client(server);
    const r = await c.login(users.coach.email);
    expectStatus(r, 200, 'log-in');
    assert.match(r.contentType, /^application\/json/, `log-in answer should be JSON: ${show(r)}`);
    assert.deepEqual(Object.keys(r.json).sort(), ['csrf_token', 'user'], `log-in answer keys: ${show(r)}`);
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 16, `csrf_token looks too short: ${r.json.csrf_token}`);
    assert.deepEqual(Object.keys(r.json.user).sort(), ME_KEYS, `user in log-in answer should be a Me: ${show(r)}`);
    assert.equal(r.json.user.csrf_token, r.json.csrf_token, 'Me.csrf_token should be the session\'s token');
    assert.equal(r.json.user.email, users.coach.email);

    const line = sessionCookieLine(r);
    assert.ok(line, `no wk_session cookie set: ${JSON.stringify(r.headers.getSetCookie())}`);
    const { pair, attrs } = cookieAttributes(line);
    const value = pair.slice('wk_session='.length);
    assert.ok(value.length >= 20, `session cookie value looks guessable (${value.length} chars)`);
    assert.ok(attrs.has('httponly'), `cookie must be HttpOnly: ${line}`);
    assert.equal(attrs.get('samesite')?.toLowerCase(), 'strict', `cookie must be SameSite=Strict: ${line}`);
    assert.equal(attrs.get('path'), '/', `cookie must have Path=/: ${line}`);
    assert.ok(!attrs.has('secure'), `no Secure flag on plain http (the browser would drop it): ${line}`);
    assert.ok(!attrs.has('domain'), `cookie should be host-only (no Domain): ${line}`);
    assert.ok(!r.text.includes(value), 'the session token must not be in the answer body');
  });

  it('GET /api/v1/me returns the Me shape with organisation and the same csrf token', async () => {
    const c = new Client(server);
    const login = await c.login(users.admin.email);
    expectStatus(login, 200);
    const r = await c.get('/api/v1/me');
    const me = expectStatus(r, 200, 'GET /me');
    assert.match(r.contentType, /^application\/json/);
    assert.deepEqual(Object.keys(me).sort(), ME_KEYS, `Me keys: ${show(r)}`);
    assert.equal(me.id, users.admin.id);
    assert.equal(me.email, users.admin.email);
    assert.equal(me.name, users.admin.name);
    assert.deepEqual(me.roles, ['admin']);
    assert.deepEqual(me.teams, []);
    assert.deepEqual(Object.keys(me.organisation).sort(), ['id', 'name', 'slug']);
    assert.equal(me.organisation.slug, DEMO_ORG_SLUG);
    assert.ok(Number.isInteger(me.organisation.id));
    assert.equal(me.csrf_token, login.json.csrf_token, 'GET /me should return the token of the log-in answer');
    assert.deepEqual(login.json.user, me, 'the log-in answer\'s user should equal GET /me');
  });

  it('refuses a wrong password with 401 problem+json (Dutch title, English detail)', async () => {
    const c = new Client(server);
    const r = await c.login(users.wrongpw.email, 'not the right password at all');
    const p = assertProblem(r, 401, 'unauthenticated', 'wrong password');
    assert.match(p.title, DUTCH_WORDS, `title should be Dutch: ${p.title}`);
    assert.match(p.detail, ENGLISH_WORDS, `detail should be English: ${p.detail}`);
    assert.notEqual(p.title, p.detail);
    const line = sessionCookieLine(r);
    assert.ok(!line || /^wk_session=;|max-age=0|expires=[^;]*1970/i.test(line),
      `a failed log-in must not set a session cookie: ${line}`);
    const me = await c.get('/api/v1/me');
    assertProblem(me, 401, 'unauthenticated', 'GET /me after a failed log-in');
  });

  it('answers an unknown e-mail exactly like a wrong password (no user enumeration)', async () => {
    const c = new Client(server);
    const wrong = await c.login(users.wrongpw.email, 'another wrong password!');
    const unknown = await c.login('nobody-here@example.org', 'another wrong password!');
    assertProblem(unknown, 401, 'unauthenticated', 'unknown e-mail');
    assert.deepEqual(unknown.json, wrong.json, 'unknown e-mail and wrong password must give the same body');
    assert.equal(unknown.contentType, wrong.contentType);
  });

  it('refuses a deactivated user, and their open session stops working', async () => {
    const gone = new Client(server);
    await gone.loginOk(users.gone.email);
    expectStatus(await gone.get('/api/v1/me'), 200, 'before deactivation');

    const r = await admin.patch(`/api/v1/users/${users.gone.id}`, { active: false });
    const u = expectStatus(r, 200, 'deactivate');
    assert.equal(u.active, false);

    assertProblem(await gone.get('/api/v1/me'), 401, 'unauthenticated', 'open session of a deactivated user');
    assertProblem(await gone.get('/api/v1/districts'), 401, 'unauthenticated', 'open session of a deactivated user');
    const again = await new Client(server).login(users.gone.email);
    assertProblem(again, 401, 'unauthenticated', 'log-in of a deactivated user with the right password');

    // Reactivated, the user can log in again.
    expectStatus(await admin.patch(`/api/v1/users/${users.gone.id}`, { active: true }), 200, 'reactivate');
    await new Client(server).loginOk(users.gone.email);
  });

  describe('sessions that end for good (issue 15)', () => {
    it('an admin\'s new password ends every session of that user at once', async () => {
      const a = await new Client(server).loginOk(users.reset.email);
      const b = await new Client(server).loginOk(users.reset.email);
      const stolen = a.clone();
      const newPassword = 'een heel nieuw wachtwoord 1';
      const r = expectStatus(await admin.patch(`/api/v1/users/${users.reset.id}`, { password: newPassword }), 200);
      assert.equal(r.id, users.reset.id);
      for (const c of [a, b, stolen]) assertProblem(await c.get('/api/v1/me'), 401, 'unauthenticated', 'after the reset');
      assertProblem(await new Client(server).login(users.reset.email), 401, 'unauthenticated', 'the old password');
      await new Client(server).loginOk(users.reset.email, newPassword);
      const audit = expectStatus(await admin.get(`/api/v1/audit?entity=user&entity_id=${users.reset.id}&limit=5`), 200);
      assert.equal(audit.items[0].after.sessions_ended, true, 'the audit says the sessions ended');
      assert.ok(!JSON.stringify(audit).includes(newPassword), 'no password in the audit log');
    });

    it('deactivate, then reactivate: the old cookie stays dead', async () => {
      const c = await new Client(server).loginOk(users.revived.email);
      const stolen = c.clone();
      expectStatus(await admin.patch(`/api/v1/users/${users.revived.id}`, { active: false }), 200);
      expectStatus(await admin.patch(`/api/v1/users/${users.revived.id}`, { active: true }), 200);
      assertProblem(await stolen.get('/api/v1/me'), 401, 'unauthenticated', 'the cookie from before the deactivation');
      assertProblem(await c.get('/api/v1/districts'), 401, 'unauthenticated');
      await new Client(server).loginOk(users.revived.email);
    });

    it('removing a role ends the sessions; adding one or renaming does not', async () => {
      const c = await new Client(server).loginOk(users.demoted.email);
      expectStatus(await admin.patch(`/api/v1/users/${users.demoted.id}`, { roles: ['coach', 'quality', 'hr'] }), 200);
      expectStatus(await admin.patch(`/api/v1/users/${users.demoted.id}`, { name: 'Sessie hernoemd' }), 200);
      const me = expectStatus(await c.get('/api/v1/me'), 200, 'a role added: still logged in, with it');
      assert.deepEqual([...me.roles].sort(), ['coach', 'hr', 'quality']);
      expectStatus(await admin.patch(`/api/v1/users/${users.demoted.id}`, { roles: ['coach', 'hr'] }), 200);
      assertProblem(await c.get('/api/v1/me'), 401, 'unauthenticated', 'a role removed');
    });

    it('a user\'s own new password keeps only the session she made it from', async () => {
      const here = await new Client(server).loginOk(users.own.email);
      const elsewhere = await new Client(server).loginOk(users.own.email);
      const newPassword = 'mijn eigen nieuwe wachtwoord';
      const wrong = await here.put('/api/v1/me/password', { current_password: 'niet mijn wachtwoord', new_password: newPassword });
      assertValidation(wrong, ['current_password'], 'a wrong current password');
      const short = await here.put('/api/v1/me/password', { current_password: PASSWORD, new_password: 'kort' });
      assertValidation(short, ['new_password'], 'a short new password');
      const same = await here.put('/api/v1/me/password', { current_password: PASSWORD, new_password: PASSWORD });
      assertValidation(same, ['new_password'], 'the same password');
      assertValidation(await here.put('/api/v1/me/password', { new_password: newPassword }), ['current_password']);
      const noCsrf = await here.put('/api/v1/me/password', { current_password: PASSWORD, new_password: newPassword }, { csrf: false });
      assertProblem(noCsrf, 403, 'csrf');
      expectStatus(await elsewhere.get('/api/v1/me'), 200, 'nothing changed yet');

      const r = await here.put('/api/v1/me/password', { current_password: PASSWORD, new_password: newPassword });
      assert.equal(r.status, 204, show(r));
      expectStatus(await here.get('/api/v1/me'), 200, 'the session it came from stays');
      assertProblem(await elsewhere.get('/api/v1/me'), 401, 'unauthenticated', 'every other session ends');
      assertProblem(await new Client(server).login(users.own.email), 401, 'unauthenticated', 'the old password');
      await new Client(server).loginOk(users.own.email, newPassword);
      const audit = expectStatus(await admin.get(`/api/v1/audit?entity=user&entity_id=${users.own.id}&limit=5`), 200);
      assert.equal(audit.items[0].after.password_changed, true);
      assert.equal(audit.items[0].actor.id, users.own.id);
      assert.ok(!JSON.stringify(audit).includes(newPassword) && !JSON.stringify(audit).includes(PASSWORD));
    });

    it('an administrator who changes her own password or roles keeps the session she does it from', async () => {
      addUser(server.databaseUrl, { email: 's-selfadmin@example.org', name: 'Sessie zelfbeheer', roles: ['admin', 'hr'], org: DEMO_ORG_SLUG });
      const here = await new Client(server).loginOk('s-selfadmin@example.org');
      const elsewhere = await new Client(server).loginOk('s-selfadmin@example.org');
      const self = here.me.id;
      expectStatus(await here.patch(`/api/v1/users/${self}`, { roles: ['admin'] }), 200, 'drops her own hr role');
      expectStatus(await here.get('/api/v1/me'), 200, 'this session stays');
      assertProblem(await elsewhere.get('/api/v1/me'), 401, 'unauthenticated', 'the other one ends');
      const other = await new Client(server).loginOk('s-selfadmin@example.org');
      expectStatus(await here.patch(`/api/v1/users/${self}`, { password: 'zelf gekozen wachtwoord' }), 200);
      expectStatus(await here.get('/api/v1/me'), 200, 'this session stays');
      assertProblem(await other.get('/api/v1/me'), 401, 'unauthenticated', 'the other one ends');
    });

    it('unauthenticated, a password change is 401', async () => {
      assertProblem(await new Client(server).put('/api/v1/me/password', { current_password: PASSWORD, new_password: 'x'.repeat(20) }, { csrf: false }), 401, 'unauthenticated');
    });
  });

  describe('lock-out is no denial of service (decision 0010)', () => {
    it('five wrong passwords from elsewhere do not lock out the browser that logged in before', async () => {
      const ownBrowser = await new Client(server).loginOk(users.owner.email);
      assert.ok(ownBrowser.cookies.get('wk_device'), 'a known-device cookie is set at log-in');
      expectStatus(await ownBrowser.del('/api/v1/session'), 204);
      const attacker = new Client(server);
      for (let i = 1; i <= 5; i += 1) assertProblem(await attacker.login(users.owner.email, `raden ${i}`), 401, 'unauthenticated');
      assertProblem(await attacker.login(users.owner.email), 429, 'too-many-requests', 'a stranger with the right password');
      assertProblem(await new Client(server).login(users.owner.email), 429, 'too-many-requests', 'any new browser');
      // The owner's own browser gets through with the right password …
      expectStatus(await ownBrowser.login(users.owner.email), 200, 'the owner, from her own browser');
      // … and has its own count: five of her own typos lock that browser.
      expectStatus(await ownBrowser.del('/api/v1/session'), 204);
      for (let i = 1; i <= 5; i += 1) assertProblem(await ownBrowser.login(users.owner.email, `tikfout ${i}`), 401, 'unauthenticated');
      assertProblem(await ownBrowser.login(users.owner.email), 429, 'too-many-requests', 'her own browser after five typos');
    });

    it('a device cookie of another account or a forged one counts for nothing', async () => {
      const c = new Client(server);
      c.cookies.set('wk_device', 'vervalst-apparaat-token');
      for (let i = 1; i <= 5; i += 1) assertProblem(await c.login(users.forged.email, `fout ${i}`), 401, 'unauthenticated');
      assertProblem(await c.login(users.forged.email), 429, 'too-many-requests');
    });
  });

  it('logs out: 204, cookie cleared, the old session no longer works', async () => {
    const c = new Client(server);
    await c.loginOk(users.logout.email);
    const stolen = c.clone(); // a copy of the cookie and token, as if kept elsewhere
    const r = await c.del('/api/v1/session');
    assert.equal(r.status, 204, `log-out: ${show(r)}`);
    assert.equal(r.text, '', '204 has no body');
    const line = sessionCookieLine(r);
    assert.ok(line, 'log-out should clear the wk_session cookie with a Set-Cookie');
    assert.ok(/max-age=0|expires=thu, 01 jan 1970/i.test(line) || /^wk_session=;/.test(line),
      `the cookie should be expired: ${line}`);
    assertProblem(await c.get('/api/v1/me'), 401, 'unauthenticated', 'GET /me after log-out');
    assertProblem(await stolen.get('/api/v1/me'), 401, 'unauthenticated', 'GET /me with the old cookie after log-out');
    assertProblem(await stolen.del('/api/v1/session'), 401, 'unauthenticated', 'second log-out with the old cookie');
  });

  it('log-in and log-out are in the audit log, without password or session token', async () => {
    const c = new Client(server);
    const login = await c.login(users.other.email);
    expectStatus(login, 200);
    const token = sessionCookieLine(login).match(/^wk_session=([^;]+)/)[1];
    expectStatus(await c.del('/api/v1/session'), 204, 'log-out');
    const r = await admin.get('/api/v1/audit?limit=200');
    const page = expectStatus(r, 200, 'GET /audit');
    const mine = page.items.filter((e) => e.actor && e.actor.id === users.other.id);
    const login1 = mine.find((e) => e.action === 'login');
    const logout1 = mine.find((e) => e.action === 'logout');
    assert.ok(login1, `a login entry with the user as actor: ${show(r)}`);
    assert.ok(logout1, `a logout entry with the user as actor: ${show(r)}`);
    assert.ok(logout1.id > login1.id, 'log-out is recorded after log-in');
    for (const e of [login1, logout1]) {
      assert.ok(['session', 'user'].includes(e.entity), `log-in/out entries are about a session (or user): ${JSON.stringify(e)}`);
    }
    assert.ok(!r.text.includes(PASSWORD), 'the password must not be in the audit log');
    assert.ok(!r.text.includes(token), 'the session token must not be in the audit log');
    assert.ok(!/\$argon2/i.test(r.text), 'no password hash in the audit log');
  });

  it('throttles: after 5 failed log-ins the account gets 429 with Retry-After, even with the right password', async () => {
    const c = new Client(server);
    for (let i = 1; i <= 5; i += 1) {
      const r = await c.login(users.throttled.email, `wrong password number ${i}`);
      assertProblem(r, 401, 'unauthenticated', `failed log-in #${i}`);
    }
    const r = await c.login(users.throttled.email, PASSWORD);
    assertProblem(r, 429, 'too-many-requests', '6th log-in (right password) after 5 failures');
    const retry = r.headers.get('retry-after');
    assert.ok(retry && /^\d+$/.test(retry) && Number(retry) > 0 && Number(retry) <= 15 * 60,
      `Retry-After should be seconds (1..900), got ${retry}`);
    assert.equal(sessionCookieLine(r), undefined, 'a throttled log-in must not set a cookie');
    // Another account from the same address is not blocked (the address limit is 50).
    await new Client(server).loginOk(users.coach.email);
  });

  describe('CSRF', () => {
    const variants = [['without a token', false], ['with a wrong token', 'wrong']];

    async function snapshot() {
      const [d, t, u, a] = await Promise.all([
        admin.get('/api/v1/districts'), admin.get('/api/v1/teams'),
        admin.get('/api/v1/users'), admin.get('/api/v1/audit?limit=1'),
      ]);
      for (const r of [d, t, u, a]) expectStatus(r, 200, 'snapshot');
      return { districts: d.json, teams: t.json, users: u.json, lastAudit: a.json.items[0]?.id ?? null };
    }

    let teamId;
    before(async () => {
      const t = await admin.get('/api/v1/teams');
      teamId = expectStatus(t, 200).items[0].id;
    });

    for (const [label, csrf] of variants) {
      it(`refuses state changes ${label} with 403 and changes nothing`, async () => {
        const beforeState = await snapshot();
        const attempts = [
          ['POST', '/api/v1/districts', { name: 'CSRF district' }],
          ['POST', '/api/v1/teams', { name: 'CSRF team', district_id: beforeState.districts.items[0].id }],
          ['PATCH', `/api/v1/teams/${teamId}`, { name: 'CSRF renamed' }],
          ['POST', '/api/v1/users', { email: 'csrf@example.org', name: 'CSRF', password: PASSWORD, roles: ['admin'] }],
          ['PATCH', `/api/v1/users/${users.coach.id}`, { roles: ['admin'] }],
          ['DELETE', '/api/v1/session', undefined],
        ];
        for (const [method, p, body] of attempts) {
          const r = await admin.request(method, p, body, { csrf });
          assertProblem(r, 403, 'csrf', `${method} ${p} ${label}`);
        }
        const afterState = await snapshot();
        assert.deepEqual(afterState, beforeState, `nothing may change after refused requests ${label}`);
        expectStatus(await admin.get('/api/v1/me'), 200, 'the session survives a refused DELETE /session');
      });
    }

    it('refuses the valid token of another session', async () => {
      const other = new Client(server);
      await other.loginOk(users.other.email);
      const r = await admin.post('/api/v1/districts', { name: 'CSRF borrowed token' }, { csrf: other.csrf });
      assertProblem(r, 403, 'csrf', 'POST /districts with another session\'s token');
      const d = expectStatus(await admin.get('/api/v1/districts'), 200);
      assert.ok(!d.items.some((x) => x.name === 'CSRF borrowed token'));
    });

    it('accepts the right token', async () => {
      const r = await admin.post('/api/v1/districts', { name: 'CSRF ok district' });
      expectStatus(r, 201, 'POST /districts with the token');
    });
  });

  it('answers 401 problem+json without a session, and with a forged cookie', async () => {
    assertProblem(await new Client(server).get('/api/v1/me'), 401, 'unauthenticated', 'no cookie');
    const forged = new Client(server);
    forged.cookies.set('wk_session', 'A'.repeat(43));
    assertProblem(await forged.get('/api/v1/me'), 401, 'unauthenticated', 'forged cookie');
    forged.cookies.set('wk_session', `${'x'.repeat(5000)}`);
    const r = await forged.get('/api/v1/me');
    assert.ok([400, 401, 431].includes(r.status), `a huge forged cookie should be refused without a 500: ${show(r)}`);
  });

  it('sets the security headers on every kind of answer', async () => {
    const anon = new Client(server);
    assertSecurityHeaders(await admin.get('/api/v1/me'), 'JSON answer');
    assertSecurityHeaders(await anon.get('/api/v1/me'), 'problem answer (401)');
    assertSecurityHeaders(await admin.get('/api/v1/no-such-endpoint'), 'API 404');
    assertSecurityHeaders(await anon.get('/'), 'static /');
    assertSecurityHeaders(await anon.get('/no/such/page.html'), 'static 404 or SPA fallback');
    assertSecurityHeaders(await anon.get('/healthz'), '/healthz');
    assertSecurityHeaders(await anon.get('/api/v1/openapi.json'), 'openapi.json');
    assertSecurityHeaders(await anon.post('/api/v1/session', { email: 'x@example.org', password: 'y' }), 'failed log-in');
    assertSecurityHeaders(await admin.put('/api/v1/districts', { name: 'x' }), '405');
  });

  it('serves / (the web app) as HTML or answers it cleanly', async () => {
    const r = await new Client(server).get('/');
    assert.ok(r.status === 200 || r.status === 404, `GET / should not fail: ${show(r)}`);
    if (r.status === 200) assert.match(r.contentType, /^text\/html/, `GET / should be HTML: ${show(r)}`);
  });

  it('GET /healthz and /readyz answer 200 JSON without a session', async () => {
    const anon = new Client(server);
    const h = await anon.get('/healthz');
    assert.deepEqual(expectStatus(h, 200, '/healthz'), { status: 'ok' });
    assert.match(h.contentType, /^application\/json/);
    const r = await anon.get('/readyz');
    assert.deepEqual(expectStatus(r, 200, '/readyz'), { status: 'ready' });
    assert.match(r.contentType, /^application\/json/);
  });

  it('serves the OpenAPI document without a session, with every documented path', async () => {
    const r = await new Client(server).get('/api/v1/openapi.json');
    const doc = expectStatus(r, 200, 'openapi.json');
    assert.match(r.contentType, /^application\/json/);
    assert.equal(typeof doc.openapi, 'string');
    assert.ok(doc.openapi.startsWith('3.'), `openapi version ${doc.openapi}`);
    assert.equal(doc.info?.title, 'Wijkkader API');
    const documented = documentedApi();
    assert.ok(Object.keys(documented.paths).length >= 15, 'docs/openapi.json describes the endpoints');
    assert.deepEqual(doc, documented, 'the served OpenAPI document is docs/openapi.json');
  });

  it('every log-in issues a fresh session token (no session fixation)', async () => {
    const c = new Client(server);
    await c.loginOk(users.coach.email);
    const first = c.cookies.get('wk_session');
    const csrf1 = c.csrf;
    await c.loginOk(users.coach.email); // sends the old cookie along
    assert.notEqual(c.cookies.get('wk_session'), first, 'a new log-in must not keep the presented session token');
    assert.notEqual(c.csrf, csrf1, 'a new session has a new CSRF token');
  });

  it('the last_login_at of a user is set by log-in', async () => {
    const r = await admin.get(`/api/v1/users/${users.coach.id}`);
    const u = expectStatus(r, 200);
    assert.match(u.last_login_at ?? '', ISO_UTC, `last_login_at after log-in: ${show(r)}`);
  });

  // Last in this file: afterwards nobody can log in from 127.0.0.1 for 15 minutes.
  it('throttles an address: after 50 failed log-ins (any accounts) even a right password gets 429', async () => {
    let attempts = 0;
    let r;
    for (; attempts < 60; attempts += 1) {
      r = await new Client(server).login(`nobody-${attempts}@example.org`, 'wrong password, on purpose');
      if (r.status === 429) break;
      assertProblem(r, 401, 'unauthenticated', `failed log-in #${attempts + 1} from this address`);
    }
    assertProblem(r, 429, 'too-many-requests', 'log-in after 50 failures from one address');
    // Earlier tests in this file failed some log-ins too, so fewer than 50 are needed here.
    assert.ok(attempts <= 50, `429 after ${attempts} more failures`);
    const ok = await new Client(server).login(users.other.email, PASSWORD);
    assertProblem(ok, 429, 'too-many-requests', 'right password from a throttled address');
    assert.match(ok.headers.get('retry-after') || '', /^\d+$/, 'Retry-After in seconds');
  });
});
