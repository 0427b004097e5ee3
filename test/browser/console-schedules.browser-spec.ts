import { browserSuite, logInToConsole } from '../support/browser';
import { ApiClient } from '../support/http';

/** Staff edit a doctor's weekly schedule in the console ("Grafiki lekarzy"), in Chromium. */
describe('doctors’ schedules in the staff console', () => {
  const suite = browserSuite({ console: true, timeoutMs: 8000 });
  const { byTestId } = suite;

  it('adds a Sunday phone shift for a doctor, sees it in the week with its new slots, then deletes it', async () => {
    // A demo doctor and a consultation they give by phone (the demo week is Monday to Friday).
    const api = new ApiClient(suite.stack.baseUrl);
    const services = (await api.get('/api/catalog/services?kind=consultation')).body as Array<{
      id: string;
      name: string;
      channels: string[];
    }>;
    const service = services.find((s) => s.channels.includes('phone'))!;
    const [doctor] = (await api.get(`/api/catalog/doctors?serviceId=${service.id}`)).body as Array<{
      id: string;
      name: string;
    }>;

    await logInToConsole(suite);
    await byTestId('console-nav-schedules').click();
    await expect(byTestId('console-nav-schedules').textContent()).resolves.toBe('Grafiki lekarzy');

    await byTestId('schedules-doctor').selectOption(doctor!.id);
    await suite.page.locator('[data-testid="schedules"][data-state="ready"]').waitFor();
    // The demo week is there: Monday to Friday.
    await expect(byTestId('schedule-row').first().getAttribute('data-weekday')).resolves.toBe('1');
    const before = await byTestId('schedule-row').count();

    await byTestId('schedule-service').selectOption(service.id);
    await byTestId('schedule-channel').selectOption('phone');
    await byTestId('schedule-weekday').selectOption('7');
    await byTestId('schedule-starts-at').fill('10:00');
    await byTestId('schedule-ends-at').fill('11:00');
    await byTestId('schedule-slot-minutes').fill('30');
    await byTestId('schedule-submit').click();

    await expect(byTestId('schedules-notice').textContent()).resolves.toMatch(/Nowe terminy: \d+\./);
    const sunday = suite.page.locator('[data-testid="schedule-row"][data-weekday="7"]');
    await expect(sunday.textContent()).resolves.toContain('Niedziela 10:00–11:00');
    await expect(sunday.textContent()).resolves.toContain('Konsultacja telefoniczna');
    expect(await byTestId('schedule-row').count()).toBe(before + 1);
    const created = Number(/Nowe terminy: (\d+)/.exec((await byTestId('schedules-notice').textContent()) ?? '')![1]);
    expect(created).toBeGreaterThanOrEqual(6);

    // The same hours again: refused, with the reason in Polish, inside the form that was sent (not under the doctor).
    await byTestId('schedule-submit').click();
    const formError = suite.page
      .locator('form')
      .filter({ has: byTestId('schedule-submit') })
      .getByTestId('schedule-form-error');
    await expect(formError.textContent()).resolves.toContain('ma już w tym czasie');
    expect(await byTestId('schedules-error').count()).toBe(0);

    // "Usuń" asks first, in a modal dialog saying how many slots go; cancelling keeps everything.
    await sunday.getByTestId('schedule-delete').click();
    const dialog = suite.page.getByRole('dialog', { name: 'Usunąć te godziny pracy?' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('schedule-delete-count').textContent()).resolves.toBe(
      `Usuniemy przyszłe wolne terminy: ${created}.`,
    );
    await expect(dialog.textContent()).resolves.toContain('Nie ma na nie umówionych wizyt.');
    await dialog.getByTestId('schedule-delete-dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await byTestId('schedule-row').count()).toBe(before + 1);

    await sunday.getByTestId('schedule-delete').click();
    await dialog.getByTestId('schedule-delete-dialog-confirm').click();
    await expect(byTestId('schedules-notice').textContent()).resolves.toContain(
      `Usunięte wolne terminy: ${created}. Zachowane terminy z umówioną wizytą: 0.`,
    );
    await sunday.waitFor({ state: 'detached' });
    expect(await byTestId('schedule-row').count()).toBe(before);
  });
});
