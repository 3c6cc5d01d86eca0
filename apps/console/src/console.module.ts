import { DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { AppConfig, Clock, configFromEnvironment, ConsoleRole, PlatformModule } from '@app/platform';
import { ApiModule } from './roles/api.module';
import { ConsoleCoreModule } from './roles/console-core.module';
import { WorkerModule } from './roles/worker.module';
import { WsModule } from './roles/ws.module';

export interface ConsoleOptions {
  /** Overrides for tests; otherwise the process environment. */
  config?: AppConfig;
  /** A test clock (escalation and quiet hours are tested at chosen instants); otherwise the system's. */
  clock?: Clock;
}

const ROLE_MODULES: Record<ConsoleRole, DynamicModule['module']> = {
  api: ApiModule,
  ws: WsModule,
  worker: WorkerModule,
};

/**
 * The console, made of the roles `CONSOLE_ROLES` names (ADR 0010): `api` (REST and the page), `ws`
 * (the live wall's sockets) and `worker` (registrar, overdue sweep, outbox relay, notifier). One
 * process may run any of them; the demo runs all three.
 */
@Module({})
export class ConsoleModule {
  static forRoot(options: ConsoleOptions = {}): DynamicModule {
    const config = options.config ?? configFromEnvironment();
    return {
      module: ConsoleModule,
      imports: [
        PlatformModule.forRoot({ app: 'console', config, clock: options.clock }),
        PersistenceModule,
        ConsoleCoreModule,
        ...config.CONSOLE_ROLES.map((role) => ROLE_MODULES[role]),
      ],
    };
  }
}
