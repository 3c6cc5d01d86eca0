import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { AppConfig, kafkaBrokers } from '../config/app-config';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client for this configuration whose own logs go to the structured logger. */
export function createKafka(config: AppConfig, clientId: string, logger?: Logger): Kafka {
  return new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-${clientId}`,
    brokers: kafkaBrokers(config),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        if (logger) logger[levels[level] ?? 'info']({ kafka: extra }, message);
      },
  });
}
