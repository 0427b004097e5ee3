import type { INestMicroservice } from '@nestjs/common';
import { Subjects } from '@pacjent/contracts';
import { Clock, DrainingNatsServer } from '@pacjent/platform';
import { startTestService } from '@pacjent/testing';
import type { NatsConnection } from 'nats';
import { Client } from 'pg';
import { BookingDefinition } from './app';
import { startBooking, type BookingTestKit } from './testing/booking-test-kit';

/**
 * Two booking replicas on one database and bus prefix; one of them is closed
 * the way SIGTERM closes it (app.close()) while requests run. Searches are
 * held inside their handlers by a lock on the slots table, so the closing
 * replica provably has requests in flight. NATS spreads a queue group's
 * messages at random, so searches are sent one by one until both replicas
 * hold some; each replica's pool is larger than anything the test can send.
 */
const MOST_SEARCHES = 24;
describe('graceful drain of a service replica', () => {
  let kit: BookingTestKit;
  let other: INestMicroservice;
  let blocker: Client;
  let observer: Client;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = String(MOST_SEARCHES + 1);
    kit = await startBooking();
    other = await startTestService(BookingDefinition, [{ provide: Clock, useValue: kit.clock }]);
    await kit.factory.newSlot();
    blocker = new Client({ connectionString: process.env.DATABASE_URL });
    observer = new Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([blocker.connect(), observer.connect()]);
  });

  afterAll(async () => {
    await blocker.end();
    await observer.end();
    await other.close();
    await kit.close();
    delete process.env.DATABASE_POOL_SIZE;
  });

  const search = () =>
    kit.request<unknown[]>(Subjects.booking.searchSlots, null, {}).then(
      (found) => ({ ok: true as const, found: found.length }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );

  async function waitUntil(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const waitingOnLock = async () => {
    const result = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return result.rows[0]!.n;
  };

  it('answers every request: the closing replica finishes its own, the other takes the new ones', async () => {
    const closing = DrainingNatsServer.of(kit.service.unwrap<NatsConnection>())!;
    const staying = DrainingNatsServer.of(other.unwrap<NatsConnection>())!;
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE booking.slots IN ACCESS EXCLUSIVE MODE');

    // Fewer than one pool's connections per replica: every request is waiting inside PostgreSQL.
    const first: ReturnType<typeof search>[] = [];
    while (first.length < 8 || closing.inFlight === 0 || staying.inFlight === 0) {
      if (first.length === MOST_SEARCHES) throw new Error(`all ${MOST_SEARCHES} searches went to one replica`);
      first.push(search());
      await waitUntil('the search is held', () => closing.inFlight + staying.inFlight === first.length);
    }
    await waitUntil(`all ${first.length} wait on the lock`, async () => (await waitingOnLock()) === first.length);
    const inFlightAtClose = closing.inFlight;

    let closed = false;
    const close = kit.service.close().then(() => {
      closed = true;
    });
    await waitUntil('the closing replica stops taking messages', () => !closing.accepting);
    // Requests sent during the drain go to the replica that stays.
    const during = Array.from({ length: 8 }, search);
    await waitUntil('the new requests wait in the staying replica', () => staying.inFlight === first.length - inFlightAtClose + 8);
    expect(closed).toBe(false);
    expect(closing.inFlight).toBe(inFlightAtClose);

    await blocker.query('COMMIT');
    const outcomes = await Promise.all([...first, ...during]);
    await close;

    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(outcomes.every((outcome) => outcome.ok && outcome.found === 1)).toBe(true);
    expect(closing.inFlight).toBe(0);
    expect(closed).toBe(true);
  });
});
