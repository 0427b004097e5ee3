import { AxeBuilder } from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { peselBornOn } from '../e2e/verification-support';
import { browserSuite, logInToConsole } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

const NEW_PASSWORD = 'Nowe-haslo-Zima-2026';

/**
 * Issue 14 items 9, 5 and 6 in Chromium: password reset from the login page
 * with the e-mail read from the stack's mail catcher, "Moje konto" (data,
 * consents, phone, password), the bank's name change told to the patient and
 * kept for staff, and the contact form that says what it can and cannot do.
 */
describe('account basics in the browser', () => {
  const suite = browserSuite({ console: true, timeoutMs: 20_000 });
  const { byTestId } = suite;

  async function logIn(email: string, password: string) {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await byTestId('account-level').waitFor();
  }

  async function axeViolations() {
    const result = await new AxeBuilder({ page: suite.page }).analyze();
    return result.violations.map((v) => ({ rule: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }

  it('resets a forgotten password from the login page with the e-mailed link', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-forgot').click();
    await byTestId('forgot-email').fill(patient.email);
    expect(await axeViolations()).toEqual([]);
    await byTestId('forgot-submit').click();
    await expect(byTestId('forgot-sent').textContent()).resolves.toContain('Jeśli konto z tym adresem istnieje');

    const mail = await suite.stack.mail.waitFor(patient.email);
    const link = /(http\S+\/password-reset\/new#token=\S+)/.exec(mail.text)![1]!;
    await suite.page.goto(link);
    await byTestId('reset-password').fill(NEW_PASSWORD);
    await byTestId('reset-repeat').fill(`${NEW_PASSWORD}x`);
    await byTestId('reset-submit').click();
    await expect(suite.page.locator('[data-field="reset-repeat"]').textContent()).resolves.toContain(
      'nie są takie same',
    );
    expect(await axeViolations()).toEqual([]);
    await byTestId('reset-repeat').fill(NEW_PASSWORD);
    await byTestId('reset-submit').click();
    await byTestId('reset-done').waitFor();
    expect(suite.page.url()).not.toContain('token=');

    // The old session is over; the new password works.
    expect((await patient.client.get('/api/me')).status).toBe(401);
    await byTestId('reset-to-login').click();
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(NEW_PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-level').waitFor();

    // The same link again: spent, and the page says what to do.
    await suite.page.goto(link);
    await byTestId('reset-password').fill('Jeszcze-inne-haslo-26');
    await byTestId('reset-repeat').fill('Jeszcze-inne-haslo-26');
    await byTestId('reset-submit').click();
    await expect(byTestId('error-message').textContent()).resolves.toContain('wygasł albo został już użyty');
  }, 120_000);

  it('shows "Moje konto" with personal data and consents, and changes the phone and the password', async () => {
    const pesel = peselBornOn('1985-04-12', true);
    const patient = await newPatient(suite.stack.baseUrl, { pesel, phone: '+48 600 100 200' });
    await logIn(patient.email, patient.password);
    await byTestId('nav-account').click();
    await suite.page.getByRole('heading', { name: 'Moje konto', level: 1 }).waitFor();
    await expect(byTestId('account-pesel').textContent()).resolves.toBe(pesel);
    await expect(byTestId('account-birth-date').textContent()).resolves.toBe('12 kwietnia 1985');
    await expect(byTestId('account-phone').textContent()).resolves.toBe('+48 600 100 200');
    await expect(byTestId('account-level-text').textContent()).resolves.toBe('podstawowe');
    await expect(byTestId('account-consents').textContent()).resolves.toContain('Akceptacja regulaminu');
    expect(await axeViolations()).toEqual([]);
    // On a phone: no violations either, and nothing wider than the screen (a long e-mail wraps).
    await suite.page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations()).toEqual([]);
    expect(await suite.page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await suite.page.setViewportSize({ width: 1366, height: 900 });

    await byTestId('account-phone-input').fill('zadzwoń');
    await byTestId('account-phone-save').click();
    await expect(suite.page.locator('[data-field="account-phone-input"]').textContent()).resolves.toContain(
      'poprawny numer telefonu',
    );
    await byTestId('account-phone-input').fill('+48 512 345 678');
    await byTestId('account-phone-save').click();
    await byTestId('account-phone-saved').waitFor();
    expect((await patient.client.get('/api/me')).body.phone).toBe('+48 512 345 678');

    await byTestId('account-current-password').fill('Nie-to-haslo-2026');
    await byTestId('account-new-password').fill(NEW_PASSWORD);
    await byTestId('account-repeat-password').fill(NEW_PASSWORD);
    await byTestId('account-password-save').click();
    await expect(suite.page.locator('[data-field="account-current-password"]').textContent()).resolves.toContain(
      'Obecne hasło jest nieprawidłowe',
    );
    await byTestId('account-current-password').fill(patient.password);
    await byTestId('account-password-save').click();
    await byTestId('account-password-saved').waitFor();
    // The API client is another device: logged out. This browser stays in.
    expect((await patient.client.get('/api/me')).status).toBe(401);
    await suite.page.reload();
    await byTestId('account-personal').waitFor();
  }, 120_000);

  it('tells the patient what the bank returned and that it changed the name; staff still find the registered one', async () => {
    const pesel = '90090515836'; // the mock bank's persona Piotr Wiśniewski
    const surname = `Nowak${randomUUID().slice(0, 4)}`;
    const patient = await newPatient(suite.stack.baseUrl, { pesel, firstName: 'Anna', lastName: surname });
    await logIn(patient.email, patient.password);
    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    await byTestId('verification-bank-start').click();
    await suite.page.waitForURL(`${suite.stack.bank.issuer}/**`);
    await byTestId('bank-pesel').fill(pesel);
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await byTestId('bank-consent').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/verification/result?status=confirmed`);

    await expect(byTestId('verification-bank-returned').textContent()).resolves.toContain(
      'Bank przekazał: Piotr Wiśniewski, data urodzenia 5 września 1990',
    );
    await expect(byTestId('verification-name-changed').textContent()).resolves.toContain(
      `z „Anna ${surname}” na „Piotr Wiśniewski”`,
    );
    expect(await axeViolations()).toEqual([]);
    await suite.page.goto(`${suite.stack.baseUrl}/account`);
    await expect(byTestId('account-registered-name').textContent()).resolves.toContain(`Anna ${surname}`);

    await suite.reopen();
    await logInToConsole(suite);
    await byTestId('patient-search-query').fill(`Anna ${surname}`);
    await byTestId('patient-search-submit').click();
    const row = suite.page.locator(`[data-testid="patient-result"][data-patient-id="${patient.id}"]`);
    await expect(row.textContent()).resolves.toContain('Piotr Wiśniewski');
    await expect(row.getByTestId('patient-registered-name').textContent()).resolves.toContain(`Anna ${surname}`);
  }, 120_000);

  it('says at once what the contact form can do, checks the phone, and shows staff decisions to the patient', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/verification/contact`);
    await expect(byTestId('contact-scope').textContent()).resolves.toContain('tylko w placówce');
    await expect(byTestId('contact-no-pesel').textContent()).resolves.toContain('nie potwierdzi');
    await byTestId('contact-name').fill('Jan Testowy');
    await byTestId('contact-email').fill(patient.email);
    await byTestId('contact-message').fill('Proszę o kontakt.');
    await byTestId('contact-submit').click();
    // Checked in the form: no request went out with an empty phone.
    await expect(suite.page.locator('[data-field="contact-phone"]').textContent()).resolves.toContain(
      'poprawny numer telefonu',
    );
    expect(await axeViolations()).toEqual([]);
    await byTestId('contact-phone').fill('+48 600 100 200');
    await byTestId('contact-submit').click();
    await byTestId('contact-success-no-pesel').waitFor();

    // Staff try the phone (refused: no PESEL), then reject the request with a reason.
    const staff = new ApiClient(suite.stack.baseUrl);
    staff.accessToken = (
      await staff.post('/api/auth/login', { email: 'staff@demo.test', password: 'Staff#Demo2026' })
    ).body.accessToken;
    const refused = await staff.post(`/api/staff/patients/${patient.id}/identity-confirmation`, {
      channel: 'contact_form',
      documentType: 'passport',
      documentNumberLast4: '1234',
    });
    expect(refused.body.code).toBe('FACILITY_REQUIRED');
    const queue = (await staff.get('/api/staff/contact-requests')).body as Array<{ id: string; email: string }>;
    const request = queue.find((r) => r.email === patient.email)!;
    const reason = 'Bez numeru PESEL zapraszamy do placówki.';
    expect(
      (await staff.post(`/api/staff/contact-requests/${request.id}/resolve`, { outcome: 'rejected', reason })).status,
    ).toBe(200);

    await logIn(patient.email, patient.password);
    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    await expect(byTestId('verification-latest').getAttribute('data-code')).resolves.toBe('REJECTED');
    await expect(byTestId('verification-latest-decision').textContent()).resolves.toContain(reason);

    await suite.reopen();
    await logInToConsole(suite);
    await byTestId('patient-search-query').fill(patient.email);
    await byTestId('patient-search-submit').click();
    await suite.page.locator(`[data-patient-id="${patient.id}"]`).getByTestId('patient-open').click();
    const rows = byTestId('patient-history-row');
    await rows.nth(1).waitFor();
    const texts = await rows.allTextContents();
    expect(texts.join('\n')).not.toContain('odmowa (');
    expect(texts[0]).toContain(`zgłoszenie odrzucone — ${reason}`);
    expect(texts[1]).toContain('tylko w placówce');
  }, 120_000);
});
