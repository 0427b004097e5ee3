import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { freePort } from './secured-nats';

const NATS_SERVER = process.env.NATS_SERVER_BIN || '/usr/sbin/nats-server';
const START_DEADLINE_MS = 15_000;

/**
 * A nats-server of this test's own (JetStream on, no users) that the test may
 * kill and start again on the same port and storage directory: a NATS
 * restart as the processes connected to it see one. The machine's NATS is
 * shared and must never be restarted.
 */
export interface PrivateNats {
  url: string;
  /** Stops the server (SIGKILL by default: nothing flushed on the way out) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again with the same port and JetStream storage; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its storage. */
  close(): Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateNats> {
  const dir = await mkdtemp(join(tmpdir(), 'pacjent-nats-'));
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  const start = async () => {
    output = '';
    const started = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'js')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`nats-server exited: ${output}`);
      try {
        const connection = await connect({ servers: url, maxReconnectAttempts: 0 });
        await connection.close();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`nats-server did not start: ${String(error)} ${output}`);
        await sleep(50);
      }
    }
  };

  try {
    await start();
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop,
    start,
    close: async () => {
      await stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
