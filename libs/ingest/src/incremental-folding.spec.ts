import fc from 'fast-check';
import type { ApprovalEvent } from '@app/contracts';
import { DeadLetter, IngestTransaction, InMemoryIngestStore } from '@app/persistence';
import { casesArbitrary, merge } from '../../rules/src/testing/arbitraries';
import { aCatalog } from '../../rules/src/testing/factories';
import { RulesCaseEvaluator } from './rules-case-evaluator';
import { BatchIngestor } from './batch-ingestor';
import { DeadLetterPublisher, RawMessage } from './ports';

// Differential test of ADR 0009: the ingest path that keeps case folds between batches against the
// path that re-folds every touched case from its stored events (fold cache 0: ADR 0002's algorithm)
// as the oracle, over random histories delivered in random batches, out of order, twice, with
// timer sweeps, failing transactions, crashes (folds dropped) and a stale owner after a rebalance.

const catalog = aCatalog({ settings: { peerDeviation: { minPeers: 2, window: 5, threshold: 1 } } });
const HOUR = 3_600_000;
const PARTITIONS = 2;

class NoDeadLetters extends DeadLetterPublisher {
  publish(_deadLetters: DeadLetter[]) {
    return Promise.resolve();
  }
}

/** The in-memory store, whose next transaction can fail after its work ran (nothing is kept). */
class FlakyStore extends InMemoryIngestStore {
  failAfterWork = 0;

  override transaction<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    return super.transaction(async (tx) => {
      const result = await work(tx);
      if (this.failAfterWork > 0) {
        this.failAfterWork -= 1;
        throw new Error('could not serialize access: the transaction rolled back at commit');
      }
      return result;
    });
  }
}

const partitionOf = (caseId: string) => Number(caseId.replace(/\D/g, '')) % PARTITIONS;

let offset = 0;
const messageOf = (event: ApprovalEvent): RawMessage => {
  offset += 1;
  return {
    topic: 'approval.events',
    partition: partitionOf(event.caseId),
    offset: String(offset),
    key: Buffer.from(event.caseId),
    value: Buffer.from(JSON.stringify(event)),
  };
};

type Disturbance = 'none' | 'sweep' | 'fail' | 'failAfter' | 'crash' | 'rebalance' | 'stale';

const scenarioArbitrary = fc.record({
  cases: casesArbitrary,
  interleaving: fc.array(fc.nat(1000), { maxLength: 30 }),
  /** Pairs of arrival positions swapped: events that arrive after later ones. */
  swaps: fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { maxLength: 6 }),
  /** Arrival positions delivered a second time, later. */
  redeliveries: fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { maxLength: 4 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 60, maxLength: 60 }),
  /** Hours the watermark stays behind the latest event so far, per batch. */
  lags: fc.array(fc.constantFrom(0, 1, 24, 72, 400), { minLength: 60, maxLength: 60 }),
  disturbances: fc.array(
    fc.constantFrom<Disturbance>(
      'none',
      'none',
      'none',
      'sweep',
      'fail',
      'failAfter',
      'crash',
      'rebalance',
      'stale',
    ),
    { minLength: 60, maxLength: 60 },
  ),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function arrivals(scenario: Scenario): ApprovalEvent[] {
  const stream = merge(scenario.cases, scenario.interleaving);
  for (const [a, b] of scenario.swaps) {
    const i = a % stream.length;
    const j = b % stream.length;
    [stream[i], stream[j]] = [stream[j] as ApprovalEvent, stream[i] as ApprovalEvent];
  }
  for (const [from, to] of scenario.redeliveries) {
    const copy = stream[from % stream.length] as ApprovalEvent;
    stream.splice(Math.min(stream.length, (from % stream.length) + 1 + (to % 10)), 0, copy);
  }
  return stream;
}

/** What both paths must agree on: signals, case projections, and each signal's outbox entries. */
function observe(store: InMemoryIngestStore) {
  const signals = [...store.tables.signals.values()]
    .map(({ signal, status }) => `${signal.alertKey} ${signal.level} ${signal.raisedAt} ${status}`)
    .sort();
  const cases = [...store.tables.cases.values()]
    .map(({ foldVersion: _version, ...projection }) => JSON.stringify(projection))
    .sort();
  const outbox = new Map<string, string[]>();
  for (const entry of store.tables.outbox) {
    const list = outbox.get(entry.signal.alertKey) ?? [];
    list.push(`${entry.kind} ${entry.signal.level} ${entry.signal.raisedAt} ${entry.reason ?? ''}`);
    outbox.set(entry.signal.alertKey, list);
  }
  return { signals, cases, outbox: [...outbox].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt > 3) throw error;
    }
  }
}

async function run(scenario: Scenario) {
  const stream = arrivals(scenario);
  const oracleStore = new InMemoryIngestStore();
  const oracle = new BatchIngestor(oracleStore, new NoDeadLetters(), new RulesCaseEvaluator(catalog), {
    foldCacheSize: 0,
  });
  const store = new FlakyStore();
  // two instances of the pipeline over one store; each partition has an owner
  const instances = [0, 1].map(
    () =>
      new BatchIngestor(store, new NoDeadLetters(), new RulesCaseEvaluator(catalog), { foldCacheSize: 50 }),
  );
  const owners = Array.from({ length: PARTITIONS }, (_, partition) => partition % 2);
  const ownerOf = (partition: number) => instances[owners[partition] ?? 0] as BatchIngestor;
  let latest = -Infinity;
  let watermark = -Infinity;
  let position = 0;
  let refolded = 0;
  let advanced = 0;
  for (let b = 0; position < stream.length; b += 1) {
    const size = scenario.batchSizes[b % scenario.batchSizes.length] ?? 1;
    const events = stream.slice(position, position + size);
    position += size;
    for (const event of events) latest = Math.max(latest, Date.parse(event.occurredAt));
    watermark = Math.max(watermark, latest - (scenario.lags[b % scenario.lags.length] ?? 0) * HOUR);
    const disturbance = scenario.disturbances[b % scenario.disturbances.length] ?? 'none';

    const batches = new Map<number, RawMessage[]>();
    for (const event of events) {
      const message = messageOf(event);
      batches.set(message.partition, [...(batches.get(message.partition) ?? []), message]);
    }
    for (const [partition, messages] of batches) {
      await oracle.ingest(messages, watermark);
      const owner = ownerOf(partition);
      if (disturbance === 'fail') store.failNext = 1;
      if (disturbance === 'failAfter') store.failAfterWork = 1;
      if (disturbance === 'crash') owner.dropFolds();
      if (disturbance === 'rebalance') {
        owners[partition] = 1 - (owners[partition] ?? 0);
        for (const [index, instance] of instances.entries())
          instance.partitionsAssigned(owners.flatMap((o, p) => (o === index ? [p] : [])));
      }
      if (disturbance === 'stale') {
        // the previous owner, not told yet, stores the batch first; the owner gets it redelivered
        const stale = instances[1 - (owners[partition] ?? 0)] as BatchIngestor;
        await retried(() => stale.ingest(messages, watermark));
      }
      const outcome = await retried(() => ownerOf(partition).ingest(messages, watermark));
      refolded += outcome.casesRefolded;
      advanced += outcome.casesEvaluated - outcome.casesRefolded;
    }
    if (disturbance === 'sweep' || b % 7 === 6) {
      const all = [...oracleStore.tables.cases.keys()];
      await oracle.fireTimers(all, watermark);
      for (let partition = 0; partition < PARTITIONS; partition += 1) {
        const mine = all.filter((caseId) => partitionOf(caseId) === partition);
        await retried(() => ownerOf(partition).fireTimers(mine, watermark));
      }
    }
  }
  return { oracle: observe(oracleStore), sut: observe(store), refolded, advanced };
}

describe('incremental folding (ADR 0009)', () => {
  it('gives the signals, projections and outbox of re-folding every case every batch (differential, property)', async () => {
    let advanced = 0;
    let refolded = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const result = await run(scenario);
        advanced += result.advanced;
        refolded += result.refolded;
        expect(result.sut.signals).toEqual(result.oracle.signals);
        expect(result.sut.cases).toEqual(result.oracle.cases);
        expect(result.sut.outbox).toEqual(result.oracle.outbox);
      }),
      { numRuns: 250 },
    );
    // the property would hold vacuously if no fold were ever kept: a good share of the folds
    // advance, although these histories are far more disordered than live traffic
    expect(advanced).toBeGreaterThan(0.2 * (advanced + refolded));
  });
});
