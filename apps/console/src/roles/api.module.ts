import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypedConfig } from '@app/platform';
import { ATTACHMENT_PROVIDERS } from '../attachments/attachment-providers';
import { AttachmentsController } from '../attachments/attachments.controller';
import { AccessRefusalFilter } from '../auth/access-refusal.filter';
import { AuthController } from '../auth/auth.controller';
import { AuthGuard } from '../auth/auth.guard';
import { DemoUsersSeeder } from '../auth/demo-users.seeder';
import { LoginThrottlerGuard, loginThrottling } from '../auth/login-throttler.guard';
import { AuditController } from '../audit/audit.controller';
import { CatalogSeeder } from '../catalog/catalog-seeder';
import { CatalogController } from '../catalog/catalog.controller';
import { TextSafetyPipe } from '../common/request-pipes';
import { EvaluationController } from '../evaluation/evaluation.controller';
import { loadEvaluationScheme } from '../evaluation/evaluation-scheme';
import { EVALUATION_SCHEME, EvaluationService } from '../evaluation/evaluation.service';
import { NotificationsController, WebhooksController } from '../notifications/notifications.controller';
import { NoticesController } from '../notices/notices.controller';
import { DeliveryLogController } from '../notifications/outbound/delivery-log.controller';
import { NotificationSettingsController } from '../notifications/outbound/notification-settings.controller';
import { TransportsController } from '../notifications/outbound/transports.controller';
import { CaseSearchController } from '../replay/case-search.controller';
import { ReplayService } from '../replay/replay.service';
import { ReplaysController } from '../replay/replays.controller';
import { TimelineController } from '../replay/timeline.controller';
import { SignalLifecycleService } from '../signals/signal-lifecycle.service';
import { SignalsController } from '../signals/signals.controller';
import { SilencesController } from '../silences/silences.controller';
import { UsersController } from '../users/users.controller';
import { WallController } from '../wall/wall.controller';
import { WallService } from '../wall/wall.service';

/**
 * Role `api`: the REST API (OpenAPI at /api/docs) and the page, behind login; the signal lifecycle
 * (签收, 答复, 销号), silences, notifications settings, users, catalogue, audit, window replays and the
 * evaluation. It seeds the demo users and the catalogue at startup.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [TypedConfig],
      useFactory: (config: TypedConfig) => loginThrottling(config.values),
    }),
  ],
  controllers: [
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
    CaseSearchController,
    EvaluationController,
    AttachmentsController,
    NotificationSettingsController,
    DeliveryLogController,
    TransportsController,
    NoticesController,
  ],
  providers: [
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: AccessRefusalFilter },
    { provide: APP_PIPE, useClass: TextSafetyPipe },
    LoginThrottlerGuard,
    DemoUsersSeeder,
    CatalogSeeder,
    SignalLifecycleService,
    WallService,
    ReplayService,
    {
      provide: EVALUATION_SCHEME,
      inject: [TypedConfig],
      useFactory: (config: TypedConfig) => loadEvaluationScheme(config.values.EVALUATION_SCHEME_FILE),
    },
    EvaluationService,
    ...ATTACHMENT_PROVIDERS,
  ],
})
export class ApiModule {}
