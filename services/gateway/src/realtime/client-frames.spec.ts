import { parseClientFrame } from './client-frames';

const id = '0b6f6a3e-5a9b-4b0e-9a53-3b2f7f6c1d10';

describe('the frames a page may send over /api/realtime', () => {
  it('takes each kind of frame of the contract', () => {
    expect(parseClientFrame('{"type":"auth","accessToken":"abc"}')).toEqual({ type: 'auth', accessToken: 'abc' });
    expect(parseClientFrame(JSON.stringify({ type: 'follow', consultationId: id, afterSeq: 3 }))).toEqual({
      type: 'follow',
      consultationId: id,
      afterSeq: 3,
    });
    expect(
      parseClientFrame(
        JSON.stringify({ type: 'chat', consultationId: id, clientMessageId: 'm-1', text: 'Dzień dobry' }),
      ),
    ).toMatchObject({ type: 'chat', text: 'Dzień dobry' });
    expect(
      parseClientFrame(JSON.stringify({ type: 'signal', consultationId: id, signal: { kind: 'offer', sdp: 'v=0' } })),
    ).toEqual({ type: 'signal', consultationId: id, signal: { kind: 'offer', sdp: 'v=0' } });
    expect(parseClientFrame('{"type":"watch","topic":"doctor_queue"}')).toEqual({
      type: 'watch',
      topic: 'doctor_queue',
    });
  });

  it('refuses what is not JSON, unknown types, bad ids, negative or fractional seqs and unknown signals', () => {
    for (const text of [
      'not json',
      '[]',
      'null',
      '{"type":"shout"}',
      '{"type":"auth"}',
      JSON.stringify({ type: 'follow', consultationId: 'x', afterSeq: 0 }),
      JSON.stringify({ type: 'follow', consultationId: id, afterSeq: -1 }),
      JSON.stringify({ type: 'follow', consultationId: id, afterSeq: 1.5 }),
      JSON.stringify({ type: 'chat', consultationId: id, clientMessageId: 'a b', text: 'x' }),
      JSON.stringify({ type: 'chat', consultationId: id, clientMessageId: 'm', text: 5 }),
      JSON.stringify({ type: 'signal', consultationId: id, signal: { kind: 'exploit' } }),
      JSON.stringify({ type: 'watch', topic: 'everything' }),
    ]) {
      expect(parseClientFrame(text)).toBeNull();
    }
  });
});
