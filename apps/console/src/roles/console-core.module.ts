import { Global, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  AccessAudit,
  CatalogVersionStore,
  EvaluationStore,
  NoticeStore,
  NotificationSettingsStore,
  NotificationStore,
  OutboundStore,
  PgAccessAudit,
  PgNoticeStore,
  PgNotificationSettingsStore,
  PgOutboundStore,
  PgAppSecrets,
  PgCatalogVersionStore,
  PgEvaluationStore,
  PgNotificationStore,
  PgReplayRunStore,
  PgSignalStore,
  PgSilenceStore,
  PgUserStore,
  PgWallStore,
  PgWebhookStore,
  ReplayRunStore,
  SignalStore,
  SilenceStore,
  UserStore,
  WallStore,
  WebhookStore,
} from '@app/persistence';
import {
  AppLogger,
  HealthController,
  HealthDependencies,
  responseDaysOf,
  SecretBox,
  TypedConfig,
} from '@app/platform';
import { ruleFamily } from '@app/rules';
import { resolveJwtSigningKey } from '../auth/jwt-signing-key';
import { TOKEN_ISSUER, TokenService } from '../auth/token.service';
import { ReferenceData } from '../reference/reference-data';
import { SignalRegistration } from '../signals/signal-registration';
import { OutboundContext } from '../notifications/outbound/outbound-context';
import { resolveSecretBox } from '../notifications/secrets-key';

/** A store port bound to its PostgreSQL adapter on the process's DataSource. */
function store<T>(port: abstract new (...args: never[]) => T, adapter: new (dataSource: DataSource) => T) {
  return {
    provide: port,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new adapter(dataSource),
  };
}

const providers = [
  store(SignalStore, PgSignalStore),
  store(UserStore, PgUserStore),
  store(AccessAudit, PgAccessAudit),
  store(SilenceStore, PgSilenceStore),
  store(NotificationStore, PgNotificationStore),
  {
    provide: SecretBox,
    inject: [TypedConfig, DataSource, AppLogger],
    useFactory: (config: TypedConfig, dataSource: DataSource, logger: AppLogger) =>
      resolveSecretBox(config.values, new PgAppSecrets(dataSource), logger.pino),
  },
  {
    provide: WebhookStore,
    inject: [DataSource, SecretBox, AppLogger],
    useFactory: async (dataSource: DataSource, box: SecretBox, logger: AppLogger) => {
      const store = new PgWebhookStore(dataSource, box);
      const sealed = await store.sealStoredSecrets();
      if (sealed > 0) logger.pino.info({ sealed }, 'webhook secrets stored in clear are sealed now');
      return store;
    },
  },
  {
    provide: NotificationSettingsStore,
    inject: [DataSource, SecretBox],
    useFactory: (dataSource: DataSource, box: SecretBox) => new PgNotificationSettingsStore(dataSource, box),
  },
  store(OutboundStore, PgOutboundStore),
  {
    provide: NoticeStore,
    inject: [DataSource, OutboundContext],
    useFactory: (dataSource: DataSource, context: OutboundContext) =>
      new PgNoticeStore(dataSource, (instant) => context.yearOf(instant)),
  },
  OutboundContext,
  {
    provide: WallStore,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new PgWallStore(dataSource, ruleFamily),
  },
  store(CatalogVersionStore, PgCatalogVersionStore),
  store(ReplayRunStore, PgReplayRunStore),
  store(EvaluationStore, PgEvaluationStore),
  {
    provide: ReferenceData,
    inject: [TypedConfig, AppLogger],
    useFactory: (config: TypedConfig, logger: AppLogger) => ReferenceData.load(config.values, logger.pino),
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
  {
    provide: HealthDependencies,
    inject: [Kafka, DataSource],
    useFactory: (kafka: Kafka, dataSource: DataSource) => ({ kafka, dataSource, details: () => ({}) }),
  },
];

/**
 * What every console role needs: the stores, the reference data, login tokens (the API issues
 * them, the sockets check them) and `/health`.
 */
@Global()
@Module({ controllers: [HealthController], providers, exports: providers })
export class ConsoleCoreModule {}
