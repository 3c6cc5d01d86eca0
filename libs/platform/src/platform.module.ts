import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { Logger } from 'pino';
import { AppConfig } from './config/app-config';
import { configFromEnvironment } from './config/environment';
import { TypedConfig } from './config/typed-config';
import { Clock, SystemClock } from './clock/clock';
import { createKafka } from './kafka/kafka-client';
import { createLogger } from './logging/logger';
import { MetricsController, MetricsRegistry } from './metrics/metrics';

/** Injection token for the process's structured logger. */
export abstract class AppLogger {
  abstract readonly pino: Logger;
}

export interface PlatformOptions {
  app: string;
  /** Overrides for tests; otherwise the process environment. */
  config?: AppConfig;
  /** A test clock; otherwise the system's. */
  clock?: Clock;
}

/**
 * What every app has from its first line: validated config, a JSON logger, one Kafka client,
 * a clock and `/metrics`. Each app registers `HealthController` and provides `HealthDependencies`.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const config = options.config ?? configFromEnvironment();
    const logger = createLogger(config, options.app);
    const providers: Provider[] = [
      { provide: TypedConfig, useValue: new TypedConfig(config) },
      { provide: AppLogger, useValue: { pino: logger } },
      { provide: Kafka, useValue: createKafka(config, options.app, logger) },
      options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock },
      { provide: MetricsRegistry, useValue: new MetricsRegistry(options.app) },
    ];
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [MetricsController],
      providers,
      exports: [...providers, TerminusModule],
    };
  }
}
