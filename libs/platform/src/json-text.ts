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

/** How BusReplySerializer begins a successful reply (the id is a UUID: no quotes or escapes). */
const RENDERED_REPLY_HEAD = /^\{"id":"[^"\\]*","isDisposed":(?:true|false),"response":/;

/**
 * The services' reply serializer: Nest's JSON packet, spelled so that a
 * successful reply always begins `{"id":…,"isDisposed":…,"response":` and
 * ends with its response: a caller that only passes the response on (the
 * gateway's HTTP answers) cuts it out instead of parsing the whole packet and
 * serializing it again. A JsonText response is embedded verbatim.
 */
export class BusReplySerializer implements Serializer<Record<string, unknown>, { data: Uint8Array }> {
  serialize(packet: Record<string, unknown>): { data: Uint8Array } {
    const { response, id, isDisposed, err } = packet;
    const failed = err !== undefined && err !== null;
    if (failed || response === undefined || Object.keys(packet).some((key) => !REPLY_KEYS.has(key))) {
      return { data: encoder.encode(JSON.stringify(packet)) };
    }
    const json = response instanceof JsonText ? response.json : JSON.stringify(response);
    const head = `{"id":${JSON.stringify(String(id))},"isDisposed":${isDisposed === true}`;
    return { data: encoder.encode(`${head},"response":${json}}`) };
  }
}

/** The fields of a successful reply packet (`err` only when null). */
const REPLY_KEYS = new Set(['id', 'isDisposed', 'response', 'err']);

/** The JSON text of a successful reply's response, else undefined (an error, or another spelling). */
export function renderedResponse(reply: string): string | undefined {
  const head = RENDERED_REPLY_HEAD.exec(reply);
  return head ? reply.slice(head[0].length, -1) : undefined;
}
