// What the replay suites share: a replay started over REST with its progress read as server-sent
// events, and the same window replayed independently (the rule engine straight over the stored
// events) to check the console's answer against.
import type { ApprovalEvent, DiffKind, ReplayRunRecord, Signal } from '@app/contracts';
import { CatalogHistory } from '@app/catalog';
import { parseInstant } from '@app/contracts';
import { VersionedReplayEngine } from '@app/rules';
import type { ConsoleTestBed } from '../../support/console-harness';

export interface DiffRow {
  alertKey: string;
  kind: DiffKind;
  fields: string[];
  replay: (Signal & { catalogVersion: string }) | null;
  live: (Signal & { status: string }) | null;
}

export interface StreamedReplay {
  run: ReplayRunRecord;
  /** Every `progress` event received, in order. */
  progress: ReplayRunRecord[];
  status: number;
}

/** POST /api/replays with `Accept: text/event-stream`: the run and its progress, until done or failed. */
export async function streamReplay(bed: ConsoleTestBed, as: string, body: unknown): Promise<StreamedReplay> {
  const token = await bed.login(as);
  const response = await fetch(`${bed.baseUrl}/api/replays`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body)
    throw new Error(`replay refused: ${response.status} ${await response.text()}`);
  const progress: ReplayRunRecord[] = [];
  let final: ReplayRunRecord | undefined;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const run = JSON.parse(data) as ReplayRunRecord;
      if (event === 'progress') progress.push(run);
      else final = run;
    }
  }
  if (!final) throw new Error('the progress stream ended without done or failed');
  return { run: final, progress, status: response.status };
}

/** Every diff row of a run (all pages). */
export async function diffOf(bed: ConsoleTestBed, as: string, id: string): Promise<DiffRow[]> {
  const rows: DiffRow[] = [];
  for (let after: string | undefined; ; ) {
    const page = await bed.call<DiffRow[]>(
      'GET',
      `/api/replays/${id}/diff?limit=5000${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      { as },
    );
    if (page.status !== 200) throw new Error(`diff: ${page.status} ${JSON.stringify(page.body)}`);
    if (page.body.length === 0) return rows;
    rows.push(...page.body);
    after = page.body[page.body.length - 1]?.alertKey;
  }
}

/** The stored events as the replay reads them: `occurredAt`, then arrival order. */
export async function storedEvents(bed: ConsoleTestBed): Promise<ApprovalEvent[]> {
  const rows = await bed.query<{ event: ApprovalEvent }>(
    'SELECT event FROM audit_events ORDER BY occurred_at, seq',
  );
  return rows.map((row) => row.event);
}

/**
 * The window replayed with the rule engine alone, in memory (every case from its first event,
 * cross-case history of all cases): the signals raised in `[from, end)`.
 */
export function replayInMemory(
  events: readonly ApprovalEvent[],
  history: CatalogHistory,
  fromMs: number,
  endMs: number,
  departments?: readonly string[],
): Map<string, Signal> {
  const engine = new VersionedReplayEngine(history);
  const signals: Signal[] = [];
  for (const event of events) {
    const at = parseInstant(event.occurredAt);
    if (at >= endMs) break;
    signals.push(...engine.ingest(event, at));
  }
  signals.push(...engine.advanceTo(endMs));
  const byKey = new Map<string, Signal>();
  for (const signal of signals) {
    const raisedAt = Date.parse(signal.raisedAt);
    if (raisedAt < fromMs || raisedAt >= endMs) continue;
    if (departments && !departments.includes(signal.departmentId)) continue;
    byKey.set(signal.alertKey, signal);
  }
  return byKey;
}

/** The diff of two signal sets the way the console computes it: what `candidate` adds, drops, changes. */
export function expectedDiff(
  base: Map<string, Signal>,
  candidate: Map<string, Signal>,
): { missing: string[]; extra: string[]; different: Map<string, string[]> } {
  const missing = [...candidate.keys()].filter((key) => !base.has(key)).sort();
  const extra = [...base.keys()].filter((key) => !candidate.has(key)).sort();
  const different = new Map<string, string[]>();
  for (const [key, replayed] of candidate) {
    const live = base.get(key);
    if (!live) continue;
    const fields = (['level', 'stage', 'raisedAt', 'triggeredBy', 'details'] as const).filter((field) =>
      field === 'details'
        ? JSON.stringify(sortKeys(replayed.details)) !== JSON.stringify(sortKeys(live.details))
        : replayed[field] !== live[field],
    );
    if (fields.length > 0) different.set(key, fields);
  }
  return { missing, extra, different };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}
