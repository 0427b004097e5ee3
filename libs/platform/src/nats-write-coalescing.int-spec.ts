import { connect, type NatsConnection } from 'nats';
import { coalesceNatsWrites, natsWriteCoalescing } from './nats-write-coalescing';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Counts the socket writes of a connection (nats.js's transport.send: one per flush). */
function countWrites(connection: NatsConnection): () => number {
  const transport = (connection as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } }).protocol
    .transport;
  const send = transport.send.bind(transport);
  let writes = 0;
  transport.send = (frame) => {
    writes += 1;
    send(frame);
  };
  return () => writes;
}

describe('coalesceNatsWrites', () => {
  let publisher: NatsConnection;
  let subscriber: NatsConnection;

  beforeAll(async () => {
    coalesceNatsWrites();
    [publisher, subscriber] = await Promise.all([connect({ servers: NATS_URL }), connect({ servers: NATS_URL })]);
  });

  afterAll(async () => {
    await Promise.all([publisher.close(), subscriber.close()]);
  });

  it('is in effect (fails when an upgrade of nats.js moves what it replaces)', () => {
    expect(natsWriteCoalescing()).toBe(true);
  });

  it('sends what five macrotasks of one event-loop turn publish in one socket write, all delivered in order', async () => {
    const subject = `platform.test.coalesce.${process.pid}.${Date.now()}`;
    const received: string[] = [];
    const allReceived = new Promise<void>((resolve) => {
      subscriber.subscribe(subject, {
        callback: (_err, message) => {
          received.push(message.string());
          if (received.length === 5) resolve();
        },
      });
    });
    await subscriber.flush();
    const writes = countWrites(publisher);

    // Five immediates queued together run in one check phase, each its own macrotask: like five HTTP
    // requests read in one poll. Flushed per microtask, that was five writes.
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 5; i += 1) setImmediate(() => publisher.publish(subject, String(i)));
      setImmediate(() => setImmediate(resolve));
    });
    expect(writes()).toBe(1);
    await allReceived;
    expect(received).toEqual(['0', '1', '2', '3', '4']);
  });

  it('still sends a lone request: nothing waits for more to come', async () => {
    const subject = `platform.test.coalesce.reply.${process.pid}.${Date.now()}`;
    subscriber.subscribe(subject, { callback: (_err, message) => message.respond(message.data) });
    await subscriber.flush();
    const reply = await publisher.request(subject, new TextEncoder().encode('ping'), { timeout: 10_000 });
    expect(new TextDecoder().decode(reply.data)).toBe('ping');
  });
});
