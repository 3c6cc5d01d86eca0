import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  AccessAudit,
  CatalogVersionStore,
  EvaluationStore,
  NotificationStore,
  PersistenceModule,
  PgAccessAudit,
  PgAppSecrets,
  PgCatalogVersionStore,
  PgEvaluationStore,
  PgNotificationStore,
  PgReplayRunStore,
  PgSignalStore,
  PgSilenceStore,
  PgUserStore,
  PgWebhookStore,
  ReplayRunStore,
  SignalStore,
  SilenceStore,
  UserStore,
  WebhookStore,
} from '@app/persistence';
import {
  AppConfig,
  AppLogger,
  HealthController,
  HealthDependencies,
  PlatformModule,
  TypedConfig,
} from '@app/platform';
import { AlertsFeed } from './alerts/alerts-feed';
import { AuditController } from './audit/audit.controller';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogSeeder } from './catalog/catalog-seeder';
import { EvaluationController } from './evaluation/evaluation.controller';
import { loadEvaluationScheme } from './evaluation/evaluation-scheme';
import { EVALUATION_SCHEME, EvaluationService } from './evaluation/evaluation.service';
import { ReplayService } from './replay/replay.service';
import { ReplaysController } from './replay/replays.controller';
import { TimelineController } from './replay/timeline.controller';
import { AccessRefusalFilter } from './auth/access-refusal.filter';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { DemoUsersSeeder } from './auth/demo-users.seeder';
import { resolveJwtSigningKey } from './auth/jwt-signing-key';
import { LoginThrottlerGuard, loginThrottling } from './auth/login-throttler.guard';
import { TOKEN_ISSUER, TokenService } from './auth/token.service';
import { InboxChannel, WebhookChannel, WebsocketRoomChannel } from './notifications/channels';
import { DigestDispatcher } from './notifications/digest-dispatcher';
import { NotificationChannels } from './notifications/notification-channel';
import { NotificationsController, WebhooksController } from './notifications/notifications.controller';
import { NotifierIntake } from './notifications/notifier-intake';
import { WebhookDispatcher } from './notifications/webhook-dispatcher';
import { AlertsOutboxRelay } from './outbox/alerts-outbox.relay';
import { ReferenceData } from './reference/reference-data';
import { OverdueSweep } from './signals/overdue-sweep';
import { responseDaysOf } from './signals/response-deadline';
import { SignalLifecycleService } from './signals/signal-lifecycle.service';
import { SignalRegistrar } from './signals/signal-registrar';
import { SignalRegistration } from './signals/signal-registration';
import { SignalsController } from './signals/signals.controller';
import { SilencesController } from './silences/silences.controller';
import { UsersController } from './users/users.controller';
import { WallController } from './wall/wall.controller';
import { WallGateway } from './wall/wall.gateway';
import { PgWallStore } from './wall/pg-wall.store';
import { WallCatchUp } from './wall/wall-catch-up';
import { WallService } from './wall/wall.service';
import { WallStore } from './wall/wall-store';
import { TextSafetyPipe } from './common/request-pipes';

/** A store port bound to its PostgreSQL adapter on the process's DataSource. */
function store<T>(port: abstract new (...args: never[]) => T, adapter: new (dataSource: DataSource) => T) {
  return {
    provide: port,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new adapter(dataSource),
  };
}

export interface ConsoleOptions {
  /** Overrides for tests; otherwise the process environment. */
  config?: AppConfig;
}

/**
 * The console: the supervision API (auth, signals and their lifecycle, silences, notifications,
 * webhooks, users, audit), the alarm wall's socket.io gateway, and the background work of the
 * signal lifecycle (registrar, overdue sweep, outbox relay, notifier).
 */
@Module({})
export class ConsoleModule {
  static forRoot(options: ConsoleOptions = {}): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        PlatformModule.forRoot({ app: 'console', config: options.config }),
        PersistenceModule,
        ThrottlerModule.forRootAsync({
          inject: [TypedConfig],
          useFactory: (config: TypedConfig) => loginThrottling(config.values),
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        SignalsController,
        WallController,
        SilencesController,
        NotificationsController,
        WebhooksController,
        UsersController,
        AuditController,
        CatalogController,
        ReplaysController,
        TimelineController,
        EvaluationController,
      ],
      providers: [
        store(SignalStore, PgSignalStore),
        store(UserStore, PgUserStore),
        store(AccessAudit, PgAccessAudit),
        store(SilenceStore, PgSilenceStore),
        store(NotificationStore, PgNotificationStore),
        store(WebhookStore, PgWebhookStore),
        store(WallStore, PgWallStore),
        {
          provide: ReferenceData,
          inject: [TypedConfig, AppLogger],
          useFactory: (config: TypedConfig, logger: AppLogger) =>
            ReferenceData.load(config.values, logger.pino),
        },
        {
          provide: SignalRegistration,
          inject: [TypedConfig, ReferenceData],
          useFactory: (config: TypedConfig, reference: ReferenceData) =>
            new SignalRegistration(responseDaysOf(config.values), reference.calendar),
        },
        {
          provide: JwtService,
          inject: [TypedConfig, DataSource, AppLogger],
          useFactory: async (config: TypedConfig, dataSource: DataSource, logger: AppLogger) =>
            new JwtService({
              secret: await resolveJwtSigningKey(config.values, new PgAppSecrets(dataSource), logger.pino),
              signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER },
              verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER },
            }),
        },
        TokenService,
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AccessRefusalFilter },
        { provide: APP_PIPE, useClass: TextSafetyPipe },
        LoginThrottlerGuard,
        DemoUsersSeeder,
        AlertsOutboxRelay,
        SignalLifecycleService,
        SignalRegistrar,
        OverdueSweep,
        WallGateway,
        WallCatchUp,
        WallService,
        AlertsFeed,
        WebsocketRoomChannel,
        InboxChannel,
        WebhookChannel,
        {
          provide: NotificationChannels,
          inject: [WebsocketRoomChannel, InboxChannel, WebhookChannel],
          useFactory: (websocket: WebsocketRoomChannel, inbox: InboxChannel, webhook: WebhookChannel) =>
            new NotificationChannels([websocket, inbox, webhook]),
        },
        DigestDispatcher,
        WebhookDispatcher,
        NotifierIntake,
        store(CatalogVersionStore, PgCatalogVersionStore),
        store(ReplayRunStore, PgReplayRunStore),
        CatalogSeeder,
        ReplayService,
        store(EvaluationStore, PgEvaluationStore),
        {
          provide: EVALUATION_SCHEME,
          inject: [TypedConfig],
          useFactory: (config: TypedConfig) => loadEvaluationScheme(config.values.EVALUATION_SCHEME_FILE),
        },
        EvaluationService,
        {
          provide: HealthDependencies,
          inject: [Kafka, DataSource],
          useFactory: (kafka: Kafka, dataSource: DataSource) => ({ kafka, dataSource, details: () => ({}) }),
        },
      ],
    };
  }
}
