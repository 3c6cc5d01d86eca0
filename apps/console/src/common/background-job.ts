import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppLogger, PeriodicTask } from '@app/platform';

/**
 * A console background job: `run` on a `PeriodicTask`, never twice at a time. When `enabled` it
 * starts with the application (`setUp` first, then a run at once and one every `intervalMs`); a
 * `kick` runs it soon; shutdown stops it, waits for the run in flight, then `tearDown`s.
 */
export abstract class BackgroundJob implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Between two runs of its own, in milliseconds; read at bootstrap. */
  abstract readonly intervalMs: number;
  private readonly task: PeriodicTask;

  protected constructor(
    readonly name: string,
    logger: AppLogger,
  ) {
    this.task = new PeriodicTask(name, () => this.run(), logger.pino);
  }

  /** Whether it starts with the application; read at bootstrap. */
  get enabled(): boolean {
    return true;
  }

  /** One run: the work due now. A failure is logged; the job runs again at its next turn. */
  abstract run(): Promise<unknown>;

  /** Before the first run, only when enabled: e.g. connect a client. */
  protected setUp(): Promise<void> {
    return Promise.resolve();
  }

  /** After the last run: e.g. disconnect a client. */
  protected tearDown(): Promise<void> {
    return Promise.resolve();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    await this.setUp();
    this.task.start(this.intervalMs);
  }

  /** Runs soon: now, or once more right after the run in flight. */
  kick(): void {
    this.task.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.tearDown();
  }
}

/**
 * Runs `batch` again until it handles fewer than `size` items, i.e. until nothing more is due;
 * returns how many it handled in all. A job's `run` over a queue taken `size` rows at a time.
 */
export async function inBatches(size: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await batch();
    total += handled;
    if (handled < size) return total;
  }
}
