import { Logger } from '@nestjs/common';
import { ensureStream, streamManagerOf } from '@pacjent/platform';
import { connect, type NatsConnection } from 'nats';
import { startPrivateNats, startPrivateNatsCluster, type PrivateNatsCluster } from './private-nats';

/**
 * JETSTREAM_REPLICAS against real servers: a 3-node private cluster and a
 * single private server. A stream is created with the configured replicas,
 * an existing one is scaled to them, and what JetStream refuses is either
 * fatal (no stream at all) or logged (the stream keeps working).
 */
describe('stream replicas (JETSTREAM_REPLICAS)', () => {
  let cluster: PrivateNatsCluster;
  let connection: NatsConnection;

  beforeAll(async () => {
    cluster = await startPrivateNatsCluster(3);
    connection = await connect({ servers: cluster.nodes.map((node) => node.url), maxReconnectAttempts: -1 });
  });
  afterAll(async () => {
    await connection?.close();
    await cluster?.close();
  });

  const manager = () => streamManagerOf(connection);
  const replicasOf = async (name: string) => (await (await manager()).streams.info(name)).config.num_replicas;
  const subjects = (name: string) => [`${name.toLowerCase()}.>`];

  it('creates a missing stream with 3 replicas on three servers', async () => {
    await ensureStream(await manager(), { name: 'R_NEW', subjects: subjects('R_NEW') }, 3);
    const info = await (await manager()).streams.info('R_NEW');
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas).toHaveLength(2);
  });

  it('scales an existing single-replica stream to 3, keeping its messages', async () => {
    const jsm = await manager();
    await jsm.streams.add({ name: 'R_OLD', subjects: subjects('R_OLD'), num_replicas: 1 });
    await connection.jetstream().publish('r_old.event', new TextEncoder().encode('kept'));
    await ensureStream(jsm, { name: 'R_OLD', subjects: subjects('R_OLD') }, 3);
    expect(await replicasOf('R_OLD')).toBe(3);
    expect((await jsm.streams.info('R_OLD')).state.messages).toBe(1);
  });

  it('is idempotent: replicas of a service starting together agree', async () => {
    const jsm = await manager();
    await Promise.all([1, 2, 3].map(() => ensureStream(jsm, { name: 'R_RACE', subjects: subjects('R_RACE') }, 3)));
    expect(await replicasOf('R_RACE')).toBe(3);
  });

  it('scales up while a node is down; the third copy is made when the node is back', async () => {
    const jsm = await manager();
    await jsm.streams.add({ name: 'R_DEGRADED', subjects: subjects('R_DEGRADED'), num_replicas: 1 });
    await connection.jetstream().publish('r_degraded.event', new TextEncoder().encode('kept'));
    // Not the node holding the single copy (that would make the stream unavailable: what R3 prevents), nor ours.
    const holder = (await jsm.streams.info('R_DEGRADED')).cluster?.leader;
    const down = cluster.nodes.find((node) => node.name !== holder && node !== cluster.nodeOf(connection))!;
    await down.stop('SIGKILL');
    try {
      await ensureStream(jsm, { name: 'R_DEGRADED', subjects: subjects('R_DEGRADED') }, 3);
      expect(await replicasOf('R_DEGRADED')).toBe(3);
    } finally {
      await down.start();
      await cluster.jetStreamReady();
    }
    const deadline = Date.now() + 20_000;
    for (;;) {
      const info = await jsm.streams.info('R_DEGRADED');
      const replicas = info.cluster?.replicas ?? [];
      if (replicas.length === 2 && replicas.every((replica) => replica.current)) break;
      if (Date.now() > deadline) throw new Error(`replicas not current: ${JSON.stringify(info.cluster)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('logs, and does not fail, when JetStream refuses the count (5 replicas on 3 servers): the stream keeps working', async () => {
    const jsm = await manager();
    await jsm.streams.add({ name: 'R_REFUSED', subjects: subjects('R_REFUSED'), num_replicas: 3 });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await ensureStream(jsm, { name: 'R_REFUSED', subjects: subjects('R_REFUSED') }, 5);
      expect(await replicasOf('R_REFUSED')).toBe(3);
      expect(warn).toHaveBeenCalledWith(
        expect.anything(),
        expect.stringMatching(/R_REFUSED keeps 3 replica\(s\): JETSTREAM_REPLICAS=5 was refused/),
      );
      await expect(connection.jetstream().publish('r_refused.event', new Uint8Array())).resolves.toMatchObject({
        stream: 'R_REFUSED',
      });
    } finally {
      warn.mockRestore();
    }
  });
});

describe('stream replicas on a single server', () => {
  it('refuses to create a stream with 3 replicas (the process must not start without it), and keeps an existing one at 1, saying why', async () => {
    const single = await startPrivateNats();
    const connection = await connect({ servers: single.url });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const jsm = await connection.jetstreamManager();
      await expect(ensureStream(jsm, { name: 'SINGLE_NEW', subjects: ['single_new.>'] }, 3)).rejects.toThrow(
        /replicas/i,
      );
      await expect(jsm.streams.info('SINGLE_NEW')).rejects.toThrow(/stream not found/);

      await jsm.streams.add({ name: 'SINGLE_OLD', subjects: ['single_old.>'] });
      await ensureStream(jsm, { name: 'SINGLE_OLD', subjects: ['single_old.>'] }, 3);
      expect((await jsm.streams.info('SINGLE_OLD')).config.num_replicas).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/SINGLE_OLD keeps 1 replica\(s\): NATS is a single server/),
      );
    } finally {
      warn.mockRestore();
      await connection.close();
      await single.close();
    }
  });
});
