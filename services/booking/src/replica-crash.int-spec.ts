import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type AppointmentView } from '@pacjent/contracts';
import { type BusClient, FixedClock } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { BookingDefinition } from './app';
import { CatalogRepository } from './catalog/catalog.repository';
import { SlotsRepository } from './slots/slots.repository';
import { BookingFactory, DAY, HOUR } from './testing/booking-test-kit';

/**
 * kill -9 of one booking replica with bookings in flight on it. The victim is
 * a real process (the built service, as `npm start` runs it) so its death is
 * a real one: its NATS connection and PostgreSQL connections end without a
 * drain, its transactions roll back. The survivor runs in this process.
 * Bookings are held inside their transactions by a lock on the slots table,
 * so the victim provably has bookings in flight when it dies; NATS spreads a
 * queue group's messages at random, so bookings are sent one by one until it
 * holds some. A client retries a failed booking with its Idempotency-Key.
 */
const VICTIM_MAIN = join(__dirname, '..', 'dist', 'main.js');
const VICTIM_APP = 'booking-victim';
const MOST_BOOKINGS = 24;

describe('kill -9 of a booking replica with bookings in flight', () => {
  let db: TestDatabase;
  let survivor: INestMicroservice;
  let victim: ChildProcess;
  let bus: BusClient;
  let factory: BookingFactory;
  let blocker: Client;
  let observer: Client;

  beforeAll(async () => {
    if (!existsSync(VICTIM_MAIN)) throw new Error(`${VICTIM_MAIN} is missing: build first (npm run build)`);
    db = await createTestDatabase();
    process.env.DATABASE_POOL_SIZE = String(MOST_BOOKINGS + 2);
    // The real clock: the victim process runs with it too.
    survivor = await startTestService(BookingDefinition);
    delete process.env.DATABASE_POOL_SIZE;
    factory = new BookingFactory(
      survivor.get(CatalogRepository),
      survivor.get(SlotsRepository),
      new FixedClock(new Date()),
    );
    victim = await startVictim(db.url);
    bus = await testBusClient(5000);
    blocker = new Client({ connectionString: db.url });
    observer = new Client({ connectionString: db.url });
    await Promise.all([blocker.connect(), observer.connect()]);
  });

  afterAll(async () => {
    if (victim && victim.exitCode === null && victim.signalCode === null) victim.kill('SIGKILL');
    await blocker?.end();
    await observer?.end();
    await bus?.onApplicationShutdown();
    await survivor?.close();
    await db?.drop();
  });

  async function waitUntil(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Transactions waiting on the lock, by whether they are the victim's. */
  async function waiting(): Promise<{ victim: number; all: number }> {
    const { rows } = await observer.query<{ victim: number; all: number }>(
      `SELECT count(*) FILTER (WHERE application_name = $1)::int AS victim, count(*)::int AS all
         FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      [VICTIM_APP],
    );
    return rows[0]!;
  }

  interface Attempt {
    key: string;
    patient: ReturnType<typeof newActor>;
    slotId: string;
  }
  const book = ({ key, patient, slotId }: Attempt) =>
    bus
      .request<AppointmentView>(Subjects.booking.createAppointment, {
        actor: patient,
        data: { slotId },
        idempotencyKey: key,
      })
      .then(
        (appointment) => ({ ok: true as const, appointment }),
        (error: { code?: string }) => ({ ok: false as const, code: error.code }),
      );
  const RETRIABLE = [ErrorCode.SERVICE_TIMEOUT, ErrorCode.SERVICE_UNAVAILABLE];
  /** What a client does: retries a retriable failure with the same key. */
  async function bookWithRetries(attempt: Attempt, first: Awaited<ReturnType<typeof book>>) {
    let outcome = first;
    for (let retry = 0; !outcome.ok && retry < 5; retry++) {
      expect(RETRIABLE).toContain(outcome.code);
      outcome = await book(attempt);
    }
    return outcome;
  }

  it('fails only its in-flight bookings, retriably; retried keys end with exactly one booking each', async () => {
    const doctor = await factory.newDoctor();
    const service = await factory.newService();
    const facility = await factory.newFacility();
    const start = Date.now() + 2 * DAY;
    const attempts: Attempt[] = [];
    for (let i = 0; i < MOST_BOOKINGS + 8; i++) {
      const slot = await factory.newSlot({ doctor, service, facility, startsAt: new Date(start + i * HOUR) });
      attempts.push({ key: randomUUID(), patient: newActor({ level: 'full' }), slotId: slot.id });
    }

    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE booking.slots IN ACCESS EXCLUSIVE MODE');
    const first: Array<ReturnType<typeof book>> = [];
    while (first.length < 4 || (await waiting()).victim === 0) {
      if (first.length === MOST_BOOKINGS) throw new Error(`all ${MOST_BOOKINGS} bookings went to the survivor`);
      first.push(book(attempts[first.length]!));
      await waitUntil('the booking waits on the lock', async () => (await waiting()).all === first.length);
    }
    const inFlightOnVictim = (await waiting()).victim;

    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));
    await blocker.query('COMMIT');

    const firstOutcomes = await Promise.all(first);
    const failed = firstOutcomes.filter((outcome) => !outcome.ok);
    // The victim's bookings got no answer; nothing else failed, and nothing failed with a code a client must not retry.
    expect(failed.length).toBeGreaterThanOrEqual(inFlightOnVictim);
    expect(failed.every((outcome) => RETRIABLE.includes(outcome.code as (typeof RETRIABLE)[number]))).toBe(true);

    const finals = await Promise.all(first.map((_, i) => bookWithRetries(attempts[i]!, firstOutcomes[i]!)));
    // The survivor carries the bookings sent after the death.
    const after = attempts.slice(first.length, first.length + 8);
    const afterOutcomes = await Promise.all(after.map((attempt) => book(attempt)));
    const sent = [...attempts.slice(0, first.length), ...after];
    const answers = [...finals, ...afterOutcomes];
    expect(answers.filter((outcome) => !outcome.ok)).toEqual([]);

    // The data itself: one booking per key (patient), each the one answered, no slot booked twice.
    const { rows } = await observer.query<{ id: string; patient_id: string; slot_id: string }>(
      `SELECT id, patient_id, slot_id FROM booking.appointments WHERE status = 'booked'`,
    );
    expect(rows).toHaveLength(sent.length);
    const answeredIds = answers.map((outcome) => (outcome.ok ? outcome.appointment.id : null));
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(answeredIds));
    expect(new Set(rows.map((row) => row.patient_id))).toEqual(new Set(sent.map((attempt) => attempt.patient.id)));
    expect(new Set(rows.map((row) => row.slot_id)).size).toBe(rows.length);
    // A repeat of any key replays its booking instead of making another.
    const repeat = await book(sent[0]!);
    expect(repeat).toEqual({ ok: true, appointment: expect.objectContaining({ id: answeredIds[0] }) });
    expect((await observer.query(`SELECT 1 FROM booking.appointments`)).rowCount).toBe(sent.length);
  });
});

/** The built booking service as its own process on this test's database and bus prefix, once it is ready. */
async function startVictim(databaseUrl: string): Promise<ChildProcess> {
  const healthPort = await freePort();
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', VICTIM_APP);
  let output = '';
  const child = spawn(process.execPath, [VICTIM_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      DATABASE_POOL_SIZE: String(MOST_BOOKINGS + 2),
      HEALTH_PORT: String(healthPort),
      INSTANCE_ID: 'victim',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the victim replica exited at start: ${output}`);
    const ready = await fetch(`http://127.0.0.1:${healthPort}/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the victim replica was not ready in 20 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
