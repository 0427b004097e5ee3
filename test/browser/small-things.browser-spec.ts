import { Client } from 'pg';
import { browserSuite } from '../support/browser';
import { newPatient } from '../support/http';

/** 178 bytes: a PNG signature and padding — listed as "178 B", not "0 KB". */
const TINY_PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(162, 7)]);

/** The portal's smaller rough edges (issue 14, item 8), each as a patient meets it. */
describe('smaller things in the browser', () => {
  const suite = browserSuite({ viewport: { width: 1280, height: 900 }, timeoutMs: 10_000 });
  const { byTestId } = suite;

  async function logIn(full = false, overrides: Record<string, unknown> = {}) {
    const patient = await newPatient(suite.stack.baseUrl, overrides);
    if (full) {
      const db = new Client({ connectionString: suite.stack.database.url });
      await db.connect();
      await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
      await db.end();
    }
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(patient.email);
    await byTestId('login-password').fill(patient.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    return patient;
  }

  it('asks nothing of /api/auth/refresh on logged-out pages, so the console shows no 401', async () => {
    const refreshes: number[] = [];
    const errors: string[] = [];
    suite.page.on('response', (response) => {
      if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
    });
    suite.page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    for (const path of ['/login', '/register', '/verification/contact', '/regulamin']) {
      await suite.page.goto(`${suite.stack.baseUrl}${path}`);
      await suite.page.locator('main h1').waitFor();
    }
    expect(refreshes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps a session across a reload after logging in', async () => {
    await logIn();
    await suite.page.reload();
    await byTestId('nav-logout').waitFor();
  });

  it('links "regulamin" in the registration form to the terms', async () => {
    await suite.page.goto(`${suite.stack.baseUrl}/register`);
    const link = byTestId('register-terms-link');
    await expect(link.textContent()).resolves.toContain('regulamin');
    const opened = suite.context.waitForEvent('page');
    await link.click();
    const terms = await opened;
    await terms.getByTestId('terms-page').waitFor();
    await expect(terms.locator('h1').textContent()).resolves.toBe('Regulamin Portalu Pacjenta');
    // Following the link does not tick the box.
    await expect(byTestId('register-terms').isChecked()).resolves.toBe(false);
  });

  it('does not move the form when a field is checked on blur, so the click on the terms box lands', async () => {
    await suite.page.goto(`${suite.stack.baseUrl}/register`);
    await byTestId('register-pesel').fill('12345678901');
    const before = (await byTestId('register-terms').boundingBox())!;
    // Leaving PESEL for the terms box checks PESEL; the box must not move under the pointer.
    await byTestId('register-terms').click();
    await expect(byTestId('register-terms').isChecked()).resolves.toBe(true);
    await suite.page.locator('[data-testid="field-error"][data-field="register-pesel"]').waitFor();
    const after = (await byTestId('register-terms').boundingBox())!;
    expect(Math.abs(after.y - before.y)).toBeLessThan(4);
  });

  it('says for a phone visit which number the doctor will call', async () => {
    const patient = await logIn(true, { phone: '+48 600 100 200' });
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    patient.client.accessToken = login.body.accessToken;
    const phone = ((await patient.client.get('/api/me')).body as { phone: string }).phone;
    expect(phone).toContain('600');
    const [slot] = (await patient.client.get('/api/slots?channel=phone&limit=1')).body as Array<{ id: string }>;
    expect((await patient.client.post('/api/appointments', { slotId: slot!.id })).status).toBe(201);
    await suite.page.reload();
    await suite.page.locator('[data-testid="upcoming-list"][data-state="ready"]').waitFor();
    const place = byTestId('appointment-row').first().getByTestId('visit-place');
    await expect(place.textContent()).resolves.toBe(`Konsultacja telefoniczna — zadzwonimy na numer ${phone}`);
  });

  it('goes to the start when logging out on a page that does not exist', async () => {
    await logIn();
    await suite.page.goto(`${suite.stack.baseUrl}/no-such-page`);
    await suite.page.locator('main h1').waitFor();
    await byTestId('nav-logout').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/login`);
    await byTestId('login-submit').waitFor();
  });

  it('names the language button starting with what it shows', async () => {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    // What the button shows is "EN" (the rest of its name is visually hidden).
    const box = (await byTestId('lang-switch').boundingBox())!;
    expect(box.width).toBeLessThan(80);
    await expect(byTestId('lang-switch').innerText()).resolves.toMatch(/^EN/);
    await expect(suite.page.getByRole('button', { name: /^EN\b/ }).count()).resolves.toBe(1);
    await expect(byTestId('lang-switch').getAttribute('aria-label')).resolves.toBeNull();
  });

  it('lists a 178-byte file as "178 B" and states the upload rules once', async () => {
    await logIn(true);
    await byTestId('nav-files').click();
    await suite.page.locator('[data-testid="files-list"][data-state="ready"]').waitFor();
    await byTestId('file-add').click();
    await byTestId('file-form').waitFor();
    await expect(suite.page.getByText('Dostępne formaty: JPG').count()).resolves.toBe(1);
    await byTestId('file-input').setInputFiles({ name: 'mały.png', mimeType: 'image/png', buffer: TINY_PNG });
    await byTestId('file-description').fill('Mały obrazek');
    await byTestId('file-consent').check();
    await byTestId('file-submit').click();
    const row = byTestId('file-row');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('PNG, 178 B');
  });
});
