import { browserSuite, readyRows } from '../support/browser';
import { newPatient, openInPersonConsultation } from '../support/http';

/** Search → book → add to calendar → move → cancel, in headless Chromium. */
describe('moving a visit in the browser', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 1280, height: 900 } });
  let serviceName: string;
  let serviceId: string;

  beforeAll(async () => {
    const service = await openInPersonConsultation(suite.stack.baseUrl);
    serviceName = service.name;
    serviceId = service.id;
  });

  const { byTestId } = suite;
  const upcomingRows = () => readyRows(suite.page, 'upcoming-list', 'appointment-row');

  it('books a visit, downloads its calendar file, moves it to another slot and cancels it', async () => {
    const { client, email, password } = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);

    await byTestId('nav-book').click();
    await byTestId('search-service').selectOption({ label: serviceName });
    await byTestId('search-channel').selectOption('in_person');
    await byTestId('search-hour-from').selectOption('10');
    await byTestId('search-hour-to').selectOption('12');
    await byTestId('search-submit').click();
    const first = byTestId('slot-row').first();
    await first.waitFor();
    const firstSlotId = await first.getAttribute('data-slot-id');
    // The hour window holds: every offered slot starts 10:00–11:59 Warsaw time.
    const offered = await byTestId('slot-row').evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-slot-id')),
    );
    const all = (
      await client.get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=200&hourFrom=10&hourTo=12`)
    ).body as Array<{
      id: string;
    }>;
    const inWindow = new Set(all.map((s) => s.id));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.filter((id) => !inWindow.has(id!))).toEqual([]);
    await first.getByTestId('slot-reserve').click();
    await byTestId('booking-confirm').click();
    await byTestId('booking-success').waitFor();

    await byTestId('nav-dashboard').click();
    const rows = await upcomingRows();
    await expect(rows.count()).resolves.toBe(1);
    const download = suite.page.waitForEvent('download');
    await rows.first().getByTestId('appointment-calendar').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^wizyta-\d{4}-\d{2}-\d{2}\.ics$/);

    await rows.first().getByTestId('appointment-move').click();
    await suite.page.waitForURL(/\/book\?move=/);
    await byTestId('move-banner').waitFor();
    // The banner says which visit is being moved.
    await byTestId('move-visit').waitFor();
    const movingText = (await byTestId('move-visit').textContent())!;
    expect(movingText).toContain('Przenosisz wizytę:');
    expect(movingText).toContain(serviceName);
    // The service is already chosen; pick a later slot than the current one.
    await byTestId('search-channel').selectOption('in_person');
    await byTestId('search-submit').click();
    await byTestId('slot-row').first().waitFor();
    const target = byTestId('slot-row').nth(3);
    await expect(target.getByTestId('slot-reserve').textContent()).resolves.toContain('Przenieś tutaj');
    const targetSlotId = await target.getAttribute('data-slot-id');
    expect(targetSlotId).not.toBe(firstSlotId);
    await target.getByTestId('slot-reserve').click();
    await byTestId('booking-confirm').click();

    await suite.page.waitForURL(`${suite.stack.baseUrl}/?moved=1`);
    await byTestId('move-success').waitFor();
    const after = await upcomingRows();
    await expect(after.count()).resolves.toBe(1);
    const mine = (await client.get('/api/appointments?scope=upcoming')).body as Array<{ slot: { id: string } }>;
    expect(mine.map((a) => a.slot.id)).toEqual([targetSlotId]);
    const past = (await client.get('/api/appointments?scope=past')).body as Array<{
      status: string;
      slot: { id: string };
    }>;
    expect(past).toEqual([
      expect.objectContaining({ status: 'cancelled', slot: expect.objectContaining({ id: firstSlotId }) }),
    ]);
    // In the history the old visit reads "Przeniesiona", not "Odwołana".
    const history = await readyRows(suite.page, 'past-list', 'past-row');
    await expect(history.count()).resolves.toBe(1);
    await expect(history.first().getByTestId('appointment-moved').textContent()).resolves.toBe('Przeniesiona');
    await expect(history.first().textContent()).resolves.not.toContain('Odwołana');

    // The list asked for after the cancel answers late: until it has, the list must not say "ready" over the old rows.
    await suite.page.route('**/api/appointments?scope=upcoming', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    try {
      await after.first().getByTestId('appointment-cancel').click();
      await byTestId('cancel-confirm').click();
      await byTestId('cancel-success').waitFor();
      await expect((await upcomingRows()).count()).resolves.toBe(0);
    } finally {
      // One page serves the whole file: the next test's lists answer at once again.
      await suite.page.unroute('**/api/appointments?scope=upcoming');
    }
  });

  it('tells the watcher at once, in the bell, when another patient cancels a matching visit', async () => {
    const { client: holder } = await newPatient(suite.stack.baseUrl);
    const { email, password, client: watcher } = await newPatient(suite.stack.baseUrl);
    await suite.context.clearCookies();
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);

    await byTestId('nav-book').click();
    await byTestId('search-service').selectOption({ label: serviceName });
    await byTestId('search-channel').selectOption('in_person');
    await byTestId('search-submit').click();
    const slot = byTestId('slot-row').first();
    await slot.waitFor();
    const slotId = (await slot.getAttribute('data-slot-id'))!;
    // Somebody else takes the first slot; the watcher asks to be told when something frees up.
    const held = await holder.post('/api/appointments', { slotId });
    expect(held.status).toBe(201);
    await byTestId('alert-create').click();
    await byTestId('alert-created').waitFor();
    expect((await watcher.get('/api/slot-alerts')).body).toHaveLength(1);

    await suite.page.waitForTimeout(300);
    expect((await holder.post(`/api/appointments/${held.body.id}/cancel`)).status).toBe(200);
    await byTestId('notifications-count').waitFor({ timeout: 5000 });
    await expect(byTestId('notifications-count').textContent()).resolves.toBe('1');
    await byTestId('notifications-bell').click();
    const item = byTestId('notifications-panel').getByTestId('notification-item');
    await expect(item.count()).resolves.toBe(1);
    await expect(item.first().getAttribute('data-kind')).resolves.toBe('slot_available');
  });
});
