import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import path from 'node:path';
import { AppLogger, TypedConfig } from '@app/platform';
import { ConsoleModule } from './console.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule, {
    bufferLogs: false,
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  app.useStaticAssets(path.resolve(__dirname, '../../../../apps/console/web'));
  const config = app.get(TypedConfig).values;
  await app.listen(config.CONSOLE_HTTP_PORT, '127.0.0.1');
  app.get(AppLogger).pino.info({ url: `http://127.0.0.1:${config.CONSOLE_HTTP_PORT}/` }, 'console listening');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `console failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
