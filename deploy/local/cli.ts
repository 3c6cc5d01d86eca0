// npm run infra:up | infra:down | infra:status
//   up      create and migrate the databases, start (or reuse) the Kafka broker and its topics
//   databases  only create and migrate the DATABASE_NAME database (no Kafka; used by docker-compose)
//   down    stop the Kafka broker this launcher started (PostgreSQL is a system service: untouched)
//   status  print whether the broker runs and answers; exit 0 when it answers, 3 when it does not
import { loadConfig } from '@app/platform';
import { infraUp } from './infra';
import { kafkaDown, kafkaStatus } from './kafka';
import { ensureDatabases } from './postgres';
import { MissingToolError } from './prerequisites';
import { seconds } from './progress';

async function main(command: string | undefined): Promise<number> {
  const config = loadConfig(process.env);
  const started = Date.now();
  switch (command) {
    case 'up': {
      const { kafka, databases } = await infraUp(config);
      const origin = kafka.started ? 'started' : kafka.pid === null ? 'reused, pid unknown' : 'reused';
      process.stdout.write(
        `kafka     ${kafka.brokers}  pid ${kafka.pid ?? '?'} (${origin}), cluster ${kafka.clusterId}\n` +
          `postgres  ${Object.keys(databases.migrations).join(', ')} ready` +
          (databases.created.length > 0 ? ` (created ${databases.created.join(', ')})` : '') +
          `\nup in ${seconds(Date.now() - started)}\n`,
      );
      return 0;
    }
    case 'databases': {
      const { created } = await ensureDatabases(config, [config.DATABASE_NAME]);
      process.stdout.write(
        `postgres  ${config.DATABASE_NAME} ready${created.length > 0 ? ' (created)' : ''}\n`,
      );
      return 0;
    }
    case 'down': {
      await kafkaDown(config);
      return 0;
    }
    case 'status': {
      const status = await kafkaStatus(config);
      const state = status.connects ? 'running' : status.running ? 'starting (not answering yet)' : 'stopped';
      process.stdout.write(
        `kafka ${state}  pid ${status.pid ?? '-'}  port ${status.port}  client connects: ` +
          `${status.connects ? `yes (cluster ${status.clusterId})` : 'no'}\n` +
          `log   ${status.serverLog}\n`,
      );
      return status.connects ? 0 : 3;
    }
    default:
      process.stderr.write('usage: deploy/local/cli.ts up|down|status|databases\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof MissingToolError ? '' : 'error: '}${message}\n`);
    process.exit(1);
  },
);
