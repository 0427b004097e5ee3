import type { INestMicroservice } from '@nestjs/common';
import { BusClient, type ServiceDefinition } from '@pacjent/platform';
/**
 * Runs a service in this process exactly as in production (its module, real
 * PostgreSQL schema and migrations, the NATS transport in its queue group),
 * with optional provider overrides such as a FixedClock.
 */
export declare function startTestService(definition: ServiceDefinition, overrides?: Array<{
    provide: unknown;
    useValue: unknown;
}>): Promise<INestMicroservice>;
/** A bus client for tests, as the gateway would use it. Close it in afterAll. */
export declare function testBusClient(timeoutMs?: number): Promise<BusClient>;
