import type { ActorRoundStats } from './demo-actors';
import { ActorRounds, runActors, sleepUnlessAborted } from './run-actors';

function someStats(overrides: Partial<ActorRoundStats> = {}): ActorRoundStats {
  return {
    acknowledged: 1,
    responded: 0,
    closed: 0,
    skippedConflicts: 0,
    deferred: 0,
    failures: [],
    ...overrides,
  };
}

/** Rounds that answer from a script: stats, or an error to throw. */
class ScriptedRounds implements ActorRounds {
  calls = 0;

  constructor(private readonly script: readonly (ActorRoundStats | Error)[]) {}

  round(): Promise<ActorRoundStats> {
    const next = this.script[this.calls % this.script.length] as ActorRoundStats | Error;
    this.calls += 1;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
}

describe(runActors.name, () => {
  it('runs a round every interval until aborted, reporting each', async () => {
    const controller = new AbortController();
    const actors = new ScriptedRounds([someStats({ closed: 2 })]);
    const waits: number[] = [];
    const reported: number[] = [];

    const summary = await runActors({
      actors,
      intervalMs: 15_000,
      signal: controller.signal,
      sleep: (ms) => {
        waits.push(ms);
        if (waits.length === 3) controller.abort();
        return Promise.resolve();
      },
      onRound: (stats, round) => reported.push(round * 10 + stats.closed),
    });

    expect(summary).toEqual({ rounds: 3, failedRounds: 0 });
    expect(waits).toEqual([15_000, 15_000, 15_000]);
    expect(reported).toEqual([12, 22, 32]);
  });

  it('reports a failed round and goes on with the next', async () => {
    const controller = new AbortController();
    const down = new Error('GET /api/signals failed: fetch failed (ECONNREFUSED)');
    const actors = new ScriptedRounds([down, someStats()]);
    const errors: string[] = [];
    let rounds = 0;

    const summary = await runActors({
      actors,
      intervalMs: 1000,
      signal: controller.signal,
      sleep: () => Promise.resolve(),
      onRound: () => {
        rounds += 1;
        if (rounds === 2) controller.abort();
      },
      onError: (error, round) => errors.push(`${round}: ${(error as Error).message}`),
    });

    expect(summary).toEqual({ rounds: 4, failedRounds: 2 });
    expect(errors).toEqual([`1: ${down.message}`, `3: ${down.message}`]);
  });

  it('waits only what is left of the interval after a slow round', async () => {
    const controller = new AbortController();
    let now = 0;
    const actors: ActorRounds = {
      round: () => {
        now += 4000;
        return Promise.resolve(someStats());
      },
    };
    const waits: number[] = [];

    await runActors({
      actors,
      intervalMs: 10_000,
      signal: controller.signal,
      clock: () => now,
      sleep: (ms) => {
        waits.push(ms);
        controller.abort();
        return Promise.resolve();
      },
    });

    expect(waits).toEqual([6000]);
  });

  it('does not start when already aborted', async () => {
    const actors = new ScriptedRounds([someStats()]);

    const summary = await runActors({
      actors,
      intervalMs: 1000,
      signal: AbortSignal.abort(),
      sleep: () => Promise.resolve(),
    });

    expect(summary.rounds).toBe(0);
    expect(actors.calls).toBe(0);
  });
});

describe(sleepUnlessAborted.name, () => {
  it('ends the wait as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const startedAt = Date.now();

    const waiting = sleepUnlessAborted(60_000, controller.signal);
    controller.abort();
    await waiting;

    expect(Date.now() - startedAt).toBeLessThan(1000);
  });
});
