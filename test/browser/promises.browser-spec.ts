import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

/** The one full-account feature with no page yet: online consultations. */
const UNBUILT_PL = ['konsultacji online'];
const UNBUILT_EN = ['online consultations'];
/** Features whose pages exist: results, e-prescriptions, referrals, recommendations ("Twoja historia"), files. */
const BUILT_PL = ['wyników badań', 'e-Recept', 'skierowań', 'zaleceń', 'plików'];

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
    for (const word of BUILT_PL) expect(dashboard).toContain(word);

    await suite.page.goto(`${suite.stack.baseUrl}/verification`);
    const intro = await byTestId('verification-intro').textContent();
    expectNone(intro, UNBUILT_PL);
    for (const word of BUILT_PL) expect(intro).toContain(word);

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
    // "Skierowania" exists now: the hint links to it.
    await expect(byTestId('referral-needed').locator('a[href="/referrals"]').count()).resolves.toBe(1);
    await expect(byTestId('slot-results').count()).resolves.toBe(0);
  });
});
