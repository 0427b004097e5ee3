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

/** How BusReplySerializer begins a reply that embeds a JsonText (the id is a UUID: no quotes or escapes). */
const RENDERED_REPLY_HEAD = /^\{"id":"[^"\\]*","isDisposed":(?:true|false),"response":/;

/**
 * The services' reply serializer: Nest's JSON packet, except that a JsonText
 * response is embedded verbatim: `{"id":…,"isDisposed":…,"response":<text>}`.
 */
export class BusReplySerializer implements Serializer<Record<string, unknown>, { data: Uint8Array }> {
  serialize(packet: Record<string, unknown>): { data: Uint8Array } {
    const { response, id, isDisposed } = packet;
    if (!(response instanceof JsonText)) return { data: encoder.encode(JSON.stringify(packet)) };
    const head = `{"id":${JSON.stringify(String(id))},"isDisposed":${isDisposed === true}`;
    return { data: encoder.encode(`${head},"response":${response.json}}`) };
  }
}

/** The JSON text of a reply's response when the service embedded it verbatim, else undefined. */
export function renderedResponse(reply: string): string | undefined {
  const head = RENDERED_REPLY_HEAD.exec(reply);
  return head ? reply.slice(head[0].length, -1) : undefined;
}
