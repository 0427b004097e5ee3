import { BusReplySerializer, JsonText, renderedResponse } from './json-text';

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('BusReplySerializer', () => {
  const serializer = new BusReplySerializer();

  it('embeds a JsonText response as the value it spells, next to the packet fields', () => {
    const reply = serializer.serialize({
      id: 'r-1',
      response: new JsonText('[{"id":"s-1","facility":null}]'),
      isDisposed: true,
    });
    expect(decode(reply.data)).toEqual({ id: 'r-1', isDisposed: true, response: [{ id: 's-1', facility: null }] });
  });

  it('spells any successful reply with the same head, so its response can be cut out unparsed', () => {
    const response = { a: 1, text: 'Zażółć "gęślą" jaźń\u0000', list: [null, true] };
    const text = new TextDecoder().decode(serializer.serialize({ id: 'r-4', response, isDisposed: true }).data);
    expect(JSON.parse(renderedResponse(text) ?? 'null')).toEqual(response);
    expect(JSON.parse(text)).toEqual({ id: 'r-4', isDisposed: true, response });
  });

  it('leaves errors and replies without a response to plain JSON, which renderedResponse does not cut', () => {
    const error = new TextDecoder().decode(serializer.serialize({ id: 'r-5', err: { code: 'SLOT_TAKEN' } }).data);
    expect(renderedResponse(error)).toBeUndefined();
    const empty = new TextDecoder().decode(serializer.serialize({ id: 'r-6', isDisposed: true }).data);
    expect(renderedResponse(empty)).toBeUndefined();
    expect(JSON.parse(empty)).toEqual({ id: 'r-6', isDisposed: true });
  });

  it('serializes any other packet as plain JSON, errors included', () => {
    expect(decode(serializer.serialize({ id: 'r-2', response: { a: 1 }, isDisposed: true }).data)).toEqual({
      id: 'r-2',
      response: { a: 1 },
      isDisposed: true,
    });
    expect(decode(serializer.serialize({ id: 'r-3', err: { code: 'SLOT_TAKEN' } }).data)).toEqual({
      id: 'r-3',
      err: { code: 'SLOT_TAKEN' },
    });
  });
});
