import { browserSuite } from '../support/browser';

/** The register form explains, in Polish, why the server refused a weak password (OWASP ASVS 6.2). */
describe('registering with a weak password, in the browser', () => {
  const suite = browserSuite({ stack: { demoData: false } });
  const { byTestId } = suite;

  it('shows why "password12" is refused, and registers once a strong password is chosen', async () => {
    await suite.page.goto(`${suite.stack.baseUrl}/register`);
    await byTestId('register-email').fill(`slabe.haslo.${Date.now()}@example.test`);
    await byTestId('register-password').fill('password12');
    await byTestId('register-first-name').fill('Zofia');
    await byTestId('register-last-name').fill('Przeglądarkowa');
    await byTestId('register-terms').check();
    await byTestId('register-submit').click();

    const why = suite.page.locator('#register-password-error');
    await why.waitFor();
    await expect(why.textContent()).resolves.toContain('zbyt łatwe do odgadnięcia');
    await expect(why.textContent()).resolves.toContain('To jest często używane hasło.');
    await expect(byTestId('register-password').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(suite.page.url()).toBe(`${suite.stack.baseUrl}/register`);

    await byTestId('register-password').fill('Zielony-parasol-nad-Wisla');
    await byTestId('register-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    await expect(byTestId('account-level').getAttribute('data-level')).resolves.toBe('basic');
  });
});
