import { EventStreams, Subjects, type NotificationEvent, type NotificationView } from '@pacjent/contracts';
import { busSubject, ensureEventStream, loadConfig } from '@pacjent/platform';
import { startPrivateNats, startPrivateNatsCluster, type PrivateNats, type PrivateNatsCluster } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { GatewayConfig } from '../config';
import { NotificationsHub } from './notifications.hub';
import { newNotificationView } from '../testing/notification-factory';

const codec = JSONCodec<NotificationEvent>();

/**
 * The hub reads through a consumer that lives on one NATS server, in memory.
 * When that server dies — one node of a cluster, or the only server, killed
 * and started again — the consumer is gone, and the hub must notice by
 * itself and read again from after the last event it delivered: every event
 * published around the loss reaches the page once.
 */

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}


/** As booking's outbox relay does: published with its id as the message id, again until acknowledged. */
async function publish(nats: NatsConnection, patientId: string): Promise<NotificationView> {
  const view = newNotificationView();
  const data = codec.encode({ patientId, notification: view });
  await until(`notification ${view.id} is acknowledged`, () =>
    nats
      .jetstream()
      .publish(busSubject(Subjects.booking.notificationEvent), data, { msgID: view.id, timeout: 2000 })
      .then(
        () => true,
        () => false,
      ),
  );
  return view;
}

/** A hub on `natsUrl` with its own admin connection, booking's stream (with `replicas` copies) and one patient's page. */
async function startHub(natsUrl: string, replicas: number) {
  const admin = await connect({ servers: natsUrl.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  await ensureEventStream(await admin.jetstreamManager(), EventStreams.booking, 'booking', replicas);
  const hub = new NotificationsHub(
    Object.assign(loadConfig(GatewayConfig), { NATS_URL: natsUrl, INSTANCE_ID: 'hub-node-loss-test' }),
  );
  const patient = randomUUID();
  const beforeStart = await publish(admin, patient);
  await hub.onModuleInit();
  const received: NotificationView[] = [];
  const subscription = hub.of(patient).subscribe((view) => received.push(view));
  return {
    admin,
    hub,
    received,
    beforeStart,
    publish: () => publish(admin, patient),
    /** The stream's consumers: the hub's only, the NATS servers are this test's own. */
    consumers: async () => (await admin.jetstreamManager()).consumers.list(EventStreams.booking).next(),
    async close() {
      subscription.unsubscribe();
      await hub.onApplicationShutdown();
      await admin.close();
    },
  };
}

describe('NotificationsHub when the NATS server holding its consumer dies', () => {
  describe('a 3-node cluster (stream with 3 copies) losing that node', () => {
    let cluster: PrivateNatsCluster;
    let kit: Awaited<ReturnType<typeof startHub>>;

    beforeAll(async () => {
      cluster = await startPrivateNatsCluster(3);
      kit = await startHub(cluster.url, 3);
    });
    afterAll(async () => {
      await kit?.close();
      await cluster?.close();
    });

    it('reads again from a surviving node, each event once', async () => {
      const { received, consumers } = kit;
      const beforeKill = await kit.publish();
      await until('the event from before the kill is delivered', () => received.length >= 1);
      const [consumer, ...others] = await consumers();
      expect(others).toEqual([]);
      const victim = cluster.nodes.find((node) => node.name === consumer?.cluster?.leader);
      if (!victim)
        throw new Error(`the hub's consumer is on ${consumer?.cluster?.leader}, not on a node of the cluster`);

      // Whether the hub's own connection is on that node too is up to chance: both ways, only the consumer tells.
      await victim.stop('SIGKILL');
      const killedAt = Date.now();
      const afterKill = await kit.publish();
      const acknowledgedInMs = Date.now() - killedAt;
      await until('the event from after the kill is delivered', () => received.length >= 2, 90_000);
      const deliveredInMs = Date.now() - killedAt;
      // Delivery is in stream order: once this one is here, a repeat of an earlier one would have come before it.
      const last = await kit.publish();
      await until('the last event is delivered', () => received.length >= 3);

      expect(received).toEqual([beforeKill, afterKill, last]);
      expect(received.map((view) => view.id)).not.toContain(kit.beforeStart.id);
      // The hub pulls from one consumer, on a node that is alive: no second reader left behind.
      const readers = (await consumers()).filter((info) => info.num_waiting > 0);
      expect(readers.map((info) => info.cluster?.leader)).toEqual([expect.not.stringMatching(victim.name)]);
      process.stdout.write(
        `cluster node killed: the next event acknowledged in ${(acknowledgedInMs / 1000).toFixed(1)} s, ` +
          `delivered by the hub in ${(deliveredInMs / 1000).toFixed(1)} s\n`,
      );
      // Leader elections after a node's loss take 5–30 s on a loaded 2-core machine; the limit is for hangs.
    }, 150_000);
  });

  describe('a single server killed and started again', () => {
    let nats: PrivateNats;
    let kit: Awaited<ReturnType<typeof startHub>>;

    beforeAll(async () => {
      nats = await startPrivateNats();
      kit = await startHub(nats.url, 1);
    });
    afterAll(async () => {
      await kit?.close();
      await nats?.close();
    });

    it('reads again once the server is back, each event once', async () => {
      const { received } = kit;
      const beforeKill = await kit.publish();
      await until('the event from before the kill is delivered', () => received.length >= 1);

      await nats.stop('SIGKILL');
      const killedAt = Date.now();
      await nats.start();
      const afterRestart = await kit.publish();
      await until('the event from after the restart is delivered', () => received.length >= 2, 90_000);
      const deliveredInMs = Date.now() - killedAt;
      const last = await kit.publish();
      await until('the last event is delivered', () => received.length >= 3);

      expect(received).toEqual([beforeKill, afterRestart, last]);
      expect(received.map((view) => view.id)).not.toContain(kit.beforeStart.id);
      process.stdout.write(
        `single server restarted: the next event delivered in ${(deliveredInMs / 1000).toFixed(1)} s\n`,
      );
    }, 120_000);
  });
});
