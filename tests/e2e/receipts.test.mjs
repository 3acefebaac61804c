// Cases and cost receipts in a real browser. The admin makes a programme and a coach
// through the API; the coach then enters a case and its receipt with the keyboard
// only, sees the live totals in Dutch money, saves, checks the programme summary, and
// imports CSV files (a bad one: the Dutch row-by-row error list; then a good one).
// The administrator's pages for programmes and lists of values are checked too.
// A list of more than 10,000 cases (the organisation scripts/e2e.sh fills, lib.mjs BIG) is
// "van meer dan 10.000", pages by ?vanaf= up to 10,000 and by the server's cursor (?na=…&p=…)
// beyond, with the filter kept in every link.
// axe-core (WCAG 2.1 A/AA) runs on every page on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
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
  newContext,
  screenshot,
  startTarget,
  tabTo,
  waitForFocus,
  playwrightRequest,
  waitForHeadingFocus,
  logIn,
  walkPastTenThousand,
  checkCursorApi,
} from './lib.mjs';


let target;
let browser;
let api; // logged in as the admin
let csrf;
let team;
let programme;
let categories;
let payers;
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const COACH = { name: `Coach Kassabon ${RUN_ID}`, email: `kassabon-${RUN_ID}@test.example` };
const REF = `WS-E2E-${RUN_ID}`.slice(0, 40);
const GROUP = `Woning E2E ${RUN_ID}`;
const IMPORTED = `WS-IMP-${RUN_ID}`.slice(0, 40);

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };

  const teams = (await (await api.get('/api/v1/teams')).json()).items;
  team = teams.find((x) => x.name === 'Wijkteam Centrum' && x.active) ?? teams.find((x) => x.active);
  assert.ok(team, 'a demo team exists');

  let res = await api.post('/api/v1/programmes', {
    data: { name: `Doorstroomwoningen E2E ${RUN_ID}`, slug: `e2e-${RUN_ID}`, description: 'Browsertest', start_date: '2017-01-01' },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/programmes: ${res.status()} ${await res.text()}`);
  programme = await res.json();
  assert.equal(programme.slug, `e2e-${RUN_ID}`);
  assert.equal(programme.city_wide, true);

  res = await api.post('/api/v1/users', {
    data: { name: COACH.name, email: COACH.email, password: PASSWORD, roles: ['coach'], team_ids: [team.id] },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/users: ${res.status()} ${await res.text()}`);

  res = await api.get('/api/v1/lists/cost_category');
  assert.equal(res.status(), 200, `GET /api/v1/lists/cost_category: ${res.status()} ${await res.text()}`);
  categories = (await res.json()).items.filter((v) => v.active);
  res = await api.get('/api/v1/lists/payer');
  assert.equal(res.status(), 200, `GET /api/v1/lists/payer: ${res.status()} ${await res.text()}`);
  payers = (await res.json()).items.filter((v) => v.active);
  assert.ok(categories.length >= 17, `the 17 default cost categories (got ${categories.length})`);
  assert.ok(payers.length >= 5, `the 5 default payers (got ${payers.length})`);
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

/** A value of a list whose label matches `re` (the server's labels may be capitalised differently). */
function value(list, re) {
  const v = list.find((x) => re.test(x.label));
  assert.ok(v, `a list value matching ${re} (have: ${list.map((x) => x.label).join(', ')})`);
  return v;
}

/** In the focused <select>, moves to the option whose text matches `re` with the arrow keys only. */
async function chooseByKeyboard(page, re) {
  const info = await page.evaluate((src) => {
    const el = document.activeElement;
    if (!(el instanceof HTMLSelectElement)) return null;
    const want = [...el.options].findIndex((o) => new RegExp(src, 'i').test(o.textContent ?? ''));
    return { id: el.id, cur: el.selectedIndex, want };
  }, re.source);
  assert.ok(info, 'a select has focus');
  assert.ok(info.want >= 0, `option ${re} in #${info.id}`);
  const key = info.want > info.cur ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(info.want - info.cur); i += 1) await page.keyboard.press(key);
  const now = await page.evaluate(() => document.activeElement.selectedIndex);
  assert.equal(now, info.want, `#${info.id} moved to ${re} by keyboard`);
}

/** Text as a spreadsheet on Windows saves it: Windows-1252 (€ is 0x80, ö is 0xF6). */
function windows1252(text) {
  return Buffer.from(
    [...text].map((ch) => {
      if (ch === '€') return 0x80;
      const code = ch.codePointAt(0);
      assert.ok(code <= 0xff, `no Windows-1252 byte for ${ch}`);
      return code;
    }),
  );
}

function login(page, email, password) {
  return logIn(page, target.url, email, password);
}

/** The text of the live totals box, spaces normalised. */
async function totalsText(page) {
  return (await page.locator('#receipt-totals').innerText()).replace(/\s+/g, ' ').trim();
}

/** Types a receipt line into the line whose category select has focus. */
async function typeLine(page, category, payer, description, amount) {
  await chooseByKeyboard(page, category);
  await page.keyboard.press('Tab');
  await chooseByKeyboard(page, payer);
  await page.keyboard.press('Tab');
  if (description) await page.keyboard.type(description);
  await page.keyboard.press('Tab');
  await page.keyboard.type(amount);
}

async function addLine(page, side) {
  await tabTo(page, `receipt-add-${side}`, 40);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-category_id'));
}

test('coach: case and receipt by keyboard, summary, import', { timeout: 240_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  const cat = {
    huur: value(categories, /^huurachterstand/i),
    opvang: value(categories, /^maatschappelijke opvang/i),
    coach: value(categories, /^inzet wijkcoach/i),
    crisis: value(categories, /^crisisopvang/i),
  };
  const pay = { gemeente: value(payers, /^gemeente/i), corporatie: value(payers, /^woningcorporatie/i) };
  const re = (label) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'i');

  await t.test('the coach sees Casussen and Kassabonnen', async () => {
    await login(page, COACH.email, PASSWORD);
    const links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
    assert.deepEqual(links, ['Start', 'Casussen', 'Kassabonnen', 'Vertelpunt', 'Duidingssessies', 'Kennisbank']);
    await gotoByMenu(page, 'Casussen', 'Casussen');
    await page.locator('#cases-new').waitFor();
    await checkA11y(page, 'case list');
  });

  await t.test('a new case by keyboard only', async () => {
    await tabTo(page, 'cases-new', 30);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    await waitForHeadingFocus(page);
    await tabTo(page, 'case-new-reference');
    await page.keyboard.type(REF);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-programme');
    await chooseByKeyboard(page, re(programme.name));
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-team');
    // The coach has one team: it is chosen already.
    assert.equal(await page.locator('#case-new-team').inputValue(), String(team.id));
    await page.keyboard.press('Tab');
    await page.keyboard.type(GROUP);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-owner');
    // A case of her own team is hers unless she chooses otherwise.
    assert.match(await page.locator('#case-new-owner option:checked').textContent(), /\(uzelf\)/);
    await chooseByKeyboard(page, /\(uzelf\)/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('01-03-2017');
    // Each date box has its "Kies datum" button next in the tab order.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-start-pick');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-status');
    await chooseByKeyboard(page, /^Afgerond$/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('30-11-2017');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-status-date-pick');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'case-new-plan');
    await page.keyboard.type('Huurachterstand afgelost met de corporatie.\nBel de wijkcoach op 06-12345678.');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.text, 'Casus aanmaken');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: `Casus ${REF}` }).waitFor();
    assert.match(page.url(), /\/casussen\/\d+$/);
    await page.getByRole('status').getByText(`Casus ${REF} is aangemaakt.`, { exact: false }).waitFor();
    // The phone number in the plan: saved, with a warning.
    await page.locator('.utrecht-alert--warning').first().waitFor();
    const history = await page.locator('.wk-history').textContent();
    assert.match(history, /30-11-2017/);
    assert.match(history, /Afgerond/);
  });

  await t.test('the receipt by keyboard, with live totals in Dutch money', async () => {
    await addLine(page, 'oud');
    await typeLine(page, re(cat.huur.label), re(pay.corporatie.label), 'Ontruiming voorkomen', '2.400');
    assert.match(await totalsText(page), /Totaal oud € 2\.400/);
    await addLine(page, 'oud');
    await typeLine(page, re(cat.opvang.label), re(pay.gemeente.label), 'Opvang niet nodig', '2.160');
    await addLine(page, 'nieuw');
    await typeLine(page, re(cat.coach.label), re(pay.gemeente.label), '', '311');
    await addLine(page, 'nieuw');
    await typeLine(page, re(cat.coach.label), re(pay.gemeente.label), 'Nazorg', '560');
    let totals = await totalsText(page);
    assert.match(totals, /Totaal oud € 4\.560/, totals);
    assert.match(totals, /Totaal nieuw € 871/, totals);
    assert.match(totals, /Besparing \(oud − nieuw\) € 3\.689/, totals);
    assert.equal(await page.locator('#receipt-negative').count(), 0);
    assert.equal(await page.locator('#receipt-totals').getAttribute('aria-live'), 'polite');

    // A big new cost: the saving turns negative and is flagged; remove the line again.
    await addLine(page, 'nieuw');
    await typeLine(page, re(cat.crisis.label), re(pay.gemeente.label), 'Proef', '10.000,50');
    totals = await totalsText(page);
    assert.match(totals, /Besparing \(oud − nieuw\) € -6\.311,50/, totals);
    assert.match(totals, /Negatieve besparing/);
    await page.keyboard.press('Tab');
    assert.match((await focused(page))?.text ?? '', /^Verwijderen regel 3 van de kassabon nieuw$/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#receipt-negative'));
    assert.match(await totalsText(page), /€ 3\.689/);
    await page.waitForFunction(() => /^Verwijderen regel 2 van de kassabon nieuw$/.test(document.activeElement?.textContent ?? ''), null, { timeout: 2000 });

    // An amount written the English way is caught next to its field.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('560.50');
    await tabTo(page, 'receipt-add-nieuw', 5);
    await page.keyboard.press('Tab');
    // One "Opslaan" for the case's details and its receipt.
    assert.equal((await focused(page))?.text, 'Opslaan');
    await page.keyboard.press('Enter');
    const bad = page.locator('table[data-side="nieuw"] tbody tr').nth(1).locator('.wk-amount');
    await page.waitForFunction(() => document.activeElement?.classList.contains('wk-amount'));
    assert.equal(await bad.getAttribute('aria-invalid'), 'true');
    await page.getByText('Gebruik een punt voor duizendtallen en een komma voor centen', { exact: false }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('560');
    assert.match(await totalsText(page), /€ 3\.689/);
  });

  await t.test('saving: the server refuses a BSN next to its field, warns about an e-mail address', async () => {
    // A BSN (passes the 11-test) in a description: 422, shown next to that description.
    const desc = page.locator('table[data-side="oud"] tbody tr').nth(1).locator('input[type="text"]').first();
    await desc.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Opvang niet nodig, BSN 111222333');
    await tabTo(page, 'receipt-add-nieuw', 20);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const f = await focused(page);
    assert.equal(await desc.getAttribute('aria-invalid'), 'true', `the BSN error is on the description (focus: ${JSON.stringify(f)})`);
    const errId = (await desc.getAttribute('aria-describedby')) ?? '';
    const errText = await page.locator(`#${errId}`).textContent();
    assert.ok(errText.trim().length > 0, 'a Dutch message next to the field');
    console.log(`# BSN refused → "${errText.trim()}"`);
    await screenshot(page, 'case-bsn');

    // An e-mail address is saved, with a warning.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Opvang niet nodig, zie mail aan j.jansen@example.nl');
    await tabTo(page, 'receipt-add-nieuw', 20);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('De kassabon is opgeslagen. Besparing: € 3.689 per jaar.').waitFor();
    await page.locator('.wk-receipt .utrecht-alert--warning').waitFor();
    assert.equal(await desc.getAttribute('aria-invalid'), null);
    assert.match(await totalsText(page), /Totaal oud € 4\.560/);
    // What the server stored, in cents.
    const caseId = Number(page.url().split('/').pop());
    const receipt = await (await page.request.get(`${target.url}/api/v1/cases/${caseId}/receipt`)).json();
    assert.deepEqual(receipt.totals, { oud_cents: 456000, nieuw_cents: 87100, saving_cents: 368900 });
    assert.equal(receipt.negative_saving, false);
    assert.deepEqual(receipt.oud.map((l) => l.amount_cents), [240000, 216000]);
    await checkA11y(page, 'case page');
    await screenshot(page, 'case');
  });

  await t.test('the programme summary in the shape of the model report', async () => {
    // A second case that is still running: counted as "lopend, nog geen kassabon".
    const me = await (await page.request.get(`${target.url}/api/v1/me`)).json();
    const res = await page.request.post(`${target.url}/api/v1/cases`, {
      data: { reference: `${REF}-L`.slice(0, 40), team_id: team.id, programme_id: programme.id, start_date: '2017-06-01' },
      headers: { 'X-CSRF-Token': me.csrf_token },
    });
    assert.equal(res.status(), 201, `POST /api/v1/cases: ${res.status()} ${await res.text()}`);

    await gotoByMenu(page, 'Kassabonnen', 'Kassabonnen');
    await page.getByLabel('Programma', { exact: true }).selectOption(String(programme.id));
    await page.getByLabel('Peildatum', { exact: true }).fill('31-12-2017');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('heading', { level: 1, name: `Kassabonnen ${programme.name}` }).waitFor();
    assert.match(page.url(), new RegExp(`/kassabonnen/${programme.id}\\?peildatum=2017-12-31$`));
    const table = page.locator('table.wk-report');
    await table.waitFor();
    const rows = (await table.locator('tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.deepEqual(rows, [
      'Groep en casus Kassabon nieuw Kassabon oud Besparing',
      GROUP,
      `${REF} € 871 € 4.560 € 3.689`,
      `Totaal ${GROUP} € 871 € 4.560 € 3.689`,
      'Totaal alle groepen € 871 € 4.560 € 3.689',
    ]);
    await page.getByText('1 casus loopt nog (nog geen kassabon).').waitFor();
    const payerRows = (await page.locator('#summary-payer tbody tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.ok(payerRows.includes(`${pay.corporatie.label} € 0 € 2.400 € 2.400`), payerRows.join(' | '));
    assert.ok(payerRows.includes(`${pay.gemeente.label} € 871 € 2.160 € 1.289`), payerRows.join(' | '));
    const chart = page.locator('#chart-groups-caption ~ [role="img"]');
    assert.match(await chart.getAttribute('aria-label'), /€ 4\.560/);
    // Before the case was completed it does not count.
    await page.getByLabel('Peildatum', { exact: true }).fill('01-06-2017');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByText('Op deze peildatum is nog geen casus (zo goed als) afgerond.').waitFor();
    await page.getByText('1 casus loopt nog (nog geen kassabon).').waitFor();
    await page.goBack();
    await table.waitFor();
    await page.locator('table.wk-report').getByRole('link', { name: REF }).waitFor();
    await checkA11y(page, 'programme summary');
    await screenshot(page, 'summary');
    // In English: the same figures, Dutch money.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Cost receipts ${programme.name}` }).waitFor();
    await page.getByRole('columnheader', { name: 'Receipt new' }).first().waitFor();
    await page.getByText('1 case is still running (no receipt yet).').waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: `Kassabonnen ${programme.name}` }).waitFor();
    // The reference links to the case page.
    await page.locator('table.wk-report').getByRole('link', { name: REF }).click();
    await page.getByRole('heading', { level: 1, name: `Casus ${REF}` }).waitFor();
  });

  await t.test('case list: filter in the URL', async () => {
    await gotoByMenu(page, 'Casussen', 'Casussen');
    await page.getByLabel('Status', { exact: true }).selectOption('afgerond');
    await page.getByLabel('Kenmerk bevat').fill(REF);
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/status=afgerond/);
    assert.match(page.url(), new RegExp(`zoek=${encodeURIComponent(REF)}`));
    const row = page.locator('table.wk-cases tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('table.wk-cases tbody tr').length === 1);
    const text = (await row.textContent()).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(REF));
    assert.match(text, /Afgerond/);
    assert.match(text, /€ 3\.689/);
    assert.match(text, new RegExp(GROUP));
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('table.wk-cases tbody tr').length === 1);
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'afgerond', 'the filter comes back from the URL');
    await checkA11y(page, 'case list, filtered');
    await screenshot(page, 'cases');

    // Paging: 25 more running cases, 25 per page.
    const me = await (await page.request.get(`${target.url}/api/v1/me`)).json();
    for (let i = 1; i <= 25; i += 1) {
      const res = await page.request.post(`${target.url}/api/v1/cases`, {
        data: { reference: `${REF}-P${String(i).padStart(2, '0')}`.slice(0, 40), team_id: team.id, programme_id: programme.id, start_date: '2018-01-01' },
        headers: { 'X-CSRF-Token': me.csrf_token },
      });
      assert.equal(res.status(), 201, await res.text());
    }
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Casussen 1 tot en met 25 van 27').first().waitFor();
    assert.equal(await page.locator('table.wk-cases tbody tr').count(), 25);
    const next = page.getByRole('navigation', { name: 'Pagina’s met casussen' }).getByRole('link', { name: 'Volgende 25' });
    await next.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/vanaf=25/);
    await page.getByText('Casussen 26 tot en met 27 van 27').first().waitFor();
    assert.equal(await page.locator('table.wk-cases tbody tr').count(), 2);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'region', null, { timeout: 3000 });
    await page.goBack();
    await page.getByText('Casussen 1 tot en met 25 van 27').first().waitFor();
  });

  await t.test('import: a bad file gives the Dutch row-by-row list, a good one is imported', async () => {
    await page.goto(`${target.url}/kassabonnen/importeren`);
    await page.getByRole('heading', { level: 1, name: 'Kassabonnen importeren' }).waitFor();
    await checkA11y(page, 'import page');
    const header = 'programma;groep;casus;team;status;statusdatum;kant;kostensoort;betaler;omschrijving;bedrag_per_jaar';
    const line = (...cells) => cells.join(';');
    const bad = [
      header,
      line(programme.slug, 'Woning Import', IMPORTED, team.name, 'afgerond', '31-10-2017', 'oud', cat.crisis.label, pay.gemeente.label, 'Crisisopvang', 'twee'),
      line(programme.slug, 'Woning Import', IMPORTED, team.name, 'afgerond', '31-10-2017', 'nieuw', 'Bestaat niet', pay.gemeente.label, '', '100'),
    ].join('\r\n');
    await page.locator('#import-file').setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    assert.equal(await page.getByRole('button', { name: 'Importeren' }).isDisabled(), true, 'Importeren only after a good check');
    await page.getByRole('button', { name: 'Controleren' }).click();
    const errors = page.locator('table.wk-import-errors');
    await errors.waitFor();
    const errRows = (await errors.locator('tbody tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    console.log(`# import errors: ${errRows.join(' | ')}`);
    assert.ok(errRows.some((r) => /^2 bedrag_per_jaar /.test(r)), `row 2, bedrag_per_jaar: ${errRows.join(' | ')}`);
    assert.ok(errRows.some((r) => /^3 kostensoort /.test(r)), `row 3, kostensoort: ${errRows.join(' | ')}`);
    assert.equal(await page.getByRole('button', { name: 'Importeren' }).isDisabled(), true);
    await checkA11y(page, 'import page with errors');
    await screenshot(page, 'import-errors');

    // A good file, saved by a spreadsheet as Windows-1252 (ö in "coördinatie").
    const good = [
      header,
      line(programme.slug, 'Woning Import', IMPORTED, team.name, 'afgerond', '31-10-2017', 'oud', cat.crisis.label, pay.gemeente.label, 'Crisisopvang voorkomen', '€ 6.000'),
      line(programme.slug, 'Woning Import', IMPORTED, team.name, 'afgerond', '31-10-2017', 'nieuw', cat.coach.label, pay.gemeente.label, 'Coördinatie', '1.200,50'),
    ].join('\r\n');
    await page.locator('#import-file').setInputFiles({ name: 'goed.csv', mimeType: 'text/csv', buffer: windows1252(good) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('heading', { name: 'Controle geslaagd: het bestand kan worden geïmporteerd' }).waitFor();
    let result = (await page.locator('.wk-result-list').textContent()).replace(/\s+/g, ' ');
    assert.match(result, /Regels in het bestand ?2/);
    assert.match(result, /Nieuwe casussen ?1/);
    assert.match(result, /Nieuwe groepen ?1/);
    await screenshot(page, 'import-checked');
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByRole('heading', { name: 'De kassabonnen zijn geïmporteerd' }).waitFor();
    result = (await page.locator('.wk-result-list').textContent()).replace(/\s+/g, ' ');
    assert.match(result, /Kostenregels ?2/);
    await checkA11y(page, 'import page, imported');
    await screenshot(page, 'import');

    // The imported case is in the summary, in its own group, Windows-1252 read correctly.
    const s = await (await page.request.get(`${target.url}/api/v1/receipts/summary?programme=${programme.id}&reference_date=2017-12-31`)).json();
    const g = s.groups.find((x) => x.group?.name === 'Woning Import');
    assert.ok(g, `group Woning Import in ${JSON.stringify(s.groups.map((x) => x.group?.name))}`);
    assert.deepEqual(g.totals, { oud_cents: 600000, nieuw_cents: 120050, saving_cents: 479950 });
    assert.equal(s.totals.saving_cents, 368900 + 479950);
    const list = await (await page.request.get(`${target.url}/api/v1/cases?q=${encodeURIComponent(IMPORTED)}`)).json();
    const rcpt = await (await page.request.get(`${target.url}/api/v1/cases/${list.items[0].id}/receipt`)).json();
    assert.equal(rcpt.nieuw[0].description, 'Coördinatie');

    // The export has the same columns, with a BOM and Dutch amounts.
    const exp = await page.request.get(`${target.url}/api/v1/receipts/export?programme=${programme.id}&format=csv`);
    assert.equal(exp.status(), 200);
    assert.match(exp.headers()['content-type'] ?? '', /^text\/csv/);
    const body = (await exp.body()).toString('utf8');
    assert.ok(body.startsWith('\uFEFF'), 'UTF-8 with BOM');
    assert.match(body.split(/\r?\n/)[0], /^\uFEFFprogramma;groep;casus;team;status;statusdatum;kant;kostensoort;betaler;omschrijving;bedrag_per_jaar$/);
    // Dutch amounts: a decimal comma (with or without a thousands dot).
    assert.match(body, /;1\.?200,50(\r?\n|$)/);
    // What the export writes, the import reads back (a dry run changes nothing).
    const me = await (await page.request.get(`${target.url}/api/v1/me`)).json();
    const back = await page.request.post(`${target.url}/api/v1/receipts/import?dry_run=true`, {
      data: await exp.body(),
      headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': me.csrf_token },
    });
    assert.equal(back.status(), 200, `re-importing the export (dry run): ${back.status()} ${await back.text()}`);
    const again = await back.json();
    assert.equal(again.dry_run, true);
    assert.equal(again.cases_created, 0);
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});

test('readers: a team manager sees the case read-only', { timeout: 60_000 }, async () => {
  const headers = { 'X-CSRF-Token': csrf };
  const email = `tm-${RUN_ID}@test.example`;
  const res = await api.post('/api/v1/users', {
    data: { name: `Teammanager ${RUN_ID}`, email, password: PASSWORD, roles: ['team_manager'], team_ids: [team.id] },
    headers,
  });
  assert.equal(res.status(), 201, await res.text());
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, email, PASSWORD);
  await gotoByMenu(page, 'Casussen', 'Casussen');
  assert.equal(await page.locator('#cases-new').count(), 0, 'no "Nieuwe casus" for a reader');
  await page.getByLabel('Kenmerk bevat').fill(REF);
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.getByRole('link', { name: REF, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Casus ${REF}` }).waitFor();
  await page.getByText('U kunt deze casus alleen inzien.').waitFor();
  assert.equal(await page.locator('form').count(), 0, 'no forms for a reader');
  assert.match(await page.locator('.wk-plan').textContent(), /Huurachterstand afgelost/);
  assert.match(await totalsText(page), /Besparing \(oud − nieuw\) € 3\.689/);
  await checkA11y(page, 'case page, read-only');
  await screenshot(page, 'case-readonly');
  await page.goto(`${target.url}/casussen/nieuw`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  await context.close();
});

test('admin: programmes and lists of values', { timeout: 90_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await login(page, ADMIN_EMAIL, ADMIN_PASSWORD);

  await gotoByMenu(page, 'Programma’s', 'Programma’s');
  await page.getByRole('row', { name: new RegExp(programme.name) }).waitFor();
  const name = `WoonStAP E2E ${RUN_ID}`;
  await page.getByLabel('Naam', { exact: true }).fill(name);
  await page.getByLabel('Startdatum').fill('31-02-2018');
  await page.getByRole('button', { name: 'Programma toevoegen' }).click();
  await waitForFocus(page, 'programme-new-start', 'a date that does not exist is caught');
  await page.getByLabel('Startdatum').fill('01-02-2018');
  await page.getByLabel('Werkgebied').selectOption(String(team.id));
  await page.getByRole('button', { name: 'Programma toevoegen' }).click();
  await page.getByRole('status').getByText(`Programma ${name} is toegevoegd`, { exact: false }).waitFor();
  const row = page.getByRole('row', { name: new RegExp(name) });
  assert.match(await row.textContent(), new RegExp(team.name));
  await checkA11y(page, 'programmes page');
  await row.getByRole('button', { name: `Bewerken ${name}` }).click();
  await page.getByRole('heading', { level: 2, name: `Programma ${name} bewerken` }).waitFor();
  assert.equal(await page.getByLabel('Code', { exact: true }).getAttribute('readonly'), '', 'the code is fixed');
  await page.getByLabel('Werkgebied').selectOption('');
  await page.getByLabel('Programma is actief').uncheck();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText(`Programma ${name} is opgeslagen.`).waitFor();
  const text = await row.textContent();
  assert.match(text, /Stadsbreed/);
  assert.match(text, /Nee/);
  await screenshot(page, 'programmes');

  await gotoByMenu(page, 'Keuzelijsten', 'Keuzelijsten');
  const section = page.getByRole('region', { name: 'Kostensoorten' }).first();
  await page.locator('table[data-list="cost_category"]').waitFor();
  const label = `Proefkosten ${RUN_ID}`;
  await page.locator('#add-cost_category-label').fill(label);
  await page.locator('#add-cost_category-label').press('Enter');
  await page.getByText(`${label} is toegevoegd.`).waitFor();
  const lrow = page.locator('table[data-list="cost_category"] tr', { hasText: label });
  await lrow.getByRole('button', { name: `Hernoemen ${label}` }).click();
  await waitForFocus(page, `rename-cost_category-${await lrow.getAttribute('data-value-id')}`, 'focus in the rename box');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`${label} nieuw`);
  await page.keyboard.press('Enter');
  await page.getByText(`${label} heet nu ${label} nieuw.`).waitFor();
  const lrow2 = page.locator('table[data-list="cost_category"] tr', { hasText: `${label} nieuw` });
  await lrow2.getByRole('button', { name: `Intrekken ${label} nieuw` }).click();
  await page.getByText(`${label} nieuw is ingetrokken.`).waitFor();
  await lrow2.getByRole('button', { name: `Weer activeren ${label} nieuw` }).waitFor();
  assert.ok(await section.count());
  await checkA11y(page, 'lists of values page');
  await screenshot(page, 'lists');
  await context.close();
});

test('a list of more than 10,000 cases pages on by cursor', { timeout: 180_000 }, async (t) => {
  const MANY = 10_060;
  // A programme of their own, so the filter finds only these; by reference, case i of MANY
  // is at position i in the list.
  const programmes = await playwrightRequest.newContext({ baseURL: target.url });
  await apiLogin(programmes, target.url, BIG.email, BIG.password);
  const many = (await (await programmes.get('/api/v1/programmes')).json()).items.find((p) => p.slug === 'veel');
  await programmes.dispose();
  assert.ok(many, 'the programme with the many cases');
  const refAt = (position) => `VEEL-${String(position).padStart(5, '0')}`;
  const keep = `programma=${many.id}&status=lopend`;
  const list = `${target.url}/casussen?${keep}`;
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await login(page, BIG.email, BIG.password);
  await walkPastTenThousand(t, page, {
    url: list,
    path: '/casussen',
    keep,
    pager: 'Pagina’s met casussen',
    caption: 'cases-caption',
    rows: 'table.wk-cases tbody tr',
    size: 25,
    count: MANY,
    rowAt: refAt,
    words: { nl: 'Casussen', en: 'Cases', found: 'casussen', next: 'Volgende 25', prev: 'Vorige 25' },
    name: 'cases',
  });

  await t.test('the filter form starts at the top of what it finds', async () => {
    await page.goto(`${list}&vanaf=25`);
    await page.locator('#cases-caption').getByText('Casussen 26 tot en met 50 van meer dan 10.000', { exact: true }).waitFor();
    await page.getByLabel('Kenmerk bevat').fill('VEEL-100');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.locator('#cases-caption').getByText('Casussen 1 tot en met 25 van 61', { exact: true }).waitFor(); // …-10000 to …-10060
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), null);
    assert.equal((await page.locator('table.wk-cases tbody tr th').first().innerText()).trim(), refAt(10_000));
  });

  await t.test('the API: no offset past 10,000, not both, no foreign cursor (400 naming the field)', async () => {
    const q = await playwrightRequest.newContext({ baseURL: target.url });
    await apiLogin(q, target.url, BIG.email, BIG.password);
    // A story's cursor (["date", id]) is not one of this list's.
    await checkCursorApi(q, `/api/v1/cases?programme=${many.id}&limit=25`, 25, Buffer.from(JSON.stringify(['2018-06-01', 5])).toString('base64url'));
    await q.dispose();
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});
