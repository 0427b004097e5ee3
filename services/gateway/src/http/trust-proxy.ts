import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { isIP } from 'node:net';

/**
 * TRUST_PROXY: which X-Forwarded-* headers the gateway believes, in the forms
 * Fastify's `trustProxy` takes — `true`/`false`, a hop count (`1`: the one
 * proxy in front), or a comma-separated list of proxy addresses or CIDR
 * ranges (`10.0.0.0/8,127.0.0.1`; `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === 'true') return true;
  if (text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((part) => part.trim());
}

function isProxyAddress(entry: unknown): boolean {
  if (typeof entry !== 'string') return false;
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export function isTrustProxy(value: unknown): value is TrustProxy {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 100;
  return Array.isArray(value) && value.length > 0 && value.every(isProxyAddress);
}

/** The config property decorator: parse the variable, then refuse anything Fastify would misread. */
export function EnvTrustProxy(): PropertyDecorator {
  const parse = Transform(({ value }: { value: unknown }) => parseTrustProxy(value));
  const check = ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => isTrustProxy(value),
      defaultMessage: () =>
        'TRUST_PROXY must be true, false, a hop count (1-100) or a comma-separated list of IP addresses or CIDR ranges',
    },
  });
  return (target, key) => {
    parse(target, key);
    check(target, key);
  };
}
