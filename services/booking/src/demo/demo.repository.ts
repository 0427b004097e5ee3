import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewFacility, NewService } from '../catalog/catalog.repository';
import { DoctorServiceEntity } from '../catalog/doctor-service.entity';
import { DoctorEntity } from '../catalog/doctor.entity';
import { FacilityEntity } from '../catalog/facility.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { CLINIC_TIME_ZONE } from '../slots/warsaw-time';
import type { DemoDoctor } from './demo-doctors';
import type { ScheduleBlock } from './demo-schedule';

/** Bulk writes of the demo data, inside one transaction under one lock. */
@Injectable()
export class DemoRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` while holding the demo-seed lock, so replicas starting together seed once. */
  underSeedLock<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:demo-seed', 0))`);
      return work(tx);
    });
  }

  async catalogIsEmpty(tx: EntityManager): Promise<boolean> {
    return (await tx.count(MedicalServiceEntity)) === 0;
  }

  async insertCatalog(
    tx: EntityManager,
    catalog: { facilities: NewFacility[]; services: NewService[]; doctors: DemoDoctor[] },
  ): Promise<void> {
    await tx.insert(FacilityEntity, catalog.facilities);
    const services = await tx.insert(MedicalServiceEntity, catalog.services);
    const doctors = await tx.insert(
      DoctorEntity,
      catalog.doctors.map((doctor) => ({
        name: doctor.name,
        specialties: doctor.specialties,
        languages: doctor.languages,
        accountId: doctor.accountId ?? null,
      })),
    );
    // insert() reports generated ids in input order.
    const serviceIds = new Map(catalog.services.map((service, i) => [service.name, idOf(services.identifiers[i])]));
    await tx.insert(
      DoctorServiceEntity,
      catalog.doctors.flatMap((doctor, i) =>
        doctor.services.map((name) => ({ doctorId: idOf(doctors.identifiers[i]), serviceId: serviceIds.get(name)! })),
      ),
    );
  }

  /**
   * Adds the slots the schedule defines on the Warsaw dates `firstDay`…`lastDay`
   * that start after `now` and do not exist yet. Returns how many were added.
   */
  async topUpSlots(
    tx: EntityManager,
    schedule: ScheduleBlock[],
    window: { firstDay: string; lastDay: string; now: Date },
  ): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "booking"."slots" (service_id, doctor_id, facility_id, channel, starts_at, ends_at)
       SELECT sv.id, d.id, f.id, b.channel, t, t + make_interval(mins => b.minutes)
         FROM jsonb_to_recordset($1::jsonb)
                AS b(doctor text, service text, facility text, channel text, weekday int, start time, "end" time, minutes int)
         JOIN "booking"."doctors" d ON d.name = b.doctor
         JOIN "booking"."services" sv ON sv.name = b.service
         LEFT JOIN "booking"."facilities" f ON f.name = b.facility
         CROSS JOIN generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') AS day
         CROSS JOIN LATERAL generate_series(
                (day::date + b.start) AT TIME ZONE '${CLINIC_TIME_ZONE}',
                (day::date + b."end") AT TIME ZONE '${CLINIC_TIME_ZONE}' - make_interval(mins => b.minutes),
                make_interval(mins => b.minutes)) AS t
        WHERE extract(isodow FROM day) = b.weekday
          AND (b.facility IS NULL OR f.id IS NOT NULL)
          AND t > $4
       ON CONFLICT ON CONSTRAINT "UQ_slots_doctor_id_starts_at" DO NOTHING
       RETURNING id`,
      [JSON.stringify(schedule), window.firstDay, window.lastDay, window.now],
    );
    return rows.length;
  }
}

function idOf(identifier: Record<string, unknown> | undefined): string {
  const id = identifier?.id;
  if (typeof id !== 'string') throw new Error('insert did not report a generated id');
  return id;
}
