import { backoffDelay } from './backoff';

describe(backoffDelay.name, () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [10, 60_000],
  ])('after attempt %i waits at most %i ms', (attempt, ceiling) => {
    expect(backoffDelay(attempt, 1000, 60_000, () => 1)).toBe(ceiling);
    expect(backoffDelay(attempt, 1000, 60_000, () => 0)).toBe(ceiling / 2);
  });

  it('never waits longer than the maximum, whatever the attempt', () => {
    expect(backoffDelay(60, 1000, 600_000, () => 1)).toBe(600_000);
  });
});
