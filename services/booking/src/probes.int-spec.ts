import { startServiceProbes, type ProbeServer } from '@pacjent/platform';
import { startBooking, type BookingTestKit } from './testing/booking-test-kit';

describe("a service's liveness and readiness probes", () => {
  let kit: BookingTestKit;
  let probes: ProbeServer;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${probes.port}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    kit = await startBooking();
    probes = await startServiceProbes(kit.service, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await probes.close();
    await kit.close();
  });

  it('is live and ready while connected to NATS and PostgreSQL', async () => {
    expect(await get('/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/ready')).toEqual({ status: 200, body: { status: 'ok', failing: [] } });
    expect((await get('/nothing')).status).toBe(404);
  });

  it('is no longer ready once it drains, and says why', async () => {
    await kit.service.close();
    const ready = await get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', failing: expect.arrayContaining(['draining']) });
    expect((await get('/live')).status).toBe(200);
  });
});
