import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { HealthDependencies, PlatformModule } from '@app/platform';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AlertsFeed } from './alerts/alerts-feed';
import { WallController } from './wall/wall.controller';
import { WallGateway } from './wall/wall.gateway';

@Module({
  imports: [PlatformModule.forRoot({ app: 'console' }), PersistenceModule],
  controllers: [WallController],
  providers: [
    WallGateway,
    AlertsFeed,
    {
      provide: HealthDependencies,
      inject: [Kafka, DataSource],
      useFactory: (kafka: Kafka, dataSource: DataSource) => ({ kafka, dataSource, details: () => ({}) }),
    },
  ],
})
export class ConsoleModule {}
