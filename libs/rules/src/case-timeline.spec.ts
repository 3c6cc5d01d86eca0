import { CatalogHistory } from '@app/catalog';
import { InMemoryPeerFines } from './peer-fines';
import { InMemoryReceiptRegistry } from './receipt-registry';
import { aCase, local, ms } from './testing/factories';
import { foldCaseTimeline, TimelineSourceEvent } from './case-timeline';
import { aCatalogData } from './testing/catalog-data.factory';

function stored(events: ReturnType<ReturnType<typeof aCase>['event']>[]): TimelineSourceEvent[] {
  return events.map((event, index) => ({
    seq: index + 1,
    arrivedAt: new Date(ms(event.occurredAt) + 60_000).toISOString(),
    topic: 'approval.events',
    partition: 0,
    offset: String(index),
    event,
  }));
}

const shared = () => ({ receipts: new InMemoryReceiptRegistry(), peers: new InMemoryPeerFines() });

/** `docs/rules.md` § Worked example, seen as a timeline. */
describe(foldCaseTimeline.name, () => {
  it('records the deadlines as they stood after each event, and what fired in between', () => {
    const story = aCase();
    const events = stored([
      story.event('case.accepted', '2026-09-18T14:00'),
      story.event('case.suspended', '2026-09-22T10:00'),
      story.event('case.resumed', '2026-09-29T16:00'),
      story.event('case.completed', '2026-10-12T09:00'),
    ]);

    const sut = foldCaseTimeline(
      events,
      CatalogHistory.single(aCatalogData(), 1),
      shared(),
      ms('2026-11-01T00:00'),
    );

    const clocks = sut.steps.map((step) =>
      step.after.clock
        ? [
            step.after.phase,
            local(step.after.clock.warningAt ?? ''),
            local(step.after.clock.promisedDeadline),
          ].join(' ')
        : step.after.phase,
    );
    expect(clocks).toEqual([
      'running 2026-09-23T00:00 2026-09-25T00:00',
      'suspended 2026-09-23T00:00 2026-09-25T00:00',
      'running 2026-09-30T00:00 2026-10-09T00:00',
      'completed 2026-09-30T00:00 2026-10-09T00:00',
    ]);
    expect(sut.steps[0]?.after.clock).toMatchObject({
      supervisionDeadline: new Date(ms('2026-09-30T00:00')).toISOString(),
      legalDeadline: new Date(ms('2026-10-10T00:00')).toISOString(),
      redLimit: 'supervision',
      promisedDay: '2026-09-24',
    });
    expect(sut.steps[0]?.after.pendingTimers.map((timer) => timer.ruleId)).toEqual([
      'TIME_WARNING',
      'TIME_OVERDUE',
      'TIME_OVERDUE_RED',
    ]);
    expect(sut.steps[1]?.after.suspension).toMatchObject({ n: 1, procedure: 'expert_review' });
    expect(sut.steps[1]?.after.pendingTimers.map((timer) => timer.ruleId)).toEqual(['SUSPENSION_OVERLONG']);
    // the warning, the yellow and the red fired before the completion, at their due instants
    expect(sut.steps[3]?.signals.map((signal) => `${signal.ruleId}@${local(signal.raisedAt)}`)).toEqual([
      'TIME_WARNING@2026-09-30T00:00',
      'TIME_OVERDUE@2026-10-09T00:00',
      'TIME_OVERDUE_RED@2026-10-11T00:00',
    ]);
    expect(sut.steps[3]?.after.clock?.stoppedAt).toBe(new Date(ms('2026-10-12T09:00')).toISOString());
    expect(sut.steps[3]?.after.deliveryDueAt).not.toBeNull();
    // the delivery deadline (10 working days after the approval) passed before the watermark
    expect(sut.afterLastEvent.signals.map((signal) => signal.ruleId)).toEqual(['DELIVERY_OVERDUE']);
    expect(sut.signals).toHaveLength(4);
    expect(sut.catalogVersion).toBe('1');
    expect(sut.steps.map((step) => [step.seq, step.inSequence, step.kafka.offset])).toEqual([
      [1, true, '0'],
      [2, true, '1'],
      [3, true, '2'],
      [4, true, '3'],
    ]);
  });

  it('lists events in occurredAt order whatever order they arrived in, and marks those out of sequence', () => {
    const story = aCase();
    const accepted = story.event('case.accepted', '2026-09-18T14:00');
    const resumed = story.event('case.resumed', '2026-09-21T10:00');
    const sut = foldCaseTimeline(
      stored([resumed, accepted]),
      CatalogHistory.single(aCatalogData(), 1),
      shared(),
      ms('2026-09-21T12:00'),
    );
    expect(sut.steps.map((step) => [step.type, step.seq, step.inSequence])).toEqual([
      ['case.accepted', 2, true],
      ['case.resumed', 1, false],
    ]);
    expect(sut.steps[1]?.signals.map((signal) => signal.ruleId)).toEqual(['DATA_OUT_OF_SEQUENCE']);
  });
});
