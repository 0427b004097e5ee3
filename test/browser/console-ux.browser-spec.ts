import { browserSuite, DEMO_STAFF, logInToConsole } from '../support/browser';
import { ApiClient } from '../support/http';
import { CARD_FILE, patientWithVisitAndFile } from '../support/patient-card';

/** The console as staff use it: English beside Polish, addresses that can be shared and reloaded, the patient card (issue 14, item 8). */
describe('the console’s language, addresses and patient card', () => {
  const suite = browserSuite({ console: true, timeoutMs: 8000 });
  const { byTestId } = suite;

  const consoleUrl = (path: string) => `${suite.stack.baseUrl}/console/${path}`;
  const pathNow = () => {
    const url = new URL(suite.page.url());
    return url.pathname + url.search;
  };

  it('switches to English with a button named by its text, and keeps the choice after a reload', async () => {
    await suite.page.goto(consoleUrl(''));
    const toEnglish = suite.page.getByRole('button', { name: 'EN — Switch to English' });
    await expect(toEnglish.textContent()).resolves.toBe('EN — Switch to English');
    await toEnglish.click();

    await expect(suite.page.locator('h1').textContent()).resolves.toBe('Staff login');
    await expect(suite.page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await byTestId('console-login-email').fill(DEMO_STAFF.email);
    await byTestId('console-login-password').fill(DEMO_STAFF.password);
    await byTestId('console-login-submit').click();
    await expect(byTestId('console-nav-schedules').textContent()).resolves.toBe("Doctors' schedules");

    await suite.page.reload();
    await expect(byTestId('console-nav-patients').textContent()).resolves.toBe('Patients');
    await byTestId('patient-search-submit').waitFor();
    await expect(byTestId('patient-search-submit').textContent()).resolves.toBe('Search');

    await suite.page.getByRole('button', { name: 'PL — Przełącz na polski' }).click();
    await expect(byTestId('console-nav-patients').textContent()).resolves.toBe('Pacjenci');
    await expect(suite.page.locator('html').getAttribute('lang')).resolves.toBe('pl');
  });

  it('gives each view and the opened doctor or patient an address: back, forward and reload keep the place', async () => {
    const api = new ApiClient(suite.stack.baseUrl);
    const [doctor] = (await api.get('/api/catalog/doctors')).body as Array<{ id: string }>;
    const patient = await patientWithVisitAndFile(suite.stack);

    // A shared link, opened logged out: the login, then the very place the link named.
    await suite.page.goto(consoleUrl(`schedules?doctor=${doctor!.id}`));
    await byTestId('console-login-email').fill(DEMO_STAFF.email);
    await byTestId('console-login-password').fill(DEMO_STAFF.password);
    await byTestId('console-login-submit').click();
    await suite.page.locator('[data-testid="schedules"][data-state="ready"]').waitFor();
    await expect(byTestId('schedules-doctor').inputValue()).resolves.toBe(doctor!.id);
    await expect(byTestId('console-nav-schedules').getAttribute('aria-current')).resolves.toBe('page');

    await byTestId('console-nav-patients').click();
    expect(pathNow()).toBe('/console/patients');
    await byTestId('patient-search-query').fill(patient.email);
    await byTestId('patient-search-submit').click();
    await suite.page.locator(`[data-patient-id="${patient.id}"]`).getByTestId('patient-open').click();
    await byTestId('patient-detail').waitFor();
    expect(pathNow()).toBe(`/console/patients?q=${encodeURIComponent(patient.email)}&patient=${patient.id}`);

    await suite.page.reload();
    await byTestId('patient-detail').waitFor();
    await expect(byTestId('patient-search-query').inputValue()).resolves.toBe(patient.email);
    await suite.page.locator(`[data-testid="patient-result"][data-patient-id="${patient.id}"]`).waitFor();

    await suite.page.goBack();
    await byTestId('patient-detail').waitFor({ state: 'detached' });
    await suite.page.goBack();
    await suite.page.goBack();
    await suite.page.locator('[data-testid="schedules"][data-state="ready"]').waitFor();
    await expect(byTestId('schedules-doctor').inputValue()).resolves.toBe(doctor!.id);
    await suite.page.goForward();
    expect(pathNow()).toBe('/console/patients');

    // `/console/` opens the first view; an unknown one says so.
    await suite.page.goto(consoleUrl(''));
    await suite.page.waitForURL(consoleUrl('patients'));
    await suite.page.goto(consoleUrl('no-such-view'));
    await byTestId('console-not-found').waitFor();
  });

  it('opens a doctor’s day at the date in the address', async () => {
    await logInToConsole(suite, { email: 'doctor@demo.test', password: 'Doctor#Demo2026' });
    await suite.page.waitForURL(consoleUrl('day'));
    await suite.page.goto(consoleUrl('day?date=2026-12-24'));
    await expect(byTestId('doctor-day-date').inputValue()).resolves.toBe('2026-12-24');
    await byTestId('doctor-day-date').fill('2026-12-28');
    await suite.page.waitForURL(consoleUrl('day?date=2026-12-28'));
    await suite.page.goBack();
    await expect(byTestId('doctor-day-date').inputValue()).resolves.toBe('2026-12-24');
  });

  it("shows the patient's visits and only the kind, size and dates of their files on the card", async () => {
    const patient = await patientWithVisitAndFile(suite.stack);
    await suite.page.goto(consoleUrl(`patients?patient=${patient.id}`));
    await byTestId('console-login-email').fill(DEMO_STAFF.email);
    await byTestId('console-login-password').fill(DEMO_STAFF.password);
    await byTestId('console-login-submit').click();

    const visit = suite.page.locator(`[data-testid="patient-visit"][data-id="${patient.appointmentId}"]`);
    await expect(visit.getAttribute('data-status')).resolves.toBe('booked');
    await expect(visit.textContent()).resolves.toContain(patient.serviceName);
    await expect(visit.textContent()).resolves.toContain('umówiona');
    const file = suite.page.locator(`[data-testid="patient-file"][data-id="${patient.fileId}"]`);
    await expect(file.textContent()).resolves.toMatch(/^PNG · 21\d B · dodano /);
    const card = await byTestId('patient-activity').textContent();
    expect(card).not.toContain(CARD_FILE.name);
    expect(card).not.toContain(CARD_FILE.description);
  });

  it('fits a 390 px wide phone on every staff page, the patient card and the delete question included', async () => {
    const patient = await patientWithVisitAndFile(suite.stack);
    const [doctor] = (await new ApiClient(suite.stack.baseUrl).get('/api/catalog/doctors')).body as Array<{
      id: string;
    }>;
    await suite.page.setViewportSize({ width: 390, height: 844 });
    await logInToConsole(suite);
    await byTestId('console-logout').waitFor();
    const overflowing: string[] = [];
    const measure = async (where: string) => {
      const [scrollWidth, innerWidth] = await suite.page.evaluate<[number, number]>(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      );
      if (scrollWidth > innerWidth) overflowing.push(`${where}: ${scrollWidth} > ${innerWidth}`);
    };
    for (const [path, ready] of [
      [`patients?q=${encodeURIComponent(patient.email)}&patient=${patient.id}`, '[data-testid="patient-file"]'],
      ['queue', '[data-testid="queue"][data-state="ready"]'],
      [`schedules?doctor=${doctor!.id}`, '[data-testid="schedule-row"]'],
    ] as const) {
      await suite.page.goto(consoleUrl(path));
      await suite.page.locator(ready).first().waitFor();
      await measure(path);
    }
    await byTestId('schedule-delete').first().click();
    await byTestId('schedule-delete-dialog').waitFor();
    await measure('the delete question');
    expect(overflowing).toEqual([]);
  });
});
