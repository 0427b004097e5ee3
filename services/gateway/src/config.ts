import { ACCESS_TOKEN_DEFAULTS, QUEUE_GRACE_SECONDS, REALTIME_AUTH_TIMEOUT_MS } from '@pacjent/contracts';
import { PlatformConfig, type ProductionChecked } from '@pacjent/platform';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { resolve } from 'node:path';
import { EnvTrustProxy, type TrustProxy } from './http/trust-proxy';
import { IsIceServers } from './online/ice-servers';

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

  /**
   * Behind a reverse proxy, trust its X-Forwarded-* headers (client IP, HTTPS):
   * `true`, a hop count, or the proxies' addresses (see http/trust-proxy.ts).
   */
  @EnvTrustProxy()
  TRUST_PROXY: TrustProxy = false;

  /** Where the built patient web app lives; served at `/`. */
  @IsString()
  PORTAL_DIST = resolve(__dirname, '../../../apps/portal/dist');

  /** Health checks wait at most this long for each service. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  HEALTH_TIMEOUT_MS = 2000;

  /** The patient portal's address (as identity's PORTAL_URL): an https one makes the bank-binding cookie Secure. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PORTAL_URL = 'http://localhost:3000';
  /**
   * Redis holding the rate-limit counters every gateway replica shares
   * (docs/decisions/0010-rate-limits-in-redis.md). The gateway refuses to
   * start without it; later outages fall back to per-replica counters.
   */
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of the rate-limit keys in Redis (several portals, or test files, can share one Redis). */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,80}$/)
  RATE_LIMIT_PREFIX = 'pacjent:rate-limit';

  /** Registrations per client IP per hour (0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_REGISTER_PER_HOUR = 10;

  /** "Confirm my identity" contact-form requests per client IP per hour (0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_CONTACT_PER_HOUR = 5;

  /** Bank identity confirmations started per account per hour (0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_BANK_START_PER_HOUR = 10;

  /** Slot searches and catalog reads per minute, per account (logged in) or client IP (0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_SEARCH_PER_MINUTE = 120;

  /**
   * STUN/TURN servers for the browsers' calls (JSON, RTCPeerConnection's iceServers), sent to pages by
   * GET /api/online/config. Empty: browsers connect directly (localhost, one LAN).
   */
  @IsIceServers()
  ICE_SERVERS = '[]';

  /**
   * As consultations' QUEUE_GRACE_SECONDS: the gateway reports its pages' waiting consultations four
   * times per grace period, so a page that is still there never loses its place.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  QUEUE_GRACE_SECONDS = QUEUE_GRACE_SECONDS;

  /** A WebSocket at /api/realtime must send its `auth` frame within this time (closed 4408 otherwise). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REALTIME_AUTH_TIMEOUT_MS = REALTIME_AUTH_TIMEOUT_MS;

  /** Behind a proxy or not decides which client IP rate limits and logs see: production must say which. */
  unsafeInProduction(env: NodeJS.ProcessEnv): string[] {
    return env.TRUST_PROXY === undefined || env.TRUST_PROXY === ''
      ? ['TRUST_PROXY: not set; say true behind a reverse proxy or load balancer, false when clients connect directly']
      : [];
  }
}
