import type { AccountLevel, Actor, Role } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';

/** An actor as the gateway would pass it, for tests that call a service over the bus directly. */
export function newActor(overrides: { id?: string; roles?: Role[]; level?: AccountLevel } = {}): Actor {
  return { id: overrides.id ?? randomUUID(), roles: overrides.roles ?? ['patient'], level: overrides.level ?? 'basic' };
}
