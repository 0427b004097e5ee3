import { browserSuite, readyRows } from '../support/browser';
import { ApiClient, newPatient, openInPersonConsultation } from '../support/http';

interface Slot {
  id: string;
  startsAt: string;
  facility: { city: string } | null;
}

/** "Moje alerty" lists what each alert watches and cancels one; a notice of a freed slot can be booked or moved to. */
describe('alerts and notices in the browser', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 1280, height: 900 }, timeoutMs: 10_000 });
  const { byTestId } = suite;
  let service: { id: string; name: string };
  let watcher: Awaited<ReturnType<typeof newPatient>>;

  beforeAll(async () => {
    service = await openInPersonConsultation(suite.stack.baseUrl);
    watcher = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(watcher.email);
    await byTestId('login-password').fill(watcher.password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
  });

  const freeSlots = async (): Promise<Slot[]> =>
    (await new ApiClient(suite.stack.baseUrl).get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=20`))
      .body as Slot[];
  const until = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString();

  it('lists an alert with what it watches and cancels it', async () => {
    const city = (await freeSlots()).find((slot) => slot.facility)!.facility!.city;
    const created = await watcher.client.post('/api/slot-alerts', {
      serviceId: service.id,
      channel: 'in_person',
      city,
      hourFrom: 8,
      hourTo: 12,
      until,
    });
    expect(created.status).toBe(201);

    await byTestId('nav-alerts').click();
    const rows = await readyRows(suite.page, 'alerts-list', 'alert-row');
    await expect(rows.count()).resolves.toBe(1);
    const row = rows.first();
    await expect(row.getAttribute('data-alert-id')).resolves.toBe(created.body.id);
    await expect(row.getByTestId('alert-service').textContent()).resolves.toBe(service.name);
    await expect(row.getByTestId('alert-place').textContent()).resolves.toBe(city);
    await expect(row.textContent()).resolves.toContain('8:00–12:00');
    await expect(row.textContent()).resolves.toContain('Wizyta w placówce');

    await row.getByTestId('alert-cancel').click();
    await byTestId('alert-cancelled').waitFor();
    await expect((await readyRows(suite.page, 'alerts-list', 'alert-row')).count()).resolves.toBe(0);
    await byTestId('alerts-empty').waitFor();
    expect((await watcher.client.get('/api/slot-alerts')).body).toEqual([]);
  });

  it('offers "Zarezerwuj" and "Przenieś wizytę" on a notice of an earlier free slot, in a panel over the page', async () => {
    // The watcher has a later visit; somebody else holds the soonest slot and then lets it go.
    const slots = await freeSlots();
    const soonest = slots[0]!;
    const later = slots[5]!;
    const mine = await watcher.client.post('/api/appointments', { slotId: later.id });
    expect(mine.status).toBe(201);
    const { client: holder } = await newPatient(suite.stack.baseUrl);
    const held = await holder.post('/api/appointments', { slotId: soonest.id });
    expect(held.status).toBe(201);
    expect(
      (await watcher.client.post('/api/slot-alerts', { serviceId: service.id, channel: 'in_person', until })).status,
    ).toBe(201);

    const stream = suite.page.waitForRequest((request) => request.url().endsWith('/api/notifications/stream'));
    await suite.page.goto(`${suite.stack.baseUrl}/`);
    await stream;
    await readyRows(suite.page, 'upcoming-list', 'appointment-row');
    expect((await holder.post(`/api/appointments/${held.body.id}/cancel`)).status).toBe(200);
    // Pushed over the stream; should the push have raced the stream's start, a reload lists it.
    const deadline = Date.now() + 10_000;
    while (!(await byTestId('notifications-count').isVisible())) {
      if (Date.now() > deadline) throw new Error('the notice never reached the bell');
      await byTestId('notifications-count')
        .waitFor({ timeout: 2000 })
        .catch(() => suite.page.reload());
    }

    const mainBefore = await suite.page.locator('main').boundingBox();
    await byTestId('notifications-bell').click();
    const panel = byTestId('notifications-panel');
    await panel.waitFor();
    expect(await suite.page.locator('main').boundingBox()).toEqual(mainBefore);
    const style = await panel.evaluate((element) => {
      const map = (
        element as unknown as { computedStyleMap(): Map<string, { toString(): string }> }
      ).computedStyleMap();
      return { position: map.get('position')?.toString(), shadow: map.get('box-shadow')?.toString() };
    });
    expect(style.position).toMatch(/^(fixed|absolute)$/);
    expect(style.shadow).not.toBe('none');

    const notice = panel.getByTestId('notification-item').first();
    await expect(notice.getAttribute('data-kind')).resolves.toBe('slot_available');
    await notice.getByTestId('notice-move').waitFor();

    // "Zarezerwuj" opens the confirmation of exactly that slot.
    await notice.getByTestId('notice-book').click();
    await suite.page.waitForURL(/\/book\?/);
    await byTestId('booking-panel').waitFor();
    await expect(byTestId('booking-panel').locator('time').getAttribute('datetime')).resolves.toBe(soonest.startsAt);
    await expect(byTestId('move-banner').count()).resolves.toBe(0);

    // "Przenieś wizytę" moves the later visit there.
    await byTestId('notifications-bell').click();
    await byTestId('notifications-panel').getByTestId('notice-move').first().click();
    await suite.page.waitForURL(/move=/);
    await byTestId('move-banner').waitFor();
    await byTestId('booking-panel').waitFor();
    await byTestId('booking-confirm').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/?moved=1`);
    const upcoming = (await watcher.client.get('/api/appointments?scope=upcoming')).body as Array<{
      slot: { id: string };
    }>;
    expect(upcoming.map((visit) => visit.slot.id)).toEqual([soonest.id]);
  }, 40_000);
});
