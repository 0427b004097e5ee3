import { readFileSync } from 'node:fs';
import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';
import { labBundle, LIPIDS } from '../support/lab-bundles';

const DEMO_PATIENT = { email: 'patient@demo.test', password: 'Patient#Demo2026', pesel: '85041203465' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

/** "Wyniki badań" in headless Chromium: a lab posts a bundle, the patient sees the values, their flags and the chart. */
describe('test results in the browser', () => {
  const suite = browserSuite();
  const { byTestId } = suite;

  async function logIn(email: string, password: string): Promise<void> {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
  }

  it("shows a lab's new result with every value and flag, the lab's PDF, and the cholesterol chart across years", async () => {
    const lab = new ApiClient(suite.stack.baseUrl);
    lab.accessToken = (
      await lab.post('/api/auth/login', { email: 'lab@demo.test', password: 'Lab#Demo2026' })
    ).body.accessToken;
    const bundle = labBundle({ pesel: DEMO_PATIENT.pesel, values: LIPIDS });
    bundle.entry[1].resource.presentedForm = [{ contentType: 'application/pdf', data: PDF.toString('base64') }];
    expect((await lab.call('POST', '/api/lab/results', { body: bundle })).status).toBe(201);

    await logIn(DEMO_PATIENT.email, DEMO_PATIENT.password);
    await byTestId('nav-results').click();
    await suite.page.waitForURL(/\/results$/);
    await suite.page.locator('[data-testid="results-list"][data-state="ready"]').waitFor();

    const newest = byTestId('result').first();
    await expect(newest.locator('h2').textContent()).resolves.toBe('Lipidogram');
    const row = (code: string) => newest.locator(`[data-testid="observation"][data-code="${code}"]`);
    await expect(row('2093-3').textContent()).resolves.toMatch(
      /Cholesterol całkowity232 mg\/dL≤ 190 mg\/dLPowyżej normy/,
    );
    await expect(row('2085-9').getByTestId('observation-flag').textContent()).resolves.toBe('Poniżej normy');
    await expect(row('2571-8').getByTestId('observation-flag').textContent()).resolves.toBe('W normie');
    await expect(newest.getByTestId('result-pdf').isVisible()).resolves.toBe(true);

    // The chart opens on the newest result's first parameter: six demo points over three years and today's.
    const chart = byTestId('result-chart');
    await suite.page.locator('[data-testid="result-chart"][data-code="2093-3"]').waitFor();
    const points = chart.getByTestId('chart-point');
    await expect(points.count()).resolves.toBe(7);
    await expect(points.last().getAttribute('data-flag')).resolves.toBe('high');
    await expect(chart.getByTestId('chart-band').count()).resolves.toBe(1);
    await expect(chart.locator('svg').getAttribute('aria-label')).resolves.toBe(
      'Wykres: Cholesterol całkowity, 7 pomiarów',
    );

    // Another parameter's chart, picked from its row.
    await row('2085-9').getByTestId('observation-chart').click();
    await suite.page.locator('[data-testid="result-chart"][data-code="2085-9"]').waitFor();
    await expect(byTestId('result-chart').getByTestId('chart-point').count()).resolves.toBe(7);
    await expect(
      byTestId('result-chart').locator('[data-testid="chart-point"][data-flag="low"]').count(),
    ).resolves.toBeGreaterThan(1);

    // The lab's PDF downloads.
    const [download] = await Promise.all([
      suite.page.waitForEvent('download'),
      newest.getByTestId('result-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wynik-\d{4}-\d{2}-\d{2}\.pdf$/);

    // "Pobierz moją dokumentację (FHIR)" on the account panel: the record as a FHIR Bundle file.
    await byTestId('nav-dashboard').click();
    const [record] = await Promise.all([
      suite.page.waitForEvent('download'),
      byTestId('account-record-export').click(),
    ]);
    expect(record.suggestedFilename()).toBe('dokumentacja-medyczna.fhir.json');
    const saved = JSON.parse(readFileSync((await record.path())!, 'utf8')) as { resourceType: string; type: string };
    expect(saved).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  });

  it('asks a basic account to confirm its identity first', async () => {
    const patient = await newPatient(suite.stack.baseUrl);
    await logIn(patient.email, patient.password);
    await byTestId('nav-results').click();
    await expect(byTestId('results-locked').textContent()).resolves.toContain(
      'Potwierdź swoją tożsamość, aby oglądać historię leczenia i wyniki badań.',
    );
  });
});
