import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { browserSuite } from '../support/browser';
import { ApiClient, newPatient, openInPersonConsultation } from '../support/http';

/** The bell keeps up when its stream drops: it reconnects by itself and gets what it missed. */
describe('notifications in the browser after the stream drops', () => {
  const suite = browserSuite({ pagePer: 'suite', viewport: { width: 1280, height: 900 } });
  let serviceId: string;

  beforeAll(async () => {
    serviceId = (await openInPersonConsultation(suite.stack.baseUrl)).id;
  });

  const { byTestId } = suite;
  const until = async (check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check()) && Date.now() < deadline) await suite.page.waitForTimeout(100);
  };

  /** Another patient books the first free slot and cancels it: the watcher's oldest alert is told. */
  async function freeASlot(): Promise<void> {
    const { client: holder } = await newPatient(suite.stack.baseUrl);
    const [slot] = (
      await new ApiClient(suite.stack.baseUrl).get(`/api/slots?serviceId=${serviceId}&channel=in_person&limit=1`)
    ).body as Array<{ id: string }>;
    const booked = await holder.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);
    expect((await holder.post(`/api/appointments/${booked.body.id}/cancel`)).status).toBe(200);
  }

  it('reconnects after a drop with Last-Event-ID and shows the notification created while it was away', async () => {
    const { email, password, client: watcher } = await newPatient(suite.stack.baseUrl);
    for (let alert = 0; alert < 2; alert += 1) {
      await watcher.post('/api/slot-alerts', {
        serviceId,
        until: new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString(),
      });
    }
    const streamHeaders: Array<Record<string, string>> = [];
    suite.page.on('request', (request) => {
      if (request.url().endsWith('/api/notifications/stream')) streamHeaders.push(request.headers());
    });
    // The server side of the page's open streams, to cut them as a gateway restart would.
    const streams = new Set<Socket>();
    const server = suite.stack.gateway.getHttpServer() as Server;
    const track = (request: IncomingMessage) => {
      if (request.url === '/api/notifications/stream') streams.add(request.socket);
    };
    server.on('request', track);
    await suite.page.goto(`${suite.stack.baseUrl}/login`);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await suite.page.waitForURL(`${suite.stack.baseUrl}/`);
    await until(async () => streamHeaders.length > 0, 5000);
    await suite.page.waitForTimeout(300);

    await freeASlot();
    await byTestId('notifications-count').waitFor({ timeout: 5000 });
    await expect(byTestId('notifications-count').textContent()).resolves.toBe('1');
    const [seen] = (await watcher.get('/api/notifications')).body as Array<{ id: string }>;

    // The stream drops (as when the gateway restarts) and cannot come back for a while.
    await suite.page.route('**/api/notifications/stream', (route) => route.abort());
    for (const socket of streams) socket.destroy();
    server.off('request', track);
    await freeASlot();
    await suite.page.waitForTimeout(1500);
    await expect(byTestId('notifications-count').textContent()).resolves.toBe('1');

    // Back: the page resumes after the last one it saw, and the missed one shows without a reload.
    const opened = streamHeaders.length;
    await suite.page.unroute('**/api/notifications/stream');
    await until(async () => (await byTestId('notifications-count').textContent()) === '2', 20_000);
    await expect(byTestId('notifications-count').textContent()).resolves.toBe('2');
    expect(streamHeaders.length).toBeGreaterThan(opened);
    expect(streamHeaders.at(-1)!['last-event-id']).toBe(seen!.id);
    await byTestId('notifications-bell').click();
    await expect(byTestId('notifications-panel').getByTestId('notification-item').count()).resolves.toBe(2);
  }, 45_000);
});
