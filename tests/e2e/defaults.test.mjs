// Defaults that fit the work (issue 14, "First use"), in a real browser. The admin makes,
// through the API, a programme, a coach in one team, a quality officer and a story topic
// with a long name; the coach shares a story on it. The coach's new case starts in her
// team with her as owner (saved so: the API says she owns it; "Geen eigenaar" saves none);
// the case list's team filter offers her own team only (she reads no other team's cases),
// the story list's her own team first and then the others. Dates: the "Kies datum" button
// beside a typed box opens the browser's picker (showPicker, recorded), a picked date is
// written into the box as dd-mm-jjjj and a typed one goes to the picker; the audit filter
// has the same boxes. Long labels: on a 390 px wide screen the long topic wraps in the
// select and in the dashboard's chart, nothing sticks out of the screen (also at 1280 px).
// axe-core (WCAG 2.1 A/AA) runs on the way. Screenshots `defaults-*.png`.
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
  logIn,
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
const QUALITY = { name: `Kwaliteit Standaard ${RUN_ID}`, email: `standaard-kw-${RUN_ID}@test.example` };
/** A topic as long as the longest of the model's ("Werk van andere instanties of samenwerking daarmee"), and then some. */
const LONG_TOPIC = `Werk van andere instanties of samenwerking daarmee in de wijk ${RUN_ID}`;
let longTopic;
let adminHeaders;

/** Text with its spaces (also non-breaking ones) normalised. */
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const headers = { 'X-CSRF-Token': csrf };
  adminHeaders = headers;

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
  res = await api.post('/api/v1/users', {
    data: { name: QUALITY.name, email: QUALITY.email, password: PASSWORD, roles: ['quality'], team_ids: [] },
    headers,
  });
  assert.equal(res.status(), 201, `POST /api/v1/users (quality): ${res.status()} ${await res.text()}`);

  res = await api.post('/api/v1/lists/story_topic', { data: { label: LONG_TOPIC, code: `lang-${RUN_ID}`, label_en: `Work of other agencies ${RUN_ID}` }, headers });
  assert.equal(res.status(), 201, `POST /api/v1/lists/story_topic: ${res.status()} ${await res.text()}`);
  longTopic = await res.json();
  const valuations = (await (await api.get('/api/v1/lists/story_valuation')).json()).items.filter((v) => v.active);

  // The coach shares a story on the long topic, this year, so the dashboard has a bar for it.
  const coach = await playwrightRequest.newContext({ baseURL: target.url });
  const coachCsrf = await apiLogin(coach, target.url, COACH.email, PASSWORD);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  res = await coach.post('/api/v1/stories', {
    data: {
      title: `Samen met de corporatie ${RUN_ID}`,
      text: 'De corporatie en het wijkteam zochten samen naar een oplossing.',
      date: today,
      teller_kind: 'medewerker',
      team_id: team.id,
      topic_id: longTopic.id,
      valuation_id: valuations[valuations.length - 1].id,
    },
    headers: { 'X-CSRF-Token': coachCsrf },
  });
  assert.equal(res.status(), 201, `POST /api/v1/stories: ${res.status()} ${await res.text()}`);
  await coach.dispose();
});

after(async () => {
  // The long topic goes out of the lists again (the story keeps it).
  if (longTopic) await api?.patch(`/api/v1/lists/story_topic/${longTopic.id}`, { data: { active: false }, headers: adminHeaders });
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

function login(page, email, password) {
  return logIn(page, target.url, email, password);
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

/** Records showPicker() instead of opening the picker (a headless browser shows none). */
async function recordPickers(context) {
  await context.addInitScript(() => {
    window.__pickers = [];
    HTMLInputElement.prototype.showPicker = function showPicker() {
      window.__pickers.push({ type: this.type, value: this.value });
    };
  });
}

/** What the user does in the picker: a date chosen in the hidden date input of the field `id`. */
async function pickDate(page, id, iso) {
  await page.evaluate(
    ([fieldId, value]) => {
      const native = document.getElementById(fieldId).closest('.wk-date').querySelector('input[type="date"]');
      native.value = value;
      native.dispatchEvent(new Event('input', { bubbles: true }));
      native.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [id, iso],
  );
}

/** The hidden date input's value beside the field `id` (the picker's date). */
async function pickerValueOf(page, id) {
  return page.locator(`#${id}`).locator('xpath=ancestor::*[contains(@class, "wk-date")][1]').locator('input[type="date"]').inputValue();
}

test('dates: typed or picked, one field everywhere', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  await recordPickers(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('the story filter: "Kies datum" by keyboard opens the picker; a picked date lands in the box', async () => {
    await login(page, COACH.email, PASSWORD);
    await page.goto(`${target.url}/verhalen`);
    await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
    const box = page.locator('#stories-from');
    assert.equal(await box.getAttribute('type'), 'text');
    await box.focus();
    await page.keyboard.type('1-2-2025');
    assert.equal(await pickerValueOf(page, 'stories-from'), '2025-02-01', 'the typed date goes to the picker');

    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.equal(f?.id, 'stories-from-pick');
    const button = page.getByRole('button', { name: 'Kies datum' }).first();
    assert.equal(await button.getAttribute('id'), 'stories-from-pick');
    // Its description is the field's label, so a screen reader says which date it picks.
    assert.equal(await button.getAttribute('aria-describedby'), 'stories-from-label');
    assert.equal(norm(await page.locator('#stories-from-label').textContent()), 'Van (dd-mm-jjjj)');
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.evaluate(() => window.__pickers), [{ type: 'date', value: '2025-02-01' }], 'the picker opens on the typed date');

    await pickDate(page, 'stories-from', '2025-03-14');
    assert.equal(await box.inputValue(), '14-03-2025', 'the picked date, as dd-mm-jjjj');
    assert.equal((await focused(page))?.id, 'stories-from-pick', 'focus stays on the button');

    // The hidden date input is out of the tab order and hidden from assistive technology.
    const native = page.locator('#stories-from').locator('xpath=..').locator('input[type="date"]');
    assert.equal(await native.getAttribute('tabindex'), '-1');
    assert.equal(await native.getAttribute('aria-hidden'), 'true');

    // Typing still works, and the filter reads the box.
    await box.fill('31-12-2025');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL((url) => url.searchParams.get('van') === '2025-12-31');
    await checkA11y(page, 'story list with date pickers');
  });

  await t.test('the new case form: the start date picked', async () => {
    await page.goto(`${target.url}/casussen/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    assert.equal(await pickerValueOf(page, 'case-new-start'), '', 'an empty box: the picker opens on today');
    await page.locator('#case-new-start-pick').click();
    await pickDate(page, 'case-new-start', '2025-04-01');
    assert.equal(await page.locator('#case-new-start').inputValue(), '01-04-2025');
  });

  await t.test('the audit filter: the same typed boxes with a picker (no mm/dd/yyyy)', async () => {
    const admin = await newContext(browser);
    await recordPickers(admin);
    const p = await admin.newPage();
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (err) => pageErrors.push(String(err)));
    await login(p, ADMIN_EMAIL, ADMIN_PASSWORD);
    await p.goto(`${target.url}/beheer/audit?van=2026-12-01`);
    await p.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    assert.equal(await p.locator('#audit-from').getAttribute('type'), 'text');
    assert.equal(await p.locator('#audit-from').inputValue(), '01-12-2026', 'the address’s date as dd-mm-jjjj');
    await p.locator('#audit-to-pick').click();
    await pickDate(p, 'audit-to', '2026-12-07');
    assert.equal(await p.locator('#audit-to').inputValue(), '07-12-2026');
    await p.getByRole('button', { name: 'Filteren' }).click();
    await p.waitForURL((url) => url.search === '?van=2026-12-01&tot=2026-12-07');
    await p.locator('#audit-from').fill('31-11-2026');
    await p.getByRole('button', { name: 'Filteren' }).click();
    await p.locator('#audit-from-error').getByText('Vul een bestaande datum in als dd-mm-jjjj', { exact: false }).waitFor();
    await checkA11y(p, 'audit log with date pickers');
    await admin.close();
  });

  await t.test('no JavaScript errors on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
  await context.close();
});

/** Elements that stick out of the screen on the right, or text cut off in its box. */
async function clipped(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const el of document.querySelectorAll('main select, main .wk-chart__label, main .wk-chart__value, main label, main .utrecht-button')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      // Inside a sideways-scrolling table box it may run on; anywhere else it must fit the screen.
      if (!el.closest('.wk-table-wrap') && r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(r.right)}`);
      if (el.tagName !== 'SELECT' && el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}" is cut off`);
    }
    return out;
  });
}

test('long labels wrap on a phone and on a wide screen', { timeout: 120_000 }, async (t) => {
  for (const width of [390, 1280]) {
    await t.test(`${width} px: the story filter's topic select and the dashboard's chart`, async () => {
      const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (err) => pageErrors.push(String(err)));
      await login(page, QUALITY.email, PASSWORD);

      await page.goto(`${target.url}/verhalen`);
      await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
      const topic = page.locator('#stories-topic');
      await topic.locator(`option[value="${longTopic.id}"]`).waitFor({ state: 'attached' });
      await topic.selectOption(String(longTopic.id));
      const box = await topic.boundingBox();
      assert.ok(box.x + box.width <= width, `the select fits the screen (ends at ${box.x + box.width})`);
      const oneLine = await page.locator('#stories-teller').boundingBox();
      if (width === 390) assert.ok(box.height > oneLine.height * 1.5, `the long topic wraps in the select (${box.height} px high, a one-line select ${oneLine.height})`);
      assert.deepEqual(await clipped(page), [], 'nothing cut off on the story list');
      await screenshot(page, `defaults-stories-${width}`);

      await page.goto(`${target.url}/verhalen/dashboard`);
      await page.getByRole('heading', { level: 1, name: 'Dashboard Vertelpunt' }).waitFor();
      const label = page.locator('#dash-topics-chart .wk-chart__label', { hasText: LONG_TOPIC });
      await label.waitFor();
      assert.equal(norm(await label.textContent()), LONG_TOPIC, 'the whole label, not shortened');
      const lb = await label.boundingBox();
      assert.ok(lb.height > 25, `the long label wraps over lines (${lb.height} px high)`);
      assert.match(await page.locator('#dash-topics-chart [role="img"]').getAttribute('aria-label'), new RegExp(LONG_TOPIC));
      assert.deepEqual(await clipped(page), [], 'nothing cut off on the dashboard');
      await checkA11y(page, `dashboard at ${width} px`);
      await screenshot(page, `defaults-dashboard-${width}`);
      await context.close();
    });
  }
});
