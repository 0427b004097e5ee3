import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicy } from './rate-limit.policies';

export const RATE_LIMIT_POLICY = 'pacjent:rate-limit';

/** Counts each request of this handler (or controller) against the policy's limits; beyond them, 429. */
export const RateLimited = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_POLICY, policy);
