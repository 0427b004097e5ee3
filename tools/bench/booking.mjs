/**
 * npm run bench:booking — booking under load, through the real gateway.
 *
 * Builds (unless SKIP_BUILD=1), seeds a dedicated database (BENCH_DATABASE_URL,
 * default postgres://…/pacjent_bench) with ≥ 1,000,000 slots (400 doctors,
 * 60 days) once, starts identity, booking and the gateway from dist/ as child
 * processes on a private bus prefix and port, and measures with autocannon:
 *
 *  1. a patient's own appointments      GET  /api/appointments
 *  2. a 30-day slot search (service+city) GET /api/slots?serviceId&city&from&to
 *  3. booking distinct slots            POST /api/appointments
 *  4. 200 patients racing for one slot  (exactly one 201, 199 × 409)
 *  5. the NATS hop: the same slot search served in one process (booking's own
 *     SlotsService on its own DataSource behind node:http) vs through the
 *     gateway and NATS — run right after (2), on the same database state.
 *
 * Patients are made full (no 10-visit limit) by setting identity.accounts.level
 * in the bench database, as a staff confirmation would.
 *
 * Env: BENCH_DATABASE_URL, NATS_URL, BENCH_PORT (3300), DURATION_S (10),
 * CONNECTIONS (50), BOOKINGS (15000), SKIP_BUILD, REPLICAS (1: with 2, two
 * booking replicas and two gateways on BENCH_PORT and BENCH_PORT+1, the
 * closed-loop connections split between them; the open loop uses the first).
 */
import { loadTest } from 'loadtest';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ensureDatabase } from '../lib/preflight.mjs';
import { cpuMeter } from './cpu-meter.mjs';
import { closedLoopAcross, jsonClient, log, percentilesOf, report, ROOT, serviceStack, waitFor } from './harness.mjs';
const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent_bench';
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PORT = Number(env.BENCH_PORT ?? 3300);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DURATION = Number(env.DURATION_S ?? 10);
const OPEN_LOOP_WARM_UP_S = 2;
const CONNECTIONS = Number(env.CONNECTIONS ?? 50);
/** The reads run closed-loop at each of these (the last, CONNECTIONS, saturates this machine). */
const READ_CONNECTIONS = [...new Set([10, 20, CONNECTIONS])];
const BOOKINGS = Number(env.BOOKINGS ?? 15_000);
const REPLICAS = Number(env.REPLICAS ?? 1);
/** Every gateway's origin: the closed loop spreads its connections over them. */
const GATEWAYS = Array.from({ length: REPLICAS }, (_, i) => `http://127.0.0.1:${PORT + i}`);
const BUS_PREFIX = `bench${randomUUID().slice(0, 6)}`;
/** Comma-separated subset to run: reads, hop, bookings, race (default: all). */
const SCENARIOS = new Set((env.SCENARIOS ?? 'reads,hop,bookings,race').split(','));
/** A folder: the services write V8 CPU profiles there (node --cpu-prof) when they stop. */
const PROFILE_DIR = env.PROFILE_DIR;

const DOCTORS = 400;
const DAYS = 60;
const SERVICES = 20;
const CITIES = ['Warszawa', 'Kraków', 'Wrocław', 'Poznań', 'Gdańsk'];
const FACILITIES_PER_CITY = 5;
/** 7:00–17:30 every 15 minutes: 42 slots a day. */
const SLOTS_PER_DAY = 42;

const { start, stopAll, stopAndWait, pids } = serviceStack({
  env: {
    DATABASE_URL,
    NATS_URL,
    BUS_PREFIX,
    PORT: String(PORT),
    // The bench is one client sending thousands of searches and registrations: the gateway's limits would be measured instead.
    RATE_LIMIT_SEARCH_PER_MINUTE: env.RATE_LIMIT_SEARCH_PER_MINUTE ?? '0',
    RATE_LIMIT_REGISTER_PER_HOUR: env.RATE_LIMIT_REGISTER_PER_HOUR ?? '0',
  },
  profileDir: PROFILE_DIR,
});
const json = jsonClient(BASE_URL);

/** The catalog and ≥ 1,000,000 slots, written once by SQL (re-runs reuse them). */
async function seed(db) {
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM "booking"."slots"`)).rows;
  if (n >= DOCTORS * DAYS * SLOTS_PER_DAY * 0.9) {
    log(`  database already seeded: ${n.toLocaleString('en')} slots`);
    return;
  }
  const started = performance.now();
  await db.query('BEGIN');
  await db.query('SET LOCAL synchronous_commit = off');
  await db.query(`TRUNCATE "booking"."notifications", "booking"."slot_alerts", "booking"."appointments", "booking"."slots", "booking"."schedule_templates",
                  "booking"."doctor_services", "booking"."doctors", "booking"."services", "booking"."facilities",
                  "booking"."idempotency_keys", "booking"."referral_releases"`);
  await db.query(
    `INSERT INTO "booking"."facilities" (name, city, address, opening_hours)
     SELECT 'Bench ' || c.city || ' ' || i, c.city, 'ul. Testowa ' || i, 'pon.–pt. 7:00–18:00'
       FROM unnest($1::text[]) AS c(city) CROSS JOIN generate_series(1, $2) AS i`,
    [CITIES, FACILITIES_PER_CITY],
  );
  await db.query(
    `INSERT INTO "booking"."services" (name, kind, specialty, channels, basic_allowed, requires_referral)
     SELECT 'Bench konsultacja ' || i, 'consultation', 'Bench ' || i, ARRAY['in_person','phone'], true, false
       FROM generate_series(1, $1) AS i`,
    [SERVICES],
  );
  await db.query(
    `INSERT INTO "booking"."doctors" (name, specialties, languages)
     SELECT 'lek. Bench ' || i, ARRAY['Bench'], CASE WHEN i % 7 = 0 THEN ARRAY['pl','en'] ELSE ARRAY['pl'] END
       FROM generate_series(1, $1) AS i`,
    [DOCTORS],
  );
  // Doctor n works for service n mod 20 at facility n mod 25; every tenth doctor by phone.
  await db.query(`
    CREATE TEMP TABLE bench_doctors ON COMMIT DROP AS
    SELECT d.id AS doctor_id, sv.id AS service_id,
           CASE WHEN d.n % 10 = 0 THEN NULL ELSE f.id END AS facility_id,
           CASE WHEN d.n % 10 = 0 THEN 'phone' ELSE 'in_person' END AS channel
      FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM "booking"."doctors") d
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM "booking"."services") sv ON sv.n = d.n % ${SERVICES}
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM "booking"."facilities") f
        ON f.n = d.n % ${CITIES.length * FACILITIES_PER_CITY}`);
  await db.query(
    `INSERT INTO "booking"."doctor_services" (doctor_id, service_id) SELECT doctor_id, service_id FROM bench_doctors`,
  );
  await db.query(
    `INSERT INTO "booking"."slots" (service_id, doctor_id, facility_id, channel, starts_at, ends_at)
     SELECT b.service_id, b.doctor_id, b.facility_id, b.channel, t, t + interval '15 minutes'
       FROM bench_doctors b
       CROSS JOIN generate_series(1, $1) AS day
       CROSS JOIN LATERAL generate_series(
              ((current_date + day) + time '07:00') AT TIME ZONE 'Europe/Warsaw',
              ((current_date + day) + time '17:15') AT TIME ZONE 'Europe/Warsaw',
              interval '15 minutes') AS t`,
    [DAYS],
  );
  await db.query('COMMIT');
  await db.query('VACUUM ANALYZE "booking"."slots"');
  await db.query('ANALYZE');
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM "booking"."slots"`)).rows;
  log(`  seeded ${total.toLocaleString('en')} slots in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Registers `count` patients (made full in the database) and returns their tokens. */
async function patients(db, count, label) {
  const tokens = [];
  const one = async (i) => {
    const email = `bench.${label}.${Date.now()}.${i}.${randomUUID().slice(0, 6)}@example.test`;
    const password = 'Bench-haslo-2026';
    const registered = await json('POST', '/api/auth/register', {
      email,
      password,
      firstName: 'Bench',
      lastName: 'Pacjent',
      acceptTerms: true,
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
    await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [registered.body.id]);
    const login = await json('POST', '/api/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
    tokens.push(login.body.accessToken);
  };
  for (let i = 0; i < count; i += 8)
    await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => one(i + k)));
  return tokens;
}

function cannon(options) {
  const limit = options.amount ? {} : { duration: DURATION };
  // Only the gateway's URLs are spread over the replicas (the one-process search server is not a gateway).
  const bases = options.url.startsWith(BASE_URL) ? GATEWAYS : [new URL(options.url).origin];
  return closedLoopAcross(bases, {
    pids,
    database: new URL(DATABASE_URL).pathname.slice(1),
    connections: CONNECTIONS,
    ...limit,
    ...options,
  });
}

/**
 * An open-loop load: `rps` requests every second at even intervals whatever
 * the answers (loadtest's --rps): the latency a patient would see at that
 * rate. autocannon's `overallRate` cannot measure this: each connection sends
 * its share of a second back to back when the second starts, so it offers
 * bursts, not a rate. loadtest's HTTP client with keep-alive, never its TCP
 * client (`tcp: true`): loadtest 8.2's TcpClient sends its next request as
 * soon as an answer arrives even in --rps mode (`finishRequest` calls
 * `makeRequest`), while the rate timer keeps adding clients, so it offers an
 * ever-growing closed loop instead of the rate.
 *
 * Latencies are timed here, from the request's creation to its answer's
 * last byte, in fractions of a millisecond: loadtest 8.2 reports whole
 * milliseconds (its `requestElapsed` is a BigInt division), too coarse for
 * "p99 ≤ 3 × p50" when the p50 is 1–2 ms.
 */
async function constantRate({ url, rps, headers = {}, amount, nextPost }) {
  // A timed run is measured after OPEN_LOOP_WARM_UP_S seconds at the same rate, as the closed-loop runs are after
  // theirs: at first loadtest opens a new connection for every request in flight, and those first answers wait
  // behind the handshakes. A run of a fixed number of requests (the bookings) is measured whole.
  const warmUpMs = amount ? 0 : OPEN_LOOP_WARM_UP_S * 1000;
  const limit = amount ? { maxRequests: amount } : { maxSeconds: OPEN_LOOP_WARM_UP_S + DURATION };
  const measured = { latencies: [], non2xx: 0, errors: 0, from: 0, fromPerf: 0, meter: null };
  const startMeasuring = () => {
    measured.from = Date.now();
    measured.fromPerf = performance.now();
    measured.meter = cpuMeter(pids, new URL(DATABASE_URL).pathname.slice(1)).start();
  };
  let warmUp;
  if (warmUpMs) warmUp = setTimeout(startMeasuring, warmUpMs);
  else startMeasuring();
  /** Calls loadtest's response callback after noting when this request's answer ended (listeners run in order). */
  const timed = (callback) => {
    const sentAt = performance.now();
    return (response) => {
      response.once('end', () => {
        if (!measured.meter || sentAt < measured.fromPerf) return;
        measured.latencies.push(performance.now() - sentAt);
        if (response.statusCode >= 300) measured.non2xx += 1;
      });
      callback(response);
    };
  };
  const client = {
    ...(nextPost ? { method: 'POST' } : {}),
    requestGenerator: (_options, params, request, callback) => {
      if (!nextPost) return request(params, timed(callback));
      const { token, body } = nextPost();
      params.headers = {
        ...params.headers,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      };
      const outgoing = request(params, timed(callback));
      outgoing.write(body);
      return outgoing;
    },
  };
  await loadTest({
    url,
    requestsPerSecond: rps,
    ...limit,
    headers,
    quiet: true,
    agentKeepAlive: true,
    // Answers are timed by `timed`; here only the requests that got none.
    statusCallback: (_error, result) => {
      if (measured.meter && !result) measured.errors += 1;
    },
    ...client,
  });
  clearTimeout(warmUp);
  const seconds = (Date.now() - measured.from) / 1000;
  const total = measured.latencies.length + measured.errors;
  const cpuPerRequest = measured.meter.stop(total);
  // loadtest stops sending at the deadline; let what it left queued drain before the next scenario measures.
  await sleep(3000);
  const [p50, p95, p99] = percentilesOf(measured.latencies, [50, 95, 99]).map((ms) => Math.round(ms * 100) / 100);
  return {
    requests: { average: Math.round(total / seconds), total },
    latency: { p50, p95, p99 },
    non2xx: measured.non2xx,
    errors: measured.errors,
    timeouts: 0,
    cpuPerRequest,
  };
}

/** booking's own SlotsService behind node:http in a child process: the same search without gateway and NATS. */
async function directSearchServer() {
  const child = spawn(process.execPath, [join(ROOT, 'tools/bench/booking-direct-search.mjs')], {
    env: { ...env, DATABASE_URL, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`direct search server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function main() {
  log('Booking benchmark');
  if (!env.SKIP_BUILD) {
    log('• building (tsc -b tsconfig.build.json)');
    const built = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  await ensureDatabase(DATABASE_URL);
  log(
    `• starting identity, booking and the gateway on ${BASE_URL} (bus prefix ${BUS_PREFIX}, database ${DATABASE_URL})`,
  );
  start('identity');
  for (let i = 1; i <= REPLICAS; i++) start('booking', {}, i === 1 ? 'booking' : `booking ${i}`);
  await sleep(1500);
  for (const [i, origin] of GATEWAYS.entries()) {
    start('gateway', { PORT: String(PORT + i) }, i === 0 ? 'gateway' : `gateway ${i + 1}`);
    await waitFor(async () => (await fetch(`${origin}/api/catalog/cities`)).status === 200, `gateway ${i + 1}`);
  }
  await waitFor(async () => (await json('GET', '/api/catalog/services')).status === 200, 'booking');

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  log('• seeding');
  await seed(db);
  const [{ slots: slotCount, doctors }] = (
    await db.query(`SELECT (SELECT count(*)::int FROM "booking"."slots") AS slots,
                           (SELECT count(*)::int FROM "booking"."doctors") AS doctors`)
  ).rows;
  log(`  ${slotCount.toLocaleString('en')} slots, ${doctors} doctors, ${DAYS} days`);
  // Earlier runs' appointments would make "free" slots scarce and skew the numbers; fresh statistics after.
  await db.query(
    `TRUNCATE "booking"."notifications", "booking"."slot_alerts", "booking"."appointments", "booking"."idempotency_keys"`,
  );
  await db.query('ANALYZE "booking"."appointments"');

  const results = [];
  const services = (await json('GET', '/api/catalog/services')).body;
  const service = services[1];
  const city = CITIES[0];

  log('• patients');
  const [reader] = await patients(db, 1, 'reader');
  // The reader holds a realistic handful of visits.
  const readerSlots = (await json('GET', `/api/slots?serviceId=${service.id}&limit=5`)).body;
  for (const slot of readerSlots) await json('POST', '/api/appointments', { slotId: slot.id }, reader);

  const from = new Date(Date.now() + 60 * 60 * 1000).toISOString();
  const to = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString();
  const searchQuery = `serviceId=${service.id}&city=${encodeURIComponent(city)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const sample = await json('GET', `/api/slots?${searchQuery}`);
  if (sample.status !== 200 || sample.body.length === 0) throw new Error(`search answered ${sample.status}`);
  let searchRow;

  if (SCENARIOS.has('reads')) {
    // Warm-up, not measured: the first seconds after start run unoptimised code (JIT) in every process.
    await cannon({ url: `${BASE_URL}/api/appointments`, headers: { authorization: `Bearer ${reader}` }, duration: 3 });
    await cannon({ url: `${BASE_URL}/api/slots?${searchQuery}`, duration: 3 });

    log('• 1. own appointments');
    // Closed loop (each connection waits for its answer) at a few concurrencies: the rate served and the latency at it.
    for (const connections of READ_CONNECTIONS) {
      results.push(
        report(
          `own appointments, ${connections} connections`,
          await cannon({
            url: `${BASE_URL}/api/appointments`,
            headers: { authorization: `Bearer ${reader}` },
            connections,
          }),
          '≥1000 req/s, p99 ≤60 ms',
        ),
      );
    }
    // The target is a latency at a rate: offer exactly 1,000 req/s (saturation above only queues requests).
    results.push(
      report(
        'own appointments at a constant 1,000 req/s',
        await constantRate({
          url: `${BASE_URL}/api/appointments`,
          rps: 1000,
          headers: { authorization: `Bearer ${reader}` },
        }),
        '≥1000 req/s, p99 ≤60 ms',
      ),
    );

    log('• 2. 30-day slot search for one service and city');
    for (const connections of READ_CONNECTIONS) {
      results.push(
        report(
          `30-day slot search, ${connections} connections`,
          await cannon({ url: `${BASE_URL}/api/slots?${searchQuery}`, connections }),
          '≥500 req/s, p99 ≤100 ms',
        ),
      );
      if (connections === CONNECTIONS) searchRow = results.at(-1);
    }
    results.push(
      report(
        '30-day slot search at a constant 500 req/s',
        await constantRate({ url: `${BASE_URL}/api/slots?${searchQuery}`, rps: 500 }),
        '≥500 req/s, p99 ≤100 ms',
      ),
    );
  }

  if (SCENARIOS.has('hop')) {
    log('• 3. the NATS hop: the same search in one process vs through gateway + NATS');
    searchRow ??= report(
      '30-day slot search (GET /api/slots)',
      await cannon({ url: `${BASE_URL}/api/slots?${searchQuery}` }),
      '',
    );
    const direct = await directSearchServer();
    const viaDirect = await cannon({ url: `${direct.url}/slots?${searchQuery}` });
    await direct.close();
    const directRow = report('same search, one process (SlotsService behind node:http)', viaDirect, '');
    results.push(directRow);
    const gatewayRow = searchRow; // saturated like the one-process run, same database state
    const ratio = {
      scenario: 'NATS hop cost',
      'throughput ratio (direct / gateway)': Math.round((directRow['req/s'] / gatewayRow['req/s']) * 100) / 100,
      'p50 ratio (gateway / direct)':
        Math.round((gatewayRow['p50 ms'] / Math.max(directRow['p50 ms'], 0.01)) * 100) / 100,
    };
    log(`  ${JSON.stringify(ratio)}`);
    results.push(ratio);
  }

  let raceOk = true;
  if (SCENARIOS.has('bookings')) {
    log('• 4. booking distinct slots');
    const bookers = await patients(db, 40, 'booker');
    // Each booker takes slots of one doctor only, so their visits never overlap.
    const { rows: doctorRows } = await db.query(
      `SELECT DISTINCT doctor_id FROM "booking"."slots" WHERE channel = 'in_person' LIMIT $1`,
      [bookers.length],
    );
    const perBooker = Math.ceil(BOOKINGS / bookers.length);
    const queues = [];
    for (const [i, { doctor_id }] of doctorRows.entries()) {
      const { rows } = await db.query(
        `SELECT id FROM "booking"."slots" WHERE doctor_id = $1 AND starts_at > now() + interval '1 day'
        ORDER BY starts_at LIMIT $2`,
        [doctor_id, perBooker],
      );
      queues.push({ token: bookers[i], slots: rows.map((row) => row.id) });
    }
    const pairs = [];
    for (let k = 0; k < perBooker; k++)
      for (const queue of queues) if (queue.slots[k]) pairs.push([queue.token, queue.slots[k]]);
    // A tenth of the slots to warm up (not measured), then a third of the rest closed-loop at 10 and at 20
    // connections each, and a third at exactly 300 bookings/s.
    const total = Math.min(BOOKINGS, pairs.length);
    const warmUp = Math.floor(total / 10);
    const third = Math.floor((total - warmUp) / 3);
    const [first, second] = [warmUp + third, warmUp + 2 * third];
    const thirds = [pairs.slice(warmUp, first), pairs.slice(first, second), pairs.slice(second, total)];
    const bookAll = (queue, connections) => {
      let next = 0;
      return cannon({
        url: `${BASE_URL}/api/appointments`,
        amount: queue.length,
        connections,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const [token, slotId] = queue[next++ % queue.length];
              return {
                ...request,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: JSON.stringify({ slotId }),
              };
            },
          },
        ],
      });
    };
    await bookAll(pairs.slice(0, warmUp), 10);
    for (const [i, connections] of [10, 20].entries()) {
      results.push(
        report(
          `booking distinct slots, ${connections} connections`,
          await bookAll(thirds[i], connections),
          '≥300/s, p95 ≤50 ms',
        ),
      );
    }
    let next = 0;
    const atRate = thirds[2];
    results.push(
      report(
        'booking distinct slots at a constant 300/s',
        await constantRate({
          url: `${BASE_URL}/api/appointments`,
          rps: 300,
          amount: atRate.length,
          nextPost: () => {
            const [token, slotId] = atRate[next++ % atRate.length];
            return { token, body: JSON.stringify({ slotId }) };
          },
        }),
        '≥300/s, p95 ≤50 ms',
      ),
    );
  }

  if (SCENARIOS.has('race')) {
    log('• 5. 200 patients racing for one slot');
    const racers = await patients(db, 200, 'racer');
    const { rows: raceRows } = await db.query(
      `SELECT s.id FROM "booking"."slots" s WHERE s.starts_at > now() + interval '2 days'
        AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id) LIMIT 1`,
    );
    const raceStarted = performance.now();
    const statuses = await Promise.all(
      racers.map(async (token) => (await json('POST', '/api/appointments', { slotId: raceRows[0].id }, token)).status),
    );
    const raceMs = performance.now() - raceStarted;
    const counts = statuses.reduce((acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }), {});
    log(`  ${JSON.stringify({ scenario: '200 racing for one slot', statuses: counts, ms: Math.round(raceMs) })}`);
    raceOk = counts[201] === 1 && counts[409] === 199;
    results.push({ scenario: '200 patients racing for one slot', statuses: counts, ok: raceOk });
  }

  await db.end();
  log(`\n${targetsTable(results)}`);
  const [load] = (await import('node:os')).loadavg();
  log(`\nLoad average (1 min) at the end: ${load.toFixed(2)} on ${(await import('node:os')).cpus().length} cores`);
  log('\nResults (JSON):');
  log(
    JSON.stringify(
      { slots: slotCount, doctors, days: DAYS, durationS: DURATION, connections: CONNECTIONS, results },
      null,
      2,
    ),
  );
  await stopAndWait();
  if (PROFILE_DIR) log(`CPU profiles in ${PROFILE_DIR} (open in Chrome DevTools → Performance)`);
  process.exit(raceOk ? 0 : 1);
}

/**
 * The figures of issue 16 against their targets, as a Markdown table: the
 * rows of this run that measure them (a scenario not run reads "—").
 */
function targetsTable(results) {
  const row = (name) => results.find((r) => r.scenario === name);
  const rate = (r, p) => (r ? `${r['req/s'].toLocaleString('en')} req/s, ${p} ${r[`${p} ms`]} ms` : '—');
  const met = (ok) => (ok === undefined ? '—' : ok ? 'yes' : 'no');
  const closed = (name, minRate, p, maxMs) => {
    const r = row(name);
    return [rate(r, p), r ? r['req/s'] >= minRate && r[`${p} ms`] <= maxMs : undefined];
  };
  const openLoop = [
    'own appointments at a constant 1,000 req/s',
    '30-day slot search at a constant 500 req/s',
    'booking distinct slots at a constant 300/s',
  ]
    .map(row)
    .filter(Boolean);
  const hop = row('NATS hop cost');
  const natsCpu = row('own appointments, 20 connections')?.['CPU ms per request']?.['nats-server'];
  const lines = [
    [
      'own appointments, 20 connections',
      ...closed('own appointments, 20 connections', 3000, 'p99', 25),
      '≥ 3,000 req/s, p99 ≤ 25 ms',
    ],
    [
      '30-day search over 1 M slots, 20 connections',
      ...closed('30-day slot search, 20 connections', 1500, 'p99', 40),
      '≥ 1,500 req/s, p99 ≤ 40 ms',
    ],
    [
      'booking distinct slots, 10 connections',
      ...closed('booking distinct slots, 10 connections', 1000, 'p95', 25),
      '≥ 1,000/s, p95 ≤ 25 ms',
    ],
    [
      'open loop at the old target rates',
      openLoop.length ? openLoop.map((r) => `p99 ${r['p99 ms']} / p50 ${r['p50 ms']} ms`).join('; ') : '—',
      openLoop.length ? openLoop.every((r) => r['p99 ms'] <= 3 * r['p50 ms']) : undefined,
      'p99 ≤ 3 × p50 of the same run',
    ],
    [
      'bus hop: gateway + NATS vs one process',
      hop ? `×${hop['throughput ratio (direct / gateway)']}` : '—',
      hop ? hop['throughput ratio (direct / gateway)'] <= 1.3 : undefined,
      '≤ ×1.3',
    ],
    [
      'nats-server CPU per request (own appointments, 20 connections)',
      natsCpu === undefined ? '—' : `${natsCpu} ms`,
      natsCpu === undefined ? undefined : natsCpu <= 0.05,
      '≤ 0.05 ms',
    ],
  ];
  return [
    'Issue 16 targets:',
    '| figure | this run | met | target |',
    '|---|---|---|---|',
    ...lines.map(([figure, measured, ok, target]) => `| ${figure} | ${measured} | ${met(ok)} | ${target} |`),
  ].join('\n');
}

main().catch((error) => {
  process.stderr.write(`✗ ${error.stack ?? error}\n`);
  stopAll();
  process.exit(1);
});
