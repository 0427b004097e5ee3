import type { GatewayConfig } from '../config';

/** Whose requests one counter counts. */
export type RateLimitScope =
  /** The client's IP address (an IPv6 client by its /64 network). */
  | 'ip'
  /** The logged-in account; requests without one are not counted by this rule. */
  | 'account'
  /** The logged-in account, or the client's IP address when nobody is logged in. */
  | 'account-or-ip';

export interface RateLimitRule {
  scope: RateLimitScope;
  /** Requests allowed per window; 0 turns the rule off. */
  points: number;
  windowSeconds: number;
}

/** The endpoints that are public or costly enough to need a limit (README "Security"). */
export const RateLimitPolicy = {
  REGISTER: 'register',
  CONTACT_REQUEST: 'contact-request',
  BANK_START: 'bank-start',
  SEARCH: 'search',
  PASSWORD_RESET: 'password-reset',
  PASSWORD_CHANGE: 'password-change',
} as const;
export type RateLimitPolicy = (typeof RateLimitPolicy)[keyof typeof RateLimitPolicy];

const HOUR = 3600;
const MINUTE = 60;

/** Each policy's rules, with the limits from the configuration. */
export function rateLimitRules(config: GatewayConfig): Record<RateLimitPolicy, RateLimitRule[]> {
  return {
    [RateLimitPolicy.REGISTER]: [{ scope: 'ip', points: config.RATE_LIMIT_REGISTER_PER_HOUR, windowSeconds: HOUR }],
    [RateLimitPolicy.CONTACT_REQUEST]: [
      { scope: 'ip', points: config.RATE_LIMIT_CONTACT_PER_HOUR, windowSeconds: HOUR },
    ],
    [RateLimitPolicy.BANK_START]: [
      { scope: 'account', points: config.RATE_LIMIT_BANK_START_PER_HOUR, windowSeconds: HOUR },
    ],
    // One budget for slot search and every catalog read: a page shows several of them at once.
    [RateLimitPolicy.SEARCH]: [
      { scope: 'account-or-ip', points: config.RATE_LIMIT_SEARCH_PER_MINUTE, windowSeconds: MINUTE },
    ],
    [RateLimitPolicy.PASSWORD_RESET]: [
      { scope: 'ip', points: config.RATE_LIMIT_PASSWORD_RESET_PER_HOUR, windowSeconds: HOUR },
    ],
    [RateLimitPolicy.PASSWORD_CHANGE]: [
      { scope: 'account', points: config.RATE_LIMIT_PASSWORD_CHANGE_PER_HOUR, windowSeconds: HOUR },
    ],
  };
}
