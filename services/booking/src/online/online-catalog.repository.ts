import { Injectable } from '@nestjs/common';
import type { DoctorProfile, OnlineSpecialtyService } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import { DoctorEntity } from '../catalog/doctor.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';

/** What online consultations need from the catalog: remote consultation services by specialty, a doctor's profile. */
@Injectable()
export class OnlineCatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Consultation services with a specialty offered by phone or video (one per specialty: the first by name). */
  async specialtyServices(): Promise<OnlineSpecialtyService[]> {
    const services = await this.dataSource
      .getRepository(MedicalServiceEntity)
      .createQueryBuilder('s')
      .where(`s.kind = 'consultation'`)
      .andWhere('s.specialty IS NOT NULL')
      .andWhere(`s.channels && ARRAY['phone', 'video']::text[]`)
      .orderBy('s.specialty', 'ASC')
      .addOrderBy('s.name', 'ASC')
      .getMany();
    const bySpecialty = new Map<string, OnlineSpecialtyService>();
    for (const service of services) {
      if (bySpecialty.has(service.specialty!)) continue;
      bySpecialty.set(service.specialty!, {
        specialty: service.specialty!,
        serviceId: service.id,
        serviceName: service.name,
        serviceKind: service.kind,
        channels: service.channels,
      });
    }
    return [...bySpecialty.values()];
  }

  async doctorOfAccount(accountId: string): Promise<DoctorProfile | null> {
    const doctor = await this.dataSource.getRepository(DoctorEntity).findOneBy({ accountId });
    return doctor ? { doctorId: doctor.id, name: doctor.name, specialties: doctor.specialties } : null;
  }
}
