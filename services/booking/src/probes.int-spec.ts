import type { INestMicroservice } from '@nestjs/common';
import { Clock, startServiceProbes, type ProbeServer } from '@pacjent/platform';
import { NatsRelay, startTestService } from '@pacjent/testing';
import { BookingDefinition } from './app';
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

  it('is not ready while NATS is unreachable, and ready again once it is back', async () => {
    const relay = new NatsRelay();
    await relay.open();
    const saved = process.env.NATS_URL;
    process.env.NATS_URL = relay.url;
    let replica: INestMicroservice;
    try {
      replica = await startTestService(BookingDefinition, [{ provide: Clock, useValue: kit.clock }]);
    } finally {
      if (saved === undefined) delete process.env.NATS_URL;
      else process.env.NATS_URL = saved;
    }
    const replicaProbes = await startServiceProbes(replica, 0, '127.0.0.1');
    const ready = async () => {
      const response = await fetch(`http://127.0.0.1:${replicaProbes.port}/ready`);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const waitFor = async (status: number) => {
      const deadline = Date.now() + 10_000;
      let answer = await ready();
      while (answer.status !== status && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer = await ready();
      }
      return answer;
    };
    try {
      expect((await ready()).status).toBe(200);
      await relay.cut();
      expect(await waitFor(503)).toEqual({ status: 503, body: { status: 'unavailable', failing: ['nats'] } });
      await relay.open();
      expect(await waitFor(200)).toEqual({ status: 200, body: { status: 'ok', failing: [] } });
    } finally {
      await replicaProbes.close();
      await replica.close();
      await relay.cut();
    }
  });
});
