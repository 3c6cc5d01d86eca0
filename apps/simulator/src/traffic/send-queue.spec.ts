import { SendQueue } from './send-queue';

describe(SendQueue.name, () => {
  it('hands out items by send instant, equal instants in insertion order', () => {
    const sut = new SendQueue<string>();
    for (const [at, item] of [
      [30, 'c'],
      [10, 'a1'],
      [20, 'b'],
      [10, 'a2'],
      [5, 'first'],
    ] as const)
      sut.push(at, item);

    expect(sut.popUntil(20)).toEqual(['first', 'a1', 'a2', 'b']);
    expect(sut.size).toBe(1);
    expect(sut.peekAt()).toBe(30);
  });

  it('keeps order under many random pushes', () => {
    const sut = new SendQueue<number>();
    const instants = Array.from({ length: 2000 }, (_, index) => (index * 7919) % 1009);
    instants.forEach((at) => sut.push(at, at));

    expect(sut.popUntil(Number.POSITIVE_INFINITY)).toEqual([...instants].sort((a, b) => a - b));
    expect(sut.pop()).toBeUndefined();
    expect(sut.peekAt()).toBe(Number.POSITIVE_INFINITY);
  });
});
