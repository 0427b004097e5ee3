import { Logger } from '@nestjs/common';
import {
  connect,
  JSONCodec,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type ConnectionOptions,
} from 'nats';
import type { DataSource, EntityManager } from 'typeorm';
import { busSubject } from './bus';
import type { Clock } from './clock';
import { ensureStream, streamManagerOf } from './streams';

const codec = JSONCodec<unknown>();
/**
 * Live-published rows are marked together at most this often: one commit (one WAL flush) for all
 * the events published in that time, instead of one per event-loop turn. A crash before the mark
 * leaves them to the relay, whose publish JetStream drops as a duplicate (same message id).
 */
const MARK_EVERY_MS = 50;
const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/**
 * A service's JetStream stream of events: one stream under every bus prefix
 * (the prefix is the first subject token), kept a week, with `replicas`
 * copies (JETSTREAM_REPLICAS; see ensureStream).
 */
export function ensureEventStream(
  manager: JetStreamManager,
  name: string,
  service: string,
  replicas: number,
): Promise<void> {
  return ensureStream(
    manager,
    {
      name,
      subjects: [`*.${service}.events.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: 7 * DAY_NS,
    },
    replicas,
  );
}

export interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
}

/**
 * The outbox table of one schema: `<schema>.outbox (id uuid, subject text,
 * payload jsonb, created_at, published_at)` (each service's migration makes it).
 */
export class OutboxTable {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.table = `"${schema}"."outbox"`;
  }

  /** Events not yet published, and how old the oldest of them is (seconds; 0 when none): the outbox metrics. */
  async backlog(now: Date): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM $1::timestamptz - min(created_at)), 0)::float8 AS age
         FROM ${this.table} WHERE published_at IS NULL`,
      [now],
    )) as Array<{ count: number; age: number }>;
    return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
  }

  /** Marks rows published (those a publish right after their commit reached JetStream). */
  async markPublished(ids: string[], now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET published_at = $2 WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
      [ids, now],
    );
  }

  async add(tx: EntityManager, subject: string, payload: unknown, now: Date): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO ${this.table} (subject, payload, created_at) VALUES ($1, $2, $3) RETURNING id`,
      [subject, JSON.stringify(payload), now],
    );
    return rows[0]!.id;
  }

  /**
   * Publishes unpublished events oldest first, each row locked (SKIP LOCKED)
   * so replicas never publish the same one at once; `publish` throwing leaves
   * the rest for the next round.
   */
  drain(now: Date, publish: (row: OutboxRow) => Promise<void>, limit = 100, parallel = false): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, subject, payload FROM ${this.table} WHERE published_at IS NULL
          ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (parallel) {
        // All in flight at once and one UPDATE: for events whose consumers do not depend on the order.
        const outcomes = await Promise.allSettled(rows.map((row) => publish(row)));
        const done = rows.filter((_, index) => outcomes[index]!.status === 'fulfilled').map((row) => row.id);
        if (done.length > 0) {
          await tx.query(`UPDATE ${this.table} SET published_at = $2 WHERE id = ANY($1::uuid[])`, [done, now]);
        }
        return done.length;
      }
      let published = 0;
      for (const row of rows) {
        try {
          await publish(row);
        } catch {
          break;
        }
        await tx.query(`UPDATE ${this.table} SET published_at = $2 WHERE id = $1`, [row.id, now]);
        published += 1;
      }
      return published;
    });
  }
}

export interface OutboxRelayOptions {
  /** How to reach NATS: natsConnectionOptions(config, purpose). */
  nats: ConnectionOptions;
  /** The stream (EventStreams) and the service whose `<service>.events.>` subjects it holds. */
  stream: string;
  service: string;
  /** Copies of the stream if this relay creates it (JETSTREAM_REPLICAS). */
  replicas: number;
  /**
   * Publish each round's rows concurrently instead of one after the other (their order on the stream
   * is then not the outbox's): for a service whose consumers do not rely on it (consultations: chat
   * carries seqs the gateways reorder by, visit outcomes are one per visit).
   */
  parallel?: boolean;
}

/**
 * The outbox relay: events are written in the transaction of the change they
 * announce (`record`), then published to JetStream with the outbox row id as
 * the message id (JetStream drops duplicates). Call `flush` after the
 * recording transaction commits, and on a timer for anything left over.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private connection: NatsConnection | null = null;
  private jetstream: JetStreamClient | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private toMark: string[] = [];

  constructor(
    private readonly outbox: OutboxTable,
    private readonly clock: Clock,
    private readonly options: OutboxRelayOptions,
  ) {}

  async start(): Promise<void> {
    this.connection = await connect(this.options.nats);
    await ensureEventStream(
      await streamManagerOf(this.connection),
      this.options.stream,
      this.options.service,
      this.options.replicas,
    );
    this.jetstream = this.connection.jetstream();
  }

  async record(tx: EntityManager, subject: string, payloads: unknown[]): Promise<void> {
    await this.recordRows(tx, subject, payloads);
  }

  /** Writes the events in `tx` as `record` does; answers the rows, for `publishCommitted` once `tx` has committed. */
  async recordRows(tx: EntityManager, subject: string, payloads: unknown[]): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const rows: OutboxRow[] = [];
    for (const payload of payloads)
      rows.push({ id: await this.outbox.add(tx, subject, payload, now), subject, payload });
    return rows;
  }

  /**
   * The live path: publishes committed rows at once, without a round (no lock, no SELECT), with the same
   * message id the relay would use, so a later relay publish of a row is a duplicate JetStream drops. The
   * rows that reached JetStream are marked published together, one UPDATE per event-loop turn; a row whose
   * publish failed, or a crash before the mark, stays for the relay. Never throws.
   */
  publishCommitted(rows: OutboxRow[]): void {
    const jetstream = this.jetstream;
    if (!jetstream) return;
    for (const row of rows) {
      jetstream.publish(busSubject(row.subject), codec.encode(row.payload), { msgID: row.id }).then(
        () => this.markLater(row.id),
        (error: unknown) => this.logger.warn({ err: error }, 'live publish failed; the relay will publish it'),
      );
    }
  }

  private markLater(id: string): void {
    this.toMark.push(id);
    if (this.toMark.length > 1) return;
    setTimeout(() => {
      const ids = this.toMark;
      this.toMark = [];
      this.outbox.markPublished(ids, this.clock.now()).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not mark live-published events; the relay will publish them again');
      });
    }, MARK_EVERY_MS);
  }

  /**
   * Publishes what is waiting; answers how many were published. One round
   * runs at a time per process: a flush asked meanwhile (every commit asks
   * one) makes the running round go again instead of starting a second that
   * would hold another database connection for rows the first one is taking.
   */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let published = 0;
      do {
        this.again = false;
        published += await this.round();
      } while (this.again);
      return published;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    const jetstream = this.jetstream;
    if (!jetstream) return 0;
    try {
      return await this.outbox.drain(
        this.clock.now(),
        async (row) => {
          await jetstream.publish(busSubject(row.subject), codec.encode(row.payload), { msgID: row.id });
        },
        100,
        this.options.parallel ?? false,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay round failed');
      return 0;
    }
  }

  async stop(): Promise<void> {
    const connection = this.connection;
    this.jetstream = null;
    this.connection = null;
    if (connection && !connection.isClosed()) await connection.drain();
  }
}
