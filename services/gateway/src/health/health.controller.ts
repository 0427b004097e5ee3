import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ALL_SERVICES, healthSubject, type HealthReply, type ServiceName } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GatewayConfig } from '../config';

type ServiceHealth = 'ok' | 'unavailable' | 'timeout' | 'failing';

export interface HealthView {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly bus: BusClient,
    private readonly config: GatewayConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every service answers over NATS' })
  @ApiServiceUnavailableResponse({ description: 'Some service does not answer; `services` says which' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    const results = await Promise.all(ALL_SERVICES.map((service) => this.check(service)));
    const services = Object.fromEntries(
      ALL_SERVICES.map((service, i) => [service, results[i]]),
    ) as HealthView['services'];
    const healthy = results.every((result) => result === 'ok');
    void reply.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', services };
  }

  private async check(service: ServiceName): Promise<ServiceHealth> {
    try {
      await this.bus.request<HealthReply>(
        healthSubject(service),
        { actor: null, data: {} },
        { timeoutMs: this.config.HEALTH_TIMEOUT_MS },
      );
      return 'ok';
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SERVICE_UNAVAILABLE') return 'unavailable';
      if (code === 'SERVICE_TIMEOUT') return 'timeout';
      return 'failing';
    }
  }
}
