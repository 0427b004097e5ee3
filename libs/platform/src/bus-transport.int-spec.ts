import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { configureMicroservice, microserviceOptions } from './bootstrap';
import { BusClient, BusHandler } from './bus';
import { loadConfig, PlatformConfig } from './config';
import { currentCorrelationId, withCorrelationId } from './correlation';
import { JsonText } from './json-text';
import { PlatformModule } from './platform.module';

const CORRELATION = 'platform.test.correlation';
const RENDERED = 'platform.test.rendered';
const PLAIN = 'platform.test.plain';
const REFUSED = 'platform.test.refused';
const RENDERED_TEXT = '[{"id":1,"name":"Zażółć \\"gęślą\\" jaźń"}]';

@Controller()
class ProbeController {
  @BusHandler(CORRELATION)
  async correlation(): Promise<{ seen: string | undefined }> {
    await new Promise((resolve) => setTimeout(resolve, 5)); // the id must survive an await
    return { seen: currentCorrelationId() };
  }

  @BusHandler(RENDERED)
  rendered(): JsonText<Array<{ id: number; name: string }>> {
    return new JsonText(RENDERED_TEXT);
  }

  @BusHandler(PLAIN)
  plain(): { ok: boolean } {
    return { ok: true };
  }

  @BusHandler(REFUSED)
  refused(): never {
    throw new DomainError(ErrorCode.SLOT_TAKEN, 'Somebody was faster.');
  }
}

@Module({ imports: [PlatformModule.forService('platform-probe')], controllers: [ProbeController] })
class ProbeModule {}

describe('the services’ bus transport', () => {
  let service: INestMicroservice;
  let bus: BusClient;

  beforeAll(async () => {
    const config = loadConfig(PlatformConfig);
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    service = moduleRef.createNestMicroservice(microserviceOptions(config, 'platform-probe'));
    configureMicroservice(service);
    await service.listen();
    bus = await BusClient.connect({ url: config.NATS_URL, name: 'platform-probe-client', timeoutMs: 5000 });
  });
  afterAll(async () => {
    await bus?.onApplicationShutdown();
    await service?.close();
  });

  it('runs each handler inside the correlation id its request carried', async () => {
    const first = withCorrelationId('trace-first-1', () => bus.request(CORRELATION, { actor: null, data: {} }));
    const second = withCorrelationId('trace-second-2', () => bus.request(CORRELATION, { actor: null, data: {} }));
    expect(await Promise.all([first, second])).toEqual([{ seen: 'trace-first-1' }, { seen: 'trace-second-2' }]);
  });

  it('delivers a reply rendered as JSON text as the value it spells', async () => {
    await expect(bus.request(RENDERED, { actor: null, data: {} })).resolves.toEqual([
      { id: 1, name: 'Zażółć "gęślą" jaźń' },
    ]);
  });

  it('hands a rendered reply on as the very text the service rendered, and any other reply as its JSON', async () => {
    await expect(bus.requestJson(RENDERED, { actor: null, data: {} })).resolves.toBe(RENDERED_TEXT);
    await expect(bus.requestJson(PLAIN, { actor: null, data: {} })).resolves.toBe('{"ok":true}');
    await expect(bus.requestJson(REFUSED, { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SLOT_TAKEN,
    });
  });
});
