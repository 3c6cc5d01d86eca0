import pino from 'pino';
import { PeriodicTask } from './periodic-task';

const silent = pino({ level: 'silent' });

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe(PeriodicTask.name, () => {
  it('runs once more after kicks that came while it ran, never twice at a time', async () => {
    let release!: () => void;
    const firstRunBlocked = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const sut = new PeriodicTask(
      'test',
      async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        if (runs === 0) await firstRunBlocked;
        runs += 1;
        concurrent -= 1;
      },
      silent,
    );
    sut.kick();
    sut.kick();
    sut.kick();
    release();
    await until(() => runs === 2);
    await sut.stop();
    expect(runs).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it('runs again after a failed run', async () => {
    let runs = 0;
    const sut = new PeriodicTask(
      'test',
      () => {
        runs += 1;
        return runs === 1 ? Promise.reject(new Error('database away')) : Promise.resolve();
      },
      silent,
    );
    sut.kick();
    sut.kick();
    await until(() => runs === 2);
    await sut.stop();
    expect(runs).toBe(2);
  });

  it('ignores kicks once stopped', async () => {
    let runs = 0;
    const sut = new PeriodicTask('test', () => Promise.resolve((runs += 1)), silent);
    await sut.stop();
    sut.kick();
    await until(() => runs > 0);
    expect(runs).toBe(0);
  });
});
