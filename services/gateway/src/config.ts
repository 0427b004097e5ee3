import { ACCESS_TOKEN_DEFAULTS } from '@pacjent/contracts';
import { EnvBoolean, PlatformConfig, type ProductionChecked } from '@pacjent/platform';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { resolve } from 'node:path';

export class GatewayConfig extends PlatformConfig implements ProductionChecked {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  /** Must match identity's JWT_ISSUER / JWT_AUDIENCE. */
  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string = ACCESS_TOKEN_DEFAULTS.issuer;

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE: string = ACCESS_TOKEN_DEFAULTS.audience;

  /** How long identity's public keys are trusted before they are fetched again. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  JWKS_CACHE_SECONDS = 300;

  /** Behind a reverse proxy, trust its X-Forwarded-* headers (client IP, HTTPS). */
  @EnvBoolean()
  TRUST_PROXY = false;

  /** Where the built patient web app lives; served at `/`. */
  @IsString()
  PORTAL_DIST = resolve(__dirname, '../../../apps/portal/dist');

  /** Health checks wait at most this long for each service. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  HEALTH_TIMEOUT_MS = 2000;

  /** Behind a proxy or not decides which client IP rate limits and logs see: production must say which. */
  unsafeInProduction(env: NodeJS.ProcessEnv): string[] {
    return env.TRUST_PROXY === undefined || env.TRUST_PROXY === ''
      ? ['TRUST_PROXY: not set; say true behind a reverse proxy or load balancer, false when clients connect directly']
      : [];
  }
}
