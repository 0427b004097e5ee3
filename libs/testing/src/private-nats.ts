import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from 'nats';
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

  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  const start = async () => {
    child = await launchNatsServer(['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, 'js')], url);
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

/** Spawns a nats-server with `args`; resolves once it accepts connections at `url` (or throws with its output). */
async function launchNatsServer(args: string[], url: string): Promise<ChildProcess> {
  let output = '';
  const started = spawn(NATS_SERVER, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    if (started.exitCode !== null) throw new Error(`nats-server exited: ${output}`);
    try {
      const connection = await connect({ servers: url, maxReconnectAttempts: 0 });
      await connection.close();
      return started;
    } catch (error) {
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`nats-server did not start: ${String(error)} ${output}`);
      }
      await sleep(50);
    }
  }
}

/** One server of a PrivateNatsCluster. */
export interface NatsClusterNode {
  name: string;
  /** Its client URL alone. */
  url: string;
  running(): boolean;
  /** SIGKILL by default: a node lost, nothing flushed. Resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same ports and JetStream storage (it rejoins and catches up). */
  start(): Promise<void>;
}

/**
 * Three (or `size`) nats-servers of this test's own, clustered on localhost
 * (routes between them, JetStream on each with its own storage): streams can
 * have up to `size` replicas, and one node can be killed while the others
 * carry on. No users: the permissions are startSecuredNats's business.
 */
export interface PrivateNatsCluster {
  /** Every node's URL, comma-separated: what NATS_URL holds for a cluster. */
  url: string;
  nodes: NatsClusterNode[];
  /** The node a connection is on right now. */
  nodeOf(connection: NatsConnection): NatsClusterNode;
  /** Resolves once JetStream can place a stream on every running node (a meta leader, every peer known). */
  jetStreamReady(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateNatsCluster(size = 3): Promise<PrivateNatsCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'pacjent-nats-cluster-'));
  const ports = await Promise.all(Array.from({ length: size }, async () => [await freePort(), await freePort()]));
  const routes = ports.map(([, routePort]) => `nats://127.0.0.1:${routePort}`);
  const nodes = ports.map(([port, routePort], index): NatsClusterNode => {
    const name = `node-${index + 1}`;
    const url = `nats://127.0.0.1:${port}`;
    const args = [
      ...['-a', '127.0.0.1', '-p', String(port), '-n', name],
      ...['-js', '-sd', join(dir, name)],
      ...['--cluster_name', 'pacjent-test', '--cluster', `nats://127.0.0.1:${routePort}`],
      ...['--routes', routes.filter((_, other) => other !== index).join(',')],
    ];
    let child: ChildProcess | null = null;
    return {
      name,
      url,
      running: () => child !== null,
      async stop(signal: NodeJS.Signals = 'SIGKILL') {
        const running = child;
        child = null;
        if (!running || running.exitCode !== null || running.signalCode !== null) return;
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill(signal);
        await exited;
      },
      async start() {
        child = await launchNatsServer(args, url);
      },
    };
  });
  const url = nodes.map((node) => node.url).join(',');

  const jetStreamReady = async () => {
    const deadline = Date.now() + START_DEADLINE_MS;
    const running = nodes.filter((node) => node.running()).map((node) => node.url);
    const connection = await connect({ servers: running, maxReconnectAttempts: -1 });
    try {
      for (;;) {
        try {
          // Ready = a stream with a copy on every running node can be placed (every peer known, a meta leader).
          const manager = await connection.jetstreamManager();
          const probe = `READY_${randomUUID().slice(0, 8)}`;
          await manager.streams.add({ name: probe, subjects: [`${probe}.>`], num_replicas: running.length });
          await manager.streams.delete(probe);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`JetStream not ready in the cluster: ${String(error)}`);
          await sleep(100);
        }
      }
    } finally {
      await connection.close();
    }
  };
  const close = async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all(nodes.map((node) => node.start()));
    await jetStreamReady();
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    nodes,
    nodeOf(connection) {
      const server = connection.getServer();
      const node = nodes.find((candidate) => candidate.url === `nats://${server}`);
      if (!node) throw new Error(`connected to ${server}, not a node of this cluster`);
      return node;
    },
    jetStreamReady,
    close,
  };
}
