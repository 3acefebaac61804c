// Soak check backup: a backup taken while SOAK_WRITERS keep-alive writers (64) create
// stories, then a restore as docs/operations.md describes it, and a server on the
// restored database.
//   SQLite:     `wijkkader backup FILE` under load; stop the server, set the live file
//               aside, remove -wal/-shm, put the copy in its place, start the server on
//               it; PRAGMA integrity_check must say ok.
//   PostgreSQL: `pg_dump -Fc` under load; `pg_restore --no-owner` into a new database;
//               a server on it.
// Every story acknowledged before the backup started must be in the restored database,
// nothing in it may be a story that was never tried, the writers must not see an error
// answer during the backup, and the restored server must take log-ins and writes.
import fs from 'node:fs';
import path from 'node:path';
import {
  SIZES, STORE, main, verdict, n, dur, statusList, startServer, coachSession, logIn, startWriters, compareWithDatabase,
  performance, sleep, once, storyRequest, showAnswer, cliAsync, tempDir, sqliteFile, sqlLines, pgBin, run,
} from './lib.mjs';

const CHECK = 'backup';

main(CHECK, async () => {
  const server = await startServer({ demo: true });
  const { databaseUrl } = server;
  const session = await coachSession(server);
  const dir = tempDir('soak-backup');
  const problems = [];

  const writers = startWriters({ port: server.port, count: SIZES.writers, session, tag: 'soak-b' });
  await sleep(SIZES.writeSeconds * 1000);
  const ackedBefore = new Set(writers.stats.acked);
  const t0 = performance.now();
  let backup;
  let file;
  if (STORE === 'sqlite') {
    file = path.join(dir, 'kopie.db');
    backup = await cliAsync(['backup', file, '--database', databaseUrl], { allowFail: true, timeoutMs: 300_000 });
  } else {
    file = path.join(dir, 'kopie.dump');
    backup = await run(path.join(pgBin(), 'pg_dump'), ['-Fc', '-d', databaseUrl, '-f', file], { timeoutMs: 300_000 });
  }
  const backupMs = performance.now() - t0;
  const ackedDuring = writers.stats.acked.size - ackedBefore.size;
  await sleep(500);
  await writers.stop();
  const { stats } = writers;
  if (backup.status !== 0) throw new Error(`the backup failed (${backup.status}): ${backup.stderr.trim().slice(0, 300)}`);
  const size = fs.statSync(file).size;
  const others = new Map([...stats.statuses].filter(([s]) => s !== 201));
  if (others.size) problems.push(`answers other than 201 while the backup ran: ${statusList(others)}; e.g. ${stats.samples.slice(0, 2).join(' | ')}`);
  if (stats.unanswered.length) problems.push(`${n(stats.unanswered.length)} requests sent without an answer while the backup ran, e.g. ${stats.unanswered[0].key} (${stats.unanswered[0].error})`);

  // Restore.
  let restored;
  let integrity = 'n/a';
  if (STORE === 'sqlite') {
    await server.stop();
    const live = sqliteFile(databaseUrl);
    fs.renameSync(live, `${live}.before-restore`);
    for (const ext of ['-wal', '-shm']) fs.rmSync(`${live}${ext}`, { force: true });
    fs.copyFileSync(file, live);
    integrity = sqlLines(databaseUrl, 'PRAGMA integrity_check').join(' ');
    if (integrity !== 'ok') problems.push(`PRAGMA integrity_check on the restored file: ${integrity.slice(0, 300)}`);
    restored = await startServer({ databaseUrl });
  } else {
    const admin = new URL(process.env.WIJKKADER_TEST_PG_ADMIN_URL);
    const name = `${new URL(databaseUrl).pathname.slice(1)}_restored`;
    const created = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', admin.toString(), '-c', `CREATE DATABASE ${name}`]);
    if (created.status !== 0) throw new Error(`CREATE DATABASE ${name}: ${created.stderr}`);
    const target = new URL(admin);
    target.pathname = `/${name}`;
    const r = await run(path.join(pgBin(), 'pg_restore'), ['--no-owner', '-d', target.toString(), file], { timeoutMs: 300_000 });
    if (r.status !== 0) problems.push(`pg_restore exited ${r.status}: ${r.stderr.trim().slice(0, 300)}`);
    await server.stop();
    restored = await startServer({ databaseUrl: target.toString() });
  }

  const cmp = compareWithDatabase(restored.databaseUrl, 'soak-b', ackedBefore, stats.attempted);
  // The restored database is a working one: log-in, a write.
  const again = await logIn(restored, session.email);
  const write = await once(restored.port, storyRequest(again, 'soak-b-after-restore'));
  if (write.status !== 201) problems.push(`a write on the restored database: ${showAnswer(write)}`);
  await restored.stop();

  const ok = problems.length === 0 && cmp.missing.length === 0 && cmp.unknown.length === 0 && cmp.duplicated.length === 0;
  const tool = STORE === 'sqlite' ? 'wijkkader backup' : 'pg_dump -Fc';
  verdict(ok, CHECK,
    `${tool} of ${(size / 1048576).toFixed(1)} MiB in ${dur(backupMs)} under ${SIZES.writers} writers (${n(ackedDuring)} writes acknowledged during it, `
    + `answers: ${statusList(stats.statuses)}); restored${STORE === 'sqlite' ? ` (integrity ${integrity})` : ''}: `
    + `${n(ackedBefore.size - cmp.missing.length)} of ${n(ackedBefore.size)} acknowledged before the backup present, ${n(cmp.missing.length)} missing, `
    + `${n(cmp.rows)} in all, ${cmp.unknown.length} unknown; log-in and write ${write.status === 201 ? 'ok' : 'failed'}`,
    [...problems, ...(cmp.missing.length ? [`missing: ${cmp.missing.slice(0, 5).join(', ')}`] : [])]);
});
