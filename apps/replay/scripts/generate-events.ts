/**
 * Writes a synthetic events file for throughput checks of the replay command:
 * `node scripts/run-ts.mjs apps/replay/scripts/generate-events.ts <out.jsonl> [cases]`.
 * Cases of the fixture catalogue (test/fixtures/replay/catalog) with steps, suspensions, fees,
 * penalties and some noise, interleaved over ~6 months. Deterministic (seeded).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [outPath, casesArg] = process.argv.slice(2);
if (!outPath) {
  process.stderr.write('usage: generate-events.ts <out.jsonl> [cases]\n');
  process.exit(2);
}
const caseCount = Number(casesArg ?? 100_000);

let seed = 20260918;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const HOUR = 3_600_000;
const START = Date.parse('2026-01-05T01:00:00Z');

interface Draft {
  at: number;
  line: string;
}

function iso(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().replace('Z', '+08:00');
}

let eventNo = 0;
function event(caseId: string, itemCode: string, type: string, at: number, payload: object): Draft {
  eventNo += 1;
  const line = JSON.stringify({
    eventId: `G-${eventNo}`,
    schemaVersion: 1,
    type,
    caseId,
    itemCode,
    departmentId: itemCode === 'XK-002' ? 'D-ZJJ' : 'D-SCJ',
    occurredAt: iso(at),
    payload,
  });
  return { at, line };
}

function licensingCase(n: number): Draft[] {
  const caseId = `L-${n}`;
  const itemCode = pick(['XK-001', 'XK-002']);
  let at = START + Math.floor(random() * 180 * 24) * HOUR;
  const step = (hours: number) => (at += Math.floor(hours * (0.5 + random())) * HOUR);
  const events = [
    event(caseId, itemCode, 'case.submitted', at, { channel: 'online', materials: ['申请书', '营业执照'] }),
  ];
  if (random() < 0.1)
    events.push(
      event(caseId, itemCode, 'case.supplement_requested', step(20), { missingMaterials: ['营业执照'] }),
    );
  events.push(event(caseId, itemCode, 'case.accepted', step(30), {}));
  events.push(event(caseId, itemCode, 'step.started', step(2), { stepCode: 'review' }));
  if (random() < 0.15) {
    events.push(
      event(caseId, itemCode, 'case.suspended', step(24), { procedure: pick(['expert_review', 'hearing']) }),
    );
    events.push(event(caseId, itemCode, 'case.resumed', step(24 * 6), {}));
  }
  events.push(event(caseId, itemCode, 'step.completed', step(40), { stepCode: 'review', outcome: 'pass' }));
  if (random() < 0.3) {
    events.push(
      event(caseId, itemCode, 'fee.assessed', step(3), {
        feeCode: 'F-001',
        amount: pick([5000, 5000, 6000]),
      }),
    );
    events.push(
      event(caseId, itemCode, 'fee.paid', step(20), {
        feeCode: 'F-001',
        amount: 5000,
        receiptNo: `R-${n}`,
        payee: pick(['bank', 'treasury', 'department']),
      }),
    );
  }
  if (random() < 0.05)
    events.push(
      event(caseId, itemCode, 'case.extended', step(10), { days: pick([5, 10, 12]), reason: '复杂' }),
    );
  if (random() < 0.93) {
    events.push(
      event(caseId, itemCode, 'case.completed', step(60), {
        result: pick(['approved', 'approved', 'denied']),
        reason: '依法',
      }),
    );
    if (random() < 0.9)
      events.push(event(caseId, itemCode, 'case.delivered', step(80), { method: 'electronic' }));
    if (random() < 0.4)
      events.push(event(caseId, itemCode, 'case.evaluated', step(24), { score: pick([1, 3, 4, 5, 5]) }));
  }
  return events;
}

function penaltyCase(n: number): Draft[] {
  const caseId = `P-${n}`;
  let at = START + Math.floor(random() * 180 * 24) * HOUR;
  const step = (hours: number) => (at += Math.floor(hours * (0.5 + random())) * HOUR);
  const fine = pick([300_000, 400_000, 400_000, 450_000, 500_000, 650_000, 900_000]);
  return [
    event(caseId, 'CF-001', 'penalty.filed', at, {
      violationCode: 'V-001',
      party: { kind: pick(['person', 'organization']) },
    }),
    event(caseId, 'CF-001', 'penalty.proposed', step(24 * 20), {
      violationCode: 'V-001',
      tier: 'ordinary',
      fine,
    }),
    event(caseId, 'CF-001', 'penalty.hearing_notified', step(2), {}),
    event(caseId, 'CF-001', 'penalty.decided', step(24 * 10), {
      violationCode: 'V-001',
      tier: 'ordinary',
      fine,
    }),
    event(caseId, 'CF-001', 'penalty.paid', step(24 * 5), {
      amount: fine,
      receiptNo: `P-${n}`,
      payee: 'bank',
    }),
  ];
}

async function main(): Promise<void> {
  const drafts: Draft[] = [];
  for (let n = 0; n < caseCount; n += 1) drafts.push(...(random() < 0.9 ? licensingCase(n) : penaltyCase(n)));
  // business systems flush per case: the file is roughly, not exactly, in time order
  drafts.sort((a, b) => a.at - b.at + (random() - 0.5) * 2 * HOUR);
  const out = createWriteStream(outPath as string);
  let chunk = '';
  for (const draft of drafts) {
    chunk += `${draft.line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  process.stderr.write(`wrote ${drafts.length} events of ${caseCount} cases to ${outPath}\n`);
}

void main();
