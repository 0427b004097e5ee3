import { Injectable } from '@nestjs/common';
import type { Channel, ServiceKind } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import { DoctorServiceEntity } from './doctor-service.entity';
import { DoctorEntity } from './doctor.entity';
import { FacilityEntity } from './facility.entity';
import { MedicalServiceEntity } from './medical-service.entity';

export interface NewFacility {
  name: string;
  city: string;
  address: string;
  openingHours: string;
}

export interface NewService {
  name: string;
  kind: ServiceKind;
  specialty: string | null;
  channels: Channel[];
  basicAllowed: boolean;
  requiresReferral: boolean;
}

export interface NewDoctor {
  name: string;
  specialties: string[];
  languages: string[];
  accountId: string | null;
  serviceIds: string[];
}

/** Escapes LIKE wildcards so a search for "50%" looks for those characters. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Reads and writes the catalog: facilities, services, doctors. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  listServices(filter: { kind?: ServiceKind; q?: string }): Promise<MedicalServiceEntity[]> {
    const query = this.dataSource.getRepository(MedicalServiceEntity).createQueryBuilder('service');
    if (filter.kind) query.andWhere('service.kind = :kind', { kind: filter.kind });
    if (filter.q?.trim()) query.andWhere('service.name ILIKE :q', { q: `%${likeLiteral(filter.q.trim())}%` });
    return query.getMany();
  }

  async listCities(): Promise<string[]> {
    const rows: Array<{ city: string }> = await this.dataSource
      .getRepository(FacilityEntity)
      .createQueryBuilder('facility')
      .select('DISTINCT facility.city', 'city')
      .getRawMany();
    return rows.map((row) => row.city);
  }

  listFacilities(filter: { city?: string }): Promise<FacilityEntity[]> {
    const query = this.dataSource.getRepository(FacilityEntity).createQueryBuilder('facility');
    if (filter.city?.trim()) query.andWhere('lower(facility.city) = lower(:city)', { city: filter.city.trim() });
    return query.getMany();
  }

  listDoctors(filter: { serviceId?: string }): Promise<DoctorEntity[]> {
    const query = this.dataSource.getRepository(DoctorEntity).createQueryBuilder('doctor');
    if (filter.serviceId) {
      query.innerJoin(DoctorServiceEntity, 'offer', 'offer.doctor_id = doctor.id AND offer.service_id = :serviceId', {
        serviceId: filter.serviceId,
      });
    }
    return query.getMany();
  }

  createFacility(facility: NewFacility): Promise<FacilityEntity> {
    const repository = this.dataSource.getRepository(FacilityEntity);
    return repository.save(repository.create(facility));
  }

  createService(service: NewService): Promise<MedicalServiceEntity> {
    const repository = this.dataSource.getRepository(MedicalServiceEntity);
    return repository.save(repository.create(service));
  }

  createDoctor({ serviceIds, ...doctor }: NewDoctor): Promise<DoctorEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(DoctorEntity, doctor));
      if (serviceIds.length > 0) {
        await manager.insert(
          DoctorServiceEntity,
          serviceIds.map((serviceId) => ({ doctorId: saved.id, serviceId })),
        );
      }
      return saved;
    });
  }
}
