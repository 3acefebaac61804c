// The users page (Beheer → Gebruikers) pages and searches, in a real browser. The admin
// makes 55 users through the API whose names share this run's id; the page searches for
// them (any case), shows 50 with "Gebruikers 1 tot en met 50 van 55", pages on by keyboard
// with focus on the new rows and the search kept in the address, deactivates one on the
// second page (the row changes in place, the page stays), goes back, finds nothing for an
// unknown name and returns to all users. A list of more than 10,000 users (the organisation
// scripts/e2e.sh fills, lib.mjs BIG) says "van meer dan 10.000", stops at offset 10,000 with
// "Verfijn het filter om verder te kijken." as the other lists do, and the audit log's
// person filter still offers the first 500 by name.
// axe-core (WCAG 2.1 A/AA) on the way. Screenshots users-search.png, users-past-10000.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BIG,
  RUN_ID,
  apiLogin,
  checkA11y,
  focused,
  gotoByMenu,
  launchBrowser,
  logIn,
  newContext,
  playwrightRequest,
  screenshot,
  startTarget,
  waitForFocus,
} from './lib.mjs';

let target;
let browser;
const pageErrors = [];
/** 55 users: more than a page of 50. Named "Zoekproef …" so that on a database used again they sort after the audit test's people (the audit page offers the first 500 by name). */
const COUNT = 55;
const NAME = `Zoekproef ${RUN_ID}`;
const nameOf = (i) => `${NAME} ${String(i).padStart(2, '0')}`;
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const PATH = '/beheer/gebruikers';
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  const api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  for (let i = 1; i <= COUNT; i += 1) {
    // P&O: no team and not among the colleagues other tests choose from.
    const res = await api.post('/api/v1/users', {
      data: { name: nameOf(i), email: `zoekproef-${RUN_ID}-${i}@test.example`, password: PASSWORD, roles: ['hr'], team_ids: [] },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201, `POST /api/v1/users ${i}: ${res.status()} ${await res.text()}`);
  }
  await api.dispose();
});

after(async () => {
  await browser?.close();
  await target?.close();
});

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return page;
}

test('users: search, 50 to a page, Volgende and Vorige, a change on the second page', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);
  const caption = (text) => page.locator('#users-caption').getByText(text, { exact: true });
  const pager = () => page.getByRole('navigation', { name: 'Pagina’s met gebruikers' });
  const rows = page.locator('table tbody tr');
  const box = page.getByLabel('Zoeken op naam of e-mailadres', { exact: true });

  await t.test('the search finds the run’s 55 users in any case; the first 50 by name', async () => {
    await logIn(page, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await gotoByMenu(page, 'Gebruikers', 'Gebruikers');
    await page.getByRole('search', { name: 'Gebruikers zoeken' }).waitFor();
    await page.locator('#users-caption').waitFor();
    await box.fill(NAME.toUpperCase());
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await caption(`Gebruikers 1 tot en met 50 van ${COUNT}`).waitFor();
    await page.locator('#users-announce').getByText(`${COUNT} gebruikers gevonden.`, { exact: true }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('zoek'), NAME.toUpperCase());
    assert.equal(await rows.count(), 50);
    assert.equal(norm(await rows.first().locator('th').textContent()), nameOf(1));
    assert.equal(norm(await rows.last().locator('th').textContent()), nameOf(50));
    assert.equal(await pager().getByRole('link', { name: 'Vorige' }).count(), 0, 'the first page: no Vorige');
    await pager().getByText(`Gebruikers 1 tot en met 50 van ${COUNT}`, { exact: true }).waitFor();
    await checkA11y(page, 'users page, searched');
    await screenshot(page, 'users-search');
  });

  await t.test('Volgende by keyboard: the next 5, focus on them, the search kept', async () => {
    const next = pager().getByRole('link', { name: 'Volgende', exact: true });
    await next.focus();
    await page.keyboard.press('Enter');
    await caption(`Gebruikers 51 tot en met ${COUNT} van ${COUNT}`).waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('vanaf'), '50');
    assert.equal(url.searchParams.get('zoek'), NAME.toUpperCase(), 'the search kept');
    assert.equal(await box.inputValue(), NAME.toUpperCase(), 'the box still says it');
    assert.equal(await rows.count(), COUNT - 50);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'region' && document.activeElement.getAttribute('aria-labelledby') === 'users-caption');
    assert.equal(await pager().getByRole('link', { name: 'Volgende' }).count(), 0, 'the last page: no Volgende');
    await pager().getByRole('link', { name: 'Eerste pagina' }).waitFor();
    await checkA11y(page, 'users page 2');
  });

  await t.test('deactivate on the second page: the row changes in place, the page stays', async () => {
    const who = nameOf(52);
    const row = page.getByRole('row', { name: new RegExp(who) });
    await row.getByRole('button', { name: `Deactiveren ${who}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Gebruiker deactiveren' });
    await dialog.waitFor();
    assert.equal((await focused(page))?.text, 'Annuleren', 'focus starts on the safe choice');
    await dialog.getByRole('button', { name: 'Ja, deactiveren' }).click();
    await page.getByRole('status').getByText(`Gebruiker ${who} is gedeactiveerd.`).waitFor();
    await row.getByRole('button', { name: `Activeren ${who}` }).waitFor();
    const button = await row.getByRole('button', { name: `Activeren ${who}` }).getAttribute('id');
    await waitForFocus(page, button, 'focus back on the row’s button');
    await caption(`Gebruikers 51 tot en met ${COUNT} van ${COUNT}`).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), '50');
  });

  await t.test('Vorige goes back to the first 50; Back in the browser to the second page', async () => {
    await pager().getByRole('link', { name: 'Vorige', exact: true }).click();
    await caption(`Gebruikers 1 tot en met 50 van ${COUNT}`).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), null);
    await page.goBack();
    await caption(`Gebruikers 51 tot en met ${COUNT} van ${COUNT}`).waitFor();
    await page.getByRole('row', { name: new RegExp(nameOf(52)) }).getByText('Nee').waitFor();
  });

  await t.test('nothing found, then all users again', async () => {
    await box.fill(`geen-gebruiker-${RUN_ID}`);
    await box.press('Enter');
    await page.getByText('Er zijn geen gebruikers met deze naam of dit e-mailadres.', { exact: true }).waitFor();
    await page.locator('#users-announce').getByText('Geen gebruikers gevonden.', { exact: true }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), null, 'a new search starts at the first page');
    await checkA11y(page, 'users page, nothing found');
    await page.getByRole('button', { name: 'Alle gebruikers' }).click();
    await page.waitForURL((url) => url.pathname === PATH && url.search === '');
    await caption(/^Gebruikers 1 tot en met \d+ van [\d.]+$/).waitFor();
    assert.equal(await box.inputValue(), '', 'the box emptied');
    assert.equal(await page.getByRole('button', { name: 'Alle gebruikers' }).count(), 0);
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});

test('more than 10,000 users: "van meer dan 10.000", then "Verfijn het filter"; the audit filter keeps working', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);
  const caption = (text) => page.locator('#users-caption').getByText(text, { exact: true });
  const pager = () => page.getByRole('navigation', { name: 'Pagina’s met gebruikers' });
  await logIn(page, target.url, BIG.email, BIG.password);

  await t.test('the first page: "van meer dan 10.000"', async () => {
    await page.goto(`${target.url}${PATH}`);
    await caption('Gebruikers 1 tot en met 50 van meer dan 10.000').waitFor();
    await pager().getByRole('link', { name: 'Volgende' }).waitFor();
  });

  await t.test('a search that finds them all says so too', async () => {
    const box = page.getByLabel('Zoeken op naam of e-mailadres', { exact: true });
    await box.fill('veel');
    await box.press('Enter');
    await page.locator('#users-announce').getByText('Meer dan 10.000 gebruikers gevonden.', { exact: true }).waitFor();
    await caption('Gebruikers 1 tot en met 50 van meer dan 10.000').waitFor();
    await box.fill('VEEL 00042');
    await box.press('Enter');
    await caption('Gebruikers 1 tot en met 1 van 1').waitFor();
    await page.getByRole('row', { name: /Veel 00042/ }).waitFor();
  });

  await t.test('Volgende up to offset 10,000, then the hint instead of a link', async () => {
    await page.goto(`${target.url}${PATH}?vanaf=9950`);
    await caption('Gebruikers 9.951 tot en met 10.000 van meer dan 10.000').waitFor();
    const next = pager().getByRole('link', { name: 'Volgende', exact: true });
    await next.focus();
    await page.keyboard.press('Enter');
    await caption('Gebruikers 10.001 tot en met 10.050 van meer dan 10.000').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), '10000');
    assert.equal(await pager().getByRole('link', { name: 'Volgende' }).count(), 0, 'no link the server would refuse');
    await pager().getByText('Verfijn het filter om verder te kijken.', { exact: true }).waitFor();
    await pager().getByRole('link', { name: 'Vorige' }).waitFor();
    await pager().getByRole('link', { name: 'Eerste pagina' }).waitFor();
    await checkA11y(page, 'users page at offset 10,000');
    await screenshot(page, 'users-past-10000');
  });

  await t.test('an old link past 10,000 shows the deepest page instead of an error', async () => {
    await page.goto(`${target.url}${PATH}?vanaf=12000`);
    await caption('Gebruikers 10.001 tot en met 10.050 van meer dan 10.000').waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error');
  });

  await t.test('in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await caption('Users 10,001 to 10,050 of more than 10,000').waitFor();
    await page.getByRole('navigation', { name: 'Pages of users' }).getByText('Narrow the filter to see further.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await caption('Gebruikers 10.001 tot en met 10.050 van meer dan 10.000').waitFor();
  });

  await t.test('the audit log’s person filter: the first 500 by name, no error', async () => {
    await page.goto(`${target.url}/beheer/audit`);
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    const persons = page.getByLabel('Persoon').locator('option');
    await page.waitForFunction(() => document.querySelectorAll('#audit-actor option').length > 1);
    assert.equal(await persons.count(), 1 + 500, 'the placeholder and 500 people');
    const labels = await persons.allTextContents();
    assert.ok(labels.includes(BIG.name), 'the admin (by name before the many) is there');
    assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error');
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});
