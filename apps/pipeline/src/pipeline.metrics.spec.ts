import { MetricsRegistry } from '@app/platform';
import { PipelineMetrics } from './pipeline.metrics';

describe(PipelineMetrics.name, () => {
  it('derives events per second from the consumed counter between samples', async () => {
    const sut = new PipelineMetrics(new MetricsRegistry('test'));
    await sut.sampleRate(10_000);
    sut.eventsConsumed.inc(2_500);
    await sut.sampleRate(15_000);

    expect((await sut.eventsPerSecond.get()).values[0]?.value).toBe(500);
  });
});
