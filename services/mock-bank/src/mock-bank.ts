import { isValidPesel } from '@pacjent/contracts';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';
import { isMisbehaviour, misbehave, newSigningKey, type Misbehaviour } from './misbehaviour';
import { consentPage, loginPage } from './pages';
import { claimsOf, personFor, type Person } from './personas';

/** A relying party registered at the bank. */
export interface BankClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name?: string;
}

export interface MockBankOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Defaults to `http://127.0.0.1:<port>`. */
  issuer?: string;
  clients: BankClient[];
  /** Binds `PUT /__test__/misbehaviour` (never in production-like runs). */
  testControls?: boolean;
}

export interface MockBank {
  issuer: string;
  port: number;
  /** Makes every following token response misbehave this way ('none' restores it). */
  misbehave(mode: Misbehaviour): void;
  close(): Promise<void>;
}

const SANDBOX_PASSWORD = 'demo';
type InteractionAction = 'login' | 'confirm' | 'abort';
const ADMIN_PATH = '/__test__/misbehaviour';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the mock bank: a real OpenID Connect provider (panva's oidc-provider)
 * with authorization code + PKCE (S256) only, discovery, JWKS and RS256-signed
 * ID tokens carrying the person's names, birth date and PESEL.
 */
export async function startMockBank(options: MockBankOptions): Promise<MockBank> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Listening: a later server error (say, out of file descriptors) is reported, never the end of the process.
  server.on('error', (error) => process.stderr.write(`mock bank server error: ${error.message}\n`));
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  const ownKey = await newSigningKey();
  const rotatedKey = await newSigningKey();
  const people = new Map<string, Person>();
  const clientNames = new Map(options.clients.map((c) => [c.clientId, c.name ?? c.clientId]));
  let mode: Misbehaviour = 'none';

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name ?? client.clientId,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    jwks: { keys: [ownKey.privateJwk] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'national_id'],
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'birthdate'],
      national_id: ['nin', 'nin_type', 'nin_issuing_country'],
    },
    // Put the released claims in the ID token itself, as bank-identity services do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 900, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: (_ctx: unknown, sub: string) => {
      const person = people.get(sub);
      return person ? { accountId: sub, claims: () => claimsOf(person) } : undefined;
    },
    renderError: (ctx: KoaContext, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="pl"><meta charset="utf-8"><title>Błąd</title><h1>Bank Testowy: błąd</h1><p>${
        out.error ?? 'error'
      }</p>`;
    },
  });

  const finish = async (ctx: KoaContext, result: Record<string, unknown>, merge: boolean) => {
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: merge });
    ctx.status = 303;
    ctx.redirect(returnTo);
  };

  const interaction = async (ctx: KoaContext, uid: string, action: InteractionAction | undefined) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const clientName = clientNames.get(details.params.client_id) ?? details.params.client_id;
    const accountId = details.session?.accountId;
    if (ctx.method === 'GET' && action === undefined) {
      ctx.type = 'html';
      const person = accountId ? people.get(accountId) : undefined;
      if (details.prompt.name === 'login' || !person) {
        ctx.body = loginPage(uid, clientName);
        return;
      }
      ctx.body = consentPage(uid, clientName, [
        ['Imię', person.givenName],
        ['Nazwisko', person.familyName],
        ['Data urodzenia', person.birthdate],
        ['PESEL', person.pesel],
      ]);
      return;
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      return;
    }
    switch (action) {
      case 'login': {
        const form = new URLSearchParams(await readBody(ctx.req));
        const pesel = (form.get('pesel') ?? '').trim();
        if (!isValidPesel(pesel) || form.get('password') !== SANDBOX_PASSWORD) {
          ctx.type = 'html';
          ctx.status = 200;
          ctx.body = loginPage(uid, clientName, 'Nieprawidłowy PESEL lub hasło.');
          return;
        }
        const person = personFor(pesel);
        people.set(person.sub, person);
        await finish(ctx, { login: { accountId: person.sub } }, false);
        return;
      }
      case 'confirm': {
        if (!accountId) throw new Error('no session');
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId, clientId: details.params.client_id });
        if (!grant) throw new Error('grant not found');
        const missingScope = details.prompt.details.missingOIDCScope as string[] | undefined;
        const missingClaims = details.prompt.details.missingOIDCClaims as string[] | undefined;
        if (missingScope) grant.addOIDCScope(missingScope.join(' '));
        if (missingClaims) grant.addOIDCClaims(missingClaims);
        const grantId = await grant.save();
        await finish(ctx, { consent: details.grantId ? {} : { grantId } }, true);
        return;
      }
      case 'abort':
        await finish(ctx, { error: 'access_denied', error_description: 'The person refused at the bank.' }, false);
        return;
      case undefined:
        ctx.status = 405;
    }
  };

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(ctx.path);
    if (match) return interaction(ctx, match[1]!, match[2] as InteractionAction | undefined);
    if (options.testControls && ctx.path === ADMIN_PATH && ctx.method === 'PUT') {
      const requested = (JSON.parse((await readBody(ctx.req)) || '{}') as { mode?: unknown }).mode;
      if (!isMisbehaviour(requested)) {
        ctx.status = 400;
        ctx.body = { error: 'unknown mode' };
        return;
      }
      mode = requested;
      ctx.body = { mode };
      return;
    }
    await next();
    if (mode === 'rotated_key' && ctx.path === '/jwks') ctx.body = { keys: [rotatedKey.publicJwk] };
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && ctx.status === 200 && typeof body?.id_token === 'string') {
      body.id_token = await misbehave(body.id_token, mode, ownKey, rotatedKey);
    }
  });

  server.on('request', provider.callback());
  return {
    issuer,
    port,
    misbehave: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
