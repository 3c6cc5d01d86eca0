// Jest globalSetup of the integration and end-to-end suites: the same launcher as `npm run infra:up`
// brings up the Kafka broker (reused across runs, never stopped here) and the test database with its
// migrations. Every client it opens is closed again, so Jest does not hang.
import { loadConfig } from '@app/platform';
import { TEST_DATABASE, ensureDatabases, kafkaUp } from '../../deploy/local';

export default async function globalSetup(): Promise<void> {
  process.env.DATABASE_NAME = TEST_DATABASE;
  const config = loadConfig(process.env);
  await ensureDatabases(config, [TEST_DATABASE]);
  const kafka = await kafkaUp(config);
  process.env.KAFKA_BROKERS = kafka.brokers;
}
