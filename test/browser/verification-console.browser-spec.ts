import { dateYearsAgo, peselBornOn } from '../e2e/verification-support';
import { browserSuite, logInToConsole } from '../support/browser';
import { newPatient } from '../support/http';

/** Staff confirm a patient's identity in the console and work the contact-form queue, in Chromium. */
describe('staff console in the browser', () => {
  const suite = browserSuite({ console: true, timeoutMs: 8000 });
  const { byTestId } = suite;

  it('turns away an account that is not staff, with a clear message', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    await logInToConsole(suite, patient);
    await expect(byTestId('console-login-error').textContent()).resolves.toContain('nie ma uprawnień konsultanta');
  });

  it('finds a patient, confirms their identity over the phone and shows the full level and history', async () => {
    const pesel = peselBornOn(dateYearsAgo(52));
    const patient = await newPatient(suite.stack.baseUrl, { pesel, firstName: 'Halina', lastName: 'Konsolowa' });
    await logInToConsole(suite);
    await expect(byTestId('console-user').textContent()).resolves.toContain('Katarzyna');

    await byTestId('patient-search-query').fill(pesel);
    await byTestId('patient-search-submit').click();
    const row = suite.page.locator(`[data-testid="patient-result"][data-patient-id="${patient.id}"]`);
    await expect(row.getAttribute('data-level')).resolves.toBe('basic');
    await row.getByTestId('patient-open').click();

    await suite.page.locator('[data-testid="patient-detail"][data-level="basic"]').waitFor();
    await byTestId('confirm-channel').selectOption('call_center');
    await byTestId('confirm-document-type').selectOption('id_card');
    await byTestId('confirm-document-last4').fill('K9Z1');
    await byTestId('confirm-note').fill('Weryfikacja telefoniczna.');
    await byTestId('confirm-submit').click();

    await byTestId('confirm-success').waitFor();
    await suite.page.locator('[data-testid="patient-detail"][data-level="full"]').waitFor();
    const history = byTestId('patient-history-row').first();
    await expect(history.getAttribute('data-outcome')).resolves.toBe('confirmed');
    await expect(history.textContent()).resolves.toContain('Katarzyna Wiśniewska');

    const me = await patient.client.get('/api/me');
    expect(me.body).toMatchObject({ level: 'full', verification: { method: 'call_center' } });
  });

  it('refuses a minor over the phone and says so', async () => {
    const patient = await newPatient(suite.stack.baseUrl, { pesel: peselBornOn(dateYearsAgo(12)) });
    await logInToConsole(suite);
    await byTestId('patient-search-query').fill(patient.email);
    await byTestId('patient-search-submit').click();
    await suite.page.locator(`[data-patient-id="${patient.id}"]`).getByTestId('patient-open').click();
    await byTestId('confirm-document-last4').fill('1234');
    await byTestId('confirm-submit').click();
    await expect(byTestId('confirm-error').textContent()).resolves.toContain('tylko w placówce');
  });

  it('takes the portal contact form into the queue, where staff confirm, reject and mark unreachable', async () => {
    const pesel = peselBornOn(dateYearsAgo(33));
    const patient = await newPatient(suite.stack.baseUrl, { pesel });
    const submitForm = async (email: string, name: string) => {
      await suite.page.goto(`${suite.stack.baseUrl}/verification/contact`);
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

    await logInToConsole(suite);
    await byTestId('console-nav-queue').click();
    await suite.page.locator('[data-testid="queue"][data-state="ready"]').waitFor();
    const rowOf = (name: string) => suite.page.locator('[data-testid="queue-row"]', { hasText: name });

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
    await suite.page.locator('[data-testid="queue"][data-state="ready"]').waitFor();
    await expect(rowOf('Adam Odrzucony').textContent()).resolves.toContain('Dane nie zgadzają się z dokumentem.');

    const me = await patient.client.get('/api/me');
    expect(me.body).toMatchObject({ level: 'full', verification: { method: 'contact_form' } });

    // The patient (in a browser of their own) sees who confirmed them, in "Historia dostępu".
    await suite.reopen();
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await suite.page.getByTestId('login-email').fill(patient.email);
    await suite.page.getByTestId('login-password').fill(patient.password);
    await suite.page.getByTestId('login-submit').click();
    await byTestId('account-level').waitFor();
    await suite.page.goto(`${suite.stack.baseUrl}/access-history`);
    await suite.page.locator('[data-testid="access-history"][data-state="ready"]').waitFor();
    const confirmed = suite.page.locator('[data-testid="access-history-row"][data-action="identity.confirmed"]');
    await expect(confirmed.getByTestId('access-history-actor').textContent()).resolves.toContain(
      'Katarzyna Wiśniewska',
    );
  });
});
