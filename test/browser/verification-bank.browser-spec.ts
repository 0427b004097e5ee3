import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { dateYearsAgo, peselBornOn } from '../e2e/verification-support';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/** A patient confirms their identity through the mock bank in Chromium and comes back with a full account. */
describe('identity confirmation through the bank, in the browser', () => {
  let stack: Stack;
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ demoData: false, portalDist: resolve(__dirname, '../../apps/portal/dist') });
    session = await launchBrowser();
  }, 60_000);
  beforeEach(async () => {
    context = await session.newContext();
    page = await context.newPage();
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await session?.close();
    await stack?.close();
  });

  const byTestId = (id: string) => page.getByTestId(id);

  async function logInAndGoToBank(pesel?: string) {
    const patient = await newPatient(stack.baseUrl, pesel ? { pesel } : {});
    await page.goto(`${stack.baseUrl}/login`);
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await byTestId('account-level').waitFor();
    await page.goto(`${stack.baseUrl}/verification`);
    await page.getByRole('heading', { name: 'Potwierdź tożsamość' }).waitFor();
    await byTestId('verification-bank-start').click();
    await page.waitForURL(`${stack.bank.issuer}/**`);
  }

  it('logs in at the bank, consents, and sees the full level', async () => {
    const pesel = peselBornOn(dateYearsAgo(35));
    await logInAndGoToBank(pesel);
    await byTestId('bank-pesel').fill(pesel);
    await byTestId('bank-password').fill('demo');
    await byTestId('bank-login').click();
    await page.getByText(pesel).waitFor();
    await byTestId('bank-consent').click();

    await page.waitForURL(`${stack.baseUrl}/verification/result?status=confirmed`);
    const result = byTestId('verification-result');
    await expect(result.getAttribute('data-status')).resolves.toBe('confirmed');
    await expect(result.textContent()).resolves.toContain('Twoja tożsamość została potwierdzona');
    await page.locator('[data-testid="account-level"][data-level="full"]').waitFor();
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

    await page.waitForURL(`${stack.baseUrl}/verification/result?status=failed&code=UNDERAGE`);
    await expect(byTestId('verification-result-reason').textContent()).resolves.toContain('tylko osoby pełnoletnie');
    await page.locator('[data-testid="account-level"][data-level="basic"]').waitFor();
    await byTestId('verification-try-again').click();
    await expect(byTestId('verification-latest').getAttribute('data-code')).resolves.toBe('UNDERAGE');
  });
});
