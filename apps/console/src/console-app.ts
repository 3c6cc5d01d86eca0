import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, Clock, TypedConfig } from '@app/platform';
import { ConsoleModule } from './console.module';
import { serveWallPage } from './wall/wall-page';

/** Express `trust proxy` from TRUST_PROXY: true/false, a hop count, or addresses/subnets/names. */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * The console's HTTP setup: client addresses through trusted proxies only and, in the api role, the
 * wall page and the OpenAPI document at /api/docs (JSON at /api/docs/openapi.json).
 */
export function configureConsoleApp(app: NestExpressApplication): void {
  const config = app.get(TypedConfig).values;
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  // the page and the API's document belong to the api role; ws and worker answer /health and /metrics
  if (!config.CONSOLE_ROLES.includes('api')) return;
  serveWallPage(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('电子监察 console API')
      .setDescription(
        'Signals and their supervision lifecycle (督办 → 签收 → 说明/整改 → 销号), silences, department ' +
          'notifications (inbox, signed webhooks), users and audit. Log in at POST /api/auth/login and send ' +
          'the token as `Authorization: Bearer <token>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** A configured console for a given configuration (tests); `main.ts` starts it from the environment. */
export async function createConsoleApp(config: AppConfig, clock?: Clock): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot({ config, clock }), {
    logger: ['error', 'warn'],
  });
  configureConsoleApp(app);
  return app;
}
