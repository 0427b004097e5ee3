import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { endWith, ReplaySubject, takeUntil, type Observable } from 'rxjs';

/** How long a browser waits before it reconnects a stream the gateway ended on shutdown. */
export const RECONNECT_AFTER_MS = 1000;

/**
 * The gateway's shutdown state. Nest runs `beforeApplicationShutdown` (on
 * SIGTERM, or app.close()) before it closes the HTTP server, which then
 * waits for every open request: long-lived streams are ended here, with a
 * `retry:` hint, so they reconnect to another gateway instead of holding the
 * shutdown. Readiness reads `draining`.
 */
@Injectable()
export class GatewayDrain implements BeforeApplicationShutdown {
  private readonly drained = new ReplaySubject<void>(1);
  private state = false;

  get draining(): boolean {
    return this.state;
  }

  /** The stream until the gateway drains, then one `reconnect` event carrying the retry hint. */
  endOnDrain(stream: Observable<MessageEvent>): Observable<MessageEvent> {
    return stream.pipe(
      takeUntil(this.drained),
      endWith({ type: 'reconnect', data: {}, retry: RECONNECT_AFTER_MS } satisfies MessageEvent),
    );
  }

  beforeApplicationShutdown(): void {
    this.state = true;
    this.drained.next();
  }
}

/**
 * While draining, every answer closes its connection: the HTTP server stops
 * listening on close, but a keep-alive connection whose request was in flight
 * would otherwise stay open, idle, for the keep-alive timeout and hold the exit.
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance, drain: GatewayDrain): void {
  fastify.addHook('onSend', async (_request, reply) => {
    if (drain.draining) void reply.header('connection', 'close');
  });
}

/** The gateway's readiness: local state only (not draining, connected to NATS). */
export function gatewayReadiness(
  drain: GatewayDrain,
  bus: { connected: boolean },
): { ready: boolean; failing: string[] } {
  const failing = [...(drain.draining ? ['draining'] : []), ...(bus.connected ? [] : ['nats'])];
  return { ready: failing.length === 0, failing };
}
