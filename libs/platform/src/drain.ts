import { Logger } from '@nestjs/common';
import { ServerNats, type NatsContext } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription, SubscriptionOptions } from 'nats';

interface ReplyPacket {
  isDisposed?: boolean;
  status?: string;
  err?: { code?: unknown } | string | null;
}

/** How a request ended: `ok`, or the error code it answered with. */
export type HandledListener = (subject: string, outcome: string, seconds: number) => void;

const servers = new WeakMap<NatsConnection, DrainingNatsServer>();

/**
 * Nest's NATS transport with a graceful close: `close()` (what SIGTERM runs)
 * first drains the queue-group subscriptions, so NATS routes new requests to
 * the other replicas, then waits for the handlers already running to reply,
 * flushes those replies and only then closes the connection. Nest's own
 * close drops the connection at once: requests in flight got no answer and
 * their callers waited for the bus timeout.
 */
export class DrainingNatsServer extends ServerNats {
  private readonly drainLogger = new Logger('BusDrain');
  private connection: NatsConnection | null = null;
  private busSubscriptions: Subscription[] = [];
  private readonly settlers = new WeakMap<Msg, (outcome: string) => void>();
  private idleWaiters: Array<() => void> = [];
  private running = 0;
  private state: 'serving' | 'draining' | 'closed' = 'serving';

  /** How long close() waits for handlers in flight before closing anyway. */
  drainTimeoutMs = 10_000;

  /** Told of every handled request (metrics). */
  onHandled: HandledListener | null = null;

  /** The server behind a listening service (`app.unwrap()` is its connection). */
  static of(connection: NatsConnection): DrainingNatsServer | undefined {
    return servers.get(connection);
  }

  /** Requests being handled right now. */
  get inFlight(): number {
    return this.running;
  }

  /** False once close() began: a readiness probe reports it. */
  get accepting(): boolean {
    return this.state === 'serving';
  }

  /** Connected to NATS and taking messages. */
  get connected(): boolean {
    return this.state === 'serving' && this.connection !== null && !this.connection.isClosed() && !this.reconnecting;
  }

  private reconnecting = false;

  override bindEvents(client: NatsConnection): void {
    this.connection = client;
    servers.set(client, this);
    this.watchStatus(client);
    const recorded = this.busSubscriptions;
    // Nest keeps its subscriptions private: record them as they are made, to drain them on close.
    const recorder = new Proxy(client, {
      get: (target, key, receiver) =>
        key === 'subscribe'
          ? (subject: string, options?: SubscriptionOptions) => {
              const subscription = target.subscribe(subject, options);
              recorded.push(subscription);
              return subscription;
            }
          : Reflect.get(target, key, receiver),
    });
    super.bindEvents(recorder);
  }

  private watchStatus(client: NatsConnection): void {
    void (async () => {
      for await (const status of client.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnecting') this.reconnecting = true;
        if (status.type === 'reconnect') this.reconnecting = false;
      }
    })().catch(() => undefined);
  }

  private readonly routes = new Map<string, string>();

  /**
   * Nest finds a message's handler by first trying JSON.parse on its pattern:
   * for our plain-string subjects that throws, and the thrown SyntaxError cost
   * more than the rest of the lookup. A handler's route is the same every time.
   */
  protected override getRouteFromPattern(pattern: string): string {
    const known = this.routes.get(pattern);
    if (known !== undefined) return known;
    const route = super.getRouteFromPattern(pattern);
    if (this.messageHandlers.has(route)) this.routes.set(pattern, route);
    return route;
  }

  override async handleMessage(channel: string, message: Msg): Promise<unknown> {
    const settle = this.track(channel.slice(channel.indexOf('.') + 1));
    this.settlers.set(message, settle);
    try {
      const handled: unknown = await super.handleMessage(channel, message);
      // An event (no reply expected) is done when Nest's handling is.
      if (!message.reply) settle('ok');
      return handled;
    } catch (error) {
      settle('error');
      throw error;
    }
  }

  override getPublisher(message: Msg, id: string, context: NatsContext): (response: unknown) => unknown {
    const publish = super.getPublisher(message, id, context);
    const settle = this.settlers.get(message);
    let outcome = 'ok';
    return (packet: unknown) => {
      const sent = publish(packet);
      const reply = packet as ReplyPacket;
      if (reply.err !== undefined && reply.err !== null) {
        const code = typeof reply.err === 'object' ? reply.err.code : undefined;
        outcome = typeof code === 'string' ? code : 'error';
      }
      // Nest marks the last packet of a reply isDisposed; "no handler" answers with one error packet.
      if (reply.isDisposed === true || reply.status === 'error') settle?.(outcome);
      return sent;
    };
  }

  override async close(): Promise<void> {
    const connection = this.connection;
    if (this.state !== 'serving' || !connection || connection.isClosed()) {
      this.state = 'closed';
      return super.close();
    }
    this.state = 'draining';
    const started = Date.now();
    const inFlightAtStart = this.running;
    // Unsubscribes at the server (new requests go to the other replicas) and hands over what already arrived.
    await Promise.all(this.busSubscriptions.map((subscription) => subscription.drain().catch(() => undefined)));
    const finished = await this.idle(this.drainTimeoutMs);
    await connection.flush().catch(() => undefined);
    this.drainLogger.log(
      { inFlightAtStart, unfinished: this.running, ms: Date.now() - started, timedOut: !finished },
      'bus subscriptions drained',
    );
    this.state = 'closed';
    await super.close();
  }

  private track(subject: string): (outcome: string) => void {
    this.running += 1;
    const started = process.hrtime.bigint();
    let settled = false;
    return (outcome) => {
      if (settled) return;
      settled = true;
      this.running -= 1;
      this.onHandled?.(subject, outcome, Number(process.hrtime.bigint() - started) / 1e9);
      if (this.running === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    };
  }

  /** Resolves true once no handler runs, or false after `timeoutMs`. */
  private idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((wake) => wake !== onIdle);
        resolve(false);
      }, timeoutMs);
      const onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(onIdle);
    });
  }
}

/**
 * Closes the application on SIGTERM/SIGINT (app.close(): the bus drains first,
 * then the modules' shutdown hooks close pools and connections) and exits;
 * exits 1 when closing takes longer than `timeoutMs`.
 */
export function closeOnSignals(
  app: { close(): Promise<void> },
  name: string,
  timeoutMs: number,
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`[${name}] ${signal}: draining\n`);
    setTimeout(() => {
      process.stderr.write(`[${name}] did not finish draining in ${timeoutMs} ms: exiting\n`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[${name}] error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
}
