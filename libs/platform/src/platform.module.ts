import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from './clock';
import { loadConfig, PlatformConfig } from './config';
import { loggingModuleOptions } from './logging';
import { Metrics } from './metrics';

/**
 * What every service imports once: its validated configuration (available as
 * its own class and as PlatformConfig), the clock, pino logging and its
 * Prometheus metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(service: string, configClass: ClassConstructor<PlatformConfig> = PlatformConfig): DynamicModule {
    const configProvider = { provide: configClass, useFactory: () => loadConfig(configClass) };
    const aliases = configClass === PlatformConfig ? [] : [{ provide: PlatformConfig, useExisting: configClass }];
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRootAsync({
          providers: [configProvider],
          inject: [configClass],
          useFactory: (config: PlatformConfig) => loggingModuleOptions(service, config.LOG_LEVEL),
        }),
      ],
      providers: [
        configProvider,
        ...aliases,
        { provide: Clock, useClass: SystemClock },
        { provide: Metrics, useFactory: () => new Metrics(service) },
      ],
      exports: [configClass, PlatformConfig, Clock, Metrics],
    };
  }
}
