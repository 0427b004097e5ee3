import { canonicalJson, requestHash } from './request-hash';

describe('request hash for idempotency keys', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestHash('create', { slotId: 's', referralId: undefined })).toBe(requestHash('create', { slotId: 's' }));
  });

  it('tells different bodies and different operations apart', () => {
    expect(requestHash('create', { slotId: 'a' })).not.toBe(requestHash('create', { slotId: 'b' }));
    expect(requestHash('create', { id: 'a' })).not.toBe(requestHash('cancel', { id: 'a' }));
    expect(requestHash('create', { slotId: 'a' })).toMatch(/^[0-9a-f]{64}$/);
  });
});
