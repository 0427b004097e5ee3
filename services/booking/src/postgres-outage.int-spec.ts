import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type AppointmentView, type SlotView } from '@pacjent/contracts';
import { type BusClient, Clock, FixedClock, startServiceProbes, type ProbeServer } from '@pacjent/platform';
import {
  createTestDatabase,
  newActor,
  PostgresRelay,
  startTestService,
  testBusClient,
  type TestDatabase,
} from '@pacjent/testing';
import { BookingDefinition } from './app';
import { CatalogRepository } from './catalog/catalog.repository';
import { SlotsRepository } from './slots/slots.repository';
import { BookingFactory, TEST_NOW } from './testing/booking-test-kit';

/**
 * PostgreSQL restarting under a running booking replica, as the replica sees
 * it: a TCP relay in front of the machine's PostgreSQL is cut (every
 * connection of the pool dropped, new ones refused) and opened again. The
 * machine's PostgreSQL itself is shared and must not be restarted.
 */
describe('a booking replica while PostgreSQL restarts', () => {
  let db: TestDatabase;
  let relay: PostgresRelay;
  let service: INestMicroservice;
  let probes: ProbeServer;
  let bus: BusClient;
  let factory: BookingFactory;
  const clock = new FixedClock(TEST_NOW);

  beforeAll(async () => {
    db = await createTestDatabase();
    relay = new PostgresRelay(db.url);
    await relay.open();
    process.env.DATABASE_URL = relay.url;
    service = await startTestService(BookingDefinition, [{ provide: Clock, useValue: clock }]);
    process.env.DATABASE_URL = db.url;
    probes = await startServiceProbes(service, 0, '127.0.0.1');
    bus = await testBusClient(3000);
    factory = new BookingFactory(service.get(CatalogRepository), service.get(SlotsRepository), clock);
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await probes.close();
    await relay.open();
    await service.close();
    await relay.cut();
    await db.drop();
  });

  const search = (serviceId: string) =>
    bus.request<SlotView[]>(Subjects.booking.searchSlots, { actor: null, data: { serviceId } });
  const book = (slotId: string) =>
    bus.request<AppointmentView>(Subjects.booking.createAppointment, {
      actor: newActor({ level: 'full' }),
      data: { slotId },
    });
  const ready = async () => {
    const response = await fetch(`http://127.0.0.1:${probes.port}/ready`);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  async function until<T>(what: string, attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await attempt();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}: last ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const outcome = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ ok: true as const, value }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );

  it('answers 503 SERVICE_UNAVAILABLE while PostgreSQL is down and serves again after, without a restart', async () => {
    const before = await factory.newSlot();
    const after = await factory.newSlot();
    expect(await search(before.serviceId)).toHaveLength(1);
    expect((await ready()).status).toBe(200);

    await relay.cut();
    // Every request while it is down: the same retriable code, never INTERNAL, never a hang until the bus timeout.
    const whileDown = await Promise.all([outcome(search(before.serviceId)), outcome(book(before.id))]);
    expect(whileDown).toEqual([
      { ok: false, code: ErrorCode.SERVICE_UNAVAILABLE },
      { ok: false, code: ErrorCode.SERVICE_UNAVAILABLE },
    ]);
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', failing: ['postgres'] } });

    await relay.open();
    // The pool opens new connections by itself.
    await until(
      'searches answer again',
      () => outcome(search(after.serviceId)),
      (answer) => answer.ok,
    );
    const booked = await book(after.id);
    expect(booked).toMatchObject({ status: 'booked', slot: expect.objectContaining({ id: after.id }) });
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', failing: [] } });
    // The booking refused during the outage left nothing behind; the slot is still free to book.
    await expect(book(before.id)).resolves.toMatchObject({ status: 'booked' });
  });
});
