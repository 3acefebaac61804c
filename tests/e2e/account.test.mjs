// "Mijn account" in a real browser: a coach (made through the API, also logged in a second
// time elsewhere) opens the page from the header link beside her name by keyboard, sees her
// name, e-mail address, role and team, and changes her password: a wrong current password is
// refused by the server at its box (focus there), a repeat that differs is caught in the
// browser (nothing sent), a 429 (answered by the test, so no account is locked) says how long
// to wait; then the change, "Uw wachtwoord is gewijzigd. U bent op andere apparaten
// uitgelogd." with focus on it, the other session ended and this one kept; the page in English;
// logged out, the old password no longer works and the new one does. axe-core on the way. Screenshot
// `mijn-account.png` (the user guide's, docs/images/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  RUN_ID,
  apiLogin,
  checkA11y,
  launchBrowser,
  logIn,
  newContext,
  playwrightRequest,
  screenshot,
  startTarget,
  waitForFocus,
  waitForHeadingFocus,
} from './lib.mjs';

let target;
let browser;
let admin; // API, logged in as the admin
let elsewhere; // API, the coach logged in on "another device"
let team;
const pageErrors = [];
const OLD_PASSWORD = `pw-${RUN_ID}-long-enough`;
const NEW_PASSWORD = `een nieuw wachtwoord ${RUN_ID}`;
const COACH = { name: `Fatima de Wit ${RUN_ID}`, email: `fatima.dewit-${RUN_ID}@test.example` };

/** Text with its spaces (also non-breaking ones) normalised. */
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  admin = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(admin, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const teams = (await (await admin.get('/api/v1/teams')).json()).items.filter((x) => x.active);
  team = teams.find((x) => x.name === 'Wijkteam Noord') ?? teams[0];
  assert.ok(team, 'a team exists');
  const res = await admin.post('/api/v1/users', {
    data: { name: COACH.name, email: COACH.email, password: OLD_PASSWORD, roles: ['coach'], team_ids: [team.id] },
    headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(res.status(), 201, `POST /api/v1/users: ${res.status()} ${await res.text()}`);
  elsewhere = await playwrightRequest.newContext({ baseURL: target.url });
  await apiLogin(elsewhere, target.url, COACH.email, OLD_PASSWORD);
});

after(async () => {
  await elsewhere?.dispose();
  await admin?.dispose();
  await browser?.close();
  await target?.close();
});

test('a coach changes her own password on Mijn account', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  const puts = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/api/v1/me/password')) puts.push(r);
  });
  const current = page.locator('#account-current-password');
  const next = page.locator('#account-new-password');
  const repeat = page.locator('#account-repeat-password');
  const submit = page.getByRole('button', { name: 'Wachtwoord wijzigen', exact: true });

  await t.test('the header link beside her name opens the page', async () => {
    await logIn(page, target.url, COACH.email, OLD_PASSWORD);
    const header = page.getByRole('banner');
    await header.getByText(`Ingelogd als ${COACH.name}`).waitFor();
    const link = header.getByRole('link', { name: 'Mijn account', exact: true });
    assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn account' }).count(), 0, 'not in the main menu');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    await waitForHeadingFocus(page);
    assert.match(page.url(), /\/mijn-account$/);
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assert.equal(await page.title(), 'Mijn account — Wijkkader');

    assert.equal(norm(await page.locator('#account-name').innerText()), COACH.name);
    assert.equal(norm(await page.locator('#account-email').innerText()), COACH.email);
    assert.equal(norm(await page.locator('#account-roles').innerText()), 'Wijkcoach');
    assert.equal(norm(await page.locator('#account-teams').innerText()), team.name);

    await page.getByRole('heading', { level: 2, name: 'Wachtwoord wijzigen' }).waitFor();
    assert.equal(await current.getAttribute('type'), 'password');
    assert.equal(await current.getAttribute('autocomplete'), 'current-password');
    assert.equal(await next.getAttribute('autocomplete'), 'new-password');
    assert.equal(await repeat.getAttribute('autocomplete'), 'new-password');
    assert.equal(await page.getByLabel('Huidig wachtwoord', { exact: true }).getAttribute('id'), 'account-current-password');
    assert.equal(await page.getByLabel('Nieuw wachtwoord', { exact: true }).getAttribute('id'), 'account-new-password');
    assert.equal(await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).getAttribute('id'), 'account-repeat-password');
    // The hint about the length belongs to the new password's box.
    assert.match(await next.getAttribute('aria-describedby'), /account-new-password-description/);
    assert.match(norm(await page.locator('#account-new-password-description').innerText()), /^Minstens 12 tekens\./);
    await checkA11y(page, 'Mijn account');
  });

  await t.test('a wrong current password: the server\'s message at its box', async () => {
    await current.fill('dit is niet mijn wachtwoord');
    await next.fill(NEW_PASSWORD);
    await repeat.fill(NEW_PASSWORD);
    await submit.click();
    await page.locator('#account-current-password-error').waitFor();
    assert.equal(norm(await page.locator('#account-current-password-error').innerText()), 'Het huidige wachtwoord klopt niet.');
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    assert.match(await current.getAttribute('aria-describedby'), /account-current-password-error/);
    assert.equal(await next.getAttribute('aria-invalid'), null);
    await page.getByRole('alert').getByText('De invoer is niet geldig.').waitFor();
    await waitForFocus(page, 'account-current-password', 'focus on the refused box');
    assert.equal(puts.length, 1);
    const me = await elsewhere.get('/api/v1/me');
    assert.equal(me.status(), 200, 'a refused change ends no session');
    await checkA11y(page, 'Mijn account, current password refused');
  });

  await t.test('a repeat that differs is caught in the browser', async () => {
    await current.fill(OLD_PASSWORD);
    await repeat.fill(`${NEW_PASSWORD}!`);
    await submit.click();
    await page.locator('#account-repeat-password-error').waitFor();
    assert.equal(norm(await page.locator('#account-repeat-password-error').innerText()), 'De wachtwoorden zijn niet gelijk.');
    assert.equal(await repeat.getAttribute('aria-invalid'), 'true');
    assert.match(await repeat.getAttribute('aria-describedby'), /account-repeat-password-error/);
    assert.equal(await current.getAttribute('aria-invalid'), null, 'the server\'s earlier message is gone');
    await waitForFocus(page, 'account-repeat-password', 'focus on the repeat');
    assert.equal(puts.length, 1, 'nothing sent');
  });

  await t.test('too many wrong passwords: the page says how long to wait', async () => {
    // The server throttles after five wrong current passwords in 15 minutes; answered here
    // instead, so that the account is not locked for the rest of the run.
    await page.route('**/api/v1/me/password', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '600' },
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'urn:wijkkader:problem:too-many-requests', status: 429, title: 'Te veel mislukte inlogpogingen.', detail: 'Too many failed log-ins.' }),
      }),
    );
    await repeat.fill(NEW_PASSWORD);
    await submit.click();
    await page.getByRole('alert').getByText('Te veel mislukte pogingen. Probeer het over 10 minuten opnieuw.').waitFor();
    await page.unroute('**/api/v1/me/password');
    assert.equal(puts.length, 2);
  });

  await t.test('the change: a confirmation with focus, other sessions ended', async () => {
    await current.fill(OLD_PASSWORD);
    await next.fill(NEW_PASSWORD);
    await repeat.fill(NEW_PASSWORD);
    const answered = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/me/password'));
    await submit.click();
    assert.equal((await answered).status(), 204);
    const done = page.getByRole('status').getByText('Uw wachtwoord is gewijzigd. U bent op andere apparaten uitgelogd.');
    await done.waitFor();
    await waitForFocus(page, 'account-password-changed', 'focus on the confirmation');
    assert.equal(await page.getByRole('alert').locator('.utrecht-alert').count(), 0, 'no error left');
    for (const box of [current, next, repeat]) assert.equal(await box.inputValue(), '', 'the boxes are emptied');
    const body = JSON.parse(puts[puts.length - 1].postData());
    assert.deepEqual(Object.keys(body).sort(), ['current_password', 'new_password'], 'the repeat stays in the browser');

    assert.equal((await elsewhere.get('/api/v1/me')).status(), 401, 'the other session has ended');
    assert.equal((await page.request.get(`${target.url}/api/v1/me`)).status(), 200, 'this one goes on');
    await checkA11y(page, 'Mijn account, password changed');

    // The user guide's picture (docs/images/mijn-account.png): the name and address without
    // the run's id (only the text on the screen; the app's own text nodes, so it renders on).
    const show = (locator, text) => locator.evaluate((el, v) => (el.firstChild.nodeValue = v), text);
    await show(page.locator('#account-name'), 'Fatima de Wit');
    await show(page.locator('#account-email'), 'f.dewit@wijkteam.example');
    await show(page.locator('.wk-header__user'), 'Ingelogd als Fatima de Wit');
    await screenshot(page, 'mijn-account');
  });

  await t.test('in English, the page and the confirmation follow the language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('status').getByText('Your password has been changed. You have been logged out on other devices.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'My account', exact: true }).waitFor();
    assert.equal(await page.getByLabel('Repeat new password', { exact: true }).getAttribute('id'), 'account-repeat-password');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
  });

  await t.test('logged out, only the new password works', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByLabel('E-mailadres').fill(COACH.email);
    await page.getByLabel('Wachtwoord').fill(OLD_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').locator('.utrecht-alert').waitFor();
    assert.match(page.url(), /\/inloggen$/, 'the old password is refused');
    await logIn(page, target.url, COACH.email, NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: `Welkom, ${COACH.name}` }).waitFor();
  });

  await context.close();
  assert.deepEqual(pageErrors, []);
});
