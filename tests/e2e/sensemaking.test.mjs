// Duidingssessies (sense-making sessions), "Mijn acties", best practices, the stories
// export, module views and the Vertelpunt lists in a real browser. The admin makes a
// quality officer and a coach through the API; the quality officer shares three stories
// through the API. In the browser the quality officer creates a session with two
// hand-picked stories (an empty pick caught first), adds a theme linked to one of them
// and an action owned by the coach, then changes the session's title and adds a
// participant with "Gegevens wijzigen" (taking out the theme's story is refused at the
// stories); the coach sees the action under "Mijn acties" on
// the start page, starts it and closes it as done (kind "training", what changed), and
// sees the session read-only; the quality officer closes the session with a conclusion
// (in a dialog), makes a story a best practice of that session, finds it on
// /best-practices, sees the view count on the dashboard, exports the filtered list and
// adds and retires a topic on "Vertelpunt-lijsten". axe-core (WCAG 2.1 A/AA) runs on
// every page and dialog. Screenshots: sensemaking-form.png, sensemaking-session.png,
// sensemaking-edit.png, start-actions.png, sensemaking-closed.png, best-practices.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
  waitForFocus,
  playwrightRequest,
  logIn,
} from './lib.mjs';

let target;
let browser;
let api; // the admin
let team;
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const QUALITY = { name: `Kwaliteit Duiding ${RUN_ID}`, email: `duiding-kw-${RUN_ID}@test.example` };
const COACH = { name: `Coach Duiding ${RUN_ID}`, email: `duiding-coach-${RUN_ID}@test.example` };
const COACH2 = { name: `Wijkcoach Tweede ${RUN_ID}`, email: `duiding-coach2-${RUN_ID}@test.example` };
const STORIES = [`Schuldhulp te laat ${RUN_ID}`, `Wachten op de corporatie ${RUN_ID}`, `Buiten de selectie ${RUN_ID}`];
const SESSION_DRAFT = `Eerste opzet ${RUN_ID}`; // the title at first; changed to SESSION_TITLE
const SESSION_TITLE = `Duiding schulden ${RUN_ID}`;
const THEME_TITLE = `Te laat in beeld ${RUN_ID}`;
const ACTION_TEXT = `Schuldsignalen in de intake opnemen ${RUN_ID}`;
const OUTCOME_TEXT = 'De training gespreksvoering heeft nu een onderdeel over schuldsignalen.';
const CONCLUSION = 'Schulden komen te laat in beeld; de intake en de training gaan mee.';
const BP_SUMMARY = `Vroeg samen met de corporatie om tafel voorkomt een ontruiming (${RUN_ID}).`;
const storyIds = [];
let sessionId;
let otherSessionId; // a session that did not look at the second story
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const dutch = (iso) => iso.split('-').reverse().join('-');

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const me = await (await api.get('/api/v1/me')).json();
  const org = me.organisation.slug;
  team = (await (await api.get('/api/v1/teams')).json()).items.find((x) => x.active);
  assert.ok(team, 'a demo team exists');
  for (const [who, roles, teamIds] of [
    [QUALITY, ['quality'], []],
    [COACH, ['coach'], [team.id]],
    [COACH2, ['coach'], [team.id]],
  ]) {
    const res = await api.post('/api/v1/users', {
      data: { name: who.name, email: who.email, password: PASSWORD, roles, team_ids: teamIds },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201, `POST /api/v1/users (${roles}): ${res.status()} ${await res.text()}`);
    who.id = (await res.json()).id;
  }
  // The quality officer shares three stories (published at once).
  const q = await playwrightRequest.newContext({ baseURL: target.url });
  const qcsrf = await apiLogin(q, target.url, QUALITY.email, PASSWORD);
  const form = await (await q.get(`/api/v1/public/${org}/form`)).json();
  const schulden = form.topics.find((v) => v.label === 'Schulden') ?? form.topics[0];
  for (const [i, title] of STORIES.entries()) {
    const res = await q.post('/api/v1/stories', {
      data: {
        title,
        text: 'Pas na drie aanmaningen kwam de schuld bij ons in beeld; eerder samen met de corporatie praten had geholpen.',
        date: today(),
        teller_kind: 'medewerker',
        team_id: team.id,
        topic_id: schulden.id,
        valuation_id: form.valuations[i % form.valuations.length].id,
      },
      headers: { 'X-CSRF-Token': qcsrf },
    });
    assert.equal(res.status(), 201, `POST /api/v1/stories: ${res.status()} ${await res.text()}`);
    storyIds.push((await res.json()).id);
  }
  // A session that looks only at the third story: the best-practice form of the second
  // must not offer it.
  const other = await q.post('/api/v1/sensemaking-sessions', {
    data: { title: `Alleen buiten de selectie ${RUN_ID}`, date: today(), facilitator_id: QUALITY.id, story_ids: [storyIds[2]] },
    headers: { 'X-CSRF-Token': qcsrf },
  });
  assert.equal(other.status(), 201, `POST /api/v1/sensemaking-sessions: ${other.status()} ${await other.text()}`);
  otherSessionId = (await other.json()).id;
  await q.dispose();
});

after(async () => {
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

async function menuLinks(page) {
  return (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
}

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return page;
}

test('quality: a session with hand-picked stories, a theme and an action', { timeout: 180_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);
  const views = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/module-views') views.push(r.postDataJSON());
  });

  await t.test('the menu has Duidingssessies, Best practices and Vertelpunt-lijsten; opening counts a view', async () => {
    await login(page, QUALITY.email, PASSWORD);
    const links = await menuLinks(page);
    for (const name of ['Vertelpunt', 'Duidingssessies', 'Best practices', 'Vertelpunt-lijsten']) assert.ok(links.includes(name), `${name} in ${links}`);
    assert.equal(views.length, 0, 'the start page is not a Vertelpunt page');
    await gotoByMenu(page, 'Duidingssessies', 'Duidingssessies');
    await page.locator('#sessions-new').waitFor();
    for (let i = 0; i < 40 && !views.length; i += 1) await page.waitForTimeout(50);
    await page.waitForTimeout(300); // and no second one
    assert.deepEqual(views, [{ module: 'vertelpunt' }], 'one view for the sessions page');
    await checkA11y(page, 'sessions list');
  });

  await t.test('the form: today, the quality officer as facilitator; the filter counts stories', async () => {
    await press(page, 'sessions-new');
    await page.getByRole('heading', { level: 1, name: 'Nieuwe duidingssessie' }).waitFor();
    assert.equal(await page.locator('#session-date').inputValue(), dutch(today()));
    assert.equal(await page.locator('#session-facilitator_id').inputValue(), String(QUALITY.id));
    await page.locator('#session-filter-q').fill(RUN_ID);
    await page.locator('#session-filter-count').getByText(`Dit filter vindt nu ${STORIES.length} verhalen.`).waitFor();
    await checkA11y(page, 'new session (filter)');
  });

  await t.test('hand-picked: none picked is caught, then two stories by search', async () => {
    await page.locator('#session-title').fill(SESSION_DRAFT);
    await page.getByRole('checkbox', { name: COACH.name }).check();
    await page.locator('#session-other_participants').fill('twee ketenpartners');
    await page.getByRole('radio', { name: /^Zelf gekozen/ }).check();
    await page.locator('#session-pick-q').waitFor();
    await press(page, 'session-submit');
    await waitForFocus(page, 'session-pick-q', 'the search box (no story picked yet)');
    assert.match(norm(await page.locator('#session-story_ids-error').innerText()), /Kies ten minste één verhaal/);
    await page.keyboard.type(RUN_ID);
    await page.keyboard.press('Enter'); // searches at once, does not send the form
    for (const id of storyIds) await page.locator(`#session-pick-${id}`).waitFor();
    assert.equal(new URL(page.url()).pathname, '/duidingssessies/nieuw', 'Enter in the search box did not send the form');
    await page.locator(`#session-pick-${storyIds[0]}`).check();
    await page.locator(`#session-pick-${storyIds[1]}`).check();
    await page.locator(`#session-picked-${storyIds[1]}`).waitFor();
    assert.match(norm(await page.locator('#session-story_ids legend').innerText()), /Gekozen verhalen \(2\)/);
    await page.locator('#session-notes').fill('Vraag: waarom komen schulden zo laat in beeld?');
    await checkA11y(page, 'new session (hand-picked)');
    await screenshot(page, 'sensemaking-form');
  });

  await t.test('saved: the session page with the picked stories', async () => {
    await press(page, 'session-submit');
    await page.getByRole('heading', { level: 1, name: SESSION_DRAFT }).waitFor();
    sessionId = Number(/\/duidingssessies\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
    assert.ok(sessionId > 0, `the session's page: ${page.url()}`);
    const main = norm(await page.locator('main').innerText());
    assert.match(main, /is aangemaakt/);
    assert.match(main, /Zelf gekozen: 2 verhalen/);
    assert.match(main, new RegExp(`Deelnemers ${COACH.name}`));
    assert.match(main, /twee ketenpartners/);
    await page.locator('table.wk-session-stories').getByRole('link', { name: STORIES[0] }).waitFor();
    await page.locator('table.wk-session-stories').getByRole('link', { name: STORIES[1] }).waitFor();
    assert.equal(await page.locator('table.wk-session-stories').getByRole('link', { name: STORIES[2] }).count(), 0, 'not picked');
    // One heading names the stories, with their number; no caption repeats it.
    assert.equal(norm(await page.locator('#session-stories-title').innerText()), 'Bekeken verhalen (2)');
    assert.equal(await page.locator('table.wk-session-stories caption').count(), 0, 'no second heading as a caption');
    await page.getByRole('table', { name: 'Bekeken verhalen (2)' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Bekeken verhalen (2)' }).count(), 1, 'one region: the section');
    await checkA11y(page, 'session page (new)');
  });

  await t.test('a theme linked to one story', async () => {
    await page.locator('#theme-new-title').fill(THEME_TITLE);
    await page.locator('#theme-new-description').fill('Inwoners melden schulden pas als de deurwaarder komt.');
    await page.locator(`#theme-new-story-${storyIds[0]}`).check();
    await page.locator('#theme-new-title').press('Enter');
    await page.getByText(`Het thema “${THEME_TITLE}” is toegevoegd.`).waitFor();
    const card = page.locator('.wk-theme', { hasText: THEME_TITLE });
    await card.getByRole('link', { name: STORIES[0] }).waitFor();
    assert.equal(await card.getByRole('link', { name: STORIES[1] }).count(), 0);
  });

  await t.test('an action for the coach, under that theme', async () => {
    const panel = page.locator('section[aria-labelledby="action-new-title"]');
    await panel.locator('button[type="submit"]').click();
    await waitForFocus(page, 'action-description', 'the missing description');
    await page.locator('#action-description').fill(ACTION_TEXT);
    await page.locator('#action-owner_id').selectOption({ label: COACH.name });
    await page.locator('#action-theme_id').selectOption({ label: THEME_TITLE });
    assert.match(await page.locator('#action-due_date').inputValue(), /^\d{2}-\d{2}-\d{4}$/, 'a due date is proposed');
    await panel.locator('button[type="submit"]').click();
    await page.getByText(/De actie “Schuldsignalen in de intake opnemen .*” is toegevoegd\./).waitFor();
    const row = page.locator('table.wk-actions-table tr', { hasText: ACTION_TEXT });
    const cells = (await row.locator('td').allTextContents()).map(norm);
    assert.equal(cells[0], COACH.name);
    assert.equal(cells[1], THEME_TITLE);
    assert.match(cells[3], /^Open/);
    await checkA11y(page, 'session page with a theme and an action');
    await screenshot(page, 'sensemaking-session');
  });

  await t.test('Gegevens wijzigen: the form filled in with the session', async () => {
    await press(page, 'session-edit');
    await page.getByRole('heading', { level: 1, name: `Gegevens wijzigen: ${SESSION_DRAFT}` }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/duidingssessies/${sessionId}/wijzigen`);
    assert.equal(await page.locator('#session-title').inputValue(), SESSION_DRAFT);
    assert.equal(await page.locator('#session-date').inputValue(), dutch(today()));
    assert.equal(await page.locator('#session-facilitator_id').inputValue(), String(QUALITY.id));
    assert.equal(await page.getByRole('checkbox', { name: COACH.name }).isChecked(), true);
    assert.equal(await page.getByRole('checkbox', { name: COACH2.name }).isChecked(), false);
    assert.equal(await page.locator('#session-other_participants').inputValue(), 'twee ketenpartners');
    assert.equal(await page.getByRole('radio', { name: /^Zelf gekozen/ }).isChecked(), true);
    assert.match(norm(await page.locator('#session-story_ids legend').innerText()), /Gekozen verhalen \(2\)/);
    assert.match(await page.locator('#session-notes').inputValue(), /waarom komen schulden zo laat/);
    assert.equal(norm(await page.locator('#session-submit').innerText()), 'Wijzigingen opslaan');
    await checkA11y(page, 'edit session');
    await screenshot(page, 'sensemaking-edit');
  });

  await t.test('a new title and a participant; taking out the theme’s story is refused', async () => {
    const patches = [];
    const onRequest = (r) => {
      if (r.method() === 'PATCH' && new URL(r.url()).pathname === `/api/v1/sensemaking-sessions/${sessionId}`) patches.push(r.postDataJSON());
    };
    page.on('request', onRequest);
    await page.locator('#session-title').fill(SESSION_TITLE);
    await page.getByRole('checkbox', { name: COACH2.name }).check();
    await page.locator(`#session-picked-${storyIds[0]}`).click(); // unticked, it leaves the list; the theme links it
    await page.locator(`#session-picked-${storyIds[0]}`).waitFor({ state: 'detached' });
    await press(page, 'session-submit');
    await page.locator('#session-story_ids-error').waitFor();
    assert.match(norm(await page.locator('#session-story_ids-error').innerText()), new RegExp(`${THEME_TITLE}.*verwijst naar een verhaal`));
    await waitForFocus(page, `session-picked-${storyIds[1]}`, 'the stories, where the error is');
    assert.equal(new URL(page.url()).pathname, `/duidingssessies/${sessionId}/wijzigen`, 'still on the form');
    await checkA11y(page, 'edit session, story refused');
    // Put the story back (it is among the newest stories the picker shows) and save.
    await page.locator(`#session-pick-${storyIds[0]}`).check();
    await page.locator(`#session-picked-${storyIds[0]}`).waitFor();
    await press(page, 'session-submit');
    await page.getByRole('heading', { level: 1, name: SESSION_TITLE }).waitFor();
    page.off('request', onRequest);
    assert.equal(patches.length, 2, 'one refused PATCH, one saved');
    assert.deepEqual(Object.keys(patches[1]).sort(), ['participant_ids', 'title'], `only what changed: ${JSON.stringify(patches[1])}`);
    assert.deepEqual([...patches[1].participant_ids].sort((a, b) => a - b), [COACH.id, COACH2.id].sort((a, b) => a - b));
    const main = norm(await page.locator('main').innerText());
    assert.match(main, new RegExp(`De gegevens van de sessie “${SESSION_TITLE}” zijn opgeslagen\\.`));
    assert.match(main, new RegExp(`Deelnemers (${COACH.name}, ${COACH2.name}|${COACH2.name}, ${COACH.name})`));
    assert.match(main, /Zelf gekozen: 2 verhalen/);
    await page.locator('.wk-theme', { hasText: THEME_TITLE }).getByRole('link', { name: STORIES[0] }).waitFor();
    await checkA11y(page, 'session page after the change');
  });
  await context.close();
});

test('the coach closes the action from "Mijn acties"', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);
  let actionId;

  await t.test('the start page lists the open action with its session', async () => {
    await login(page, COACH.email, PASSWORD);
    const links = await menuLinks(page);
    assert.ok(links.includes('Duidingssessies'), `Duidingssessies in ${links}`);
    assert.ok(!links.includes('Best practices'), 'Best practices is in the quality menu only');
    const section = page.locator('section.wk-my-actions');
    const row = section.locator('tr', { hasText: ACTION_TEXT });
    await row.waitFor();
    actionId = await row.getAttribute('data-action-id');
    await row.getByRole('link', { name: SESSION_TITLE }).waitFor();
    assert.match(norm(await row.innerText()), /Open/);
    await checkA11y(page, 'start page with my actions');
    await screenshot(page, 'start-actions');
  });

  await t.test('Mee bezig, then Afsluiten: done needs what kind of change and what changed', async () => {
    await press(page, `my-actions-start-${actionId}`);
    await page.getByText(/U bent bezig met/).waitFor();
    await waitForFocus(page, `my-actions-close-${actionId}`, 'focus moves on to Afsluiten');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Actie afsluiten' });
    await dialog.waitFor();
    await waitForFocus(page, 'close-result-done', 'the first choice in the dialog');
    await checkA11y(page, 'close action dialog');
    await dialog.getByRole('button', { name: 'Actie afsluiten' }).click();
    await waitForFocus(page, 'close-kind-method', 'the first kind of change');
    assert.match(norm(await page.locator('#close-outcome_kind-error').innerText()), /methode, een procedure, een training/);
    await page.keyboard.press('ArrowDown'); // procedure
    await page.keyboard.press('ArrowDown'); // training
    assert.equal(await dialog.getByRole('radio', { name: 'Training' }).isChecked(), true);
    await page.locator('#close-outcome').fill(OUTCOME_TEXT);
    await dialog.getByRole('button', { name: 'Actie afsluiten' }).click();
    await page.getByText(/is afgesloten als gedaan/).waitFor();
    await page.getByText('U heeft geen open acties.').waitFor();
    assert.equal((await focused(page))?.id, 'start-actions', 'focus on the block’s heading');
  });

  await t.test('the session is read-only for the coach; the action shows what changed', async () => {
    await gotoByMenu(page, 'Duidingssessies', 'Duidingssessies');
    assert.equal(await page.locator('#sessions-new').count(), 0, 'no new session for a coach');
    await page.getByRole('link', { name: SESSION_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: SESSION_TITLE }).waitFor();
    await page.locator('table.wk-actions-table').waitFor();
    assert.equal(await page.locator('#theme-new-title').count(), 0, 'no theme form');
    assert.equal(await page.locator('#action-description').count(), 0, 'no action form');
    assert.equal(await page.locator('#session-close').count(), 0, 'no closing');
    const row = norm(await page.locator('table.wk-actions-table tr', { hasText: ACTION_TEXT }).innerText());
    assert.match(row, /Gedaan/);
    assert.match(row, new RegExp(`Training: ${OUTCOME_TEXT}`));
    await checkA11y(page, 'session page, read-only');
  });
  await context.close();
});

test('quality: closing the session, a best practice, the view count, the export, the lists', { timeout: 180_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);

  await t.test('Sessie afsluiten asks for a conclusion in a dialog', async () => {
    await login(page, QUALITY.email, PASSWORD);
    await page.goto(`${target.url}/duidingssessies/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: SESSION_TITLE }).waitFor();
    await press(page, 'session-close');
    const dialog = page.getByRole('dialog', { name: 'Sessie afsluiten?' });
    await dialog.waitFor();
    await waitForFocus(page, 'session-conclusion', 'the conclusion box');
    await dialog.getByRole('button', { name: 'Sessie afsluiten' }).click();
    assert.match(norm(await page.locator('#session-conclusion-error').innerText()), /Schrijf de conclusie/);
    await checkA11y(page, 'close session dialog');
    await page.locator('#session-conclusion').fill(CONCLUSION);
    await dialog.getByRole('button', { name: 'Sessie afsluiten' }).click();
    await page.getByText(`De sessie “${SESSION_TITLE}” is afgesloten.`).waitFor();
    await waitForFocus(page, 'session-closed-note', 'the closed note');
    const main = norm(await page.locator('main').innerText());
    assert.match(main, /Afgesloten/);
    assert.match(main, new RegExp(`Conclusie ${CONCLUSION}`));
    assert.equal(await page.locator('#theme-new-title').count(), 0, 'themes are fixed');
    assert.equal(await page.locator('#session-close').count(), 0);
    await page.locator('#action-description').waitFor(); // actions can still be added
    await checkA11y(page, 'closed session');
    await screenshot(page, 'sensemaking-closed');
  });

  await t.test('the sessions list shows it under Afgesloten', async () => {
    await page.goto(`${target.url}/duidingssessies?status=closed`);
    const row = page.locator('table.wk-sessions tr', { hasText: SESSION_TITLE });
    await row.waitFor();
    const text = norm(await row.innerText());
    assert.match(text, /Afgesloten/);
    assert.match(text, new RegExp(QUALITY.name));
    assert.match(text, /0 \/ 1/, 'no open actions of one');
  });

  await t.test('a story becomes a best practice of the session', async () => {
    await page.goto(`${target.url}/verhalen/${storyIds[1]}`);
    await page.getByRole('heading', { level: 1, name: STORIES[1] }).waitFor();
    await press(page, 'story-make-bp');
    const dialog = page.getByRole('dialog', { name: 'Best practice maken' });
    await dialog.waitFor();
    await waitForFocus(page, 'bp-summary', 'the summary');
    assert.equal(await page.locator('#bp-title').inputValue(), STORIES[1], 'the story’s title');
    await page.locator(`#bp-session_id option[value="${sessionId}"]`).waitFor({ state: 'attached' });
    // Only the sessions that looked at the story are offered (the form refused the others).
    const offered = (await page.locator('#bp-session_id option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean).map(Number);
    const looked = await page.evaluate(async (id) => (await (await fetch(`/api/v1/sensemaking-sessions?story=${id}&limit=100`)).json()).items.map((x) => x.id), storyIds[1]);
    const all = await page.evaluate(async () => (await (await fetch('/api/v1/sensemaking-sessions?limit=100')).json()).total);
    assert.deepEqual(offered.sort(), looked.sort(), 'the sessions that looked at the story');
    assert.ok(offered.includes(sessionId));
    assert.ok(!offered.includes(otherSessionId), 'not a session that looked at another story');
    assert.ok(all > offered.length, `other sessions exist and are not offered (${all} in all)`);
    await checkA11y(page, 'best practice dialog');
    await page.locator('#bp-summary').fill(BP_SUMMARY);
    await page.locator('#bp-session_id').selectOption(String(sessionId));
    await dialog.getByRole('button', { name: 'Best practice maken' }).click();
    await page.getByText(`Van het verhaal “${STORIES[1]}” is een best practice gemaakt.`).waitFor();
    await page.locator('#story-best-practice').getByText('Best practice', { exact: true }).waitFor();
    assert.equal(await page.locator('#story-make-bp').count(), 0, 'no second best practice');
    await page.locator('#story-best-practice').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Best practices' }).waitFor();
    const row = page.locator('table.wk-best-practices tr', { hasText: BP_SUMMARY });
    // The story's cell links to the story (the title, the same words, may link to its knowledge-base item).
    await row.getByRole('cell').getByRole('link', { name: STORIES[1] }).waitFor();
    await row.getByRole('link', { name: SESSION_TITLE }).waitFor();
    assert.match(norm(await row.innerText()), /Concept/);
    // The server makes the best practice a draft methodiek; quality staff follow the title there.
    assert.match(await row.getByRole('rowheader').getByRole('link').getAttribute('href'), /^\/kennisbank\/\d+$/);
    await checkA11y(page, 'best practices');
    await screenshot(page, 'best-practices');
  });

  await t.test('the dashboard says how often the Vertelpunt was opened', async () => {
    await page.goto(`${target.url}/verhalen/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard Vertelpunt' }).waitFor();
    const views = page.locator('#dash-views');
    await views.waitFor();
    const m = /Vertelpunt geopend:\s*(\d+) keer in (\d{4})/.exec(norm(await views.innerText()));
    assert.ok(m, `the view count: ${await views.innerText()}`);
    assert.ok(Number(m[1]) >= 3, `several Vertelpunt pages were opened in this test (${m[1]})`);
    assert.equal(m[2], today().slice(0, 4));
  });

  await t.test('the export links carry the list’s filter', async () => {
    await page.goto(`${target.url}/verhalen?zoek=${encodeURIComponent(RUN_ID)}`);
    await page.getByRole('link', { name: STORIES[0] }).waitFor();
    const csv = await page.locator('#stories-export-csv').getAttribute('href');
    const xlsx = await page.locator('#stories-export-xlsx').getAttribute('href');
    assert.match(csv, /^\/api\/v1\/stories\/export\?/);
    const params = new URL(csv, target.url).searchParams;
    assert.equal(params.get('format'), 'csv');
    assert.equal(params.get('q'), RUN_ID);
    assert.equal(new URL(xlsx, target.url).searchParams.get('format'), 'xlsx');
    const res = await page.request.get(`${target.url}${csv}`);
    assert.equal(res.status(), 200, `GET ${csv}: ${res.status()}`);
    const body = (await res.body()).toString('utf8');
    assert.ok(body.startsWith('\ufeff'), 'UTF-8 with a BOM');
    for (const title of STORIES) assert.ok(body.includes(title), `${title} in the CSV`);
    const x = await page.request.get(`${target.url}${xlsx}`);
    assert.equal(x.status(), 200);
    assert.equal((await x.body()).subarray(0, 2).toString('latin1'), 'PK');
  });

  await t.test('Vertelpunt-lijsten: a topic with an English name, then retired', async () => {
    await gotoByMenu(page, 'Vertelpunt-lijsten', 'Vertelpunt-lijsten');
    await page.locator('table[data-list="story_topic"]').waitFor();
    assert.equal(await page.locator('table[data-list="cost_category"]').count(), 0, 'no cost lists for quality');
    const label = `Testonderwerp ${RUN_ID}`;
    await page.locator('#add-story_topic-label').fill(label);
    await page.locator('#add-story_topic-label_en').fill(`Test topic ${RUN_ID}`);
    await page.locator('#add-story_topic-label').press('Enter');
    await page.getByText(`${label} is toegevoegd.`).waitFor();
    const row = page.locator('table[data-list="story_topic"] tr', { hasText: label });
    assert.match(norm(await row.innerText()), new RegExp(`Test topic ${RUN_ID}`));
    await row.getByRole('button', { name: `Intrekken ${label}` }).click();
    await page.getByText(`${label} is ingetrokken.`).waitFor();
    await checkA11y(page, 'Vertelpunt lists');
  });
  await context.close();
});
