/**
 * Throughput of validation and of the rule engine on an events file (e.g. one written by
 * `apps/replay/scripts/generate-events.ts`):
 * `node scripts/run-ts.mjs libs/rules/scripts/throughput.ts <events.jsonl> <catalog-dir>`.
 */
import { readFileSync } from 'node:fs';
import { buildCatalogIndex, loadCatalogDirectorySync } from '@app/catalog';
import { parseEvent, validateEvent, type ApprovalEvent } from '@app/contracts';
import { ReplayEngine, sortByOccurredAt } from '@app/rules';

const [eventsPath, catalogDir] = process.argv.slice(2);
if (!eventsPath || !catalogDir) {
  process.stderr.write('usage: throughput.ts <events.jsonl> <catalog-dir>\n');
  process.exit(2);
}

function timed<T>(label: string, count: number, work: () => T): T {
  const started = process.hrtime.bigint();
  const result = work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${label}: ${count} in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)}/s\n`);
  return result;
}

const raw = readFileSync(eventsPath);
const lines: Buffer[] = [];
for (let start = 0; start < raw.length; ) {
  let end = raw.indexOf(0x0a, start);
  if (end === -1) end = raw.length;
  if (end > start) lines.push(raw.subarray(start, end));
  start = end + 1;
}

const events = timed('parseEvent (UTF-8 + JSON + schema)', lines.length, () =>
  lines.map((line) => {
    const result = parseEvent(line);
    if (!result.ok) throw new Error(result.reason);
    return result.event;
  }),
);
timed('validateEvent (schema only)', events.length, () => {
  for (const event of events) if (!validateEvent(event).ok) throw new Error('invalid');
});
const sorted: { event: ApprovalEvent; occurredAtMs: number }[] = timed(
  'stable sort by occurredAt',
  events.length,
  () => sortByOccurredAt(events),
);
const engine = new ReplayEngine(buildCatalogIndex(loadCatalogDirectorySync(catalogDir)));
const signals = timed('ReplayEngine.ingest', sorted.length, () => {
  let count = 0;
  for (const { event, occurredAtMs } of sorted) count += engine.ingest(event, occurredAtMs).length;
  return count + engine.advanceTo(sorted[sorted.length - 1]?.occurredAtMs ?? 0).length;
});
process.stdout.write(`signals: ${signals}, cases: ${engine.stats.cases}\n`);
