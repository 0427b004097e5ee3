import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ListDoctorsDto,
  ListFacilitiesDto,
  ListServicesDto,
  Subjects,
  type DoctorView,
  type FacilityView,
  type ServiceView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

@ApiTags('catalog')
@Public()
@RateLimited(RateLimitPolicy.SEARCH)
@Controller('catalog')
export class CatalogController {
  constructor(private readonly bus: BusClient) {}

  @Get('services')
  @ApiOkResponse({ description: '[{ id, name, kind, channels, basicAllowed, requiresReferral }]' })
  services(@Query() query: ListServicesDto): Promise<ServiceView[]> {
    return this.bus.request(Subjects.booking.listServices, { actor: null, data: query });
  }

  @Get('cities')
  cities(): Promise<string[]> {
    return this.bus.request(Subjects.booking.listCities, { actor: null, data: {} });
  }

  @Get('facilities')
  facilities(@Query() query: ListFacilitiesDto): Promise<FacilityView[]> {
    return this.bus.request(Subjects.booking.listFacilities, { actor: null, data: query });
  }

  @Get('doctors')
  doctors(@Query() query: ListDoctorsDto): Promise<DoctorView[]> {
    return this.bus.request(Subjects.booking.listDoctors, { actor: null, data: query });
  }
}
