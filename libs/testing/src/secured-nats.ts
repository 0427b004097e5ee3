import { BUS_USERS, natsServerConfig, type BusUser } from '@pacjent/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';

/** A NATS server of this test's own, with the portal's users and permissions (deploy/nats). */
export interface SecuredNats {
  url: string;
  /** The password of a bus user (random per server). */
  passwordOf(user: BusUser): string;
  /** The environment a process of `user` runs with: NATS_URL, NATS_USER, NATS_PASSWORD. */
  envOf(user: BusUser): { NATS_URL: string; NATS_USER: string; NATS_PASSWORD: string };
  close(): Promise<void>;
}

const NATS_SERVER = process.env.NATS_SERVER_BIN || '/usr/sbin/nats-server';
const START_DEADLINE_MS = 15_000;

/**
 * Starts a real nats-server (JetStream on, in a temporary directory) on a free
 * port, configured with the authorization block generated for `prefix` (this
 * test file's BUS_PREFIX): the same permissions as a deployment.
 */
export async function startSecuredNats(prefix = process.env.BUS_PREFIX || 'pacjent'): Promise<SecuredNats> {
  const dir = await mkdtemp(join(tmpdir(), 'pacjent-nats-'));
  const passwords = Object.fromEntries(BUS_USERS.map((user) => [user, randomBytes(12).toString('hex')])) as Record<
    BusUser,
    string
  >;
  const configFile = join(dir, 'nats-server.conf');
  await writeFile(configFile, natsServerConfig({ prefix, passwordOf: (user) => ({ literal: passwords[user] }) }));
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  const child = spawn(
    NATS_SERVER,
    ['-c', configFile, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'js')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => (output += String(error)));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, url, passwords.gateway, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url,
    passwordOf: (user) => passwords[user],
    envOf: (user) => ({ NATS_URL: url, NATS_USER: user, NATS_PASSWORD: passwords[user] }),
    close,
  };
}

/** Polls (with a deadline) until the server accepts the gateway's login. */
async function waitUntilReady(child: ChildProcess, url: string, password: string, output: () => string): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${output()}`);
    try {
      const connection = await connect({ servers: url, user: 'gateway', pass: password, maxReconnectAttempts: 0 });
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`nats-server did not start within ${START_DEADLINE_MS} ms: ${String(error)} ${output()}`);
      await sleep(50);
    }
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
