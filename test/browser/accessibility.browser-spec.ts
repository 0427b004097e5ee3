import { AxeBuilder } from '@axe-core/playwright';
import { Client } from 'pg';
import { browserSuite, DEMO_STAFF } from '../support/browser';
import { ApiClient, newPatient, openInPersonConsultation } from '../support/http';
import { patientWithVisitAndFile } from '../support/patient-card';

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const LOGGED_OUT: ReadonlyArray<readonly [string, string]> = [
  ['/login', '[data-testid="login-submit"]'],
  ['/register', '[data-testid="register-submit"]'],
  ['/verification/contact', '[data-testid="contact-submit"]'],
  ['/regulamin', '[data-testid="terms-page"]'],
  ['/password-reset', '[data-testid="forgot-submit"]'],
  [`/password-reset/new#token=${'A'.repeat(43)}`, '[data-testid="reset-submit"]'],
  ['/no-such-page', 'main h1'],
];

const LOGGED_IN: ReadonlyArray<readonly [string, string]> = [
  ['/', '[data-testid="upcoming-list"][data-state="ready"]'],
  ['/book', '[data-testid="search-submit"]'],
  ['/files', '[data-testid="files-list"][data-state="ready"]'],
  ['/alerts', '[data-testid="alerts-list"][data-state="ready"]'],
  ['/verification', '[data-testid="verification-page"]'],
  ['/verification/result?status=failed&code=BANK_DENIED', '[data-testid="verification-result"]'],
  ['/access-history', '[data-testid="access-history"]'],
  ['/account', '[data-testid="account-personal"]'],
  ['/no-such-page', 'main h1'],
];

/** axe-core on every portal and console page, logged out and signed in, at desktop and phone size: no violations of any impact. */
describe('accessibility of the portal and the console (axe-core)', () => {
  const suite = browserSuite({
    pagePer: 'suite',
    console: true,
    viewport: { width: 1366, height: 900 },
    timeoutMs: 10_000,
  });
  const { byTestId } = suite;

  async function violations(where: string) {
    const result = await new AxeBuilder({ page: suite.page }).analyze();
    return result.violations.map((v) => ({
      where,
      rule: v.id,
      impact: v.impact,
      targets: v.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  }

  async function check(pages: ReadonlyArray<readonly [string, string]>) {
    const found = [];
    for (const size of SIZES) {
      await suite.page.setViewportSize({ width: size.width, height: size.height });
      for (const [path, ready] of pages) {
        await suite.page.goto(`${suite.stack.baseUrl}${path}`);
        await suite.page.locator(ready).first().waitFor();
        found.push(...(await violations(`${path} (${size.name})`)));
      }
    }
    return found;
  }

  it('finds nothing on the pages a logged-out visitor sees', async () => {
    expect(await check(LOGGED_OUT)).toEqual([]);
  }, 180_000);

  it('finds nothing on the pages of a full patient, with a visit, search results and the notifications open', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    const db = new Client({ connectionString: suite.stack.database.url });
    await db.connect();
    await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    await db.end();
    const service = await openInPersonConsultation(suite.stack.baseUrl);
    const [slot] = (await patient.client.get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=1`))
      .body as Array<{ id: string }>;
    expect((await patient.client.post('/api/appointments', { slotId: slot!.id })).status).toBe(201);
    await patient.client.post('/api/slot-alerts', {
      serviceId: service.id,
      until: new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString(),
    });
    await suite.page.setViewportSize({ width: 1366, height: 900 });
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);

    const found = await check(LOGGED_IN);
    for (const size of SIZES) {
      await suite.page.setViewportSize({ width: size.width, height: size.height });
      await suite.page.goto(`${suite.stack.baseUrl}/book`);
      await byTestId('search-service').selectOption(service.id);
      await byTestId('search-submit').click();
      await byTestId('slot-row').first().waitFor();
      found.push(...(await violations(`/book with results (${size.name})`)));
      await byTestId('notifications-bell').click();
      await byTestId('notifications-panel').waitFor();
      found.push(...(await violations(`notifications open (${size.name})`)));
    }
    expect(found).toEqual([]);
  }, 300_000);

  /** Signs in to the console (the page stays where it is; the login keeps the address). */
  async function consoleLogin(email: string, password: string) {
    await suite.page.goto(`${suite.stack.baseUrl}/console/`);
    await byTestId('console-login-email').fill(email);
    await byTestId('console-login-password').fill(password);
    await byTestId('console-login-submit').click();
    await byTestId('console-logout').waitFor();
  }

  async function consoleLogout() {
    await byTestId('console-logout').click();
    await byTestId('console-login-submit').waitFor();
  }

  it('finds nothing on the console’s pages for staff, with a patient card and the delete question open', async () => {
    const patient = await patientWithVisitAndFile(suite.stack);
    const [doctor] = (await new ApiClient(suite.stack.baseUrl).get('/api/catalog/doctors')).body as Array<{
      id: string;
    }>;
    await suite.page.setViewportSize({ width: 1366, height: 900 });
    await suite.page.goto(`${suite.stack.baseUrl}/console/`);
    await byTestId('console-login-submit').waitFor();
    const found = [];
    for (const size of SIZES) {
      await suite.page.setViewportSize({ width: size.width, height: size.height });
      found.push(...(await violations(`/console/ login (${size.name})`)));
    }
    await consoleLogin(DEMO_STAFF.email, DEMO_STAFF.password);
    found.push(
      ...(await check([
        ['/console/patients', '[data-testid="patient-search-submit"]'],
        [
          `/console/patients?q=${encodeURIComponent(patient.email)}&patient=${patient.id}`,
          '[data-testid="patient-file"]',
        ],
        ['/console/queue', '[data-testid="queue"][data-state="ready"]'],
        [`/console/schedules?doctor=${doctor!.id}`, '[data-testid="schedule-row"]'],
        ['/console/no-such-view', '[data-testid="console-not-found"]'],
      ])),
    );
    for (const size of SIZES) {
      await suite.page.setViewportSize({ width: size.width, height: size.height });
      await suite.page.goto(`${suite.stack.baseUrl}/console/schedules?doctor=${doctor!.id}`);
      await byTestId('schedule-delete').first().click();
      await byTestId('schedule-delete-dialog').waitFor();
      found.push(...(await violations(`/console/schedules delete question (${size.name})`)));
      await byTestId('schedule-delete-dialog-cancel').click();
    }
    await consoleLogout();
    expect(found).toEqual([]);
  }, 240_000);

  it('finds nothing on the doctor’s console pages, in Polish and in English', async () => {
    await suite.page.setViewportSize({ width: 1366, height: 900 });
    await consoleLogin('doctor@demo.test', 'Doctor#Demo2026');
    const pages: ReadonlyArray<readonly [string, string]> = [
      ['/console/day', '[data-testid="doctor-day"][data-state="ready"]'],
      ['/console/questions', '[data-testid="doctor-questions"][data-state="ready"]'],
      ['/console/renewals', '[data-testid="renewals"][data-state="ready"]'],
    ];
    const found = await check(pages);
    await byTestId('console-lang').click();
    await suite.page.locator('html[lang="en"]').waitFor();
    found.push(...(await check(pages)).map((violation) => ({ ...violation, where: `${violation.where} (en)` })));
    await byTestId('console-lang').click();
    await consoleLogout();
    expect(found).toEqual([]);
  }, 240_000);
});
