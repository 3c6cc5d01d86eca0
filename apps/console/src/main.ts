import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { startHttpApp } from '@app/platform';
import { configureConsoleApp } from './console-app';
import { ConsoleModule } from './console.module';

/** The console configured from the process environment. */
@Module({ imports: [ConsoleModule.forRoot()] })
class ConsoleAppModule {}

void startHttpApp({
  name: 'console',
  module: ConsoleAppModule,
  port: (config) => config.CONSOLE_HTTP_PORT,
  configure: (app) => configureConsoleApp(app),
});
