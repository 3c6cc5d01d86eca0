import { PartitionExecutors, SerialExecutor } from './serial-executor';

describe(SerialExecutor.name, () => {
  it('runs work one at a time in submission order, even after a failure', async () => {
    const sut = new SerialExecutor();
    const log: string[] = [];
    const step =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(() => {
            log.push(name);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms),
        );
    const results = await Promise.allSettled([
      sut.run(step('slow', 30)),
      sut.run(step('failing', 1, true)),
      sut.run(step('fast', 1)),
    ]);
    expect(log).toEqual(['slow', 'failing', 'fast']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe(PartitionExecutors.name, () => {
  let log: string[];
  /** Work that logs its name after `ms`. */
  const step = (name: string, ms: number) => () =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        log.push(name);
        resolve();
      }, ms),
    );
  beforeEach(() => {
    log = [];
  });

  it('runs one partition in order while another partition overlaps it', async () => {
    const sut = new PartitionExecutors();
    const all = [sut.run(0, step('0a', 40)), sut.run(0, step('0b', 1)), sut.run(1, step('1a', 5))];
    await sut.idle();
    await Promise.all(all);
    expect(log).toEqual(['1a', '0a', '0b']);
  });

  it('runs work over several partitions after each one is free, and holds them until it is done', async () => {
    const sut = new PartitionExecutors();
    const all = [
      sut.run(2, step('2a', 30)),
      sut.runAll([2, 0], step('gathered', 1)),
      sut.run(0, step('0b', 1)),
      sut.run(2, step('2b', 1)),
      sut.run(1, step('1a', 5)),
    ];
    await sut.idle();
    await Promise.all(all);
    expect(log).toEqual(['1a', '2a', 'gathered', '0b', '2b']);
  });
});
