import { parseIceServers } from './ice-servers';

describe('ICE_SERVERS', () => {
  it('takes RTCPeerConnection’s shape: STUN and TURN urls, one or several, with TURN credentials', () => {
    expect(parseIceServers('[]')).toEqual([]);
    expect(
      parseIceServers(
        '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478","turns:turn.example.org:5349"],"username":"u","credential":"p"}]',
      ),
    ).toEqual([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349'], username: 'u', credential: 'p' },
    ]);
  });

  it('refuses what is not JSON, other schemes, missing urls and wrong types', () => {
    for (const text of [
      'stun:stun.example.org',
      '{"urls":"stun:x"}',
      '[{"urls":"http://x"}]',
      '[{}]',
      '[{"urls":[]}]',
      '[{"urls":"turn:x","username":1}]',
      '[null]',
    ]) {
      expect(parseIceServers(text)).toBeNull();
    }
  });
});
