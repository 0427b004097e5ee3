import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { ErrorCode } from '@pacjent/contracts';
import { BusClient, BusHandler, PlatformModule } from '@pacjent/platform';
import { NatsRelay } from './nats-relay';
import { startTestService } from './service';

@Controller()
class PingController {
  @BusHandler('ping.now')
  ping(): string {
    return 'pong';
  }
}

@Module({ imports: [PlatformModule.forService('ping')], controllers: [PingController] })
class PingModule {}

describe('the bus client during a NATS outage', () => {
  let service: INestMicroservice;
  let relay: NatsRelay;
  let bus: BusClient;

  beforeAll(async () => {
    service = await startTestService({ name: 'identity', module: PingModule });
    relay = new NatsRelay();
    await relay.open();
    bus = await BusClient.connect({ url: relay.url, name: 'outage-test', timeoutMs: 5000 });
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await relay.cut();
    await service.close();
  });

  const ping = () => bus.request<string>('ping.now', { actor: null, data: {} });

  async function until(what: string, condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('fails fast with SERVICE_UNAVAILABLE while disconnected, and works again after the reconnect', async () => {
    await expect(ping()).resolves.toBe('pong');

    await relay.cut();
    await until('the client notices', () => !bus.connected);
    const started = Date.now();
    await expect(ping()).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(Date.now() - started).toBeLessThan(500);

    await relay.open();
    await until('the client reconnects', () => bus.connected);
    await expect(ping()).resolves.toBe('pong');
  });
});
