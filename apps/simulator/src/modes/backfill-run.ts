import type { EventSink } from '../sinks/event-sink';
import type { Backfill } from '../traffic/backfill';
import type { TrafficMessage } from '../traffic/traffic-source';

export interface BackfillRunOptions {
  backfill: Backfill;
  sink: EventSink;
  /** Messages per write. */
  batchSize?: number;
  /** Called after each batch with the number of cases started so far. */
  onProgress?: (casesStarted: number) => void;
  signal?: AbortSignal;
}

/** Writes a backfill's messages to the sink as fast as it takes them. */
export async function runBackfill(options: BackfillRunOptions): Promise<void> {
  const batchSize = options.batchSize ?? 1000;
  let batch: TrafficMessage[] = [];
  for (const message of options.backfill.messages()) {
    batch.push(message);
    if (batch.length >= batchSize) {
      await options.sink.write(batch);
      batch = [];
      options.onProgress?.(options.backfill.casesStarted);
      if (options.signal?.aborted) return;
    }
  }
  if (batch.length > 0) await options.sink.write(batch);
  options.onProgress?.(options.backfill.casesStarted);
}
