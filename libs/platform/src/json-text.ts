import type { Serializer } from '@nestjs/microservices';

/**
 * A bus reply that is already JSON, typically rendered by PostgreSQL: it is
 * put into the reply as the text it is, instead of being parsed into objects
 * only to be serialized again. Consumers receive `T`, as from any reply.
 */
export class JsonText<T> {
  declare private readonly parsesTo?: T;

  constructor(readonly json: string) {}
}

const encoder = new TextEncoder();

/**
 * The services' reply serializer: Nest's JSON packet, except that a JsonText
 * response is embedded verbatim: `{"id":…,"isDisposed":true,"response":<text>}`.
 */
export class BusReplySerializer implements Serializer<Record<string, unknown>, { data: Uint8Array }> {
  serialize(packet: Record<string, unknown>): { data: Uint8Array } {
    const { response, ...envelope } = packet;
    if (!(response instanceof JsonText)) return { data: encoder.encode(JSON.stringify(packet)) };
    const head = JSON.stringify(envelope);
    const separator = head === '{}' ? '' : ',';
    return { data: encoder.encode(`${head.slice(0, -1)}${separator}"response":${response.json}}`) };
  }
}
