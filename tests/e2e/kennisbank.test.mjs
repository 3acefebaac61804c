// Kennisbank (knowledge base) in a real browser. The admin makes two quality officers
// and a coach through the API. The first quality officer writes an item (an empty form
// caught first; a preview of the Markdown; the e-mail warning after saving) and submits
// it for review; as its author they get no Publiceren. The second quality officer finds
// it under status "Ter review" and publishes it. The coach searches as they type for
// "woning" and finds the item by its text's "woningen" (the word marked in the snippet),
// opens it (one view counted) and rates it (both marks required). The author sees the
// coach's remark, confirms the item is still right ("Nog steeds juist", then listed under
// Controles with the moved review-by date), edits it (a new
// draft beside the published version), compares the versions and opens "Te herzien".
// A list of more than 10,000 items (the organisation scripts/e2e.sh fills, lib.mjs BIG)
// says "van meer dan 10.000" and stops at offset 10,000 with "Verfijn het filter om verder te kijken."
// instead of a "Volgende" the server would refuse.
// axe-core (WCAG 2.1 A/AA) runs on every page and dialog. Screenshots: kennisbank-form.png,
// kennisbank-search.png, kennisbank-item.png, kennisbank-diff.png, kennisbank-due.png,
// kennisbank-past-10000.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BIG,
  RUN_ID,
  apiLogin,
  checkA11y,
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
const pageErrors = [];
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const AUTHOR = { name: `Kwaliteit Schrijver ${RUN_ID}`, email: `kb-author-${RUN_ID}@test.example` };
const REVIEWER = { name: `Kwaliteit Beoordelaar ${RUN_ID}`, email: `kb-reviewer-${RUN_ID}@test.example` };
const COACH = { name: `Coach Kennisbank ${RUN_ID}`, email: `kb-coach-${RUN_ID}@test.example` };
const TITLE = `Urgentie aanvragen bij de corporatie ${RUN_ID}`;
const BODY = [
  '# Wanneer urgentie',
  '',
  'De corporaties wijzen woningen met voorrang toe als een huishouden dakloos dreigt te raken.',
  '',
  '- Vraag de verklaring van de verhuurder op.',
  '- Vul het aanvraagformulier samen met het huishouden in.',
  '',
  'Vragen: urgentie@corporatie.example',
].join('\n');
const ADDED_LINE = '- Bel na twee weken met de corporatie.';
const RATING_REMARK = 'Een voorbeeld van een ingevuld formulier zou helpen.';
let itemId;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  const csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const team = (await (await api.get('/api/v1/teams')).json()).items.find((x) => x.active);
  assert.ok(team, 'a demo team exists');
  for (const [who, roles, teamIds] of [
    [AUTHOR, ['quality'], []],
    [REVIEWER, ['quality'], []],
    [COACH, ['coach'], [team.id]],
  ]) {
    const res = await api.post('/api/v1/users', {
      data: { name: who.name, email: who.email, password: PASSWORD, roles, team_ids: teamIds },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201, `POST /api/v1/users (${roles}): ${res.status()} ${await res.text()}`);
    who.id = (await res.json()).id;
  }
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
});

function login(page, email) {
  return logIn(page, target.url, email, PASSWORD);
}

/** Focuses a link or button by its id and presses Enter. */
async function press(page, id) {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('Enter');
}

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return page;
}

test('quality: a new item, previewed, saved with a warning and submitted for review', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);

  await t.test('the menu has Kennisbank; the page offers Nieuw item and Te herzien', async () => {
    await login(page, AUTHOR.email);
    const links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
    assert.ok(links.includes('Kennisbank'), `Kennisbank in ${links}`);
    await gotoByMenu(page, 'Kennisbank', 'Kennisbank');
    await page.locator('#kb-new').waitFor();
    await page.locator('#kb-due').waitFor();
    await page.locator('#kb-status').waitFor(); // quality staff filter on status
    await checkA11y(page, 'knowledge base (quality)');
  });

  await t.test('the form: nothing filled in is caught; the preview renders the Markdown', async () => {
    await press(page, 'kb-new');
    await page.getByRole('heading', { level: 1, name: 'Nieuw kennisbank-item' }).waitFor();
    await press(page, 'knowledge-submit');
    await waitForFocus(page, 'knowledge-category', 'the first field in error');
    assert.match(norm(await page.locator('#knowledge-category-error').innerText()), /Kies een categorie/);
    assert.match(norm(await page.locator('#knowledge-title-error').innerText()), /Geef het item een titel/);
    await page.locator('#knowledge-category').selectOption('procedure');
    await page.locator('#knowledge-title').fill(TITLE);
    await page.locator('#knowledge-tags').fill('Wonen, urgentie, wonen');
    await page.locator('#knowledge-body').fill(BODY);
    await press(page, 'knowledge-preview');
    await page.locator('#kb-preview h1', { hasText: 'Wanneer urgentie' }).waitFor();
    assert.equal(await page.locator('#kb-preview li').count(), 2);
    await waitForFocus(page, 'kb-preview-title', 'the preview’s heading');
    await checkA11y(page, 'new item with preview');
    await screenshot(page, 'kennisbank-form');
  });

  await t.test('saved as a concept, with the server’s e-mail warning', async () => {
    await press(page, 'knowledge-submit');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    itemId = Number(/\/kennisbank\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
    assert.ok(itemId > 0, `the item's page: ${page.url()}`);
    const main = norm(await page.locator('main').innerText());
    assert.match(main, new RegExp(`“${TITLE}” is opgeslagen als concept\\.`));
    assert.match(main, /Opgeslagen, maar let op: Tekst \(Markdown\): .*e-mailadres/);
    assert.match(norm(await page.locator('#kb-meta').innerText()), /Procedure Concept/);
    await page.locator('#kb-unpublished').waitFor();
    assert.match(norm(await page.locator('#kb-details').innerText()), /Tags wonen urgentie/);
    await page.locator('#kb-body h1', { hasText: 'Wanneer urgentie' }).waitFor();
    await checkA11y(page, 'item page (concept)');
  });

  await t.test('Ter review aanbieden; the author cannot publish their own text', async () => {
    await press(page, 'kb-submit');
    await page.getByText(`“${TITLE}” is ter review aangeboden.`).waitFor();
    await waitForFocus(page, 'kb-workflow-title', 'the workflow heading');
    assert.match(norm(await page.locator('#kb-meta').innerText()), /Ter review/);
    assert.equal(await page.locator('#kb-publish').count(), 0, 'no Publiceren for the author');
    await page.locator('#kb-return').waitFor(); // quality may send it back
  });
  await context.close();
});

test('a second quality officer finds it in review and publishes it', { timeout: 90_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);

  await t.test('status Ter review lists it', async () => {
    await login(page, REVIEWER.email);
    await gotoByMenu(page, 'Kennisbank', 'Kennisbank');
    await page.locator('#kb-status').selectOption('ter_review');
    const row = page.locator('table.wk-kb-items tr', { hasText: TITLE });
    await row.waitFor();
    assert.equal(new URL(page.url()).searchParams.get('status'), 'ter_review');
    await row.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  await t.test('Publiceren asks for confirmation, then the item is published', async () => {
    await press(page, 'kb-publish');
    const dialog = page.getByRole('dialog', { name: 'Publiceren?' });
    await dialog.waitFor();
    await checkA11y(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByText(new RegExp(`“${TITLE}” is gepubliceerd\\. Herzien vóór \\d{2}-\\d{2}-\\d{4}\\.`)).waitFor();
    assert.match(norm(await page.locator('#kb-meta').innerText()), /Gepubliceerd/);
    assert.match(norm(await page.locator('#kb-details').innerText()), /Herzien vóór \d{2}-\d{2}-\d{4}/);
    assert.equal(await page.locator('#kb-unpublished').count(), 0);
    await checkA11y(page, 'item page (published, quality)');
  });
  await context.close();
});

test('the coach searches by a stemmed word, opens the item and rates it', { timeout: 90_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);
  const views = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /^\/api\/v1\/knowledge\/\d+\/view$/.test(new URL(r.url()).pathname)) views.push(new URL(r.url()).pathname);
  });

  await t.test('“woning” finds the item by “woningen”, as the coach types', async () => {
    await login(page, COACH.email);
    await gotoByMenu(page, 'Kennisbank', 'Kennisbank');
    assert.equal(await page.locator('#kb-status').count(), 0, 'no status filter for a coach');
    await page.locator('#kb-q').focus();
    await page.keyboard.type('woning', { delay: 40 });
    const hit = page.locator('.wk-kb-hit', { hasText: TITLE });
    await hit.waitFor();
    assert.equal(new URL(page.url()).searchParams.get('zoek'), 'woning', 'the search is in the address');
    assert.equal(await page.locator('#kb-q').evaluate((el) => el === document.activeElement), true, 'focus stays in the search box');
    const marked = (await hit.locator('.wk-kb-snippet mark').allTextContents()).map((s) => s.toLowerCase());
    assert.ok(marked.includes('woningen'), `the word found is marked: ${marked}`);
    await page.locator('#kb-announce').getByText(/gevonden voor “woning”/).waitFor();
    await page.locator('.wk-kb-facets').getByRole('button', { name: /^Procedure \(\d+\)$/ }).waitFor();
    await checkA11y(page, 'knowledge base search results');
    await screenshot(page, 'kennisbank-search');
  });

  await t.test('the item page: published text, no workflow, one view counted', async () => {
    await page.locator('.wk-kb-hit', { hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.locator('#kb-body h1', { hasText: 'Wanneer urgentie' }).waitFor();
    for (let i = 0; i < 40 && !views.length; i += 1) await page.waitForTimeout(50);
    await page.waitForTimeout(300);
    assert.deepEqual(views, [`/api/v1/knowledge/${itemId}/view`], 'one view for opening the item');
    assert.equal(await page.locator('#kb-edit').count(), 0, 'a coach does not edit');
    assert.equal(await page.locator('#kb-draft').count(), 0);
    assert.match(norm(await page.locator('#kb-rating-count').innerText()), /nog niet gewaardeerd/);
    await checkA11y(page, 'item page (coach)');
  });

  await t.test('a rating needs both marks; then it is saved and counted', async () => {
    const panel = page.locator('section[aria-labelledby="kb-rate-title"]');
    await panel.getByRole('button', { name: 'Waardering opslaan' }).click();
    await waitForFocus(page, 'kb-rate-juistheid-1', 'the first mark');
    assert.match(norm(await page.locator('#kb-rate-juistheid-error').innerText()), /Kies een cijfer voor juistheid/);
    await page.getByRole('radio', { name: '4' }).first().check();
    await page.locator('#kb-rate-volledigheid-3').check();
    await page.locator('#kb-rate-remark').fill(RATING_REMARK);
    await panel.getByRole('button', { name: 'Waardering opslaan' }).click();
    await page.getByText('Dank u wel. Uw waardering is opgeslagen.').waitFor();
    const summary = norm(await page.locator('#kb-rating-summary').innerText());
    assert.match(summary, /Juistheid 4,0 van 5/);
    assert.match(summary, /Volledigheid 3,0 van 5/);
    assert.match(norm(await page.locator('#kb-rating-count').innerText()), /^1 waardering van versie 1$/);
    assert.match(norm(await panel.innerText()), /U gaf juistheid 4 en volledigheid 3/);
    await checkA11y(page, 'item page after rating');
    await screenshot(page, 'kennisbank-item');
  });
  await context.close();
});

test('the owner: the remark, still right, a new draft, the versions compared, Te herzien', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await newPage(context);

  await t.test('the owner reads the coach’s remark and confirms the item is still right', async () => {
    await login(page, AUTHOR.email);
    await page.goto(`${target.url}/kennisbank/${itemId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const remarks = page.locator('table.wk-kb-remarks');
    await remarks.getByText(RATING_REMARK).waitFor();
    assert.match(norm(await remarks.innerText()), new RegExp(COACH.name));
    assert.match(norm(await page.locator('#kb-details').innerText()), /Laatst gecontroleerd Nog niet gecontroleerd/);
    await page.locator('#kb-verifications').getByText('Dit item is nog niet gecontroleerd.').waitFor();
    await press(page, 'kb-verification');
    const dialog = page.getByRole('dialog', { name: 'Nog steeds juist?' });
    await dialog.waitFor();
    await waitForFocus(page, 'kb-remark', 'the remark box');
    await checkA11y(page, 'verification dialog');
    await page.locator('#kb-remark').fill('Gecontroleerd met de corporatie.');
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText(new RegExp(`Vastgelegd: “${TITLE}” is nog steeds juist\\.`)).waitFor();
    assert.match(norm(await page.locator('#kb-details').innerText()), new RegExp(`Laatst gecontroleerd \\d{2}-\\d{2}-\\d{4} door ${AUTHOR.name} — “Gecontroleerd met de corporatie\\.”`));
    // The check is listed with its own history: who, which version, the review-by date moved on.
    const check = page.locator('#kb-verifications tbody tr');
    await check.first().getByText('Gecontroleerd met de corporatie.').waitFor();
    assert.equal(await check.count(), 1);
    assert.match(norm(await check.first().innerText()), new RegExp(`^\\d{2}-\\d{2}-\\d{4},? \\d{2}:\\d{2} ${AUTHOR.name} 1 \\d{2}-\\d{2}-\\d{4} →(?: naar)? \\d{2}-\\d{2}-\\d{4} Gecontroleerd met de corporatie\\.$`));
  });

  await t.test('editing the published item makes a draft beside it', async () => {
    await press(page, 'kb-edit');
    await page.getByRole('heading', { level: 1, name: `${TITLE} bewerken` }).waitFor();
    assert.equal(await page.locator('#knowledge-title').inputValue(), TITLE);
    assert.equal(await page.locator('#knowledge-tags').inputValue(), 'wonen, urgentie');
    const body = await page.locator('#knowledge-body').inputValue();
    await page.locator('#knowledge-body').fill(body.replace('- Vul het aanvraagformulier samen met het huishouden in.', `- Vul het aanvraagformulier samen met het huishouden in.\n${ADDED_LINE}`));
    await checkA11y(page, 'edit item');
    await press(page, 'knowledge-submit');
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText(`De wijzigingen in “${TITLE}” zijn opgeslagen.`).waitFor();
    const draft = norm(await page.locator('#kb-draft').innerText());
    assert.match(draft, /Nieuwe versie 2 in bewerking/);
    assert.match(draft, /Naast de gepubliceerde versie 1 ligt een nieuwe versie 2/);
    assert.match(norm(await page.locator('#kb-meta').innerText()), /Gepubliceerd/, 'readers still see the published version');
    assert.ok(!norm(await page.locator('#kb-body').innerText()).includes('Bel na twee weken'), 'the published text is shown as the content');
  });

  await t.test('the versions compared: the added line, marked in words', async () => {
    const versions = page.locator('table.wk-kb-versions tbody tr');
    await page.locator('table.wk-kb-versions tr[data-version="2"]').waitFor();
    assert.equal(await versions.count(), 2);
    assert.equal(await page.locator('#kb-compare-from').inputValue(), '1');
    assert.equal(await page.locator('#kb-compare-to').inputValue(), '2');
    await press(page, 'kb-compare-submit');
    await waitForFocus(page, 'kb-diff-title', 'the diff’s heading');
    assert.match(norm(await page.locator('#kb-diff-summary').innerText()), /^1 regel toegevoegd, 0 regels verwijderd\.$/);
    const inserted = page.locator('tr.wk-kb-diff__insert');
    assert.equal(await inserted.count(), 1);
    assert.match(norm(await inserted.innerText()), /Toegevoegd: - Bel na twee weken met de corporatie\./);
    await checkA11y(page, 'item page with draft and diff');
    await screenshot(page, 'kennisbank-diff');
  });

  await t.test('Te herzien: the owner’s lists', async () => {
    await page.goto(`${target.url}/kennisbank`);
    await press(page, 'kb-due');
    await page.getByRole('heading', { level: 1, name: 'Te herzien' }).waitFor();
    await page.locator('#kb-due-counts').waitFor();
    // Just published and confirmed: not due within 30 days; rated, so among the lowest rated.
    await page.locator('table.wk-kb-lowest tr', { hasText: TITLE }).waitFor();
    assert.match(norm(await page.locator('table.wk-kb-lowest tr', { hasText: TITLE }).innerText()), /4,0 3,0 1$/);
    await page.locator('#kb-due-tab-alle').click();
    await page.getByRole('columnheader', { name: 'Eigenaar' }).first().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('eigenaar'), 'alle');
    await checkA11y(page, 'to review');
    await screenshot(page, 'kennisbank-due');
  });
  await context.close();
});

test('a list of more than 10,000 items stops at offset 10,000 with a hint', { timeout: 120_000 }, async (t) => {
  const tag = 'veel'; // 10,030 items
  const list = `${target.url}/kennisbank?tag=${tag}`;
  const context = await newContext(browser);
  const page = await newPage(context);
  const pager = () => page.getByRole('navigation', { name: 'Pagina’s met items' });
  const heading = (text) => page.locator('#kb-results-title').getByText(text, { exact: true });

  await t.test('the first page: "van meer dan 10.000", and so the announcement', async () => {
    await logIn(page, target.url, BIG.email, BIG.password);
    await page.goto(list);
    await heading('Items 1 tot en met 20 van meer dan 10.000').waitFor();
    await page.locator('#kb-announce').getByText('Meer dan 10.000 items.', { exact: true }).waitFor();
    await pager().getByRole('link', { name: 'Volgende' }).waitFor();
  });

  await t.test('Volgende up to offset 10,000, then the hint instead of a link', async () => {
    await page.goto(`${list}&vanaf=9980`);
    await heading('Items 9.981 tot en met 10.000 van meer dan 10.000').waitFor();
    const next = pager().getByRole('link', { name: 'Volgende', exact: true });
    await next.focus();
    await page.keyboard.press('Enter');
    await heading('Items 10.001 tot en met 10.020 van meer dan 10.000').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('vanaf'), '10000');
    assert.equal(new URL(page.url()).searchParams.get('tag'), tag, 'the filter kept');
    assert.equal(await pager().getByRole('link', { name: 'Volgende' }).count(), 0, 'no link the server would refuse');
    await pager().getByText('Verfijn het filter om verder te kijken.', { exact: true }).waitFor();
    await pager().getByRole('link', { name: 'Vorige' }).waitFor();
    await checkA11y(page, 'knowledge base list at offset 10,000');
    await screenshot(page, 'kennisbank-past-10000');
  });

  await t.test('an old link past 10,000 shows the deepest page instead of an error', async () => {
    await page.goto(`${list}&vanaf=12000`);
    await heading('Items 10.001 tot en met 10.020 van meer dan 10.000').waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error');
  });

  await t.test('in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await heading('Items 10,001 to 10,020 of more than 10,000').waitFor();
    await page.getByRole('navigation', { name: 'Pages of items' }).getByText('Narrow the filter to see further.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await heading('Items 10.001 tot en met 10.020 van meer dan 10.000').waitFor();
  });
  await context.close();
});
