import { parseEvent } from '@app/contracts';
import { TrafficMessage, TrafficSource } from './traffic-source';
import { demoCatalog } from './testing/demo-catalog';

const START = Date.parse('2026-04-13T09:00:00+08:00');
const MINUTE = 60_000;

function runSource(
  options: { malformedShare?: number; duplicateShare?: number; seed?: number },
  cases = 400,
) {
  const sut = new TrafficSource({ catalog: demoCatalog(), seed: options.seed ?? 5, ...options });
  const messages: TrafficMessage[] = [];
  for (let index = 0; index < cases; index += 1) {
    const start = START + index * 5 * MINUTE;
    messages.push(...sut.takeDue(start - 1));
    sut.startCase(start);
  }
  messages.push(...sut.takeDue(Number.POSITIVE_INFINITY));
  return { sut, messages };
}

describe(TrafficSource.name, () => {
  it('sends messages in send order, each case in the order its events occurred', () => {
    const { messages } = runSource({});
    const sendAt = messages.map((message) => message.sendAt);
    const byCase = new Map<string, number[]>();
    for (const message of messages)
      byCase.set(message.key, [
        ...(byCase.get(message.key) ?? []),
        Date.parse(message.event?.occurredAt ?? ''),
      ]);

    expect(sendAt).toEqual([...sendAt].sort((a, b) => a - b));
    for (const instants of byCase.values()) expect(instants).toEqual([...instants].sort((a, b) => a - b));
  });

  it('keys every message by its caseId', () => {
    const { messages } = runSource({ malformedShare: 0.1 });

    for (const message of messages.filter((entry) => entry.event))
      expect(message.key).toBe(message.event?.caseId);
    expect(messages.every((message) => message.key.length > 0)).toBe(true);
  });

  it('mixes in the configured share of malformed messages, all invalid, and duplicates of valid events', () => {
    const { sut, messages } = runSource({ malformedShare: 0.05, duplicateShare: 0.02 }, 800);
    const malformed = messages.filter(
      (message) => message.label !== 'event' && message.label !== 'duplicate',
    );
    const duplicates = messages.filter((message) => message.label === 'duplicate');
    const valid = messages.filter((message) => message.label === 'event');

    expect(malformed.length / messages.length).toBeGreaterThan(0.04);
    expect(malformed.length / messages.length).toBeLessThan(0.06);
    expect(duplicates.length / valid.length).toBeGreaterThan(0.01);
    expect(duplicates.length / valid.length).toBeLessThan(0.03);
    expect(malformed.filter((message) => parseEvent(message.value).ok)).toEqual([]);
    for (const duplicate of duplicates)
      expect(
        valid.some((message) => message.value.equals(duplicate.value) && message.sendAt < duplicate.sendAt),
      ).toBe(true);
    expect(sut.stats.messages.event).toBe(valid.length);
    expect(sut.stats.cases).toBe(800);
  });

  it('does not change the cases when faults are added', () => {
    const clean = runSource({}).messages.filter((message) => message.label === 'event');
    const faulty = runSource({ malformedShare: 0.2, duplicateShare: 0.1 }).messages.filter(
      (message) => message.label === 'event',
    );

    expect(faulty.map((message) => message.event?.eventId)).toEqual(
      clean.map((message) => message.event?.eventId),
    );
  });

  it('counts started cases whose first event is still to be sent', () => {
    const sut = new TrafficSource({ catalog: demoCatalog(), seed: 1 });
    const generated = sut.startCase(START);

    expect(sut.unsentFirstEvents).toBe(1);
    expect(sut.takeDue(START - 1)).toEqual([]);
    sut.takeDue(generated.sendAt[0] as number);
    expect(sut.unsentFirstEvents).toBe(0);
    expect(sut.pending).toBe(generated.events.length - 1);
  });
});
