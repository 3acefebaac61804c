// Soak check kill-9: SOAK_ROUNDS times (5), SOAK_WRITERS keep-alive writers (64) create
// stories as a coach; after about SOAK_WRITE_SECONDS the server gets SIGKILL in the middle
// of it, and is started again on the same database. Every story that was answered 201
// must be in the database (read behind the server's back), none twice; and every round
// the restarted server takes writes again with the same session (sessions live in the
// database). Answers other than 201 while the server was up are counted; a 500 fails.
import {
  SIZES, main, verdict, n, dur, median, statusList, startServer, coachSession, logIn, startWriters,
  compareWithDatabase, performance, sleep, once, storyRequest, showAnswer,
} from './lib.mjs';

const CHECK = 'kill-9';

main(CHECK, async () => {
  let server = await startServer({ demo: true });
  const { databaseUrl } = server;
  let session = await coachSession(server);
  const acked = new Set();
  const attempted = new Set();
  const statuses = new Map();
  const samples = [];
  const roundMs = [];
  const problems = [];
  const writesPerSecond = [];

  for (let round = 1; round <= SIZES.rounds; round += 1) {
    const t0 = performance.now();
    const writers = startWriters({ port: server.port, count: SIZES.writers, session, tag: `soak-k${round}` });
    // Load for a while, then pull the plug at a moment that differs per round.
    await sleep(SIZES.writeSeconds * 1000 * (0.7 + 0.6 * Math.random()));
    const loadMs = performance.now() - writers.stats.startedAt;
    await server.kill9();
    await writers.stop();
    const { stats } = writers;
    writesPerSecond.push(stats.acked.size / (loadMs / 1000));
    for (const k of stats.acked) acked.add(k);
    for (const k of stats.attempted) attempted.add(k);
    for (const [s, c] of stats.statuses) if (s !== 201) statuses.set(s, (statuses.get(s) || 0) + c);
    samples.push(...stats.samples);
    if (stats.acked.size === 0) problems.push(`round ${round}: no write was acknowledged before the kill`);

    server = await startServer({ databaseUrl });
    // The same session on the new process; log in again only if it was lost.
    const probe = await once(server.port, storyRequest(session, `soak-k${round}-after`));
    if (probe.status === 201) {
      acked.add(`soak-k${round}-after`);
    } else {
      problems.push(`round ${round}: the first write after the restart, with the old session: ${showAnswer(probe)}`);
      session = await logIn(server, session.email);
    }
    attempted.add(`soak-k${round}-after`);
    const cmp = compareWithDatabase(databaseUrl, 'soak-k', acked, attempted);
    if (cmp.missing.length) problems.push(`round ${round}: ${n(cmp.missing.length)} acknowledged stories missing, e.g. ${cmp.missing.slice(0, 5).join(', ')}`);
    if (cmp.duplicated.length) problems.push(`round ${round}: ${n(cmp.duplicated.length)} stories stored twice, e.g. ${cmp.duplicated.slice(0, 5).join(', ')}`);
    if (cmp.unknown.length) problems.push(`round ${round}: ${n(cmp.unknown.length)} stories in the database that were never tried`);
    roundMs.push(performance.now() - t0);
  }
  await server.stop();

  const final = compareWithDatabase(databaseUrl, 'soak-k', acked, attempted);
  const serverErrors = [...statuses].filter(([s]) => s >= 500 && s !== 503).reduce((a, [, c]) => a + c, 0);
  const ok = problems.length === 0 && final.missing.length === 0 && final.duplicated.length === 0 && serverErrors === 0;
  verdict(ok, CHECK,
    `${SIZES.rounds} round${SIZES.rounds === 1 ? '' : 's'} × ${SIZES.writers} writers, ${n(acked.size)} acknowledged, ${n(final.missing.length)} missing, `
    + `${n(final.duplicated.length)} duplicated (${n(final.rows)} stories stored, other answers: ${statusList(statuses)}; `
    + `median round ${dur(median(roundMs))}, ${n(Math.round(median(writesPerSecond)))} writes/s)`,
    [...problems, ...(serverErrors ? samples : [])]);
});
