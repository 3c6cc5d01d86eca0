import { FetchGatherer } from './fetch-gatherer';

describe(FetchGatherer.name, () => {
  it('does the submissions of one turn of the event loop as one piece of work', async () => {
    const calls: number[][] = [];
    const sut = new FetchGatherer<number, string>((items) => {
      calls.push(items);
      return Promise.resolve(`done ${items.length}`);
    }, 100);

    const results = await Promise.all([sut.submit([1, 2]), sut.submit([3]), sut.submit([4, 5, 6])]);

    expect(calls).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(results).toEqual(['done 6', 'done 6', 'done 6']);
  });

  it('gathers what comes while the work runs into the next piece, never two at once', async () => {
    const calls: number[][] = [];
    let running = 0;
    let overlapped = false;
    const sut = new FetchGatherer<number, void>(async (items) => {
      running += 1;
      overlapped ||= running > 1;
      calls.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    }, 100);

    const first = sut.submit([1]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first piece is running now
    const later = [sut.submit([2]), sut.submit([3])];
    await Promise.all([first, ...later]);

    expect(calls).toEqual([[1], [2, 3]]);
    expect(overlapped).toBe(false);
  });

  it('gives every submitter of a failed piece its error, and goes on with the next', async () => {
    let attempt = 0;
    const sut = new FetchGatherer<number, number>((items) => {
      attempt += 1;
      return attempt === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(items.length);
    }, 100);

    const failed = await Promise.allSettled([sut.submit([1]), sut.submit([2])]);
    const retried = await Promise.all([sut.submit([1]), sut.submit([2])]);

    expect(failed.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'store down',
      'store down',
    ]);
    expect(retried).toEqual([2, 2]);
  });

  it('takes submissions while it holds fewer than maxItems, and leaves the rest for the next piece', async () => {
    const calls: number[][] = [];
    const sut = new FetchGatherer<number, number>((items) => {
      calls.push(items);
      return Promise.resolve(items.length);
    }, 3);

    const results = await Promise.all([
      sut.submit([1, 2]),
      sut.submit([3, 4]),
      sut.submit([5]),
      sut.submit([6]),
    ]);

    expect(calls).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
    expect(results).toEqual([4, 4, 2, 2]);
  });
});
