/** Refresh this long before the access token runs out, at most. */
const MAX_LEAD_MS = 60_000;
/** Never refresh more often than this, whatever the server says. */
const MIN_DELAY_MS = 5_000;
/** setTimeout's ceiling (a signed 32-bit number of milliseconds). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * When to refresh an access token that lives `expiresInSeconds`: a minute
 * before it expires, or at 80% of its life for short-lived tokens.
 */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = Math.max(0, expiresInSeconds) * 1000;
  const lead = Math.min(MAX_LEAD_MS, lifetime * 0.2);
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, lifetime - lead));
}
