import { browserSuite, readyRows } from '../support/browser';
import { ApiClient, openInPersonConsultation } from '../support/http';

/**
 * A patient's first visit to the portal, in headless Chromium on a
 * phone-sized screen: register, log out and in again, book a visit, see it
 * on the dashboard, cancel it.
 */
describe('patient portal in the browser', () => {
  const suite = browserSuite({ viewport: { width: 390, height: 844 } });
  let serviceName: string;
  let serviceId: string;

  beforeAll(async () => {
    const service = await openInPersonConsultation(suite.stack.baseUrl);
    serviceName = service.name;
    serviceId = service.id;
  });

  const { byTestId } = suite;
  const rowsOf = (list: string, row: string) => readyRows(suite.page, list, row);

  it('registers, logs in, books a visit, sees it in "Leczenie" and cancels it', async () => {
    const email = `e2e.${Date.now()}@example.test`;
    const password = 'Haslo-do-portalu-1';

    await suite.page.goto(`${suite.stack.baseUrl}/register`);
    await byTestId('register-email').fill(email);
    await byTestId('register-password').fill(password);
    await byTestId('register-first-name').fill('Zofia');
    await byTestId('register-last-name').fill('Przeglądarkowa');
    await byTestId('register-pesel').fill('44051401359');
    await byTestId('register-terms').check();
    await byTestId('register-submit').click();

    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    expect(await (await rowsOf('upcoming-list', 'appointment-row')).count()).toBe(0);
    await expect(byTestId('account-level').getAttribute('data-level')).resolves.toBe('basic');
    await expect(byTestId('user-name').textContent()).resolves.toContain('Zofia');

    await byTestId('nav-logout').click();
    await suite.page.waitForURL(/\/login/);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);

    await byTestId('nav-book').click();
    await suite.page.waitForURL(/\/book/);
    await byTestId('search-service').selectOption({ label: serviceName });
    await byTestId('search-channel').selectOption('in_person');
    await byTestId('search-submit').click();
    const firstSlot = byTestId('slot-row').first();
    await firstSlot.waitFor();
    const slotId = await firstSlot.getAttribute('data-slot-id');
    expect(slotId).toMatch(/^[0-9a-f-]{36}$/);
    await firstSlot.getByTestId('slot-reserve').click();
    await byTestId('booking-confirm').click();
    await byTestId('booking-success').waitFor();

    await byTestId('nav-dashboard').click();
    const upcoming = await rowsOf('upcoming-list', 'appointment-row');
    await expect(upcoming.count()).resolves.toBe(1);
    await expect(upcoming.first().textContent()).resolves.toContain(serviceName);

    await upcoming.first().getByTestId('appointment-cancel').click();
    await byTestId('cancel-confirm').click();
    await byTestId('cancel-success').waitFor();
    await expect((await rowsOf('upcoming-list', 'appointment-row')).count()).resolves.toBe(0);
    const past = await rowsOf('past-list', 'past-row');
    await expect(past.count()).resolves.toBe(1);
    await expect(past.first().textContent()).resolves.toContain(serviceName);

    // The cancelled slot is bookable again at once.
    const free = (
      await new ApiClient(suite.stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=200`)
    ).body as Array<{ id: string }>;
    expect(free.map((slot) => slot.id)).toContain(slotId);
  });

  it('explains a wrong password in Polish, and switches to English', async () => {
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill('nikt@example.test');
    await byTestId('login-password').fill('Zle-haslo-123');
    await byTestId('login-submit').click();
    const error = byTestId('error-message');
    await error.waitFor();
    const polish = await error.textContent();
    expect(polish).toMatch(/hasło|e-mail/i);

    await byTestId('lang-switch').click();
    await byTestId('login-submit').click();
    await error.waitFor();
    await expect(error.textContent()).resolves.not.toBe(polish);
    await expect(byTestId('login-submit').textContent()).resolves.toMatch(/log in|sign in/i);
  });
});
