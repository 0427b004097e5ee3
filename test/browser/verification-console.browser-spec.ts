import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { dateYearsAgo, peselBornOn } from '../e2e/verification-support';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/** Staff confirm a patient's identity in the console and work the contact-form queue, in Chromium. */
describe('staff console in the browser', () => {
  let stack: Stack;
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    process.env.CONSOLE_DIST = resolve(__dirname, '../../apps/console/dist');
    stack = await startStack({ portalDist: resolve(__dirname, '../../apps/portal/dist') });
    session = await launchBrowser();
  }, 60_000);
  beforeEach(async () => {
    context = await session.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(8000);
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await session?.close();
    await stack?.close();
  });

  const byTestId = (id: string) => page.getByTestId(id);

  async function logIn(email: string, password: string) {
    await page.goto(`${stack.baseUrl}/console/`);
    await byTestId('console-login-email').fill(email);
    await byTestId('console-login-password').fill(password);
    await byTestId('console-login-submit').click();
  }

  it('turns away an account that is not staff, with a clear message', async () => {
    const patient = await newPatient(stack.baseUrl);
    await logIn(patient.email, patient.password);
    await expect(byTestId('console-login-error').textContent()).resolves.toContain('nie ma uprawnień konsultanta');
  });

  it('finds a patient, confirms their identity over the phone and shows the full level and history', async () => {
    const pesel = peselBornOn(dateYearsAgo(52));
    const patient = await newPatient(stack.baseUrl, { pesel, firstName: 'Halina', lastName: 'Konsolowa' });
    await logIn('staff@demo.test', 'Staff#Demo2026');
    await expect(byTestId('console-user').textContent()).resolves.toContain('Katarzyna');

    await byTestId('patient-search-query').fill(pesel);
    await byTestId('patient-search-submit').click();
    const row = page.locator(`[data-testid="patient-result"][data-patient-id="${patient.id}"]`);
    await expect(row.getAttribute('data-level')).resolves.toBe('basic');
    await row.getByTestId('patient-open').click();

    await page.locator('[data-testid="patient-detail"][data-level="basic"]').waitFor();
    await byTestId('confirm-channel').selectOption('call_center');
    await byTestId('confirm-document-type').selectOption('id_card');
    await byTestId('confirm-document-last4').fill('K9Z1');
    await byTestId('confirm-note').fill('Weryfikacja telefoniczna.');
    await byTestId('confirm-submit').click();

    await byTestId('confirm-success').waitFor();
    await page.locator('[data-testid="patient-detail"][data-level="full"]').waitFor();
    const history = byTestId('patient-history-row').first();
    await expect(history.getAttribute('data-outcome')).resolves.toBe('confirmed');
    await expect(history.textContent()).resolves.toContain('Katarzyna Wiśniewska');

    const me = await patient.client.get('/api/me');
    expect(me.body).toMatchObject({ level: 'full', verification: { method: 'call_center' } });
  });

  it('refuses a minor over the phone and says so', async () => {
    const patient = await newPatient(stack.baseUrl, { pesel: peselBornOn(dateYearsAgo(12)) });
    await logIn('staff@demo.test', 'Staff#Demo2026');
    await byTestId('patient-search-query').fill(patient.email);
    await byTestId('patient-search-submit').click();
    await page.locator(`[data-patient-id="${patient.id}"]`).getByTestId('patient-open').click();
    await byTestId('confirm-document-last4').fill('1234');
    await byTestId('confirm-submit').click();
    await expect(byTestId('confirm-error').textContent()).resolves.toContain('tylko w placówce');
  });

  it('takes the portal contact form into the queue, where staff confirm, reject and mark unreachable', async () => {
    const pesel = peselBornOn(dateYearsAgo(33));
    const patient = await newPatient(stack.baseUrl, { pesel });
    const submitForm = async (email: string, name: string) => {
      await page.goto(`${stack.baseUrl}/verification/contact`);
      await byTestId('contact-name').fill(name);
      await byTestId('contact-email').fill(email);
      await byTestId('contact-phone').fill('+48 600 200 300');
      await byTestId('contact-pesel').fill(pesel);
      await byTestId('contact-message').fill('Proszę o kontakt w sprawie potwierdzenia tożsamości.');
      await byTestId('contact-submit').click();
      await byTestId('contact-success').waitFor();
    };
    await submitForm(patient.email, 'Jan Kolejkowy');
    await submitForm(`odrzucony.${Date.now()}@example.test`, 'Adam Odrzucony');
    await submitForm(`gluchy.${Date.now()}@example.test`, 'Ewa Nieosiągalna');

    await logIn('staff@demo.test', 'Staff#Demo2026');
    await byTestId('console-nav-queue').click();
    await page.locator('[data-testid="queue"][data-state="ready"]').waitFor();
    const rowOf = (name: string) => page.locator('[data-testid="queue-row"]', { hasText: name });

    await rowOf('Adam Odrzucony').getByTestId('queue-reject').click();
    await rowOf('Adam Odrzucony').getByTestId('queue-reason').fill('Dane nie zgadzają się z dokumentem.');
    await rowOf('Adam Odrzucony').getByTestId('queue-reject-submit').click();
    await rowOf('Adam Odrzucony').waitFor({ state: 'detached' });

    await rowOf('Ewa Nieosiągalna').getByTestId('queue-unreachable').click();
    await rowOf('Ewa Nieosiągalna').waitFor({ state: 'detached' });

    await rowOf('Jan Kolejkowy').getByTestId('queue-confirm').click();
    await rowOf('Jan Kolejkowy').getByTestId('queue-document-type').selectOption('passport');
    await rowOf('Jan Kolejkowy').getByTestId('queue-document-last4').fill('7788');
    await rowOf('Jan Kolejkowy').getByTestId('queue-confirm-submit').click();
    await rowOf('Jan Kolejkowy').waitFor({ state: 'detached' });

    await byTestId('queue-status').selectOption('rejected');
    await page.locator('[data-testid="queue"][data-state="ready"]').waitFor();
    await expect(rowOf('Adam Odrzucony').textContent()).resolves.toContain('Dane nie zgadzają się z dokumentem.');

    const me = await patient.client.get('/api/me');
    expect(me.body).toMatchObject({ level: 'full', verification: { method: 'contact_form' } });

    // The patient (in a browser of their own) sees who confirmed them, in "Historia dostępu".
    await context.close();
    context = await session.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByTestId('login-email').fill(patient.email);
    await page.getByTestId('login-password').fill(patient.password);
    await page.getByTestId('login-submit').click();
    await byTestId('account-level').waitFor();
    await page.goto(`${stack.baseUrl}/access-history`);
    await page.locator('[data-testid="access-history"][data-state="ready"]').waitFor();
    const confirmed = page.locator('[data-testid="access-history-row"][data-action="identity.confirmed"]');
    await expect(confirmed.getByTestId('access-history-actor').textContent()).resolves.toContain(
      'Katarzyna Wiśniewska',
    );
  });
});
