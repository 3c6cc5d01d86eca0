import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

/** Whatever a health check needs: the process's Kafka client and database. */
export abstract class HealthDependencies {
  abstract readonly kafka: Kafka;
  abstract readonly dataSource: DataSource;
  /** Extra details, e.g. calendar coverage warnings. */
  abstract details(): Record<string, unknown>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dependencies: HealthDependencies,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('kafka');
        const admin = this.dependencies.kafka.admin();
        try {
          await withTimeout(admin.connect(), 3000, 'Kafka');
          const cluster = await withTimeout(admin.describeCluster(), 3000, 'Kafka');
          return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
      async () => {
        const indicator = this.indicators.check('postgresql');
        try {
          await withTimeout(this.dependencies.dataSource.query('SELECT 1'), 3000, 'PostgreSQL');
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      () => this.indicators.check('details').up(this.dependencies.details()),
    ]);
  }
}
