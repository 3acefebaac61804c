// The annual report (Jaarverslag) in a real browser. The admin makes, through the API,
// a director, a funder, a programme and a coach; the coach records one finished case
// with its receipt, so the receipts chapter has a table with known figures. The
// director then opens Jaarverslag, writes the Inleiding with the keyboard only, saves,
// sees "Tekst geschreven", opens the report as a web page (text, chapter titles, the
// placeholder of a chapter without text), downloads the workbook and the PDF, gets a
// BSN refused next to the box and empties it again. The funder sees the same page
// without editors.
// axe-core (WCAG 2.1 A/AA) runs on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  screenshot,
  startTarget,
  tabTo,
  waitForFocus,
  playwrightRequest,
  waitForHeadingFocus,
  logIn,
} from './lib.mjs';


let target;
let browser;
let api; // logged in as the admin
let programme;
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const DIRECTOR = { name: `Directeur Verslag ${RUN_ID}`, email: `verslag-dir-${RUN_ID}@test.example` };
const FUNDER = { name: `Gemeente Verslag ${RUN_ID}`, email: `verslag-gem-${RUN_ID}@test.example` };
const COACH = { name: `Coach Verslag ${RUN_ID}`, email: `verslag-coach-${RUN_ID}@test.example` };
/** Last year in the Netherlands: the page's default. */
const YEAR =
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date())) - 1;
const INTRO = `In ${YEAR} werkten de wijkteams aan maatwerk (${RUN_ID}).`;
const INTRO_2 = 'Dit verslag laat zien wat dat opleverde.';

/** Text with its spaces (also non-breaking ones) normalised. */
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };

  const teams = (await (await api.get('/api/v1/teams')).json()).items;
  const team = teams.find((x) => x.active);
  assert.ok(team, 'a demo team exists');

  for (const [who, roles, teamIds] of [
    [DIRECTOR, ['director'], []],
    [FUNDER, ['funder'], []],
    [COACH, ['coach'], [team.id]],
  ]) {
    const res = await api.post('/api/v1/users', {
      data: { name: who.name, email: who.email, password: PASSWORD, roles, team_ids: teamIds },
      headers,
    });
    assert.equal(res.status(), 201, `POST /api/v1/users (${roles}): ${res.status()} ${await res.text()}`);
  }

  let res = await api.post('/api/v1/programmes', {
    data: { name: `Verslagprogramma ${RUN_ID}`, slug: `verslag-${RUN_ID}`, start_date: `${YEAR}-01-01` },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/programmes: ${res.status()} ${await res.text()}`);
  programme = await res.json();

  const list = async (name) => (await (await api.get(`/api/v1/lists/${name}`)).json()).items.filter((v) => v.active);
  const categories = await list('cost_category');
  const payers = await list('payer');
  const pick = (values, re) => {
    const v = values.find((x) => re.test(x.label));
    assert.ok(v, `a list value matching ${re}`);
    return v.id;
  };

  // The coach records one finished case with its receipt: oud € 5.000, nieuw € 1.200.
  const coach = await playwrightRequest.newContext({ baseURL: target.url });
  const coachCsrf = await apiLogin(coach, target.url, COACH.email, PASSWORD);
  res = await coach.post('/api/v1/cases', {
    data: {
      reference: `VS-${RUN_ID}`.slice(0, 40),
      team_id: team.id,
      programme_id: programme.id,
      group: 'Woning Verslag',
      start_date: `${YEAR}-02-01`,
      status: 'afgerond',
      status_date: `${YEAR}-06-30`,
    },
    headers: { 'X-CSRF-Token': coachCsrf },
  });
  assert.equal(res.status(), 201, `POST /api/v1/cases: ${res.status()} ${await res.text()}`);
  const kase = await res.json();
  res = await coach.put(`/api/v1/cases/${kase.id}/receipt`, {
    data: {
      oud: [{ category_id: pick(categories, /^huurachterstand/i), payer_id: pick(payers, /^woningcorporatie/i), description: 'Ontruiming', amount_cents: 500000 }],
      nieuw: [{ category_id: pick(categories, /^inzet wijkcoach/i), payer_id: pick(payers, /^gemeente/i), description: 'Begeleiding', amount_cents: 120000 }],
    },
    headers: { 'X-CSRF-Token': coachCsrf },
  });
  assert.equal(res.status(), 200, `PUT receipt: ${res.status()} ${await res.text()}`);
  await coach.dispose();
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

function login(page, email, password) {
  return logIn(page, target.url, email, password);
}

/** The report as JSON, asked with the browser's own session. */
async function reportJson(page, date = `${YEAR}-12-31`) {
  const res = await page.request.get(`${target.url}/api/v1/reports/${YEAR}?format=json&reference_date=${date}`);
  assert.equal(res.status(), 200, `GET report JSON: ${res.status()} ${await res.text()}`);
  return res.json();
}

test('director: write a chapter text, view and download the report', { timeout: 180_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  let report;

  await t.test('Jaarverslag is in the director’s menu; last year and 31-12 by default', async () => {
    await login(page, DIRECTOR.email, PASSWORD);
    const links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
    assert.deepEqual(links, ['Start', 'Casussen', 'Kassabonnen', 'Vertelpunt', 'Duidingssessies', 'Kennisbank', 'Jaarverslag', 'Gebruikers']);
    await gotoByMenu(page, 'Jaarverslag', `Jaarverslag ${YEAR}`);
    await waitForHeadingFocus(page, 'focus on the page heading after navigating');
    assert.equal(await page.locator('#report-year').inputValue(), String(YEAR));
    assert.equal(await page.locator('#report-date').inputValue(), `31-12-${YEAR}`);
    await page.locator('.wk-chapter').first().waitFor();
  });

  await t.test('the year list runs from the organisation’s first data to this year, not from 2000', async () => {
    const res = await page.request.get(`${target.url}/api/v1/reports/years`);
    assert.equal(res.status(), 200, `GET /api/v1/reports/years: ${res.status()}`);
    const answer = await res.json();
    assert.equal(answer.default, YEAR, 'the server’s default is the last full year');
    const first = answer.years[0];
    // The coach's case of this test started in YEAR; the demo may reach further back.
    assert.ok(first <= YEAR && first > 2000, `first data year ${first}`);
    const options = (await page.locator('#report-year option').allTextContents()).map(norm);
    const want = [];
    for (let y = YEAR + 1; y >= first; y -= 1) want.push(String(y));
    assert.deepEqual(options, want, 'this year down to the first data year, newest first');
    assert.ok(!options.includes('2000'));
    // A year given in the address stays choosable even outside the list.
    await page.goto(`${target.url}/jaarverslag/2003`);
    await page.getByRole('heading', { level: 1, name: 'Jaarverslag 2003' }).waitFor();
    assert.equal(await page.locator('#report-year').inputValue(), '2003');
    assert.equal(await page.locator('#report-date').inputValue(), '31-12-2003');
    assert.equal(norm((await page.locator('#report-year option').allTextContents()).at(-1)), '2003');
    await page.goto(`${target.url}/jaarverslag`);
    await page.getByRole('heading', { level: 1, name: `Jaarverslag ${YEAR}` }).waitFor();
    assert.equal(await page.locator('#report-year').inputValue(), String(YEAR));
    await page.locator('.wk-chapter').first().waitFor();
  });

  await t.test('the chapters in order, with their text status and tables', async () => {
    report = await reportJson(page);
    assert.ok(report.chapters.length >= 10, 'the model report’s chapters');
    const headings = (await page.locator('.wk-chapter > h2').allTextContents()).map(norm);
    assert.deepEqual(headings, report.chapters.map((c) => `${c.number} ${c.title}`));
    const rows = page.locator('#report-toc-caption').locator('xpath=ancestor::table').locator('tbody tr');
    assert.equal(await rows.count(), report.chapters.length);
    for (const [i, c] of report.chapters.entries()) {
      const row = (await rows.nth(i).locator('th, td').allTextContents()).map(norm).join(' ');
      assert.ok(row.startsWith(`${c.number} ${c.title}`), `contents row ${i + 1}: ${row}`);
      const want = c.text && c.text.trim() ? 'Tekst geschreven' : 'Nog geen tekst';
      assert.match(row, new RegExp(want), `status of ${c.key}`);
    }
    const inleiding = report.chapters.find((c) => c.key === 'inleiding');
    if (inleiding.text === null) {
      assert.equal(norm(await page.locator('#hoofdstuk-inleiding .wk-chapter__status').textContent()), 'Nog geen tekst');
    }

    // The receipts chapter: this programme's table, its rows and the grand total in Dutch money.
    const row = page.locator(`#hoofdstuk-kassabonnen tr[data-table="kassabonnen-${programme.id}"]`);
    await row.waitFor();
    const cells = (await row.locator('th, td').allTextContents()).map(norm);
    assert.equal(cells[0], `Kassabonnen ${programme.name}`);
    assert.equal(cells[1], '1', 'one case row (totals not counted)');
    assert.match(cells[2], /^Totaal alle groepen/);
    assert.match(cells[2], /Kassabon nieuw: € 1\.200/);
    assert.match(cells[2], /Kassabon oud: € 5\.000/);
    assert.match(cells[2], /Besparing: € 3\.800/);
  });

  await t.test('write the Inleiding by keyboard and save', async () => {
    await tabTo(page, 'report-text-inleiding', 80);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${INTRO}\n\n${INTRO_2}`);
    await page.locator('#hoofdstuk-inleiding').getByText('Nog niet opgeslagen wijzigingen.').waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'report-save-inleiding');
    await page.keyboard.press('Enter');
    const chapter = page.locator('#hoofdstuk-inleiding');
    await chapter.getByRole('status').getByText('De tekst van hoofdstuk 1 Inleiding is opgeslagen.').waitFor();
    assert.equal(norm(await chapter.locator('.wk-chapter__status').textContent()), 'Tekst geschreven');
    assert.match(norm(await chapter.locator('.wk-chapter__saved').textContent()), /^Opgeslagen op \d{2}-\d{2}-\d{4} \d{2}:\d{2}\.$/);
    assert.match(norm(await page.locator('#report-toc-caption').locator('xpath=ancestor::table').locator('tr[data-chapter="inleiding"]').textContent()), /Tekst geschreven/);
    const saved = await reportJson(page);
    assert.equal(saved.chapters.find((c) => c.key === 'inleiding').text, `${INTRO}\n\n${INTRO_2}`);
  });

  await t.test('the report as a web page in a new tab', async () => {
    const link = page.locator('#report-view');
    assert.equal(norm(await link.textContent()), 'Bekijken (webpagina)');
    assert.equal(await link.getAttribute('target'), '_blank');
    await link.focus();
    const [view] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await view.waitForLoadState();
    assert.ok(view.url().endsWith(`/api/v1/reports/${YEAR}?format=html&reference_date=${YEAR}-12-31`), view.url());
    const intro = norm(await view.locator('#h-inleiding').textContent());
    assert.ok(intro.includes(INTRO), `the Inleiding text in the report: ${intro}`);
    assert.ok(intro.includes(INTRO_2));
    assert.equal(await view.locator('#h-inleiding .placeholder').count(), 0);
    const toc = norm(await view.locator('.toc').textContent());
    const titles = (await view.locator('section.chapter > h2').allTextContents()).map(norm);
    for (const c of report.chapters) {
      assert.ok(toc.includes(c.title), `contents lists ${c.title}`);
      assert.ok(titles.includes(`${c.number} ${c.title}`), `chapter heading ${c.number} ${c.title}`);
    }
    // A chapter nobody writes in these tests keeps the visible placeholder.
    assert.match(norm(await view.locator('#h-raad_van_toezicht .placeholder').textContent()), /Nog geen tekst voor dit hoofdstuk/);
    await view.locator(`table#kassabonnen-${programme.id}`).waitFor();
    await view.close();
  });

  await t.test('download as Excel (a zip: PK) and as PDF', async () => {
    const xlsx = page.locator('#report-xlsx');
    assert.equal(norm(await xlsx.textContent()), 'Downloaden als Excel');
    assert.ok((await xlsx.getAttribute('href')).endsWith(`/api/v1/reports/${YEAR}?format=xlsx&reference_date=${YEAR}-12-31`));
    await xlsx.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `activiteitenverslag-${YEAR}.xlsx`);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip file');
    const pdf = page.locator('#report-pdf');
    assert.equal(norm(await pdf.textContent()), 'Downloaden als PDF');
    const pdfHref = await pdf.getAttribute('href');
    assert.ok(pdfHref.endsWith(`/api/v1/reports/${YEAR}?format=pdf&reference_date=${YEAR}-12-31`));
    // The PDF itself (503 when the server has no Chromium to print with).
    const res = await page.request.get(`${target.url}${pdfHref}`, { timeout: 60_000 });
    if (res.status() === 503) console.log('# PDF: the server has no Chromium (503)');
    else {
      assert.equal(res.status(), 200, `GET the PDF: ${res.status()}`);
      assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    }
  });

  await t.test('accessibility and screenshot', async () => {
    await checkA11y(page, 'annual report page');
    await screenshot(page, 'report');
  });

  await t.test('a BSN is refused next to the box; an emptied box saves as no text', async () => {
    await page.locator('#report-save-inleiding').focus();
    await tabTo(page, 'report-text-ontwikkelingen', 10);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Eén casus met BSN 111222333 ging mis.');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'report-save-ontwikkelingen');
    await page.keyboard.press('Enter');
    const box = page.locator('#report-text-ontwikkelingen');
    await page.locator('#report-text-ontwikkelingen-error').getByText(/burgerservicenummer \(BSN\)/).waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.match(await box.getAttribute('aria-describedby'), /report-text-ontwikkelingen-error/);
    await waitForFocus(page, 'report-text-ontwikkelingen', 'focus back in the refused box');
    await page.locator('#hoofdstuk-ontwikkelingen').getByRole('alert').getByText('De invoer is niet geldig.').waitFor();
    assert.equal(norm(await page.locator('#hoofdstuk-ontwikkelingen .wk-chapter__status').textContent()), 'Nog geen tekst');
    await checkA11y(page, 'annual report page with a refused text');

    // Emptied and saved: the chapter stays without text (the report keeps its placeholder).
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#hoofdstuk-ontwikkelingen').getByRole('status').getByText(/is leeggemaakt/).waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('#report-text-ontwikkelingen-error').count(), 0);
    assert.equal(norm(await page.locator('#hoofdstuk-ontwikkelingen .wk-chapter__status').textContent()), 'Nog geen tekst');
    const after = await reportJson(page);
    assert.equal(after.chapters.find((c) => c.key === 'ontwikkelingen').text, null, 'an empty text is no text');
  });

  await t.test('another reference date: in the address and the links; the texts stay', async () => {
    await page.locator('#report-date').fill(`30-06-${YEAR}`);
    await page.locator('#report-date').press('Enter');
    await page.waitForURL((u) => u.pathname === `/jaarverslag/${YEAR}` && u.search === `?peildatum=${YEAR}-06-30`);
    await page.waitForFunction(
      (want) => document.getElementById('report-view')?.getAttribute('href')?.endsWith(want),
      `reference_date=${YEAR}-06-30`,
    );
    assert.equal(await page.locator('#report-text-inleiding').inputValue(), `${INTRO}\n\n${INTRO_2}`);
    assert.match(norm(await page.locator('#report-outputs-help').textContent()), new RegExp(`peildatum 30-06-${YEAR}`));
  });

  await t.test('English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Annual report ${YEAR}` }).waitFor();
    assert.equal(norm(await page.locator('#hoofdstuk-inleiding .wk-chapter__status').textContent()), 'Text written');
    await page.getByRole('link', { name: 'View (web page)' }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: `Jaarverslag ${YEAR}` }).waitFor();
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});

test('funder: the report read-only', { timeout: 60_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await login(page, FUNDER.email, PASSWORD);
  const links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
  assert.deepEqual(links, ['Start', 'Jaarverslag']);
  await gotoByMenu(page, 'Jaarverslag', `Jaarverslag ${YEAR}`);
  await page.locator('.wk-chapter').first().waitFor();
  await page.getByText('U kunt het jaarverslag alleen inzien.').waitFor();
  assert.equal(await page.locator('textarea').count(), 0, 'no editors for the funder');
  assert.equal(await page.getByRole('button', { name: /Tekst opslaan/ }).count(), 0);
  const intro = norm(await page.locator('#hoofdstuk-inleiding').textContent());
  assert.ok(intro.includes(INTRO), 'the funder reads the saved text');
  assert.match(norm(await page.locator('#hoofdstuk-raad_van_toezicht').textContent()), /Voor dit hoofdstuk is nog geen tekst geschreven\./);
  await page.locator('#report-view').waitFor();
  await page.locator('#report-xlsx').waitFor();
  await checkA11y(page, 'annual report page, read-only');
  await screenshot(page, 'report-funder');

  // Pages for other roles stay closed.
  await page.goto(`${target.url}/casussen`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  await context.close();
});
