import { randomInt, randomUUID } from 'node:crypto';

/** The package's 4-digit access code ("kod dostępu"), from the CSPRNG: 0000–9999 equally likely. */
export function newAccessCode(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}

/** The package's unique key. */
export function newPrescriptionKey(): string {
  return randomUUID();
}
