/**
 * What the gateway benchmarks (bench:booking, bench:record) share: services
 * started from dist/ as child processes on a private port, bus prefix and
 * database; JSON requests; closed-loop runs with autocannon, measured with
 * the CPU each process spent; and one printed row per scenario.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { cpuMeter } from './cpu-meter.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const log = (line) => process.stdout.write(`${line}\n`);

/** A JSON request to the stack at `baseUrl`: { status, body }. */
export function jsonClient(baseUrl) {
  return async function json(method, path, body, token) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * Services of this repository as child processes. `env` is what every one of
 * them gets (DATABASE_URL, NATS_URL, BUS_PREFIX, PORT, rate limits, …);
 * `profileDir` makes them write V8 CPU profiles there when they stop. A
 * service that exits while the bench runs ends the bench.
 */
export function serviceStack({ env, profileDir }) {
  const children = [];
  const pids = {};
  let stopping = false;

  /** Starts `service` from dist/; `label` names the process (pids, profile) when one service runs twice. */
  function start(service, extraEnv = {}, label = service) {
    const profile = profileDir
      ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${label}.cpuprofile`]
      : [];
    if (profileDir) profile.push('--import', new URL('./exit-on-sigusr2.mjs', import.meta.url).href);
    const child = spawn(process.execPath, [...profile, join(ROOT, 'services', service, 'dist', 'main.js')], {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        SEED_DEMO_DATA: 'false',
        INSTANCE_ID: `bench-${label.replaceAll(' ', '-')}`,
        ...env,
        ...extraEnv,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    pids[label] = child.pid;
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`✗ ${label} exited (${code ?? signal})`);
        process.exit(1);
      }
    });
    return child;
  }

  function stopAll() {
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(profileDir ? 'SIGUSR2' : 'SIGTERM');
  }

  /** Stops every service and resolves when all have exited. */
  async function stopAndWait() {
    stopAll();
    await Promise.all(children.map((child) => child.exitCode ?? new Promise((resolve) => child.once('exit', resolve))));
  }

  process.on('exit', stopAll);
  process.on('SIGINT', () => process.exit(130));
  return { start, stopAll, stopAndWait, pids };
}

/** Polls `check` until it resolves truthy (a throw counts as not yet). */
export async function waitFor(check, what, timeoutMs = 60_000) {
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

/**
 * One closed-loop autocannon run (each connection sends its next request when
 * the last is answered), with the CPU ms per request of every process in
 * `pids`, the load generator, nats-server and the PostgreSQL backends of
 * `database`.
 */
export function closedLoop({ pids, database, ...options }) {
  return new Promise((resolve, reject) => {
    // A run of a fixed number of requests ends at autocannon's next sample tick: ticks 100 ms apart keep its
    // duration (and so the rate) from being rounded up to whole seconds.
    const settings = options.amount ? { sampleInt: 100, ...options } : options;
    const meter = cpuMeter(pids, database).start();
    const instance = autocannon(settings, (error, result) =>
      error ? reject(error) : resolve({ ...result, cpuPerRequest: meter.stop(result.requests.total) }),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/**
 * The closed loop of `closedLoop` spread over several gateways (`bases`: their
 * origins; `options.url` names the first): the connections (and a fixed
 * amount of requests) split evenly, all running at once, one CPU meter over
 * all. The merged row sums the rates and takes the worst of each percentile.
 */
export async function closedLoopAcross(bases, { pids, database, ...options }) {
  if (bases.length === 1) return closedLoop({ pids, database, ...options });
  const share = (n) => Math.max(1, Math.ceil(n / bases.length));
  const settings = {
    ...(options.amount ? { sampleInt: 100 } : {}),
    ...options,
    connections: share(options.connections),
    ...(options.amount ? { amount: share(options.amount) } : {}),
  };
  const meter = cpuMeter(pids, database).start();
  const runs = await Promise.all(
    bases.map(
      (base) =>
        new Promise((resolve, reject) => {
          const url = new URL(settings.url);
          const target = `${base}${url.pathname}${url.search}`;
          autocannon({ ...settings, url: target }, (error, result) => (error ? reject(error) : resolve(result)));
        }),
    ),
  );
  const total = runs.reduce((sum, run) => sum + run.requests.total, 0);
  const worst = (p) => Math.max(...runs.map((run) => percentiles(run)[p]));
  return {
    requests: { total, average: runs.reduce((sum, run) => sum + run.requests.average, 0) },
    duration: Math.max(...runs.map((run) => run.duration)),
    latency: { p50: worst('p50'), p95: worst('p95'), p99: worst('p99') },
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
    cpuPerRequest: meter.stop(total),
  };
}

/** Nearest-rank percentiles `ps` (0–100) of raw `values`, sorted once; NaN where there are none. */
export function percentilesOf(values, ps) {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN,
  );
}

/** p50/p95/p99 from autocannon's histogram (it reports p97.5, not p95: read p95 from the raw percentiles). */
export function percentiles(result) {
  const latency = result.latency;
  return { p50: latency.p50, p95: latency.p95 ?? interpolate(latency, 95), p99: latency.p99 };
}

function interpolate(latency, p) {
  // autocannon 8+ reports p90 and p97_5; p95 lies between them.
  const lo = latency.p90;
  const hi = latency.p97_5;
  return Math.round((lo + ((hi - lo) * (p - 90)) / 7.5) * 100) / 100;
}

/** Prints and returns one scenario's row. */
export function report(name, result, target) {
  const { p50, p95, p99 } = percentiles(result);
  const row = {
    scenario: name,
    // autocannon's average is over whole seconds, so 900 bookings in 2.2 s would read as 300/s; divide by the duration.
    'req/s': Math.round(result.duration ? result.requests.total / result.duration : result.requests.average),
    requests: result.requests.total,
    'p50 ms': p50,
    'p95 ms': p95,
    'p99 ms': p99,
    'non-2xx': result.non2xx,
    errors: result.errors + result.timeouts,
    target,
    'CPU ms per request': result.cpuPerRequest,
  };
  log(`  ${JSON.stringify(row)}`);
  return row;
}
