import { browserSuite } from '../support/browser';
import { ApiClient, newPatient } from '../support/http';

interface Slot {
  id: string;
  startsAt: string;
  channel: string;
  doctor: { id: string; name: string };
  facility: { city: string } | null;
}

/** "Umów usługę" reads like LUX MED's: by day, then doctor, times as buttons, a true count and more on demand. */
describe('searching free slots in the browser', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 1366, height: 900 }, timeoutMs: 10_000 });
  const { byTestId } = suite;
  let service: { id: string; name: string; channels: string[] };

  beforeAll(async () => {
    const services = (await new ApiClient(suite.stack.baseUrl).get('/api/catalog/services?kind=consultation'))
      .body as Array<{ id: string; name: string; basicAllowed: boolean; channels: string[] }>;
    const found = services.find(
      (s) => s.basicAllowed && ['in_person', 'phone'].every((channel) => s.channels.includes(channel)),
    );
    if (!found) throw new Error('the demo catalog has no consultation offered in person and by phone');
    service = found;
    const { email, password } = await newPatient(suite.stack.baseUrl);
    await suite.page.goto(`${suite.stack.baseUrl}/login?next=%2Fbook`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/book`);
  });

  /** Every free slot the API has for the search (paging through it with limit/offset). */
  async function allSlots(query: string): Promise<Slot[]> {
    const client = new ApiClient(suite.stack.baseUrl);
    const all: Slot[] = [];
    for (;;) {
      const page = (await client.get(`/api/slots?${query}&limit=200&offset=${all.length}`)).body as Slot[];
      all.push(...page);
      if (page.length < 200) return all;
    }
  }

  /** The query the page sent for its last search. */
  async function searchAndCapture(): Promise<URLSearchParams> {
    const request = suite.page.waitForRequest((r) => r.url().includes('/api/slots?'));
    await byTestId('search-submit').click();
    const sent = new URL((await request).url()).searchParams;
    await byTestId('slot-count').waitFor();
    return sent;
  }

  it('groups by day and doctor with times as buttons, says "100+" and shows more on demand', async () => {
    await byTestId('search-service').selectOption(service.id);
    await byTestId('search-channel').selectOption('in_person');
    const sent = await searchAndCapture();
    const total = (
      await allSlots(`serviceId=${service.id}&channel=in_person&from=${sent.get('from')}&to=${sent.get('to')}`)
    ).length;
    expect(total).toBeGreaterThan(100);

    await expect(byTestId('slot-count').textContent()).resolves.toContain('100+');
    await expect(byTestId('slot-row').count()).resolves.toBe(100);
    // Within a day each doctor (at one place) appears once, with the times as short buttons.
    const days: string[][] = [];
    for (const day of await byTestId('slot-day').all()) {
      days.push(
        await day
          .getByTestId('slot-doctor')
          .evaluateAll((groups) =>
            groups.map((group) => `${group.getAttribute('data-doctor-id')}|${group.getAttribute('data-channel')}`),
          ),
      );
    }
    expect(days.length).toBeGreaterThan(0);
    for (const doctors of days) expect(new Set(doctors).size).toBe(doctors.length);
    const times = await byTestId('slot-reserve').evaluateAll((buttons) =>
      buttons.map((button) => button.querySelector('time')?.textContent),
    );
    expect(times.every((time) => /^\d{2}:\d{2}$/.test(time ?? ''))).toBe(true);

    await byTestId('slot-more').click();
    // A function, not an expression: the portal's CSP refuses an expression's re-evaluation (docs/testing.md).
    await suite.page.waitForFunction(
      `(count) => document.querySelectorAll('[data-testid="slot-row"]').length === count`,
      Math.min(total, 200),
    );
    const ids = await byTestId('slot-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slot-id')));
    expect(new Set(ids).size).toBe(ids.length);
    if (total <= 200) {
      await expect(byTestId('slot-more').count()).resolves.toBe(0);
      await expect(byTestId('slot-count').textContent()).resolves.toContain(String(total));
    }
  });

  it('filters by doctor', async () => {
    await byTestId('search-service').selectOption(service.id);
    await byTestId('search-doctor').locator('option').nth(1).waitFor({ state: 'attached' });
    const doctorId = await byTestId('search-doctor').locator('option').nth(1).getAttribute('value');
    await byTestId('search-doctor').selectOption(doctorId!);
    const sent = await searchAndCapture();
    expect(sent.get('doctorId')).toBe(doctorId);
    const groups = await byTestId('slot-doctor').evaluateAll((all) => all.map((g) => g.getAttribute('data-doctor-id')));
    expect(groups.length).toBeGreaterThan(0);
    expect(new Set(groups)).toEqual(new Set([doctorId]));
    await byTestId('search-doctor').selectOption('');
  });

  it('ignores the city for phone consultations, in the form and in the API', async () => {
    const cities = await byTestId('search-city')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    const city = cities[0]!;
    await byTestId('search-city').selectOption(city);
    await byTestId('search-channel').selectOption('phone');
    await expect(byTestId('search-city').isDisabled()).resolves.toBe(true);
    const sent = await searchAndCapture();
    expect(sent.has('city')).toBe(false);
    await expect(byTestId('slot-row').count()).resolves.toBeGreaterThan(0);
    const channels = await byTestId('slot-doctor').evaluateAll((all) => all.map((g) => g.getAttribute('data-channel')));
    expect(new Set(channels)).toEqual(new Set(['phone']));

    // The API answers the same for phone with or without a city: it applies only to in-person visits.
    const window = `serviceId=${service.id}&channel=phone&from=${sent.get('from')}&to=${sent.get('to')}`;
    const withCity = await allSlots(`${window}&city=${encodeURIComponent(city)}`);
    const without = await allSlots(window);
    expect(withCity.length).toBeGreaterThan(0);
    expect(withCity.map((s) => s.id)).toEqual(without.map((s) => s.id));
    await byTestId('search-channel').selectOption('');
    await byTestId('search-city').selectOption('');
  });

  it('shows every filter value whole and names the two dates apart in English', async () => {
    await byTestId('search-channel').selectOption('phone');
    await byTestId('search-language').selectOption('uk');
    // A select's chosen text fits in its box (the text's width against the box minus padding and arrow).
    const cut = await suite.page.locator('.search select').evaluateAll((selects) =>
      selects
        .map((element) => {
          const select = element as unknown as {
            id: string;
            clientWidth: number;
            selectedOptions: Array<{ text: string }>;
            ownerDocument: {
              createElement(tag: 'canvas'): {
                getContext(kind: '2d'): { font: string; measureText(t: string): { width: number } };
              };
              defaultView: { getComputedStyle(e: unknown): { font: string } };
            };
          };
          const context = select.ownerDocument.createElement('canvas').getContext('2d');
          context.font = select.ownerDocument.defaultView.getComputedStyle(element).font;
          const text = select.selectedOptions[0]?.text ?? '';
          return { id: select.id, text, fits: context.measureText(text).width <= select.clientWidth - 40 };
        })
        .filter((field) => !field.fits),
    );
    expect(cut).toEqual([]);

    await byTestId('lang-switch').click();
    const label = (id: string) => suite.page.locator(`label[for="${id}"]`).textContent();
    const [from, to, hourFrom, hourTo] = await Promise.all(
      ['search-from', 'search-to', 'search-hour-from', 'search-hour-to'].map(label),
    );
    expect(from).toBe('From date');
    expect(to).toBe('To date');
    expect(new Set([from, to, hourFrom, hourTo]).size).toBe(4);
    await byTestId('lang-switch').click();
  });
});
