import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError } from './config/app-config';
import { configFromEnvironment } from './config/environment';
import { createLogger } from './logging/logger';
import { PinoNestLogger } from './logging/nest-logger';
import { answerClientError } from './http-client-error';

export interface HttpAppOptions {
  name: string;
  module: Type<unknown>;
  port(config: AppConfig): number;
  configure?(app: NestExpressApplication, config: AppConfig): void;
}

/**
 * Starts an app: configuration validated first (a bad variable stops startup with its name),
 * structured JSON logs from the first line, graceful shutdown on SIGINT/SIGTERM.
 */
export async function startHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = configFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config, options.name);
  try {
    const app = await NestFactory.create<NestExpressApplication>(options.module, {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    options.configure?.(app, config);
    const port = options.port(config);
    app.getHttpServer().on('clientError', answerClientError);
    await app.listen(port, '127.0.0.1');
    logger.info({ url: `http://127.0.0.1:${port}/` }, `${options.name} listening`);
    return app;
  } catch (error) {
    logger.fatal({ err: error }, `${options.name} failed to start`);
    process.exit(1);
  }
}
