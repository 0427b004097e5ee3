import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { LoggerModule } from 'nestjs-pino';
import { Clock, SystemClock } from './clock';
import { loadConfig, PlatformConfig } from './config';
import { loggingModuleOptions } from './logging';

/**
 * What every service imports once: its validated configuration (available as
 * its own class and as PlatformConfig), the clock and pino logging.
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
      providers: [configProvider, ...aliases, { provide: Clock, useClass: SystemClock }],
      exports: [configClass, PlatformConfig, Clock],
    };
  }
}
