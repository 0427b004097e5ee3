import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  JSONCodec,
  type ConsumerMessages,
  type JsMsg,
  type NatsConnection,
  type ConnectionOptions,
} from 'nats';
import { busSubject } from './bus';
import { ensureEventStream } from './outbox';
import { streamManagerOf } from './streams';

const codec = JSONCodec<unknown>();
const SECOND_NS = 1_000_000_000;

export interface DurableConsumerOptions {
  /** How to reach NATS: natsConnectionOptions(config, purpose). */
  nats: ConnectionOptions;
  /** The stream and the service that publishes into it. */
  stream: string;
  service: string;
  /** Copies of the stream if this consumer creates it (JETSTREAM_REPLICAS); the consumer has as many. */
  replicas: number;
  /** The consumer's name; the bus prefix is added, so test runs never share one. */
  durable: string;
  /** The bus subject (from Subjects) to read. */
  subject: string;
  /**
   * Handles one event; resolving acknowledges it, throwing has it delivered
   * again later. It must be idempotent: JetStream delivers at least once.
   */
  handle: (payload: unknown, message: JsMsg) => Promise<void>;
  /** How long a failed event waits before it is delivered again. */
  retryDelayMs?: number;
}

/**
 * Reads a JetStream stream through a durable consumer with explicit acks: an
 * event is acknowledged only after it was handled, and events published while
 * this service was down wait in the stream until it reads them.
 */
export class DurableEventConsumer {
  private readonly logger = new Logger(DurableEventConsumer.name);
  private connection: NatsConnection | null = null;
  private messages: ConsumerMessages | null = null;
  private reading: Promise<void> | null = null;

  constructor(private readonly options: DurableConsumerOptions) {}

  get durableName(): string {
    return `${process.env.BUS_PREFIX || 'pacjent'}-${this.options.durable}`;
  }

  async start(): Promise<void> {
    const connection = await connect(this.options.nats);
    this.connection = connection;
    const manager = await streamManagerOf(connection);
    await ensureEventStream(manager, this.options.stream, this.options.service, this.options.replicas);
    try {
      await manager.consumers.info(this.options.stream, this.durableName);
    } catch {
      await manager.consumers.add(this.options.stream, {
        durable_name: this.durableName,
        filter_subject: busSubject(this.options.subject),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 30 * SECOND_NS,
        // Forgotten after an hour without a reader (a finished test run, a removed deployment). Safe: a reader
        // that comes back later makes it again and reads the whole stream, and handlers are idempotent.
        inactive_threshold: 60 * 60 * SECOND_NS,
      });
    }
    const consumer = await connection.jetstream().consumers.get(this.options.stream, this.durableName);
    this.messages = await consumer.consume({ max_messages: 50 });
    this.reading = this.read(this.messages);
  }

  private async read(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      let payload: unknown;
      try {
        payload = codec.decode(message.data);
      } catch (error) {
        // Unreadable now means unreadable forever: drop it loudly rather than loop on it.
        this.logger.error({ err: error, seq: message.seq }, 'unreadable event dropped');
        message.term();
        continue;
      }
      try {
        await this.options.handle(payload, message);
        message.ack();
      } catch (error) {
        this.logger.warn({ err: error, seq: message.seq }, 'event not handled; it will be delivered again');
        message.nak(this.options.retryDelayMs ?? 5000);
      }
    }
  }

  async stop(): Promise<void> {
    this.messages?.stop();
    await this.reading?.catch(() => undefined);
    const connection = this.connection;
    this.connection = null;
    if (connection && !connection.isClosed()) await connection.drain();
  }
}
