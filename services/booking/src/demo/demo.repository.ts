import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewFacility, NewService } from '../catalog/catalog.repository';
import { DoctorServiceEntity } from '../catalog/doctor-service.entity';
import { DoctorEntity } from '../catalog/doctor.entity';
import { FacilityEntity } from '../catalog/facility.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';
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

  /** The demo doctors' weekly templates, from the schedule blocks (by doctor, service and facility name). */
  async insertScheduleTemplates(tx: EntityManager, schedule: ScheduleBlock[]): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "booking"."schedule_templates"
         (doctor_id, service_id, facility_id, channel, weekday, starts_at, ends_at, slot_minutes)
       SELECT d.id, sv.id, f.id, b.channel, b.weekday, b.start, b."end", b.minutes
         FROM jsonb_to_recordset($1::jsonb)
                AS b(doctor text, service text, facility text, channel text, weekday int, start time, "end" time, minutes int)
         JOIN "booking"."doctors" d ON d.name = b.doctor
         JOIN "booking"."services" sv ON sv.name = b.service
         LEFT JOIN "booking"."facilities" f ON f.name = b.facility
        WHERE (b.facility IS NULL OR f.id IS NOT NULL)
       RETURNING id`,
      [JSON.stringify(schedule)],
    );
    return rows.length;
  }
}

function idOf(identifier: Record<string, unknown> | undefined): string {
  const id = identifier?.id;
  if (typeof id !== 'string') throw new Error('insert did not report a generated id');
  return id;
}
