// A Kafka broker of the test's own, through the same launcher as `npm run infra:up`, on ports no
// other run uses: a test may `kill -9` it and bring it back. The shared broker (19092) is never
// touched. Its state folder is removed at the end.
import { rmSync } from 'node:fs';
import { loadConfig, type AppConfig } from '@app/platform';
import { infraPaths, kafkaDown, kafkaUp } from '../../deploy/local';

export class OwnBroker {
  readonly config: AppConfig;
  pid: number | null = null;

  constructor(port: number, controllerPort: number, partitions = 3) {
    this.config = loadConfig({
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      KAFKA_PARTITIONS: String(partitions),
    });
  }

  get brokers(): string {
    return this.config.KAFKA_BROKERS;
  }

  /** Starts it (or a new incarnation after a kill): resolves once a client can connect. */
  async up(): Promise<void> {
    const result = await kafkaUp(this.config, { timeoutMs: 90_000 });
    if (result.pid === null) throw new Error(`port ${this.config.KAFKA_PORT} is taken by another broker`);
    this.pid = result.pid;
  }

  /** `kill -9` of the broker process. */
  kill9(): void {
    if (this.pid === null) throw new Error('the broker is not running');
    process.kill(this.pid, 'SIGKILL');
    this.pid = null;
  }

  async dispose(): Promise<void> {
    await kafkaDown(this.config);
    rmSync(infraPaths(this.config).state, { recursive: true, force: true });
  }
}
