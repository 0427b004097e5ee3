/**
 * Readiness checks for the launcher: the gateway's GET /api/health, and each
 * service's `<service>.health` bus handler asked directly over NATS, so that a
 * slow start can name the service that does not answer.
 */
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';

const codec = JSONCodec();

/** `{ status, body }` from the gateway, or `{ status: 0, body: reason }` when it does not answer. */
export async function gatewayHealth(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    const text = await response.text();
    return { status: response.status, body: text };
  } catch (error) {
    return { status: 0, body: error.cause?.code ?? error.message };
  }
}

export class BusProbe {
  /** `auth`: `{ user, pass }` where NATS asks for users (the launcher asks as the gateway: health subjects). */
  static async open(natsUrl, auth = {}) {
    // NATS_URL may list a cluster's servers, comma-separated (as PlatformConfig reads it).
    const servers = natsUrl.split(',').map((server) => server.trim());
    return new BusProbe(await connect({ servers, name: 'dev-launcher', maxReconnectAttempts: -1, ...auth }));
  }

  constructor(connection) {
    this.connection = connection;
  }

  /** True when some replica of `service` answers its health subject (Nest's request packet, as the gateway sends it). */
  async answers(prefix, service, timeoutMs = 1500) {
    const subject = `${prefix}.${service}.health`;
    const packet = { pattern: subject, data: { actor: null, data: {} }, id: randomUUID() };
    try {
      const reply = codec.decode(
        (await this.connection.request(subject, codec.encode(packet), { timeout: timeoutMs })).data,
      );
      return reply !== null && typeof reply === 'object' && !reply.err;
    } catch {
      return false;
    }
  }

  async close() {
    await this.connection.close().catch(() => undefined);
  }
}

/**
 * Short description of a gateway health body for a log line: the services it
 * reports as not ok (`{services: {booking: 'unavailable', …}}`), else the body itself.
 */
export function summarizeBody(body) {
  try {
    const parsed = JSON.parse(body);
    const services = parsed?.services;
    if (services && typeof services === 'object') {
      const unhealthy = Object.entries(services)
        .map(([name, state]) => [name, typeof state === 'object' && state !== null ? state.status : state])
        .filter(([, status]) => status !== 'ok');
      if (unhealthy.length > 0) return unhealthy.map(([name, status]) => `${name} ${status}`).join(', ');
    }
  } catch {
    // not JSON: show it as it is
  }
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}
