import { EventStreams, Subjects, type NotificationEvent, type NotificationView } from '@pacjent/contracts';
import { busSubject, loadConfig } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import { connect, JSONCodec, RetentionPolicy, StorageType, type JetStreamClient, type NatsConnection } from 'nats';
import { GatewayConfig } from '../config';
import { NotificationsHub } from './notifications.hub';
import { newNotificationView } from '../testing/notification-factory';

const codec = JSONCodec<NotificationEvent>();

/**
 * A TCP proxy between the hub and NATS that can cut the line: `cut()` closes
 * every connection and refuses new ones (the hub sees NATS go away and keeps
 * reconnecting), `restore()` lets it back in.
 */
class CuttableLine {
  private readonly sockets = new Set<Socket>();
  private open = true;
  private server: Server | null = null;

  async start(target: { host: string; port: number }): Promise<string> {
    this.server = createServer((client) => {
      if (!this.open) return client.destroy();
      const upstream = connectTcp(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `nats://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function natsTarget(url: string): { host: string; port: number } {
  const parsed = new URL(url.includes('://') ? url : `nats://${url}`);
  return { host: parsed.hostname, port: Number(parsed.port || 4222) };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('NotificationsHub: booking’s notification events from JetStream', () => {
  const natsUrl = loadConfig(GatewayConfig).NATS_URL;
  let nats: NatsConnection;
  let jetstream: JetStreamClient;
  const line = new CuttableLine();
  let hub: NotificationsHub;

  /** As booking's outbox relay publishes them: JetStream, message id = outbox id. */
  const publish = async (patientId: string, view = newNotificationView()) => {
    await jetstream.publish(
      busSubject(Subjects.booking.notificationEvent),
      codec.encode({ patientId, notification: view }),
      {
        msgID: randomUUID(),
      },
    );
    return view;
  };

  beforeAll(async () => {
    nats = await connect({ servers: natsUrl });
    jetstream = nats.jetstream();
    // Booking's outbox relay creates the stream at start-up; without booking in this test, make sure it is there.
    const manager = await nats.jetstreamManager();
    await manager.streams.info(EventStreams.booking).catch(() =>
      manager.streams.add({
        name: EventStreams.booking,
        subjects: ['*.booking.events.>'],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: 7 * 24 * 60 * 60 * 1_000_000_000,
      }),
    );
    const config = Object.assign(loadConfig(GatewayConfig), {
      NATS_URL: await line.start(natsTarget(natsUrl)),
      INSTANCE_ID: 'hub-test',
    });
    hub = new NotificationsHub(config);
  });
  afterAll(async () => {
    await hub.onApplicationShutdown();
    await line.close();
    await nats.drain();
  });

  it('starts at new events, and delivers one published while its NATS connection was down once it is back', async () => {
    const patient = randomUUID();
    const beforeStart = await publish(patient);
    await hub.onModuleInit();
    const received: NotificationView[] = [];
    const subscription = hub.of(patient).subscribe((view) => received.push(view));
    const strangers: NotificationView[] = [];
    const stranger = randomUUID();
    const strangerSubscription = hub.of(stranger).subscribe((view) => strangers.push(view));

    const afterStart = await publish(patient);
    await waitFor(() => received.length >= 1, 5000);
    expect(received.map((view) => view.id)).toEqual([afterStart.id]);

    // The line to NATS goes down; the hub keeps trying to reconnect while booking publishes.
    line.cut();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const duringOutage = await publish(patient);
    const theirs = await publish(stranger);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.map((view) => view.id)).toEqual([afterStart.id]);

    line.restore();
    await waitFor(() => received.length >= 2, 15_000);
    const afterReconnect = await publish(patient);
    await waitFor(() => received.length >= 3, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The event from before start-up is not replayed; the one from the outage arrives, once, in order.
    expect(received).toEqual([afterStart, duringOutage, afterReconnect]);
    expect(received.map((view) => view.id)).not.toContain(beforeStart.id);
    // Each patient's page gets only their own.
    expect(strangers).toEqual([theirs]);
    subscription.unsubscribe();
    strangerSubscription.unsubscribe();
  }, 30_000);

  it('skips (and logs) events that are not notification events, and goes on delivering', async () => {
    const patient = randomUUID();
    const received: unknown[] = [];
    const subscription = hub.of(patient).subscribe((view) => received.push(view));
    const subject = busSubject(Subjects.booking.notificationEvent);
    const raw = async (data: Uint8Array) => jetstream.publish(subject, data, { msgID: randomUUID() });
    const valid = newNotificationView();
    const invalid: unknown[] = [
      { patientId: patient, notification: null },
      { patientId: patient },
      { patientId: patient, notification: { ...valid, id: 'not-a-uuid' } },
      { patientId: patient, notification: { ...valid, kind: 'free_pizza' } },
      { patientId: patient, notification: { ...valid, slot: { id: randomUUID() } } },
      { patientId: patient, notification: valid, extra: true },
      // A record notification links inside the portal only, and its title is short.
      ...['https://evil.example/results', '//evil.example/results', 'javascript:alert(1)', '/results\nX'].map(
        (link) => ({
          patientId: patient,
          notification: { ...valid, kind: 'result_available', slot: null, alertId: null, title: 'Lipidogram', link },
        }),
      ),
      {
        patientId: patient,
        notification: {
          ...valid,
          kind: 'result_available',
          slot: null,
          alertId: null,
          title: 'x'.repeat(201),
          link: '/results',
        },
      },
      { patientId: 42, notification: valid },
      [patient, valid],
      'just a string',
    ];
    await raw(new TextEncoder().encode('{not json'));
    for (const event of invalid) await raw(new TextEncoder().encode(JSON.stringify(event)));
    await publish(patient, valid);
    await waitFor(() => received.length >= 1, 5000);
    // The hub reads in order: everything published before the valid event has been judged by now.
    expect(received).toEqual([valid]);
    const next = await publish(patient);
    await waitFor(() => received.length >= 2, 5000);
    expect(received).toEqual([valid, next]);
    subscription.unsubscribe();
  }, 30_000);
});
