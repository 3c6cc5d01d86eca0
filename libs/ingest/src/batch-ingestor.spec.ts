import type { ApprovalEvent } from '@app/contracts';
import { DeadLetter, InMemoryIngestStore } from '@app/persistence';
import { aCase, aCatalog, ms, runRules } from '../../rules/src/testing/factories';
import { RulesCaseEvaluator } from './rules-case-evaluator';
import { BatchIngestor } from './batch-ingestor';
import { DeadLetterPublisher, RawMessage } from './ports';

class RecordingDeadLetterPublisher extends DeadLetterPublisher {
  readonly published: DeadLetter[] = [];
  publish(deadLetters: DeadLetter[]) {
    this.published.push(...deadLetters);
    return Promise.resolve();
  }
}

let offset = 0;
function aMessage(value: ApprovalEvent | string): RawMessage {
  offset += 1;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    topic: 'approval.events',
    partition: 0,
    offset: String(offset),
    key: Buffer.from('C-1'),
    value: Buffer.from(text),
  };
}

function setUp(catalog = aCatalog()) {
  const store = new InMemoryIngestStore();
  const deadLetters = new RecordingDeadLetterPublisher();
  const sut = new BatchIngestor(store, deadLetters, new RulesCaseEvaluator(catalog));
  const signalKeys = (status: 'open' | 'retracted' = 'open') =>
    [...store.tables.signals.entries()]
      .filter(([, stored]) => stored.status === status)
      .map(([key]) => key)
      .sort();
  return { store, deadLetters, sut, signalKeys };
}

describe(BatchIngestor.name, () => {
  it('stores valid events once, dead-letters invalid ones with their reason, and changes nothing on redelivery', async () => {
    const { store, deadLetters, sut } = setUp();
    const story = aCase('C-1');
    const batch = [
      aMessage(story.event('case.accepted', '2026-09-18T14:00')),
      aMessage('{"eventId": 1'),
      aMessage(story.event('fee.paid', '2026-09-18T15:00', { payee: 'department' })),
    ];

    const first = await sut.ingest(batch, ms('2026-09-18T16:00'));
    const snapshot = JSON.stringify([
      ...store.tables.signals.keys(),
      store.tables.outbox.length,
      [...store.tables.cases.values()],
    ]);
    const again = await sut.ingest(batch, ms('2026-09-18T16:00'));

    expect(first).toMatchObject({
      received: 3,
      inserted: 2,
      duplicates: 0,
      deadLetters: 1,
      casesEvaluated: 1,
    });
    expect(first.signalsRaised).toBeGreaterThan(0);
    expect(again).toMatchObject({ inserted: 0, duplicates: 2, signalsRaised: 0, casesEvaluated: 0 });
    expect(
      JSON.stringify([
        ...store.tables.signals.keys(),
        store.tables.outbox.length,
        [...store.tables.cases.values()],
      ]),
    ).toBe(snapshot);
    expect(store.tables.deadLetters.size).toBe(1);
    expect(deadLetters.published[0]?.reason).toMatch(/not JSON/);
    expect(store.tables.signals.has('C-1|PAYEE_NOT_TREASURY|C-1#2')).toBe(true);
  });

  it('leaves nothing behind when the store fails, and stores everything once on retry', async () => {
    const { store, sut } = setUp();
    const batch = [aMessage(aCase('C-1').event('case.accepted', '2026-09-18T14:00'))];
    store.failNext = 1;

    await expect(sut.ingest(batch, ms('2026-09-18T16:00'))).rejects.toThrow(/ECONNREFUSED/);
    expect(store.tables.events.size).toBe(0);
    await sut.ingest(batch, ms('2026-09-18T16:00'));
    expect(store.tables.events.size).toBe(1);
  });

  it('gives the same signals whatever order a case’s events arrive in', async () => {
    const story = aCase('C-1');
    const events = [
      story.event('case.submitted', '2026-09-17T09:00'),
      story.event('case.accepted', '2026-09-18T14:00'),
      story.event('case.extended', '2026-09-21T10:00', { days: 12, reason: '' }),
      story.event('case.completed', '2026-10-20T10:00', { result: 'denied' }),
    ];
    const watermark = ms('2026-10-30T00:00');
    const inOrder = setUp();
    await inOrder.sut.ingest(events.map(aMessage), watermark);
    const reversed = setUp();
    for (const event of [...events].reverse()) await reversed.sut.ingest([aMessage(event)], watermark);

    expect(reversed.signalKeys()).toEqual(inOrder.signalKeys());
    // raised while the earlier events were missing, retracted once they arrived
    expect(reversed.signalKeys('retracted')).toEqual([
      'C-1|DATA_OUT_OF_SEQUENCE|C-1#3',
      'C-1|DATA_OUT_OF_SEQUENCE|C-1#4',
    ]);
    expect(inOrder.signalKeys('retracted')).toEqual([]);
    expect(inOrder.signalKeys()).toEqual(
      expect.arrayContaining([
        'C-1|EXTENSION_IRREGULAR|C-1#3',
        'C-1|DENIAL_WITHOUT_REASON|C-1#4',
        'C-1|TIME_OVERDUE|',
      ]),
    );
  });

  it('retracts a timer signal that a late event proves wrong', async () => {
    const { store, sut } = setUp();
    const story = aCase('C-1');
    await sut.ingest([aMessage(story.event('case.accepted', '2026-09-18T14:00'))], ms('2026-09-26T00:00'));
    expect(store.signal('C-1|TIME_OVERDUE|')?.status).toBe('open');

    const outcome = await sut.ingest(
      [aMessage(story.event('case.completed', '2026-09-24T10:00', { result: 'approved' }))],
      ms('2026-09-26T00:00'),
    );

    expect(outcome.signalsRetracted).toBe(1);
    expect(store.signal('C-1|TIME_OVERDUE|')?.status).toBe('retracted');
    expect(store.signal('C-1|TIME_OVERDUE|')?.reason).toMatch(/late data/);
    expect(
      store.tables.outbox.filter((e) => e.signal.alertKey === 'C-1|TIME_OVERDUE|').map((e) => e.kind),
    ).toEqual(['raised', 'retracted']);
  });

  it('corrects the instant of a fired timer that a late suspension moved, as replay would raise it', async () => {
    const { store, sut } = setUp();
    const story = aCase('C-1');
    const accepted = story.event('case.accepted', '2026-09-18T14:00');
    const suspended = story.event('case.suspended', '2026-09-22T10:00', { procedure: 'inspection' });
    const resumed = story.event('case.resumed', '2026-09-29T16:00');
    await sut.ingest([aMessage(accepted)], ms('2026-09-24T00:00'));
    expect(store.signal('C-1|TIME_WARNING|')?.signal.raisedAt).toBe('2026-09-22T16:00:00.000Z');

    const outcome = await sut.ingest([aMessage(suspended), aMessage(resumed)], ms('2026-10-01T00:00'));

    // worked example of docs/rules.md: after the suspension W = 2026-09-30T00:00+08:00
    expect(outcome.signalsCorrected).toBe(1);
    expect(store.signal('C-1|TIME_WARNING|')).toMatchObject({ status: 'open' });
    expect(store.signal('C-1|TIME_WARNING|')?.signal.raisedAt).toBe('2026-09-29T16:00:00.000Z');
    expect(
      store.tables.outbox.filter((e) => e.signal.alertKey === 'C-1|TIME_WARNING|').map((e) => e.kind),
    ).toEqual(['raised', 'corrected']);
  });

  describe('registration, in the same transaction (ADR 12)', () => {
    const registeredAt = ms('2026-10-08T09:00');
    const registration = {
      now: () => registeredAt,
      responseDueAt: (level: string, atMs: number) => (level === 'red' ? atMs + 86_400_000 : null),
    };
    const trail = (store: InMemoryIngestStore) =>
      store.tables.transitions.map((t) => `${t.action} ${t.alertKey} ${t.fromStatus ?? '-'}→${t.toStatus}`);
    const changes = (store: InMemoryIngestStore) =>
      store.tables.outbox.map((e) =>
        `${e.kind} ${e.signal.alertKey} ${e.lifecycle?.escalatedTo ?? ''}`.trim(),
      );

    function registering() {
      const store = new InMemoryIngestStore();
      const sut = new BatchIngestor(
        store,
        new RecordingDeadLetterPublisher(),
        new RulesCaseEvaluator(aCatalog()),
        {
          registration,
        },
      );
      return { store, sut, story: aCase('C-1') };
    }

    it('registers each raised signal and links the lower signals of a family to its top', async () => {
      const { store, sut, story } = registering();

      await sut.ingest([aMessage(story.event('case.accepted', '2026-09-18T14:00'))], ms('2026-10-01T00:00'));

      expect(store.signal('C-1|TIME_OVERDUE_RED|')).toMatchObject({
        ruleFamily: 'time-limit',
        responseDueAt: new Date(registeredAt + 86_400_000).toISOString(),
        escalatedTo: null,
      });
      expect(store.signal('C-1|TIME_WARNING|')).toMatchObject({
        responseDueAt: null,
        escalatedTo: 'C-1|TIME_OVERDUE_RED|',
      });
      expect(changes(store)).toEqual([
        'raised C-1|TIME_WARNING|',
        'raised C-1|TIME_OVERDUE|',
        'raised C-1|TIME_OVERDUE_RED|',
        'escalated C-1|TIME_OVERDUE| C-1|TIME_OVERDUE_RED|',
        'escalated C-1|TIME_WARNING| C-1|TIME_OVERDUE_RED|',
      ]);
      expect(trail(store)).toEqual([
        'raise C-1|TIME_WARNING| -→open',
        'raise C-1|TIME_OVERDUE| -→open',
        'raise C-1|TIME_OVERDUE_RED| -→open',
        'escalate C-1|TIME_OVERDUE| open→open',
        'escalate C-1|TIME_WARNING| open→open',
      ]);
      expect(store.tables.transitions.every((t) => t.at === new Date(registeredAt).toISOString())).toBe(true);
    });

    it('re-links the family when late data retracts its top, and records the retraction', async () => {
      const { store, sut, story } = registering();
      await sut.ingest([aMessage(story.event('case.accepted', '2026-09-18T14:00'))], ms('2026-10-01T00:00'));
      const before = store.tables.outbox.length;
      const trailBefore = store.tables.transitions.length;

      await sut.ingest(
        [aMessage(story.event('case.completed', '2026-09-25T10:00', { result: 'approved' }))],
        ms('2026-10-01T00:00'),
      );

      expect(store.signal('C-1|TIME_OVERDUE_RED|')?.status).toBe('retracted');
      expect(changes(store).slice(before)).toEqual([
        'retracted C-1|TIME_OVERDUE_RED|',
        'reinstated C-1|TIME_OVERDUE|',
        'escalated C-1|TIME_WARNING| C-1|TIME_OVERDUE|',
      ]);
      expect(trail(store).slice(trailBefore)).toEqual([
        'retract C-1|TIME_OVERDUE_RED| open→retracted',
        'reinstate C-1|TIME_OVERDUE| open→open',
        'escalate C-1|TIME_WARNING| open→open',
      ]);
    });
  });

  it('sees receipts of other cases stored in earlier batches', async () => {
    const { store, sut } = setUp();
    const first = aCase('C-1');
    const second = aCase('C-2');
    await sut.ingest(
      [aMessage(first.event('fee.paid', '2026-09-18T10:00', { receiptNo: 'R-9' }))],
      ms('2026-09-19T00:00'),
    );
    await sut.ingest(
      [aMessage(second.event('fee.paid', '2026-09-18T11:00', { receiptNo: 'R-9' }))],
      ms('2026-09-19T00:00'),
    );

    expect(store.tables.signals.has('C-2|FEE_DUPLICATE_RECEIPT|C-2#1')).toBe(true);
    expect(store.tables.signals.has('C-1|FEE_DUPLICATE_RECEIPT|C-1#1')).toBe(false);
  });

  it('raises the duplicate receipt on the later payment when the earlier one of another case arrives after it', async () => {
    const { store, sut } = setUp();
    const later = aCase('C-2').event('fee.paid', '2026-09-18T11:00', { receiptNo: 'R-9' });
    const earlier = aCase('C-1').event('fee.paid', '2026-09-18T10:00', { receiptNo: 'R-9' });

    await sut.ingest([aMessage(later)], ms('2026-09-19T00:00'));
    const beforeTheEarlierArrived = store.tables.signals.has('C-2|FEE_DUPLICATE_RECEIPT|C-2#1');
    const outcome = await sut.ingest([aMessage(earlier)], ms('2026-09-19T00:00'));

    expect(beforeTheEarlierArrived).toBe(false);
    expect(outcome.casesEvaluated).toBe(2);
    expect([...store.tables.signals.keys()].filter((key) => key.includes('FEE_DUPLICATE_RECEIPT'))).toEqual(
      runRules([earlier, later])
        .filter((signal) => signal.ruleId === 'FEE_DUPLICATE_RECEIPT')
        .map((signal) => signal.alertKey),
    );
  });

  it('re-judges the next decisions of a peer group when an earlier decision arrives late', async () => {
    const catalog = aCatalog({ settings: { peerDeviation: { minPeers: 3, window: 10, threshold: 3.5 } } });
    const { store, sut } = setUp(catalog);
    const decided = (caseId: string, day: string, fine: number) => {
      const story = aCase(caseId, 'CF-001');
      return [
        story.event('penalty.filed', `2026-03-${day}T09:00`),
        story.event('penalty.decided', `2026-03-${day}T15:00`, { fine }),
      ];
    };
    const [p1, p2, p3, x] = [
      decided('P-1', '02', 500_000),
      decided('P-2', '03', 500_000),
      decided('P-3', '04', 500_000),
      decided('X', '05', 690_000),
    ];
    const watermark = ms('2026-03-06T00:00');

    // X is decided with two peers only (fewer than minPeers): nothing fires; then P-3 arrives
    await sut.ingest([...(p1 ?? []), ...(p2 ?? []), ...(x ?? [])].map(aMessage), watermark);
    const beforeTheLateDecision = store.tables.signals.has('X|PENALTY_PEER_DEVIATION|X#2');
    await sut.ingest((p3 ?? []).map(aMessage), watermark);

    expect(beforeTheLateDecision).toBe(false);
    const peerKeys = (keys: Iterable<string>) =>
      [...keys].filter((key) => key.includes('PENALTY_PEER_DEVIATION'));
    expect(peerKeys(store.tables.signals.keys())).toEqual(['X|PENALTY_PEER_DEVIATION|X#2']);
    expect(peerKeys(store.tables.signals.keys())).toEqual(
      peerKeys(
        runRules([...(p1 ?? []), ...(p2 ?? []), ...(p3 ?? []), ...(x ?? [])], { catalog }).map(
          (s) => s.alertKey,
        ),
      ),
    );
  });

  it('reports the next due instant of each case for the timer wheel', async () => {
    const { sut } = setUp();
    const outcome = await sut.ingest(
      [aMessage(aCase('C-1').event('case.accepted', '2026-09-18T14:00'))],
      ms('2026-09-18T15:00'),
    );
    // worked example of docs/rules.md: W = 2026-09-23T00:00+08:00
    expect(outcome.deadlines).toEqual([{ caseId: 'C-1', partition: 0, dueAt: ms('2026-09-23T00:00') }]);
  });
});
