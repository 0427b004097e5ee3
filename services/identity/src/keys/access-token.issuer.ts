import { Injectable } from '@nestjs/common';
import type { AccessTokenClaims } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { IdentityConfig } from '../config';
import { SigningKeysService } from './signing-keys.service';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/**
 * Signs access tokens with the active key: `sub`, `roles`, `level`, `sid` (the
 * session: its refresh-token family), `iss`, `aud`, `iat`, `exp`, `jti`; `kid`
 * in the header.
 */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<IssuedAccessToken> {
    const key = await this.keys.active();
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ roles: claims.roles, level: claims.level, sid: claims.sid })
      .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expiresIn };
  }
}
