// Test harness for the HTTP API tests (node --test tests/api/).
//
// Starts real `wijkkader serve` processes on a fresh database each, drives the CLI,
// and offers a small HTTP client with a cookie jar and the CSRF token. Node 20
// built-ins only.
//
// Environment:
//   WIJKKADER_BIN                 the server binary (default: build/wijkkader in the repo)
//   WIJKKADER_TEST_STORE          `sqlite` (default) or `postgres`
//   WIJKKADER_TEST_PG_ADMIN_URL   for `postgres`: URL of the `postgres` database of a
//                                 server where we may CREATE DATABASE (see
//                                 scripts/with-postgres.sh)
//   WIJKKADER_TEST_SQLITE_PREFIX  how a SQLite file path becomes a database URL
//                                 (default: none, the plain path; `sqlite:` also works)
//   WIJKKADER_TEST_VERBOSE=1      echo the servers' output while they run
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { it as nodeIt, test as nodeTest, before as nodeBefore, after as nodeAfter } from 'node:test';
import assert from 'node:assert/strict';
import { contract } from './contract.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(REPO_ROOT, process.env.WIJKKADER_BIN || 'build/wijkkader');
export const STORE = (process.env.WIJKKADER_TEST_STORE || 'sqlite').toLowerCase();
const PG_ADMIN_URL = process.env.WIJKKADER_TEST_PG_ADMIN_URL || '';
const SQLITE_PREFIX = process.env.WIJKKADER_TEST_SQLITE_PREFIX ?? '';
const VERBOSE = process.env.WIJKKADER_TEST_VERBOSE === '1';

if (STORE !== 'sqlite' && STORE !== 'postgres') {
  throw new Error(`WIJKKADER_TEST_STORE must be sqlite or postgres, not ${STORE}`);
}
if (STORE === 'postgres' && !PG_ADMIN_URL) {
  throw new Error('WIJKKADER_TEST_STORE=postgres needs WIJKKADER_TEST_PG_ADMIN_URL '
    + '(run the tests through scripts/with-postgres.sh)');
}

/** Why the suite cannot run at all (no binary), or false. Use as `{ skip: whyNot }` (not null: Node 20 half-skips on null). */
export const whyNot = fs.existsSync(BIN) ? false : `server binary ${BIN} not found (build it first)`;

export const DEMO_ORG_SLUG = 'smd';
export const DEMO_DISTRICTS = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West'];
/** A password that satisfies the rules (12–1024 characters). */
export const PASSWORD = 'correct horse battery staple';

// ---------------------------------------------------------------- temp files, ids

const tempDirs = [];
export function tempDir(label = 'tmp') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wijkkader-api-${label}-`));
  tempDirs.push(dir);
  return dir;
}

let uniqueCounter = 0;
/** A short string unique within this test process and across processes. */
export function unique(prefix = 'x') {
  uniqueCounter += 1;
  return `${prefix}${process.pid.toString(36)}${uniqueCounter}${Math.random().toString(36).slice(2, 6)}`;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- databases

export function sqliteUrl(file) {
  return SQLITE_PREFIX + path.resolve(file);
}

function psql(url, sql) {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
    encoding: 'utf8', timeout: 60_000,
  });
  if (r.status !== 0) {
    throw new Error(`psql ${sql} failed (${r.status}): ${r.stderr || r.error}`);
  }
  return r.stdout;
}

/** A URL for a brand-new, empty database of the configured store. */
export function newDatabaseUrl() {
  if (STORE === 'sqlite') {
    return sqliteUrl(path.join(tempDir('db'), 'wijkkader.db'));
  }
  const name = `wk_${process.pid}_${++uniqueCounter}_${Math.random().toString(36).slice(2, 8)}`;
  psql(PG_ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function sqlite3Available() {
  const r = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Why `execSql` cannot run (no `sqlite3` command-line shell for the SQLite store), or
 * false. Use as `{ skip: whyNoSql }` on the tests that need it.
 */
export const whyNoSql = STORE === 'sqlite' && !sqlite3Available()
  ? 'the sqlite3 command-line shell is not installed (needed to set dates the API does not let one set)'
  : false;

/**
 * Runs SQL on a test server's database behind the server's back, for what the API does
 * not let a test do (a review-by date in the past, views in an earlier month). The
 * server may be running: SQLite waits for its lock, PostgreSQL is a second session.
 * Returns the output (`|`-separated rows, no headers).
 */
export function execSql(databaseUrl, statement) {
  let r;
  if (STORE === 'sqlite') {
    const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
    r = spawnSync('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 10000', file, statement], { encoding: 'utf8', timeout: 60_000 });
  } else {
    r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', databaseUrl, '-c', statement], { encoding: 'utf8', timeout: 60_000 });
  }
  if (r.status !== 0) throw new Error(`SQL ${statement} failed (${r.status}): ${r.stderr || r.error}`);
  return r.stdout;
}

// ---------------------------------------------------------------- ports

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- servers

const servers = new Set();
let serverCounter = 0;

function tail(s, n = 4000) {
  return s.length > n ? `…${s.slice(-n)}` : s;
}

/** The recent output of every server this process started, for failure messages. */
export function serverLogs() {
  const parts = [];
  for (const s of servers) {
    parts.push(`--- ${s.label} (${s.url}, ${s.exited ? `exited ${s.exitDescription}` : 'running'}) ---\n${tail(s.output()) || '(no output)'}`);
  }
  return parts.slice(-4).join('\n');
}

// Never leave a server behind: on exit, and when the test process is interrupted.
function killAll() {
  for (const s of servers) {
    if (!s.exited) {
      try { s.proc.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }
}
process.on('exit', () => {
  killAll();
  for (const dir of tempDirs) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + os.constants.signals[signal]);
  });
}

async function waitReady(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new Error(`${server.label} exited (${server.exitDescription}) before it was ready:\n${tail(server.output())}`);
    }
    try {
      const r = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await sleep(100);
  }
  throw new Error(`${server.label} not ready after ${timeoutMs} ms (${last}):\n${tail(server.output())}`);
}

/**
 * Starts `wijkkader serve` on a free port and waits until GET /readyz answers 200.
 * options: demo (bool), databaseUrl (default: a new database), args (extra CLI
 * arguments), env (extra environment), timeoutMs (default 20000).
 * Returns {url, port, databaseUrl, proc, output(), stop(), kill9(), exited}.
 */
export async function startServer(options = {}) {
  const databaseUrl = options.databaseUrl || newDatabaseUrl();
  let lastError;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const args = ['serve', '--port', String(port), '--database', databaseUrl, '--bind', '127.0.0.1'];
    if (options.demo) args.push('--demo');
    if (options.args) args.push(...options.args);
    const chunks = [];
    const proc = spawn(BIN, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...(options.env || {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serverCounter += 1;
    const server = {
      label: `server #${serverCounter} [${args.join(' ')}]`,
      url: `http://127.0.0.1:${port}`,
      port,
      databaseUrl,
      proc,
      exited: false,
      exitDescription: '',
      output: () => chunks.join(''),
    };
    const exitPromise = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        server.exited = true;
        server.exitDescription = signal ? `signal ${signal}` : `code ${code}`;
        server.exitCode = code;
        server.exitSignal = signal;
        resolve();
      });
      proc.on('error', (e) => {
        chunks.push(`[spawn error] ${e.message}\n`);
        server.exited = true;
        server.exitDescription = `spawn error ${e.code}`;
        resolve();
      });
    });
    const collect = (stream) => (data) => {
      const s = data.toString('utf8');
      chunks.push(s);
      if (VERBOSE) process.stderr.write(`[${stream} :${port}] ${s}`);
    };
    proc.stdout.on('data', collect('out'));
    proc.stderr.on('data', collect('err'));
    server.waitExit = (ms = 15000) => {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${server.label} did not exit within ${ms} ms`)), ms);
      });
      return Promise.race([exitPromise, timeout]).finally(() => clearTimeout(timer));
    };
    server.stop = async () => {
      if (server.exited) return;
      proc.kill('SIGTERM');
      try {
        await server.waitExit(15000);
      } catch (e) {
        proc.kill('SIGKILL');
        await exitPromise;
        throw e;
      }
    };
    server.kill9 = async () => {
      if (server.exited) return;
      proc.kill('SIGKILL');
      await exitPromise;
    };
    servers.add(server);
    try {
      await waitReady(server, options.timeoutMs || 20000);
      return server;
    } catch (e) {
      lastError = e;
      await server.kill9();
      // Another process may have taken the port between our check and the bind.
      if (!/address already in use|EADDRINUSE|bind/i.test(server.output())) break;
    }
  }
  throw lastError;
}

// ---------------------------------------------------------------- CLI

/**
 * Runs the binary synchronously: cli(['org', 'add', ...], {stdin, allowFail}).
 * Returns {status, stdout, stderr, json}. Throws on a non-zero exit unless allowFail.
 */
export function cli(args, options = {}) {
  const r = spawnSync(BIN, args, {
    cwd: REPO_ROOT,
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs || 60_000,
    env: { ...process.env, ...(options.env || {}) },
  });
  let json;
  try { json = JSON.parse(r.stdout); } catch { json = undefined; }
  const result = { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, json };
  if (!options.allowFail && r.status !== 0) {
    throw new Error(`wijkkader ${args.join(' ')} failed (status ${r.status}, ${r.signal || r.error || ''}):\n${r.stderr}\n${r.stdout}`);
  }
  return result;
}

/** Like cli() but without blocking the event loop (servers keep being driven). */
export function cliAsync(args, options = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, args, { cwd: REPO_ROOT, env: { ...process.env, ...(options.env || {}) } });
    const out = [];
    const err = [];
    proc.stdout.on('data', (d) => out.push(d));
    proc.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), options.timeoutMs || 60_000);
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('close', (status, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      let json;
      try { json = JSON.parse(stdout); } catch { json = undefined; }
      if (!options.allowFail && status !== 0) {
        reject(new Error(`wijkkader ${args.join(' ')} failed (status ${status}, ${signal || ''}):\n${stderr}\n${stdout}`));
        return;
      }
      resolve({ status, signal, stdout, stderr, json });
    });
    proc.stdin.end(options.stdin ?? '');
  });
}

/** `wijkkader org add`; returns {id, slug}. */
export function addOrg(databaseUrl, { name, slug }) {
  const r = cli(['org', 'add', '--database', databaseUrl, '--name', name, '--slug', slug]);
  assert.ok(r.json && Number.isInteger(r.json.id), `org add should print {"id":N,...}, printed ${r.stdout}`);
  return r.json;
}

/**
 * `wijkkader user add`; returns the new user's id.
 * user: {email, name, roles: [..], teams: [team names], org (slug), password}
 */
export function addUser(databaseUrl, user) {
  const args = ['user', 'add', '--database', databaseUrl];
  if (user.org) args.push('--org', user.org);
  args.push('--email', user.email, '--name', user.name);
  for (const role of user.roles) args.push('--role', role);
  for (const team of user.teams || []) args.push('--team', team);
  args.push('--password-stdin');
  const r = cli(args, { stdin: `${user.password || PASSWORD}\n` });
  assert.ok(r.json && Number.isInteger(r.json.id), `user add should print {"id":N}, printed ${r.stdout}`);
  return r.json.id;
}

// ---------------------------------------------------------------- HTTP client

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An HTTP client with a cookie jar (wk_session) and the CSRF token of its session.
 * request options:
 *   csrf: true (default: send the token if we have one) | false (send none) |
 *         'wrong' (send a wrong token) | any other string (send that)
 *   raw: send `body` as is (string, Buffer) instead of JSON.stringify(body)
 *   contentType: the Content-Type to send (null: none); default application/json
 *   headers: extra request headers
 *   cookies: false to send no cookies
 */
export class Client {
  constructor(baseUrl) {
    this.baseUrl = typeof baseUrl === 'string' ? baseUrl : baseUrl.url;
    this.cookies = new Map();
    this.csrf = null;
    this.me = null;
  }

  storeCookies(headers) {
    const list = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
    for (const line of list) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v = ''] = a.split('=');
        const key = k.trim().toLowerCase();
        if (key === 'max-age') return Number(v.trim()) <= 0;
        if (key === 'expires') return Date.parse(v.trim()) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, urlPath, body, options = {}) {
    const headers = { ...(options.headers || {}) };
    if (options.cookies !== false && this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    const csrf = options.csrf ?? true;
    if (STATE_CHANGING.has(method) && csrf !== false) {
      if (csrf === 'wrong') headers['X-CSRF-Token'] = 'wrong-' + (this.csrf || 'token').split('').reverse().join('');
      else if (typeof csrf === 'string') headers['X-CSRF-Token'] = csrf;
      else if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
    }
    let payload;
    if (body !== undefined) {
      payload = options.raw ? body : JSON.stringify(body);
      const ct = options.contentType === undefined ? 'application/json' : options.contentType;
      if (ct !== null) headers['Content-Type'] = ct;
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType;
    }
    const res = await fetch(this.baseUrl + urlPath, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs || 30_000),
    });
    this.storeCookies(res.headers);
    const text = await res.text();
    let json;
    const contentType = res.headers.get('content-type') || '';
    if (text.length > 0) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    const answer = { status: res.status, headers: res.headers, contentType, json, text, method, path: urlPath };
    if (options.contract !== false) checkContract(answer);
    return answer;
  }

  get(p, options) { return this.request('GET', p, undefined, options); }
  post(p, body, options) { return this.request('POST', p, body, options); }
  patch(p, body, options) { return this.request('PATCH', p, body, options); }
  put(p, body, options) { return this.request('PUT', p, body, options); }
  del(p, body, options) { return this.request('DELETE', p, body, options); }

  /** POST /api/v1/session; on 200 keeps the csrf token and the user. Returns the answer. */
  async login(email, password = PASSWORD) {
    const r = await this.post('/api/v1/session', { email, password }, { csrf: false });
    if (r.status === 200 && r.json) {
      this.csrf = r.json.csrf_token ?? r.json.user?.csrf_token ?? null;
      this.me = r.json.user ?? null;
    }
    return r;
  }

  /** Logs in and fails the test unless that gives 200. */
  async loginOk(email, password = PASSWORD) {
    const r = await this.login(email, password);
    assert.equal(r.status, 200, `log-in of ${email} should succeed: ${show(r)}`);
    return this;
  }

  /** A new client on the same server with the same cookies and token. */
  clone() {
    const c = new Client(this.baseUrl);
    c.cookies = new Map(this.cookies);
    c.csrf = this.csrf;
    c.me = this.me;
    return c;
  }
}

/**
 * Every answer must match docs/openapi.json (tests/api/contract.mjs). WK_CONTRACT=collect
 * writes the violations to WK_CONTRACT_LOG instead of failing (to survey a change).
 */
export function checkContract(answer) {
  const violations = contract().violations(answer);
  if (violations.length === 0) return;
  if (process.env.WK_CONTRACT === 'collect') {
    fs.appendFileSync(process.env.WK_CONTRACT_LOG || '/tmp/wk-contract.log', violations.map((v) => v + '\n').join(''));
    return;
  }
  assert.fail(`the answer does not match docs/openapi.json:\n  ${violations.join('\n  ')}\n${show(answer)}`);
}

/** A one-line description of an answer for assertion messages. */
export function show(r) {
  const body = r.text && r.text.length > 600 ? `${r.text.slice(0, 600)}…` : r.text;
  return `${r.method || ''} ${r.path || ''} → ${r.status} ${r.contentType || ''} ${body || ''}`.trim();
}

/**
 * Low-level HTTP/1.1 request over a plain socket, for what fetch does not do well:
 * huge bodies that the server may refuse (and close on) before reading them, odd
 * paths sent byte for byte. Keeps whatever answer arrived even if sending failed.
 * Resolves with {status, headers (lower-case keys), text, json, contentType} or
 * {error} when no answer came. `Connection: close` is always sent; without a
 * Content-Length header the body goes chunked.
 */
export function rawRequest(baseUrl, { method = 'GET', path: p = '/', headers = {}, body, timeoutMs = 30_000 } = {}) {
  const url = new URL(typeof baseUrl === 'string' ? baseUrl : baseUrl.url);
  return new Promise((resolve) => {
    const received = [];
    let sendError = null;
    let settled = false;
    const socket = net.connect(Number(url.port), url.hostname);
    const finish = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseHttpResponse(Buffer.concat(received));
      if (!parsed) {
        resolve({ error: err || sendError || new Error('no answer'), method, path: p });
        return;
      }
      resolve({ ...parsed, method, path: p, sendError });
    };
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    socket.on('data', (d) => {
      received.push(d);
      const parsed = parseHttpResponse(Buffer.concat(received));
      if (parsed && parsed.complete) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e) => {
      if (received.length === 0) sendError = e;
      // Wait a moment: the answer may still be readable.
      setTimeout(() => finish(e), 50);
    });
    socket.on('connect', async () => {
      const buf = body === undefined ? null : (Buffer.isBuffer(body) ? body : Buffer.from(body));
      const h = { Host: `${url.hostname}:${url.port}`, Connection: 'close', ...headers };
      const hasLength = Object.keys(h).some((k) => k.toLowerCase() === 'content-length');
      const chunked = buf !== null && !hasLength;
      if (chunked) h['Transfer-Encoding'] = 'chunked';
      const head = `${method} ${p} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
      const write = (data) => new Promise((res) => {
        if (socket.destroyed) { res(false); return; }
        socket.write(data, (err) => res(!err));
      });
      if (!(await write(head)) || buf === null) return;
      // Like a careful client (curl with Expect: 100-continue): give the server a moment
      // to refuse on the head alone, and stop sending as soon as an answer arrives, so
      // that the answer is not lost when the server closes the connection.
      await sleep(100);
      const piece = 64 * 1024;
      for (let off = 0; off < buf.length; off += piece) {
        if (received.length > 0 || socket.destroyed) return;
        const chunk = buf.subarray(off, off + piece);
        const data = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        if (!(await write(data))) return;
        await new Promise((res) => setImmediate(res));
      }
      if (chunked && received.length === 0) await write('0\r\n\r\n');
    });
  });
}

/** Parses a (possibly partial) HTTP/1.1 answer; null if not even the head arrived. */
function parseHttpResponse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) return null;
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const k = line.slice(0, i).trim().toLowerCase();
      const v = line.slice(i + 1).trim();
      headers[k] = headers[k] ? `${headers[k]}, ${v}` : v;
    }
  }
  let rest = buf.subarray(end + 4);
  let complete = false;
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    let off = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', off);
      if (eol < 0) break;
      const size = parseInt(rest.subarray(off, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) { complete = true; break; }
      if (rest.length < eol + 2 + size) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      off = eol + 2 + size + 2;
    }
    rest = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    complete = rest.length >= n;
    rest = rest.subarray(0, n);
  }
  const text = rest.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const status = Number(m[1]);
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    try { h.set(k, v); } catch { /* odd header */ }
  }
  return { status, headers: h, rawHeaders: headers, body: rest, text, json, contentType: headers['content-type'] || '', complete };
}

// ---------------------------------------------------------------- assertions

/** Asserts an RFC 9457 problem answer with the given status (and type suffix). */
export function assertProblem(r, status, typeSuffix, context = '') {
  const where = `${context ? `${context}: ` : ''}${show(r)}`;
  assert.equal(r.status, status, `expected ${status}; ${where}`);
  assert.match(r.contentType, /^application\/problem\+json/, `content-type should be application/problem+json; ${where}`);
  assert.ok(r.json && typeof r.json === 'object', `problem body should be a JSON object; ${where}`);
  assert.equal(typeof r.json.type, 'string', `problem.type should be a string; ${where}`);
  assert.equal(typeof r.json.title, 'string', `problem.title should be a string; ${where}`);
  assert.ok(r.json.title.length > 0, `problem.title should not be empty; ${where}`);
  assert.equal(r.json.status, status, `problem.status should be ${status}; ${where}`);
  assert.equal(typeof r.json.detail, 'string', `problem.detail should be a string; ${where}`);
  assert.ok(r.json.detail.length > 0, `problem.detail should not be empty; ${where}`);
  if (typeSuffix) {
    const suffixes = Array.isArray(typeSuffix) ? typeSuffix : [typeSuffix];
    assert.ok(suffixes.some((s) => r.json.type === `urn:wijkkader:problem:${s}`),
      `problem.type should be urn:wijkkader:problem:${suffixes.join('|')}; ${where}`);
  }
  return r.json;
}

/** Asserts a 422 validation problem that names each of `fields` in `errors`. */
export function assertValidation(r, fields = [], context = '') {
  const p = assertProblem(r, 422, 'validation', context);
  const where = `${context ? `${context}: ` : ''}${show(r)}`;
  assert.ok(Array.isArray(p.errors) && p.errors.length > 0, `a validation problem should list errors; ${where}`);
  for (const e of p.errors) {
    assert.equal(typeof e.field, 'string', `each error should have a field; ${where}`);
    assert.equal(typeof e.title, 'string', `each error should have a Dutch title; ${where}`);
    assert.equal(typeof e.detail, 'string', `each error should have an English detail; ${where}`);
  }
  for (const f of fields) {
    assert.ok(p.errors.some((e) => e.field === f || e.field.startsWith(`${f}[`) || e.field.startsWith(`${f}.`)),
      `errors should name the field ${f}; ${where}`);
  }
  return p;
}

/** Asserts status and returns the JSON body. */
export function expectStatus(r, status, context = '') {
  assert.equal(r.status, status, `${context ? `${context}: ` : ''}expected ${status}; ${show(r)}`);
  return r.json;
}

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// ---------------------------------------------------------------- access matrices

/** The problem type each refusal status must carry. */
export const PROBLEM_TYPE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 422: 'validation' };

/**
 * Checks one row of an access matrix written as data and returns its violations (empty
 * when the row holds). Every caller in ctx.keys sends the row's request and must get
 * the expected status; a refusal must be problem+json of the status's type; a record
 * of another organisation must look exactly like a missing one; and a refused
 * state-changing request must change nothing (ctx.snapshot() before and after).
 *
 * row: {ep, target,
 *       req(key, prepared) → [method, path, body],
 *       expect(key) → a status or a list of acceptable statuses,
 *       prepare?(key) → a value for req (e.g. a fresh record; state is snapshot after it),
 *       checkAfter?(key, prepared, answer) → a violation text or null,
 *       otherOrg?(key) → true when the target belongs to another organisation than the caller}
 * ctx: {keys, clients (key → Client), label(key) → how to name the caller,
 *       snapshot?() → everything a refused request could have touched,
 *       today?() → the server's date (UTC); snapshots taken on both sides of midnight are
 *                  not compared, as answers derive from it ("due in N days"),
 *       foreign?(key, row) → as row.otherOrg, for rows without one,
 *       missing(path, row) → the same path with the record's id replaced by one that does not exist}
 */
export async function accessRowViolations(row, ctx) {
  const failures = [];
  const stateChanging = row.req(ctx.keys[0], 1)[0] !== 'GET';
  const snapshot = stateChanging && ctx.snapshot ? ctx.snapshot : null;
  const today = ctx.today ?? (() => new Date().toISOString().slice(0, 10));
  let day0 = today(); // the date before s0 was taken
  let s0 = snapshot ? await snapshot() : null;
  for (const key of ctx.keys) {
    const prepared = row.prepare ? await row.prepare(key) : undefined;
    if (row.prepare && snapshot) {
      day0 = today();
      s0 = await snapshot();
    }
    const [method, p, body] = row.req(key, prepared);
    const want = row.expect(key);
    const r = await ctx.clients[key].request(method, p, body);
    const ok = Array.isArray(want) ? want.includes(r.status) : r.status === want;
    const who = `${row.ep} as ${ctx.label(key)} on ${row.target}`;
    if (!ok) failures.push(`${who}: expected ${want}, got ${show(r).slice(0, 400)}`);
    if (r.status >= 400) {
      if (!/^application\/problem\+json/.test(r.contentType)) failures.push(`${who}: ${r.status} is not problem+json`);
      const type = PROBLEM_TYPE[r.status];
      if (type && r.json?.type !== `urn:wijkkader:problem:${type}`) failures.push(`${who}: type should be ${type}: ${show(r).slice(0, 300)}`);
    }
    if (row.checkAfter) {
      const problem = await row.checkAfter(key, prepared, r);
      if (problem) failures.push(`${who}: ${problem}`);
    }
    const foreign = row.otherOrg ? row.otherOrg(key) : Boolean(ctx.foreign?.(key, row));
    if (foreign && r.status >= 400) {
      const missing = await ctx.clients[key].request(method, ctx.missing(p, row), body);
      if (missing.status !== r.status || missing.json?.type !== r.json?.type || missing.json?.title !== r.json?.title) {
        failures.push(`${who}: another organisation's record (${r.status} ${r.json?.type} "${r.json?.title}") must look like a missing one (${missing.status} ${missing.json?.type} "${missing.json?.title}")`);
      }
    }
    if (snapshot) {
      const day1 = today();
      const s1 = await snapshot();
      if (r.status >= 400 && today() === day0) {
        try { assert.deepEqual(s1, s0); } catch { failures.push(`${who}: the refused request (${r.status}) changed something`); }
      }
      s0 = s1;
      day0 = day1;
    }
  }
  return failures;
}

// ---------------------------------------------------------------- test wrappers

function wrap(fn) {
  if (typeof fn !== 'function') return fn;
  return async function wrapped(...args) {
    try {
      return await fn.apply(this, args);
    } catch (e) {
      const logs = serverLogs();
      if (logs && e && typeof e === 'object' && !e.serverLogsAttached) {
        try {
          e.message = `${e.message}\n\n${logs}`;
          e.serverLogsAttached = true;
        } catch { /* read-only message */ }
      }
      throw e;
    }
  };
}

function wrapArgs(args) {
  return args.map((a) => (typeof a === 'function' ? wrap(a) : a));
}

/** node:test's `it`/`test`, adding the servers' output to the message of a failure. */
export function it(...args) { return nodeIt(...wrapArgs(args)); }
export function test(...args) { return nodeTest(...wrapArgs(args)); }
export function before(...args) { return nodeBefore(...wrapArgs(args)); }
export function after(...args) { return nodeAfter(...wrapArgs(args)); }
it.skip = (...args) => nodeIt.skip(...args);
it.todo = (...args) => nodeIt.todo(...args);
it.only = (...args) => nodeIt.only(...wrapArgs(args));
