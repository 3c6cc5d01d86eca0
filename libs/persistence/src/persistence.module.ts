import { Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { AppConfig, TypedConfig, databaseUrl } from '@app/platform';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

async function connect(config: AppConfig): Promise<DataSource> {
  const dataSource = createDataSource(databaseUrl(config), { applicationName: `jiancha` });
  return dataSource.initialize();
}

/** The process's PostgreSQL connection pool (TypeORM DataSource), closed at shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [TypedConfig],
      useFactory: (config: TypedConfig) => connect(config.values),
    },
  ],
  exports: [DataSource],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
