import { Admin } from 'kafkajs';
import { PipelineMetrics } from '../pipeline.metrics';

/** Consumer lag per partition: end offset minus the group's committed offset. */
export async function sampleConsumerLag(
  admin: Admin,
  groupId: string,
  topic: string,
  metrics: PipelineMetrics,
) {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    committed?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? [],
  );
  let total = 0n;
  for (const end of ends) {
    const done = committedByPartition.get(end.partition) ?? -1n;
    const lag = BigInt(end.high) - (done < 0n ? BigInt(end.low) : done);
    metrics.consumerLag.set({ partition: String(end.partition) }, Number(lag));
    total += lag;
  }
  return Number(total);
}
