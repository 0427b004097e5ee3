/**
 * npm run bench:health — GET /api/health through the real gateway.
 *
 * Builds (unless SKIP_BUILD=1), starts every service, a local S3 and the
 * gateway from dist/ as child processes on a private bus prefix and port
 * (database BENCH_DATABASE_URL, default postgres://…/pacjent_bench), and
 * measures GET /api/health and GET /api/health/ready with autocannon.
 *
 * Env: BENCH_DATABASE_URL, NATS_URL, BENCH_PORT (3310), DURATION_S (10),
 * CONNECTIONS (50), SKIP_BUILD.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from '../lib/preflight.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent_bench';
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PORT = Number(env.BENCH_PORT ?? 3310);
const S3_PORT = PORT + 1;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DURATION = Number(env.DURATION_S ?? 10);
const CONNECTIONS = Number(env.CONNECTIONS ?? 50);
const BUS_PREFIX = `benchh${randomUUID().slice(0, 6)}`;
const SERVICES = ['identity', 'booking', 'files', 'prescriptions', 'consultations'];
const S3_DIRECTORY = mkdtempSync(join(tmpdir(), 'pacjent-bench-s3-'));

const children = [];
const log = (line) => process.stdout.write(`${line}\n`);
let stopping = false;

function spawnChild(name, args, extraEnv) {
  const child = spawn(process.execPath, args, {
    env: { ...env, DATABASE_URL, NATS_URL, BUS_PREFIX, LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`✗ ${name} exited (${code ?? signal})`);
      process.exit(1);
    }
  });
}

function startService(service) {
  spawnChild(service, [join(ROOT, 'services', service, 'dist', 'main.js')], {
    PORT: String(PORT),
    INSTANCE_ID: `bench-${service}`,
    S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
  });
}

function stopAll() {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(S3_DIRECTORY, { recursive: true, force: true });
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(check, what, timeoutMs = 90_000) {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

function measure(path) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE_URL}${path}`, connections: CONNECTIONS, duration: DURATION }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function main() {
  log('Health benchmark');
  if (!env.SKIP_BUILD) {
    log('• building (tsc -b tsconfig.build.json)');
    const built = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  await ensureDatabase(DATABASE_URL);
  log(`• starting S3, ${SERVICES.join(', ')} and the gateway on ${BASE_URL} (bus prefix ${BUS_PREFIX})`);
  spawnChild('s3', [join(ROOT, 'tools', 'dev', 's3-local.mjs')], {
    S3_PORT: String(S3_PORT),
    S3_DIRECTORY,
  });
  for (const service of SERVICES) startService(service);
  startService('gateway');
  await waitFor(async () => (await fetch(`${BASE_URL}/api/health`)).status === 200, 'every service');

  const rows = [];
  for (const path of ['/api/health', '/api/health/ready']) {
    log(`• GET ${path}: ${CONNECTIONS} connections, ${DURATION} s`);
    await measure(path); // warm-up: the same length, not counted
    const result = await measure(path);
    const failed = result.non2xx + result.errors + result.timeouts;
    rows.push({
      path,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed,
    });
  }
  log('');
  log('| request | req/s | p50 ms | p99 ms | non-2xx + errors |');
  log('|---|---:|---:|---:|---:|');
  for (const row of rows)
    log(`| GET ${row.path} | ${row.rps.toLocaleString('en')} | ${row.p50} | ${row.p99} | ${row.failed} |`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`✗ ${error.message}`);
    process.exit(1);
  },
);
