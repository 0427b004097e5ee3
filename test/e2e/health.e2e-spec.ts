import { healthSubject } from '@pacjent/contracts';
import { busSubject } from '@pacjent/platform';
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
});
