// Soak check pg-restart (PostgreSQL only): while SOAK_WRITERS keep-alive writers (64)
// create stories, the PostgreSQL server is restarted (`pg_ctl restart -m fast`, which
// ends every connection of the wijkkader server). The wijkkader server itself is not
// restarted: it must take writes again (201) within SOAK_PG_RECOVER_SECONDS (10) of
// PostgreSQL being back, answer /readyz 200, still be the same process, and every
// request it was sent must get an answer (503 while the database is away is fine).
// Every 201 must be in the database.
//
// The cluster is the one scripts/with-postgres.sh started: its data folder comes from
// `SHOW data_directory`, pg_ctl runs as the folder's owner (runuser when we are root),
// with the options the cluster was started with (postmaster.opts).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  SIZES, STORE, main, verdict, skip, n, dur, statusList, startServer, coachSession, startWriters, compareWithDatabase,
  performance, sleep, once, waitFor, pgBin, run, showAnswer,
} from './lib.mjs';

const CHECK = 'pg-restart';

/** The command prefix that runs a program as the owner of `dir`. */
function asOwnerOf(dir) {
  const uid = fs.statSync(dir).uid;
  if (process.getuid() === uid) return [];
  const who = spawnSync('id', ['-nu', String(uid)], { encoding: 'utf8' }).stdout.trim();
  if (!who) throw new Error(`no user name for uid ${uid}, the owner of ${dir}`);
  return ['runuser', '-u', who, '--'];
}

main(CHECK, async () => {
  if (STORE !== 'postgres') {
    skip(CHECK, 'PostgreSQL only');
    return;
  }
  const adminUrl = process.env.WIJKKADER_TEST_PG_ADMIN_URL;
  const shown = spawnSync('psql', ['-X', '-A', '-t', adminUrl, '-c', 'SHOW data_directory'], { encoding: 'utf8' });
  if (shown.status !== 0) throw new Error(`SHOW data_directory: ${shown.stderr}`);
  const data = shown.stdout.trim();
  const prefix = asOwnerOf(data);
  const pgCtl = path.join(pgBin(), 'pg_ctl');
  const log = path.join(path.dirname(data), 'postgres.log');

  const server = await startServer({ demo: true });
  const session = await coachSession(server);
  const writers = startWriters({ port: server.port, count: SIZES.writers, session, tag: 'soak-p', timeline: true });
  await sleep(SIZES.writeSeconds * 1000);

  const restartAt = performance.now();
  const args = [pgCtl, '-D', data, '-l', log, '-m', 'fast', '-w', '-t', '60', 'restart'];
  const r = prefix.length ? await run(prefix[0], [...prefix.slice(1), ...args]) : await run(args[0], args.slice(1));
  const backAt = performance.now();
  if (r.status !== 0) throw new Error(`pg_ctl restart failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 300)}`);

  const recovered = await waitFor(() => writers.stats.events.some((e) => e.at > backAt && e.status === 201), SIZES.recoverSeconds * 1000);
  const firstOk = writers.stats.events.find((e) => e.at > backAt && e.status === 201);
  await sleep(1000); // and keeps taking them
  await writers.stop();
  const { stats } = writers;

  const ready = await once(server.port, { path: '/readyz' });
  const alive = !server.exited;
  await server.stop().catch(() => {});
  const cmp = compareWithDatabase(server.databaseUrl, 'soak-p', stats.acked, stats.attempted);

  const during = new Map();
  const until = firstOk ? firstOk.at : Infinity;
  for (const e of stats.events) {
    if (e.at >= restartAt && e.at <= until && e.status) during.set(e.status, (during.get(e.status) || 0) + 1);
  }
  const afterBack = stats.events.filter((e) => e.at > until);
  const okAfter = afterBack.filter((e) => e.status === 201).length;
  const problems = [];
  if (!alive) problems.push(`the server exited (${server.exitDescription})`);
  if (!recovered) {
    const since = new Map();
    for (const e of stats.events) {
      const k = e.at > backAt ? (e.status ?? `no answer (${e.error})`) : null;
      if (k !== null) since.set(k, (since.get(k) || 0) + 1);
    }
    problems.push(`no write answered 201 within ${SIZES.recoverSeconds} s of PostgreSQL being back; answers since: ${statusList(since)}`);
  }
  if (ready.status !== 200) problems.push(`/readyz after the restart: ${showAnswer(ready)}`);
  if (stats.unanswered.length) problems.push(`${n(stats.unanswered.length)} requests sent without an answer, e.g. ${stats.unanswered.slice(0, 3).map((u) => `${u.key} (${u.error})`).join(', ')}`);
  const ok = alive && recovered && ready.status === 200 && stats.unanswered.length === 0
    && cmp.missing.length === 0 && cmp.duplicated.length === 0;
  verdict(ok, CHECK,
    `pg_ctl restart took ${dur(backAt - restartAt)} under ${SIZES.writers} writers; `
    + `${firstOk ? `201 again ${dur(firstOk.at - backAt)} after it was back` : 'no 201 since'} (${n(okAfter)} more after that), `
    + `answers from the restart until then: ${statusList(during)}; ${n(stats.unanswered.length)} sent without an answer; `
    + `${n(stats.acked.size)} acknowledged, ${n(cmp.missing.length)} missing; /readyz ${ready.status || 'no answer'}; same process: ${alive ? 'yes' : 'no'}`,
    ok ? [] : [...problems, ...stats.samples.slice(0, 2)]);
});
