// Shared by the soak checks (scripts/soak.sh, docs/operations.md "Soak test"): the
// verdict lines, sizes from the environment, a keep-alive HTTP/1.1 client over a plain
// socket that knows whether a request was fully sent, a pool of writers that create
// stories, and SQL behind the server's back. Servers, the CLI and log-in come from
// tests/api/harness.mjs (started with WIJKKADER_BIN, on WIJKKADER_TEST_STORE).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  addUser, Client, DEMO_ORG_SLUG, sleep, STORE,
} from '../api/harness.mjs';

export {
  addUser, BIN, Client, cliAsync, DEMO_ORG_SLUG, PASSWORD, sleep, sqliteUrl, startServer, STORE, tempDir,
} from '../api/harness.mjs';

// ---------------------------------------------------------------- sizes

function envInt(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not ${v}`);
  return n;
}

/** Every size the checks use; each can be set in the environment (docs/operations.md). */
export const SIZES = {
  rounds: envInt('SOAK_ROUNDS', 5), // kill -9 rounds
  sigtermRounds: envInt('SOAK_SIGTERM_ROUNDS', 5),
  writers: envInt('SOAK_WRITERS', 64), // keep-alive connections writing at once
  // The writers connect from this many loopback addresses (127.0.1.1, 127.0.1.2, …), so
  // that a per-address connection cap is not what they measure (the idle flood is).
  writerAddresses: Math.max(1, envInt('SOAK_WRITER_ADDRESSES', 8)),
  writeSeconds: envInt('SOAK_WRITE_SECONDS', 8), // load before the kill, SIGTERM, backup, restart
  idleConnections: envInt('SOAK_IDLE_CONNECTIONS', 1024),
  answerWithinMs: envInt('SOAK_ANSWER_WITHIN_MS', 2000), // the idle flood's bound
  recoverSeconds: envInt('SOAK_PG_RECOVER_SECONDS', 10), // after a PostgreSQL restart
};

// ---------------------------------------------------------------- verdicts

const fmt = new Intl.NumberFormat('en-US');
/** 12345 → "12,345". */
export const n = (x) => fmt.format(x);
/** milliseconds → "3.1 s" or "250 ms". */
export const dur = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const median = (xs) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Map of status → count as "201 × 1,234, 503 × 2". */
export const statusList = (counts) => [...counts].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([s, c]) => `${s} × ${n(c)}`).join(', ') || 'none';

let failures = 0;
let verdicts = 0;

/**
 * Prints one verdict line, `PASS kill-9 sqlite: figures` or `FAIL …`, and optional detail
 * lines indented below it (examples of what went wrong).
 */
export function verdict(ok, check, figures, details = []) {
  verdicts += 1;
  if (!ok) failures += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${check} ${STORE}: ${figures}`);
  for (const d of details.slice(0, 8)) console.log(`       ${String(d).replace(/\s+/g, ' ').slice(0, 400)}`);
}

/** A check that does not apply to this store: `SKIP check store: why` (not a failure). */
export function skip(check, why) {
  verdicts += 1;
  console.log(`SKIP ${check} ${STORE}: ${why}`);
}

/**
 * Runs a check script's body; an exception becomes a FAIL line with its message. Exits
 * 0 when every verdict passed, 1 otherwise (2 when the body printed no verdict).
 */
export async function main(check, body) {
  let code;
  try {
    await body();
    code = failures > 0 ? 1 : 0;
    if (verdicts === 0) {
      console.log(`FAIL ${check} ${STORE}: no verdict (the check ended without reporting)`);
      code = 2;
    }
  } catch (e) {
    verdict(false, check, `error: ${e?.message?.split('\n')[0] ?? e}`,
      (e?.message ?? '').split('\n').slice(1).filter((l) => l.trim()).slice(-6));
    code = 1;
  }
  // The harness kills every server it started and removes its folders on exit.
  process.exit(code);
}

// ---------------------------------------------------------------- HTTP over a socket

const EMPTY = Buffer.alloc(0);

/**
 * Parses one HTTP/1.1 answer at the start of buf. Returns null while incomplete, else
 * {status, headers (lower-case keys), body, rest (the bytes after it)}.
 */
function parseAnswer(buf, head = false) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) return { status: 0, headers: {}, body: buf, rest: EMPTY, garbage: true };
  const status = Number(m[1]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const k = line.slice(0, i).trim().toLowerCase();
      const v = line.slice(i + 1).trim();
      headers[k] = headers[k] !== undefined ? `${headers[k]}, ${v}` : v;
    }
  }
  const start = end + 4;
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
    return { status, headers, body: EMPTY, rest: buf.subarray(start) };
  }
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    let off = start;
    for (;;) {
      const eol = buf.indexOf('\r\n', off);
      if (eol < 0) return null;
      const size = parseInt(buf.subarray(off, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) return null;
      if (size === 0) {
        const fin = buf.indexOf('\r\n\r\n', eol);
        if (fin < 0) return null;
        return { status, headers, body: Buffer.concat(parts), rest: buf.subarray(fin + 4) };
      }
      if (buf.length < eol + 2 + size + 2) return null;
      parts.push(buf.subarray(eol + 2, eol + 2 + size));
      off = eol + 2 + size + 2;
    }
  }
  if (headers['content-length'] !== undefined) {
    const len = Number(headers['content-length']);
    if (buf.length < start + len) return null;
    return { status, headers, body: buf.subarray(start, start + len), rest: buf.subarray(start + len) };
  }
  return null; // body until close: complete only at EOF (see HttpConn.fail)
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time. request() resolves with
 * {status, headers, text, json, ms, reused} when an answer came, or with
 * {error, sent, reused, ms} when none did: `sent` is true once every byte of the request
 * was handed to the kernel (the server may have it), false when the connection could
 * not be made or was seen closed before the request went out. `reused`: the request went
 * over a connection that had already carried an answer (kept alive).
 */
export class HttpConn {
  constructor(port, { host = '127.0.0.1', localAddress } = {}) {
    this.port = port;
    this.host = host;
    this.localAddress = localAddress;
    this.socket = null;
    this.closed = true;
    this.buf = EMPTY;
    this.pending = null;
    this.answers = 0;
  }

  open(timeoutMs = 5000) {
    return new Promise((resolve) => {
      const s = net.connect({ port: this.port, host: this.host, localAddress: this.localAddress });
      const timer = setTimeout(() => { s.destroy(); resolve(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })); }, timeoutMs);
      const onError = (e) => { clearTimeout(timer); s.destroy(); resolve(e); };
      s.once('error', onError);
      s.once('connect', () => {
        clearTimeout(timer);
        s.off('error', onError);
        s.setNoDelay(true);
        this.socket = s;
        this.closed = false;
        this.buf = EMPTY;
        this.answers = 0;
        // Events of a socket this connection has since replaced are ignored.
        const mine = (fn) => (...args) => { if (this.socket === s) fn(...args); };
        s.on('data', mine((d) => this.onData(d)));
        s.on('end', mine(() => { this.closed = true; this.fail('EOF'); }));
        s.on('error', mine((e) => { this.closed = true; this.fail(e.code || e.message); }));
        s.on('close', mine(() => { this.closed = true; this.fail('closed'); }));
        resolve(null);
      });
    });
  }

  onData(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    const p = this.pending;
    if (!p) return;
    const a = parseAnswer(this.buf, p.head);
    if (!a) return;
    this.pending = null;
    clearTimeout(p.timer);
    this.buf = a.rest;
    this.answers += 1;
    if (/close/i.test(a.headers.connection || '') || a.garbage) {
      this.closed = true;
      this.socket.end();
    }
    const text = a.body.toString('utf8');
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    p.resolve({
      status: a.status, headers: a.headers, text, json, contentType: a.headers['content-type'] || '',
      ms: performance.now() - p.started, reused: p.reused, sent: true,
    });
  }

  fail(code) {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    // An answer without a length ends at EOF.
    const a = this.buf.length ? parseAnswer(Buffer.concat([this.buf, Buffer.from('\r\n\r\n')])) : null;
    if (a && a.status && a.headers['content-length'] === undefined && !/chunked/i.test(a.headers['transfer-encoding'] || '')) {
      const text = this.buf.subarray(this.buf.indexOf('\r\n\r\n') + 4).toString('utf8');
      p.resolve({ status: a.status, headers: a.headers, text, json: undefined, contentType: a.headers['content-type'] || '', ms: performance.now() - p.started, reused: p.reused, sent: true });
      return;
    }
    p.resolve({ error: code, sent: p.sent, reused: p.reused, partial: this.buf.length > 0, ms: performance.now() - p.started });
  }

  /** Sends bytes as they are and waits for one answer. */
  async exchange(bytes, { timeoutMs = 20_000, head = false } = {}) {
    let reused = true;
    const started = performance.now(); // ms counts the connect too
    if (this.closed || !this.socket) {
      if (this.socket) this.socket.destroy();
      const err = await this.open(Math.min(timeoutMs, 5000));
      reused = false;
      if (err) return { error: err.code || err.message, sent: false, connectError: true, reused, ms: performance.now() - started };
    }
    return new Promise((resolve) => {
      const p = { resolve, sent: false, reused, head, started };
      p.timer = setTimeout(() => {
        this.fail('timeout');
        this.closed = true;
        this.socket.destroy();
      }, timeoutMs);
      this.pending = p;
      this.socket.write(bytes, (err) => { if (!err) p.sent = true; });
    });
  }

  /** request({method, path, headers, body (object → JSON, string, Buffer), timeoutMs}). */
  request({ method = 'GET', path: p = '/', headers = {}, body, timeoutMs } = {}) {
    let payload = null;
    const h = { Host: `${this.host}:${this.port}`, ...headers };
    if (body !== undefined) {
      payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
      h['Content-Length'] = String(payload.length);
    }
    const head = `${method} ${p} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    const bytes = payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : Buffer.from(head, 'latin1');
    return this.exchange(bytes, { timeoutMs, head: method === 'HEAD' });
  }

  close() {
    this.closed = true;
    this.socket?.destroy();
  }
}

/** One request on a fresh connection, closed afterwards. */
export async function once(port, spec, { localAddress, host } = {}) {
  const c = new HttpConn(port, { localAddress, host });
  try {
    return await c.request({ ...spec, headers: { Connection: 'close', ...(spec.headers || {}) } });
  } finally {
    c.close();
  }
}

/** Exact bytes on a fresh connection; the answer or {error}. */
export async function rawOnce(port, bytes, { timeoutMs = 5000, localAddress } = {}) {
  const c = new HttpConn(port, { localAddress });
  try {
    return await c.exchange(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'), { timeoutMs });
  } finally {
    c.close();
  }
}

/** A short description of an answer for detail lines. */
export function showAnswer(r) {
  if (!r) return 'nothing';
  if (r.error) return `no answer (${r.error}${r.sent ? ', request sent' : ', not sent'}${r.reused ? ', kept-alive connection' : ''})`;
  return `${r.status} ${r.contentType} ${(r.text || '').slice(0, 200)}`.trim();
}

// ---------------------------------------------------------------- the organisation

/**
 * A server's coach with a session: {email, cookie, csrf, topicId, valuationId}. The
 * server must run with --demo (or on a database made with it).
 */
export async function coachSession(server, email = 'soak-coach@example.org', { create = true } = {}) {
  if (create) addUser(server.databaseUrl, { email, name: 'Soak Coach', roles: ['coach'], org: DEMO_ORG_SLUG });
  return logIn(server, email);
}

/** Logs the coach in (again) on a (new) server; the story form's first topic and valuation. */
export async function logIn(server, email) {
  const c = new Client(server);
  const r = await c.login(email);
  if (r.status !== 200) throw new Error(`log-in of ${email} gave ${r.status}: ${r.text.slice(0, 300)}`);
  const form = await c.get(`/api/v1/public/${DEMO_ORG_SLUG}/form`);
  if (form.status !== 200) throw new Error(`GET the public form gave ${form.status}`);
  return {
    email, cookie: c.cookieHeader(), csrf: c.csrf,
    topicId: form.json.topics[0].id, valuationId: form.json.valuations[0].id,
  };
}

/** POST /api/v1/stories of a story titled `key`. */
export function storyRequest(session, key) {
  return {
    method: 'POST',
    path: '/api/v1/stories',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
    body: {
      title: key, text: 'Een verhaal uit de duurtest: wat er in de wijk gebeurde.', date: '2024-05-01',
      teller_kind: 'medewerker', topic_id: session.topicId, valuation_id: session.valuationId,
    },
  };
}

// ---------------------------------------------------------------- writers

/**
 * Starts `count` writers, each on its own keep-alive connection to `port` (from
 * SIZES.writerAddresses loopback addresses, in turn), each creating
 * stories titled `${tag}-${lane}-${seq}` one after the other until stopped. A 201 is an
 * acknowledged write. Returns {stats, stop(graceMs), done}; stats:
 *   acked: Set of acknowledged titles, sent: Set of titles whose request went out
 *   (acknowledged or not), attempted: every title tried, statuses: Map status → count, unanswered: [{key, error,
 *   reused, at}] (sent, no answer), notSent (could not send), samples of odd answers,
 *   events: [{at, status|error}] when `timeline` is set.
 * With stopOnRefused a writer ends once a connection is refused (the listener is gone).
 */
export function startWriters({
  port, count, session, tag, stopOnRefused = false, timeline = false, timeoutMs = 30_000,
}) {
  const stats = {
    acked: new Set(), sent: new Set(), attempted: new Set(), statuses: new Map(), unanswered: [], notSent: 0, samples: [], events: [],
    startedAt: performance.now(),
  };
  let stopped = false;
  const conns = [];
  const lane = async (i) => {
    const conn = new HttpConn(port, { localAddress: `127.0.1.${(i % SIZES.writerAddresses) + 1}` });
    conns.push(conn);
    let seq = 0;
    while (!stopped) {
      const key = `${tag}-${i}-${++seq}`;
      stats.attempted.add(key);
      const r = await conn.request({ ...storyRequest(session, key), timeoutMs });
      const at = performance.now();
      if (r.status) {
        stats.sent.add(key);
        stats.statuses.set(r.status, (stats.statuses.get(r.status) || 0) + 1);
        if (r.status === 201) stats.acked.add(key);
        else if (stats.samples.length < 20) stats.samples.push(`${key}: ${showAnswer(r)}`);
        if (timeline) stats.events.push({ at, status: r.status, key });
      } else if (r.sent) {
        stats.sent.add(key);
        stats.unanswered.push({ key, error: r.error, reused: r.reused, at });
        if (timeline) stats.events.push({ at, error: r.error, key });
      } else {
        stats.notSent += 1;
        if (r.connectError && stopOnRefused) break;
        if (!stopped) await sleep(20);
      }
    }
    conn.close();
  };
  const lanes = Array.from({ length: count }, (_, i) => lane(i));
  const done = Promise.all(lanes);
  return {
    stats,
    done,
    /** Ends every writer after its request in flight (cut off after `graceMs`). */
    stop: async (graceMs = 30_000) => {
      stopped = true;
      let timer;
      await Promise.race([done, new Promise((res) => { timer = setTimeout(res, graceMs); })]);
      clearTimeout(timer);
      for (const c of conns) if (c.pending) c.close();
      await done;
    },
  };
}

/** Waits until `ms` have passed or `cond()` holds, polling. */
export async function waitFor(cond, ms, step = 20) {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (cond()) return true;
    await sleep(step);
  }
  return cond();
}

// ---------------------------------------------------------------- SQL behind the server's back

/** The SQLite file of a database URL (as the harness makes them). */
export function sqliteFile(databaseUrl) {
  return databaseUrl.replace(/^sqlite:(\/\/)?/, '');
}

/** Runs one SQL statement with the store's shell; returns the output lines. */
export function sqlLines(databaseUrl, statement) {
  const r = STORE === 'sqlite'
    ? spawnSync('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 20000', sqliteFile(databaseUrl), statement], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 })
    : spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', databaseUrl, '-c', statement], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`SQL ${statement} failed (${r.status}): ${r.stderr || r.error}`);
  return r.stdout.split('\n').filter((l) => l.length > 0);
}

/**
 * Compares acknowledged titles with the stories in the database whose title starts with
 * `prefix`: {present (Map title → rows), missing: [titles], duplicated: [titles],
 * unknown: [titles in the database that were never tried]}.
 */
export function compareWithDatabase(databaseUrl, prefix, acked, attempted = null) {
  const rows = sqlLines(databaseUrl, `SELECT title FROM stories WHERE title LIKE '${prefix.replace(/'/g, "''")}%'`);
  const present = new Map();
  for (const t of rows) present.set(t, (present.get(t) || 0) + 1);
  const missing = [...acked].filter((k) => !present.has(k));
  const duplicated = [...present].filter(([, c]) => c > 1).map(([k]) => k);
  const unknown = attempted ? [...present.keys()].filter((k) => !attempted.has(k)) : [];
  return { present, rows: rows.length, missing, duplicated, unknown };
}

// ---------------------------------------------------------------- PostgreSQL tools

/** The newest PostgreSQL's bin folder, as scripts/with-postgres.sh picks it. */
export function pgBin() {
  if (process.env.SOAK_PG_BIN) return process.env.SOAK_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) throw new Error('no PostgreSQL in /usr/lib/postgresql/*/bin');
  return path.join(root, versions.at(-1), 'bin');
}

/** Runs a command without blocking the event loop: {status, stdout, stderr, ms}. */
export function run(cmd, args, { timeoutMs = 120_000, env } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const p = spawn(cmd, args, { env: { ...process.env, ...(env || {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => { clearTimeout(timer); resolve({ status: -1, stdout: '', stderr: String(e), ms: performance.now() - started }); });
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
  });
}

export { performance };
