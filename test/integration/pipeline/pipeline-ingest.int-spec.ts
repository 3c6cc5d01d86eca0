import { PipelineBed, buildApps, eventually } from '../../support/pipeline-harness';
import { toKafka, workload } from '../../support/workload';

// The pipeline against the real broker and a real PostgreSQL database: 10,000 messages with
// duplicates and 5% malformed messages of every kind, consumed in whole batches.
describe('pipeline ingestion', () => {
  const sample = workload(10_000);
  let bed: PipelineBed;

  beforeAll(() => buildApps());

  beforeEach(async () => {
    bed = new PipelineBed(6);
    await bed.setUp();
  });

  afterEach(async () => {
    await bed.tearDown();
  });

  function startPipeline(groupId?: string) {
    return bed.pipeline({ KAFKA_SESSION_TIMEOUT_MS: '6000' }, groupId);
  }

  async function expectExactFinalState(groupId: string) {
    let lastLag: number | undefined;
    await eventually(
      'the consumer group to reach the end of the topic',
      async () => {
        lastLag = await bed.topic.lag(groupId);
        return lastLag === 0 ? true : undefined;
      },
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nlag ${String(lastLag)}\n${bed.outputs()}`);
    });
    const storedIds = await bed.database.query<{ event_id: string }>('SELECT event_id FROM audit_events');
    expect(storedIds).toHaveLength(sample.uniqueEvents.length);
    expect(new Set(storedIds.map((r) => r.event_id))).toEqual(
      new Set(sample.uniqueEvents.map((e) => e.eventId)),
    );

    const deadLetters = await bed.database.query<{ raw: Buffer; reason: string; kafka_offset: string }>(
      'SELECT raw, reason, kafka_offset FROM dead_letters',
    );
    expect(deadLetters).toHaveLength(sample.malformed.length);
    expect(deadLetters.every((d) => d.reason.length > 0)).toBe(true);
    expect(new Set(deadLetters.map((d) => d.raw.toString('base64')))).toEqual(
      new Set(sample.malformed.map((m) => m.value.toString('base64'))),
    );
    // every audit row keeps its Kafka coordinates
    expect(
      await bed.database.count('audit_events', `topic = '${bed.topic.name}' AND kafka_offset >= 0`),
    ).toBe(sample.uniqueEvents.length);
  }

  it('stores exactly the valid unique events, dead-letters each malformed message with its reason, and commits to the end', async () => {
    expect(sample.malformed.length).toBeGreaterThanOrEqual(400);
    expect(sample.duplicates).toBeGreaterThan(100);
    expect(new Set(sample.malformed.map((m) => m.label)).size).toBeGreaterThanOrEqual(8);
    const pipeline = startPipeline();
    await pipeline.start();
    await bed.topic.produce(toKafka(sample.messages));
    await expectExactFinalState(pipeline.groupId);

    const reasons = await bed.database.query<{ reason: string }>('SELECT reason FROM dead_letters');
    expect(reasons.map((r) => r.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/occurredAt/)]),
    );
    expect(await pipeline.metric('jiancha_dead_letters_total')).toBe(sample.malformed.length);
    expect(await pipeline.metric('jiancha_events_consumed_total')).toBe(sample.messages.length);
    expect(await bed.database.count('cases')).toBe(new Set(sample.uniqueEvents.map((e) => e.caseId)).size);
    expect(await bed.database.count('signals')).toBeGreaterThan(0);
  });

  it('loses and doubles nothing when the pipeline is killed with SIGKILL mid-stream and restarted', async () => {
    const first = startPipeline();
    await first.start();
    const half = Math.floor(sample.messages.length / 2);
    await bed.topic.produce(toKafka(sample.messages.slice(0, half)));
    await eventually('some events to be stored', async () =>
      (await bed.database.count('audit_events')) > 1000 ? true : undefined,
    );
    await first.kill9();
    const storedAtKill = await bed.database.count('audit_events');
    await bed.topic.produce(toKafka(sample.messages.slice(half)));

    const second = startPipeline(first.groupId);
    await second.start();
    await expectExactFinalState(first.groupId);
    expect(storedAtKill).toBeLessThan(sample.uniqueEvents.length);
    // an alert key is raised at most once: the outbox holds one 'raised' per signal
    const [outbox] = await bed.database.query<{ raised: string; keys: string }>(
      `SELECT count(*) AS raised, count(DISTINCT alert_key) AS keys FROM signal_outbox WHERE kind = 'raised'`,
    );
    expect(Number(outbox?.raised)).toBe(Number(outbox?.keys));
    expect(Number(outbox?.keys)).toBe(await bed.database.count('signals'));
  });

  it('splits the partitions between two instances and hands them over when one stops, losing and doubling nothing', async () => {
    const a = startPipeline();
    const b = startPipeline(a.groupId);
    await Promise.all([a.start(), b.start()]);
    await bed.topic.produce(toKafka(sample.messages.slice(0, 4000)));
    await eventually('both instances to consume', async () =>
      (await a.metric('jiancha_events_consumed_total')) > 0 &&
      (await b.metric('jiancha_events_consumed_total')) > 0
        ? true
        : undefined,
    );
    await a.stop();
    await bed.topic.produce(toKafka(sample.messages.slice(4000)));
    await expectExactFinalState(a.groupId);
    const byPartition = await bed.database.query<{ partition: number }>(
      'SELECT DISTINCT partition FROM audit_events',
    );
    expect(byPartition.length).toBe(6);
  });
});
