// Unsaved work is not lost silently (issue 14, defect 5). A coach changes a receipt line
// on a case page and follows an in-app link: the app's dialog asks ("Blijven" keeps the
// value); the browser asks before a reload (beforeunload) and the app before the back
// button; one "Opslaan" saves the case's details and its receipt together, after which
// leaving asks nothing and coming back shows what was saved. A refusal stops the save
// at its field and says what was saved. The story form shares the same guard: typing
// and wiping again is no change. axe-core checks the dialog.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  RUN_ID,
  apiLogin,
  checkA11y,
  focused,
  launchBrowser,
  newContext,
  playwrightRequest,
  screenshot,
  startTarget,
  waitForFocus,
  logIn,
} from './lib.mjs';

let target;
let browser;
let api; // logged in as the admin
let team;
let programme;
let category;
let payer;
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const COACH = { name: `Coach Onopgeslagen ${RUN_ID}`, email: `unsaved-${RUN_ID}@test.example` };
const REF = `WS-UNS-${RUN_ID}`.slice(0, 40);
const DIALOG = 'Wijzigingen niet opgeslagen';
const QUESTION = 'U hebt wijzigingen die nog niet zijn opgeslagen. Wilt u de pagina verlaten en de wijzigingen weggooien?';

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };
  const teams = (await (await api.get('/api/v1/teams')).json()).items;
  team = teams.find((x) => x.active);
  assert.ok(team, 'a demo team exists');
  let res = await api.post('/api/v1/programmes', {
    data: { name: `Onopgeslagen E2E ${RUN_ID}`, slug: `uns-${RUN_ID}`, description: 'Browsertest', start_date: '2017-01-01' },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/programmes: ${res.status()} ${await res.text()}`);
  programme = await res.json();
  res = await api.post('/api/v1/users', {
    data: { name: COACH.name, email: COACH.email, password: PASSWORD, roles: ['coach'], team_ids: [team.id] },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/users: ${res.status()} ${await res.text()}`);
  category = (await (await api.get('/api/v1/lists/cost_category')).json()).items.find((v) => v.active);
  payer = (await (await api.get('/api/v1/lists/payer')).json()).items.find((v) => v.active);
  assert.ok(category && payer, 'a cost category and a payer');
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

function login(page) {
  return logIn(page, target.url, COACH.email, PASSWORD);
}

/** The coach's case with a receipt (oud € 2.400, nieuw € 311), made through the API. */
async function makeCase(page, reference) {
  const me = await (await page.request.get(`${target.url}/api/v1/me`)).json();
  const headers = { 'X-CSRF-Token': me.csrf_token };
  let res = await page.request.post(`${target.url}/api/v1/cases`, {
    data: { reference, team_id: team.id, programme_id: programme.id, start_date: '2017-03-01', plan: 'Eerste afspraken.' },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/cases: ${res.status()} ${await res.text()}`);
  const kase = await res.json();
  const line = (description, amount_cents) => ({ category_id: category.id, payer_id: payer.id, description, amount_cents });
  res = await page.request.put(`${target.url}/api/v1/cases/${kase.id}/receipt`, {
    data: { oud: [line('Opvang', 240000)], nieuw: [line('Inzet wijkcoach', 31100)] },
    headers,
  });
  assert.equal(res.status(), 200, `PUT receipt: ${res.status()} ${await res.text()}`);
  return kase;
}

async function stored(page, id) {
  const kase = await (await page.request.get(`${target.url}/api/v1/cases/${id}`)).json();
  const receipt = await (await page.request.get(`${target.url}/api/v1/cases/${id}/receipt`)).json();
  return { kase, receipt };
}

const oudAmount = (page) => page.locator('table[data-side="oud"] tbody tr').first().locator('.wk-amount');
const menuLink = (page, name) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true });

test('case page: a warning before leaving with unsaved changes, one save for details and receipt', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  // The dialogs the browser itself shows (beforeunload): one is expected, on the reload below.
  const browserDialogs = [];
  let expectDialog = false;
  page.on('dialog', (d) => {
    browserDialogs.push(d.type());
    if (!expectDialog) void d.dismiss();
  });
  await login(page);
  const kase = await makeCase(page, REF);
  const heading = page.getByRole('heading', { level: 1, name: `Casus ${REF}` });

  await t.test('leaving without changes asks nothing', async () => {
    // In the app from the case list, so that back and forward stay inside the app.
    await page.goto(`${target.url}/casussen?zoek=${encodeURIComponent(REF)}`);
    await page.getByRole('link', { name: REF, exact: true }).click();
    await heading.waitFor();
    await menuLink(page, 'Casussen').click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    await page.goBack();
    await heading.waitFor();
  });

  await t.test('a changed receipt line: an in-app link asks, "Blijven" keeps the value', async () => {
    const amount = oudAmount(page);
    assert.equal(await amount.inputValue(), '2.400');
    // Typed and undone: no change, nothing to ask.
    await amount.fill('2.500');
    await amount.fill('2.400');
    assert.equal(await page.locator('#case-unsaved').textContent(), '');
    await amount.fill('2.500');
    await page.locator('#case-unsaved').getByText('Nog niet opgeslagen wijzigingen.').waitFor();

    await menuLink(page, 'Casussen').click();
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor();
    assert.equal((await dialog.locator('p').textContent()).trim(), QUESTION);
    assert.equal((await focused(page))?.text, 'Blijven', 'focus on the safe choice');
    await dialog.getByRole('button', { name: 'Verlaten zonder opslaan' }).waitFor();
    assert.match(page.url(), new RegExp(`/casussen/${kase.id}$`));
    await checkA11y(page, 'unsaved changes dialog');
    await screenshot(page, 'unsaved-dialog');

    await dialog.getByRole('button', { name: 'Blijven' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(page.url(), new RegExp(`/casussen/${kase.id}$`));
    await heading.waitFor();
    assert.equal(await oudAmount(page).inputValue(), '2.500', 'the typed value is still there');
    assert.match(await page.locator('#receipt-totals').innerText(), /€ 2\.500/);
  });

  await t.test('Escape in the dialog also stays', async () => {
    await page.getByRole('link', { name: 'Terug naar de casussen' }).click();
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.match(page.url(), new RegExp(`/casussen/${kase.id}$`));
    assert.equal(await oudAmount(page).inputValue(), '2.500');
  });

  await t.test('the browser asks before a reload (beforeunload) while changes are unsaved', async () => {
    assert.equal(
      await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }))),
      true,
      'a beforeunload handler cancels the unload',
    );
    expectDialog = true;
    const asked = page.waitForEvent('dialog');
    const reload = page.reload({ timeout: 3000 }).catch(() => null);
    const d = await asked;
    assert.equal(d.type(), 'beforeunload');
    await d.dismiss();
    await reload;
    expectDialog = false;
    assert.deepEqual(browserDialogs.splice(0), ['beforeunload']);
    assert.equal(await oudAmount(page).inputValue(), '2.500', 'the page was not reloaded');
  });

  await t.test("the browser's back button asks too", async () => {
    await page.goBack({ timeout: 3000 }).catch(() => null);
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Blijven' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL(new RegExp(`/casussen/${kase.id}$`));
    assert.equal(await oudAmount(page).inputValue(), '2.500');
  });

  await t.test('one "Opslaan" saves the details and the receipt; then leaving asks nothing', async () => {
    await page.getByLabel('Maatwerkplan').fill('Eerste afspraken.\nTweede gesprek met de corporatie.');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page
      .getByRole('status')
      .getByText(`De gegevens van casus ${REF} en de kassabon zijn opgeslagen. Besparing: € 2.189 per jaar.`)
      .waitFor();
    assert.equal(await page.locator('#case-unsaved').textContent(), '');
    const s = await stored(page, kase.id);
    assert.deepEqual(s.receipt.oud.map((l) => l.amount_cents), [250000]);
    assert.equal(s.kase.plan, 'Eerste afspraken.\nTweede gesprek met de corporatie.');
    assert.equal(
      await page.evaluate(() => window.dispatchEvent(new Event('beforeunload', { cancelable: true }))),
      true,
      'no beforeunload handler once saved',
    );

    await menuLink(page, 'Casussen').click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'no dialog after saving');

    await page.goBack();
    await heading.waitFor();
    assert.equal(await oudAmount(page).inputValue(), '2.500', 'the saved value');
    assert.equal(await page.getByLabel('Maatwerkplan').inputValue(), 'Eerste afspraken.\nTweede gesprek met de corporatie.');
  });

  await t.test('a refusal stops the save: the receipt is saved, the BSN in the plan is refused at the plan', async () => {
    await oudAmount(page).fill('2.600');
    await page.getByLabel('Maatwerkplan').fill('Eerste afspraken. BSN 111222333');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('alert').getByText('De kassabon is opgeslagen, de gegevens van de casus nog niet.', { exact: false }).waitFor();
    await waitForFocus(page, 'case-edit-plan', 'focus on the refused plan');
    assert.equal(await page.getByLabel('Maatwerkplan').getAttribute('aria-invalid'), 'true');
    const s = await stored(page, kase.id);
    assert.deepEqual(s.receipt.oud.map((l) => l.amount_cents), [260000], 'the receipt was saved');
    assert.equal(s.kase.plan, 'Eerste afspraken.\nTweede gesprek met de corporatie.', 'the plan was not');
    await screenshot(page, 'unsaved-refused');

    // The plan is still unsaved: leaving asks; "Verlaten zonder opslaan" leaves.
    await menuLink(page, 'Casussen').click();
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Verlaten zonder opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
  });

  await t.test('no JavaScript errors and no unexpected browser dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(browserDialogs, []);
  });
  await context.close();
});

test('story form: the same guard; typing and wiping again is no change', { timeout: 60_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await login(page);
  await page.goto(`${target.url}/verhalen/nieuw`);
  await page.getByRole('heading', { level: 1, name: 'Deel een verhaal' }).waitFor();
  const title = page.getByLabel('Titel', { exact: true });
  await title.fill('Een verhaal over de buurt');
  await title.fill('');
  await menuLink(page, 'Vertelpunt').click();
  await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'nothing typed that stays: no question');

  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Deel een verhaal' }).waitFor();
  await page.getByLabel('Titel', { exact: true }).fill('Een verhaal over de buurt');
  await menuLink(page, 'Vertelpunt').click();
  const dialog = page.getByRole('dialog', { name: DIALOG });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Verlaten zonder opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
  await context.close();
});
