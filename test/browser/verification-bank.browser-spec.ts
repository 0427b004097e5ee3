import { dateYearsAgo, peselBornOn, startAtBank } from '../e2e/verification-support';
import { browserSuite } from '../support/browser';
import { newPatient } from '../support/http';

/** A patient confirms their identity through the mock bank in Chromium and comes back with a full account. */
describe('identity confirmation through the bank, in the browser', () => {
  const suite = browserSuite({ stack: { demoData: false } });

  const { byTestId } = suite;

  async function logInAndGoToBank(pesel?: string) {
    const patient = await newPatient(suite.stack.baseUrl, pesel ? { pesel } : {});
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await byTestId('account-level').waitFor();
    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    await suite.page.getByRole('heading', { name: 'Potwierdź tożsamość' }).waitFor();
    await byTestId('verification-bank-start').click();
    await suite.page.waitForURL(`${suite.stack.bank.issuer}/**`);
  }

  it('logs in at the bank, consents, and sees the full level', async () => {
    const pesel = peselBornOn(dateYearsAgo(35));
    await logInAndGoToBank(pesel);
    await byTestId('bank-pesel').fill(pesel);
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await suite.page.getByText(pesel).waitFor();
    await byTestId('bank-consent').click();

    await suite.page.waitForURL(`${suite.stack.baseUrl}/verification/result?status=confirmed`);
    const result = byTestId('verification-result');
    await expect(result.getAttribute('data-status')).resolves.toBe('confirmed');
    await expect(result.textContent()).resolves.toContain('Twoja tożsamość została potwierdzona');
    await suite.page.locator('[data-testid="account-level"][data-level="full"]').waitFor();
  });

  it('explains a refusal in plain Polish and leaves the account basic', async () => {
    await logInAndGoToBank();
    await byTestId('bank-pesel').fill('44051401358');
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await byTestId('bank-login-error').waitFor();
    await byTestId('bank-pesel').fill(peselBornOn(dateYearsAgo(17)));
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await byTestId('bank-consent').click();

    await suite.page.waitForURL(`${suite.stack.baseUrl}/verification/result?status=failed&code=UNDERAGE`);
    await expect(byTestId('verification-result-reason').textContent()).resolves.toContain('tylko osoby pełnoletnie');
    await suite.page.locator('[data-testid="account-level"][data-level="basic"]').waitFor();
    await byTestId('verification-try-again').click();
    await expect(byTestId('verification-latest').getAttribute('data-code')).resolves.toBe('UNDERAGE');
  });
  it("refuses a bank link finished in someone else's browser, says so in Polish, and leaves the starter basic", async () => {
    // Someone starts a confirmation on their own account and sends the bank link to another person…
    const starter = await newPatient(suite.stack.baseUrl);
    const { authorizationUrl } = await startAtBank(starter.client);
    // …who opens it in their own browser and logs in at their bank.
    await suite.page.goto(authorizationUrl);
    await byTestId('bank-pesel').fill(peselBornOn(dateYearsAgo(40)));
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await byTestId('bank-consent').click();

    await suite.page.waitForURL(`${suite.stack.baseUrl}/verification/result?status=failed&code=BANK_SESSION_MISMATCH`);
    await expect(byTestId('verification-result-reason').textContent()).resolves.toContain('w innej przeglądarce');
    expect((await starter.client.get('/api/me')).body).toMatchObject({ level: 'basic', verification: null });
  });
});
