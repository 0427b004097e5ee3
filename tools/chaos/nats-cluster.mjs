/**
 * Chaos scenario `nats-cluster` (issue 15, scenario 7): the stack runs on a
 * 3-node NATS cluster instead of one server, and the node most of its
 * connections are on — made the leader of booking's event stream first — is
 * killed with SIGKILL under the load. The processes reconnect to the other
 * two nodes, the stream (3 replicas) elects another leader, and afterwards
 * every event booking's outbox had acknowledged is in the stream exactly once.
 *
 * The cluster: three nats-servers on free ports, each with its own JetStream
 * directory, routes to the other two, a monitoring port, and the users and
 * permissions generated from libs/platform/src/bus-permissions.ts (every
 * process connects as its own user, as deployed; a connection without
 * credentials is the script's own `chaos` user, for its checks). The processes get NATS_URL with the three servers and
 * JETSTREAM_REPLICAS=3, as docker-compose.yml gives them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { log, ROOT } from '../bench/harness.mjs';

const NATS_SERVER = process.env.NATS_SERVER_BIN || '/usr/sbin/nats-server';
const STREAM = 'PACJENT_BOOKING_EVENTS';
const REPLICAS = 3;
/** How long the killed node stays down before it is started again (as an orchestrator would). */
const DOWN_S = 5;
/** Active slot alerts for the load's service: each cancellation then gives one booking event. */
const ALERTS = 2000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, check, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

const monitor = async (node, path) => (await fetch(`http://127.0.0.1:${node.monitorPort}${path}`)).json();

/**
 * Starts the cluster; resolves once JetStream has a meta leader and all
 * three peers. Returns what startChaosStack needs as its `bus`.
 */
export async function startNatsCluster({ busPrefix, size = 3 }) {
  const dir = mkdtempSync(join(tmpdir(), 'pacjent-chaos-nats-'));
  const require = createRequire(import.meta.url);
  const { BUS_USERS, natsServerConfig } = require(join(ROOT, 'libs/platform/dist/bus-permissions.js'));
  const passwords = Object.fromEntries([...BUS_USERS, 'chaos'].map((user) => [user, randomBytes(12).toString('hex')]));
  const authorization = natsServerConfig({
    prefix: busPrefix,
    passwordOf: (user) => ({ literal: passwords[user] }),
  }).replace('  users = [\n', `  users = [\n    { user: "chaos", password: "${passwords.chaos}" }\n`);
  writeFileSync(join(dir, 'authorization.conf'), authorization);

  const nodes = [];
  for (let index = 1; index <= size; index++) {
    nodes.push({
      name: `nats-${index}`,
      port: await freePort(),
      routePort: await freePort(),
      monitorPort: await freePort(),
    });
  }
  for (const node of nodes) {
    const routes = nodes.filter((other) => other !== node).map((other) => `"nats://127.0.0.1:${other.routePort}"`);
    node.url = `nats://127.0.0.1:${node.port}`;
    node.config = join(dir, `${node.name}.conf`);
    writeFileSync(
      node.config,
      [
        `server_name: ${node.name}`,
        `listen: 127.0.0.1:${node.port}`,
        `http: 127.0.0.1:${node.monitorPort}`,
        `jetstream { store_dir: "${join(dir, node.name)}" }`,
        `cluster { name: pacjent-chaos, listen: 127.0.0.1:${node.routePort}, routes: [${routes.join(', ')}] }`,
        'include ./authorization.conf',
        // The script's own checks connect without credentials, as `chaos` (every subject): the stack's processes log in.
        'no_auth_user: chaos',
        '',
      ].join('\n'),
    );
    node.child = null;
    node.start = async () => {
      let output = '';
      node.child = spawn(NATS_SERVER, ['-c', node.config], { stdio: ['ignore', 'ignore', 'pipe'] });
      node.child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
      const child = node.child;
      await until(`${node.name} up`, async () => {
        if (child.exitCode !== null) throw new Error(`${node.name} exited: ${output}`);
        return (await fetch(`http://127.0.0.1:${node.monitorPort}/varz`)).ok;
      }).catch((error) => {
        throw new Error(`${error.message}\n${output}`);
      });
    };
    node.stop = async (signal) => {
      const child = node.child;
      node.child = null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    };
  }
  process.on('exit', () => nodes.forEach((node) => node.child?.kill('SIGKILL')));

  await Promise.all(nodes.map((node) => node.start()));
  await until('a JetStream meta leader with every peer', async () => {
    const { meta_cluster: meta } = await monitor(nodes[0], '/jsz');
    return Boolean(meta?.leader) && meta.cluster_size === size;
  });

  const url = nodes.map((node) => node.url).join(',');
  // The script's own connections (checks, and chaos.mjs's outbox check): no credentials, so the `chaos` user.
  const adminServers = nodes.map((node) => node.url);
  return {
    url,
    nodes,
    adminServers,
    envOf: (user) => ({
      NATS_URL: url,
      NATS_USER: user,
      NATS_PASSWORD: passwords[user],
      JETSTREAM_REPLICAS: String(REPLICAS),
    }),
    admin: () => connect({ servers: adminServers, maxReconnectAttempts: -1, reconnectTimeWait: 200 }),
    async stopAll() {
      await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The stack's connections on each running node: names end with the INSTANCE_ID `chaos-<process>`. */
async function stackConnections(cluster) {
  const counts = new Map();
  for (const node of cluster.nodes.filter((candidate) => candidate.child)) {
    const { connections = [] } = await monitor(node, '/connz?limit=4096');
    counts.set(node, connections.filter((connection) => /-chaos-/.test(connection.name ?? '')).length);
  }
  return counts;
}

/** A short timeout: without a leader the stream does not answer, and the wait for one is what is measured. */
async function streamInfo(admin) {
  return (await admin.jetstreamManager({ timeout: 1000 })).streams.info(STREAM);
}

/** Steps the stream's leader down until `node` leads it (JetStream picks the new leader among the copies). */
async function leadStreamFrom(admin, node) {
  for (let attempt = 0; attempt < 15; attempt++) {
    const leader = (await streamInfo(admin)).cluster?.leader;
    if (leader === node.name) return true;
    await admin.request(`$JS.API.STREAM.LEADER.STEPDOWN.${STREAM}`, undefined, { timeout: 5000 }).catch(() => null);
    await until('a new stream leader', async () => {
      const next = (await streamInfo(admin)).cluster?.leader;
      return next && next !== leader;
    });
  }
  return false;
}

/**
 * Every event booking's outbox acknowledged (published_at set) against the
 * stream's messages, by message id (= outbox id): missing, or there twice.
 */
async function eventsInStream(db, admin) {
  const { rows } = await db.query(`SELECT id::text FROM booking.outbox WHERE published_at IS NOT NULL`);
  const info = await streamInfo(admin);
  const seen = new Map();
  const total = info.state.messages;
  // An ordered consumer from the first message, read until the stream's last sequence.
  const consumer = await admin.jetstream().consumers.get(STREAM);
  let read = 0;
  while (read < total) {
    const messages = await consumer.fetch({ max_messages: Math.min(500, total - read), expires: 5000 });
    let got = 0;
    for await (const message of messages) {
      const id = message.headers?.get('Nats-Msg-Id') ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
      got += 1;
    }
    if (got === 0) break;
    read += got;
  }
  const missing = rows.filter((row) => !seen.has(row.id)).length;
  const doubled = [...seen.values()].filter((count) => count > 1).length;
  return { acknowledged: rows.length, inStream: read, missing, doubled, replicas: info.config.num_replicas };
}

/**
 * What each gateway's notification consumer has not received yet
 * (`pacjent_jetstream_consumer_pending_messages` on its HEALTH_PORT), or
 * `not reading` when its consumer did not come back after the node's loss.
 */
async function gatewaysUnread(stack) {
  const unread = [];
  for (const name of ['gateway-1', 'gateway-2']) {
    const entry = stack.processes.get(name);
    const text = await (await fetch(`http://127.0.0.1:${entry.healthPort}/metrics`)).text();
    const match = /^pacjent_jetstream_consumer_pending_messages\{[^}]*\} (\d+)/m.exec(text);
    unread.push(match ? match[1] : 'not reading');
  }
  return unread.join(', ');
}

/** The scenario, for chaos.mjs's table (none without a cluster). */
export function natsClusterFaults(cluster, stack) {
  if (!cluster) return {};
  let admin = null;
  const measured = {};
  return {
    'nats-cluster': {
      title: 'kill -9 one of 3 NATS nodes (R3)',
      /** Slot alerts waiting for the load's service: every cancellation publishes one booking event. */
      async prepare({ db, serviceId }) {
        await db.query(
          `INSERT INTO booking.slot_alerts (patient_id, service_id, until, created_at)
           SELECT gen_random_uuid(), $1, now() + interval '365 days', now() - n * interval '1 second'
             FROM generate_series(1, $2) AS n`,
          [serviceId, ALERTS],
        );
        admin = await cluster.admin();
      },
      async inject() {
        const before = await stackConnections(cluster);
        const [victim] = [...before.entries()].sort((a, b) => b[1] - a[1])[0];
        const leads = await leadStreamFrom(admin, victim);
        const connectionsBefore = [...before.values()].reduce((sum, count) => sum + count, 0);
        log(
          `  connections per node: ${[...before].map(([node, count]) => `${node.name} ${count}`).join(', ')}; ` +
            `killing ${victim.name}${leads ? ` (leader of ${STREAM})` : ''}`,
        );
        const killedAt = Date.now();
        await victim.stop('SIGKILL');
        const [moved, elected] = await Promise.all([
          until('every connection on the surviving nodes', async () => {
            const after = await stackConnections(cluster);
            return [...after.values()].reduce((sum, count) => sum + count, 0) >= connectionsBefore;
          }),
          until('a new stream leader', async () => {
            const leader = (await streamInfo(admin)).cluster?.leader;
            return leader && leader !== victim.name;
          }),
        ]);
        Object.assign(measured, {
          killed: `${victim.name}${leads ? ' (stream leader)' : ''}, ${before.get(victim)} of ${connectionsBefore} connections`,
          'connections moved in s': (moved / 1000).toFixed(1),
          'new stream leader in s': (elected / 1000).toFixed(1),
        });
        await sleep(Math.max(0, DOWN_S * 1000 - (Date.now() - killedAt)));
        await victim.start();
        const caughtUp = await until(`${victim.name} back and its copy of the stream current`, async () => {
          const replicas = (await streamInfo(admin)).cluster?.replicas ?? [];
          return replicas.length === REPLICAS - 1 && replicas.every((replica) => replica.current && !replica.offline);
        });
        measured[`node back, stream current in s`] = (caughtUp / 1000).toFixed(1);
      },
      async check(db) {
        const events = await eventsInStream(db, admin);
        await admin.close();
        return {
          columns: {
            ...measured,
            'booking events acknowledged/in stream/missing/doubled': `${events.acknowledged}/${events.inStream}/${events.missing}/${events.doubled}`,
            'stream replicas': events.replicas,
            'gateway notification consumers: unread': await gatewaysUnread(stack),
          },
        };
      },
    },
  };
}
