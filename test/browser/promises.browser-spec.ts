import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

/** Features with no page yet (results, e-prescriptions, referrals, online consultations, recommendations). */
const UNBUILT_PL = ['wyników badań', 'e-Recept', 'e-recept', 'skierowań', 'konsultacji online', 'zaleceń'];
const UNBUILT_EN = ['test results', 'e-prescriptions', 'referrals', 'online consultations', 'recommendations'];

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

  const expectNone = (text: string | null, words: string[]) =>
    expect(words.filter((word) => (text ?? '').includes(word))).toEqual([]);

  it('names on the dashboard and the identity page only the full-account features that exist', async () => {
    const panel = suite.page.locator('.account');
    await panel.waitFor();
    const dashboard = await panel.textContent();
    expectNone(dashboard, UNBUILT_PL);
    expect(dashboard).toContain('plików');

    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    const intro = await byTestId('verification-intro').textContent();
    expectNone(intro, UNBUILT_PL);
    expect(intro).toContain('plików');

    await byTestId('lang-switch').click();
    expectNone(await byTestId('verification-intro').textContent(), UNBUILT_EN);
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
    await expect(byTestId('slot-results').count()).resolves.toBe(0);
  });
});
