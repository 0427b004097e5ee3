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
 * listening on close and closes the connections idle at that moment, but a
 * keep-alive connection whose request or stream was still open would
 * otherwise stay open, idle, until the client drops it (fetch: 4 s, a
 * browser: minutes) or the server's keep-alive timeout (72 s), and hold the exit.
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance, drain: GatewayDrain): void {
  fastify.addHook('onSend', async (_request, reply) => {
    if (drain.draining) void reply.header('connection', 'close');
  });
  // An answer whose headers went out before the drain (a notification stream, ended by it) said keep-alive.
  fastify.addHook('onResponse', async (request) => {
    if (drain.draining) request.raw.socket.destroySoon();
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
