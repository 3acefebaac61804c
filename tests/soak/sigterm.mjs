// Soak check sigterm: SOAK_SIGTERM_ROUNDS times (5), SOAK_WRITERS keep-alive writers (64)
// create stories as a coach; after about SOAK_WRITE_SECONDS the server gets SIGTERM in
// the middle of it. Each writer goes on until a new connection is refused (the listener
// is closed). Every request whose bytes were fully sent must get an HTTP answer (any
// status; 503 is fine): one without is lost, and must not happen. Every 201 must be in
// the database afterwards, the server must exit 0 within its grace period.
import {
  SIZES, main, verdict, n, dur, median, statusList, startServer, coachSession, startWriters,
  compareWithDatabase, performance, sleep,
} from './lib.mjs';

const CHECK = 'sigterm';

main(CHECK, async () => {
  let server = await startServer({ demo: true });
  const { databaseUrl } = server;
  const session = await coachSession(server);
  const acked = new Set();
  const attempted = new Set();
  const statuses = new Map();
  const afterSignal = new Map();
  const unanswered = [];
  const exitMs = [];
  const problems = [];
  let answered = 0;

  for (let round = 1; round <= SIZES.sigtermRounds; round += 1) {
    if (round > 1) server = await startServer({ databaseUrl });
    const writers = startWriters({ port: server.port, count: SIZES.writers, session, tag: `soak-t${round}`, stopOnRefused: true, timeline: true });
    await sleep(SIZES.writeSeconds * 1000 * (0.7 + 0.6 * Math.random()));
    const signalAt = performance.now();
    server.proc.kill('SIGTERM');
    try {
      await server.waitExit(30_000);
    } catch {
      problems.push(`round ${round}: the server did not exit within 30 s of SIGTERM`);
      await server.kill9();
    }
    exitMs.push(performance.now() - signalAt);
    if (server.exitCode !== 0) problems.push(`round ${round}: the server exited with ${server.exitDescription}`);
    // Every connection is closed now, so every writer ends at its next connect.
    const ended = await Promise.race([writers.done.then(() => true), sleep(10_000).then(() => false)]);
    if (!ended) problems.push(`round ${round}: writers still waiting 10 s after the server exited`);
    await writers.stop();
    const { stats } = writers;
    for (const k of stats.acked) acked.add(k);
    for (const k of stats.attempted) attempted.add(k);
    for (const [s, c] of stats.statuses) {
      statuses.set(s, (statuses.get(s) || 0) + c);
      answered += c;
    }
    for (const e of stats.events) {
      if (e.at >= signalAt && e.status) afterSignal.set(e.status, (afterSignal.get(e.status) || 0) + 1);
    }
    for (const u of stats.unanswered) unanswered.push({ ...u, round, afterSignalMs: u.at - signalAt });
    if (stats.acked.size === 0) problems.push(`round ${round}: nothing was acknowledged`);
  }

  const cmp = compareWithDatabase(databaseUrl, 'soak-t', acked, attempted);
  const reused = unanswered.filter((u) => u.reused).length;
  const storedAnyway = unanswered.filter((u) => cmp.present.has(u.key)).length;
  const ok = problems.length === 0 && unanswered.length === 0 && cmp.missing.length === 0 && cmp.duplicated.length === 0;
  const details = [
    ...problems,
    ...unanswered.slice(0, 5).map((u) => `round ${u.round}: ${u.key} sent, no answer (${u.error}, ${u.reused ? 'kept-alive' : 'new'} connection, ${Math.round(u.afterSignalMs)} ms after SIGTERM)`),
    ...(cmp.missing.length ? [`acknowledged but missing: ${cmp.missing.slice(0, 5).join(', ')}`] : []),
  ];
  verdict(ok, CHECK,
    `${SIZES.sigtermRounds} round${SIZES.sigtermRounds === 1 ? '' : 's'} × ${SIZES.writers} writers, ${n(answered)} answered (${statusList(statuses)}; after the signal: ${statusList(afterSignal)}), `
    + `${n(unanswered.length)} sent without an answer (${n(reused)} on kept-alive connections, ${n(storedAnyway)} stored all the same), `
    + `${n(acked.size)} acknowledged, ${n(cmp.missing.length)} missing; exit after SIGTERM median ${dur(median(exitMs))}`,
    details);
});
