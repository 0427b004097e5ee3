import type { INestMicroservice } from '@nestjs/common';
import type { Actor, Channel, ServiceKind } from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BookingDefinition } from '../app';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { DoctorEntity } from '../catalog/doctor.entity';
import type { FacilityEntity } from '../catalog/facility.entity';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import type { SlotEntity } from '../slots/slot.entity';
import { SlotsRepository } from '../slots/slots.repository';

/** Monday 2 March 2026, 8:00 in Warsaw. */
export const TEST_NOW = new Date('2026-03-02T07:00:00Z');
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/**
 * Builds catalog rows and slots through the service's own repositories, with
 * unique names and sensible defaults; each call creates what it is not given.
 */
export class BookingFactory {
  private counter = 0;

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly slots: SlotsRepository,
    private readonly clock: FixedClock,
  ) {}

  private unique(prefix: string): string {
    this.counter += 1;
    return `${prefix} ${this.counter}-${randomUUID().slice(0, 8)}`;
  }

  newFacility(overrides: Partial<Omit<FacilityEntity, 'id'>> = {}): Promise<FacilityEntity> {
    return this.catalog.createFacility({
      name: this.unique('Centrum Medyczne'),
      city: 'Warszawa',
      address: 'ul. Testowa 1, 00-001 Warszawa',
      openingHours: 'pon.–pt. 7:00–20:00',
      ...overrides,
    });
  }

  newService(
    overrides: Partial<{
      name: string;
      kind: ServiceKind;
      specialty: string | null;
      channels: Channel[];
      basicAllowed: boolean;
      requiresReferral: boolean;
    }> = {},
  ): Promise<MedicalServiceEntity> {
    const kind = overrides.kind ?? 'consultation';
    return this.catalog.createService({
      name: this.unique('Konsultacja'),
      kind,
      specialty: kind === 'consultation' ? 'Internista' : null,
      channels: ['in_person', 'phone', 'video'],
      basicAllowed: true,
      requiresReferral: kind === 'rehabilitation',
      ...overrides,
    });
  }

  newDoctor(
    overrides: Partial<{
      name: string;
      specialties: string[];
      languages: string[];
      accountId: string | null;
      serviceIds: string[];
    }> = {},
  ): Promise<DoctorEntity> {
    return this.catalog.createDoctor({
      name: this.unique('lek. Jan Testowy'),
      specialties: ['Internista'],
      languages: ['pl'],
      accountId: null,
      serviceIds: [],
      ...overrides,
    });
  }

  /** A slot starting `startsAt` (default: tomorrow, 10:00 Warsaw), in person unless a channel says otherwise. */
  async newSlot(
    overrides: {
      service?: MedicalServiceEntity;
      doctor?: DoctorEntity;
      facility?: FacilityEntity;
      channel?: Channel;
      startsAt?: Date;
      minutes?: number;
    } = {},
  ): Promise<SlotEntity> {
    const channel = overrides.channel ?? 'in_person';
    const service = overrides.service ?? (await this.newService());
    const doctor = overrides.doctor ?? (await this.newDoctor({ serviceIds: [service.id] }));
    const facility = channel === 'in_person' ? (overrides.facility ?? (await this.newFacility())) : null;
    const startsAt = overrides.startsAt ?? new Date(this.clock.now().getTime() + DAY + 2 * HOUR);
    return this.slots.create({
      serviceId: service.id,
      doctorId: doctor.id,
      facilityId: facility?.id ?? null,
      channel,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (overrides.minutes ?? 20) * 60 * 1000),
    });
  }
}

export interface BookingTestKit {
  service: INestMicroservice;
  bus: BusClient;
  clock: FixedClock;
  factory: BookingFactory;
  dataSource: DataSource;
  /** Sends a bus request to the booking service as `actor`. */
  request<T>(subject: string, actor: Actor | null, data: unknown, idempotencyKey?: string): Promise<T>;
  /** The error a request fails with (fails the test if it succeeds). */
  failure(subject: string, actor: Actor | null, data: unknown, idempotencyKey?: string): Promise<{ code: string }>;
  close(): Promise<void>;
}

/** The booking service on its own fresh database, real PostgreSQL and NATS, with a FixedClock at TEST_NOW. */
export async function startBooking(env: Record<string, string> = {}): Promise<BookingTestKit> {
  const db: TestDatabase = await createTestDatabase();
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const clock = new FixedClock(TEST_NOW);
  let service: INestMicroservice;
  try {
    service = await startTestService(BookingDefinition, [{ provide: Clock, useValue: clock }]);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const bus = await testBusClient();
  const factory = new BookingFactory(service.get(CatalogRepository), service.get(SlotsRepository), clock);
  const request = <T>(subject: string, actor: Actor | null, data: unknown, idempotencyKey?: string) =>
    bus.request<T>(subject, { actor, data, ...(idempotencyKey ? { idempotencyKey } : {}) });
  return {
    service,
    bus,
    clock,
    factory,
    dataSource: service.get(DataSource),
    request,
    failure: async (subject, actor, data, idempotencyKey) => {
      const outcome = await request(subject, actor, data, idempotencyKey).then(
        (value) => ({ succeeded: value }),
        (error: unknown) => ({ error }),
      );
      if ('succeeded' in outcome)
        throw new Error(`expected ${subject} to fail, it answered ${JSON.stringify(outcome.succeeded)}`);
      return outcome.error as { code: string };
    },
    close: async () => {
      await bus.onApplicationShutdown();
      await service.close();
      await db.drop();
    },
  };
}
