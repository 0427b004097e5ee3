import { randomUUID } from 'node:crypto';
import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';
import { labBundle } from '../support/lab-bundles';
import { RecordScenario } from '../support/record';

/** A valid PESEL of someone born on 21 July 1987 (serial from `n`). */
function pesel(n: number): string {
  const digits = `870721${String(n % 10_000).padStart(4, '0')}`;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** A new lab result lights the bell on the open page, in Polish and English, with its link. */
describe('the bell in the browser: a new lab result', () => {
  const suite = browserSuite({ viewport: { width: 1280, height: 900 } });
  const { byTestId } = suite;

  it('shows "Nowy wynik badania: Lipidogram" without a reload, and "Zobacz wynik" opens that result, highlighted', async () => {
    const scenario = new RecordScenario(suite.stack);
    const number = pesel(Date.now());
    const { email, password, id } = await newPatient(suite.stack.baseUrl, { pesel: number });
    // Confirmed as staff at a facility would.
    await scenario.sql(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [id]);
    await scenario.sql(
      `INSERT INTO "identity"."verified_identities" (account_id, pesel, first_name, last_name, birth_date, method, verified_at)
       VALUES ($1, $2, 'Jan', 'Testowy', '1987-07-21', 'facility', now())`,
      [id, number],
    );
    const lab = new ApiClient(suite.stack.baseUrl);
    lab.accessToken = (await lab.post('/api/auth/login', { email: 'lab@demo.test', password: 'Lab#Demo2026' })).body
      .accessToken as string;

    let streamOpened = false;
    suite.page.on('request', (request) => {
      if (request.url().endsWith('/api/notifications/stream')) streamOpened = true;
    });
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    const deadline = Date.now() + 5000;
    while (!streamOpened && Date.now() < deadline) await suite.page.waitForTimeout(100);
    expect(streamOpened).toBe(true);

    const posted = await lab.call('POST', '/api/lab/results', {
      body: labBundle({ pesel: number, reportNumber: `BELL-${randomUUID()}` }),
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(posted.status).toBe(201);
    await byTestId('notifications-count').waitFor({ timeout: 15_000 });
    await expect(byTestId('notifications-count').textContent()).resolves.toBe('1');
    await byTestId('notifications-bell').click();
    const item = byTestId('notifications-panel').locator('[data-kind="result_available"]');
    await expect(item.locator('.notice__title').textContent()).resolves.toBe('Nowy wynik badania: Lipidogram');
    await expect(item.getByTestId('notice-open').textContent()).resolves.toBe('Zobacz wynik');

    // In English too.
    await suite.page.keyboard.press('Escape');
    await byTestId('lang-switch').click();
    await byTestId('notifications-bell').click();
    const english = byTestId('notifications-panel').locator('[data-kind="result_available"]');
    await expect(english.locator('.notice__title').textContent()).resolves.toBe('New test result: Lipidogram');
    await expect(english.getByTestId('notice-open').textContent()).resolves.toBe('See the result');
    await english.getByTestId('notice-open').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/results?report=${posted.body.id}`);
    // The linked result is marked, scrolled to and focused.
    const linked = suite.page.locator(`[data-testid="result"][data-id="${posted.body.id}"]`);
    await expect(linked.getAttribute('data-linked')).resolves.toBe('true');
    await suite.page.locator(`[data-testid="result"][data-id="${posted.body.id}"]:focus`).waitFor();
    await expect(suite.page.locator('[data-testid="result"][data-linked="true"]').count()).resolves.toBe(1);
  });
});
