// Backups can be taken while the server runs and is being written to, and a server
// started on the copy has the data. SQLite only: `wijkkader backup` copies the
// embedded database file (PostgreSQL installations use pg_dump / their own backups).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  it, before, after, whyNot, startServer, addUser, cliAsync, Client, DEMO_ORG_SLUG, STORE,
  expectStatus, show, sleep, sqliteUrl, tempDir,
} from './harness.mjs';

const skip = whyNot || (STORE !== 'sqlite'
  ? 'wijkkader backup copies the embedded SQLite database; with WIJKKADER_TEST_STORE=postgres the backup is PostgreSQL\'s own (pg_dump)'
  : false);

describe('online backup (SQLite)', { skip }, () => {
  let server;
  let copy;
  const email = 'k-admin@example.org';

  before(async () => {
    server = await startServer({ demo: true });
    addUser(server.databaseUrl, { email, name: 'Back-up', roles: ['admin'], org: DEMO_ORG_SLUG });
  });

  after(async () => {
    await copy?.stop();
    await server?.stop();
  });

  it('backs up while writes go on; a server on the copy has every write acknowledged before the backup', async () => {
    const admin = await new Client(server).loginOk(email);
    for (let i = 0; i < 20; i += 1) {
      expectStatus(await admin.post('/api/v1/districts', { name: `voor-${i}` }), 201);
    }
    const ackedBefore = new Set(Array.from({ length: 20 }, (_, i) => `voor-${i}`));
    const ackedDuring = new Set();
    const problems = [];
    let stop = false;
    let seq = 0;
    const writer = (async () => {
      while (!stop) {
        const name = `tijdens-${++seq}`;
        const r = await admin.post('/api/v1/districts', { name });
        if (r.status === 201) ackedDuring.add(name);
        else problems.push(show(r));
      }
    })();
    await sleep(100);
    const file = path.join(tempDir('backup'), 'kopie.db');
    const startedWith = new Set(ackedDuring);
    const r = await cliAsync(['backup', file, '--database', server.databaseUrl], { timeoutMs: 60_000 });
    await sleep(100);
    stop = true;
    await writer;
    assert.equal(r.status, 0, `backup failed: ${r.stderr}`);
    assert.deepEqual(problems, [], 'writes during the backup must keep working');
    assert.ok(ackedDuring.size > startedWith.size, 'writes went on while the backup ran');
    assert.ok(fs.existsSync(file) && fs.statSync(file).size > 0, `backup file ${file} exists`);

    // The original keeps working and has everything.
    const orig = new Set(expectStatus(await admin.get('/api/v1/districts'), 200).items.map((d) => d.name));
    for (const n of [...ackedBefore, ...ackedDuring]) assert.ok(orig.has(n), `original lost ${n}`);

    // A server on the copy: has everything acknowledged before the backup started, and
    // is a consistent, writable database.
    copy = await startServer({ databaseUrl: sqliteUrl(file) });
    const c = await new Client(copy).loginOk(email);
    const items = expectStatus(await c.get('/api/v1/districts'), 200, 'districts on the copy').items;
    const names = new Set(items.map((d) => d.name));
    for (const n of [...ackedBefore, ...startedWith]) assert.ok(names.has(n), `the copy misses ${n}, acknowledged before the backup`);
    const teams = expectStatus(await c.get('/api/v1/teams'), 200).items;
    assert.equal(teams.filter((t) => t.name.startsWith('Wijkteam ')).length, 9, 'the demo teams are in the copy');
    expectStatus(await c.post('/api/v1/districts', { name: 'na-herstel' }), 201, 'the copy takes writes');
    const orig2 = new Set(expectStatus(await admin.get('/api/v1/districts'), 200).items.map((d) => d.name));
    assert.ok(!orig2.has('na-herstel'), 'the copy is independent of the original');
  });

  it('refuses to overwrite an existing file, or fails cleanly', async () => {
    const file = path.join(tempDir('backup'), 'bestaat.db');
    fs.writeFileSync(file, 'not a database');
    const r = await cliAsync(['backup', file, '--database', server.databaseUrl], { allowFail: true });
    if (r.status === 0) {
      // Overwriting is allowed: then the file must be a working copy.
      const s = await startServer({ databaseUrl: sqliteUrl(file) });
      try {
        const c = await new Client(s).loginOk(email);
        expectStatus(await c.get('/api/v1/districts'), 200);
      } finally {
        await s.stop();
      }
    } else {
      assert.equal(fs.readFileSync(file, 'utf8'), 'not a database', 'a refused backup leaves the file alone');
      assert.ok(r.stderr.length > 0, 'a refused backup says why on stderr');
    }
  });
});
