// Soak check idle-flood: SOAK_IDLE_CONNECTIONS (1,024) TCP connections from 127.0.0.1
// that send nothing, held open; meanwhile a client on another address (127.0.0.2: all of
// 127/8 is loopback on Linux) must still get GET /healthz and a log-in (POST
// /api/v1/session) answered 200 within SOAK_ANSWER_WITHIN_MS (2 s), three times each,
// connect included. The server may close flood connections (a per-address cap): counted.
// Afterwards, with the flood gone, 127.0.0.1 is served again.
import net from 'node:net';
import {
  SIZES, main, verdict, n, dur, startServer, addUser, DEMO_ORG_SLUG, PASSWORD, once, showAnswer, sleep, performance,
} from './lib.mjs';

const CHECK = 'idle-flood';
const FLOOD_FROM = '127.0.0.1';
const CLIENT_FROM = '127.0.0.2';

/** Opens one idle connection; resolves with {socket, closed (set when the server closes it)} or {error}. */
function idleConnection(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress: FLOOD_FROM });
    const state = { socket: s, closed: false };
    s.on('error', () => {});
    s.on('close', () => { state.closed = true; });
    s.once('connect', () => resolve(state));
    s.once('error', (e) => resolve({ error: e.code || e.message }));
  });
}

main(CHECK, async () => {
  const server = await startServer({ demo: true });
  const email = 'soak-flood@example.org';
  addUser(server.databaseUrl, { email, name: 'Soak Flood', roles: ['coach'], org: DEMO_ORG_SLUG });

  const flood = [];
  const errors = new Map();
  const t0 = performance.now();
  for (let i = 0; i < SIZES.idleConnections; i += 64) {
    const batch = await Promise.all(Array.from({ length: Math.min(64, SIZES.idleConnections - i) }, () => idleConnection(server.port)));
    for (const c of batch) {
      if (c.error) errors.set(c.error, (errors.get(c.error) || 0) + 1);
      else flood.push(c);
    }
  }
  const openMs = performance.now() - t0;
  await sleep(300); // let the server take (or refuse) the last of them

  const probes = [];
  for (let i = 0; i < 3; i += 1) {
    probes.push({ what: '/healthz', r: await once(server.port, { path: '/healthz', timeoutMs: SIZES.answerWithinMs }, { localAddress: CLIENT_FROM }) });
    probes.push({
      what: 'log-in',
      r: await once(server.port, { method: 'POST', path: '/api/v1/session', body: { email, password: PASSWORD }, timeoutMs: SIZES.answerWithinMs }, { localAddress: CLIENT_FROM }),
    });
    await sleep(200);
  }
  const closedByServer = flood.filter((c) => c.closed).length;
  for (const c of flood) c.socket.destroy();
  await sleep(300);
  const afterwards = await once(server.port, { path: '/healthz', timeoutMs: 5000 }, { localAddress: FLOOD_FROM });
  const alive = !server.exited;
  await server.stop().catch(() => {});

  /** "3 × no answer (EOF)" for the probes that failed. */
  const why = (ps) => {
    const counts = new Map();
    for (const p of ps) {
      const k = p.r.error ? `no answer (${p.r.error})` : p.r.status !== 200 ? `status ${p.r.status}` : `200 after ${dur(p.r.ms)}`;
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    return [...counts].map(([k, c]) => `${c} × ${k}`).join(', ');
  };
  const good = (p) => p.r.status === 200 && p.r.ms <= SIZES.answerWithinMs;
  const summary = (what) => {
    const ps = probes.filter((p) => p.what === what);
    const ok = ps.filter(good);
    const worst = Math.max(...ps.map((p) => p.r.ms));
    return `${what} ${ok.length}/${ps.length} within ${dur(SIZES.answerWithinMs)}`
      + (ok.length === ps.length ? ` (slowest ${dur(worst)})` : ` (${why(ps.filter((p) => !good(p)))})`);
  };
  const ok = alive && probes.every(good) && afterwards.status === 200;
  verdict(ok, CHECK,
    `${n(flood.length)} idle connections from ${FLOOD_FROM} opened in ${dur(openMs)}${errors.size ? ` (${[...errors].map(([e, c]) => `${c} × ${e}`).join(', ')})` : ''}, `
    + `${n(closedByServer)} closed by the server; from ${CLIENT_FROM}: ${summary('/healthz')}, ${summary('log-in')}; `
    + `after the flood, ${FLOOD_FROM}: /healthz ${afterwards.status || showAnswer(afterwards)}${alive ? '' : '; the server exited'}`,
    ok ? [] : probes.filter((p) => !good(p)).slice(0, 3).map((p) => `${p.what} from ${CLIENT_FROM}: ${showAnswer(p.r)} after ${dur(p.r.ms)}`));
});
