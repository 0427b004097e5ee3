import { ProtocolHandler } from 'nats/lib/nats-base-client/protocol';

/** The parts of nats.js's ProtocolHandler this module relies on (checked before patching). */
interface OutboundProtocol {
  outbound: { length(): number; size(): number; fill(data: Uint8Array, ...payloads: Uint8Array[]): unknown };
  pendingLimit: number;
  flushPending(): void;
}

const encoder = new TextEncoder();
let installed = false;

/**
 * Makes every NATS connection of this process write what it has to send once
 * per event-loop turn (setImmediate) instead of once per microtask checkpoint.
 *
 * nats.js 2.x flushes its outbound buffer in a microtask. A gateway or a
 * service handles each HTTP request or bus message in its own macrotask, so
 * every request became its own socket write, its own wake-up of nats-server
 * and its own read on the other side: on this machine that was most of the
 * bus hop's CPU (docs/decisions/0022-one-bus-write-per-event-loop-turn.md).
 * Flushing in the check phase sends everything the turn produced in one
 * write, a few microseconds later. Writes beyond `pendingLimit` still go out
 * at once, as before.
 *
 * nats.js does not offer this as an option, so the method is replaced on the
 * prototype; `natsWriteCoalescing()` says whether that happened, and a test
 * fails if an upgrade of nats.js changes the internals it relies on.
 */
export function coalesceNatsWrites(): void {
  if (installed) return;
  const prototype = ProtocolHandler.prototype as unknown as OutboundProtocol & Record<string, unknown>;
  if (typeof prototype.sendCommand !== 'function' || typeof prototype.flushPending !== 'function') return;
  prototype.sendCommand = function sendCommand(this: OutboundProtocol, cmd: string | Uint8Array, ...payloads: Uint8Array[]) {
    const wasEmpty = this.outbound.length() === 0;
    this.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (wasEmpty) setImmediate(() => this.flushPending());
    else if (this.outbound.size() >= this.pendingLimit) this.flushPending();
  };
  installed = true;
}

/** Whether coalesceNatsWrites() is in effect in this process. */
export function natsWriteCoalescing(): boolean {
  return installed;
}
