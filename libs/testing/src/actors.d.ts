import type { AccountLevel, Actor, Role } from '@pacjent/contracts';
/** An actor as the gateway would pass it, for tests that call a service over the bus directly. */
export declare function newActor(overrides?: {
    id?: string;
    roles?: Role[];
    level?: AccountLevel;
}): Actor;
