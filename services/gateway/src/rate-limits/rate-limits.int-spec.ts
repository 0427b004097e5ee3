import { ErrorCode } from '@pacjent/contracts';
import { loadConfig } from '@pacjent/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, connect as tcpConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayConfig } from '../config';
import { RateLimits } from './rate-limits';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN || 'redis-server';

/** A Redis of this test's own (it is stopped halfway), on a free port, keeping nothing on disk. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await sleep(25);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
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

describe('rate limits when Redis goes away', () => {
  it('keep answering at once and keep limiting, per replica, while Redis is down', async () => {
    const redis = await startRedis();
    const config = loadConfig(GatewayConfig, {
      ...process.env,
      REDIS_URL: redis.url,
      RATE_LIMIT_PREFIX: `test:${randomUUID()}`,
      RATE_LIMIT_CONTACT_PER_HOUR: '3',
    });
    const limits = await RateLimits.connect(config);
    try {
      const client = { ip: '198.51.100.7' };
      await limits.consume('contact-request', client);
      await redis.stop();

      // Redis is gone: decisions come from this replica's memory, without waiting for a reconnect.
      const started = Date.now();
      await limits.consume('contact-request', client);
      await limits.consume('contact-request', client);
      await limits.consume('contact-request', client);
      await expect(limits.consume('contact-request', client)).rejects.toMatchObject({
        code: ErrorCode.TOO_MANY_REQUESTS,
        details: { retryAfterSeconds: expect.any(Number) },
      });
      expect(Date.now() - started).toBeLessThan(1500);
      // Another client still gets through.
      await expect(limits.consume('contact-request', { ip: '198.51.100.8' })).resolves.toBeUndefined();
    } finally {
      await limits.onApplicationShutdown();
      await redis.stop();
    }
  });
});
