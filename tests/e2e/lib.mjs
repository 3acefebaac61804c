// Shared helpers for the browser tests: the server under test, Chromium, axe-core.
//
// Server: WIJKKADER_URL (e.g. http://127.0.0.1:18080) with an admin account given by
// WIJKKADER_ADMIN_EMAIL / WIJKKADER_ADMIN_PASSWORD, and the organisation with the lists of
// more than 10,000 rows (BIG); scripts/e2e.sh starts the server and sets them all.
// Browser: Debian's chromium (CHROMIUM_PATH to override), driven by playwright-core
// and axe-core from web/node_modules.
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(HERE, '../../web');
export const SCREENSHOTS = join(HERE, 'screenshots');

const require = createRequire(join(WEB_DIR, 'package.json'));
// `request`: playwright's HTTP client, for setting up users and records through the API.
export const { chromium, request: playwrightRequest } = require('playwright-core');
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const ADMIN_EMAIL = process.env.WIJKKADER_ADMIN_EMAIL;
export const ADMIN_PASSWORD = process.env.WIJKKADER_ADMIN_PASSWORD;

/** A value unique to this run, so tests can run again against the same database. */
export const RUN_ID = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * The organisation `groot` that scripts/e2e.sh fills with SQL before the server starts, and
 * its user (an administrator and quality officer) who sees all of it: 10,060 users "Veel
 * 00001" … "Veel 10060"; 10,030 published knowledge-base items "Veel 00001" …, tagged
 * "veel"; 10,060 running cases VEEL-00001 … VEEL-10060 in the programme `veel`; 10,120 staff
 * stories "Veel 1" … "Veel 10120" (in that order of id), all on 2018-06-01.
 */
export const BIG = {
  email: process.env.WIJKKADER_E2E_BIG_EMAIL,
  name: process.env.WIJKKADER_E2E_BIG_NAME,
  password: process.env.WIJKKADER_E2E_BIG_PASSWORD,
};

/** The server under test: { url, close }. */
export async function startTarget() {
  if (!process.env.WIJKKADER_URL) {
    throw new Error('WIJKKADER_URL is not set: run the browser tests with scripts/e2e.sh, which starts the server they need');
  }
  return { url: process.env.WIJKKADER_URL.replace(/\/+$/, ''), close: async () => {} };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context. `bypassCSP` lets axe-core be injected as a script tag
 * (the app's CSP forbids inline scripts); the CSP test uses a context without it.
 */
export async function newContext(browser, { bypassCSP = true, locale = 'nl-NL' } = {}) {
  return browser.newContext({
    bypassCSP,
    locale,
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
}

/** Runs axe (WCAG 2.0/2.1 A and AA) and fails on serious or critical violations, listing them. */
export async function checkA11y(page, label) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`# axe (${label}): ${minor.length} minor/moderate: ${minor.map((v) => v.id).join(', ')}`);
  if (bad.length) {
    const text = bad
      .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary?.replace(/\n/g, '\n      ')}`).join('\n')}`)
      .join('\n');
    console.log(`# axe violations on ${label}:\n${text}`);
  }
  assert.equal(bad.length, 0, `axe: ${bad.length} serious/critical violation(s) on ${label}: ${bad.map((v) => v.id).join(', ')}`);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The element that has focus: its tag, id and text (for assertions). */
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim(), type: el.getAttribute('type') } : null;
  });
}

/** Presses Tab until the element with `id` has focus (at most `max` times). */
export async function tabTo(page, id, max = 15) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f?.id === id) return;
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Logs in through the log-in page and waits for the start page's welcome. */
export async function logIn(page, baseUrl, email, password) {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
}

/** Follows a main-menu link by keyboard (focus + Enter) and waits for the page heading. */
export async function gotoByMenu(page, name, heading) {
  const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Logs in through the API (no UI): returns { csrf, cookies } for a request context. */
export async function apiLogin(request, baseUrl, email, password) {
  const res = await request.post(`${baseUrl}/api/v1/session`, { data: { email, password } });
  assert.equal(res.status(), 200, `API log-in as ${email}: ${res.status()} ${await res.text()}`);
  const body = await res.json();
  return body.csrf_token;
}

/** Waits until the page heading (h1) has focus, as after navigating (the app moves focus
 * there once the page has rendered, which may be a frame after the heading appears). */
export async function waitForHeadingFocus(page, message) {
  try {
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 3000 });
  } catch {
    assert.fail(`${message ?? 'focus on the page heading'}: focus is on ${JSON.stringify(await focused(page))}`);
  }
}

/** Waits until the element with `id` has focus (focus may move on the next frame). */
export async function waitForFocus(page, id, message) {
  try {
    await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 3000 });
  } catch {
    assert.fail(`${message ?? 'focus'}: expected #${id}, focus is on ${JSON.stringify(await focused(page))}`);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A valid PNG (8-bit RGB) of width × height; `pixel(x, y)` gives [r, g, b]. */
export function png(width, height, pixel) {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) raw.set(pixel(x, y), y * row + 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small landscape logo (180 × 60): a green disc and two dark bars on white. */
export function testLogo() {
  return png(180, 60, (x, y) => {
    const dx = x - 30;
    const dy = y - 30;
    if (dx * dx + dy * dy < 22 * 22) return [0, 122, 110];
    if (x > 62 && x < 170 && ((y > 14 && y < 24) || (y > 34 && y < 44 && x < 140))) return [20, 49, 82];
    return [255, 255, 255];
  });
}

/**
 * Walks a list of more than 10,000 rows that pages on by cursor as its user would (the
 * page logged in; `t` the test whose steps these are). `list`: `url` (the list's address
 * with its filter), `path` and `keep` (the filter every pager link must keep), `pager`
 * (the pager's name), `caption` (the caption's id), `rows` (the table's body rows),
 * `size` (rows a page), `count` (rows the filter finds: more than 10,000 + 2 pages, at
 * most 3 more), `rowAt(position)` (the first cell of the row at a 1-based position),
 * `words` ({ nl, en, found, next, prev }: "Verhalen", "Stories", "verhalen", the pager's
 * links) and `name` (for axe-core and the screenshot `<name>-past-10000.png`).
 * Offsets up to 10,000, then the server's cursor (?na=…&p=…), back by Vorige, Eerste
 * pagina, in English; the caption and the announcement "meer dan 10.000".
 */
export async function walkPastTenThousand(t, page, list) {
  const { url, path, keep, size, count, rowAt, words } = list;
  const cap = 10_000;
  assert.ok(count > cap + 2 * size && count <= cap + 3 * size, 'the last page is the second cursor page');
  const n = (x, lang = 'nl-NL') => x.toLocaleString(lang);
  const nl = (from, to) => `${words.nl} ${n(from)} tot en met ${n(to)} van meer dan 10.000`;
  const pager = () => page.getByRole('navigation', { name: list.pager });
  const caption = (text) => page.locator(`#${list.caption}`).getByText(text, { exact: true });
  const firstRow = async () => (await page.locator(`${list.rows} th`).first().innerText()).replace(/\s+/g, ' ').trim();
  const search = () => new URL(page.url()).searchParams;
  const links = (name) => pager().getByRole('link', { name, exact: true });
  /** Follows a pager link by keyboard and waits for the caption of the page it opens. */
  const follow = async (name, expected) => {
    await links(name).focus();
    await page.keyboard.press('Enter');
    await caption(expected).waitFor();
  };
  const everyLinkKeepsTheFilter = async () => {
    const hrefs = await pager().getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0, 'pager links');
    for (const href of hrefs) assert.ok(href.startsWith(`${path}?${keep}`), `the filter kept in ${href}`);
  };
  const cursorPage = cap / size + 2;

  await t.test('the first page: "van meer dan 10.000", and so the announcement', async () => {
    await page.goto(url);
    await caption(nl(1, size)).waitFor();
    await page.locator('div[role="status"].wk-visually-hidden').getByText(`Meer dan 10.000 ${words.found} gevonden.`, { exact: true }).waitFor();
    assert.equal(await firstRow(), rowAt(1));
    assert.equal(await links(words.prev).count(), 0);
    assert.equal(await links('Eerste pagina').count(), 0, 'not on the first page');
    await everyLinkKeepsTheFilter();
  });

  await t.test('offsets up to 10,000 as before (an old link with ?vanaf= still works)', async () => {
    await page.goto(`${url}&vanaf=${cap - size}`);
    await caption(nl(cap - size + 1, cap)).waitFor();
    await follow(words.next, nl(cap + 1, cap + size));
    assert.equal(search().get('vanaf'), String(cap));
    assert.equal(search().get('na'), null);
    assert.equal(await firstRow(), rowAt(cap + 1));
    await everyLinkKeepsTheFilter();
  });

  await t.test('Volgende past 10,000 follows the cursor, with the page number in the address', async () => {
    await follow(words.next, nl(cap + size + 1, cap + 2 * size));
    assert.ok(search().get('na'), 'a cursor in the address');
    assert.equal(search().get('p'), String(cursorPage));
    assert.equal(search().get('vanaf'), null, 'no offset beside the cursor');
    for (const [k, v] of new URLSearchParams(keep)) assert.equal(search().get(k), v, `${k} kept`);
    assert.equal(await firstRow(), rowAt(cap + size + 1));
    assert.equal(await page.locator(list.rows).count(), size);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'region', null, { timeout: 3000 });
    await links('Eerste pagina').waitFor();
    await everyLinkKeepsTheFilter();
    await checkA11y(page, `${list.name} past 10,000 (a cursor page)`);
    await screenshot(page, `${list.name}-past-10000`);
  });

  await t.test('on to the last page by cursor, and back with Vorige', async () => {
    await follow(words.next, nl(cap + 2 * size + 1, count));
    assert.equal(search().get('p'), String(cursorPage + 1));
    assert.equal(await firstRow(), rowAt(cap + 2 * size + 1));
    assert.equal(await page.locator(list.rows).count(), count - cap - 2 * size);
    assert.equal(await links(words.next).count(), 0, 'the last page (next_cursor null)');
    await follow(words.prev, nl(cap + size + 1, cap + 2 * size));
    assert.equal(search().get('p'), String(cursorPage), 'back by the cursor this tab saw');
    assert.equal(await firstRow(), rowAt(cap + size + 1));
    await follow(words.prev, nl(cap + 1, cap + size));
    assert.equal(search().get('vanaf'), String(cap), 'back on the offset pages');
  });

  await t.test('Eerste pagina from a cursor page', async () => {
    await follow(words.next, nl(cap + size + 1, cap + 2 * size));
    await follow('Eerste pagina', nl(1, size));
    assert.equal(new URL(page.url()).search, `?${keep}`);
  });

  await t.test('in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await caption(`${words.en} 1 to ${size} of more than 10,000`).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await caption(nl(1, size)).waitFor();
  });
}

/**
 * The API of a list that pages on by cursor, over more than 10,000 rows (`base`: its
 * address with the filter and `limit=size`): the count stops at 10,000, the page after
 * the first is the same by cursor as by offset, and no offset past 10,000, not both, no
 * cursor of another list (`foreign`) or none at all: 400 naming the field.
 */
export async function checkCursorApi(q, base, size, foreign) {
  const first = await (await q.get(base)).json();
  assert.equal(first.total, 10_000);
  assert.equal(first.total_exact, false);
  assert.match(first.next_cursor, /^[A-Za-z0-9_-]+$/);
  const byCursor = await (await q.get(`${base}&cursor=${first.next_cursor}`)).json();
  const byOffset = await (await q.get(`${base}&offset=${size}`)).json();
  assert.equal(byCursor.items.length, size);
  assert.deepEqual(byCursor.items.map((x) => x.id), byOffset.items.map((x) => x.id));
  const bad = [['offset=10001', 'offset'], [`cursor=${first.next_cursor}&offset=${size}`, 'offset'], ['cursor=nonsense!', 'cursor'], ['cursor=eyJhIjoxfQ', 'cursor'], [`cursor=${foreign}`, 'cursor']];
  for (const [extra, field] of bad) {
    const r = await q.get(`${base}&${extra}`);
    assert.equal(r.status(), 400, extra);
    assert.ok((await r.json()).errors.some((e) => e.field === field), `${extra} names ${field}`);
  }
}
