import { healthSubject } from '@pacjent/contracts';
import { busSubject, Metrics, startProbeServer } from '@pacjent/platform';
import { connect, type NatsConnection } from 'nats';
import { ApiClient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

describe('health: the public summary and the gateway probes', () => {
  let stack: Stack;
  let api: ApiClient;
  let spy: NatsConnection;
  let asked = 0;

  beforeAll(async () => {
    stack = await startStack({ demoData: false });
    api = new ApiClient(stack.baseUrl);
    // Outside booking's queue group: sees a copy of every health request sent to booking.
    spy = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    spy.subscribe(busSubject(healthSubject('booking')), { callback: () => (asked += 1) });
    await spy.flush();
  });
  afterAll(async () => {
    await spy?.close();
    await stack?.close();
  });

  it('asks the services at most once a second, however many callers ask', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, () => api.get('/api/health')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    expect(answers[0]!.body).toEqual({
      status: 'ok',
      services: { identity: 'ok', booking: 'ok', files: 'ok', prescriptions: 'ok', consultations: 'ok' },
    });
    await spy.flush();
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(seconds + 1);
    // A later fan-out happens once the cached answer is a second old.
    const fanOuts = asked;
    const deadline = Date.now() + 5000;
    while (asked === fanOuts && Date.now() < deadline) {
      expect((await api.get('/api/health')).status).toBe(200);
      await spy.flush();
    }
    expect(asked).toBe(fanOuts + 1);
  });

  it('is live and ready: local answers that ask no service', async () => {
    const before = asked;
    expect(await api.get('/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api.get('/api/health/ready')).toMatchObject({ status: 200, body: { status: 'ok', failing: [] } });
    await spy.flush();
    expect(asked).toBe(before);
  });

  it("exposes the gateway's HTTP latency by route pattern and status on its metrics listener", async () => {
    await api.get('/api/health/live');
    await api.get('/api/health/live');
    await api.get('/api/slots/not-a-uuid/anything');
    const metrics = stack.gateway.get(Metrics);
    const probes = await startProbeServer(0, '127.0.0.1', {
      ready: () => Promise.resolve({ ready: true, failing: [] }),
      metrics: () => metrics.render(),
    });
    try {
      const text = await (await fetch(`http://127.0.0.1:${probes.port}/metrics`)).text();
      const live = text
        .split('\n')
        .find(
          (line) =>
            line.startsWith('pacjent_http_request_duration_seconds_count{') &&
            line.includes('route="/api/health/live"') &&
            line.includes('status="200"') &&
            line.includes('method="GET"') &&
            line.includes('service="gateway"'),
        );
      expect(Number(live?.split(' ')[1])).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/^pacjent_http_request_duration_seconds_count\{[^}]*status="404"[^}]*\} \d+$/m);
      // Route patterns, never raw URLs (ids would explode the series).
      expect(text).not.toContain('not-a-uuid');
      expect(text).toMatch(/^process_resident_memory_bytes\{service="gateway"\} \d+/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="gateway"\} /m);
      // The gateway reads booking's events: nothing left unread once it is idle.
      expect(text).toMatch(
        /^pacjent_jetstream_consumer_pending_messages\{[^}]*stream="[^"]+"[^}]*consumer="gateway-notifications"[^}]*\} 0$/m,
      );
    } finally {
      await probes.close();
    }
  });

  it('names a service that stopped answering, with 503, within seconds', async () => {
    await stack.services[4]!.close(); // consultations
    const deadline = Date.now() + 10_000;
    let answer = await api.get('/api/health');
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await api.get('/api/health');
    }
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'degraded',
      services: { identity: 'ok', booking: 'ok', files: 'ok', prescriptions: 'ok', consultations: 'unavailable' },
    });
  });
});
