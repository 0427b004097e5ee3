import { Controller } from '@nestjs/common';
import {
  ListDoctorsDto,
  ListFacilitiesDto,
  ListServicesDto,
  Subjects,
  type BusRequest,
  type DoctorView,
  type FacilityView,
  type ServiceView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { CatalogService } from './catalog.service';

/** The catalog is public: these handlers ignore the actor. */
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @BusHandler(Subjects.booking.listServices)
  listServices(payload: BusRequest): Promise<ServiceView[]> {
    return this.catalog.listServices(validateInput(ListServicesDto, payload.data));
  }

  @BusHandler(Subjects.booking.listCities)
  listCities(): Promise<string[]> {
    return this.catalog.listCities();
  }

  @BusHandler(Subjects.booking.listFacilities)
  listFacilities(payload: BusRequest): Promise<FacilityView[]> {
    return this.catalog.listFacilities(validateInput(ListFacilitiesDto, payload.data));
  }

  @BusHandler(Subjects.booking.listDoctors)
  listDoctors(payload: BusRequest): Promise<DoctorView[]> {
    return this.catalog.listDoctors(validateInput(ListDoctorsDto, payload.data));
  }
}
