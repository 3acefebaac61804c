// Log-in errors, the Content-Security-Policy, and what people without the admin role see.
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
  startTarget,
  playwrightRequest,
} from './lib.mjs';


let target;
let browser;
let api; // an API client logged in as the admin
let csrf;
const PASSWORD = `pw-${RUN_ID}-long-enough`;
const people = {
  coach: { name: `Coach Login ${RUN_ID}`, email: `login-coach-${RUN_ID}@test.example`, roles: ['coach'] },
  hr: { name: `PenO Login ${RUN_ID}`, email: `login-hr-${RUN_ID}@test.example`, roles: ['hr'] },
};

before(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  api = await playwrightRequest.newContext({ baseURL: target.url });
  csrf = await apiLogin(api, target.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  for (const p of Object.values(people)) {
    const res = await api.post('/api/v1/users', {
      data: { name: p.name, email: p.email, password: PASSWORD, roles: p.roles },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(res.status(), 201, `creating ${p.email}: ${res.status()} ${await res.text()}`);
    p.id = (await res.json()).id;
  }
});

after(async () => {
  await api?.dispose();
  await browser?.close();
  await target?.close();
});

async function loginForm(page, email, password) {
  await page.goto(`${target.url}/inloggen`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('a wrong password shows the Dutch message from the server', { timeout: 60_000 }, async () => {
  // What the server says to a wrong password (asked directly, for a different account).
  const probe = await api.post('/api/v1/session', {
    data: { email: `nobody-${RUN_ID}@test.example`, password: 'wrong-password-123' },
    failOnStatusCode: false,
  });
  assert.equal(probe.status(), 401);
  assert.match(probe.headers()['content-type'] ?? '', /^application\/problem\+json/);
  const expected = (await probe.json()).title;
  assert.ok(expected, 'the 401 problem carries a Dutch title');

  const context = await newContext(browser);
  const page = await context.newPage();
  await loginForm(page, people.coach.email, 'not-the-right-password');
  const alert = page.getByRole('alert');
  await alert.getByText(expected).waitFor();
  // Still on the log-in page, password emptied, e-mail kept.
  assert.match(page.url(), /\/inloggen$/);
  assert.equal(await page.getByLabel('Wachtwoord').inputValue(), '');
  assert.equal(await page.getByLabel('E-mailadres').inputValue(), people.coach.email);
  await checkA11y(page, 'log-in page with an error');

  // In English the English detail is shown.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await page.getByLabel('Password').fill('still-not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  const englishDetail = (await probe.json()).detail;
  if (englishDetail) await page.getByRole('alert').getByText(englishDetail).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // The choice is remembered in this browser.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await context.close();
});

test('empty fields are caught before anything is sent', { timeout: 30_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  let posted = false;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/session') && r.method() === 'POST') posted = true;
  });
  await page.goto(`${target.url}/inloggen`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('Vul uw e-mailadres in.').waitFor();
  const email = page.getByLabel('E-mailadres');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.ok(describedBy?.includes('email-error'));
  assert.equal(posted, false);
  await context.close();
});

test('the app works under the server\'s Content-Security-Policy', { timeout: 60_000 }, async () => {
  const context = await newContext(browser, { bypassCSP: false });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const res = await page.goto(`${target.url}/inloggen`);
  const csp = res.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/, `CSP header on index.html: "${csp}"`);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script> in index.html');
  assert.doesNotMatch(html, /<style/i, 'no inline <style> in index.html');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style="" attributes in index.html');

  await page.getByLabel('E-mailadres').fill(people.hr.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: `Welkom, ${people.hr.name}` }).waitFor();
  // A deep link is served by the SPA fallback.
  await page.goto(`${target.url}/beheer/gebruikers`);
  await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
  // Styles really applied (external CSS loaded): the header band has its colour.
  const bg = await page.locator('.wk-header__band').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
  assert.deepEqual(violations, []);
  await context.close();
});

test('P&O sees a read-only users list; a coach sees cases and receipts but no administration', { timeout: 60_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await loginForm(page, people.hr.email, PASSWORD);
  await page.getByRole('heading', { level: 1, name: `Welkom, ${people.hr.name}` }).waitFor();
  await page.getByText('P&O', { exact: true }).waitFor();
  let links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
  assert.deepEqual(links, ['Start', 'Kennisbank', 'Gebruikers']);
  await page.getByRole('navigation').getByRole('link', { name: 'Gebruikers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
  await page.getByRole('table').waitFor();
  assert.equal(await page.getByRole('button', { name: /Bewerken|Deactiveren/ }).count(), 0, 'no edit buttons');
  assert.equal(await page.getByRole('button', { name: 'Gebruiker toevoegen' }).count(), 0, 'no create form');
  await checkA11y(page, 'users page, read-only');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

  await loginForm(page, people.coach.email, PASSWORD);
  await page.getByRole('heading', { level: 1, name: `Welkom, ${people.coach.name}` }).waitFor();
  await page.getByText('Wijkcoach', { exact: true }).waitFor();
  links = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) => s.trim());
  assert.deepEqual(links, ['Start', 'Casussen', 'Kassabonnen', 'Vertelpunt', 'Duidingssessies', 'Kennisbank']);
  await page.goto(`${target.url}/beheer/teams`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  await page.goto(`${target.url}/bestaat-niet`);
  await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
  await context.close();
});

test('when the session ends elsewhere, the next action goes to the log-in page', { timeout: 60_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await loginForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
  // End the session behind the app's back.
  await context.clearCookies();
  await page.getByRole('navigation').getByRole('link', { name: 'Gebruikers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByText('Uw sessie is verlopen. Log opnieuw in.').waitFor();
  assert.match(page.url(), /\/inloggen\?terug=%2Fbeheer%2Fgebruikers$/);
  // Logging in again returns to where the user was going.
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
  await context.close();
});
