import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { UserStore } from '@app/persistence';
import { AppLogger, TypedConfig } from '@app/platform';
import { ReferenceData } from '../reference/reference-data';
import { seedDemoUsers } from './demo-users';

/** Seeds the demo users at startup when DEMO_SEED_USERS is true. */
@Injectable()
export class DemoUsersSeeder implements OnApplicationBootstrap {
  constructor(
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await seedDemoUsers(this.config.values, this.users, this.reference, this.logger.pino, (text) =>
      process.stdout.write(text),
    );
  }
}
