/**
 * The stack `npm run chaos` breaks: a nats-server of its own (JetStream on
 * disk, own port), a TCP relay in front of the machine's PostgreSQL (cut to
 * play a PostgreSQL restart: the machine's server is shared and is never
 * restarted), a local S3, two replicas of every service and two gateways,
 * all from dist/, each process with its own HEALTH_PORT for readiness.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { log, ROOT } from '../bench/harness.mjs';
import { roundRobinRelay } from './front.mjs';

export const SERVICES = ['identity', 'booking', 'files', 'prescriptions', 'consultations'];
const NATS_SERVER = process.env.NATS_SERVER_BIN || '/usr/sbin/nats-server';
/** A folder for every process's log (`<name>.log`, appended across restarts), at CHAOS_LOG_LEVEL; unset: errors to stderr. */
const LOG_DIR = process.env.CHAOS_LOG_DIR;

/** A TCP relay to host:port that can be cut (every connection dropped, new ones refused) and opened again. */
export function tcpRelay(port, upstreamHost, upstreamPort) {
  let server = null;
  const sockets = new Set();
  return {
    async open() {
      if (server) return;
      server = createServer((client) => {
        const upstream = connect(upstreamPort, upstreamHost);
        // One side gone (even reset, as after kill -9) ends the other: PostgreSQL then rolls back what the dead process held.
        for (const [socket, peer] of [
          [client, upstream],
          [upstream, client],
        ]) {
          sockets.add(socket);
          socket.on('close', () => {
            sockets.delete(socket);
            peer.destroy();
          });
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async cut() {
      const closing = server;
      server = null;
      if (!closing) return;
      const closed = new Promise((resolve) => closing.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function waitFor(check, what, timeoutMs = 180_000) {
  lastReadiness = '';
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what} not ready in ${timeoutMs / 1000} s (last readiness: ${lastReadiness || 'no answer'})`);
    await sleep(100);
  }
}

let lastReadiness = '';
/**
 * Back in service: `/ready` answers 200. Readiness checks PostgreSQL on a
 * connection of its own (libs/platform/src/database-probe.ts), so a busy pool
 * no longer reads as `postgres` and needs no allowance here.
 */
const ready = (healthPort) => async () => {
  const response = await fetch(`http://127.0.0.1:${healthPort}/ready`);
  lastReadiness = `${response.status} ${JSON.stringify(await response.json())}`;
  return response.status === 200;
};

/**
 * Starts everything. `basePort`: gateways on basePort and basePort+1, S3 on
 * +2, NATS on +3, the PostgreSQL relay on +4, the front for both gateways on
 * +5, health ports from +10. With `bus` (a NATS cluster,
 * tools/chaos/nats-cluster.mjs) no nats-server of its own: every process
 * connects with `bus.envOf(<its user>)`.
 */
export async function startChaosStack({ basePort, databaseUrl, busPrefix, bus = null }) {
  const dir = mkdtempSync(join(tmpdir(), 'pacjent-chaos-'));
  const gatewayPorts = [basePort, basePort + 1];
  const s3Port = basePort + 2;
  const natsPort = basePort + 3;
  const pgRelayPort = basePort + 4;
  const natsUrl = bus ? bus.adminServers : `nats://127.0.0.1:${natsPort}`;
  const database = new URL(databaseUrl);
  const relayedDatabase = new URL(databaseUrl);
  relayedDatabase.hostname = '127.0.0.1';
  relayedDatabase.port = String(pgRelayPort);
  const pg = tcpRelay(pgRelayPort, database.hostname, Number(database.port || 5432));
  await pg.open();

  let stopping = false;
  /** name → { child, healthPort, start() } */
  const processes = new Map();
  let nats = null;
  let s3 = null;

  if (LOG_DIR) mkdirSync(LOG_DIR, { recursive: true });
  function spawnNode(name, args, env) {
    const logFile = LOG_DIR ? openSync(join(LOG_DIR, `${name}.log`), 'a') : null;
    const child = spawn(process.execPath, args, {
      env: { ...process.env, LOG_LEVEL: LOG_DIR ? (process.env.CHAOS_LOG_LEVEL ?? 'info') : 'error', SEED_DEMO_DATA: 'false', ...env },
      stdio: ['ignore', logFile ?? 'ignore', logFile ?? 'inherit'],
    });
    if (logFile !== null) closeSync(logFile); // the child has its own copy
    child.on('exit', (code, signal) => {
      if (!stopping && !child.expectedExit) log(`  ! ${name} exited unexpectedly (${code ?? signal})`);
    });
    return child;
  }

  const startNats = async () => {
    nats = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(dir, 'js')], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    await waitFor(
      () =>
        new Promise((resolve) => {
          const socket = connect(natsPort, '127.0.0.1', () => {
            socket.destroy();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        }),
      'nats-server',
    );
  };
  const startS3 = async () => {
    s3 = spawnNode('s3', [join(ROOT, 'tools', 'dev', 's3-local.mjs')], {
      S3_PORT: String(s3Port),
      S3_DIRECTORY: join(dir, 's3'),
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${s3Port}/`)).status < 500, 's3');
  };

  let nextHealthPort = basePort + 10;
  function define(service, replica) {
    const name = `${service}-${replica}`;
    const healthPort = nextHealthPort++;
    const entry = {
      name,
      service,
      healthPort,
      child: null,
      start() {
        entry.child = spawnNode(name, [join(ROOT, 'services', service, 'dist', 'main.js')], {
          DATABASE_URL: relayedDatabase.toString(),
          NATS_URL: natsUrl,
          ...bus?.envOf(service),
          BUS_PREFIX: busPrefix,
          INSTANCE_ID: `chaos-${name}`,
          HEALTH_PORT: String(healthPort),
          PORT: String(gatewayPorts[replica - 1]),
          S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
          RATE_LIMIT_PREFIX: `${busPrefix}:`,
          RATE_LIMIT_SEARCH_PER_MINUTE: '0',
          RATE_LIMIT_REGISTER_PER_HOUR: '0',
          DATABASE_POOL_SIZE: '10',
        });
        return waitFor(ready(healthPort), name);
      },
      /** Signals the process and waits until it has exited. */
      async stop(signal) {
        const child = entry.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        child.expectedExit = true;
        const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig)));
        child.kill(signal);
        return exited;
      },
    };
    processes.set(name, entry);
    return entry;
  }

  const front = roundRobinRelay(basePort + 5, gatewayPorts);
  await front.open();
  if (!bus) await startNats();
  await startS3();
  for (const service of SERVICES) for (const replica of [1, 2]) define(service, replica);
  for (const replica of [1, 2]) define('gateway', replica);
  // Replica 1 of every service first (each migrates its schema), then the rest together.
  await Promise.all(SERVICES.map((service) => processes.get(`${service}-1`).start()));
  await Promise.all([...processes.values()].filter((entry) => !entry.child).map((entry) => entry.start()));

  const stopAll = async () => {
    stopping = true;
    await Promise.all([...processes.values()].map((entry) => entry.stop('SIGTERM')));
    for (const child of [nats, s3]) if (child && child.exitCode === null) child.kill('SIGTERM');
    await bus?.stopAll();
    await pg.cut();
    await front.close();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  process.on('exit', () => {
    for (const entry of processes.values()) entry.child?.kill('SIGKILL');
    nats?.kill('SIGKILL');
    s3?.kill('SIGKILL');
  });

  return {
    gatewayUrls: gatewayPorts.map((port) => `http://127.0.0.1:${port}`),
    /** One address for both gateways (roundRobinRelay): what the open streams connect to. */
    frontUrl: front.url,
    natsUrl,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    processes,
    pg,
    nats: {
      async stop(signal = 'SIGTERM') {
        if (bus) throw new Error('the nats scenario restarts a single server: run nats-cluster in a run of its own');
        const child = nats;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      },
      start: startNats,
    },
    s3: {
      async stop() {
        s3.expectedExit = true;
        const child = s3;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
      start: startS3,
    },
    waitReady: (entry) => waitFor(ready(entry.healthPort), entry.name),
    stopAll,
  };
}
