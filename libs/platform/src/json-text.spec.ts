import { BusReplySerializer, JsonText } from './json-text';

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
