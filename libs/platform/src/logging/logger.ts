import pino, { Logger } from 'pino';
import { AppConfig } from '../config/app-config';

/** One structured JSON logger per process (stdout), named by its app. */
export function createLogger(config: AppConfig, app: string): Logger {
  return pino({ level: config.LOG_LEVEL, base: { app }, timestamp: pino.stdTimeFunctions.isoTime });
}
