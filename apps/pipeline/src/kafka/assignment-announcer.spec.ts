import { AssignmentAnnouncer } from './assignment-announcer';

describe(AssignmentAnnouncer.name, () => {
  const backoff = { initialMs: 100, maxMs: 250 };

  it('retries a failing load with doubling backoff, capped, until it loads', async () => {
    let failures = 3;
    const loads: number[][] = [];
    const slept: number[] = [];
    const errors: number[] = [];
    const announcer = new AssignmentAnnouncer(
      (partitions) => {
        loads.push(partitions);
        return failures-- > 0 ? Promise.reject(new Error('store down')) : Promise.resolve();
      },
      backoff,
      (_, retryInMs) => errors.push(retryInMs),
      (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    );

    await announcer.announce([0, 2]);

    expect(loads).toEqual([
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 2],
    ]);
    expect(slept).toEqual([100, 200, 250]);
    expect(errors).toEqual(slept);
  });

  it('stops retrying an assignment once a newer one came', async () => {
    const loads: number[][] = [];
    let wake: () => void = () => undefined;
    const announcer = new AssignmentAnnouncer(
      (partitions) => {
        loads.push(partitions);
        return partitions.includes(0) ? Promise.reject(new Error('store down')) : Promise.resolve();
      },
      backoff,
      () => undefined,
      () => new Promise<void>((resolve) => (wake = resolve)),
    );

    const older = announcer.announce([0]);
    await Promise.resolve();
    await announcer.announce([1]);
    wake();
    await older;

    expect(loads).toEqual([[0], [1]]);
  });
});
