import { browserSuite, logInToConsole } from '../support/browser';
import { readPdf } from '../support/pdf-text';

const DEMO_PATIENT = { email: 'patient@demo.test', password: 'Patient#Demo2026' };
const DEMO_DOCTOR = { email: 'doctor@demo.test', password: 'Doctor#Demo2026' };

/** "Leki" in Chromium: the demo patient orders a renewal, the demo doctor approves it in the console, the patient gets the code and its PDF. */
describe('e-prescription renewal in the browser', () => {
  const suite = browserSuite({ console: true, timeoutMs: 10_000 });
  const { byTestId } = suite;

  async function logInToPortal() {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(DEMO_PATIENT.email);
    await byTestId('login-password').fill(DEMO_PATIENT.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    await byTestId('nav-medicines').click();
    await suite.page.locator('[data-testid="medicines-page"][data-state="ready"]').waitFor();
  }

  it('patient requests a renewal → doctor approves in the console → patient sees the new code and downloads the PDF', async () => {
    await logInToPortal();
    const euthyrox = suite.page.locator('[data-testid="medicine-row"][data-name="Euthyrox N"]');
    await euthyrox.getByTestId('medicine-choose').check();
    await byTestId('renewal-note').fill('Kończy mi się lek na tarczycę.');
    await byTestId('renewal-order').click();
    await byTestId('renewal-ordered').waitFor();
    await euthyrox.getByTestId('medicine-pending').waitFor();
    // The three lists reload independently: wait for the request's own row, then count it.
    const pending = suite.page.locator('[data-testid="renewal"][data-status="pending"]');
    await pending.first().waitFor();
    await expect(pending.count()).resolves.toBe(1);

    // The doctor, in their own browser.
    await suite.reopen();
    await logInToConsole(suite, DEMO_DOCTOR);
    await suite.byTestId('console-nav-renewals').click();
    const request = suite.page.locator('[data-testid="renewal-request"]', {
      hasText: 'Kończy mi się lek na tarczycę.',
    });
    await request.waitFor();
    await expect(request.getByTestId('renewal-medicine').textContent()).resolves.toContain('Euthyrox N 75 µg');
    await request.getByTestId('renewal-approve').click();
    const issued = (await byTestId('renewal-issued').textContent()) ?? '';
    const code = /kod dostępu (\d{4})/.exec(issued)?.[1];
    expect(code).toMatch(/^\d{4}$/);

    // The patient again.
    await suite.reopen();
    await logInToPortal();
    const newest = byTestId('prescription').first();
    await expect(newest.getByTestId('prescription-code').textContent()).resolves.toBe(code);
    await expect(newest.getAttribute('data-status')).resolves.toBe('active');
    await expect(suite.page.locator('[data-testid="renewal"][data-status="approved"]').count()).resolves.toBe(1);

    const [download] = await Promise.all([
      suite.page.waitForEvent('download'),
      newest.getByTestId('prescription-pdf').click(),
    ]);
    const path = await download.path();
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await readPdf(bytes);
    expect(text).toContain('Informacja o e-recepcie');
    expect(text).toContain(code);
    // (µ comes back from the font as the Greek μ it shares a glyph with.)
    expect(text).toContain('Euthyrox N 75');
    expect(text).toContain('substancja czynna: lewotyroksyna');
  });
});
