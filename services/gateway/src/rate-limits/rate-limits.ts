import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions } from 'rate-limiter-flexible';
import type { GatewayConfig } from '../config';
import { clientAddressKey } from './client-address';
import { rateLimitRules, type RateLimitPolicy, type RateLimitRule } from './rate-limit.policies';

/** Who sends a request, as far as the limits care. */
export interface RateLimitClient {
  ip: string;
  accountId?: string;
}

interface Counter {
  rule: RateLimitRule;
  limiter: RateLimiterRedis;
}

/** How often, at most, the gateway repeats that it counts per replica because Redis is away. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;

/**
 * The gateway's request limits, counted in Redis so that every replica sees
 * the same counters (fixed windows, one atomic INCR + EXPIRE per counter, by
 * rate-limiter-flexible). While Redis is unreachable each replica counts in
 * its own memory instead (the library's insurance limiter) and says so in
 * the log: the limits then hold per replica, and the portal stays up
 * (docs/decisions/0010-rate-limits-in-redis.md).
 */
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly counters: Record<RateLimitPolicy, Counter[]>;
  private fallbackDecisions = 0;
  private lastFallbackLog = 0;

  private constructor(
    private readonly redis: Redis,
    config: GatewayConfig,
  ) {
    const rules = rateLimitRules(config);
    this.counters = Object.fromEntries(
      Object.entries(rules).map(([policy, policyRules]) => [
        policy,
        policyRules
          .filter((rule) => rule.points > 0)
          .map((rule) => ({
            rule,
            limiter: this.limiter(`${config.RATE_LIMIT_PREFIX}:${policy}:${rule.scope}`, rule),
          })),
      ]),
    ) as Record<RateLimitPolicy, Counter[]>;
  }

  /** Connects to REDIS_URL; refuses (throws) when Redis does not answer, so a gateway never starts unlimited. */
  static async connect(config: GatewayConfig): Promise<RateLimits> {
    const redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      // A limit decision never waits for Redis to come back: it falls back at once.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      commandTimeout: 1000,
      connectionName: `gateway-${config.INSTANCE_ID}`,
    });
    const logger = new Logger(RateLimits.name);
    let reachable = false;
    // Without a listener an 'error' event would end the process; ioredis keeps reconnecting by itself.
    redis.on('error', (error: Error) => {
      if (reachable)
        logger.warn({ err: error }, 'Redis (REDIS_URL) unreachable: rate limits count per replica until it is back');
      reachable = false;
    });
    redis.on('ready', () => {
      if (!reachable) logger.log('Redis (REDIS_URL) reachable: rate limits shared by every replica');
      reachable = true;
    });
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw Object.assign(new Error(`Redis is not reachable (REDIS_URL): ${(error as Error).message}`), {
        code: 'REDIS_UNREACHABLE',
      });
    }
    return new RateLimits(redis, config);
  }

  /**
   * Counts one request of `client` against every rule of `policy`; throws
   * TOO_MANY_REQUESTS (with the seconds until the fullest counter frees up)
   * when any rule is exceeded.
   */
  async consume(policy: RateLimitPolicy, client: RateLimitClient): Promise<void> {
    const refusals: number[] = [];
    for (const { rule, limiter } of this.counters[policy]) {
      const key = keyOf(rule, client);
      if (key === null) continue;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        refusals.push(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    }
    if (refusals.length > 0) {
      throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many requests of this kind. Try again later.', {
        retryAfterSeconds: Math.max(...refusals),
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private limiter(keyPrefix: string, rule: RateLimitRule): RateLimiterRedis {
    const options: IRateLimiterOptions = { keyPrefix, points: rule.points, duration: rule.windowSeconds };
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new PerReplicaFallback(options, () => this.noteFallback()),
    });
  }

  /** A metric-like log line (at most once a minute) while decisions are taken without Redis. */
  private noteFallback(): void {
    this.fallbackDecisions++;
    const now = Date.now();
    if (now - this.lastFallbackLog < FALLBACK_LOG_INTERVAL_MS) return;
    this.lastFallbackLog = now;
    this.logger.warn(
      { rateLimitFallbackDecisions: this.fallbackDecisions },
      'rate limits counted per replica: Redis (REDIS_URL) unreachable',
    );
  }
}

/** The in-memory counter rate-limiter-flexible falls back to when Redis fails; tells the gateway each time. */
class PerReplicaFallback extends RateLimiterMemory {
  constructor(
    options: IRateLimiterOptions,
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(
    key: string | number,
    points?: number,
    options?: { [key: string]: unknown },
  ): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(key, points, options);
  }
}

function keyOf(rule: RateLimitRule, client: RateLimitClient): string | null {
  switch (rule.scope) {
    case 'ip':
      return `ip:${clientAddressKey(client.ip)}`;
    case 'account':
      return client.accountId ? `account:${client.accountId}` : null;
    case 'account-or-ip':
      return client.accountId ? `account:${client.accountId}` : `ip:${clientAddressKey(client.ip)}`;
  }
}
