// A deterministic stream of business-system messages for the pipeline tests: realistic case
// lifecycles from the simulator, with duplicates and malformed messages of every kind, and what a
// correct pipeline must end up storing.
import path from 'node:path';
import type { ApprovalEvent } from '@app/contracts';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import { Backfill, TrafficMessage } from '../../apps/simulator/src/traffic';

export const DEMO_CATALOG_DIR = path.resolve(__dirname, '../../deploy/catalog/demo');

export interface Workload {
  messages: TrafficMessage[];
  /** Valid events, each once, in send order. */
  uniqueEvents: ApprovalEvent[];
  duplicates: number;
  malformed: TrafficMessage[];
}

export function workload(
  size: number,
  options: { seed?: number; malformedShare?: number; duplicateShare?: number } = {},
): Workload {
  const catalog = buildCatalogIndex(loadCatalogDirectorySync(DEMO_CATALOG_DIR));
  const backfill = new Backfill({
    catalog,
    seed: options.seed ?? 7,
    from: '2026-03-02',
    to: '2026-06-30',
    cases: Math.ceil(size / 6),
    malformedShare: options.malformedShare ?? 0.05,
    duplicateShare: options.duplicateShare ?? 0.03,
  });
  const messages: TrafficMessage[] = [];
  for (const message of backfill.messages()) {
    messages.push(message);
    if (messages.length === size) break;
  }
  if (messages.length < size) throw new Error(`the backfill produced only ${messages.length} messages`);
  const seen = new Set<string>();
  const uniqueEvents: ApprovalEvent[] = [];
  let duplicates = 0;
  const malformed: TrafficMessage[] = [];
  for (const message of messages) {
    if (message.event) {
      if (seen.has(message.event.eventId)) duplicates += 1;
      else {
        seen.add(message.event.eventId);
        uniqueEvents.push(message.event);
      }
    } else malformed.push(message);
  }
  return { messages, uniqueEvents, duplicates, malformed };
}

export function toKafka(messages: TrafficMessage[]) {
  return messages.map((m) => ({ key: m.key, value: m.value }));
}
