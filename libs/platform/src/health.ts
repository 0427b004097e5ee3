import { Controller, Inject, Optional, type Type } from '@nestjs/common';
import { healthSubject, type HealthReply, type ServiceName } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import { BusHandler } from './bus';

/** A controller answering `<service>.health` over the bus; checks the database when there is one. */
export function healthController(service: ServiceName): Type<unknown> {
  @Controller()
  class HealthController {
    constructor(@Optional() @Inject(DataSource) private readonly dataSource?: DataSource) {}

    @BusHandler(healthSubject(service))
    async health(): Promise<HealthReply> {
      if (this.dataSource) await this.dataSource.query('SELECT 1');
      return { service, status: 'ok', uptime: Math.round(process.uptime()) };
    }
  }
  return HealthController;
}
