// A small in-memory stand-in for the Wijkkader API (docs/api.md), for fast work on
// the web front end without the C++ server. It serves web/dist with the same strict
// Content-Security-Policy and SPA fallback as the real server.
//
//   node tests/e2e/mock-server.mjs [--port 18090] [--web-root web/dist]
//   (admin: WIJKKADER_ADMIN_EMAIL / WIJKKADER_ADMIN_PASSWORD, default
//    admin@test.example / a-long-password-123)
//
// The browser tests start it themselves when WIJKKADER_URL is not set. It is not the
// contract: where it and the real server differ, the real server (and docs/api.md) win.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containsBsn, createReceiptsApi } from './mock-receipts.mjs';
import { createStoriesApi } from './mock-stories.mjs';
import { createKnowledgeApi } from './mock-knowledge.mjs';
import { badQuery, generateRecords, pageOf, readPaging } from './mock-paging.mjs';

// GET /api/v1/me `capabilities` per role, as the real server's rules give them (pinned by
// tests/api/session.test.mjs). The mock is being retired (issue 16); until then it copies
// the answer, not the rules.
const STORY_LISTS = ['edit_list:story_archetype', 'edit_list:story_prompt', 'edit_list:story_topic', 'edit_list:story_valuation'];
const CAPABILITIES = {
  coach: ['edit_cases', 'read_cases', 'read_knowledge', 'read_sessions', 'read_stories', 'share_stories'],
  team_manager: ['list_users', 'read_cases', 'read_knowledge', 'read_sessions', 'read_stories', 'see_story_stats', 'share_stories'],
  quality: [...STORY_LISTS, 'export_stories', 'moderate_stories', 'read_cases', 'read_knowledge', 'read_report',
    'read_sessions', 'read_stories', 'review_knowledge', 'run_sessions', 'see_module_views', 'see_story_stats',
    'share_stories', 'write_knowledge', 'write_report'],
  coordinator: ['edit_cases', 'read_cases', 'read_knowledge', 'read_sessions', 'read_stories', 'share_stories'],
  hr: ['list_users', 'read_knowledge'],
  director: ['export_stories', 'list_users', 'read_cases', 'read_knowledge', 'read_report', 'read_sessions',
    'read_stories', 'see_module_views', 'see_story_stats', 'share_stories', 'write_report'],
  funder: ['read_report'],
  admin: ['administer', 'edit_list:cost_category', 'edit_list:payer', ...STORY_LISTS, 'list_users', 'read_audit',
    'read_knowledge', 'share_stories'],
};
function capabilitiesOf(roles) {
  const all = roles.flatMap((r) => CAPABILITIES[r.startsWith('coordinator:') ? 'coordinator' : r] ?? []);
  return [...new Set(all)].sort();
}

const HERE = dirname(fileURLToPath(import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const KNOWN_ROLES = ['coach', 'team_manager', 'quality', 'hr', 'director', 'funder', 'admin'];
const ROLE_RE = /^coordinator:[a-z0-9_-]{1,40}$/;
const CODE_RE = /^(WK\d{6}|BU\d{8})$/;

function now() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function problem(status, suffix, title, detail, errors) {
  const body = { type: `urn:wijkkader:problem:${suffix}`, status, title, detail };
  if (errors) body.errors = errors;
  return { status, problem: body };
}
const P = {
  unauth: () => problem(401, 'unauthenticated', 'U bent niet ingelogd.', 'You are not logged in.'),
  badLogin: () => problem(401, 'unauthenticated', 'Het e-mailadres of het wachtwoord is onjuist.', 'Wrong e-mail address or password.'),
  forbidden: () => problem(403, 'forbidden', 'U heeft hiervoor geen rechten.', 'You are not allowed to do this.'),
  csrf: () => problem(403, 'csrf', 'De beveiligingscode ontbreekt of is onjuist.', 'The CSRF token is missing or wrong.'),
  notFound: () => problem(404, 'not-found', 'Niet gevonden.', 'Not found.'),
  method: () => problem(405, 'method-not-allowed', 'Deze methode is niet toegestaan.', 'Method not allowed.'),
  conflict: (t, d) => problem(409, 'conflict', t, d),
  badRequest: (t, d) => problem(400, 'bad-request', t, d),
  media: () => problem(415, 'unsupported-media-type', 'Stuur JSON.', 'The body must be JSON.'),
  invalid: (errors) => problem(422, 'validation', 'De invoer is niet geldig.', 'The input is not valid.', errors),
  problem,
  throttled: () => problem(429, 'too-many-requests', 'Te veel mislukte inlogpogingen.', 'Too many failed log-ins.'),
};
function fe(field, title, detail) {
  return { field, title, detail };
}

export function createMockApi({ adminEmail = 'admin@test.example', adminPassword = 'a-long-password-123' } = {}) {
  let seq = 100;
  const nextId = () => ++seq;
  const org = { id: 1, name: 'SMD Enschede-Haaksbergen', slug: 'smd' };
  const districts = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West'].map((name, i) => ({ id: i + 1, name }));
  const teams = [
    { id: 11, name: 'Wijkteam Centrum', district_id: 1, neighbourhoods: ['WK015300'], active: true },
    { id: 12, name: 'Wijkteam Noord', district_id: 2, neighbourhoods: ['WK015301', 'BU01530101'], active: true },
    { id: 13, name: 'Wijkteam Oost', district_id: 3, neighbourhoods: ['WK015302'], active: true },
  ];
  const users = [
    { id: 1, email: adminEmail, name: 'Test Admin', password: adminPassword, roles: ['admin'], team_ids: [], active: true, created_at: now(), last_login_at: null },
    { id: 2, email: 'coach@demo.example', name: 'Fatima El Amrani', password: 'demo-password-123', roles: ['coach'], team_ids: [11], active: true, created_at: now(), last_login_at: null },
    { id: 3, email: 'manager@demo.example', name: 'Jan de Vries', password: 'demo-password-123', roles: ['team_manager', 'coach'], team_ids: [11, 12], active: true, created_at: now(), last_login_at: '2026-11-20T08:15:00Z' },
    { id: 4, email: 'po@demo.example', name: 'Ingrid Bosman', password: 'demo-password-123', roles: ['hr'], team_ids: [], active: true, created_at: now(), last_login_at: null },
    { id: 5, email: 'regie@demo.example', name: 'Sanne Jansen', password: 'demo-password-123', roles: ['coordinator:doorstroomwoningen'], team_ids: [], active: true, created_at: now(), last_login_at: null },
    { id: 6, email: 'gemeente@demo.example', name: 'Peter Mulder', password: 'demo-password-123', roles: ['funder'], team_ids: [], active: true, created_at: now(), last_login_at: null },
  ];
  const sessions = new Map(); // token → { userId, csrf }
  const failures = new Map(); // email → [times]
  const audit = [];
  let auditSeq = 0;

  const teamRef = (id) => {
    const t = teams.find((x) => x.id === id);
    return t ? { id: t.id, name: t.name } : null;
  };
  const teamOut = (t) => ({
    id: t.id,
    name: t.name,
    district: districts.find((d) => d.id === t.district_id) ?? null,
    neighbourhoods: [...t.neighbourhoods],
    active: t.active,
    member_count: users.filter((u) => u.team_ids.includes(t.id)).length,
  });
  const userOut = (u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: [...u.roles],
    teams: u.team_ids.map(teamRef).filter(Boolean),
    active: u.active,
    created_at: u.created_at,
    last_login_at: u.last_login_at,
  });
  const meOut = (u, csrf) => ({
    ...userOut(u),
    organisation: { ...org },
    capabilities: capabilitiesOf(u.roles),
    csrf_token: csrf,
  });
  const log = (actor, action, entity, entity_id, before, after) =>
    audit.push({ id: ++auditSeq, at: now(), actor: actor ? { id: actor.id, name: actor.name } : null, action, entity, entity_id: String(entity_id), before, after });

  function validateName(errors, v, field = 'name') {
    if (typeof v !== 'string' || !v.trim() || v.length > 200 || /[\u0000-\u001f]/.test(v)) {
      errors.push(fe(field, 'Vul een naam in (1 tot 200 tekens).', 'must be 1-200 characters without control characters'));
    }
  }
  function validateUser(body, { partial }) {
    const errors = [];
    const allowed = partial ? ['name', 'email', 'roles', 'team_ids', 'active', 'password'] : ['name', 'email', 'roles', 'team_ids', 'password'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    if (!partial || 'name' in body) validateName(errors, body.name);
    if (!partial || 'email' in body) {
      if (typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email.trim())) {
        errors.push(fe('email', 'Vul een geldig e-mailadres in.', 'must be a valid e-mail address'));
      }
    }
    if (!partial || 'password' in body) {
      if (typeof body.password !== 'string' || body.password.length < 12 || body.password.length > 1024) {
        errors.push(fe('password', 'Het wachtwoord moet 12 tot 1024 tekens hebben.', 'must be 12-1024 characters'));
      }
    }
    if (!partial || 'roles' in body) {
      if (!Array.isArray(body.roles) || body.roles.length === 0) {
        errors.push(fe('roles', 'Kies ten minste één rol.', 'must be a non-empty list of roles'));
      } else {
        body.roles.forEach((r, i) => {
          if (typeof r !== 'string' || !(KNOWN_ROLES.includes(r) || ROLE_RE.test(r))) {
            errors.push(fe(`roles[${i}]`, 'Deze rol bestaat niet.', 'unknown role'));
          }
        });
      }
    }
    if ('team_ids' in body) {
      if (!Array.isArray(body.team_ids)) errors.push(fe('team_ids', 'Kies geldige teams.', 'must be a list of team ids'));
      else body.team_ids.forEach((id, i) => {
        if (!teams.some((t) => t.id === id)) errors.push(fe(`team_ids[${i}]`, 'Dit team bestaat niet.', 'no such team'));
      });
    }
    if ('active' in body && typeof body.active !== 'boolean') errors.push(fe('active', 'Kies ja of nee.', 'must be a boolean'));
    return errors;
  }
  function validateTeam(body, { partial }) {
    const errors = [];
    const allowed = partial ? ['name', 'district_id', 'neighbourhoods', 'active'] : ['name', 'district_id', 'neighbourhoods'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    if (!partial || 'name' in body) validateName(errors, body.name);
    if (!partial || 'district_id' in body) {
      if (!districts.some((d) => d.id === body.district_id)) errors.push(fe('district_id', 'Kies een bestaand stadsdeel.', 'no such district'));
    }
    if ('neighbourhoods' in body) {
      if (!Array.isArray(body.neighbourhoods)) errors.push(fe('neighbourhoods', 'Geef een lijst van CBS-codes.', 'must be a list'));
      else body.neighbourhoods.forEach((c, i) => {
        if (typeof c !== 'string' || !CODE_RE.test(c)) errors.push(fe(`neighbourhoods[${i}]`, 'Dit is geen geldige CBS-code.', 'must be WK + 6 digits or BU + 8 digits'));
      });
    }
    if ('active' in body && typeof body.active !== 'boolean') errors.push(fe('active', 'Kies ja of nee.', 'must be a boolean'));
    return errors;
  }

  const receipts = createReceiptsApi({ users, teams, log, now, nextId, P, fe });
  const reports = createReportApi({ receipts, log, P, fe });
  // The organisation's settings: the knowledge base reads one, the public story form the other.
  const settings = { knowledge_coach_authors: false, public_privacy_note: '' };
  const stories = createStoriesApi({ org, users, teams, log, now, nextId, P, fe, settings });
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const knowledge = createKnowledgeApi({ users, log, now, today, P, fe, settings });

  /** Handles one API request; returns { status, json?, problem?, raw?, headers? }. */
  function handle(method, path, query, headers, body, cookies, raw = Buffer.alloc(0)) {
    const token = cookies.wk_session;
    const session = token ? sessions.get(token) : null;
    const me = session ? users.find((u) => u.id === session.userId && u.active) : null;
    const unsafe = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
    const need = (roles) => (me.roles.some((r) => roles.includes(r)) ? null : P.forbidden());
    const csrfOk = () => !unsafe || headers['x-csrf-token'] === session.csrf;

    if (path === '/api/v1/session') {
      if (method === 'POST') {
        const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
        const times = (failures.get(email) ?? []).filter((t) => Date.now() - t < 15 * 60_000);
        if (times.length >= 5) {
          const wait = Math.ceil((times[0] + 15 * 60_000 - Date.now()) / 1000);
          return { ...P.throttled(), headers: { 'Retry-After': String(wait) } };
        }
        const u = users.find((x) => x.email === email);
        if (!u || !u.active || u.password !== body?.password) {
          failures.set(email, [...times, Date.now()]);
          return P.badLogin();
        }
        failures.delete(email);
        const t = randomBytes(24).toString('hex');
        const csrf = randomBytes(24).toString('hex');
        sessions.set(t, { userId: u.id, csrf });
        u.last_login_at = now();
        log(u, 'login', 'session', u.id, null, null);
        return {
          status: 200,
          json: { user: meOut(u, csrf), csrf_token: csrf },
          headers: { 'Set-Cookie': `wk_session=${t}; HttpOnly; SameSite=Strict; Path=/` },
        };
      }
      if (method === 'DELETE') {
        if (!me) return P.unauth();
        if (!csrfOk()) return P.csrf();
        sessions.delete(token);
        log(me, 'logout', 'session', me.id, null, null);
        return { status: 204, headers: { 'Set-Cookie': 'wk_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0' } };
      }
      return P.method();
    }

    // The public story point needs no session (and no CSRF token).
    const pub = stories.handlePublic(method, path, body, headers['x-mock-remote'] ?? '');
    if (pub) return pub;

    if (!me) return P.unauth();
    if (!csrfOk()) return P.csrf();

    if (path === '/api/v1/me') return method === 'GET' ? { status: 200, json: meOut(me, session.csrf) } : P.method();

    // One's own password, as the server: a wrong current password is a failed log-in of the
    // account (after 5 in 15 minutes: 429); the session it came from stays, every other ends.
    if (path === '/api/v1/me/password') {
      if (method !== 'PUT') return P.method();
      const current = body?.current_password;
      const next = body?.new_password;
      const errors = [];
      if (typeof current !== 'string' || !current) errors.push(fe('current_password', 'Dit veld is verplicht.', 'required'));
      if (typeof next !== 'string' || !next) errors.push(fe('new_password', 'Dit veld is verplicht.', 'required'));
      if (errors.length) return P.invalid(errors);
      const times = (failures.get(me.email) ?? []).filter((t) => Date.now() - t < 15 * 60_000);
      if (times.length >= 5) {
        const wait = Math.ceil((times[0] + 15 * 60_000 - Date.now()) / 1000);
        return { ...P.throttled(), headers: { 'Retry-After': String(wait) } };
      }
      if (current !== me.password) {
        failures.set(me.email, [...times, Date.now()]);
        return P.invalid([fe('current_password', 'Het huidige wachtwoord klopt niet.', 'wrong current password')]);
      }
      if ([...next].length < 12 || [...next].length > 1024) errors.push(fe('new_password', 'Kies een wachtwoord van minstens 12 tekens.', 'must be between 12 and 1024 characters'));
      if (next === current) errors.push(fe('new_password', 'Kies een ander wachtwoord dan het huidige.', 'must differ from the current one'));
      if (errors.length) return P.invalid(errors);
      me.password = next;
      for (const [t, s] of sessions) if (s.userId === me.id && t !== token) sessions.delete(t);
      log(me, 'update', 'user', me.id, null, { password_changed: true, by: 'self', other_sessions_ended: true });
      return { status: 204 };
    }

    if (path === '/api/v1/districts') {
      if (method === 'GET') return need(['coach', 'team_manager', 'quality', 'hr', 'director', 'admin']) ?? { status: 200, json: { items: districts } };
      if (method === 'POST') {
        const denied = need(['admin']);
        if (denied) return denied;
        const errors = [];
        validateName(errors, body?.name);
        if (errors.length) return P.invalid(errors);
        const d = { id: nextId(), name: body.name.trim() };
        districts.push(d);
        log(me, 'create', 'district', d.id, null, d);
        return { status: 201, json: d };
      }
      return P.method();
    }

    if (path === '/api/v1/teams') {
      if (method === 'GET') {
        if (me.roles.every((r) => r === 'funder')) return P.forbidden();
        return { status: 200, json: { items: teams.map(teamOut) } };
      }
      if (method === 'POST') {
        const denied = need(['admin']);
        if (denied) return denied;
        const errors = validateTeam(body, { partial: false });
        if (errors.length) return P.invalid(errors);
        if (teams.some((t) => t.name === body.name.trim())) return P.conflict('Er is al een team met deze naam.', 'A team with this name exists.');
        const t = { id: nextId(), name: body.name.trim(), district_id: body.district_id, neighbourhoods: body.neighbourhoods ?? [], active: true };
        teams.push(t);
        log(me, 'create', 'team', t.id, null, teamOut(t));
        return { status: 201, json: teamOut(t) };
      }
      return P.method();
    }
    let m = /^\/api\/v1\/teams\/(\d+)$/.exec(path);
    if (m) {
      if (method !== 'PATCH') return P.method();
      const denied = need(['admin']);
      if (denied) return denied;
      const t = teams.find((x) => x.id === Number(m[1]));
      if (!t) return P.notFound();
      const errors = validateTeam(body, { partial: true });
      if (errors.length) return P.invalid(errors);
      if ('name' in body && teams.some((x) => x.id !== t.id && x.name === body.name.trim())) {
        return P.conflict('Er is al een team met deze naam.', 'A team with this name exists.');
      }
      const before = teamOut(t);
      if ('name' in body) t.name = body.name.trim();
      if ('district_id' in body) t.district_id = body.district_id;
      if ('neighbourhoods' in body) t.neighbourhoods = body.neighbourhoods;
      if ('active' in body) t.active = body.active;
      log(me, 'update', 'team', t.id, before, teamOut(t));
      return { status: 200, json: teamOut(t) };
    }

    const visibleUsers = () => {
      if (me.roles.some((r) => ['admin', 'hr', 'director'].includes(r))) return users;
      if (me.roles.includes('team_manager')) {
        const mine = new Set(me.team_ids);
        return users.filter((u) => u.id === me.id || u.team_ids.some((id) => mine.has(id)));
      }
      return null;
    };

    if (path === '/api/v1/users') {
      // As the server: by name, then id; `q` a part of the name or e-mail address (ASCII
      // letters in any case, the first 100 characters); pages of up to 500 (default 500),
      // offset up to 10,000, counted up to 10,000.
      if (method === 'GET') {
        const list = visibleUsers();
        if (!list) return P.forbidden();
        const paging = readPaging(query, fe, { limit: 500, max: 500 });
        if (paging.errors.length) return badQuery(P, paging.errors);
        const lowerAscii = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
        const q = lowerAscii([...(query.get('q') ?? '')].slice(0, 100).join(''));
        const found = list
          .filter((u) => !q || lowerAscii(u.name).includes(q) || u.email.includes(q))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
        return { status: 200, json: pageOf(found, paging, userOut) };
      }
      if (method === 'POST') {
        const denied = need(['admin']);
        if (denied) return denied;
        const errors = validateUser(body, { partial: false });
        if (errors.length) return P.invalid(errors);
        const email = body.email.trim().toLowerCase();
        if (users.some((u) => u.email === email)) return P.conflict('Dit e-mailadres is al in gebruik.', 'This e-mail address is taken.');
        const u = {
          id: nextId(), email, name: body.name.trim(), password: body.password, roles: body.roles,
          team_ids: body.team_ids ?? [], active: true, created_at: now(), last_login_at: null,
        };
        users.push(u);
        log(me, 'create', 'user', u.id, null, userOut(u));
        return { status: 201, json: userOut(u) };
      }
      return P.method();
    }
    // Colleagues in the work by name (no e-mail or roles; not admin, hr or funder accounts): to choose a facilitator, participants, an action's owner.
    if (path === '/api/v1/colleagues') {
      if (method !== 'GET') return P.method();
      if (me.roles.every((r) => r === 'funder')) return P.forbidden();
      const items = users.filter((u) => u.active && u.roles.some((r) => !['funder', 'hr', 'admin'].includes(r))).map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      return { status: 200, json: { items } };
    }
    m = /^\/api\/v1\/users\/(\d+)$/.exec(path);
    if (m) {
      const u = users.find((x) => x.id === Number(m[1]));
      if (method === 'GET') {
        if (u && u.id === me.id) return { status: 200, json: userOut(u) };
        const list = visibleUsers();
        if (!list) return P.forbidden();
        return u && list.includes(u) ? { status: 200, json: userOut(u) } : P.notFound();
      }
      if (method !== 'PATCH') return P.method();
      const denied = need(['admin']);
      if (denied) return denied;
      if (!u) return P.notFound();
      const errors = validateUser(body, { partial: true });
      if (errors.length) return P.invalid(errors);
      if (u.id === me.id && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
        return P.conflict('U kunt uzelf niet deactiveren of uw beheerrol afnemen.', 'You cannot deactivate yourself or drop your own admin role.');
      }
      if ('email' in body) {
        const email = body.email.trim().toLowerCase();
        if (users.some((x) => x.id !== u.id && x.email === email)) return P.conflict('Dit e-mailadres is al in gebruik.', 'This e-mail address is taken.');
        body.email = email;
      }
      const before = userOut(u);
      for (const k of ['name', 'email', 'roles', 'team_ids', 'active', 'password']) if (k in body) u[k] = k === 'name' ? body[k].trim() : body[k];
      // A new password from the administrator, like a deactivation, ends every session of the user.
      if (body.active === false || 'password' in body) for (const [t, s] of sessions) if (s.userId === u.id) sessions.delete(t);
      log(me, 'update', 'user', u.id, before, userOut(u));
      return { status: 200, json: userOut(u) };
    }

    if (path === '/api/v1/audit') {
      if (method !== 'GET') return P.method();
      const denied = need(['admin']);
      if (denied) return denied;
      const limit = query.has('limit') ? Number(query.get('limit')) : 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) return P.badRequest('De waarde van limit is ongeldig.', 'limit must be 1-200');
      const before = query.has('before') ? Number(query.get('before')) : Infinity;
      const entity = query.get('entity');
      const entityId = query.has('entity_id') ? query.get('entity_id') : null;
      const all = audit
        .filter((e) => e.id < before && (!entity || e.entity === entity) && (entityId === null || e.entity_id === entityId))
        .sort((a, b) => b.id - a.id);
      const items = all.slice(0, limit);
      return { status: 200, json: { items, next_before: all.length > limit ? items[items.length - 1].id : null } };
    }

    const st = stories.handle(method, path, query, me, body, raw);
    if (st) return st;
    const kb = knowledge.handle(method, path, query, me, body, raw);
    if (kb) return kb;
    const r = receipts.handle(method, path, query, me, body, raw, headers['content-type']);
    if (r) return r;
    const rep = reports.handle(method, path, query, me, body);
    if (rep) return rep;

    return P.notFound();
  }

  // A few entries so the audit page has something before the tests do anything.
  log(null, 'create', 'district', 1, null, districts[0]);
  for (const t of teams) log(users[0], 'create', 'team', t.id, null, teamOut(t));

  /** `count` users (coaches without a team unless `fields` says otherwise; they cannot log in); returns their ids. */
  function generateUsers(count, fields = {}) {
    const at = now();
    const batch = seq + 1; // unique addresses across calls
    const made = generateRecords(
      count,
      (i) => ({ email: `veel-${batch}-${i + 1}@test.example`, name: `Een van veel gebruikers ${String(i + 1).padStart(5, '0')}`, roles: ['coach'], team_ids: [] }),
      fields,
    );
    return made.map((u) => {
      const id = nextId();
      users.push({ ...u, id, password: null, active: true, created_at: at, last_login_at: null });
      return id;
    });
  }

  // generateStories, generateCases, generateKnowledge, generateUsers: for the browser tests
  // only (in-process, no HTTP route), many records at once.
  return {
    handle,
    generateStories: stories.generateStories,
    generateCases: receipts.generateCases,
    generateKnowledge: knowledge.generateKnowledge,
    generateUsers,
  };
}

// ---- The annual report (docs/api.md, "Annual report (activiteitenverslag)") ----
// Minimal: the model report's chapters, texts per year and chapter, the receipts
// chapter from the mock's own summaries; HTML close to the server's, JSON, an empty
// (but valid) .xlsx and a one-page PDF.

const CHAPTERS = [
  ['inleiding', 'Inleiding'],
  ['ontwikkelingen', 'Belangrijkste ontwikkelingen algemeen'],
  ['overleg', 'Overleg en samenwerking'],
  ['formatie', 'Formatie'],
  ['kassabonnen', 'Kassabonnen: wat maatwerk oplevert'],
  ['activiteiten_derden', 'Activiteiten voor derden'],
  ['kwaliteit', 'Kwaliteit'],
  ['scholing', 'Scholing en ontwikkeling'],
  ['bedrijfsvoering', 'Processen, mensen en middelen'],
  ['raad_van_toezicht', 'Verslag van de Raad van Toezicht'],
];
const REPORT_CSS = `body { font-family: "Noto Sans", Arial, sans-serif; max-width: 50rem; margin: 0 auto; padding: 2rem 1.5rem; line-height: 1.5; }
.placeholder { background: #fff4d6; border-left: 0.3rem solid #e17000; padding: 0.5rem 0.8rem; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #b4b4b4; padding: 0.3rem 0.5rem; text-align: left; }
.num { text-align: right; } tr.total td { font-weight: 700; }
`;
// An empty ZIP archive (only the end-of-central-directory record): starts with PK.
const EMPTY_XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function euro(cents) {
  const whole = Math.round(Math.abs(cents) / 100);
  return `€\u00a0${cents < 0 && whole ? '-' : ''}${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function createReportApi({ receipts, log, P, fe }) {
  const texts = new Map(); // `${year}/${chapter}` → body
  const READERS = ['director', 'quality', 'funder'];
  const WRITERS = ['director', 'quality'];
  const reader = { id: 0, roles: ['director'], team_ids: [] }; // the summaries' point of view

  function receiptsSections(date, links) {
    const sections = [];
    const programmes = receipts.handle('GET', '/api/v1/programmes', new URLSearchParams(), reader, {}).json?.items ?? [];
    for (const p of programmes) {
      const s = receipts.handle('GET', '/api/v1/receipts/summary', new URLSearchParams({ programme: String(p.id), reference_date: date }), reader, {}).json;
      if (!s || (!s.groups.length && !s.running_cases)) continue;
      const link = links ? `/casussen?programme=${p.id}` : undefined;
      const m = (cents, l) => (l ? { text: euro(cents), cents, link: l } : { text: euro(cents), cents });
      const rows = [];
      for (const g of s.groups) {
        g.rows.forEach((r, i) => {
          const l = links ? `/casussen/${r.case_id}` : undefined;
          rows.push({ total: false, cells: [{ text: i === 0 ? (g.group?.name ?? 'Zonder groep') : '' }, m(r.nieuw_cents, l), m(r.oud_cents, l), m(r.saving_cents, l)] });
        });
        rows.push({ total: true, cells: [{ text: 'Totaal' }, m(g.totals.nieuw_cents, link), m(g.totals.oud_cents, link), m(g.totals.saving_cents, link)] });
      }
      rows.push({ total: true, cells: [{ text: 'Totaal alle groepen' }, m(s.totals.nieuw_cents, link), m(s.totals.oud_cents, link), m(s.totals.saving_cents, link)] });
      const counted = s.groups.reduce((n, g) => n + g.rows.length, 0);
      sections.push({
        heading: p.name,
        paragraphs: [`Op de peildatum ${counted === 1 ? 'is 1 casus' : `zijn ${counted} casussen`} (zo goed als) afgerond en in de tabel opgenomen.`],
        tables: [{ id: `kassabonnen-${p.id}`, title: `Kassabonnen ${p.name}`, columns: ['Groep', 'Kassabon nieuw', 'Kassabon oud', 'Besparing'], rows }],
      });
    }
    if (!sections.length) sections.push({ heading: '', paragraphs: ['Er zijn op de peildatum geen casussen met een kassabon.'], tables: [] });
    return sections;
  }

  function assemble(me, year, date) {
    const links = me.roles.some((r) => WRITERS.includes(r));
    return {
      year,
      organisation: 'SMD Enschede-Haaksbergen',
      reference_date: date,
      chapters: CHAPTERS.map(([key, title], i) => ({
        number: i + 1,
        key,
        title,
        text: texts.get(`${year}/${key}`) ?? null,
        sections: key === 'kassabonnen' ? receiptsSections(date, links) : [],
      })),
    };
  }

  function html(r) {
    const out = [`<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n<title>Activiteitenverslag ${r.year} — ${esc(r.organisation)}</title>\n<link rel="stylesheet" href="/verslag.css">\n</head>\n<body>`];
    out.push(`<header class="cover"><p class="kind">Inhoudelijk jaarverslag</p><h1>Activiteitenverslag ${r.year}</h1><p class="org">${esc(r.organisation)}</p><p class="date">Peildatum ${r.reference_date.split('-').reverse().join('-')}</p></header>`);
    out.push('<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Inhoud</h2><ol>');
    for (const c of r.chapters) out.push(`<li><a href="#h-${c.key}"><span class="no">${c.number}</span> ${esc(c.title)}</a></li>`);
    out.push('</ol></nav><main>');
    for (const c of r.chapters) {
      out.push(`<section class="chapter" id="h-${c.key}"><h2><span class="no">${c.number}</span> ${esc(c.title)}</h2>`);
      if (c.text !== null) for (const para of c.text.split(/\r?\n\s*\r?\n/)) { if (para.trim()) out.push(`<p>${esc(para.trim()).replace(/\r?\n/g, '<br>')}</p>`); }
      else out.push('<p class="placeholder">[Nog geen tekst voor dit hoofdstuk. Schrijf de tekst in Wijkkader onder Jaarverslag.]</p>');
      for (const s of c.sections) {
        if (s.heading) out.push(`<h3>${esc(s.heading)}</h3>`);
        for (const t of s.tables) {
          out.push(`<table id="${esc(t.id)}"><caption>${esc(t.title)}</caption><thead><tr>${t.columns.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
          for (const row of t.rows) out.push(`<tr${row.total ? ' class="total"' : ''}>${row.cells.map((x) => `<td${'cents' in x ? ' class="num"' : ''}>${x.link ? `<a href="${esc(x.link)}">${esc(x.text)}</a>` : esc(x.text)}</td>`).join('')}</tr>`);
          out.push('</tbody></table>');
        }
        for (const para of s.paragraphs) out.push(`<p>${esc(para)}</p>`);
      }
      out.push('</section>');
    }
    out.push('</main>\n</body>\n</html>\n');
    return out.join('\n');
  }

  /** GET /api/v1/reports/years: the first year of a case or a report text to this year; the last full year as default. */
  function years(me) {
    if (!me.roles.some((r) => READERS.includes(r))) return P.forbidden();
    const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
    let first = thisYear - 1;
    const cases = receipts.handle('GET', '/api/v1/cases', new URLSearchParams({ limit: '500' }), reader, {}).json?.items ?? [];
    for (const c of cases) first = Math.min(first, Number(c.start_date.slice(0, 4)));
    for (const key of texts.keys()) first = Math.min(first, Number(key.slice(0, 4)));
    const list = [];
    for (let y = Math.max(first, 2000); y <= thisYear; y += 1) list.push(y);
    return { status: 200, json: { years: list, default: thisYear - 1 } };
  }

  function handle(method, path, query, me, body) {
    if (path === '/api/v1/reports/years') return method === 'GET' ? years(me) : P.method();
    let m = /^\/api\/v1\/reports\/([^/]+)(?:\/texts\/([^/]+))?$/.exec(path);
    if (!m) return null;
    const year = /^\d{4}$/.test(m[1]) ? Number(m[1]) : NaN;
    const chapter = m[2] === undefined ? null : decodeURIComponent(m[2]);
    if (chapter === null) {
      if (method !== 'GET') return P.method();
      if (!me.roles.some((r) => READERS.includes(r))) return P.forbidden();
      if (!(year >= 2000 && year <= 2100)) return P.notFound();
      const format = query.get('format') ?? 'html';
      if (!['html', 'json', 'xlsx', 'pdf'].includes(format)) return P.invalid([fe('format', 'Kies html, json, xlsx of pdf.', 'must be html, json, xlsx or pdf')]);
      const date = query.get('reference_date') || `${year}-12-31`;
      const d = new Date(`${date}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
        return P.invalid([fe('reference_date', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD')]);
      }
      const report = assemble(me, year, date);
      const file = `activiteitenverslag-${year}`;
      if (format === 'json') return { status: 200, json: report };
      if (format === 'xlsx') return { status: 200, raw: EMPTY_XLSX, headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${file}.xlsx"` } };
      if (format === 'pdf') return { status: 200, raw: TINY_PDF, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file}.pdf"` } };
      return { status: 200, raw: html(report), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
    }
    if (method !== 'GET' && method !== 'PUT') return P.method();
    if (!me.roles.some((r) => (method === 'GET' ? READERS : WRITERS).includes(r))) return P.forbidden();
    if (!(year >= 2000 && year <= 2100) || !CHAPTERS.some(([k]) => k === chapter)) return P.notFound();
    const key = `${year}/${chapter}`;
    if (method === 'GET') return { status: 200, json: { year, chapter, body: texts.get(key) ?? null } };
    const text = body?.body;
    if (typeof text !== 'string') return P.invalid([fe('body', 'Dit veld is verplicht.', 'is required')]);
    if (text.length > 100_000) return P.invalid([fe('body', 'De tekst mag hoogstens 100000 tekens hebben.', 'must be at most 100000 characters')]);
    if (containsBsn(text)) return P.invalid([fe('body', 'Dit lijkt een burgerservicenummer (BSN); dat hoort niet in het verslag.', 'contains what looks like a BSN')]);
    const before = texts.get(key);
    // An empty text takes the chapter back to its placeholder.
    if (text === '') texts.delete(key);
    else texts.set(key, text);
    const action = text === '' ? 'delete' : before === undefined ? 'create' : 'update';
    log(me, action, 'report_text', key, before === undefined ? null : { body: before }, text === '' ? null : { body: text });
    return { status: 200, json: { year, chapter, body: text === '' ? null : text } };
  }

  return { handle };
}

function parseCookies(header) {
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function securityHeaders() {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
  };
}

/** Starts the mock; resolves to { url, close }. Port 0 picks a free port. */
export async function startMockServer({ port = 0, host = '127.0.0.1', webRoot = resolve(HERE, '../../web/dist'), ...opts } = {}) {
  const api = createMockApi(opts);
  const root = resolve(webRoot);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
      if (url.pathname === '/verslag.css') {
        res.writeHead(200, { ...securityHeaders(), 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
        return res.end(REPORT_CSS);
      }
      if (url.pathname.startsWith('/api/')) {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const bytes = Buffer.concat(chunks);
        // CSV imports, knowledge-base attachments and the logo arrive as the file itself, not JSON.
        const csv =
          (req.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv') ||
          /^\/api\/v1\/knowledge\/\d+\/attachments$/.test(url.pathname) ||
          url.pathname === '/api/v1/organisation/logo';
        let body;
        if (bytes.length && !csv) {
          if (bytes.length > 1024 * 1024) {
            return sendResult(res, { status: 413, problem: { type: 'urn:wijkkader:problem:payload-too-large', status: 413, title: 'De invoer is te groot.', detail: 'The body is too large.' } });
          }
          if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendResult(res, P.media());
          try {
            body = JSON.parse(bytes.toString('utf8'));
          } catch {
            return sendResult(res, P.badRequest('De JSON is ongeldig.', 'malformed JSON'));
          }
        }
        const headers = { ...req.headers, 'x-mock-remote': req.socket.remoteAddress ?? '' };
        const result = api.handle(req.method, url.pathname, url.searchParams, headers, body ?? {}, parseCookies(req.headers.cookie), bytes);
        return sendResult(res, result);
      }
      // Static files, with index.html for every other path (the SPA's own routes).
      let file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) file = join(root, 'index.html');
      let st = await stat(file).catch(() => null);
      if (!st || !st.isFile()) {
        file = join(root, 'index.html');
        st = await stat(file).catch(() => null);
      }
      if (!st) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('web/dist missing: run npm run build in web/');
      }
      const data = await readFile(file);
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(data);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  });

  function send(res, status, json, headers = {}) {
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(json));
  }
  function sendResult(res, r) {
    if (r.problem) {
      res.writeHead(r.status, { ...securityHeaders(), 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...(r.headers ?? {}) });
      return res.end(JSON.stringify(r.problem));
    }
    if (r.raw !== undefined) {
      res.writeHead(r.status, { ...securityHeaders(), 'Cache-Control': 'no-store', ...(r.headers ?? {}) });
      return res.end(r.raw);
    }
    if (r.status === 204) {
      res.writeHead(204, { ...securityHeaders(), ...(r.headers ?? {}) });
      return res.end();
    }
    return send(res, r.status, r.json, r.headers);
  }

  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
    /** The browser tests' way to fill the mock with many records: generateStories / generateCases / generateKnowledge / generateUsers(count, fields). */
    generateStories: api.generateStories,
    generateCases: api.generateCases,
    generateKnowledge: api.generateKnowledge,
    generateUsers: api.generateUsers,
  };
}

// Run directly: node tests/e2e/mock-server.mjs [--port N] [--web-root DIR]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const srv = await startMockServer({
    port: Number(arg('--port', '18090')),
    webRoot: arg('--web-root', resolve(HERE, '../../web/dist')),
    adminEmail: process.env.WIJKKADER_ADMIN_EMAIL ?? 'admin@test.example',
    adminPassword: process.env.WIJKKADER_ADMIN_PASSWORD ?? 'a-long-password-123',
  });
  console.log(`Wijkkader mock API on ${srv.url}`);
  process.on('SIGINT', () => srv.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => srv.close().then(() => process.exit(0)));
}
