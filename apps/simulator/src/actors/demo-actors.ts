import type { WorkingCalendar } from '@app/calendar';
import type { Random } from '../traffic/random';
import { ActorRole, ActorStep, CONFIRM_AFTER_WORKING_DAYS, decideActorStep } from './actor-step';
import { ConsoleClient, ConsoleSignal, LifecycleOutcome, SignalListQuery } from './console-client';
import { ageInWorkingDays } from './signal-age';

const DAY_MS = 86_400_000;

/** Who acts, how fast, and how much per round. */
export interface DemoActorsOptions {
  client: ConsoleClient;
  /** The supervisor's username (`jiancha`). */
  supervisor: string;
  /** departmentId → the username of its officer (`officer-<departmentId>`). */
  officers: ReadonlyMap<string, string>;
  /** Seeded: each signal's draws are forked from it, so the same seed acts the same way. */
  random: Random;
  /** Epoch ms. */
  clock: () => number;
  /** Lifecycle requests per round at most (default 60); the rest waits for later rounds. */
  maxActionsPerRound?: number;
  /** Counts signal ages in working days; without it every day counts. */
  calendar?: WorkingCalendar;
  /**
   * The demo's live cases run compressed (docs/adr/0008-a-living-demo.md): a signal raised at or
   * after `since` ages `factor` times faster (every day counting), so the office keeps pace with
   * them. Signals raised before age as usual.
   */
  compression?: { since: number; factor: number };
  /** Signals per listing page (default 500, at most 1000). */
  pageSize?: number;
  /** Pages per listing at most (default 20): the newest signals first. */
  maxPages?: number;
}

/** What one round did. */
export interface ActorRoundStats {
  acknowledged: number;
  responded: number;
  closed: number;
  /** Steps the console refused with 409: the signal had moved on (superseded, retracted, acted on). */
  skippedConflicts: number;
  /** Steps decided but left for a later round by the per-round cap. */
  deferred: number;
  /** What failed (an actor's listing, a step), one message each; the round went on without it. */
  failures: string[];
}

interface PlannedStep {
  username: string;
  signal: ConsoleSignal;
  step: ActorStep;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The demo's people: one officer per department and a supervisor, working the signals through
 * the console's REST API as an office would. Each round lists what waits for each of them,
 * decides per signal (`decideActorStep`, by its age and its own seeded draws, so a signal does not
 * get a new chance every round) and sends the steps, oldest signals first, taking turns between
 * the actors, up to the per-round cap.
 */
export class DemoActors {
  private readonly maxActions: number;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(private readonly options: DemoActorsOptions) {
    this.maxActions = options.maxActionsPerRound ?? 60;
    this.pageSize = Math.min(1000, options.pageSize ?? 500);
    this.maxPages = options.maxPages ?? 20;
  }

  /** One pass: every officer, then the supervisor, lists and decides; then up to the cap is sent. */
  async round(): Promise<ActorRoundStats> {
    const now = this.options.clock();
    const stats: ActorRoundStats = {
      acknowledged: 0,
      responded: 0,
      closed: 0,
      skippedConflicts: 0,
      deferred: 0,
      failures: [],
    };
    const queues = await this.planRound(now, stats);
    const ordered = takeTurns(queues);
    const sent = ordered.slice(0, this.maxActions);
    stats.deferred = ordered.length - sent.length;
    for (const planned of sent) {
      try {
        const outcome = await this.send(planned);
        if (outcome.outcome === 'conflict') stats.skippedConflicts += 1;
        else if (planned.step.action === 'acknowledge') stats.acknowledged += 1;
        else if (planned.step.action === 'respond') stats.responded += 1;
        else stats.closed += 1;
      } catch (error) {
        stats.failures.push(
          `${planned.username} ${planned.step.action} ${planned.signal.alertKey}: ${messageOf(error)}`,
        );
      }
    }
    return stats;
  }

  /** One queue per actor, oldest signal first. Throws when no actor could list anything (console down). */
  private async planRound(now: number, stats: ActorRoundStats): Promise<PlannedStep[][]> {
    const queues: PlannedStep[][] = [];
    const errors: unknown[] = [];
    const planned = new Set<string>();
    const listFor = async (username: string, role: ActorRole, list: () => Promise<ConsoleSignal[]>) => {
      try {
        queues.push(this.plan(username, role, await list(), now, planned));
      } catch (error) {
        errors.push(error);
        stats.failures.push(`${username}: ${messageOf(error)}`);
      }
    };
    for (const [departmentId, officer] of this.options.officers) {
      await listFor(officer, 'officer', async () =>
        (await this.listAll(officer, { status: ['open', 'acknowledged'], departmentId })).filter(
          (signal) => signal.departmentId === departmentId,
        ),
      );
    }
    const supervisor = this.options.supervisor;
    await listFor(supervisor, 'supervisor', async () => [
      ...(await this.listAll(supervisor, { status: ['responded'] })),
      // only red and yellow cards well past their deadline can be confirmed unanswered
      ...(await this.listAll(supervisor, {
        status: ['open', 'acknowledged'],
        raisedBefore: now - CONFIRM_AFTER_WORKING_DAYS * DAY_MS,
      })),
    ]);
    const listings = this.options.officers.size + 1;
    if (errors.length === listings) throw errors[0];
    return queues;
  }

  private plan(
    username: string,
    role: ActorRole,
    signals: readonly ConsoleSignal[],
    now: number,
    planned: Set<string>,
  ): PlannedStep[] {
    const steps: PlannedStep[] = [];
    const oldestFirst = [...signals].sort((a, b) => Date.parse(a.raisedAt) - Date.parse(b.raisedAt));
    for (const signal of oldestFirst) {
      if (planned.has(signal.alertKey)) continue;
      const age = this.ageOf(Date.parse(signal.raisedAt), now);
      const draws = this.options.random.fork(`${role}|${signal.status}|${signal.alertKey}`);
      const step = decideActorStep(role, signal, age, { pace: draws.next(), choice: draws.next() });
      if (!step) continue;
      planned.add(signal.alertKey);
      steps.push({ username, signal, step });
    }
    return steps;
  }

  private ageOf(raisedAt: number, now: number): number {
    const compression = this.options.compression;
    if (compression && raisedAt >= compression.since)
      return (Math.max(0, now - raisedAt) * compression.factor) / DAY_MS;
    return ageInWorkingDays(raisedAt, now, this.options.calendar);
  }

  private send({ username, signal, step }: PlannedStep): Promise<LifecycleOutcome> {
    const client = this.options.client;
    switch (step.action) {
      case 'acknowledge':
        return client.acknowledge(username, signal.alertKey, { text: step.text });
      case 'respond':
        return client.respond(username, signal.alertKey, {
          responseKind: step.responseKind,
          text: step.text,
        });
      case 'close':
        return client.close(username, signal.alertKey, { verdict: step.verdict, text: step.text });
    }
  }

  /**
   * Every page of a listing, newest first, up to `maxPages`. The cursor is the last page's oldest
   * `raisedAt` plus 1 ms (the console's `raisedBefore` is strict), so signals raised at that same
   * instant are read again and dropped as duplicates rather than skipped.
   */
  private async listAll(username: string, query: Omit<SignalListQuery, 'limit'>): Promise<ConsoleSignal[]> {
    const found = new Map<string, ConsoleSignal>();
    let raisedBefore = query.raisedBefore;
    for (let page = 0; page < this.maxPages; page += 1) {
      const signals = await this.options.client.listSignals(username, {
        ...query,
        limit: this.pageSize,
        ...(raisedBefore !== undefined ? { raisedBefore } : {}),
      });
      const before = found.size;
      for (const signal of signals) found.set(signal.alertKey, signal);
      const oldest = signals[signals.length - 1];
      if (signals.length < this.pageSize || !oldest || found.size === before) break;
      raisedBefore = Date.parse(oldest.raisedAt) + 1;
    }
    return [...found.values()];
  }
}

/** Interleaves the queues (first of each, then second of each …): no actor's backlog starves the others. */
function takeTurns(queues: readonly PlannedStep[][]): PlannedStep[] {
  const ordered: PlannedStep[] = [];
  const longest = Math.max(0, ...queues.map((queue) => queue.length));
  for (let index = 0; index < longest; index += 1)
    for (const queue of queues) {
      const planned = queue[index];
      if (planned) ordered.push(planned);
    }
  return ordered;
}
