import { SerialExecutor } from './serial-executor';

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
