import { ErrorCode, Subjects, type AppointmentView } from '@pacjent/contracts';
import { DrainingNatsServer } from '@pacjent/platform';
import { newActor, startPrivateNats, type PrivateNats } from '@pacjent/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { BOOKING_EVENTS_STREAM, EventRelay } from './events/event-relay.service';
import { startBooking, type BookingTestKit } from './testing/booking-test-kit';

/**
 * NATS restarting under a running booking replica: a nats-server of this
 * test's own (JetStream on disk) is killed and started again on the same
 * port and storage. Requests fail fast while it is down; the replica, the
 * caller and the outbox relay reconnect by themselves; events committed
 * before, during and after the outage are each in the stream exactly once.
 */
describe('a booking replica while NATS restarts', () => {
  let nats: PrivateNats;
  let kit: BookingTestKit;
  let relay: EventRelay;

  beforeAll(async () => {
    nats = await startPrivateNats();
    const saved = process.env.NATS_URL;
    process.env.NATS_URL = nats.url;
    try {
      kit = await startBooking();
    } finally {
      process.env.NATS_URL = saved;
    }
    relay = kit.service.get(EventRelay);
  });
  afterAll(async () => {
    await kit?.close();
    await nats?.close();
  });

  async function until(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const book = (slotId: string) =>
    kit.request<AppointmentView>(Subjects.booking.createAppointment, newActor({ level: 'full' }), { slotId });
  /** An event committed with a change, as booking's handlers record them. */
  const commitEvent = (marker: string) =>
    kit.dataSource.transaction((tx) => relay.record(tx, Subjects.booking.notificationEvent, [{ marker }]));
  const unpublished = async () =>
    (
      (await kit.dataSource.query(`SELECT count(*)::int AS n FROM booking.outbox WHERE published_at IS NULL`)) as [
        { n: number },
      ]
    )[0].n;
  async function markersInStream(): Promise<string[]> {
    const connection: NatsConnection = await connect({ servers: nats.url });
    try {
      const consumer = await connection.jetstream().consumers.get(BOOKING_EVENTS_STREAM);
      const { num_pending: pending } = await consumer.info();
      const markers: string[] = [];
      const messages = await consumer.fetch({ max_messages: pending + 10, expires: 2000 });
      const codec = JSONCodec<{ marker: string }>();
      for await (const message of messages) {
        markers.push(codec.decode(message.data).marker);
        if (markers.length === pending) break;
      }
      return markers;
    } finally {
      await connection.close();
    }
  }

  it('fails fast while NATS is down, reconnects by itself and loses no committed event', async () => {
    const server = DrainingNatsServer.of(kit.service.unwrap<NatsConnection>())!;
    const [before, after] = [await kit.factory.newSlot(), await kit.factory.newSlot()];
    await commitEvent('before');
    await relay.flush();
    expect(await unpublished()).toBe(0);
    await expect(book(before.id)).resolves.toMatchObject({ status: 'booked' });

    await nats.stop('SIGKILL');
    await until('the caller notices', () => !kit.bus.connected);
    await expect(book(after.id)).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    await commitEvent('during');
    expect(await unpublished()).toBe(1);

    await nats.start();
    await until('the replica and the caller reconnect', () => server.connected && kit.bus.connected);
    await expect(book(after.id)).resolves.toMatchObject({ status: 'booked' });
    await commitEvent('after');
    await until('the outbox is published', async () => (await relay.flush()) >= 0 && (await unpublished()) === 0);

    expect((await markersInStream()).sort()).toEqual(['after', 'before', 'during']);
  });
});
