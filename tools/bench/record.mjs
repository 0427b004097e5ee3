/**
 * npm run bench:record — the treatment record under load, through the real gateway.
 *
 * Builds (unless SKIP_BUILD=1), starts identity, booking, consultations and
 * the gateway from dist/ as child processes on a private bus prefix and port
 * (database BENCH_DATABASE_URL, default postgres://…/pacjent_bench_record,
 * apart from bench:booking's), waits for their migrations, then seeds by SQL
 * once (re-runs reuse it):
 *
 *  - PATIENTS (100,000) full patient accounts sharing one argon2id hash;
 *  - the measured patient: VISITS (200) completed visits (booking slots and
 *    appointments, consultations outcomes with diagnoses and recommendations,
 *    a referral every 10th visit, an answered question every 20th) and lab
 *    reports of 10 values each, OBSERVATIONS (1,000) values in all;
 *  - every other patient: OTHER_VISITS (2) visits, the first with a referral,
 *    and OTHER_OBSERVATIONS (10) values (one report), so the indexes matter.
 *
 * The measured patient logs in through the API (a real token), and after a
 * warm-up the first page of the record and of the results, asked for as the
 * portal asks (RecordPage's 20 visits, ResultsPage's 10 reports), are
 * measured closed-loop with autocannon at CONNECTIONS.
 *
 * Env: BENCH_DATABASE_URL, NATS_URL, BENCH_PORT (3320), DURATION_S (10),
 * CONNECTIONS (20), PATIENTS, VISITS, OBSERVATIONS, OTHER_VISITS,
 * OTHER_OBSERVATIONS, SKIP_BUILD, PROFILE_DIR.
 */
import { hash } from '@node-rs/argon2';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ensureDatabase } from '../lib/preflight.mjs';
import { closedLoop, jsonClient, log, report, ROOT, serviceStack, waitFor } from './harness.mjs';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent_bench_record';
const DATABASE = new URL(DATABASE_URL).pathname.slice(1);
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PORT = Number(env.BENCH_PORT ?? 3320);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DURATION = Number(env.DURATION_S ?? 10);
const WARM_UP_S = 3;
const CONNECTIONS = Number(env.CONNECTIONS ?? 20);
const PATIENTS = Number(env.PATIENTS ?? 100_000);
const VISITS = Number(env.VISITS ?? 200);
const OBSERVATIONS = Number(env.OBSERVATIONS ?? 1000);
const OTHER_VISITS = Number(env.OTHER_VISITS ?? 2);
const OTHER_OBSERVATIONS = Number(env.OTHER_OBSERVATIONS ?? 10);
const BUS_PREFIX = `benchr${randomUUID().slice(0, 6)}`;
const TARGET = '≥800 req/s, p99 ≤60 ms';
// The first pages exactly as the portal's pages ask for them (apps/portal: RecordPage, ResultsPage).
const VISITS_PAGE = '/api/record/visits?limit=20';
const RESULTS_PAGE = '/api/results?page=1&pageSize=10';

const SERVICES = ['identity', 'booking', 'consultations'];
const DOCTORS = 50;
const EMAIL = 'bench.record.patient@example.test';
const PASSWORD = 'Bench-haslo-2026';
/** Values per lab report (the parameters below). */
const PER_REPORT = 10;
const PARAMETERS = [
  ['2093-3', 'Cholesterol całkowity', 'mg/dL', null, 190, 200],
  ['13457-7', 'Cholesterol LDL', 'mg/dL', null, 115, 120],
  ['2085-9', 'Cholesterol HDL', 'mg/dL', 45, null, 50],
  ['2571-8', 'Triglicerydy', 'mg/dL', null, 150, 140],
  ['2345-7', 'Glukoza na czczo', 'mg/dL', 70, 99, 92],
  ['718-7', 'Hemoglobina', 'g/dL', 12, 16, 14],
  ['6690-2', 'Leukocyty (WBC)', 'tys/µL', 4, 10, 7],
  ['789-8', 'Erytrocyty (RBC)', 'mln/µL', 3.8, 5.2, 4.5],
  ['777-3', 'Płytki krwi (PLT)', 'tys/µL', 150, 400, 260],
  ['2160-0', 'Kreatynina', 'mg/dL', 0.6, 1.2, 0.95],
];
const DIAGNOSES = [
  [{ code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' }],
  [{ code: 'E78.0', name: 'Czysta hipercholesterolemia' }],
  [{ code: 'J20.9', name: 'Ostre zapalenie oskrzeli, nieokreślone' }],
  [
    { code: 'M54.5', name: 'Ból okolicy lędźwiowo-krzyżowej kręgosłupa' },
    { code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' },
  ],
];

const { start, stopAll, stopAndWait, pids } = serviceStack({
  env: {
    DATABASE_URL,
    NATS_URL,
    BUS_PREFIX,
    PORT: String(PORT),
    // No gateway limit covers the record or the results; the start-up polls read the catalog, which the search
    // limit counts per client IP in a Redis other runs share.
    RATE_LIMIT_SEARCH_PER_MINUTE: env.RATE_LIMIT_SEARCH_PER_MINUTE ?? '0',
  },
  profileDir: env.PROFILE_DIR,
});
const json = jsonClient(BASE_URL);

/** Resolves when each service has applied every migration it ships (they migrate before they listen). */
async function migrated(db) {
  for (const service of SERVICES) {
    const shipped = readdirSync(join(ROOT, 'services', service, 'src', 'migrations')).filter(
      (name) => name.endsWith('.ts') && !name.includes('.spec.'),
    ).length;
    await waitFor(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM "${service}"."migrations"`);
        return rows[0].n >= shipped;
      },
      `${service}'s migrations`,
      120_000,
    );
  }
}

async function seeded(db) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM "identity"."accounts" WHERE 'patient' = ANY(roles)) AS patients,
            (SELECT count(*)::int FROM "consultations"."visit_outcomes" v
               JOIN "identity"."accounts" a ON a.id = v.patient_id WHERE a.email = $1) AS visits,
            (SELECT count(*)::int FROM "consultations"."lab_observations" o
               JOIN "identity"."accounts" a ON a.id = o.patient_id WHERE a.email = $1) AS observations,
            (SELECT count(*)::int FROM "consultations"."visit_outcomes") AS "allVisits",
            (SELECT count(*)::int FROM "consultations"."lab_observations") AS "allObservations"`,
    [EMAIL],
  );
  return rows[0];
}

/** Everything by set-based SQL in one transaction, once. */
async function seed(db) {
  const before = await seeded(db);
  if (
    before.patients === PATIENTS &&
    before.visits === VISITS &&
    before.observations === OBSERVATIONS &&
    before.allVisits === VISITS + (PATIENTS - 1) * OTHER_VISITS
  ) {
    log(`  database already seeded`);
    return before;
  }
  const started = performance.now();
  const lap = (what) => log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const passwordHash = await hash(PASSWORD, { algorithm: 2 }); // 2: argon2id (a const enum in the typings)
  await db.query('BEGIN');
  await db.query('SET LOCAL synchronous_commit = off');
  await db.query(`TRUNCATE "consultations"."questions", "consultations"."referrals", "consultations"."referral_reservations",
                  "consultations"."visit_outcomes", "consultations"."lab_observations", "consultations"."lab_reports",
                  "consultations"."outbox" CASCADE`);
  await db.query(`TRUNCATE "booking"."appointments", "booking"."slots", "booking"."doctor_services", "booking"."doctors",
                  "booking"."services", "booking"."facilities" CASCADE`);
  await db.query(`TRUNCATE "identity"."accounts" CASCADE`);

  // Patient 0 is the measured one; doctors and the laboratory have accounts too.
  await db.query(
    `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, pesel, roles, level, terms_accepted_at, created_at)
     SELECT CASE WHEN i = 0 THEN $2 ELSE 'bench.record.' || i || '@example.test' END, $3, 'Bench', 'Pacjent ' || i,
            lpad(i::text, 11, '0'), '{patient}', 'full', now(), now()
       FROM generate_series(0, $1 - 1) AS i`,
    [PATIENTS, EMAIL, passwordHash],
  );
  await db.query(
    `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, roles, level, terms_accepted_at, created_at)
     SELECT 'bench.record.doctor.' || i || '@example.test', $2, 'Lekarz', 'Bench ' || i, '{doctor}'::text[], 'full', now(), now()
       FROM generate_series(1, $1) AS i
     UNION ALL SELECT 'bench.record.lab@example.test', $2, 'Laboratorium', 'Bench', '{lab}'::text[], 'full', now(), now()`,
    [DOCTORS, passwordHash],
  );
  lap(`${PATIENTS.toLocaleString('en')} patients, ${DOCTORS} doctors`);

  await db.query(`INSERT INTO "booking"."facilities" (name, city, address, opening_hours)
                  VALUES ('Bench record Warszawa', 'Warszawa', 'ul. Testowa 1', 'pon.–pt. 7:00–18:00')`);
  await db.query(`INSERT INTO "booking"."services" (name, kind, specialty, channels, basic_allowed, requires_referral)
                  VALUES ('Bench record internista', 'consultation', 'Interna', ARRAY['in_person','phone'], true, false),
                         ('Bench record kardiolog', 'consultation', 'Kardiologia', ARRAY['in_person'], false, false),
                         ('Bench record morfologia', 'test', NULL, ARRAY['in_person'], true, false),
                         ('Bench record rehabilitacja', 'rehabilitation', 'Rehabilitacja', ARRAY['in_person'], false, true)`);
  await db.query(
    `INSERT INTO "booking"."doctors" (name, specialties, account_id)
     SELECT 'lek. ' || a.first_name || ' ' || a.last_name, ARRAY['Bench'], a.id
       FROM "identity"."accounts" a WHERE 'doctor' = ANY(a.roles)`,
  );
  // Doctor n works for service n mod 4.
  await db.query(`
    CREATE TEMP TABLE bench_doctors ON COMMIT DROP AS
    SELECT d.n, d.id AS doctor_id, d.account_id, d.name AS doctor_name, sv.id AS service_id, sv.name AS service_name,
           sv.kind AS service_kind, (SELECT id FROM "booking"."facilities") AS facility_id
      FROM (SELECT id, account_id, name, row_number() OVER (ORDER BY name) - 1 AS n FROM "booking"."doctors") d
      JOIN (SELECT id, name, kind, row_number() OVER (ORDER BY name) - 1 AS n FROM "booking"."services") sv
        ON sv.n = d.n % 4`);
  await db.query(
    `INSERT INTO "booking"."doctor_services" (doctor_id, service_id) SELECT doctor_id, service_id FROM bench_doctors`,
  );

  // Visit k of patient p: a week apart per k, patients a second apart (unique per doctor and start), all past.
  await db.query(
    `CREATE TEMP TABLE bench_visits ON COMMIT DROP AS
     SELECT gen_random_uuid() AS appointment_id, gen_random_uuid() AS slot_id, p.id AS patient_id, p.n AS p, k,
            date_trunc('hour', now()) - interval '1 day' - k * interval '7 days' - p.n * interval '1 second' AS starts_at,
            d.doctor_id, d.account_id, d.doctor_name, d.service_id, d.service_name, d.service_kind, d.facility_id
       FROM (SELECT id, row_number() OVER (ORDER BY (email = $1) DESC, id) - 1 AS n
               FROM "identity"."accounts" WHERE 'patient' = ANY(roles)) p
       CROSS JOIN LATERAL generate_series(1, CASE WHEN p.n = 0 THEN $2::int ELSE $3::int END) AS k
       JOIN bench_doctors d ON d.n = (p.n + k) % $4`,
    [EMAIL, VISITS, OTHER_VISITS, DOCTORS],
  );
  await db.query(
    `INSERT INTO "booking"."slots" (id, service_id, doctor_id, facility_id, channel, starts_at, ends_at)
     SELECT slot_id, service_id, doctor_id, facility_id, 'in_person', starts_at, starts_at + interval '15 minutes'
       FROM bench_visits`,
  );
  await db.query(
    `INSERT INTO "booking"."appointments" (id, slot_id, patient_id, status, source, booked_by, booked_at, starts_at, ends_at)
     SELECT appointment_id, slot_id, patient_id, 'completed', 'portal', patient_id, starts_at - interval '7 days',
            starts_at, starts_at + interval '15 minutes'
       FROM bench_visits`,
  );
  lap('booking: slots and completed appointments');
  await db.query(
    `INSERT INTO "consultations"."visit_outcomes" (appointment_id, patient_id, doctor_account_id, doctor_id, doctor_name,
            service_id, service_name, service_kind, channel, starts_at, status, notes, recommendations, diagnoses, completed_at)
     SELECT appointment_id, patient_id, account_id, doctor_id, doctor_name, service_id, service_name, service_kind,
            'in_person', starts_at, 'completed', 'Pacjent zgłasza się na wizytę kontrolną. Stan ogólny dobry.',
            'Kontynuować dotychczasowe leczenie. Kontrola za 3 miesiące, wcześniej w razie pogorszenia. Dieta ubogotłuszczowa, ruch 30 minut dziennie.',
            ($1::jsonb)->(((p + k) % jsonb_array_length($1::jsonb))::int), starts_at + interval '20 minutes'
       FROM bench_visits`,
    [JSON.stringify(DIAGNOSES)],
  );
  // The measured patient: a referral every 10th visit and an answered question every 20th; everybody else: a referral
  // on their first visit.
  await db.query(
    `INSERT INTO "consultations"."referrals" (appointment_id, patient_id, doctor_id, doctor_name, kind, service_id,
            service_name, sessions_total, sessions_used, issued_at, valid_until)
     SELECT v.appointment_id, v.patient_id, v.doctor_id, v.doctor_name, 'rehabilitation', s.id, s.name, 10,
            CASE WHEN v.k % 3 = 0 THEN 10 ELSE 2 END, v.starts_at + interval '20 minutes', v.starts_at + interval '90 days'
       FROM bench_visits v, "booking"."services" s
      WHERE s.kind = 'rehabilitation' AND ((v.p = 0 AND v.k % 10 = 0) OR (v.p > 0 AND v.k = 1))`,
  );
  await db.query(
    `INSERT INTO "consultations"."questions" (appointment_id, patient_id, doctor_account_id, text, asked_at, status, answer, answered_at)
     SELECT appointment_id, patient_id, account_id, 'Czy mogę przyjmować lek wieczorem zamiast rano?',
            starts_at + interval '1 day', 'answered', 'Tak, byle codziennie o tej samej porze.', starts_at + interval '2 days'
       FROM bench_visits WHERE p = 0 AND k % 20 = 0`,
  );
  lap('consultations: outcomes, referrals, questions');

  // Lab reports: r of patient p, a fortnight apart per r; PER_REPORT values each.
  await db.query(
    `CREATE TEMP TABLE bench_reports ON COMMIT DROP AS
     SELECT gen_random_uuid() AS id, p.id AS patient_id, p.n AS p, r,
            date_trunc('hour', now()) - interval '2 days' - r * interval '14 days' - p.n * interval '1 second' AS effective_at
       FROM (SELECT id, row_number() OVER (ORDER BY (email = $1) DESC, id) - 1 AS n
               FROM "identity"."accounts" WHERE 'patient' = ANY(roles)) p
       CROSS JOIN LATERAL generate_series(1, CASE WHEN p.n = 0 THEN $2::int ELSE $3::int END) AS r`,
    [EMAIL, Math.ceil(OBSERVATIONS / PER_REPORT), Math.ceil(OTHER_OBSERVATIONS / PER_REPORT)],
  );
  await db.query(
    `INSERT INTO "consultations"."lab_reports" (id, patient_id, lab_account_id, source_key, code, name, status, laboratory,
            effective_at, issued_at, received_at)
     SELECT b.id, b.patient_id, lab.id, 'bench-' || b.id, '24323-8', 'Pakiet badań kontrolnych', 'final', 'Bench Lab',
            b.effective_at, b.effective_at + interval '6 hours', b.effective_at + interval '6 hours'
       FROM bench_reports b, "identity"."accounts" lab WHERE lab.email = 'bench.record.lab@example.test'`,
  );
  await db.query(
    // Materialised, so each value is drawn once and its flag is computed from that value.
    `WITH v AS MATERIALIZED (
       SELECT b.id AS report_id, b.patient_id, b.effective_at, t.position, t.code, t.name, t.unit,
              t.low::numeric AS low, t.high::numeric AS high,
              round((t.typical * (0.8 + random() * 0.4))::numeric, 2) AS value
         FROM bench_reports b
         CROSS JOIN jsonb_to_recordset($1::jsonb)
              AS t(position int, code text, name text, unit text, low float8, high float8, typical float8))
     INSERT INTO "consultations"."lab_observations" (id, report_id, patient_id, position, code, name, value, unit,
            reference_low, reference_high, flag, effective_at)
     SELECT gen_random_uuid(), report_id, patient_id, position, code, name, value, unit, low, high,
            CASE WHEN value < low THEN 'low' WHEN value > high THEN 'high' ELSE 'normal' END, effective_at
       FROM v`,
    [
      JSON.stringify(
        PARAMETERS.map(([code, name, unit, low, high, typical], position) => ({
          position,
          code,
          name,
          unit,
          low,
          high,
          typical,
        })),
      ),
    ],
  );
  lap('consultations: lab reports and values');
  await db.query('COMMIT');
  await db.query('VACUUM ANALYZE');
  const after = await seeded(db);
  lap(
    `seeded: ${after.patients.toLocaleString('en')} patients, ${after.allVisits.toLocaleString('en')} visits, ` +
      `${after.allObservations.toLocaleString('en')} lab values`,
  );
  return after;
}

function cannon(options) {
  return closedLoop({ pids, database: DATABASE, connections: CONNECTIONS, duration: DURATION, ...options });
}

async function main() {
  log('Treatment record benchmark');
  if (!env.SKIP_BUILD) {
    log('• building (tsc -b tsconfig.build.json)');
    const built = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  await ensureDatabase(DATABASE_URL);
  log(
    `• starting ${SERVICES.join(', ')} and the gateway on ${BASE_URL} (bus prefix ${BUS_PREFIX}, database ${DATABASE_URL})`,
  );
  for (const service of SERVICES) start(service);
  await sleep(1500);
  start('gateway');
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await migrated(db);
  await waitFor(async () => (await fetch(`${BASE_URL}/api/catalog/cities`)).status === 200, 'the gateway');

  log('• seeding');
  const counts = await seed(db);
  await db.end();

  log('• the measured patient logs in');
  const login = await json('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.accessToken;
  const headers = { authorization: `Bearer ${token}` };
  const visits = await json('GET', VISITS_PAGE, undefined, token);
  const results = await json('GET', RESULTS_PAGE, undefined, token);
  if (visits.status !== 200 || visits.body.total !== VISITS)
    throw new Error(`record/visits answered ${visits.status}: ${JSON.stringify(visits.body).slice(0, 300)}`);
  if (results.status !== 200 || results.body.total !== Math.ceil(OBSERVATIONS / PER_REPORT))
    throw new Error(`results answered ${results.status}: ${JSON.stringify(results.body).slice(0, 300)}`);
  const bytes = (response) => Buffer.byteLength(JSON.stringify(response.body));
  log(
    `  first page: ${visits.body.items.length} of ${visits.body.total} visits (${bytes(visits)} B), ` +
      `${results.body.items.length} of ${results.body.total} results with ` +
      `${results.body.items.reduce((sum, item) => sum + item.observations.length, 0)} values (${bytes(results)} B)`,
  );

  const endpoints = [
    [`GET ${VISITS_PAGE}`, `${BASE_URL}${VISITS_PAGE}`],
    [`GET ${RESULTS_PAGE}`, `${BASE_URL}${RESULTS_PAGE}`],
  ];
  // Warm-up, not measured: the first seconds after start run unoptimised code (JIT) in every process.
  for (const [, url] of endpoints) await cannon({ url, headers, duration: WARM_UP_S });
  const rows = [];
  for (const [name, url] of endpoints) {
    log(`• ${name}, ${CONNECTIONS} connections, ${DURATION} s`);
    rows.push(report(`${name}, ${CONNECTIONS} connections`, await cannon({ url, headers }), TARGET));
  }

  const [load1, load5] = loadavg();
  log(`\nLoad average (1 / 5 min) at the end: ${load1.toFixed(2)} / ${load5.toFixed(2)} on ${cpus().length} cores`);
  log('\n| endpoint | req/s | p50 ms | p95 ms | p99 ms | non-2xx | target met |');
  log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const met = row['req/s'] >= 800 && row['p99 ms'] <= 60 && row['non-2xx'] === 0 && row.errors === 0;
    log(
      `| ${row.scenario} | ${row['req/s']} | ${row['p50 ms']} | ${row['p95 ms']} | ${row['p99 ms']} | ${row['non-2xx']} | ${met ? 'yes' : 'NO'} |`,
    );
  }
  log('\nResults (JSON):');
  log(
    JSON.stringify(
      { ...counts, durationS: DURATION, connections: CONNECTIONS, load: [load1, load5], results: rows },
      null,
      2,
    ),
  );
  await stopAndWait();
  if (env.PROFILE_DIR) log(`CPU profiles in ${env.PROFILE_DIR} (open in Chrome DevTools → Performance)`);
}

main().catch((error) => {
  process.stderr.write(`✗ ${error.stack ?? error}\n`);
  stopAll();
  process.exit(1);
});
