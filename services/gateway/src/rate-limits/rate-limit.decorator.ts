import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { RateLimitPolicy } from './rate-limit.policies';

export const RATE_LIMIT_POLICY = 'pacjent:rate-limit';

/**
 * Counts each request of this handler (or controller) against the policy's
 * limits; beyond them, 429 TOO_MANY_REQUESTS with Retry-After (also in the OpenAPI document).
 */
export const RateLimited = (policy: RateLimitPolicy) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_POLICY, policy),
    ApiTooManyRequestsResponse({
      description: `TOO_MANY_REQUESTS (limit "${policy}", README "Security"): the Retry-After header says in how many seconds to try again`,
    }),
  );
