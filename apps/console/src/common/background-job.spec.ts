import pino from 'pino';
import { BackgroundJob, inBatches } from './background-job';

const logger = { pino: pino({ level: 'silent' }) };

class RecordingJob extends BackgroundJob {
  readonly steps: string[] = [];

  constructor(
    private readonly on: boolean,
    override readonly intervalMs = 60_000,
  ) {
    super('recording job', logger);
  }

  override get enabled(): boolean {
    return this.on;
  }

  override run(): Promise<void> {
    this.steps.push('run');
    return Promise.resolve();
  }

  protected override setUp(): Promise<void> {
    this.steps.push('set up');
    return Promise.resolve();
  }

  protected override tearDown(): Promise<void> {
    this.steps.push('tear down');
    return Promise.resolve();
  }
}

describe(BackgroundJob.name, () => {
  it('when enabled, sets up, runs at once, and tears down after its last run at shutdown', async () => {
    const sut = new RecordingJob(true);
    await sut.onApplicationBootstrap();
    await sut.onApplicationShutdown();
    expect(sut.steps).toEqual(['set up', 'run', 'tear down']);
  });

  it('when not enabled, neither sets up nor runs on its own', async () => {
    const sut = new RecordingJob(false);
    await sut.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sut.steps).toEqual([]);
    await sut.onApplicationShutdown();
  });

  it('runs every intervalMs', async () => {
    const sut = new RecordingJob(true, 10);
    await sut.onApplicationBootstrap();
    for (let i = 0; i < 100 && sut.steps.filter((step) => step === 'run').length < 3; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await sut.onApplicationShutdown();
    expect(sut.steps.filter((step) => step === 'run').length).toBeGreaterThanOrEqual(3);
  });

  it('runs on a kick, and no more once shut down', async () => {
    const sut = new RecordingJob(true);
    await sut.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 5));
    sut.kick();
    await sut.onApplicationShutdown();
    sut.kick();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sut.steps).toEqual(['set up', 'run', 'run', 'tear down']);
  });
});

describe(inBatches.name, () => {
  it('runs batches until one is short, and counts what they handled', async () => {
    const sizes = [3, 3, 1, 3];
    const batch = jest.fn(() => Promise.resolve(sizes.shift() ?? 0));
    await expect(inBatches(3, batch)).resolves.toBe(7);
    expect(batch).toHaveBeenCalledTimes(3);
  });

  it('runs one batch when nothing is due', async () => {
    const batch = jest.fn(() => Promise.resolve(0));
    await expect(inBatches(3, batch)).resolves.toBe(0);
    expect(batch).toHaveBeenCalledTimes(1);
  });
});
