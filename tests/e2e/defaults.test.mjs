// Defaults that fit the work (issue 14, "First use"), in a real browser. The admin makes,
// through the API, a programme and a coach in one team. The coach's new case starts in her
// team with her as owner (saved so: the API says she owns it; "Geen eigenaar" saves none);
// the case list's team filter offers her own team only (she reads no other team's cases),
// the story list's her own team first and then the others.
// axe-core (WCAG 2.1 A/AA) runs on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  RUN_ID,
  apiLogin,
  checkA11y,
  launchBrowser,
  newContext,
  playwrightRequest,
  startTarget,
} from './lib.mjs';

let target;
let browser;
let api; // logged in as the admin
let team;
let programme;
let coachId;
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const COACH = { name: `Coach Standaard ${RUN_ID}`, email: `standaard-${RUN_ID}@test.example` };

/** Text with its spaces (also non-breaking ones) normalised. */
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };

  const teams = (await (await api.get('/api/v1/teams')).json()).items.filter((x) => x.active);
  team = teams.find((x) => x.name === 'Wijkteam Noord') ?? teams[0];
  assert.ok(team && teams.length > 1, 'demo teams exist');

  let res = await api.post('/api/v1/programmes', {
    data: { name: `Standaardprogramma ${RUN_ID}`, slug: `std-${RUN_ID}`, start_date: '2024-01-01' },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/programmes: ${res.status()} ${await res.text()}`);
  programme = await res.json();

  res = await api.post('/api/v1/users', {
    data: { name: COACH.name, email: COACH.email, password: PASSWORD, roles: ['coach'], team_ids: [team.id] },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/users: ${res.status()} ${await res.text()}`);
  coachId = (await res.json()).id;
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

async function login(page, email, password) {
  await page.goto(`${target.url}/inloggen`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
}

/** A select's options as [group label or '', option text]. */
async function optionsOf(page, selector) {
  return page.locator(`${selector} option`).evaluateAll((els) =>
    els.map((o) => [o.parentElement?.tagName === 'OPTGROUP' ? o.parentElement.label : '', o.textContent.trim()]),
  );
}

/** The case with this reference, as the admin's API sees it (the admin reads none: ask as the coach). */
async function caseByReference(page, reference) {
  const res = await page.request.get(`${target.url}/api/v1/cases?q=${encodeURIComponent(reference)}`);
  assert.equal(res.status(), 200);
  const found = (await res.json()).items.filter((c) => c.reference === reference);
  assert.equal(found.length, 1, `one case ${reference}`);
  return found[0];
}

test('coach: a new case is hers and in her team; the team filters offer her teams', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('the case list offers her own team only', async () => {
    await login(page, COACH.email, PASSWORD);
    await page.goto(`${target.url}/casussen`);
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    await page.locator('#cases-new').waitFor();
    assert.deepEqual(await optionsOf(page, '#cases-team'), [
      ['', 'Al mijn teams'],
      ['', team.name],
    ]);
    await checkA11y(page, 'case list (coach)');
  });

  await t.test('the new case form: her team chosen, she the owner', async () => {
    await page.locator('#cases-new').click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    assert.equal(await page.locator('#case-new-team').inputValue(), String(team.id));
    assert.deepEqual(await optionsOf(page, '#case-new-team'), [
      ['', 'Kies een team'],
      ['', team.name],
    ]);
    assert.equal(await page.locator('#case-new-owner').inputValue(), String(coachId));
    assert.equal(norm(await page.locator('#case-new-owner option:checked').textContent()), `${COACH.name} (uzelf)`);
    await page.locator('#case-new-owner-description').getByText('Een casus van uw eigen team is standaard van uzelf', { exact: false }).waitFor();
    await checkA11y(page, 'new case (coach)');

    const reference = `STD-${RUN_ID}`.slice(0, 40);
    await page.locator('#case-new-reference').fill(reference);
    await page.locator('#case-new-programme').selectOption(String(programme.id));
    await page.locator('#case-new-start').fill('01-03-2025');
    await page.getByRole('button', { name: 'Casus aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: `Casus ${reference}` }).waitFor();
    const saved = await caseByReference(page, reference);
    assert.equal(saved.owner?.id, coachId, 'the coach owns her new case');
    assert.equal(saved.team.id, team.id);
    assert.equal(await page.locator('#case-edit-owner').inputValue(), String(coachId));
  });

  await t.test('"Geen eigenaar" chosen: the case has no owner', async () => {
    await page.goto(`${target.url}/casussen/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    const reference = `STD0-${RUN_ID}`.slice(0, 40);
    await page.locator('#case-new-reference').fill(reference);
    await page.locator('#case-new-programme').selectOption(String(programme.id));
    await page.locator('#case-new-owner').selectOption('');
    await page.locator('#case-new-start').fill('02-03-2025');
    await page.getByRole('button', { name: 'Casus aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: `Casus ${reference}` }).waitFor();
    assert.equal((await caseByReference(page, reference)).owner, null, 'no owner: owner_id null is sent');
  });

  await t.test('the story list offers her own team first, then the others', async () => {
    await page.goto(`${target.url}/verhalen`);
    await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
    await page.locator('#stories-team option').nth(1).waitFor({ state: 'attached' });
    const options = await optionsOf(page, '#stories-team');
    assert.deepEqual(options[0], ['', 'Alle teams']);
    assert.deepEqual(options[1], ['Mijn teams', team.name]);
    assert.ok(options.length > 2, 'other teams too: stories are the organisation’s');
    assert.ok(options.slice(2).every(([group]) => group === 'Andere teams'), JSON.stringify(options));
    await checkA11y(page, 'story list (coach)');
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});
