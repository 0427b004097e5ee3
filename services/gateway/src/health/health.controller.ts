import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ALL_SERVICES, healthSubject, type HealthReply, type ServiceName } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GatewayConfig } from '../config';
import { GatewayDrain, gatewayReadiness } from './gateway-drain';

type ServiceHealth = 'ok' | 'unavailable' | 'timeout' | 'failing';

export interface HealthView {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

/** How long one fan-out over the bus answers GET /api/health. */
export const HEALTH_CACHE_MS = 1000;

/** Up to this age an answer is still given while a fresh one is fetched. */
export const HEALTH_STALE_MS = 5000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private cached: { view: HealthView; at: number } | null = null;
  private pending: Promise<HealthView> | null = null;

  constructor(
    private readonly bus: BusClient,
    private readonly config: GatewayConfig,
    private readonly drain: GatewayDrain,
  ) {}

  /**
   * The public summary. Asks every service at most once a second: callers in
   * that second share the answer, and concurrent callers share one fan-out.
   */
  @Get()
  @ApiOkResponse({ description: 'Every service answers over NATS (as of at most a second ago)' })
  @ApiServiceUnavailableResponse({ description: 'Some service does not answer; `services` says which' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    const view = await this.summary();
    void reply.status(view.status === 'ok' ? 200 : 503);
    return view;
  }

  /** This gateway process runs (its event loop answers). */
  @Get('live')
  @ApiOkResponse({ description: 'The gateway process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** This gateway can take traffic: not draining, connected to NATS. Local: asks no service. */
  @Get('ready')
  @ApiOkResponse({ description: 'The gateway takes traffic' })
  @ApiServiceUnavailableResponse({ description: 'Draining or not connected to NATS; `failing` says which' })
  ready(@Res({ passthrough: true }) reply: FastifyReply): { status: 'ok' | 'unavailable'; failing: string[] } {
    const { ready, failing } = gatewayReadiness(this.drain, this.bus);
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', failing };
  }

  /**
   * Fresh (under a second old): answered as is. Older, but under
   * HEALTH_STALE_MS: answered as is while one fan-out refreshes it in the
   * background, so no caller waits for the bus. Older still, or none yet:
   * callers wait for the (shared) fan-out.
   */
  private summary(): Promise<HealthView> {
    const age = this.cached ? Date.now() - this.cached.at : Infinity;
    if (age < HEALTH_CACHE_MS) return Promise.resolve(this.cached!.view);
    const refreshed = this.refresh();
    if (age >= HEALTH_STALE_MS) return refreshed;
    refreshed.catch(() => undefined);
    return Promise.resolve(this.cached!.view);
  }

  private refresh(): Promise<HealthView> {
    this.pending ??= this.fanOut().then(
      (view) => {
        this.cached = { view, at: Date.now() };
        this.pending = null;
        return view;
      },
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }

  private async fanOut(): Promise<HealthView> {
    const results = await Promise.all(ALL_SERVICES.map((service) => this.check(service)));
    const services = Object.fromEntries(
      ALL_SERVICES.map((service, i) => [service, results[i]]),
    ) as HealthView['services'];
    return { status: results.every((result) => result === 'ok') ? 'ok' : 'degraded', services };
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
