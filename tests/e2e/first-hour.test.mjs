// The first hour on a fresh `make run` database (`serve --demo --demo-data`, started by
// scripts/e2e.sh beside the main test server): a coach logs in with the printed demo
// log-in and opens a demo case with its receipt; the director opens last year's report
// (the default year) and downloads it as HTML, PDF and XLSX, and each file is opened by
// an independent reader (the HTML parsed for its tables, the PDF by poppler, the
// workbook by openpyxl through tests/readers/xlsx_read.py) and a figure is checked
// against a hand count of the demo's receipts. Screenshots: first-hour-case.png,
// first-hour-report.png (the user guide's picture of the demo report).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HERE, checkA11y, gotoByMenu, launchBrowser, logIn, newContext, screenshot } from './lib.mjs';

const URL = process.env.WIJKKADER_FIRST_HOUR_URL;
const LOGIN_FILE = process.env.WIJKKADER_FIRST_HOUR_LOGIN; // the demo's var/demo-login.txt
const skip = URL && LOGIN_FILE ? false : 'no first-hour server (scripts/e2e.sh starts one)';
const THIS_YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
const LAST_YEAR = THIS_YEAR - 1;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

// The demo's Doorstroomwoningen on 31 December of last year, counted by hand from
// src/app/demo_kassabonnen.cpp (oud − nieuw per closed case, euros):
//   Woning Deppenbroek: 44.700 − 8.900 = 35.800; 28.800 − 3.500 = 25.300; 1.200 − 2.500 = −1.300
//   Woning Pathmos: 62.400 − 4.350 = 58.050; 25.700 − 4.200 = 21.500; 22.400 − 7.100 = 15.300
//   Woning Stroinkslanden: 42.000 − 11.800 = 30.200
//   Woning Wesselerbrink: 37.500 − 4.900 = 32.600
//   total 217.450 (oud 264.700, nieuw 47.250); DW-07 and DW-09 are still running.
const DW_SAVING = 217450;

let browser;
let password;

before(async () => {
  if (skip) return;
  password = readFileSync(LOGIN_FILE, 'utf8').trim();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

function login(page, email) {
  return logIn(page, URL, email, password);
}

test('a coach opens a demo case with its receipt', { skip, timeout: 120_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await login(page, 'coach@smd.example');
  await gotoByMenu(page, 'Casussen', 'Casussen');
  const reference = `DW-${LAST_YEAR}-01`;
  const link = page.getByRole('link', { name: reference, exact: true });
  await link.waitFor();
  assert.equal(await page.getByText('Er zijn nog geen casussen').count(), 0, 'the demo has cases');
  await link.click();
  await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
  await page.getByText('Inrichting van de woning').first().waitFor({ state: 'attached' }).catch(() => {});
  await screenshot(page, 'first-hour-case');
  // What the page shows, its form fields' values included.
  const shown = norm(await page.locator('main').innerText()) + ' ' +
    (await page.locator('main input, main textarea').evaluateAll((es) => es.map((e) => e.value))).join(' ');
  for (const text of ['Woning Pathmos', 'Gezinsopvang, een ouder met twee kinderen', 'Inrichting van de woning', '38.400', '€ 58.050']) {
    assert.ok(shown.replace(/\u00a0/g, ' ').includes(text), `the case page shows ${text}`);
  }
  await checkA11y(page, 'a demo case');
  await context.close();
});

test('the director opens last year\'s report and downloads HTML, PDF and XLSX, each opened by an independent reader', { skip, timeout: 240_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await login(page, 'directeur@smd.example');
  await gotoByMenu(page, 'Jaarverslag', `Jaarverslag ${LAST_YEAR}`);
  await page.locator('#report-pdf').waitFor();
  await screenshot(page, 'first-hour-report');
  const texts = await page.locator('main textarea').evaluateAll((es) => es.map((e) => e.value));
  assert.equal(texts.length, 11, 'a text for each of the eleven chapters');
  assert.ok(texts[0].startsWith(`Het inhoudelijke jaarverslag ${LAST_YEAR}`), 'the demo\'s introduction is written');
  assert.ok(texts.every((t) => t.length > 100), 'every chapter has its text');
  await checkA11y(page, 'the demo report');

  const download = async (id) => {
    const href = await page.locator(`#${id}`).getAttribute('href');
    const r = await page.request.get(`${URL}${href}`, { timeout: 180_000 });
    assert.equal(r.status(), 200, `${id}: ${r.status()}`);
    return r.body();
  };
  const euro = (n) => `€\u00a0${n.toLocaleString('nl-NL')}`;

  // HTML: the kassabonnen table's grand total is the hand count.
  const html = (await download('report-view')).toString('utf8');
  // The document as a reader sees it (the user guide's picture of the demo report).
  const doc = await context.newPage();
  await doc.setViewportSize({ width: 1100, height: 1400 });
  await doc.goto(`${URL}${await page.locator('#report-view').getAttribute('href')}#h-kassabonnen`);
  await doc.locator('#h-kassabonnen table').first().waitFor();
  await doc.screenshot({ path: join(HERE, 'screenshots', 'first-hour-report-document.png') });
  await doc.close();
  assert.match(html, new RegExp(`<h1>Activiteitenverslag ${LAST_YEAR}</h1>`));
  const table = /<table id="kassabonnen-\d+">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  assert.match(table, /Doorstroomwoningen/);
  const total = /Totaal alle groepen<\/td>(?:<td[^>]*>(?:<a[^>]*>)?([^<]*)(?:<\/a>)?<\/td>){3}/.exec(table);
  assert.ok(total, `a grand total row: ${table.slice(-600)}`);
  assert.equal(total[1], euro(DW_SAVING), 'the saving of the grand total, by hand');

  // PDF: poppler reads pages, the contents with page numbers, the same figure.
  const pdfFile = join(tmpdir(), `wk-first-hour-${process.pid}.pdf`);
  writeFileSync(pdfFile, await download('report-pdf'));
  try {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1]);
    assert.ok(pages >= 5, `a report of ${pages} pages`);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    assert.match(text, /Inhoud/);
    assert.match(text, /5\s+Kassabonnen: wat maatwerk oplevert\s+\d+/, 'the contents give the chapter\'s page');
    assert.ok(text.replace(/\u00a0/g, ' ').includes(`€ ${DW_SAVING.toLocaleString('nl-NL')}`), 'the grand total in the PDF');
  } finally {
    rmSync(pdfFile, { force: true });
  }

  // XLSX: a strict reader opens it; the grand total is a number.
  const reader = spawnSync('/usr/bin/python3', [join(HERE, '..', 'readers', 'xlsx_read.py'), '-'], { input: await download('report-xlsx'), maxBuffer: 64 << 20 });
  assert.equal(reader.status, 0, `the workbook opens in a strict reader: ${reader.stderr}`);
  const book = JSON.parse(reader.stdout.toString('utf8'));
  const sheet = book.sheets.find((s) => s.name === 'Kassabonnen Doorstroomwoningen');
  assert.ok(sheet, `a sheet per table: ${book.sheets.map((s) => s.name).join(' | ')}`);
  const row = sheet.rows.find((r) => r[0] === 'Totaal alle groepen');
  assert.deepEqual(row?.slice(1), [47250, 264700, DW_SAVING], 'nieuw, oud, besparing as numbers');
  await context.close();
});
