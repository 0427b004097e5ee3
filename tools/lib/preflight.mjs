/**
 * Checks that PostgreSQL, NATS (with JetStream) and Redis answer before anything is
 * built or started, and explains in one line how to start what is down.
 * Shared by `npm start` (tools/dev/start.mjs) and `npm test` (tools/test/run.mjs).
 */
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import process from 'node:process';
import { connect as natsConnect } from 'nats';
import pg from 'pg';
import { natsAuthOptions } from './nats-users.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/pacjent';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const TIMEOUT_MS = 3000;

/** Resolves to null when a TCP connection opens, else to a short reason ("connection refused"). */
export function tcpCheck(host, port, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', (error) => done(describeSocketError(error)));
  });
}

function describeSocketError(error) {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return error.code ?? error.message;
  }
}

/** The same server as `url`, on its `postgres` maintenance database (the app database may not exist yet). */
export function adminDatabaseUrl(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

async function checkPostgres(url) {
  const target = new URL(url);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 5432);
  const where = `${host}:${port}`;
  const tcp = await tcpCheck(host, port);
  if (tcp) return { name: 'PostgreSQL', variable: 'DATABASE_URL', where, reason: tcp };
  const client = new pg.Client({ connectionString: adminDatabaseUrl(url), connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return {
      name: 'PostgreSQL',
      variable: 'DATABASE_URL',
      where,
      reason: `SELECT 1 failed: ${error.message}`,
      up: true,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkNats(url, auth) {
  const first = url.split(',')[0].trim();
  const target = new URL(first);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 4222);
  const where = `${host}:${port}`;
  const tcp = await tcpCheck(host, port);
  if (tcp) return { name: 'NATS', variable: 'NATS_URL', where, reason: tcp };
  let connection;
  try {
    connection = await natsConnect({
      servers: first,
      timeout: TIMEOUT_MS,
      maxReconnectAttempts: 0,
      name: 'preflight',
      ...auth,
    });
  } catch (error) {
    return { name: 'NATS', variable: 'NATS_URL', where, reason: `connect failed: ${error.message}`, up: true };
  }
  try {
    // Events between services ride JetStream; a server started without -js is not enough.
    await connection.jetstreamManager({ timeout: TIMEOUT_MS });
    return null;
  } catch {
    return {
      name: 'NATS',
      variable: 'NATS_URL',
      where,
      reason: 'JetStream is not enabled (start it with -js)',
      up: true,
    };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Redis (the gateway's shared rate-limit counters): a TCP connection, then PING → +PONG (AUTH first when the URL has a password). */
async function checkRedis(url) {
  const target = new URL(url);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 6379);
  const where = `${host}:${port}`;
  const tcp = await tcpCheck(host, port);
  if (tcp) return { name: 'Redis', variable: 'REDIS_URL', where, reason: tcp };
  if (target.protocol === 'rediss:') return null; // TLS: the gateway itself checks at start-up
  const reply = await new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let text = '';
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(TIMEOUT_MS, () => done(`no answer within ${TIMEOUT_MS / 1000} s`));
    socket.once('error', (error) => done(describeSocketError(error)));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('+PONG')) done(null);
      else if (/^-|\r\n-/.test(text)) done(`PING refused: ${text.replace(/\r\n/g, ' ').trim()}`);
    });
    const password = decodeURIComponent(target.password);
    const user = decodeURIComponent(target.username);
    const auth = password ? `AUTH ${user ? `${user} ` : ''}${password}\r\n` : '';
    socket.once('connect', () => socket.write(`${auth}PING\r\n`));
  });
  return reply ? { name: 'Redis', variable: 'REDIS_URL', where, reason: reply, up: true } : null;
}

const COMPOSE_SERVICE = { PostgreSQL: 'postgres', NATS: 'nats-1 nats-2 nats-3', Redis: 'redis' };

const isLocal = (where) => /^(127\.0\.0\.1|localhost|::1|\[::1\]):/.test(where);

/** The command that starts a dependency on this machine, when we can tell; else null. */
function localStartCommand(problem) {
  if (!isLocal(problem.where)) return null;
  if (problem.name === 'PostgreSQL' && existsSync('/etc/postgresql')) {
    const versions = readdirSync('/etc/postgresql');
    const version = versions.length === 1 ? versions[0] : '<version>';
    return `pg_ctlcluster --skip-systemctl-redirect ${version} main start`;
  }
  if (problem.name === 'NATS' && existsSync('/usr/sbin/nats-server')) {
    return (
      'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- ' +
      '-a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log'
    );
  }
  if (problem.name === 'Redis' && existsSync('/usr/bin/redis-server')) {
    return 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';
  }
  return null;
}

/**
 * One line naming what is down (or up but unusable) and how to start it, e.g.
 * "✗ Not reachable: PostgreSQL at 127.0.0.1:5432 (DATABASE_URL): connection refused. Start it: … — or, with Docker: …"
 */
export function describeProblems(problems) {
  const describe = (p) => `${p.name} at ${p.where} (${p.variable}): ${p.reason}`;
  const down = problems.filter((p) => !p.up);
  const unusable = problems.filter((p) => p.up);
  const sentences = [];
  if (down.length > 0) {
    const commands = down.map(localStartCommand).filter(Boolean);
    const docker = `docker compose up -d ${down.map((p) => COMPOSE_SERVICE[p.name]).join(' ')}`;
    const start = commands.length > 0 ? `${commands.join(' && ')} — or, with Docker: ${docker}` : docker;
    sentences.push(
      `Not reachable: ${down.map(describe).join('; ')}. Start ${down.length > 1 ? 'them' : 'it'}: ${start}`,
    );
  }
  if (unusable.length > 0) sentences.push(`Not usable: ${unusable.map(describe).join('; ')}`);
  return `✗ ${sentences.join('. ')}`;
}

/**
 * Checks every dependency at once (PostgreSQL alone with `{ nats: false, redis: false }`). Returns `{ ok: true }`, or
 * `{ ok: false, line }` where `line` is the single message to print before exiting.
 */
export async function preflight(env = process.env, { nats = true, redis = true } = {}) {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const natsUrl = env.NATS_URL || DEFAULT_NATS_URL;
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const checks = [
    checkPostgres(databaseUrl),
    nats ? checkNats(natsUrl, natsAuthOptions(env, 'gateway')) : null,
    redis ? checkRedis(redisUrl) : null,
  ];
  const problems = (await Promise.all(checks)).filter(Boolean);
  return problems.length === 0 ? { ok: true } : { ok: false, line: describeProblems(problems) };
}

/**
 * Creates the application database once, before several services race to do it
 * (two concurrent CREATE DATABASE can fail with a unique-index violation).
 */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) return;
  const client = new pg.Client({ connectionString: adminDatabaseUrl(url), connectionTimeoutMillis: TIMEOUT_MS });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}
