/**
 * npm run bench:chat — online consultations' chat through two gateway replicas.
 *
 * Builds (unless SKIP_BUILD=1), starts identity, booking, consultations and
 * TWO gateways from dist/ as child processes on a private bus prefix and ports
 * (database BENCH_DATABASE_URL, default postgres://…/pacjent_bench_chat), then
 * seeds by SQL: CONSULTATIONS (500) full patients, one doctor on duty and as
 * many active consultations. Every patient and the doctor log in through the
 * API; each consultation gets two WebSockets (the patient's on one replica,
 * the doctor's page on the other: 1,000 sockets at the default), both follow
 * it, and for WARM_UP_S (5, not measured) and then DURATION_S (30) each side
 * sends a chat message every 2 s (staggered). Measured at the receiving side: delivery latency (send → the
 * peer's `message` frame) p50/p99, messages lost (acknowledged but never
 * delivered to the peer), duplicated (a seq twice on one socket), each
 * gateway's RSS before and with the sockets, and the CPU ms per message of
 * each process (consultations, both gateways, nats-server, PostgreSQL's
 * backends): unlike the latencies it hardly depends on what else runs.
 *
 * Env: BENCH_DATABASE_URL, NATS_URL, BENCH_PORT (3330; the second replica +1),
 * CONSULTATIONS (500), WARM_UP_S (5), DURATION_S (30), INTERVAL_MS (2000), SKIP_BUILD, PROFILE_DIR (V8 CPU profiles of
 * every service and both gateways, written when they stop).
 */
import { hash } from '@node-rs/argon2';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import WebSocket from 'ws';
import { ensureDatabase } from '../lib/preflight.mjs';
import { cpuMeter } from './cpu-meter.mjs';
import { jsonClient, log, percentilesOf, ROOT, serviceStack, waitFor } from './harness.mjs';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent_bench_chat';
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PORT = Number(env.BENCH_PORT ?? 3330);
const GATEWAYS = [`http://127.0.0.1:${PORT}`, `http://127.0.0.1:${PORT + 1}`];
const CONSULTATIONS = Number(env.CONSULTATIONS ?? 500);
const DURATION_MS = Number(env.DURATION_S ?? 30) * 1000;
/** Chatting before the measured DURATION_S: delivered and checked, not in the latencies or the CPU figures. */
const WARM_UP_MS = Number(env.WARM_UP_S ?? 5) * 1000;
const INTERVAL_MS = Number(env.INTERVAL_MS ?? 2000);
const DRAIN_MS = 5000;
const BUS_PREFIX = `benchc${randomUUID().slice(0, 6)}`;
const PASSWORD = 'Bench-haslo-2026';
const DOCTOR_EMAIL = 'bench.chat.doctor@example.test';
const SERVICES = ['identity', 'booking', 'consultations'];
const TARGET = 'p99 ≤ 100 ms, none lost or duplicated';

const { start, stopAndWait, pids } = serviceStack({
  profileDir: env.PROFILE_DIR,
  env: {
    DATABASE_URL,
    NATS_URL,
    BUS_PREFIX,
    DATABASE_POOL_SIZE: '20',
    BUS_TIMEOUT_MS: '15000',
    RATE_LIMIT_PREFIX: `bench:${BUS_PREFIX}`,
    RATE_LIMIT_REGISTER_PER_HOUR: '0',
    RATE_LIMIT_SEARCH_PER_MINUTE: '0',
    // Logins in a burst from one address: the per-IP failure window is irrelevant (they all succeed).
    LOGIN_MAX_FAILURES_PER_IP: '1000000',
  },
});

async function migrated(db) {
  for (const service of SERVICES) {
    const shipped = readdirSync(join(ROOT, 'services', service, 'src', 'migrations')).filter(
      (name) => name.endsWith('.ts') && !name.includes('.spec.'),
    ).length;
    await waitFor(
      async () => (await db.query(`SELECT count(*)::int AS n FROM "${service}"."migrations"`)).rows[0].n >= shipped,
      `${service}'s migrations`,
      120_000,
    );
  }
}

/** Patients, one doctor on duty (a booking doctor linked to the account) and one active consultation per patient. */
async function seed(db) {
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  await db.query('BEGIN');
  await db.query(`TRUNCATE "consultations"."online_messages", "consultations"."online_consultations",
                  "consultations"."online_duty", "consultations"."outbox", "consultations"."visit_outcomes" CASCADE`);
  await db.query(`TRUNCATE "booking"."doctors", "booking"."services" CASCADE`);
  await db.query(`TRUNCATE "identity"."accounts" CASCADE`);
  const patients = await db.query(
    `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, roles, level, terms_accepted_at, created_at)
     SELECT 'bench.chat.' || i || '@example.test', $2, 'Bench', 'Pacjent ' || i, '{patient}', 'full', now(), now()
       FROM generate_series(1, $1) AS i RETURNING id, email`,
    [CONSULTATIONS, passwordHash],
  );
  const doctor = await db.query(
    `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, roles, level, terms_accepted_at, created_at)
     VALUES ($1, $2, 'Lekarz', 'Bench', '{doctor}', 'full', now(), now()) RETURNING id`,
    [DOCTOR_EMAIL, passwordHash],
  );
  const doctorAccountId = doctor.rows[0].id;
  const service =
    await db.query(`INSERT INTO "booking"."services" (name, kind, specialty, channels, basic_allowed, requires_referral)
                                  VALUES ('Bench czat', 'consultation', 'Internista', ARRAY['phone','video'], true, false) RETURNING id`);
  const bookingDoctor = await db.query(
    `INSERT INTO "booking"."doctors" (name, specialties, languages, account_id) VALUES ('lek. Bench', '{Internista}', '{pl}', $1) RETURNING id`,
    [doctorAccountId],
  );
  await db.query(
    `INSERT INTO "consultations"."online_duty" (doctor_account_id, doctor_id, doctor_name, specialties, forms, since)
     VALUES ($1, $2, 'lek. Bench', '{Internista}', '{chat}', now())`,
    [doctorAccountId, bookingDoctor.rows[0].id],
  );
  const consultations = await db.query(
    `INSERT INTO "consultations"."online_consultations"
       (patient_id, patient_name, specialty, form, status, service_id, service_name, service_kind,
        doctor_account_id, doctor_id, doctor_name, requested_at, last_seen_at, started_at)
     SELECT id, 'Bench', 'Internista', 'chat', 'active', $1, 'Bench czat', 'consultation', $2, $3, 'lek. Bench', now(), now(), now()
       FROM unnest($4::uuid[]) AS id RETURNING id, patient_id`,
    [service.rows[0].id, doctorAccountId, bookingDoctor.rows[0].id, patients.rows.map((row) => row.id)],
  );
  await db.query('COMMIT');
  const emailOf = new Map(patients.rows.map((row) => [row.id, row.email]));
  return consultations.rows.map((row) => ({ id: row.id, patientEmail: emailOf.get(row.patient_id) }));
}

async function login(json, email) {
  const answer = await json('POST', '/api/auth/login', { email, password: PASSWORD });
  if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.accessToken;
}

/** At most `limit` of `tasks` at once. */
async function pool(tasks, limit) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

/** A signed-in socket following one consultation; records what it receives. */
function openSide(baseUrl, token, consultationId, side, stats) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/realtime`);
    const seen = new Set();
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', accessToken: token })));
    socket.on('close', (code) => {
      if (!stats.stopping) stats.closed.push(code);
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ready') socket.send(JSON.stringify({ type: 'follow', consultationId, afterSeq: 0 }));
      else if (frame.type === 'consultation') resolve({ socket, side, consultationId });
      else if (frame.type === 'ack') stats.acked.set(`${consultationId}:${frame.seq}`, frame.clientMessageId);
      else if (frame.type === 'error') stats.errors.push(frame.code);
      else if (frame.type === 'message') {
        const key = `${consultationId}:${frame.message.seq}`;
        if (seen.has(key)) stats.duplicated += 1;
        seen.add(key);
        if (frame.message.author !== side) {
          const sentAt = stats.sent.get(frame.message.text);
          if (sentAt !== undefined) stats.delivered.add(frame.message.text);
          if (sentAt !== undefined && sentAt >= stats.measuredFrom) {
            const now = performance.now();
            stats.latencies.push(now - sentAt);
            const second = Math.floor((now - stats.measuredFrom) / 1000);
            stats.worstBySecond[second] = Math.max(stats.worstBySecond[second] ?? 0, now - sentAt);
          }
        }
      }
    });
  });
}

const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : NaN;
};

async function main() {
  log(`Chat benchmark: ${CONSULTATIONS} consultations, ${CONSULTATIONS * 2} sockets over 2 gateways`);
  if (!env.SKIP_BUILD) {
    log('• building (tsc -b tsconfig.build.json)');
    const built = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  await ensureDatabase(DATABASE_URL);
  log(`• starting ${SERVICES.join(', ')} and 2 gateways on ${GATEWAYS.join(', ')} (bus prefix ${BUS_PREFIX})`);
  for (const service of SERVICES) start(service);
  await sleep(1500);
  const gatewayPids = GATEWAYS.map((url, index) => {
    start('gateway', { PORT: String(PORT + index), INSTANCE_ID: `bench-gateway-${index}` }, `gateway ${index}`);
    return pids[`gateway ${index}`];
  });
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await migrated(db);
  for (const url of GATEWAYS) {
    await waitFor(
      async () => (await fetch(`${url}/api/catalog/cities`)).status === 200,
      `the gateway at ${url}`,
      180_000,
    );
  }
  log('• seeding');
  const consultations = await seed(db);
  await db.end();

  const json = jsonClient(GATEWAYS[0]);
  log('• logging in');
  const doctorToken = await login(json, DOCTOR_EMAIL);
  const patientTokens = await pool(
    consultations.map((consultation) => () => login(json, consultation.patientEmail)),
    8,
  );
  const rssBefore = gatewayPids.map(rssMb);

  const stats = {
    sent: new Map(),
    delivered: new Set(),
    acked: new Map(),
    latencies: [],
    /** When the measured part began (performance.now(), after the warm-up), and the slowest delivery of each second after it. */
    measuredFrom: Infinity,
    worstBySecond: [],
    duplicated: 0,
    errors: [],
    closed: [],
    stopping: false,
  };
  log('• connecting');
  const pairs = await pool(
    consultations.map((consultation, index) => async () => {
      const patientSide = GATEWAYS[index % 2];
      const doctorSide = GATEWAYS[(index + 1) % 2];
      return Promise.all([
        openSide(patientSide, patientTokens[index], consultation.id, 'patient', stats),
        openSide(doctorSide, doctorToken, consultation.id, 'doctor', stats),
      ]);
    }),
    20,
  );
  await sleep(2000);
  const rssWith = gatewayPids.map(rssMb);
  log(
    `  ${pairs.length * 2} sockets open; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );

  log(
    `• chatting for ${WARM_UP_MS / 1000} s of warm-up, then ${DURATION_MS / 1000} s measured (each side every ${INTERVAL_MS} ms)`,
  );
  const started = performance.now();
  let counter = 0;
  const timers = [];
  for (const pair of pairs) {
    for (const side of pair) {
      const offset = Math.random() * INTERVAL_MS;
      timers.push(
        setTimeout(() => {
          const send = () => {
            if (performance.now() - started > WARM_UP_MS + DURATION_MS) return;
            const text = `m${++counter}`;
            stats.sent.set(text, performance.now());
            side.socket.send(
              JSON.stringify({ type: 'chat', consultationId: side.consultationId, clientMessageId: text, text }),
            );
          };
          send();
          timers.push(setInterval(send, INTERVAL_MS));
        }, offset),
      );
    }
  }
  await sleep(WARM_UP_MS);
  // Measured from here: the first seconds run unoptimised code (JIT) and cold plans in every process.
  const meter = cpuMeter(
    { consultations: pids.consultations, 'gateway 0': gatewayPids[0], 'gateway 1': gatewayPids[1] },
    new URL(DATABASE_URL).pathname.slice(1),
  ).start();
  // The load generator's own stalls count in every latency it measures: its event-loop delay is reported.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  stats.measuredFrom = performance.now();
  const sentBefore = stats.sent.size;
  await sleep(DURATION_MS + 100);
  for (const timer of timers) clearInterval(timer);
  const cpuPerMessage = meter.stop(stats.sent.size - sentBefore);
  await sleep(DRAIN_MS);
  loopDelay.disable();
  const slowSeconds = stats.worstBySecond.flatMap((ms, second) => (ms > 100 ? [`${second} s: ${Math.round(ms)}`] : []));
  stats.stopping = true;

  const acked = new Set(stats.acked.values());
  const lost = [...acked].filter((text) => !stats.delivered.has(text)).length;
  const [p50, p99] = percentilesOf(stats.latencies, [50, 99]);
  const row = {
    consultations: CONSULTATIONS,
    sockets: pairs.length * 2,
    sent: stats.sent.size,
    acked: acked.size,
    delivered: stats.delivered.size,
    'measured (after the warm-up)': stats.latencies.length,
    'p50 ms': Math.round(p50 * 10) / 10,
    'p99 ms': Math.round(p99 * 10) / 10,
    lost,
    duplicated: stats.duplicated,
    errors: stats.errors.length,
    'unexpected closes': stats.closed.length,
    'gateway RSS MB (idle → with sockets)': rssBefore.map((mb, i) => `${mb.toFixed(0)} → ${rssWith[i].toFixed(0)}`),
    'gateway RSS MB per 1,000 sockets': (
      ((rssWith[0] - rssBefore[0] + rssWith[1] - rssBefore[1]) / (pairs.length * 2)) *
      1000
    ).toFixed(1),
    'CPU ms per message': cpuPerMessage,
    'load generator event-loop delay p99 / max ms': `${(loopDelay.percentile(99) / 1e6).toFixed(1)} / ${(loopDelay.max / 1e6).toFixed(1)}`,
    'seconds with a delivery over 100 ms (second: slowest ms)': slowSeconds.length ? slowSeconds.join(', ') : 'none',
    'load average': loadavg()[0].toFixed(1),
    target: TARGET,
  };
  log(`  ${JSON.stringify(row)}`);
  if (stats.errors.length) log(`  error codes: ${[...new Set(stats.errors)].join(', ')}`);
  for (const pair of pairs) for (const side of pair) side.socket.close();
  await stopAndWait();
  if (env.PROFILE_DIR) log(`CPU profiles in ${env.PROFILE_DIR} (open in Chrome DevTools → Performance)`);
}

main().then(
  () => process.exit(0),
  async (error) => {
    log(`✗ ${error.stack ?? error}`);
    await stopAndWait();
    process.exit(1);
  },
);
