import type { TrafficMessage } from '../../traffic/traffic-source';
import type { EventSink, OutgoingMessage } from '../event-sink';

/** An event sink that keeps every write in memory, for the paced and demo runs' specs. */
export function aMemorySink(): EventSink & { writes: TrafficMessage[][] } {
  const writes: TrafficMessage[][] = [];
  return {
    writes,
    write: (messages: readonly OutgoingMessage[]) => {
      writes.push([...(messages as TrafficMessage[])]);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
