import type { ActorRoundStats } from './demo-actors';

/** What the loop needs of the actors: one round at a time. */
export interface ActorRounds {
  round(): Promise<ActorRoundStats>;
}

/** How often and for how long the actors work, and where their rounds are reported. */
export interface ActorLoopOptions {
  actors: ActorRounds;
  /** From the start of one round to the start of the next (at least the round's own duration). */
  intervalMs: number;
  /** Stops the loop, also during the wait between rounds when `sleep` honours it. */
  signal?: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms, to subtract a round's duration from the wait; without it the full interval is waited. */
  clock?: () => number;
  onRound?: (stats: ActorRoundStats, round: number) => void;
  /** A round that failed as a whole (the console down); the loop goes on. */
  onError?: (error: unknown, round: number) => void;
}

/** How many rounds ran and how many of them failed. */
export interface ActorLoopSummary {
  rounds: number;
  failedRounds: number;
}

/**
 * Calls `round()` every `intervalMs` until the signal aborts. A failed round is reported through
 * `onError` and the next one comes on time: the console may be restarting, and the demo's people
 * go back to work when it is back.
 */
export async function runActors(options: ActorLoopOptions): Promise<ActorLoopSummary> {
  const summary: ActorLoopSummary = { rounds: 0, failedRounds: 0 };
  while (!options.signal?.aborted) {
    const startedAt = options.clock?.();
    summary.rounds += 1;
    try {
      // not inside `onRound?.(…)`: an optional call without a callee skips its arguments
      const stats = await options.actors.round();
      options.onRound?.(stats, summary.rounds);
    } catch (error) {
      summary.failedRounds += 1;
      options.onError?.(error, summary.rounds);
    }
    if (options.signal?.aborted) break;
    const spent = startedAt === undefined || !options.clock ? 0 : options.clock() - startedAt;
    await options.sleep(Math.max(0, options.intervalMs - spent), options.signal);
  }
  return summary;
}

/** A wait that ends early, without error, when the signal aborts. */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
