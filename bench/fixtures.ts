// The inputs the benchmarks share, made once per `npm run bench` and only when needed: valid
// events from the simulator's Backfill (seeded; no malformed messages, no duplicates), a topic
// holding them, an events file, a database holding them as audit events; live-shaped traffic
// (live-traffic.ts) and the database of the store limit (benchmark 1).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import type { AppConfig } from '@app/platform';
import { Backfill } from '../apps/simulator/src/traffic';
import { BenchDatabase, BenchTopic, repoRoot } from './lib/infra';
import { say } from './lib/progress';
import { liveTraffic, type LiveShape, type LiveTraffic } from './live-traffic';

export const DEMO_CATALOG_DIR = path.join(repoRoot, 'deploy/catalog/demo');

export interface BenchMessage {
  key: string;
  value: Buffer;
}

/** `count` valid events in send order: about ten per case over four months of 2026. */
export function backfillMessages(count: number, seed = 7): BenchMessage[] {
  const catalog = buildCatalogIndex(loadCatalogDirectorySync(DEMO_CATALOG_DIR));
  const backfill = new Backfill({
    catalog,
    seed,
    from: '2026-03-02',
    to: '2026-06-30',
    cases: Math.ceil(count / 5),
    malformedShare: 0,
    duplicateShare: 0,
  });
  const messages: BenchMessage[] = [];
  for (const message of backfill.messages()) {
    if (message.label !== 'event') continue;
    messages.push({ key: message.key, value: message.value });
    if (messages.length === count) break;
  }
  if (messages.length < count) throw new Error(`the backfill produced only ${messages.length} events`);
  return messages;
}

export class Fixtures {
  readonly scratch = mkdtempSync(path.join(tmpdir(), 'jiancha-bench-'));
  private messageCache = new Map<number, BenchMessage[]>();
  private topics = new Map<number, BenchTopic>();
  private files = new Map<number, string>();
  private auditDatabases = new Map<number, BenchDatabase>();
  private live = new Map<string, LiveTraffic>();
  private store: BenchDatabase | undefined;

  constructor(private readonly config: AppConfig) {}

  messages(count: number): BenchMessage[] {
    let messages = this.messageCache.get(count);
    if (!messages) {
      const started = Date.now();
      messages = backfillMessages(count);
      this.messageCache.set(count, messages);
      const bytes = messages.reduce((sum, m) => sum + m.value.length, 0);
      say(
        `fixture: ${count} events from the simulator's Backfill (${(bytes / count).toFixed(0)} bytes each) in ${Date.now() - started} ms`,
      );
    }
    return messages;
  }

  /** A topic of our own holding `count` events (created and filled once). */
  async topic(count: number): Promise<BenchTopic> {
    let topic = this.topics.get(count);
    if (!topic) {
      const messages = this.messages(count);
      topic = await new BenchTopic(this.config).create();
      this.topics.set(count, topic);
      const started = Date.now();
      await topic.produce(messages);
      const stored = await topic.endOffsets();
      if (stored !== count)
        throw new Error(`topic ${topic.name} holds ${stored} messages, expected ${count}`);
      say(
        `fixture: topic ${topic.name} (${topic.partitions} partitions) filled with ${count} events in ${Date.now() - started} ms`,
      );
    }
    return topic;
  }

  /** An events file (JSON lines) of `count` events. */
  async eventsFile(count: number): Promise<string> {
    let file = this.files.get(count);
    if (!file) {
      file = path.join(this.scratch, `events-${count}.jsonl`);
      const out = createWriteStream(file);
      for (const message of this.messages(count)) {
        if (!out.write(message.value)) await once(out, 'drain');
        if (!out.write('\n')) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      this.files.set(count, file);
      say(`fixture: events file ${file}`);
    }
    return file;
  }

  /** A database of our own whose audit_events hold `count` events (inserted with unnest, as the pipeline does). */
  async auditDatabase(count: number): Promise<BenchDatabase> {
    let database = this.auditDatabases.get(count);
    if (!database) {
      const started = Date.now();
      database = await new BenchDatabase(this.config, 'audit').create();
      this.auditDatabases.set(count, database);
      const client = await database.client();
      try {
        const messages = this.messages(count);
        const chunk = 5000;
        for (let i = 0; i < messages.length; i += chunk) {
          const events = messages.slice(i, i + chunk).map((m, j) => ({
            event: JSON.parse(m.value.toString('utf8')) as Record<string, unknown>,
            offset: i + j,
          }));
          await client.query(
            `INSERT INTO audit_events (event_id, case_id, item_code, department_id, type, occurred_at, reported_at,
                                       event, topic, partition, kafka_offset)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                                  $7::timestamptz[], $8::jsonb[], $9::text[], $10::int[], $11::bigint[])`,
            [
              events.map((e) => e.event.eventId),
              events.map((e) => e.event.caseId),
              events.map((e) => e.event.itemCode),
              events.map((e) => e.event.departmentId),
              events.map((e) => e.event.type),
              events.map((e) => e.event.occurredAt),
              events.map((e) => e.event.reportedAt ?? null),
              events.map((e) => JSON.stringify(e.event)),
              events.map(() => 'bench.approval.events'),
              events.map((e) => e.offset % 6),
              events.map((e) => e.offset),
            ],
          );
        }
        await client.query('VACUUM ANALYZE audit_events');
      } finally {
        await client.end();
      }
      say(`fixture: database ${database.name} with ${count} audit events in ${Date.now() - started} ms`);
    }
    return database;
  }

  /** Live-shaped traffic (made once per shape, count and seed); each run feeds a topic of its own. */
  liveTraffic(shape: LiveShape, count: number, seed: number): LiveTraffic {
    const key = `${JSON.stringify(shape)}/${count}/${seed}`;
    let traffic = this.live.get(key);
    if (!traffic) {
      const started = Date.now();
      traffic = liveTraffic(shape, count, seed, this.config.KAFKA_PARTITIONS);
      this.live.set(key, traffic);
      const bytes = traffic.messages.reduce((sum, m) => sum + m.value.length, 0);
      say(
        `fixture: ${traffic.label} traffic, ${count} events of ${traffic.cases} cases (${traffic.longCases} long, ` +
          `${traffic.eventsPerLongCase.toFixed(1)} events each; ${traffic.eventsPerCase.toFixed(1)} per case overall; ` +
          `${(bytes / count).toFixed(0)} bytes an event) in ${Date.now() - started} ms`,
      );
    }
    return traffic;
  }

  /** The database of the store limit (its table is made afresh by each run). */
  async storeDatabase(): Promise<BenchDatabase> {
    this.store ??= await new BenchDatabase(this.config, 'store').create();
    return this.store;
  }

  async dispose(): Promise<void> {
    await this.store?.drop().catch(() => undefined);
    for (const topic of this.topics.values()) await topic.dispose();
    for (const database of this.auditDatabases.values()) await database.drop().catch(() => undefined);
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
