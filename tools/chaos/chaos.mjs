/**
 * npm run chaos — faults injected one at a time under a steady mixed load,
 * each followed by a check of the data itself (issue 15).
 *
 * Builds (unless SKIP_BUILD=1), recreates its own database (CHAOS_DATABASE_URL,
 * default postgres://…/pacjent_chaos), starts its own nats-server, a relay in
 * front of PostgreSQL, a local S3, two replicas of every service and two
 * gateways from dist/ (tools/chaos/stack.mjs), seeds slots, registers
 * patients, then runs the scenarios and prints one table row each.
 *
 * Env: CHAOS_PORT (3400; uses 3400–3430), CHAOS_DATABASE_URL, BOOKINGS_PER_S (40), SEARCHES_PER_S
 * (20), UPLOADS_PER_S (0.5), CANCEL_SHARE (0.2), SCENARIOS (comma-separated
 * subset of kill-booking,rolling,kill-gateway,nats,postgres,s3; nats-cluster in a run of its own), SKIP_BUILD.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { jsonClient, log, percentilesOf, ROOT } from '../bench/harness.mjs';
import { adminDatabaseUrl } from '../lib/preflight.mjs';
import { checkBookings, checkFiles, checkOutbox } from './checks.mjs';
import { createLoad } from './load.mjs';
import { startChat } from './chat.mjs';
import { checkStreams, openStream } from './streams.mjs';
import { natsClusterFaults, startNatsCluster } from './nats-cluster.mjs';
import { SERVICES, startChaosStack } from './stack.mjs';

const env = process.env;
const DATABASE_URL = env.CHAOS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent_chaos';
const BASE_PORT = Number(env.CHAOS_PORT ?? 3400);
const RATES = {
  bookings: Number(env.BOOKINGS_PER_S ?? 40),
  searches: Number(env.SEARCHES_PER_S ?? 20),
  uploads: Number(env.UPLOADS_PER_S ?? 0.5),
  cancelShare: Number(env.CANCEL_SHARE ?? 0.2),
};
const SCENARIOS = (env.SCENARIOS ?? 'kill-booking,rolling,kill-gateway,nats,postgres,s3').split(',');
/** Patients with a notification stream open through the front during kill-gateway. */
const WATCHERS = 4;
const PATIENTS = 30;
const DAYS = 60;
/** Seconds of load before the fault, and after the service is back. */
const BEFORE_S = 5;
const AFTER_S = 10;

async function recreateDatabase() {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminDatabaseUrl(DATABASE_URL) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

/** One service, one facility and one doctor per patient (a patient's visits never overlap), 42 slots a day. */
async function seed(db) {
  const [{ id: facilityId }] = (
    await db.query(
      `INSERT INTO booking.facilities (name, city, address, opening_hours) VALUES ('Chaos', 'Warszawa', 'ul. Testowa 1', 'pon.–pt.') RETURNING id`,
    )
  ).rows;
  const [{ id: serviceId }] = (
    await db.query(
      `INSERT INTO booking.services (name, kind, specialty, channels, basic_allowed, requires_referral)
       VALUES ('Chaos konsultacja', 'consultation', 'Chaos', ARRAY['in_person'], true, false) RETURNING id`,
    )
  ).rows;
  const doctors = [];
  for (let i = 0; i < PATIENTS; i++) {
    const [{ id }] = (
      await db.query(
        `INSERT INTO booking.doctors (name, specialties, languages) VALUES ($1, ARRAY['Chaos'], ARRAY['pl']) RETURNING id`,
        [`lek. Chaos ${i}`],
      )
    ).rows;
    await db.query(`INSERT INTO booking.doctor_services (doctor_id, service_id) VALUES ($1, $2)`, [id, serviceId]);
    doctors.push(id);
  }
  await db.query(
    `INSERT INTO booking.slots (service_id, doctor_id, facility_id, channel, starts_at, ends_at)
     SELECT $1, d, $2, 'in_person', t, t + interval '15 minutes'
       FROM unnest($3::uuid[]) AS d
       CROSS JOIN generate_series(1, $4) AS day
       CROSS JOIN LATERAL generate_series(((current_date + day) + time '07:00') AT TIME ZONE 'Europe/Warsaw',
                                          ((current_date + day) + time '17:15') AT TIME ZONE 'Europe/Warsaw',
                                          interval '15 minutes') AS t`,
    [serviceId, facilityId, doctors, DAYS],
  );
  const { rows } = await db.query(`SELECT id, doctor_id FROM booking.slots ORDER BY starts_at DESC`);
  const slots = rows.map((row) => ({ id: row.id, patientIndex: doctors.indexOf(row.doctor_id) }));
  return { serviceId, slots };
}

async function registerPatients(db, baseUrl, count = PATIENTS) {
  const json = jsonClient(baseUrl);
  const patients = [];
  for (let i = 0; i < count; i++) {
    const email = `chaos.${Date.now()}.${i}.${randomUUID().slice(0, 6)}@example.test`;
    const password = 'Chaos-haslo-2026';
    const registered = await json('POST', '/api/auth/register', {
      email,
      password,
      firstName: 'Chaos',
      lastName: 'Pacjent',
      acceptTerms: true,
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
    await db.query(`UPDATE identity.accounts SET level = 'full' WHERE id = $1`, [registered.body.id]);
    const login = await json('POST', '/api/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    patients.push({ id: registered.body.id, email, password, token: login.body.accessToken, files: 0 });
  }
  return patients;
}

/** Notes, without waiting longer, a process that is not back in RESTART_WAIT_S (see docs/operations.md). */
const RESTART_WAIT_S = Number(env.RESTART_WAIT_S ?? 45);
const notBack = [];
function backWithin(started, name = 'booking-1') {
  let back = false;
  const since = Date.now();
  const waited = started.then(() => {
    back = true;
    log(`  ${name} ready again ${((Date.now() - since) / 1000).toFixed(1)} s after its start`);
  });
  return Promise.race([
    waited,
    sleep(RESTART_WAIT_S * 1000).then(() => {
      if (back) return;
      notBack.push(name);
      log(`  ! ${name} not back within ${RESTART_WAIT_S} s`);
    }),
  ]).catch((error) => log(`  ! ${error.message}`));
}

/** The faults: each resolves when what it broke is back (and ready). */
function faults(stack) {
  const entry = (name) => stack.processes.get(name);
  return {
    'kill-booking': {
      title: 'kill -9 one booking replica',
      async inject() {
        await entry('booking-1').stop('SIGKILL');
        // The survivor alone for AFTER_S, then the replica comes back (as an orchestrator would restart it).
        await sleep(AFTER_S * 1000);
        await backWithin(entry('booking-1').start());
      },
    },
    rolling: {
      title: 'rolling SIGTERM restart, every process',
      async inject() {
        const began = Date.now();
        const at = () => `+${((Date.now() - began) / 1000).toFixed(1)} s`;
        for (const name of [...SERVICES, 'gateway'].flatMap((service) => [`${service}-1`, `${service}-2`])) {
          log(`  ${at()} SIGTERM ${name}`);
          const code = await entry(name).stop('SIGTERM');
          // Nest's shutdown hooks (the gateway's) close the app and then raise the signal again: 'SIGTERM' is a drained exit too.
          if (code !== 0 && code !== 'SIGTERM') log(`  ! ${name} exited ${code} on SIGTERM`);
          log(`  ${at()} ${name} exited, starting`);
          await entry(name).start();
          log(`  ${at()} ${name} ready`);
        }
      },
    },
    'kill-gateway': {
      title: 'kill -9 one gateway with open notification streams',
      /**
       * Before the load: each watcher's stream opened through the front, and
       * earlier-slot alerts for the service made in turns across the watchers,
       * so the load's cancellations notify them one after another.
       */
      async prepare({ watchers, serviceId, db }) {
        this.db = db;
        const json = jsonClient(stack.frontUrl);
        const until = new Date(Date.now() + (DAYS + 2) * 24 * 3600_000).toISOString();
        for (let round = 0; round < 40; round++) {
          for (const watcher of watchers.slice(1)) {
            const made = await json('POST', '/api/slot-alerts', { serviceId, until }, watcher.token);
            if (made.status !== 201) throw new Error(`slot alert: ${made.status} ${JSON.stringify(made.body)}`);
          }
        }
        const [doctor, ...patients] = watchers;
        this.chat = await startChat({
          db: this.db,
          gatewayUrl: stack.gatewayUrls[1],
          frontUrl: stack.frontUrl,
          doctor,
          patient: patients[0],
        });
        const since = new Date();
        this.streams = patients.map((watcher) => ({
          patientId: watcher.id,
          since,
          stream: openStream(stack.frontUrl, watcher.token),
        }));
      },
      async inject() {
        // Every stream has had a notification (so it reconnects with Last-Event-ID), then gateway 1 dies.
        const began = Date.now();
        const deadline = began + 30_000;
        while (this.streams.some(({ stream }) => stream.state.received.length === 0) && Date.now() < deadline) {
          await sleep(200);
        }
        log(`  +${((Date.now() - began) / 1000).toFixed(1)} s SIGKILL gateway-1 (every stream has had a notification)`);
        await entry('gateway-1').stop('SIGKILL');
        await sleep(AFTER_S * 1000);
        await backWithin(entry('gateway-1').start(), 'gateway-1');
      },
      async check(db) {
        // Deliveries lag the commit by the outbox relay and JetStream: wait until nothing more arrives.
        let delivered = -1;
        for (let i = 0; i < 20; i++) {
          const now = this.streams.reduce((sum, { stream }) => sum + stream.state.received.length, 0);
          if (now === delivered) break;
          delivered = now;
          await sleep(1000);
        }
        await this.chat.stop();
        const result = { ...(await checkStreams(db, this.streams)), chat: await this.chat.check() };
        await Promise.all(this.streams.map(({ stream }) => stream.close()));
        log(`  chat: ${JSON.stringify(result.chat)}`);
        return { streams: result };
      },
    },
    nats: {
      title: 'NATS restart (down 5 s)',
      async inject() {
        await stack.nats.stop('SIGTERM');
        await sleep(5000);
        await stack.nats.start();
        await backWithin(
          Promise.all([...stack.processes.values()].map((process) => stack.waitReady(process))),
          'every process',
        );
      },
    },
    postgres: {
      title: 'PostgreSQL restart (relay cut 5 s)',
      async inject() {
        await stack.pg.cut();
        await sleep(5000);
        await stack.pg.open();
        await backWithin(
          Promise.all([...stack.processes.values()].map((process) => stack.waitReady(process))),
          'every process',
        );
      },
    },
    s3: {
      title: 'S3 down 5 s during uploads',
      async inject() {
        await stack.s3.stop();
        await sleep(5000);
        await stack.s3.start();
      },
    },
  };
}

/** `503 SERVICE_UNAVAILABLE ×3, 504 SERVICE_TIMEOUT ×1`: answers counted by status and code. */
function countByCode(answers) {
  const byCode = {};
  for (const answer of answers) {
    const label = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    byCode[label] = (byCode[label] ?? 0) + 1;
  }
  return Object.entries(byCode)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}

/** Booking attempts sent per second over the scenario, and their answers' p50/p99 in ms: the load the fault met. */
function bookingPace(attempts) {
  const booking = attempts.filter((attempt) => attempt.kind === 'booking');
  if (booking.length < 2) return '—';
  const sent = booking.map((attempt) => attempt.sentAt);
  const seconds = (Math.max(...sent) - Math.min(...sent)) / 1000;
  const [p50, p99] = percentilesOf(
    booking.map((attempt) => attempt.ms),
    [50, 99],
  );
  return `${Math.round(booking.length / seconds)}/s, ${p50}/${p99} ms`;
}

function summarize(name, title, since, faultAt, checks) {
  const failed = since.attempts.filter((attempt) => attempt.status === 'network' || attempt.status >= 500);
  const failedUploads = since.uploads.filter((upload) => upload.status !== 201);
  for (const attempt of failed.slice(0, 20)) {
    log(
      `  failed: ${attempt.kind} ${attempt.status} ${attempt.code ?? ''} sent at +${((attempt.sentAt - faultAt) / 1000).toFixed(1)} s, ${attempt.ms} ms`,
    );
  }
  if (failed.length > 20) log(`  … and ${failed.length - 20} more failed attempts`);
  const lastFailure = failed.reduce((latest, attempt) => Math.max(latest, attempt.sentAt + attempt.ms), faultAt);
  const finalFailures = since.bookings.filter((entry) => entry.status !== 201 && entry.status !== 409).length;
  return {
    scenario: title,
    requests: since.attempts.length,
    'bookings sent (p50/p99)': bookingPace(since.attempts),
    'failed attempts': failed.length,
    'errors by code': countByCode(failed) || '—',
    rerouted: since.rerouted,
    'bookings (201)': since.bookings.filter((entry) => entry.status === 201).length,
    'bookings failed after retries': finalFailures,
    'uploads (201/other)': `${since.uploads.length - failedUploads.length}/${failedUploads.length}${
      failedUploads.length > 0 ? ` (${countByCode(failedUploads)})` : ''
    }`,
    lost: checks.bookings.lost + checks.files.storedWithoutObject,
    duplicated: checks.bookings.duplicated + checks.bookings.slotsBookedTwice,
    'booked, answer lost': checks.bookings.unacknowledged,
    'orphan objects': checks.files.objectsWithoutRow,
    'pending rows': checks.files.pending,
    'outbox (events/unpublished/in stream)': `${checks.outbox.events}/${checks.outbox.unpublished}/${checks.outbox.inStream}`,
    'not back': notBack.splice(0).join(', ') || '—',
    'notification streams (expected/delivered/missing/twice, reconnects)': checks.streams
      ? `${checks.streams.expected}/${checks.streams.delivered}/${checks.streams.missing}/${checks.streams.duplicated}, ${checks.streams.reconnects}`
      : '—',
    'chat (sent/stored/twice/stored unacked; doctor, patient: delivered/missing/twice/out of order)': checks.streams
      ?.chat
      ? (({ chat }) =>
          `${chat.sent}/${chat.stored}/${chat.storedTwice}/${chat.unackedButStored}; ${[chat.doctor, chat.patient]
            .map((side) => `${side.delivered}/${side.missing}/${side.twice}/${side.outOfOrder}`)
            .join(', ')}`)(checks.streams)
      : '—',
    'recovered in s': failed.length ? ((lastFailure - faultAt) / 1000).toFixed(1) : '0',
  };
}

async function main() {
  log(
    `Chaos: ${SCENARIOS.join(', ')} at ${RATES.bookings} bookings/s, ${RATES.searches} searches/s, ${RATES.uploads} uploads/s`,
  );
  if (!env.SKIP_BUILD) {
    log('• building (tsc -b tsconfig.build.json)');
    const built = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  await recreateDatabase();
  const busPrefix = `chaos${randomUUID().slice(0, 6)}`;
  log(
    `• starting nats-server, S3, 2 × ${SERVICES.join(', ')} and 2 gateways (ports ${BASE_PORT}…, bus prefix ${busPrefix})`,
  );
  const cluster = SCENARIOS.includes('nats-cluster') ? await startNatsCluster({ busPrefix }) : null;
  const stack = await startChaosStack({ basePort: BASE_PORT, databaseUrl: DATABASE_URL, busPrefix, bus: cluster });
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const rows = [];
  try {
    const { serviceId, slots } = await seed(db);
    const patients = await registerPatients(db, stack.gatewayUrls[0]);
    // kill-gateway: patients with open notification streams, and one more account made the chat's doctor.
    const watchers = SCENARIOS.includes('kill-gateway')
      ? await registerPatients(db, stack.gatewayUrls[0], WATCHERS + 1)
      : [];
    log(`• seeded ${slots.length.toLocaleString('en')} slots, ${patients.length} patients`);
    const load = createLoad({ gatewayUrls: stack.gatewayUrls, patients, serviceId, rates: RATES });
    const nextSlot = () => {
      const slot = slots.pop();
      if (!slot) throw new Error('out of slots');
      return slot;
    };
    const all = { ...faults(stack), ...natsClusterFaults(cluster, stack) };
    for (const name of SCENARIOS) {
      const fault = all[name];
      if (!fault) throw new Error(`unknown scenario ${name}`);
      log(`• ${fault.title}`);
      await fault.prepare?.({ watchers, serviceId, db });
      const from = load.mark();
      load.start(nextSlot);
      await sleep(BEFORE_S * 1000);
      const faultAt = Date.now();
      await fault.inject();
      await sleep(AFTER_S * 1000);
      await load.stop();
      // The outbox relay publishes leftovers every 2 s.
      await sleep(3000);
      // A fault's own check runs once (it closes what it watched): `streams` for the streams and chat
      // columns, `columns` for columns of its own.
      const { streams, columns } = (await fault.check?.(db)) ?? {};
      const checks = {
        bookings: await checkBookings(db, load.since(from).bookings),
        files: await checkFiles(db, stack.s3Endpoint),
        outbox: await checkOutbox(db, stack.natsUrl),
        streams,
      };
      const row = { ...summarize(name, fault.title, load.since(from), faultAt, checks), ...columns };
      log(`  ${JSON.stringify(row)}`);
      rows.push(row);
    }
  } finally {
    await db.end();
    await stack.stopAll();
  }
  log('');
  const columns = Object.keys(rows[0] ?? {});
  log(`| ${columns.join(' | ')} |`);
  log(`|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) log(`| ${columns.map((column) => row[column]).join(' | ')} |`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`✗ ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
