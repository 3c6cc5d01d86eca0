import os from 'node:os';
import { Client } from 'pg';
import { databaseUrl, type AppConfig } from '@app/platform';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  kafka: string;
  loadAverageAtStart: number[];
}

export async function describeMachine(config: AppConfig): Promise<Machine> {
  let postgres = 'unknown';
  const client = new Client({ connectionString: databaseUrl(config, 'postgres') });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    postgres = rows[0]?.v ?? postgres;
  } catch (error) {
    postgres = `unknown (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres,
    kafka: `${config.KAFKA_VERSION} (kafkajs 2.2.4 clients)`,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
