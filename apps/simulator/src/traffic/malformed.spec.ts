import { parseEvent } from '@app/contracts';
import { CaseGenerator } from './case-generator';
import { aTemplateEvent, MALFORMED_KINDS, MalformedMessageGenerator } from './malformed';
import { demoCatalog } from './testing/demo-catalog';

describe(MalformedMessageGenerator.name, () => {
  const bases = new CaseGenerator({ catalog: demoCatalog(), seed: 3 }).next(
    Date.parse('2026-03-02T10:00:00+08:00'),
    { kind: 'licensing', irregularity: null },
  ).events;

  it('starts from a template event that is itself valid', () => {
    expect(parseEvent(JSON.stringify(aTemplateEvent())).ok).toBe(true);
  });

  it.each(MALFORMED_KINDS.map((kind) => [kind]))(
    'makes %s messages that the event contract rejects',
    (kind) => {
      const sut = new MalformedMessageGenerator(9);

      for (const base of [aTemplateEvent(), ...bases]) {
        const message = sut.of(kind, base);
        const validation = parseEvent(message.value);

        expect({ kind: message.kind, description: message.description, ok: validation.ok }).toEqual({
          kind,
          description: message.description,
          ok: false,
        });
        expect(message.key).toBe(base.caseId);
      }
    },
  );

  it('produces every kind, one per kind in order with everyKind and all of them at random', () => {
    const sut = new MalformedMessageGenerator(1);

    expect(sut.everyKind().map((message) => message.kind)).toEqual([...MALFORMED_KINDS]);
    expect(new Set(Array.from({ length: 400 }, () => sut.next().kind))).toEqual(new Set(MALFORMED_KINDS));
  });

  it('never puts a line feed in a message, so each fits on one line of a JSONL file', () => {
    const sut = new MalformedMessageGenerator(2);

    for (let round = 0; round < 300; round += 1)
      expect(sut.next(bases[round % bases.length]).value.includes(0x0a)).toBe(false);
  });

  it('stays unreadable when a file reader replaces invalid UTF-8', () => {
    const message = new MalformedMessageGenerator(4).of('not_utf8');

    expect(parseEvent(message.value.toString('utf8')).ok).toBe(false);
  });

  it('gives the same messages for the same seed', () => {
    const first = new MalformedMessageGenerator(5);
    const second = new MalformedMessageGenerator(5);

    for (let round = 0; round < 50; round += 1) expect(first.next()).toEqual(second.next());
  });
});
