import { ConfigError, loadConfig } from '@pacjent/platform';
import Fastify from 'fastify';
import { httpServerOptions } from '../app';
import { GatewayConfig } from '../config';

const trustProxyOf = (value: string) => loadConfig(GatewayConfig, { TRUST_PROXY: value }).TRUST_PROXY;

/** The client address the gateway sees (rate limits, logs) with the configured TRUST_PROXY. */
async function clientIp(value: string | undefined, forwardedFor: string, remoteAddress = '10.0.0.5'): Promise<string> {
  const config = loadConfig(GatewayConfig, value === undefined ? {} : { TRUST_PROXY: value });
  const { trustProxy } = httpServerOptions(config);
  const fastify = Fastify({ trustProxy });
  fastify.get('/ip', (request) => ({ ip: request.ip }));
  try {
    const response = await fastify.inject({
      url: '/ip',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });
    return (response.json() as { ip: string }).ip;
  } finally {
    await fastify.close();
  }
}

describe('TRUST_PROXY', () => {
  it('takes true/false, a hop count and a list of addresses or ranges', () => {
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('0')).toBe(false);
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('10.0.0.0/8, 127.0.0.1,::1,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback']);
    expect(loadConfig(GatewayConfig, {}).TRUST_PROXY).toBe(false);
  });

  it('refuses what Fastify would misread, naming the variable', () => {
    for (const bad of ['yes', '10.0.0.0/99', '10.0.0', 'proxy.example.com', '1,2', '-1', '101']) {
      expect(() => trustProxyOf(bad)).toThrow(ConfigError);
      expect(() => trustProxyOf(bad)).toThrow(/TRUST_PROXY/);
    }
  });

  it('is what the gateway’s HTTP server uses: TRUST_PROXY=1 believes one proxy hop', async () => {
    expect(await clientIp(undefined, '203.0.113.9')).toBe('10.0.0.5');
    expect(await clientIp('1', '203.0.113.9')).toBe('203.0.113.9');
    // one hop: the address the proxy saw, not what the client claimed before it
    expect(await clientIp('1', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIp('10.0.0.0/8', '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIp('10.0.0.0/8', '203.0.113.9', '192.0.2.1')).toBe('192.0.2.1');
    expect(await clientIp('true', '198.51.100.1, 203.0.113.9')).toBe('198.51.100.1');
  });
});
