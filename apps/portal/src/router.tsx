// The portal's addresses go through the router both web apps share (libs/web).
export { hasNavigated, Link, navigate, useLocation } from '@pacjent/web';

/** Only same-site paths are followed after login (no open redirects). */
export function safeNextPath(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}
