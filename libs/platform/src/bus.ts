import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { BusHeader, DomainError, ErrorCode, type BusRequest, type ErrorPayload } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, type NatsConnection, type NatsError } from 'nats';
import { natsAuth, natsServers, PlatformConfig } from './config';
import { currentCorrelationId } from './correlation';
import { JsonText, renderedResponse } from './json-text';
import { coalesceNatsWrites } from './nats-write-coalescing';

/**
 * The full NATS subject for a bus subject. The prefix comes from BUS_PREFIX
 * and is read when handlers are declared, so set it before loading a service.
 */
export function busSubject(subject: string): string {
  return `${process.env.BUS_PREFIX || 'pacjent'}.${subject}`;
}

/** Declares a request/reply handler for a subject of `@pacjent/contracts`. */
export function BusHandler(subject: string): MethodDecorator {
  return MessagePattern(busSubject(subject));
}

interface NestReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
}

const codec = JSONCodec<unknown>();
const decoder = new TextDecoder();

export interface BusClientOptions {
  url: string;
  name: string;
  timeoutMs: number;
  /** NATS credentials (natsAuth(config)); omitted: connect without authentication. */
  user?: string;
  pass?: string;
}

/**
 * Request/reply over NATS to the services' Nest handlers. Speaks Nest's packet
 * format, carries the correlation id as a header, and turns every failure into
 * a DomainError: the service's own code, SERVICE_UNAVAILABLE when nobody
 * listens, SERVICE_TIMEOUT when nobody answers in time.
 */
@Injectable()
export class BusClient implements OnApplicationShutdown {
  private readonly logger = new Logger(BusClient.name);

  private constructor(
    private readonly connection: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.watchConnection();
  }

  static async connect(options: BusClientOptions): Promise<BusClient> {
    coalesceNatsWrites();
    const connection = await connect({
      servers: natsServers(options.url),
      name: options.name,
      ...(options.user ? { user: options.user, pass: options.pass } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // No stack captured per request for a possible timeout: failures become DomainErrors without it anyway.
      noAsyncTraces: true,
    });
    return new BusClient(connection, options.timeoutMs);
  }

  /** A client for a process's configuration (`purpose` names the connection, e.g. `gateway`). */
  static fromConfig(config: PlatformConfig, purpose: string, timeoutMs = config.BUS_TIMEOUT_MS): Promise<BusClient> {
    return BusClient.connect({
      url: config.NATS_URL,
      name: `${purpose}-${config.INSTANCE_ID}`,
      timeoutMs,
      ...natsAuth(config),
    });
  }

  async request<TResult, TData = unknown>(
    subject: string,
    request: BusRequest<TData>,
    options: { timeoutMs?: number } = {},
  ): Promise<TResult> {
    return this.responseOf<TResult>(subject, JSON.parse(await this.exchange(subject, request, options)));
  }

  /**
   * The response as JSON text, for a caller that only passes it on (an HTTP
   * body): when the service rendered it (JsonText) it is never parsed here.
   */
  async requestJson<TData = unknown>(
    subject: string,
    request: BusRequest<TData>,
    options: { timeoutMs?: number } = {},
  ): Promise<string> {
    const reply = await this.exchange(subject, request, options);
    return renderedResponse(reply) ?? JSON.stringify(this.responseOf(subject, JSON.parse(reply)));
  }

  /**
   * The response for a caller that passes it on as an HTTP body: its JSON
   * text cut out of the reply, never parsed, as a JsonText that the gateway
   * sends as it is.
   */
  async forward<TResult, TData = unknown>(
    subject: string,
    request: BusRequest<TData>,
    options: { timeoutMs?: number } = {},
  ): Promise<JsonText<TResult>> {
    return new JsonText<TResult>(await this.requestJson(subject, request, options));
  }

  /** Sends the request in Nest's packet format; answers the reply's text. */
  private async exchange<TData>(
    subject: string,
    request: BusRequest<TData>,
    options: { timeoutMs?: number },
  ): Promise<string> {
    // Between reconnects nats.js would buffer the request and send it once back, after this caller gave up
    // (a booking made that nobody sees answered): fail now with a retriable 503 instead.
    if (this.disconnected) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The message bus is not available.', {
        service: subject.split('.')[0],
      });
    }
    const headers = natsHeaders();
    headers.set(BusHeader.CORRELATION_ID, currentCorrelationId() ?? randomUUID());
    const packet = { pattern: busSubject(subject), data: request, id: randomUUID() };
    try {
      const message = await this.connection.request(busSubject(subject), codec.encode(packet), {
        timeout: options.timeoutMs ?? this.timeoutMs,
        headers,
      });
      return decoder.decode(message.data);
    } catch (error) {
      throw this.transportFailure(subject, error as NatsError);
    }
  }

  private responseOf<TResult>(subject: string, reply: NestReplyPacket): TResult {
    if (reply.err !== undefined && reply.err !== null) {
      if (DomainError.isPayload(reply.err)) {
        const err = reply.err as ErrorPayload;
        const domainError = new DomainError(err.code, err.message, err.details);
        if (err.errorId) Object.assign(domainError, { errorId: err.errorId });
        throw domainError;
      }
      this.logger.error({ subject, err: reply.err }, 'bus reply carried an unrecognised error');
      throw new DomainError(ErrorCode.INTERNAL, 'The service failed.');
    }
    return reply.response as TResult;
  }

  private transportFailure(subject: string, error: NatsError): DomainError {
    const service = subject.split('.')[0];
    if (error.code === '503') {
      return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The ${service} service is not available.`, { service });
    }
    if (error.code === 'TIMEOUT') {
      return new DomainError(ErrorCode.SERVICE_TIMEOUT, `The ${service} service did not answer in time.`, { service });
    }
    if (error.code === 'PERMISSIONS_VIOLATION') {
      // The NATS server refused: this process's user may not send this request (deploy/nats/nats-server.conf).
      this.logger.error({ subject, err: error }, 'bus refused the request: no permission to publish to the subject');
      return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The ${service} service is not available.`, { service });
    }
    this.logger.error({ subject, err: error }, 'bus request failed');
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The message bus is not available.', { service });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }

  /** Whether requests can go out now (not closed, not between reconnects): the gateway's readiness. */
  get connected(): boolean {
    return !this.connection.isClosed() && !this.connection.isDraining() && !this.disconnected;
  }

  private disconnected = false;

  private watchConnection(): void {
    void (async () => {
      for await (const status of this.connection.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnecting') this.disconnected = true;
        if (status.type === 'reconnect') this.disconnected = false;
      }
    })().catch(() => undefined);
  }
}
