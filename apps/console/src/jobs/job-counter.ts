import { MetricsRegistry } from '@app/platform';
import { Counter } from 'prom-client';

/** A Prometheus counter of a background job's work, on the console's `/metrics`. */
export function jobCounter<Label extends string = never>(
  metrics: MetricsRegistry,
  name: string,
  help: string,
  labelNames: readonly Label[] = [],
): Counter<Label> {
  return new Counter({ name, help, labelNames, registers: [metrics.registry] });
}
