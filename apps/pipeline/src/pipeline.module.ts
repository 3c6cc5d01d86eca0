import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Partitioners } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  IngestStore,
  PersistenceModule,
  PgCatalogVersionStore,
  PgIngestStore,
  PgOutbox,
} from '@app/persistence';
import {
  AppLogger,
  Clock,
  HealthController,
  HealthDependencies,
  MetricsRegistry,
  OutboxRelay,
  PlatformModule,
  responseDaysOf,
  TypedConfig,
} from '@app/platform';
import {
  BatchIngestor,
  CaseEvaluator,
  catalogRegistration,
  catalogsOfHistory,
  RulesCaseEvaluator,
} from '@app/ingest';
import { ApprovalEventsConsumer } from './kafka/approval-events.consumer';
import { KafkaDeadLetterPublisher } from './kafka/kafka-dead-letter.publisher';
import { PipelineMetrics } from './pipeline.metrics';
import { PipelineRunner } from './pipeline.service';
import { PipelineCatalog } from './rules/pipeline-catalog';
import { PartitionExecutors } from './serial-executor';
import { TimerWheel } from './timers/timer-wheel';

@Module({
  imports: [PlatformModule.forRoot({ app: 'pipeline' }), PersistenceModule],
  controllers: [HealthController],
  providers: [
    {
      // the published catalogue versions (re-read periodically), or CATALOG_DIR while there is none
      provide: PipelineCatalog,
      inject: [TypedConfig, AppLogger, Clock, DataSource],
      useFactory: async (config: TypedConfig, logger: AppLogger, clock: Clock, dataSource: DataSource) => {
        // a year the calendar does not cover silently shifts every deadline: say so at startup
        const year = new Date(clock.now()).getUTCFullYear();
        const catalog = await PipelineCatalog.load(
          new PgCatalogVersionStore(dataSource),
          config.values.CATALOG_DIR,
          logger.pino,
          [year, year + 1],
        );
        catalog.start();
        return catalog;
      },
    },
    { provide: IngestStore, inject: [DataSource], useFactory: (ds: DataSource) => new PgIngestStore(ds) },
    {
      provide: CaseEvaluator,
      inject: [PipelineCatalog],
      useFactory: (catalog: PipelineCatalog) =>
        new RulesCaseEvaluator(catalogsOfHistory(() => catalog.history)),
    },

    {
      provide: PipelineMetrics,
      inject: [MetricsRegistry],
      useFactory: (m: MetricsRegistry) => new PipelineMetrics(m),
    },
    {
      provide: PipelineRunner,
      inject: [
        Kafka,
        DataSource,
        IngestStore,
        CaseEvaluator,
        PipelineCatalog,
        TypedConfig,
        Clock,
        PipelineMetrics,
        AppLogger,
      ],
      useFactory: (
        kafka: Kafka,
        dataSource: DataSource,
        store: IngestStore,
        evaluator: CaseEvaluator,
        catalog: PipelineCatalog,
        { values: config }: TypedConfig,
        clock: Clock,
        metrics: PipelineMetrics,
        { pino: logger }: AppLogger,
      ) => {
        const producer = kafka.producer({
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        const ingestor = new BatchIngestor(
          store,
          new KafkaDeadLetterPublisher(producer, config.TOPIC_DEAD_LETTERS),
          evaluator,
          {
            foldCacheSize: config.PIPELINE_FOLD_CACHE_CASES,
            registration: catalogRegistration(
              responseDaysOf(config),
              () => catalog.history,
              () => clock.now(),
            ),
          },
        );
        const executors = new PartitionExecutors();
        const relay = new OutboxRelay(new PgOutbox(dataSource), producer, config.TOPIC_ALERTS, logger);
        const settings = {
          topic: config.TOPIC_APPROVAL_EVENTS,
          groupId: config.PIPELINE_GROUP_ID,
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          graceMs: config.TIMER_GRACE_MS,
          retryInitialMs: 500,
          retryMaxMs: 5000,
          sweepIntervalMs: 1000,
          sweepBatch: 500,
          partitions: config.KAFKA_PARTITIONS,
        };
        const followers = { wheel: new TimerWheel(), relay, store };
        const consumer = new ApprovalEventsConsumer(
          kafka,
          settings,
          ingestor,
          executors,
          clock,
          metrics,
          logger,
          followers,
        );
        return new PipelineRunner(
          consumer,
          ingestor,
          followers,
          executors,
          kafka.admin(),
          producer,
          clock,
          metrics,
          logger,
          settings,
        );
      },
    },
    {
      provide: HealthDependencies,
      inject: [Kafka, DataSource, PipelineCatalog],
      useFactory: (kafka: Kafka, dataSource: DataSource, catalog: PipelineCatalog) => ({
        kafka,
        dataSource,
        details: () => ({ calendarWarnings: catalog.warnings, catalogSource: catalog.source }),
      }),
    },
  ],
})
export class PipelineModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(PipelineRunner) private readonly runner: PipelineRunner) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
