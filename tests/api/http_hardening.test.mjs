// The HTTP layer under an attacker's and an operator's hands (issue 15): strict message
// framing (RFC 9112), client addresses behind a proxy that the client cannot forge,
// connection caps per address with a reserve for the probe and log-in, a web root that
// holds nothing but the web app, and SIGTERM that answers every request it has read.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  it, before, after, whyNot, startServer, addUser, Client, DEMO_ORG_SLUG, PASSWORD, BIN, REPO_ROOT,
  expectStatus, assertProblem, show, tempDir, sleep, newDatabaseUrl, STORE,
} from './harness.mjs';

/** Sends `raw` bytes on a fresh connection and returns the status line's code (or null). */
function rawExchange(server, raw, { localAddress, timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ port: server.port, host: '127.0.0.1', localAddress });
    const received = [];
    const done = (error) => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, error });
    };
    const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
    socket.on('connect', () => socket.write(raw));
    socket.on('data', (d) => received.push(d));
    socket.on('end', () => done());
    socket.on('error', (e) => done(e));
  });
}

/** Opens a connection and keeps it idle; resolves once connected (or refused). */
function idleConnection(server, localAddress) {
  return new Promise((resolve) => {
    const socket = net.connect({ port: server.port, host: '127.0.0.1', localAddress });
    socket.on('connect', () => resolve(socket));
    socket.on('error', () => resolve(socket));
  });
}

/** Whether the server closed `socket` (reads EOF or a reset) within `ms`. */
function closedWithin(socket, ms) {
  return new Promise((resolve) => {
    if (socket.destroyed) { resolve(true); return; }
    const timer = setTimeout(() => resolve(false), ms);
    const yes = () => { clearTimeout(timer); resolve(true); };
    socket.once('end', yes);
    socket.once('close', yes);
    socket.once('error', yes);
  });
}

const loginBody = JSON.stringify({ email: 'nobody@example.org', password: 'x' });

describe('HTTP hardening', { skip: whyNot }, () => {
  describe('message framing (RFC 9112)', () => {
    let server;
    before(async () => { server = await startServer({ demo: true }); });
    after(async () => { await server?.stop(); });

    const post = (headers, body) => `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
    const chunk = (s) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n0\r\n\r\n`;

    it('reads a plain chunked body (the sanity check)', async () => {
      const r = await rawExchange(server, post('Transfer-Encoding: chunked\r\nConnection: close\r\n', chunk(loginBody)));
      assert.equal(r.status, 401, r.text);
    });

    it('refuses Transfer-Encoding: xchunked beside a Content-Length with 400', async () => {
      const r = await rawExchange(server, post(`Transfer-Encoding: xchunked\r\nContent-Length: ${loginBody.length}\r\n`, loginBody));
      assert.equal(r.status, 400, r.text);
    });

    it('refuses chunked beside a Content-Length with 400 (two framings that disagree)', async () => {
      const body = chunk(loginBody);
      const r = await rawExchange(server, post(`Transfer-Encoding: chunked\r\nContent-Length: ${body.length}\r\n`, body));
      assert.equal(r.status, 400, r.text);
    });

    it('refuses a coding it does not know (gzip, chunked) with 501 instead of ignoring the gzip', async () => {
      const r = await rawExchange(server, post('Transfer-Encoding: gzip, chunked\r\n', chunk(loginBody)));
      assert.equal(r.status, 501, r.text);
      assert.match(r.text, /application\/problem\+json/);
    });

    it('refuses two Transfer-Encoding headers and one that is not chunked', async () => {
      for (const te of ['Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', 'Transfer-Encoding: identity\r\n', 'Transfer-Encoding: chunked, identity\r\n']) {
        const r = await rawExchange(server, post(te, chunk(loginBody)));
        assert.equal(r.status, 400, `${JSON.stringify(te)}: ${r.text}`);
      }
    });

    it('refuses obs-folded header lines (space or tab) with 400', async () => {
      for (const fold of [' ', '\t']) {
        const raw = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n${fold}two\r\nConnection: close\r\n\r\n`;
        const r = await rawExchange(server, raw);
        assert.equal(r.status, 400, r.text);
      }
      const ok = await rawExchange(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: one two\r\nConnection: close\r\n\r\n');
      assert.equal(ok.status, 200, ok.text);
    });

    it('still answers after all of that', async () => {
      expectStatus(await new Client(server).get('/healthz'), 200);
    });
  });

  describe('client addresses behind a trusted proxy', () => {
    let server;
    before(async () => {
      server = await startServer({ demo: true, args: ['--trusted-proxies', '127.0.0.1/32,10.0.0.0/8'] });
      addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'proxy-admin@example.org', name: 'Beheer Proxy', roles: ['admin'] });
    });
    after(async () => { await server?.stop(); });

    async function loginAddress(xff) {
      const c = new Client(server);
      const r = await c.request('POST', '/api/v1/session', { email: 'proxy-admin@example.org', password: PASSWORD }, { headers: { 'X-Forwarded-For': xff } });
      expectStatus(r, 200, 'log-in');
      const audit = expectStatus(await c.get('/api/v1/audit?entity=session&limit=5'), 200);
      return audit.items.find((e) => e.action === 'login')?.after?.address;
    }

    it('takes the right-most address that is not a trusted proxy, not what the client wrote', async () => {
      assert.equal(await loginAddress('6.6.6.6, 203.0.113.7'), '203.0.113.7');
      assert.equal(await loginAddress('6.6.6.6, 203.0.113.8, 10.1.2.3'), '203.0.113.8');
      assert.equal(await loginAddress('203.0.113.9'), '203.0.113.9');
    });

    it('the public form\'s limit of 5 an hour holds when the client rotates the left-most entry', async () => {
      const statuses = [];
      for (let i = 0; i < 7; i += 1) {
        const r = await new Client(server).request('POST', `/api/v1/public/${DEMO_ORG_SLUG}/stories`,
          { title: `Via de proxy ${i}`, text: 'Een verhaal dat door een proxy komt.' },
          { headers: { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.50` } });
        statuses.push(r.status);
      }
      assert.deepEqual(statuses.slice(0, 5).every((s) => s === 202 || s === 201), true, `first five accepted: ${statuses}`);
      assert.deepEqual(statuses.slice(5), [429, 429], `then refused: ${statuses}`);
    });
  });

  describe('a server that trusts no proxy', () => {
    let server;
    before(async () => {
      server = await startServer({ demo: true });
      addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'noproxy-admin@example.org', name: 'Beheer', roles: ['admin'] });
    });
    after(async () => { await server?.stop(); });

    it('ignores X-Forwarded-For and X-Forwarded-Proto', async () => {
      const c = new Client(server);
      const r = await c.request('POST', '/api/v1/session', { email: 'noproxy-admin@example.org', password: PASSWORD },
        { headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' } });
      expectStatus(r, 200);
      assert.doesNotMatch(r.headers.get('set-cookie') || '', /Secure/);
      const audit = expectStatus(await c.get('/api/v1/audit?entity=session&limit=5'), 200);
      assert.equal(audit.items.find((e) => e.action === 'login')?.after?.address, '127.0.0.1');
    });
  });

  describe('connection caps', () => {
    let server;
    const sockets = [];
    before(async () => {
      server = await startServer({ demo: true, args: ['--max-connections', '40', '--max-connections-per-address', '8'] });
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await server?.stop();
    });

    it('one address holds at most its share; another address and the probe still get through', async () => {
      // From an address of its own: the test process's own client keeps a connection from 127.0.0.1.
      for (let i = 0; i < 20; i += 1) sockets.push(await idleConnection(server, '127.0.0.9'));
      const closed = await Promise.all(sockets.map((s) => closedWithin(s, 1500)));
      const open = closed.filter((c) => !c).length;
      assert.equal(open, 8, `8 of 20 idle connections from one address stay open, got ${open}`);
      const started = Date.now();
      const probe = await rawExchange(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { localAddress: '127.0.0.2' });
      assert.equal(probe.status, 200, probe.text);
      assert.ok(Date.now() - started < 2000, 'answered at once');
    });

    it('near the global cap the reserve serves only the probe and log-in (503 with Retry-After for the rest)', async () => {
      // 40 in all, the last 10 of them the reserve: 8 held above (and perhaps one of the test
      // process's own), 22 more from three other addresses reach into the reserve.
      for (const a of ['127.0.0.3', '127.0.0.4', '127.0.0.5']) {
        for (let i = 0; i < (a === '127.0.0.5' ? 6 : 8); i += 1) sockets.push(await idleConnection(server, a));
      }
      await sleep(200);
      const me = await rawExchange(server, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { localAddress: '127.0.0.6' });
      assert.equal(me.status, 503, me.text);
      assert.match(me.text, /Retry-After: \d+/i);
      const health = await rawExchange(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { localAddress: '127.0.0.7' });
      assert.equal(health.status, 200, health.text);
      const login = await rawExchange(server, `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${loginBody.length}\r\nConnection: close\r\n\r\n${loginBody}`, { localAddress: '127.0.0.8' });
      assert.equal(login.status, 401, login.text);
    });
  });

  describe('the web root', () => {
    function serveWith(webRoot) {
      return spawnSync(BIN, ['serve', '--port', '0', '--bind', '127.0.0.1', '--database', path.join(tempDir('webroot-db'), 'w.db'), '--web-root', webRoot],
        { cwd: REPO_ROOT, encoding: 'utf8', timeout: 15000 });
    }

    for (const name of ['wijkkader.db', 'wijkkader.db-wal', 'secret.key', 'wijkkader.toml', '.env', 'sub/backup.sqlite3']) {
      it(`refuses to start when it holds ${name}`, () => {
        const root = tempDir('webroot');
        fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
        fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
        fs.writeFileSync(path.join(root, name), 'secret');
        const r = serveWith(root);
        assert.notEqual(r.status, 0, `must not start: ${r.stderr}`);
        assert.equal(r.signal, null, `refused, not killed by the timeout: ${r.stderr}`);
        assert.match(r.stderr, /refusing to start/);
        assert.ok(r.stderr.includes(name.split('/').pop()), `names the file: ${r.stderr}`);
      });
    }

    it('refuses to start when the database itself would be inside it', () => {
      const root = tempDir('webroot');
      fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
      const r = spawnSync(BIN, ['serve', '--port', '0', '--database', path.join(root, 'data', 'x'), '--web-root', root],
        { cwd: REPO_ROOT, encoding: 'utf8', timeout: 15000 });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /refusing to start/);
      assert.equal(fs.existsSync(path.join(root, 'data', 'x')), false, 'no database was created in it');
    });

    it('serves the web app\'s kinds of file only (no .json, .csv, hidden folders)', async () => {
      const root = tempDir('webroot');
      fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>webroot</title>');
      fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
      fs.writeFileSync(path.join(root, 'export.csv'), 'a,b');
      fs.writeFileSync(path.join(root, 'notes.json'), '{}');
      fs.mkdirSync(path.join(root, '.vite'));
      fs.writeFileSync(path.join(root, '.vite', 'app.js'), 'hidden');
      const server = await startServer({ args: ['--web-root', root] });
      try {
        const c = new Client(server);
        expectStatus(await c.get('/app.js'), 200);
        for (const p of ['/export.csv', '/notes.json', '/.vite/app.js']) {
          const r = await c.get(p);
          assert.equal(r.status, 404, `${p}: ${show(r)}`);
        }
      } finally {
        await server.stop();
      }
    });
  });

  describe('SIGTERM', () => {
    it('answers every request it has read and stores nothing it did not answer', async () => {
      const server = await startServer({ demo: true });
      addUser(server.databaseUrl, { org: DEMO_ORG_SLUG, email: 'term-admin@example.org', name: 'Beheer', roles: ['admin'] });
      const writers = 32;
      const clients = await Promise.all(Array.from({ length: writers }, () => new Client(server).loginOk('term-admin@example.org')));
      let created = 0;
      let unanswered = 0;
      const sentNames = [];
      let stop = false;
      const loops = clients.map(async (c, w) => {
        for (let i = 0; !stop; i += 1) {
          const name = `Sigterm ${w}-${i}`;
          sentNames.push(name);
          let r;
          try {
            r = await c.request('POST', '/api/v1/districts', { name });
          } catch {
            unanswered += 1;
            return;
          }
          if (r.status === 201) created += 1;
          else if (r.status === 0 || r.status === undefined) { unanswered += 1; return; }
          else return;  // the server is going: a clean refusal
        }
      });
      await sleep(1500);
      server.proc.kill('SIGTERM');
      await server.waitExit(20000);
      stop = true;
      await Promise.all(loops);
      assert.equal(server.exitCode, 0, `a clean exit: ${server.exitDescription}`);
      // Count what was stored: the districts are read back from a fresh server.
      const again = await startServer({ databaseUrl: server.databaseUrl });
      try {
        const admin = await new Client(again).loginOk('term-admin@example.org');
        const items = expectStatus(await admin.get('/api/v1/districts'), 200).items;
        const stored = items.filter((d) => d.name.startsWith('Sigterm ')).length;
        assert.ok(created > 50, `enough writes in flight: ${created}`);
        assert.equal(stored, created, `every stored write was answered (stored ${stored}, answered 201 ${created}, no answer ${unanswered})`);
      } finally {
        await again.stop();
      }
    });
  });
});
