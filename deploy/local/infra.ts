import { loadConfig, type AppConfig } from '@app/platform';
import { KafkaUpResult, kafkaUp } from './kafka';
import { EnsureDatabasesResult, TEST_DATABASE, ensureDatabases } from './postgres';
import { requireJava } from './prerequisites';

export interface InfraUpOptions {
  /** The databases to create and migrate; default the demo database (DATABASE_NAME) and `jiancha_test`. */
  databases?: readonly string[];
  /** How long to wait for the broker to answer; default 60 s. */
  kafkaTimeoutMs?: number;
}

export interface InfraUpResult {
  kafka: KafkaUpResult;
  databases: EnsureDatabasesResult;
}

/** Everything the project needs locally: the databases with their migrations, then the Kafka broker. */
export async function infraUp(
  config: AppConfig = loadConfig(process.env),
  options: InfraUpOptions = {},
): Promise<InfraUpResult> {
  // fail on a missing JDK before touching anything
  requireJava(config.KAFKA_VERSION);
  const databases = await ensureDatabases(config, options.databases ?? [config.DATABASE_NAME, TEST_DATABASE]);
  const kafka = await kafkaUp(config, { timeoutMs: options.kafkaTimeoutMs });
  return { kafka, databases };
}
