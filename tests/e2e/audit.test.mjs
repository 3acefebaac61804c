// The audit log in words: the admin renames a team and two quality officers write,
// publish and confirm a knowledge-base item, all through the API. On /beheer/audit the
// rows are newest first by time, actions and kinds are Dutch ("Bevestigd als juist",
// "Kennisbankitem ‘…’"), the team's name links to Beheer → Teams and the change
// details name their fields ("Naam"); no raw code such as `knowledge_item` or
// `team #12` shows. The filter (person, kind, today's date range) goes into the URL,
// survives a reload, keeps to itself on "Meer laden", refuses an end before the start;
// the English page names the same things in English. axe-core runs on the way.
// Screenshots: audit-log.png, audit-filtered.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  RUN_ID,
  apiLogin,
  checkA11y,
  gotoByMenu,
  launchBrowser,
  newContext,
  playwrightRequest,
  screenshot,
  startTarget,
  waitForFocus,
} from './lib.mjs';

let target;
let browser;
let api; // the admin
let admin; // { id, name }
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const TEAM = `Auditteam ${RUN_ID}`;
const TEAM_RENAMED = `Auditteam ${RUN_ID} hernoemd`;
const ITEM = `Oplossingsgericht werken ${RUN_ID}`;
const AUTHOR = { name: `Kwaliteit Auditschrijver ${RUN_ID}`, email: `audit-author-${RUN_ID}@test.example` };
const REVIEWER = { name: `Kwaliteit Auditlezer ${RUN_ID}`, email: `audit-reviewer-${RUN_ID}@test.example` };
/** More team changes than one page holds (50), so "Meer laden" is needed in the filtered view. */
const TEAM_CHANGES = 52;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
/** Today in the Netherlands as YYYY-MM-DD, and as the page writes it (dd-mm-jjjj). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const todayNl = today.split('-').reverse().join('-');
const ROWS = 'table.wk-audit > tbody > tr';

/** Raw codes that must not show: an entity or field name (`knowledge_item`, `review_by`), a kind with an id (`team #12`), an action. */
const RAW_NAME = /\b[a-z]+_[a-z_]+\b/;
const RAW_KIND = /^(district|team|user|session|organisation|programme|case|receipt|story|[a-z]+_[a-z_]+) #/;
const RAW_ACTION = /^(create|update|delete|login|logout|import|verify)$/;

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };
  const ok = async (res, what, status = 200) => {
    assert.equal(res.status(), status, `${what}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  admin = await ok(await api.get('/api/v1/me'), 'GET /api/v1/me');
  admin = { id: admin.user?.id ?? admin.id, name: admin.user?.name ?? admin.name };
  assert.ok(admin.id && admin.name, 'the admin has an id and a name');

  // A team, changed often enough for two pages, renamed last.
  const district = (await ok(await api.get('/api/v1/districts'), 'GET /api/v1/districts')).items[0];
  const team = await ok(
    await api.post('/api/v1/teams', { data: { name: TEAM, district_id: district.id, neighbourhoods: ['WK015399'] }, headers }),
    'POST /api/v1/teams',
    201,
  );
  for (let i = 0; i < TEAM_CHANGES; i += 1) {
    const neighbourhoods = i % 2 ? ['WK015399'] : ['WK015399', 'BU01539901'];
    await ok(await api.patch(`/api/v1/teams/${team.id}`, { data: { neighbourhoods }, headers }), `PATCH team ${i}`);
  }
  await ok(await api.patch(`/api/v1/teams/${team.id}`, { data: { name: TEAM_RENAMED }, headers }), 'rename the team');

  // A knowledge-base item: written and submitted by one quality officer, published and
  // confirmed as still right by the other.
  for (const who of [AUTHOR, REVIEWER]) {
    const made = await ok(
      await api.post('/api/v1/users', { data: { name: who.name, email: who.email, password: PASSWORD, roles: ['quality'], team_ids: [] }, headers }),
      `POST /api/v1/users ${who.email}`,
      201,
    );
    who.id = made.id;
    who.api = await playwrightRequest.newContext({ baseURL: target.url });
    who.headers = { 'X-CSRF-Token': await apiLogin(who.api, target.url, who.email, PASSWORD) };
  }
  const item = await ok(
    await AUTHOR.api.post('/api/v1/knowledge', {
      data: { category: 'methodiek', title: ITEM, body: 'Kijk naar wat wel werkt.' },
      headers: AUTHOR.headers,
    }),
    'POST /api/v1/knowledge',
    201,
  );
  await ok(await AUTHOR.api.post(`/api/v1/knowledge/${item.id}/submit`, { data: {}, headers: AUTHOR.headers }), 'submit');
  await ok(await REVIEWER.api.post(`/api/v1/knowledge/${item.id}/publish`, { data: {}, headers: REVIEWER.headers }), 'publish');
  await ok(
    await REVIEWER.api.post(`/api/v1/knowledge/${item.id}/verification`, { data: { remark: 'Nog steeds juist.' }, headers: REVIEWER.headers }),
    'verification',
  );
});

after(async () => {
  await AUTHOR.api?.dispose();
  await REVIEWER.api?.dispose();
  await api?.dispose();
  await browser?.close();
  await target?.close();
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
});

/** Each row's time (the <time datetime>), id, actor, action and object, as shown. */
async function rows(page) {
  return page.locator(ROWS).evaluateAll((trs) =>
    trs.map((tr) => ({
      at: tr.querySelector('time')?.getAttribute('datetime') ?? '',
      id: Number(tr.getAttribute('data-audit-id')),
      actor: (tr.children[1]?.textContent ?? '').trim(),
      action: (tr.children[2]?.textContent ?? '').trim(),
      object: (tr.children[3]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      summary: (tr.querySelector('details > summary .wk-muted')?.textContent ?? '').trim(),
    })),
  );
}

function assertTimeOrder(list, what) {
  assert.ok(list.length > 0, `${what}: rows`);
  for (let i = 1; i < list.length; i += 1) {
    const a = Date.parse(list[i - 1].at);
    const b = Date.parse(list[i].at);
    assert.ok(a >= b, `${what}: row ${i} (${list[i].at}, #${list[i].id}) is newer than the row above it (${list[i - 1].at}, #${list[i - 1].id})`);
  }
  assert.equal(new Set(list.map((r) => r.id)).size, list.length, `${what}: no entry twice`);
}

function assertNoRawCodes(list, what) {
  for (const r of list) {
    assert.doesNotMatch(r.action, RAW_ACTION, `${what}: raw action of entry #${r.id}`);
    assert.doesNotMatch(r.object, RAW_KIND, `${what}: raw kind of entry #${r.id}: "${r.object}"`);
    for (const [col, text] of [['action', r.action], ['object', r.object], ['fields', r.summary]]) {
      assert.doesNotMatch(text, RAW_NAME, `${what}: raw name in the ${col} of entry #${r.id}: "${text}"`);
    }
  }
}

test('audit log: in time order, in words, filtered by person, kind and date', { timeout: 180_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('the admin opens the audit log: newest first by time, no raw codes', async () => {
    await page.goto(`${target.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
    await page.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
    await gotoByMenu(page, 'Auditlog', 'Auditlog');
    await page.locator(ROWS).first().waitFor();
    assert.match(norm(await page.locator('main p').first().innerText()), /nieuwste bovenaan: gesorteerd op het tijdstip van de wijziging/);
    const list = await rows(page);
    assertTimeOrder(list, 'first page');
    assertNoRawCodes(list, 'first page');
    // The admin's own log-in is the newest entry.
    assert.equal(list[0].action, 'Ingelogd');
    assert.equal(list[0].actor, admin.name);
  });

  await t.test('the knowledge item: Dutch action, its own title, no link for the admin', async () => {
    const row = page.locator(ROWS).filter({ hasText: 'Bevestigd als juist' }).filter({ hasText: ITEM }).first();
    await row.waitFor();
    assert.match(norm(await row.locator('td').nth(2).innerText()), new RegExp(`^Kennisbankitem ‘${ITEM}’$`));
    assert.equal(await row.locator('td').nth(2).getByRole('link').count(), 0, 'an admin may not open knowledge items');
    assert.equal(norm(await row.locator('td').first().innerText()), REVIEWER.name);
  });

  await t.test('the renamed team: its name links to Beheer → Teams, the details name the field', async () => {
    const row = page.locator(ROWS).filter({ hasText: TEAM_RENAMED }).first();
    assert.equal(norm(await row.locator('td').nth(1).innerText()), 'Gewijzigd');
    const link = row.getByRole('link', { name: `‘${TEAM_RENAMED}’` });
    assert.equal(await link.getAttribute('href'), '/beheer/teams');
    await row.getByText('Details').click();
    const name = row.locator('table.wk-diff tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Naam', exact: true }) });
    assert.equal(norm(await name.locator('td').first().innerText()), TEAM);
    assert.equal(norm(await name.locator('td').nth(1).innerText()), TEAM_RENAMED);
    await checkA11y(page, 'audit log');
    await screenshot(page, 'audit-log');
  });

  await t.test('filter: the admin, kind Team, today; the URL holds it', async () => {
    await page.getByLabel('Persoon').selectOption(String(admin.id));
    await page.getByLabel('Soort object').selectOption({ label: 'Team' });
    // Typed as dd-mm-jjjj like every date in the app (a "Kies datum" button beside each box).
    await page.getByLabel('Vanaf datum').fill(todayNl);
    await page.getByLabel('Tot en met datum').fill(todayNl);
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL((url) => url.search === `?persoon=${admin.id}&soort=team&van=${today}&tot=${today}`);
    const caption = `Auditlog: Team, ${admin.name}, ${todayNl} t/m ${todayNl}`;
    await page.getByRole('table').first().getByText(caption).waitFor();
    await page.getByRole('status').getByText('50 regels getoond.').waitFor();
    const list = await rows(page);
    assert.equal(list.length, 50);
    assertTimeOrder(list, 'filtered');
    assertNoRawCodes(list, 'filtered');
    for (const r of list) {
      assert.equal(r.actor, admin.name, `entry #${r.id} is the admin's`);
      assert.match(r.object, /^Team ‘/, `entry #${r.id} is about a team`);
      assert.ok(new Date(r.at).toLocaleDateString('en-CA', { timeZone: 'Europe/Amsterdam' }) === today, `entry #${r.id} is today's`);
    }
    assert.equal(list[0].object, `Team ‘${TEAM_RENAMED}’`, 'the rename is the newest team change');
    await checkA11y(page, 'audit log, filtered');
    await screenshot(page, 'audit-filtered');
  });

  await t.test('"Meer laden" keeps the filter and the time order', async () => {
    await page.getByRole('button', { name: 'Meer laden' }).click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 50, ROWS);
    const list = await rows(page);
    assertTimeOrder(list, 'after Meer laden');
    for (const r of list) {
      assert.equal(r.actor, admin.name, `entry #${r.id} is the admin's`);
      assert.match(r.object, /^Team ‘/, `entry #${r.id} is about a team`);
    }
    assert.ok(list.some((r) => r.object === `Team ‘${TEAM}’`), 'the team before its rename is there too');
    assert.match(page.url(), new RegExp(`\\?persoon=${admin.id}&soort=team&van=${today}&tot=${today}$`));
  });

  await t.test('the filtered view can be linked: a reload shows the same', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    await page.locator(ROWS).first().waitFor();
    assert.equal(await page.getByLabel('Persoon').inputValue(), String(admin.id));
    assert.equal(await page.getByLabel('Soort object').inputValue(), 'team');
    assert.equal(await page.getByLabel('Vanaf datum').inputValue(), todayNl);
    assert.equal(await page.getByLabel('Tot en met datum').inputValue(), todayNl);
    assert.equal((await rows(page))[0].object, `Team ‘${TEAM_RENAMED}’`);
  });

  await t.test('another person and kind: the reviewer’s knowledge-base entries', async () => {
    await page.getByLabel('Persoon').selectOption(String(REVIEWER.id));
    await page.getByLabel('Soort object').selectOption({ label: 'Kennisbankitem' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('table').first().getByText(`Auditlog: Kennisbankitem, ${REVIEWER.name}`).waitFor();
    const list = await rows(page);
    assert.deepEqual(
      list.map((r) => [r.action, r.object]),
      [
        ['Bevestigd als juist', `Kennisbankitem ‘${ITEM}’`],
        ['Gewijzigd', `Kennisbankitem ‘${ITEM}’`],
      ],
    );
  });

  await t.test('an end date before the start date is refused at the field', async () => {
    const [y, m, d] = today.split('-').map(Number);
    const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    await page.getByLabel('Tot en met datum').fill(yesterday.split('-').reverse().join('-'));
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.locator('#audit-to-error').getByText('De einddatum ligt vóór de begindatum.').waitFor();
    assert.equal(await page.locator('#audit-to').getAttribute('aria-invalid'), 'true');
    await waitForFocus(page, 'audit-to', 'focus on the end date');
    assert.doesNotMatch(page.url(), new RegExp(`tot=${yesterday}`), 'the URL keeps the last good filter');
    await checkA11y(page, 'audit log, date error');
  });

  await t.test('in English the same entries are in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    try {
      const list = await rows(page);
      assert.equal(list[0].action, 'Confirmed as correct');
      assert.equal(list[0].object, `Knowledge base item ‘${ITEM}’`);
      assert.equal(await page.getByLabel('Kind of object').locator('option:checked').innerText(), 'Knowledge base item');
    } finally {
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    }
  });

  await t.test('"Filter wissen" shows the whole log again', async () => {
    await page.getByRole('button', { name: 'Filter wissen' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByRole('table').first().getByText('Auditlog', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Persoon').inputValue(), '');
    assertTimeOrder(await rows(page), 'unfiltered again');
  });

  await context.close();
});
