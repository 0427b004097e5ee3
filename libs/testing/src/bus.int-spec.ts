import { Controller, Module } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { startTestService, testBusClient } from './service';
import type { INestMicroservice } from '@nestjs/common';
import { BusHandler, currentCorrelationId, PlatformModule, withCorrelationId, type BusClient } from '@pacjent/platform';

@Controller()
class EchoController {
  @BusHandler('echo.ok')
  ok(payload: { data: { value: number } }) {
    return { doubled: payload.data.value * 2, correlationId: currentCorrelationId() };
  }

  @BusHandler('echo.domain')
  domain(): never {
    throw new DomainError(ErrorCode.SLOT_TAKEN, 'That slot is taken.', { slotId: 'x' });
  }

  @BusHandler('echo.crash')
  crash(): never {
    throw new Error('secret internals: PESEL 44051401359');
  }

  @BusHandler('echo.slow')
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return 'late';
  }
}

@Module({ imports: [PlatformModule.forService('echo')], controllers: [EchoController] })
class EchoModule {}

describe('the bus (real NATS)', () => {
  let service: INestMicroservice;
  let bus: BusClient;

  beforeAll(async () => {
    service = await startTestService({ name: 'identity', module: EchoModule });
    bus = await testBusClient(500);
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
  });

  it('answers a request and carries the correlation id into the handler', async () => {
    const reply = await withCorrelationId('corr-123', () =>
      bus.request<{ doubled: number; correlationId: string }>('echo.ok', { actor: null, data: { value: 21 } }),
    );
    expect(reply).toEqual({ doubled: 42, correlationId: 'corr-123' });
  });

  it('turns a thrown DomainError into the same code on the caller side', async () => {
    await expect(bus.request('echo.domain', { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SLOT_TAKEN,
      details: { slotId: 'x' },
    });
  });

  it('hides unexpected errors behind INTERNAL with an error id', async () => {
    const error = await bus.request('echo.crash', { actor: null, data: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.INTERNAL, message: 'Internal error.' });
    expect((error as { errorId?: string }).errorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives SERVICE_TIMEOUT when the handler does not answer in time', async () => {
    await expect(bus.request('echo.slow', { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_TIMEOUT,
    });
  });

  it('gives SERVICE_UNAVAILABLE at once when nobody listens', async () => {
    const started = Date.now();
    await expect(bus.request('nobody.home', { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(400);
  });
});
