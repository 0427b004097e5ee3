import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

/**
 * Features whose pages exist: results, e-prescriptions, referrals, recommendations ("Twoja historia"), files
 * and online consultations — every full-account feature now; the portal must name each one it promises.
 */
const BUILT_PL = ['wyników badań', 'e-Recept', 'skierowań', 'zaleceń', 'plików', 'konsultacji online'];
const BUILT_EN = ['online consultations'];

/** The portal promises only what it has: the full account's features, and a referral before a rehabilitation search. */
describe('what the portal promises', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 1280, height: 900 }, timeoutMs: 10_000 });
  const { byTestId } = suite;

  beforeAll(async () => {
    const { email, password } = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
  });

  it('names on the dashboard and the identity page every full-account feature, each of which now exists', async () => {
    const panel = suite.page.locator('.account');
    await panel.waitFor();
    const dashboard = await panel.textContent();
    for (const word of BUILT_PL) expect(dashboard).toContain(word);

    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    const intro = await byTestId('verification-intro').textContent();
    for (const word of BUILT_PL) expect(intro).toContain(word);

    await byTestId('lang-switch').click();
    const introEn = await byTestId('verification-intro').textContent();
    for (const word of BUILT_EN) expect(introEn).toContain(word);
    await byTestId('lang-switch').click();
  });

  it('says before the search that rehabilitation needs a referral', async () => {
    const rehabilitation = (
      (await new ApiClient(suite.stack.baseUrl).get('/api/catalog/services?kind=rehabilitation')).body as Array<{
        id: string;
        requiresReferral: boolean;
      }>
    ).find((service) => service.requiresReferral)!;
    await suite.page.goto(`${suite.stack.baseUrl}/book`);
    const group = await byTestId('search-service')
      .locator(`optgroup:has(option[value="${rehabilitation.id}"])`)
      .getAttribute('label');
    expect(group).toContain('ze skierowaniem');
    await byTestId('search-service').selectOption(rehabilitation.id);
    await expect(byTestId('referral-needed').textContent()).resolves.toContain('wymaga skierowania');
    // "Skierowania" exists now: the hint links to it.
    await expect(byTestId('referral-needed').locator('a[href="/referrals"]').count()).resolves.toBe(1);
    await expect(byTestId('slot-results').count()).resolves.toBe(0);
  });
});
