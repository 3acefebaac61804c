// Vertelpunt (stories) in a real browser. A resident shares a story on the public page
// /vertel/{org} with a phone-sized window (390×844) and the keyboard only, without an
// account: the organisation's logo (uploaded by the admin through the API) and name at
// the top, the topics in residents' words, no archetypes (staff only), the resident's
// question as an optional text box, the privacy note before the send button; the same
// page 1280 wide. A quality officer (made by the admin through the API) accepts it in the
// "Te beoordelen" queue and rejects a second one (reason required, confirmation
// dialog); a coach shares a staff story (a BSN refused at its field, an e-mail address
// saved with a warning); the dashboard shows the counts, topic shares with one decimal
// and the comparison columns; the quality officer adds a topic for residents only, in
// their words, which the public form offers and the staff form and filter do not.
// A list of more than 10,000 stories (the organisation scripts/e2e.sh fills, lib.mjs BIG) is
// "van meer dan 10.000", pages by ?vanaf= up to 10,000 and by the server's cursor
// (?na=…&p=…) beyond, with the filter kept in every link; the session form's filter
// count says "meer dan 10.000" too.
// axe-core (WCAG 2.1 A/AA) runs on every page. The organisation's logo is put back as
// it was afterwards.
// Screenshots: stories-public.png, vertelpunt-telefoon.png (for the user guide),
// stories-public-wide.png, stories-public-thanks.png,
// stories-form.png, stories-queue.png, stories-dashboard.png, stories-lists.png,
// stories-past-10000.png.
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
  testLogo,
  waitForFocus,
  playwrightRequest,
  logIn,
  walkPastTenThousand,
  checkCursorApi,
} from './lib.mjs';


let target;
let browser;
let api; // the admin
let org; // the organisation's slug
let team;
let csrf; // the admin's
let orgName;
/** The logo before the test (bytes), or null: put back afterwards. */
let logoBefore = null;
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const QUALITY = { name: `Kwaliteit Verhalen ${RUN_ID}`, email: `verhalen-kw-${RUN_ID}@test.example` };
const COACH = { name: `Coach Verhalen ${RUN_ID}`, email: `verhalen-coach-${RUN_ID}@test.example` };
const PUBLIC_TITLE = `Eindelijk geholpen ${RUN_ID}`;
const PUBLIC_TEXT = 'Na maanden wachten kwam de wijkcoach langs. Samen hebben we de schulden op een rij gezet.';
const PUBLIC_ANSWER = 'Eerder iemand die gewoon belde om te vragen hoe het ging.';
const RESIDENTS_TOPIC = `Buurtkamer ${RUN_ID}`;
const RESIDENTS_WORDS = `De buurtkamer ${RUN_ID}`;
const SPAM_TITLE = `Tweede verhaal ${RUN_ID}`;
const PRIVATE_TITLE = `Met mijn nummer ${RUN_ID}`;
const PRIVATE_TEXT = 'Bel mij op tel 0612345678 of kom langs op Kerkstraat 4, 7511 AB. Mijn buurman Piet hielp ook.';
const STAFF_TITLE = `Huisbezoek met de corporatie ${RUN_ID}`;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const THIS_YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const me = await (await api.get('/api/v1/me')).json();
  org = me.organisation.slug;
  orgName = me.organisation.name;
  // The organisation's logo: kept to put back, then the test's own.
  const old = await api.get('/api/v1/organisation/logo');
  if (old.status() === 200) logoBefore = await old.body();
  const put = await api.put('/api/v1/organisation/logo', { data: testLogo(), headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' } });
  assert.equal(put.status(), 200, `PUT /api/v1/organisation/logo: ${put.status()} ${await put.text()}`);
  assert.deepEqual(await put.json(), { content_type: 'image/png', size: testLogo().length });
  const teams = (await (await api.get('/api/v1/teams')).json()).items;
  team = teams.find((x) => x.active);
  assert.ok(team, 'a demo team exists');
  for (const [who, roles, teamIds] of [
    [QUALITY, ['quality'], []],
    [COACH, ['coach'], [team.id]],
  ]) {
    const res = await api.post('/api/v1/users', {
      data: { name: who.name, email: who.email, password: PASSWORD, roles, team_ids: teamIds },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201, `POST /api/v1/users (${roles}): ${res.status()} ${await res.text()}`);
  }
});

after(async () => {
  if (api && csrf) {
    const headers = { 'X-CSRF-Token': csrf };
    const res = logoBefore
      ? await api.put('/api/v1/organisation/logo', { data: logoBefore, headers: { ...headers, 'Content-Type': 'application/octet-stream' } })
      : await api.delete('/api/v1/organisation/logo', { headers });
    assert.ok([200, 204, 404].includes(res.status()), `putting the logo back: ${res.status()}`);
  }
  await api?.dispose();
  await browser?.close();
  await target?.close();
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
});

function login(page, email, password) {
  return logIn(page, target.url, email, password);
}

/** Focuses a link or button by its id and presses Enter. */
async function press(page, id) {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('Enter');
}

test('a resident shares a story on a phone, by keyboard, without logging in', { timeout: 120_000 }, async (t) => {
  const context = await browser.newContext({
    bypassCSP: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  const apiCalls = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
  });

  await t.test('the page opens without a session and without the staff menu', async () => {
    await page.goto(`${target.url}/vertel/${org}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel uw verhaal' }).waitFor();
    await page.getByLabel('Geef uw verhaal een titel').waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 0, 'no staff menu');
    assert.ok(!apiCalls.includes('GET /api/v1/me'), `no /api/v1/me call: ${apiCalls.join(', ')}`);
    assert.ok(apiCalls.includes(`GET /api/v1/public/${org}/form`));
    assert.equal(new URL(page.url()).pathname, `/vertel/${org}`, 'not sent to the log-in page');
    const intro = norm(await page.locator('main').innerText());
    assert.match(intro, /U hoeft uw naam niet te geven/);
    assert.equal(await page.title(), `Vertel uw verhaal — ${orgName}`);
    // The honeypot: hidden, out of the tab order, no autocomplete.
    const hp = await page.evaluate(() => {
      const el = document.querySelector('input[name="website"]');
      const box = el.closest('.wk-honeypot').getBoundingClientRect();
      return { tabIndex: el.tabIndex, ac: el.getAttribute('autocomplete'), hidden: el.closest('[aria-hidden="true"]') !== null, w: box.width, h: box.height };
    });
    assert.equal(hp.tabIndex, -1);
    assert.equal(hp.ac, 'off');
    assert.ok(hp.hidden, 'the honeypot is aria-hidden');
    assert.ok(hp.w <= 1 && hp.h <= 1, `the honeypot is visually hidden (${hp.w}×${hp.h})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 390 px (${overflow} px too wide)`);
    await checkA11y(page, 'public story form (390×844)');
  });

  await t.test('the organisation’s logo and name at the top, not the product’s tagline', async () => {
    const band = page.locator('header .wk-header__band');
    const logo = band.getByRole('img', { name: `Logo van ${orgName}`, exact: true });
    await logo.waitFor();
    const img = await logo.evaluate((el) => ({ w: el.naturalWidth, h: el.naturalHeight, src: el.getAttribute('src'), shown: el.getBoundingClientRect().width }));
    assert.deepEqual([img.w, img.h], [180, 60], `the uploaded PNG is shown (${JSON.stringify(img)})`);
    assert.match(img.src, new RegExp(`^/api/v1/public/${org}/logo\\?v=\\d+$`));
    assert.ok(img.shown > 0 && img.shown <= 390, `the logo fits the phone (${img.shown} px)`);
    const text = norm(await band.innerText());
    assert.ok(text.includes(orgName), `the organisation's name in the band: ${text}`);
    assert.doesNotMatch(text, /Kwaliteit en verantwoording/, 'no tagline');
    assert.doesNotMatch(text, /Wijkkader/, 'no product name');
  });

  await t.test('residents’ words, no archetypes, the resident’s question, the privacy note before sending', async () => {
    const form = await (await api.get(`/api/v1/public/${org}/form`)).json();
    assert.deepEqual(form.archetypes, [], 'archetypes are for staff only');
    // Topics in residents' words; the organisation's internal matters are not offered.
    await page.getByRole('radio', { name: 'Geld en rondkomen', exact: true }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Financiële kwesties' }).count(), 0, 'not the staff words');
    assert.equal(await page.getByRole('radio', { name: 'Interne organisatiekwesties' }).count(), 0, 'no staff-only topic');
    assert.equal(await page.locator('[id^="public-archetype"]').count(), 0, 'no archetype group at all');
    assert.doesNotMatch(norm(await page.locator('main').innerText()), /Hoe voelde u zich/);
    // The resident's question: an optional text box that says so.
    const question = page.getByRole('textbox', { name: 'Wat had u op dat moment geholpen?' });
    await question.waitFor();
    assert.equal(await question.getAttribute('aria-required'), null);
    const described = await question.getAttribute('aria-describedby');
    assert.match(norm(await page.locator(`#${described.split(' ')[0]}`).innerText()), /^Niet verplicht\.$/);
    // The privacy note: the server's text, in its own section, before the send button.
    const note = page.getByRole('region', { name: 'Wat gebeurt er met uw verhaal?' });
    await note.waitFor();
    const noteText = norm(await note.innerText());
    assert.ok(noteText.includes(norm(form.privacy_note)), `the privacy note as the server sends it: ${noteText}`);
    assert.match(noteText, /U hoeft uw naam niet te geven/);
    const before = await page.evaluate(() => {
      const section = document.querySelector('.wk-privacy-note');
      const submit = document.getElementById('public-submit');
      return Boolean(section.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(before, 'the privacy note comes before the send button');
  });

  await t.test('empty title and story are caught at their fields', async () => {
    await tabTo(page, 'public-submit', 60);
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'public-title', 'first invalid field');
    assert.match(norm(await page.locator('#public-title-error').innerText()), /Geef uw verhaal een titel/);
  });

  await t.test('title, story, topic, valuation and the question by keyboard', async () => {
    await page.keyboard.type(PUBLIC_TITLE);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'public-text');
    await page.keyboard.type(PUBLIC_TEXT);
    assert.equal(await page.getByRole('alert').getByText('Nog niet alles is goed ingevuld').count(), 0, 'the summary goes with the last message');
    await page.keyboard.press('Tab');
    // The first topic radio; arrow keys choose within the group (Gezondheid, Hoe het met mij gaat, …).
    let f = await focused(page);
    assert.match(f.id, /^public-topic-/, `focus on a topic: ${JSON.stringify(f)}`);
    const schulden = page.getByRole('radio', { name: 'Schulden', exact: true });
    for (let i = 0; i < 15 && !(await schulden.isChecked()); i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await schulden.isChecked(), true);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.match(f.id, /^public-valuation-/, `focus on the valuation scale: ${JSON.stringify(f)}`);
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('radio', { name: 'zeer positief', exact: true }).isChecked(), true);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.match(f.id, /^public-answer-\d+$/, `from the valuation to the resident's question: ${JSON.stringify(f)}`);
    await page.keyboard.type(PUBLIC_ANSWER);
    await tabTo(page, 'public-submit', 12);
    await screenshot(page, 'stories-public');
    // The user guide's picture (docs/images/vertelpunt-telefoon.png): the title without the run's id.
    await page.locator('#public-title').fill('Eindelijk geholpen');
    await screenshot(page, 'vertelpunt-telefoon');
    await page.locator('#public-title').fill(PUBLIC_TITLE);
    await page.locator('#public-submit').focus();
  });

  await t.test('sent: a thank-you that says the story is read first', async () => {
    const posted = page.waitForRequest((r) => r.url().endsWith(`/api/v1/public/${org}/stories`) && r.method() === 'POST');
    await page.keyboard.press('Enter');
    const req = await posted;
    const body = JSON.parse(req.postData());
    assert.equal(body.website, '', 'the honeypot is sent empty');
    assert.equal(body.title, PUBLIC_TITLE);
    assert.ok(Number.isInteger(body.topic_id) && Number.isInteger(body.valuation_id));
    assert.equal(body.archetype_ids, undefined, 'no archetypes from a resident');
    assert.equal(body.answers.length, 1);
    assert.ok(Number.isInteger(body.answers[0].prompt_id));
    assert.equal(body.answers[0].text, PUBLIC_ANSWER);
    await page.getByRole('heading', { name: 'Dank u wel voor uw verhaal' }).waitFor();
    await waitForFocus(page, 'public-thanks-title', 'the thank-you heading');
    assert.match(norm(await page.locator('main').innerText()), /leest het eerst voordat het wordt gebruikt/);
    await checkA11y(page, 'public story: thank you');
    await screenshot(page, 'stories-public-thanks');
  });

  await t.test('an unknown organisation', async () => {
    await page.goto(`${target.url}/vertel/bestaat-niet-${RUN_ID}`);
    await page.getByText('Dit vertelpunt bestaat niet').waitFor();
    assert.equal(await page.locator('header img').count(), 0, 'no logo');
  });
  await context.close();

  await t.test('the same page 1280 wide', async () => {
    const wide = await newContext(browser);
    const p = await wide.newPage();
    p.on('pageerror', (err) => pageErrors.push(String(err)));
    await p.goto(`${target.url}/vertel/${org}`);
    await p.getByRole('img', { name: `Logo van ${orgName}`, exact: true }).waitFor();
    await p.getByRole('region', { name: 'Wat gebeurt er met uw verhaal?' }).waitFor();
    const widths = await p.evaluate(() => ({
      form: document.querySelector('.wk-public-story').getBoundingClientRect().width,
      logo: document.querySelector('header img').getBoundingClientRect().height,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    assert.ok(widths.form <= 650, `one readable column (${widths.form} px)`);
    assert.ok(widths.logo > 0 && widths.logo <= 48, `the logo at most 3rem high (${widths.logo} px)`);
    assert.ok(widths.overflow <= 0);
    await checkA11y(p, 'public story form (1280 wide)');
    await screenshot(p, 'stories-public-wide');
    await wide.close();
  });

  // A second public story, through the API, for the reject path below.
  const res = await api.post(`/api/v1/public/${org}/stories`, { data: { title: SPAM_TITLE, text: 'Test, test, test.', website: '' } });
  assert.equal(res.status(), 202, `POST /api/v1/public/${org}/stories: ${res.status()} ${await res.text()}`);
  assert.deepEqual(await res.json(), { status: 'pending' });
  // A third with personal data, for the black-out below.
  const priv = await api.post(`/api/v1/public/${org}/stories`, { data: { title: PRIVATE_TITLE, text: PRIVATE_TEXT, website: '' } });
  assert.equal(priv.status(), 202, `POST /api/v1/public/${org}/stories: ${priv.status()} ${await priv.text()}`);
});

test('quality: the moderation queue, accept and reject', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('Vertelpunt in the menu; the story is not published yet', async () => {
    await login(page, QUALITY.email, PASSWORD);
    await gotoByMenu(page, 'Vertelpunt', 'Vertelpunt');
    await page.locator('#stories-tab-pending').waitFor();
    assert.equal(await page.getByRole('link', { name: PUBLIC_TITLE }).count(), 0, 'a pending story is not in the published list');
    await checkA11y(page, 'story list');
  });

  await t.test('Te beoordelen lists it; the story page has Accepteren', async () => {
    await press(page, 'stories-tab-pending');
    const link = page.getByRole('link', { name: PUBLIC_TITLE });
    await link.waitFor();
    assert.equal(await page.locator('#stories-tab-pending').getAttribute('aria-current'), 'page');
    await screenshot(page, 'stories-queue');
    await checkA11y(page, 'moderation queue');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: PUBLIC_TITLE }).waitFor();
    const main = norm(await page.locator('main').innerText());
    assert.match(main, /Na maanden wachten kwam de wijkcoach langs/);
    assert.match(main, /Inwoner/);
    assert.match(main, /Schulden/);
    assert.match(main, /zeer positief/);
    assert.ok(main.includes(PUBLIC_ANSWER), 'the answer to the resident’s question');
    assert.match(main, /Niet ondertekend/);
    assert.match(main, /Te beoordelen/);
    await checkA11y(page, 'story page with moderation');
  });

  await t.test('accept', async () => {
    await press(page, 'story-accept');
    await page.getByText(`Het verhaal “${PUBLIC_TITLE}” is geaccepteerd`).waitFor();
    assert.equal(await page.getByRole('link', { name: PUBLIC_TITLE }).count(), 0, 'gone from the queue');
  });

  await t.test('reject needs a reason and a confirmation', async () => {
    const link = page.getByRole('link', { name: SPAM_TITLE });
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: SPAM_TITLE }).waitFor();
    await press(page, 'story-reject');
    await waitForFocus(page, 'story-reason', 'the reason box');
    assert.match(norm(await page.locator('#story-reason-error').innerText()), /Schrijf waarom/);
    await page.keyboard.type('Geen echt verhaal (test).');
    await press(page, 'story-reject');
    const dialog = page.getByRole('dialog', { name: 'Verhaal afwijzen?' });
    await dialog.waitFor();
    assert.equal((await focused(page)).text, 'Annuleren', 'focus starts on the safe choice');
    await checkA11y(page, 'reject confirmation');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByText(`Het verhaal “${SPAM_TITLE}” is afgewezen`).waitFor();
  });

  await t.test('personal data is marked and blacked out before accepting', async () => {
    const link = page.getByRole('link', { name: PRIVATE_TITLE });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: PRIVATE_TITLE }).waitFor();
    assert.deepEqual(await page.locator('.wk-story-text mark.wk-personal-data').allInnerTexts(), ['0612345678', '4, 7511 AB'], 'marked in the text');
    assert.match(norm(await page.locator('.wk-moderation').innerText()), /bevat mogelijk persoonsgegevens \(2\)/);
    assert.equal(await page.getByRole('checkbox', { name: /Telefoonnummer: 0612345678/ }).isChecked(), true);
    assert.equal(await page.getByRole('checkbox', { name: /Adres \(postcode met huisnummer\): 4, 7511 AB/ }).isChecked(), true);
    // A name the scanner cannot know: the moderator adds it herself; a passage not in the text is caught.
    await page.locator('#story-redact-passage').fill('Buurman Klaas');
    await press(page, 'story-redact-add');
    await waitForFocus(page, 'story-redact-passage', 'the passage field after a passage that is not there');
    await page.locator('#story-redact-passage').fill('Piet');
    await press(page, 'story-redact-add');
    assert.equal(await page.getByRole('checkbox', { name: /Zelf gekozen: Piet/ }).isChecked(), true);
    assert.equal(norm(await page.locator('#story-redact-preview').innerText()),
      'Bel mij op tel [weggelaten] of kom langs op Kerkstraat [weggelaten]. Mijn buurman [weggelaten] hielp ook.');
    await checkA11y(page, 'moderation with personal data');
    await screenshot(page, 'stories-personal-data');
    const answered = page.waitForResponse((r) => r.url().includes('/moderation') && r.request().method() === 'POST');
    await press(page, 'story-accept');
    const body = await (await answered).json();
    assert.equal(body.text, 'Bel mij op tel [weggelaten] of kom langs op Kerkstraat [weggelaten]. Mijn buurman [weggelaten] hielp ook.');
    await page.getByText(`Het verhaal “${PRIVATE_TITLE}” is geaccepteerd`).waitFor();
  });

  await t.test('the accepted story is published; the rejected one is under Afgewezen', async () => {
    await press(page, 'stories-tab-published');
    await page.getByRole('link', { name: PUBLIC_TITLE }).waitFor();
    await press(page, 'stories-tab-rejected');
    await page.getByRole('link', { name: SPAM_TITLE }).waitFor();
  });
  await context.close();
});

test('a coach shares a staff story', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('the form: today, medewerker, own team, signing off', async () => {
    await login(page, COACH.email, PASSWORD);
    await gotoByMenu(page, 'Vertelpunt', 'Vertelpunt');
    assert.equal(await page.locator('#stories-tab-pending').count(), 0, 'no moderation tabs for a coach');
    assert.equal(await page.locator('#stories-dashboard').count(), 0, 'no dashboard for a coach');
    await press(page, 'stories-new');
    await page.getByRole('heading', { level: 1, name: 'Deel een verhaal' }).waitFor();
    const today = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    assert.equal(await page.locator('#story-date').inputValue(), today.replace(/\//g, '-'));
    assert.equal(await page.getByRole('radio', { name: 'Medewerker' }).isChecked(), true);
    assert.equal(await page.locator('#story-team_id').inputValue(), String(team.id), 'the coach’s one team');
    assert.equal(await page.getByRole('checkbox', { name: 'Onderteken met mijn naam' }).isChecked(), false);
    assert.match(norm(await page.locator('#story-signed-help').innerText()), /geen naam/);
    // Staff's values in staff's words: the staff-only topic and the archetypes, not residents' words or question.
    await page.getByRole('radio', { name: 'Interne organisatiekwesties', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Financiële kwesties', exact: true }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Geld en rondkomen' }).count(), 0, 'not residents’ words');
    await page.getByRole('checkbox', { name: 'Redder' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Wat had u op dat moment geholpen?' }).count(), 0, 'not the residents’ question');
    await checkA11y(page, 'staff story form');
  });

  await t.test('missing choices are caught; a BSN is refused at the story field', async () => {
    await page.locator('#story-title').fill(STAFF_TITLE);
    await page.locator('#story-text').fill('Mevrouw gaf haar BSN 111222333 door aan de corporatie.');
    await press(page, 'story-submit');
    const firstTopic = await page.locator('#story-topic_id input').first().getAttribute('id');
    await waitForFocus(page, firstTopic, 'the first topic (the first field in error)');
    assert.match(norm(await page.locator('#story-topic_id-error').innerText()), /Kies waar het verhaal over gaat/);
    await page.getByRole('radio', { name: 'Wonen en bescherming' }).check();
    await page.getByRole('radio', { name: 'negatief', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Redder' }).check();
    await screenshot(page, 'stories-form');
    await press(page, 'story-submit');
    await waitForFocus(page, 'story-text', 'the story box');
    assert.equal(await page.locator('#story-text').getAttribute('aria-invalid'), 'true');
    assert.match(norm(await page.locator('#story-text-error').innerText()), /BSN/);
    await checkA11y(page, 'staff story form with the BSN refused');
  });

  await t.test('saved with a warning about the e-mail address', async () => {
    await page.locator('#story-text').fill('Samen met de corporatie (contact: wonen@corporatie.example) een oplossing gevonden.');
    await press(page, 'story-submit');
    await page.getByRole('heading', { level: 1, name: STAFF_TITLE }).waitFor();
    const main = norm(await page.locator('main').innerText());
    assert.match(main, /is gedeeld/);
    assert.match(main, /e-mailadres/);
    assert.match(main, /Medewerker/);
    assert.match(main, new RegExp(team.name));
    assert.match(main, /Wonen en bescherming/);
    assert.match(main, /Niet ondertekend/);
    await checkA11y(page, 'story page with a warning');
  });

  await t.test('the list shows it, and a filter finds it', async () => {
    await press(page, 'stories-back');
    await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
    await page.getByRole('link', { name: STAFF_TITLE }).waitFor();
    await page.locator('#stories-q').fill(RUN_ID);
    await page.locator('#stories-teller').selectOption('medewerker');
    await page.locator('#stories-q').press('Enter');
    await page.waitForURL(/verteller=medewerker/);
    await page.getByRole('link', { name: STAFF_TITLE }).waitFor();
    // The list reloads after the URL changes: wait for the resident's story to go.
    await page.getByRole('link', { name: PUBLIC_TITLE }).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('link', { name: PUBLIC_TITLE }).count(), 0, 'the resident’s story is filtered out');
    const headers = (await page.locator('table.wk-stories thead th').allTextContents()).map(norm);
    assert.deepEqual(headers, ['Datum', 'Titel', 'Onderwerp', 'Waardering', 'Team', 'Verteller']);
  });
  await context.close();
});

test('the dashboard shows the counts and the shares', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await t.test('this year against last year', async () => {
    await login(page, QUALITY.email, PASSWORD);
    await gotoByMenu(page, 'Vertelpunt', 'Vertelpunt');
    await press(page, 'stories-dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard Vertelpunt' }).waitFor();
    assert.equal(await page.locator('#dash-from').inputValue(), `01-01-${THIS_YEAR}`);
    assert.equal(await page.locator('#dash-to').inputValue(), `31-12-${THIS_YEAR}`);
    assert.equal(await page.locator('#dash-compare-from').inputValue(), `01-01-${THIS_YEAR - 1}`);
    await page.locator('#dash-count-now').waitFor();

    // The same figures as the API gives the quality officer.
    const q = await playwrightRequest.newContext({ baseURL: target.url });
    await apiLogin(q, target.url, QUALITY.email, PASSWORD);
    const res = await q.get(`/api/v1/stories/stats?from=${THIS_YEAR}-01-01&to=${THIS_YEAR}-12-31&compare_from=${THIS_YEAR - 1}-01-01&compare_to=${THIS_YEAR - 1}-12-31`);
    assert.equal(res.status(), 200, `GET /api/v1/stories/stats: ${res.status()} ${await res.text()}`);
    const stats = await res.json();
    await q.dispose();
    assert.ok(stats.period.count >= 2, `at least the accepted and the staff story count (${stats.period.count})`);
    const now = norm(await page.locator('#dash-count-now').innerText());
    assert.match(now, new RegExp(`${stats.period.count} verhal`));
    const before = norm(await page.locator('#dash-count-before').innerText());
    assert.match(before, new RegExp(`${stats.comparison.count} verha`));

    const headers = (await page.locator('table.dash-topics thead th').allTextContents()).map(norm);
    assert.deepEqual(headers, ['Onderwerp', 'Aantal', '%', 'Vergelijking', 'Verschil (procentpunten)']);
    const schulden = stats.period.topics.find((b) => b.label === 'Schulden');
    const row = (await page.locator('table.dash-topics tbody tr', { hasText: 'Schulden' }).first().locator('td').allTextContents()).map(norm);
    assert.equal(row[0], String(schulden.count));
    const pct = `${schulden.share.toFixed(1).replace('.', ',')} %`;
    assert.equal(row[1], pct, 'Dutch percentage with one decimal');
    assert.match(row[3], /^([+−]\d+,\d|0,0)$/, `points: ${row[3]}`);
    const valuationRows = await page.locator('table.dash-valuations tbody tr').count();
    assert.equal(valuationRows, stats.period.valuations.length);
    const chart = await page.locator('#dash-valuations-chart-caption').locator('xpath=..').locator('[role="img"]').getAttribute('aria-label');
    assert.match(chart, /zeer negatief/);
    assert.match(chart, /\d+,\d\s%/);
    await checkA11y(page, 'stories dashboard');
    await screenshot(page, 'stories-dashboard');
  });
  await context.close();
});

test('quality: a topic for residents only, in their words', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  const table = page.locator('table[data-list="story_topic"]');
  const row = table.locator('tbody tr', { hasText: RESIDENTS_TOPIC });
  let topicId = null;

  await t.test('Vertelpunt-lijsten shows for whom each value is and residents’ words', async () => {
    await login(page, QUALITY.email, PASSWORD);
    await gotoByMenu(page, 'Vertelpunt-lijsten', 'Vertelpunt-lijsten');
    await table.waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map(norm);
    assert.deepEqual(headers, ['Naam', 'Engelse naam', 'Voor wie', 'Woorden voor inwoners', 'Code', 'Actief', 'Acties']);
    const cells = async (label) => (await table.locator('tbody tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td').allInnerTexts()).map(norm);
    assert.deepEqual((await cells('Financiële kwesties')).slice(0, 3), ['Financial issues', 'Iedereen', 'Geld en rondkomen']);
    assert.deepEqual((await cells('Interne organisatiekwesties')).slice(1, 3), ['Alleen medewerkers', '— niet op het vertelpunt voor inwoners']);
    assert.deepEqual((await cells('Schulden')).slice(1, 3), ['Iedereen', 'Schulden']);
    const archetypes = page.locator('table[data-list="story_archetype"]');
    assert.equal(norm(await archetypes.locator('tbody tr', { hasText: 'Redder' }).locator('td').nth(1).innerText()), 'Alleen medewerkers');
  });

  await t.test('add a topic for residents only, then change residents’ words', async () => {
    await page.locator('#add-story_topic-label').fill(RESIDENTS_TOPIC);
    await page.locator('#add-story_topic-audience').selectOption({ label: 'Alleen inwoners' });
    await page.locator('#add-story_topic-public_label').fill(`Buurthuis ${RUN_ID}`);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/lists/story_topic') && r.request().method() === 'POST');
    await page.locator('#add-story_topic-label').press('Enter');
    const body = JSON.parse((await created).request().postData());
    assert.equal(body.audience, 'public');
    assert.equal(body.public_label, `Buurthuis ${RUN_ID}`);
    await page.getByText(`${RESIDENTS_TOPIC} is toegevoegd.`).waitFor();
    topicId = Number(await row.getAttribute('data-value-id'));
    assert.deepEqual((await row.locator('td').allInnerTexts()).map(norm).slice(1, 3), ['Alleen inwoners', `Buurthuis ${RUN_ID}`]);

    await row.getByRole('button', { name: `Wijzigen ${RESIDENTS_TOPIC}` }).click();
    const form = page.getByRole('form', { name: `${RESIDENTS_TOPIC} wijzigen` });
    await form.waitFor();
    assert.equal(await form.getByLabel('Voor wie').inputValue(), 'public');
    const words = form.getByLabel('Woorden voor inwoners (optioneel)');
    assert.equal(await words.inputValue(), `Buurthuis ${RUN_ID}`);
    await words.fill(RESIDENTS_WORDS);
    await checkA11y(page, 'Vertelpunt lists with the edit form');
    await form.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText(`${RESIDENTS_TOPIC} is gewijzigd.`).waitFor();
    const edited = page.locator(`table[data-list="story_topic"] tr[data-value-id="${topicId}"]`);
    assert.deepEqual((await edited.locator('td').allInnerTexts()).map(norm).slice(1, 3), ['Alleen inwoners', RESIDENTS_WORDS]);
    await waitForFocus(page, `list-story_topic-rename-${topicId}`, 'focus back on the row’s Wijzigen');
    await screenshot(page, 'stories-lists');
  });

  await t.test('the public form offers it in residents’ words', async () => {
    const pub = await context.newPage();
    await pub.goto(`${target.url}/vertel/${org}`);
    await pub.getByRole('radio', { name: RESIDENTS_WORDS, exact: true }).waitFor();
    assert.equal(await pub.getByRole('radio', { name: RESIDENTS_TOPIC, exact: true }).count(), 0, 'not the staff name');
    await pub.close();
  });

  await t.test('the staff form and the story filter do not; the server refuses it from staff', async () => {
    await page.goto(`${target.url}/verhalen/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Deel een verhaal' }).waitFor();
    await page.getByRole('radio', { name: 'Schulden', exact: true }).waitFor();
    assert.equal(await page.getByRole('radio', { name: new RegExp(RUN_ID) }).count(), 0, 'not on the staff form');
    await page.goto(`${target.url}/verhalen`);
    await page.getByRole('heading', { level: 1, name: 'Vertelpunt' }).waitFor();
    await page.locator('#stories-topic option', { hasText: 'Schulden' }).waitFor({ state: 'attached' });
    const options = (await page.locator('#stories-topic option').allTextContents()).map(norm);
    assert.ok(options.includes('Financiële kwesties') && options.includes('Interne organisatiekwesties'), `staff's topics: ${options}`);
    assert.ok(!options.some((o) => o.includes(RUN_ID)), `not in the filter: ${options}`);
    // The server agrees: a staff story with a residents-only topic is refused at the topic.
    const q = await playwrightRequest.newContext({ baseURL: target.url });
    const qcsrf = await apiLogin(q, target.url, QUALITY.email, PASSWORD);
    const valuation = (await (await q.get('/api/v1/lists/story_valuation')).json()).items[0].id;
    const res = await q.post('/api/v1/stories', {
      data: { title: `Met een inwonersonderwerp ${RUN_ID}`, text: 'Test.', date: new Date().toISOString().slice(0, 10), teller_kind: 'medewerker', topic_id: topicId, valuation_id: valuation },
      headers: { 'X-CSRF-Token': qcsrf },
    });
    assert.equal(res.status(), 422, `a residents-only topic from staff: ${res.status()} ${await res.text()}`);
    assert.ok((await res.json()).errors.some((e) => e.field === 'topic_id'));
    await q.dispose();
  });

  await t.test('retired again (the next run starts clean)', async () => {
    await gotoByMenu(page, 'Vertelpunt-lijsten', 'Vertelpunt-lijsten');
    await row.getByRole('button', { name: `Intrekken ${RESIDENTS_TOPIC}` }).click();
    await page.getByText(`${RESIDENTS_TOPIC} is ingetrokken.`).waitFor();
  });
  await context.close();
});

test('a list of more than 10,000 stories pages on by cursor', { timeout: 180_000 }, async (t) => {
  const MANY = 10_120;
  // Newest first: all on one day, so the id decides (the keyset's tie-break); story
  // i of MANY is at position MANY - i + 1 in the list.
  const titleAt = (position) => `Veel ${MANY - position + 1}`;
  const keep = 'van=2018-01-01&tot=2018-12-31&verteller=medewerker';
  const list = `${target.url}/verhalen?${keep}`;
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await login(page, BIG.email, BIG.password);
  await walkPastTenThousand(t, page, {
    url: list,
    path: '/verhalen',
    keep,
    pager: 'Pagina’s met verhalen',
    caption: 'stories-caption',
    rows: 'table.wk-stories tbody tr',
    size: 50,
    count: MANY,
    rowAt: titleAt,
    words: { nl: 'Verhalen', en: 'Stories', found: 'verhalen', next: 'Volgende', prev: 'Vorige' },
    name: 'stories',
  });

  await t.test('the API: no offset past 10,000, not both, no foreign cursor (400 naming the field)', async () => {
    const q = await playwrightRequest.newContext({ baseURL: target.url });
    await apiLogin(q, target.url, BIG.email, BIG.password);
    // A case's cursor (["reference"]) is not one of this list's.
    await checkCursorApi(q, '/api/v1/stories?from=2018-01-01&to=2018-12-31&limit=50', 50, Buffer.from(JSON.stringify(['WS-01'])).toString('base64url'));
    await q.dispose();
  });

  await t.test('the session form’s filter count says "meer dan 10.000" too', async () => {
    await page.goto(`${target.url}/duidingssessies/nieuw`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe duidingssessie' }).waitFor();
    await page.locator('#session-filter-from').fill('01-01-2018');
    await page.locator('#session-filter-to').fill('31-12-2018');
    await page.locator('#session-filter-count').getByText('Dit filter vindt nu meer dan 10.000 verhalen.', { exact: true }).waitFor();
  });
  await context.close();
});
