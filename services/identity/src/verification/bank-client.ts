import { Injectable, Logger } from '@nestjs/common';
import { VerificationFailure } from '@pacjent/contracts';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import { IdentityConfig } from '../config';

/** The algorithms an ID token from the bank may be signed with. Never `none`, never HMAC. */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256'];
const SCOPE = 'openid profile national_id';

/** Why talking to the bank failed, as a verification outcome code and a reason for the record. */
export class BankFailure extends Error {
  constructor(
    readonly code: VerificationFailure,
    reason: string,
  ) {
    super(reason);
  }
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The relying-party side of the bank's OpenID Connect flow (openid-client 6):
 * authorization code + PKCE (S256), with state, nonce, issuer, audience and
 * expiry checked by openid-client, and the ID token's signature verified
 * against the bank's JWKS with an algorithm allow-list.
 */
@Injectable()
export class BankClient {
  private readonly logger = new Logger(BankClient.name);
  private configuration?: Promise<oidc.Configuration>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: IdentityConfig) {}

  /** A fresh state, nonce and PKCE verifier for one attempt. */
  newRequest(): AuthorizationRequest {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const configuration = await this.discover();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.BANK_REDIRECT_URI,
      scope: SCOPE,
      state: request.state,
      nonce: request.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
    return url.href;
  }

  /** Exchanges the code from the callback and answers the verified ID token's claims. */
  async complete(callbackQuery: string, request: AuthorizationRequest): Promise<JWTPayload> {
    const configuration = await this.discover();
    const callbackUrl = new URL(this.config.BANK_REDIRECT_URI);
    callbackUrl.search = callbackQuery;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: request.codeVerifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (error) {
      throw this.classify(error);
    }
    if (!idToken) throw new BankFailure(VerificationFailure.INVALID_ID_TOKEN, 'the bank sent no ID token');
    try {
      const { payload } = await jwtVerify(idToken, this.keys(configuration), {
        algorithms: ID_TOKEN_ALGORITHMS,
        issuer: configuration.serverMetadata().issuer,
        audience: this.config.BANK_CLIENT_ID,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      });
      return payload;
    } catch (error) {
      throw new BankFailure(VerificationFailure.INVALID_ID_TOKEN, `ID token rejected: ${(error as Error).message}`);
    }
  }

  /** The bank's metadata, fetched once (and again after a failure). */
  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(this.config.BANK_ISSUER),
        this.config.BANK_CLIENT_ID,
        this.config.BANK_CLIENT_SECRET,
        oidc.ClientSecretBasic(this.config.BANK_CLIENT_SECRET),
        this.config.BANK_ALLOW_INSECURE ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error({ err: error }, 'bank discovery failed');
        throw new BankFailure(VerificationFailure.BANK_ERROR, 'the bank cannot be reached');
      });
    return this.configuration;
  }

  /**
   * The bank's public keys. A token signed with a key we do not know yet makes
   * jose fetch the JWKS again at once (no cool-down): the ID token comes straight
   * from the bank's token endpoint over an authenticated exchange, so outsiders
   * cannot use this to make us hammer the bank, and a key rotation just works.
   */
  private keys(configuration: oidc.Configuration): ReturnType<typeof createRemoteJWKSet> {
    const jwksUri = configuration.serverMetadata().jwks_uri;
    if (!jwksUri) throw new BankFailure(VerificationFailure.BANK_ERROR, 'the bank publishes no JWKS');
    this.jwks ??= createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0, cacheMaxAge: 600_000 });
    return this.jwks;
  }

  private classify(error: unknown): BankFailure {
    if (error instanceof oidc.AuthorizationResponseError) {
      return error.error === 'access_denied'
        ? new BankFailure(VerificationFailure.BANK_DENIED, 'the person refused at the bank')
        : new BankFailure(VerificationFailure.BANK_ERROR, `the bank answered ${error.error}`);
    }
    if (error instanceof oidc.ResponseBodyError) {
      return new BankFailure(VerificationFailure.BANK_ERROR, `the bank refused the code: ${error.error}`);
    }
    const code = (error as { code?: string }).code;
    if (error instanceof TypeError || code === 'OAUTH_RESPONSE_IS_NOT_JSON' || code === 'OAUTH_TIMEOUT') {
      return new BankFailure(VerificationFailure.BANK_ERROR, 'the bank cannot be reached');
    }
    return new BankFailure(VerificationFailure.INVALID_ID_TOKEN, `ID token rejected: ${describe(error)}`);
  }
}

/** openid-client's message with the detail of its cause (which claim or header was wrong). */
function describe(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.join(': ');
}
