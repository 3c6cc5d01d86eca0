/**
 * Memory footprint of pending deadlines: `node --expose-gc scripts/run-ts.mjs libs/rules/scripts/deadline-footprint.ts [count]`.
 * Prints bytes per deadline of the bare `DeadlineQueue` (heap plus typed-array backing stores)
 * and bytes per open case of the `ReplayEngine` (case state and its timers included).
 */
import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import { DEFAULT_SETTINGS, type ApprovalEvent } from '@app/contracts';
import { DeadlineQueue, ReplayEngine, type RuleCatalog } from '@app/rules';

const collect = (globalThis as { gc?: () => void }).gc;

function used(): number {
  collect?.();
  collect?.();
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
}

function measureQueue(count: number): number {
  const before = used();
  const queue = new DeadlineQueue();
  const start = Date.parse('2026-01-01T00:00:00Z');
  let seed = 12345;
  for (let handle = 0; handle < count; handle += 1) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    queue.schedule(handle, start + (seed % 31_536_000) * 1000);
  }
  const bytes = used() - before;
  if (queue.pending !== count) throw new Error('lost deadlines');
  return bytes / count;
}

function measureEngine(cases: number): { perCase: number; deadlines: number } {
  const catalog: RuleCatalog = {
    items: new Map([
      [
        'XK-001',
        {
          code: 'XK-001',
          name: '食品经营许可',
          departmentId: 'D-1',
          kind: 'licensing',
          timeUnit: 'workday',
          legalDays: 20,
          promisedDays: 10,
          warnBeforeDays: 1,
          supervisionDays: 3,
          steps: [{ code: 'review', name: '审查', limitDays: 3 }],
          requiredMaterials: ['申请书'],
          feeCodes: [],
          suspensions: [],
        },
      ],
    ]),
    fees: new Map(),
    benchmarks: new Map(),
    calendar: new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026),
    settings: DEFAULT_SETTINGS,
  };
  const engine = new ReplayEngine(catalog);
  const before = used();
  for (let n = 0; n < cases; n += 1) {
    const base = { schemaVersion: 1 as const, caseId: `C-${n}`, itemCode: 'XK-001', departmentId: 'D-1' };
    const occurredAt = '2026-09-18T14:00:00+08:00';
    engine.ingest({
      ...base,
      eventId: `E-${n}-a`,
      type: 'case.accepted',
      occurredAt,
      payload: {},
    } as ApprovalEvent);
    engine.ingest({
      ...base,
      eventId: `E-${n}-s`,
      type: 'step.started',
      occurredAt,
      payload: { stepCode: 'review' },
    } as ApprovalEvent);
  }
  const bytes = used() - before;
  let deadlines = 0;
  for (let n = 0; n < 10; n += 1) deadlines += engine.pendingTimers(`C-${n}`).length;
  return { perCase: bytes / cases, deadlines: deadlines / 10 };
}

const count = Number(process.argv[2] ?? 1_000_000);
if (!collect) process.stderr.write('note: run node with --expose-gc for stable figures\n');
const queueBytes = measureQueue(count);
process.stdout.write(`DeadlineQueue: ${count} deadlines, ${queueBytes.toFixed(1)} bytes per deadline\n`);
const engineCases = Math.min(count, 200_000);
const engine = measureEngine(engineCases);
process.stdout.write(
  `ReplayEngine: ${engineCases} open cases with ${engine.deadlines} pending timers each, ${engine.perCase.toFixed(0)} bytes per case (${(engine.perCase / engine.deadlines).toFixed(0)} bytes per deadline, event-id set included)\n`,
);
