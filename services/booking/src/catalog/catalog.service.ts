import { Injectable } from '@nestjs/common';
import type {
  DoctorView,
  FacilityView,
  ListDoctorsDto,
  ListFacilitiesDto,
  ListServicesDto,
  ServiceView,
} from '@pacjent/contracts';
import { bySurname, polishOrder, toDoctorView, toFacilityView, toServiceView } from './catalog.dto';
import { CatalogRepository } from './catalog.repository';

/** The public catalog: what can be booked, where and with whom. */
@Injectable()
export class CatalogService {
  constructor(private readonly catalog: CatalogRepository) {}

  async listServices(filter: ListServicesDto): Promise<ServiceView[]> {
    const services = await this.catalog.listServices(filter);
    return services.sort((a, b) => polishOrder.compare(a.name, b.name)).map(toServiceView);
  }

  async listCities(): Promise<string[]> {
    const cities = await this.catalog.listCities();
    return cities.sort(polishOrder.compare);
  }

  async listFacilities(filter: ListFacilitiesDto): Promise<FacilityView[]> {
    const facilities = await this.catalog.listFacilities(filter);
    return facilities
      .sort((a, b) => polishOrder.compare(a.city, b.city) || polishOrder.compare(a.name, b.name))
      .map(toFacilityView);
  }

  async listDoctors(filter: ListDoctorsDto): Promise<DoctorView[]> {
    const doctors = await this.catalog.listDoctors(filter);
    return doctors.sort(bySurname).map(toDoctorView);
  }
}
