// The functional administrator's main path, in a real browser: log in by keyboard,
// add a team, add a coach in that team (found again with the users page's search),
// deactivate them, read the audit log, log out.
// Then the organisation's settings: the admin lets coaches write knowledge-base items
// (a server error shown at the checkbox first), and a coach writes a draft and finds it
// under "Mijn concepten". Last, the public story form's logo and privacy note: a text
// file and a too large one refused at the logo field in Dutch, a PNG (made here) shown
// on the page and on /vertel/{org}, the default privacy text shown while the field is
// empty, an own text saved and shown to residents, the logo removed; both are put back
// as they were. axe-core checks every page on the way (WCAG 2.1 A/AA, no
// serious/critical issues).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  RUN_ID,
  apiLogin,
  checkA11y,
  focused,
  gotoByMenu,
  launchBrowser,
  newContext,
  playwrightRequest,
  screenshot,
  startTarget,
  tabTo,
  testLogo,
  waitForFocus,
  waitForHeadingFocus,
} from './lib.mjs';

let target;
let browser;
let context;
let page;
const pageErrors = [];

const TEAM = `Wijkteam E2E ${RUN_ID}`;
const COACH = `Coach E2E ${RUN_ID}`;
const COACH_EMAIL = `coach-${RUN_ID}@test.example`;

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await target?.close();
});

test('admin: log in, teams, users, audit, log out', { timeout: 180_000 }, async (t) => {
  await t.test('log-in page renders in Dutch and passes axe', async () => {
    await page.goto(`${target.url}/`);
    // Not logged in: the app goes to /inloggen by itself.
    await page.waitForURL(/\/inloggen$/);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.title(), 'Inloggen — Wijkkader');
    await screenshot(page, 'login');
    await checkA11y(page, 'log-in page');
  });

  await t.test('log in with the keyboard only', async () => {
    await page.locator('body').focus();
    await tabTo(page, 'email');
    await page.keyboard.type(ADMIN_EMAIL);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'password', 'Tab from e-mail goes to the password');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
    assert.match(page.url(), /\/$/);
  });

  await t.test('start page: name, roles in Dutch, admin menu', async () => {
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const links = await nav.getByRole('link').allTextContents();
    assert.deepEqual(links.map((s) => s.trim()), ['Start', 'Kennisbank', 'Teams', 'Gebruikers', 'Programma’s', 'Keuzelijsten', 'Instellingen', 'Auditlog']);
    await page.getByText('Functioneel beheerder').first().waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    // The skip link is the first thing Tab reaches, and it moves focus to the content.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.text, 'Naar de inhoud');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page))?.id, 'inhoud');
    await checkA11y(page, 'start page');
    await screenshot(page, 'start');
  });

  await t.test('teams: add a team', async () => {
    await gotoByMenu(page, 'Teams', 'Teams');
    await waitForHeadingFocus(page, 'focus moves to the page heading after navigation');
    assert.match(page.url(), /\/beheer\/teams$/);
    await page.getByRole('table').waitFor();
    await checkA11y(page, 'teams page');

    // Client-side validation first: a bad CBS code stays next to its field.
    await page.getByLabel('Naam', { exact: true }).fill(TEAM);
    const district = page.getByLabel('Stadsdeel', { exact: true });
    const firstDistrict = await district.locator('option').nth(1).getAttribute('value');
    await district.selectOption(firstDistrict);
    await page.getByLabel('Wijken en buurten', { exact: true }).fill('WK015399 XX12');
    await page.getByRole('button', { name: 'Team toevoegen' }).click();
    const codes = page.getByLabel('Wijken en buurten', { exact: true });
    assert.equal(await codes.getAttribute('aria-invalid'), 'true');
    await page.getByText('Deze codes zijn geen geldige CBS-code: XX12.').waitFor();
    await screenshot(page, 'teams-error');
    await checkA11y(page, 'teams page with a field error');

    await codes.fill('WK015399, BU01539901');
    await page.getByRole('button', { name: 'Team toevoegen' }).click();
    await page.getByRole('status').getByText(`Team ${TEAM} is toegevoegd.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TEAM) });
    await row.waitFor();
    const text = await row.textContent();
    // The server may keep the codes in its own order.
    assert.match(text, /WK015399/);
    assert.match(text, /BU01539901/);
    assert.equal(await codes.getAttribute('aria-invalid'), null, 'the error is gone after a good save');
    await screenshot(page, 'teams');
  });

  await t.test('teams: edit a team (PATCH)', async () => {
    const row = page.getByRole('row', { name: new RegExp(TEAM) });
    await row.getByRole('button', { name: `Bewerken ${TEAM}` }).click();
    await page.getByRole('heading', { level: 2, name: `Team ${TEAM} bewerken` }).waitFor();
    assert.equal((await focused(page))?.tag, 'h2', 'focus moves to the edit form');
    await page.getByLabel('Wijken en buurten', { exact: true }).fill('WK015399 BU01539901 BU01539902');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').getByText(`Team ${TEAM} is opgeslagen.`).waitFor();
    assert.match(await row.textContent(), /BU01539902/);
    await page.waitForFunction(() => document.activeElement?.id?.startsWith('team-edit-'));
  });

  await t.test('users: add a coach in the new team', async () => {
    await gotoByMenu(page, 'Gebruikers', 'Gebruikers');
    await page.getByRole('table').waitFor();
    await page.getByLabel('Naam', { exact: true }).fill(COACH);
    await page.getByLabel('E-mailadres', { exact: true }).fill(COACH_EMAIL);
    await page.getByLabel('Eerste wachtwoord', { exact: true }).fill(`pw-${RUN_ID}-long-enough`);
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Wijkcoach', { exact: true }).check();
    await page.getByRole('group', { name: 'Teams' }).getByLabel(TEAM, { exact: true }).check();
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByRole('status').getByText(`Gebruiker ${COACH} is toegevoegd.`).waitFor();
    // The list pages by name (50 a page): the new coach may be on another page, so search
    // for her by e-mail address, typed in capitals (the search ignores case).
    const box = page.getByLabel('Zoeken op naam of e-mailadres', { exact: true });
    await box.fill(COACH_EMAIL.toUpperCase());
    await box.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('zoek') === COACH_EMAIL.toUpperCase());
    await page.locator('#users-caption').getByText('Gebruikers 1 tot en met 1 van 1', { exact: true }).waitFor();
    await page.locator('#users-announce').getByText('1 gebruiker gevonden.', { exact: true }).waitFor();
    assert.equal((await focused(page))?.id, 'users-q', 'focus stays in the search box');
    const row = page.getByRole('row', { name: new RegExp(COACH) });
    await row.waitFor();
    const text = await row.textContent();
    assert.match(text, new RegExp(COACH_EMAIL));
    assert.match(text, /Wijkcoach/);
    assert.match(text, new RegExp(TEAM));
    assert.match(text, /Nooit/);
    assert.equal(await page.getByRole('navigation', { name: 'Pagina’s met gebruikers' }).count(), 0, 'one page: no pager');
    await checkA11y(page, 'users page');
  });

  await t.test('users: a server-side validation error shows next to its field', async () => {
    // The same e-mail address again: 409 conflict; a too-short password is caught first.
    await page.getByLabel('Naam', { exact: true }).fill('Dubbel');
    await page.getByLabel('E-mailadres', { exact: true }).fill(COACH_EMAIL);
    await page.getByLabel('Eerste wachtwoord', { exact: true }).fill('kort');
    await page.getByRole('group', { name: 'Rollen' }).getByLabel('Wijkcoach', { exact: true }).check();
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    const pw = page.getByLabel('Eerste wachtwoord', { exact: true });
    assert.equal(await pw.getAttribute('aria-invalid'), 'true');
    await waitForFocus(page, 'user-new-password', 'focus goes to the first invalid field');
    await pw.fill(`pw-${RUN_ID}-long-enough`);
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    const alert = page.getByRole('alert');
    await alert.locator('.utrecht-alert').waitFor();
    const msg = (await alert.textContent()).trim();
    assert.ok(msg.length > 0, 'a Dutch message from the server is shown');
    console.log(`# duplicate e-mail → "${msg}"`);
    await checkA11y(page, 'users page with an error');
  });

  await t.test('users: edit roles and teams (PATCH)', async () => {
    const row = page.getByRole('row', { name: new RegExp(COACH) });
    await row.getByRole('button', { name: `Bewerken ${COACH}` }).click();
    await page.getByRole('heading', { level: 2, name: `Gebruiker ${COACH} bewerken` }).waitFor();
    const roles = page.getByRole('group', { name: 'Rollen' });
    assert.equal(await roles.getByLabel('Wijkcoach', { exact: true }).isChecked(), true);
    await roles.getByLabel('Wijkteammanager', { exact: true }).check();
    await roles.getByLabel('Coördinator van een programma', { exact: true }).check();
    await page.getByLabel('Programma (code)').fill('Niet Geldig');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await waitForFocus(page, 'user-edit-programmes', 'a bad programme code is caught first');
    await page.getByLabel('Programma (code)').fill('doorstroomwoningen');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').getByText(`Gebruiker ${COACH} is opgeslagen.`).waitFor();
    const text = await row.textContent();
    assert.match(text, /Wijkteammanager/);
    assert.match(text, /Coördinator doorstroomwoningen/);
    await page.waitForFunction(() => document.activeElement?.id?.startsWith('user-edit-'));
  });

  await t.test('users: deactivate with confirmation', async () => {
    const row = page.getByRole('row', { name: new RegExp(COACH) });
    await row.getByRole('button', { name: `Deactiveren ${COACH}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Gebruiker deactiveren' });
    await dialog.waitFor();
    assert.equal((await focused(page))?.text, 'Annuleren', 'focus starts on the safe choice');
    await checkA11y(page, 'confirmation dialog');
    await dialog.getByRole('button', { name: 'Ja, deactiveren' }).click();
    await page.getByRole('status').getByText(`Gebruiker ${COACH} is gedeactiveerd.`).waitFor();
    await row.getByRole('button', { name: `Activeren ${COACH}` }).waitFor();
    assert.match(await row.textContent(), /Nee/);
    assert.equal(await dialog.count(), 0);
    await screenshot(page, 'users');
  });

  await t.test('audit: the entries are there', async () => {
    await gotoByMenu(page, 'Auditlog', 'Auditlog');
    await page.getByRole('table').first().waitFor();
    const body = await page.locator('table.wk-audit > tbody').textContent();
    assert.match(body, /Aangemaakt/);
    assert.match(body, /Gewijzigd/);
    assert.match(body, /Ingelogd/);
    // The newest entry first: the coach's deactivation.
    const first = page.locator('table.wk-audit > tbody > tr').first();
    const firstText = await first.textContent();
    assert.match(firstText, /Gewijzigd/);
    assert.match(firstText, /Gebruiker/);
    await first.getByText('Details').click();
    await first.getByRole('table').waitFor();
    // The field by its label, not its column name.
    assert.match(await first.locator('table.wk-diff').innerText(), /Actief/);
    await checkA11y(page, 'audit page');
    await screenshot(page, 'audit');

    // Filter on teams only.
    await page.getByLabel('Soort object').selectOption('team');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('table').first().getByText('Auditlog: Team').waitFor();
    const kinds = await page.locator('table.wk-audit > tbody > tr > td:nth-child(4)').allTextContents();
    assert.ok(kinds.length > 0);
    for (const k of kinds) assert.match(k, /^Team/);
  });

  await t.test('audit: "Meer laden" fetches the next page', async () => {
    // Make sure there are more than 50 entries: a few harmless team updates via the API.
    const api = page.request;
    const me = await (await api.get(`${target.url}/api/v1/me`)).json();
    const headers = { 'X-CSRF-Token': me.csrf_token };
    const count = async () => (await (await api.get(`${target.url}/api/v1/audit?limit=60`)).json()).items.length;
    const teams = (await (await api.get(`${target.url}/api/v1/teams`)).json()).items;
    const team = teams.find((x) => x.name === TEAM);
    for (let have = await count(), i = 0; have <= 55 && i < 60; have = await count(), i += 1) {
      for (let k = 0; k < 10; k += 1) {
        const res = await api.patch(`${target.url}/api/v1/teams/${team.id}`, {
          data: { neighbourhoods: k % 2 ? ['WK015399'] : ['WK015399', 'BU01539901'] },
          headers,
        });
        assert.equal(res.status(), 200, await res.text());
      }
    }
    await page.getByLabel('Soort object').selectOption('');
    await page.getByRole('button', { name: 'Filteren' }).click();
    const rows = page.locator('table.wk-audit > tbody > tr');
    await page.waitForFunction(() => document.querySelectorAll('table.wk-audit > tbody > tr').length === 50);
    const more = page.getByRole('button', { name: 'Meer laden' });
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('table.wk-audit > tbody > tr').length > 50);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-audit-id'))));
    assert.equal(new Set(ids).size, ids.length, 'no entry twice');
    // Newest first by the time of the change, also across pages (not by id: an entry's
    // id says when it was written, not when the change happened).
    const times = await rows.evaluateAll((trs) => trs.map((tr) => Date.parse(tr.querySelector('time').getAttribute('datetime'))));
    for (let i = 1; i < times.length; i += 1) assert.ok(times[i - 1] >= times[i], `row ${i} is not newer than the row above it`);
    await page.getByRole('status').getByText(`${ids.length} regels getoond.`, { exact: false }).waitFor();
  });

  await t.test('English switch, then back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  });

  await t.test('log out: back on the log-in page', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    assert.match(page.url(), /\/inloggen$/);
    await page.getByText('U bent uitgelogd.').waitFor();
    // The session is really gone: the API answers 401.
    const status = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
    assert.equal(status, 401);
    // And a page that needs a session goes back to the log-in page.
    await page.goto(`${target.url}/beheer/gebruikers`);
    await page.waitForURL(/\/inloggen(\?.*)?$/);
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
});

const KB_COACH = { name: `Coach Schrijver ${RUN_ID}`, email: `kb-writer-${RUN_ID}@test.example`, password: `pw-${RUN_ID}-long-enough` };
const DRAFT_TITLE = `Werkwijze huisbezoek ${RUN_ID}`;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

async function uiLogin(p, email, password) {
  await p.goto(`${target.url}/inloggen`);
  await p.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await p.getByLabel('E-mailadres').fill(email);
  await p.getByLabel('Wachtwoord').fill(password);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
}

test('settings: the admin lets coaches write knowledge-base items; a coach writes a draft', { timeout: 150_000 }, async (t) => {
  // Set up through the API as the admin: a coach, and the setting off (put back as it was at the end).
  const api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };
  const original = (await (await api.get('/api/v1/organisation/settings')).json()).knowledge_coach_authors;
  const setSetting = async (on) => {
    const res = await api.patch('/api/v1/organisation/settings', { data: { knowledge_coach_authors: on }, headers });
    assert.equal(res.status(), 200, `PATCH /api/v1/organisation/settings: ${res.status()} ${await res.text()}`);
  };
  await setSetting(false);
  const team = (await (await api.get('/api/v1/teams')).json()).items.find((x) => x.active);
  assert.ok(team, 'an active team exists');
  const made = await api.post('/api/v1/users', {
    data: { name: KB_COACH.name, email: KB_COACH.email, password: KB_COACH.password, roles: ['coach'], team_ids: [team.id] },
    headers,
  });
  assert.equal(made.status(), 201, `POST /api/v1/users: ${made.status()} ${await made.text()}`);

  const adminContext = await newContext(browser);
  const coachContext = await newContext(browser);
  try {
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(10_000);
    admin.on('pageerror', (err) => pageErrors.push(String(err)));
    const coach = await coachContext.newPage();
    coach.setDefaultTimeout(10_000);
    coach.on('pageerror', (err) => pageErrors.push(String(err)));

    await t.test('the admin opens Instellingen from the menu', async () => {
      await uiLogin(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
      await gotoByMenu(admin, 'Instellingen', 'Instellingen');
      await waitForHeadingFocus(admin, 'focus on the page heading after navigating');
      assert.match(admin.url(), /\/beheer\/instellingen$/);
      await admin.getByRole('group', { name: 'Wie schrijft kennisbank-items?' }).waitFor();
      const box = admin.getByLabel('Wijkcoaches mogen kennisbank-items schrijven (concepten; een kwaliteitsmedewerker beoordeelt en publiceert)', { exact: true });
      assert.equal(await box.isChecked(), false);
      await checkA11y(admin, 'settings page');
    });

    await t.test('a problem+json answer is shown at the checkbox', async () => {
      // The server only refuses a non-boolean, which the page never sends: answer one refusal here.
      await admin.route('**/api/v1/organisation/settings', async (route) => {
        if (route.request().method() !== 'PATCH') return route.fallback();
        await route.fulfill({
          status: 422,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'De invoer is niet geldig.',
            status: 422,
            detail: 'The input is not valid.',
            errors: [{ field: 'knowledge_coach_authors', title: 'Kies ja of nee.', detail: 'must be a boolean' }],
          }),
        });
      });
      await admin.locator('#settings-coach-authors').check();
      await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await admin.getByRole('alert').getByText('De invoer is niet geldig.').waitFor();
      assert.equal(await admin.locator('#settings-knowledge-authors').getAttribute('aria-invalid'), 'true');
      assert.match(norm(await admin.locator('#settings-knowledge-authors-error').innerText()), /^Kies ja of nee\.$/);
      await waitForFocus(admin, 'settings-coach-authors', 'focus goes to the checkbox');
      await checkA11y(admin, 'settings page with an error');
      await admin.unroute('**/api/v1/organisation/settings');
    });

    await t.test('the admin turns the setting on and saves', async () => {
      await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await admin.getByRole('status').getByText('De instelling is opgeslagen: wijkcoaches kunnen nu kennisbank-items schrijven.').waitFor();
      assert.equal(await admin.locator('#settings-knowledge-authors').getAttribute('aria-invalid'), null, 'the error is gone');
      assert.equal(await admin.getByRole('alert').locator('.utrecht-alert').count(), 0);
      const now = await (await api.get('/api/v1/organisation/settings')).json();
      assert.equal(now.knowledge_coach_authors, true, 'the server has it');
      await checkA11y(admin, 'settings page after saving');
      await screenshot(admin, 'settings');
      await admin.reload();
      await admin.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor();
      await admin.locator('#settings-coach-authors:checked').waitFor();
    });

    await t.test('the change is in the audit log', async () => {
      await gotoByMenu(admin, 'Auditlog', 'Auditlog');
      await admin.getByLabel('Soort object').selectOption('organisation_settings');
      await admin.getByRole('button', { name: 'Filteren' }).click();
      await admin.getByRole('table').first().getByText('Auditlog: Instellingen').waitFor();
      const first = admin.locator('table.wk-audit > tbody > tr').first();
      assert.match(norm(await first.innerText()), /Gewijzigd.*Instellingen/);
    });

    await t.test('the coach sees Nieuw item and an empty Mijn concepten', async () => {
      await uiLogin(coach, KB_COACH.email, KB_COACH.password);
      await gotoByMenu(coach, 'Kennisbank', 'Kennisbank');
      await coach.locator('#kb-new').waitFor();
      const mine = coach.getByRole('region', { name: 'Mijn concepten' });
      await mine.getByText('U heeft geen concepten en geen items ter review.').waitFor();
      await checkA11y(coach, 'knowledge base (coach who writes)');
    });

    await t.test('the coach writes a draft and finds it under Mijn concepten', async () => {
      await coach.locator('#kb-new').click();
      await coach.getByRole('heading', { level: 1, name: 'Nieuw kennisbank-item' }).waitFor();
      await coach.locator('#knowledge-category').selectOption('methodiek');
      await coach.locator('#knowledge-title').fill(DRAFT_TITLE);
      await coach.locator('#knowledge-body').fill('# Voorbereiding\n\nBel van tevoren en kom met twee collega’s.');
      await coach.locator('#knowledge-submit').click();
      await coach.getByRole('heading', { level: 1, name: DRAFT_TITLE }).waitFor();
      assert.match(norm(await coach.locator('#kb-meta').innerText()), /Concept/);

      await coach.goto(`${target.url}/kennisbank`);
      const row = coach.locator('table.wk-kb-mine-items tr', { hasText: DRAFT_TITLE });
      await row.waitFor();
      assert.match(norm(await row.innerText()), /Methodiek Concept \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
      await checkA11y(coach, 'knowledge base with Mijn concepten');
      await screenshot(coach, 'kennisbank-mine');

      // Offered for review, it stays in the list with its new status.
      await row.getByRole('link', { name: DRAFT_TITLE }).click();
      await coach.getByRole('heading', { level: 1, name: DRAFT_TITLE }).waitFor();
      await coach.locator('#kb-submit').click();
      await coach.getByText(`“${DRAFT_TITLE}” is ter review aangeboden.`).waitFor();
      await coach.goto(`${target.url}/kennisbank`);
      await coach.locator('table.wk-kb-mine-items tr', { hasText: DRAFT_TITLE }).getByText('Ter review').waitFor();
    });

    await t.test('no JavaScript errors on the way', () => {
      assert.deepEqual(pageErrors, []);
    });
  } finally {
    await adminContext.close();
    await coachContext.close();
    await setSetting(original === true).catch(() => undefined);
    await api.dispose();
  }
});

test('settings: the public story form’s logo and privacy note', { timeout: 150_000 }, async (t) => {
  const api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };
  const me = await (await api.get('/api/v1/me')).json();
  const { slug, name: orgName } = me.organisation;
  // As it was, to put back: the logo's bytes (or none) and the privacy note.
  const oldLogo = await api.get('/api/v1/organisation/logo');
  const logoBefore = oldLogo.status() === 200 ? await oldLogo.body() : null;
  const noteBefore = (await (await api.get('/api/v1/organisation/settings')).json()).public_privacy_note ?? '';
  // Start without a logo and with the default text.
  if (logoBefore) await api.delete('/api/v1/organisation/logo', { headers });
  if (noteBefore) await api.patch('/api/v1/organisation/settings', { data: { public_privacy_note: '' }, headers });
  const defaultNote = (await (await api.get(`/api/v1/public/${slug}/form`)).json()).privacy_note;
  const OWN_NOTE = `Alleen de twee kwaliteitsmedewerkers lezen uw verhaal (${RUN_ID}).\n\nWij bewaren het twee jaar. U hoeft geen naam te geven.`;

  const adminContext = await newContext(browser);
  try {
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(10_000);
    admin.on('pageerror', (err) => pageErrors.push(String(err)));
    const field = admin.locator('#settings-logo');
    const fieldError = admin.locator('#settings-logo-error');

    await t.test('the page shows no logo yet and the default privacy text', async () => {
      await uiLogin(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
      await gotoByMenu(admin, 'Instellingen', 'Instellingen');
      await admin.getByRole('region', { name: 'Logo op het vertelpunt' }).waitFor();
      await admin.locator('#settings-logo-none').getByText('Er is nog geen logo.', { exact: false }).waitFor();
      assert.equal(await admin.getByRole('button', { name: 'Logo verwijderen' }).count(), 0);
      const link = admin.getByRole('link', { name: 'Het vertelpunt bekijken (opent in een nieuw tabblad)' });
      assert.equal(await link.getAttribute('href'), `/vertel/${slug}`);
      assert.equal(await link.getAttribute('target'), '_blank');
      const privacy = admin.getByRole('region', { name: 'Privacy op het vertelpunt' });
      assert.equal(await privacy.getByLabel('Tekst over privacy voor inwoners').inputValue(), '');
      assert.match(norm(await privacy.innerText()), /Laat u het veld leeg, dan zien inwoners de standaardtekst/);
      const shown = norm(await admin.locator('#settings-privacy-default').innerText());
      assert.match(shown, /^Het veld is leeg, dus inwoners zien de standaardtekst:/);
      assert.ok(shown.includes(norm(defaultNote)), `the default text as the public form has it: ${shown}`);
      await checkA11y(admin, 'settings page with the public form settings');
    });

    await t.test('a file that is not an image is refused at the field, in Dutch', async () => {
      await field.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('Dit is geen afbeelding.') });
      await admin.getByRole('button', { name: 'Logo opslaan' }).click();
      await admin.getByRole('alert').getByText('Het logo is niet opgeslagen.').waitFor();
      assert.equal(norm(await fieldError.innerText()), 'Dit bestand is geen afbeelding in PNG, JPEG, GIF of WebP. Kies een ander bestand.');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.ok((await field.getAttribute('aria-describedby')).split(' ').includes('settings-logo-error'));
      await waitForFocus(admin, 'settings-logo', 'focus on the logo field');
      await checkA11y(admin, 'settings page with the logo refused');
    });

    await t.test('a file over 256 kB is refused at the field', async () => {
      const big = Buffer.concat([testLogo(), Buffer.alloc(300 * 1024)]);
      await field.setInputFiles({ name: 'groot-logo.png', mimeType: 'image/png', buffer: big });
      assert.equal(await fieldError.count(), 0, 'choosing another file clears the message');
      await admin.getByRole('button', { name: 'Logo opslaan' }).click();
      await fieldError.getByText('Dit bestand is groter dan 256 kB. Maak het logo kleiner en probeer het opnieuw.').waitFor();
    });

    await t.test('a PNG is saved, shown here and on the public form', async () => {
      await field.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: testLogo() });
      const put = admin.waitForResponse((r) => r.url().endsWith('/api/v1/organisation/logo') && r.request().method() === 'PUT');
      await admin.getByRole('button', { name: 'Logo opslaan' }).click();
      const res = await put;
      assert.equal(res.request().headers()['content-type'], 'image/png');
      assert.deepEqual(await res.json(), { content_type: 'image/png', size: testLogo().length }, 'the file’s bytes are the body');
      await admin.getByRole('status').getByText('Het logo is opgeslagen. Inwoners zien het nu bovenaan het vertelpunt.').waitFor();
      assert.equal(await fieldError.count(), 0);
      const img = admin.getByRole('img', { name: `Huidig logo van ${orgName}`, exact: true });
      await img.waitFor();
      await admin.waitForFunction(() => document.getElementById('settings-logo-current')?.naturalWidth === 180);
      await admin.getByRole('button', { name: 'Logo vervangen' }).waitFor();
      await admin.getByRole('button', { name: 'Logo verwijderen' }).waitFor();
      await checkA11y(admin, 'settings page with a logo');

      const pub = await adminContext.newPage();
      await pub.goto(`${target.url}/vertel/${slug}`);
      const logo = pub.getByRole('img', { name: `Logo van ${orgName}`, exact: true });
      await logo.waitFor();
      await pub.waitForFunction(() => document.querySelector('header img')?.naturalWidth === 180);
      await pub.close();
    });

    await t.test('the default text taken over, changed and saved; residents see it', async () => {
      await admin.locator('#settings-privacy-use-default').click();
      const box = admin.getByLabel('Tekst over privacy voor inwoners');
      await waitForFocus(admin, 'settings-privacy-note', 'focus in the text box');
      assert.equal(await box.inputValue(), defaultNote);
      assert.equal(await admin.locator('#settings-privacy-default').count(), 0, 'the default is no longer shown once there is text');
      await box.fill(OWN_NOTE);
      await admin.getByRole('button', { name: 'Tekst opslaan' }).click();
      await admin.getByRole('status').getByText('De tekst over privacy is opgeslagen. Inwoners zien hem nu op het vertelpunt.').waitFor();
      const now = await (await api.get('/api/v1/organisation/settings')).json();
      assert.equal(now.public_privacy_note, OWN_NOTE);
      await screenshot(admin, 'settings-public-form');

      const pub = await adminContext.newPage();
      await pub.goto(`${target.url}/vertel/${slug}`);
      const note = pub.getByRole('region', { name: 'Wat gebeurt er met uw verhaal?' });
      await note.waitFor();
      const paragraphs = (await note.locator('p').allInnerTexts()).map(norm);
      assert.deepEqual(paragraphs, [`Alleen de twee kwaliteitsmedewerkers lezen uw verhaal (${RUN_ID}).`, 'Wij bewaren het twee jaar. U hoeft geen naam te geven.']);
      await pub.close();
    });

    await t.test('emptied again: residents see the default text', async () => {
      await admin.getByLabel('Tekst over privacy voor inwoners').fill('');
      await admin.getByRole('button', { name: 'Tekst opslaan' }).click();
      await admin.getByRole('status').getByText('Opgeslagen: inwoners zien de standaardtekst.').waitFor();
      assert.ok(norm(await admin.locator('#settings-privacy-default').innerText()).includes(norm(defaultNote)));
    });

    await t.test('the logo removed after a confirmation', async () => {
      await admin.getByRole('button', { name: 'Logo verwijderen' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Logo verwijderen?' });
      await dialog.waitFor();
      assert.equal((await focused(admin)).text, 'Annuleren', 'focus starts on the safe choice');
      await checkA11y(admin, 'remove logo confirmation');
      await dialog.getByRole('button', { name: 'Logo verwijderen' }).click();
      await admin.getByRole('status').getByText('Het logo is verwijderd.').waitFor();
      await admin.locator('#settings-logo-none').waitFor();
      assert.equal((await api.get('/api/v1/organisation/logo')).status(), 404);
      assert.equal((await (await api.get(`/api/v1/public/${slug}/form`)).json()).logo, null);
    });

    await t.test('no JavaScript errors on the way', () => {
      assert.deepEqual(pageErrors, []);
    });
  } finally {
    await adminContext.close();
    if (logoBefore) await api.put('/api/v1/organisation/logo', { data: logoBefore, headers: { ...headers, 'Content-Type': 'application/octet-stream' } }).catch(() => undefined);
    else await api.delete('/api/v1/organisation/logo', { headers }).catch(() => undefined);
    await api.patch('/api/v1/organisation/settings', { data: { public_privacy_note: noteBefore }, headers }).catch(() => undefined);
    await api.dispose();
  }
});
