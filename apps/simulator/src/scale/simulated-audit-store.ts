import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import { AcceptedEvent, PgIngestStore } from '@app/persistence';
import type { DataSource } from 'typeorm';
// the simulator's seeded case lifecycles: realistic traffic without running Kafka
import { Backfill } from '../traffic';

export interface FillOptions {
  /** How many events to store. */
  events: number;
  catalogDir: string;
  seed?: number;
  /** First and last day of the simulated period (YYYY-MM-DD, local). */
  from?: string;
  to?: string;
  /** Events per INSERT (multi-row unnest, the pipeline's own statement). */
  chunk?: number;
  onProgress?: (stored: number) => void;
}

export interface FillOutcome {
  events: number;
  cases: number;
  firstOccurredAt: string;
  lastOccurredAt: string;
  durationMs: number;
}

/** Events per case the simulator makes on average (about 11.7): how many cases to start. */
const EVENTS_PER_CASE = 10;

/**
 * Fills a scratch database's audit store with simulated events, as the pipeline stores them
 * (`insertAuditEvents`: one multi-row `unnest` insert per chunk), for replays at scale. Events
 * go in send order with made-up Kafka coordinates (6 partitions by case).
 */
export async function fillAuditStore(dataSource: DataSource, options: FillOptions): Promise<FillOutcome> {
  const started = Date.now();
  const catalog = buildCatalogIndex(loadCatalogDirectorySync(options.catalogDir));
  const backfill = new Backfill({
    catalog,
    seed: options.seed ?? 2026,
    from: options.from ?? '2025-01-02',
    to: options.to ?? '2026-06-30',
    cases: Math.ceil(options.events / EVENTS_PER_CASE),
  });
  const store = new PgIngestStore(dataSource);
  const chunkSize = options.chunk ?? 10_000;
  const cases = new Set<string>();
  let chunk: AcceptedEvent[] = [];
  let stored = 0;
  let first = Infinity;
  let last = -Infinity;
  const flush = async () => {
    if (chunk.length === 0) return;
    const batch = chunk;
    chunk = [];
    await store.transaction((tx) => tx.insertAuditEvents(batch));
    stored += batch.length;
    options.onProgress?.(stored);
  };
  for (const message of backfill.messages()) {
    const event = message.event;
    if (!event || message.label !== 'event') continue;
    cases.add(event.caseId);
    const at = Date.parse(event.occurredAt);
    first = Math.min(first, at);
    last = Math.max(last, at);
    chunk.push({
      topic: 'simulated',
      partition: partitionOf(event.caseId),
      offset: String(stored + chunk.length),
      event,
    });
    if (chunk.length >= chunkSize) await flush();
    if (stored + chunk.length >= options.events) break;
  }
  await flush();
  await dataSource.query('ANALYZE audit_events');
  return {
    events: stored,
    cases: cases.size,
    firstOccurredAt: new Date(first).toISOString(),
    lastOccurredAt: new Date(last).toISOString(),
    durationMs: Date.now() - started,
  };
}

function partitionOf(caseId: string): number {
  let hash = 0;
  for (let index = 0; index < caseId.length; index += 1) hash = (hash * 31 + caseId.charCodeAt(index)) | 0;
  return Math.abs(hash) % 6;
}
