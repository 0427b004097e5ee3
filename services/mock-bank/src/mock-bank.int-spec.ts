import { startMockBank, type MockBank } from './mock-bank';

describe('mock bank', () => {
  const client = { clientId: 'rp', clientSecret: 'secret', redirectUris: ['http://127.0.0.1:9/cb'] };
  let bank: MockBank;
  let controlled: MockBank;

  beforeAll(async () => {
    bank = await startMockBank({ port: 0, clients: [client] });
    controlled = await startMockBank({ port: 0, clients: [client], testControls: true });
  });
  afterAll(async () => {
    await bank.close();
    await controlled.close();
  });

  it('publishes discovery for the code flow with PKCE S256 only and the PESEL claims', async () => {
    const metadata = (await (await fetch(`${bank.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      issuer: bank.issuer,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: expect.arrayContaining(['RS256']),
    });
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining(['given_name', 'family_name', 'birthdate', 'nin', 'nin_type', 'nin_issuing_country']),
    );
    const jwks = (await (await fetch(metadata.jwks_uri as string)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', kid: expect.any(String) })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL('/auth', bank.issuer);
    url.search = new URLSearchParams({
      client_id: 'rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: client.redirectUris[0]!,
      state: 'x',
    }).toString();
    const answer = await fetch(url, { redirect: 'manual' });
    const location = answer.headers.get('location') ?? '';
    expect(location).toContain('error=invalid_request');
    expect(decodeURIComponent(location)).toMatch(/PKCE/);
  });

  it('binds the misbehaviour switch only when test controls are on', async () => {
    const put = (target: MockBank, mode: string) =>
      fetch(`${target.issuer}/__test__/misbehaviour`, { method: 'PUT', body: JSON.stringify({ mode }) });
    expect((await put(bank, 'alg_none')).status).toBe(404);
    expect((await put(controlled, 'no_such_mode')).status).toBe(400);
    const switched = await put(controlled, 'alg_none');
    expect(switched.status).toBe(200);
    await expect(switched.json()).resolves.toEqual({ mode: 'alg_none' });
    await put(controlled, 'none');
  });
});
