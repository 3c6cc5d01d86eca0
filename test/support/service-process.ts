// One of the project's processes (`dist/apps/<app>/src/main.js`) as a child the tests can start,
// watch, stop and `kill -9`: the pipeline, the console. Its output is kept for failure messages.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined), or fails with the last observation. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error : new Error(String(error));
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(intervalMs);
  }
}

export class ServiceProcess {
  output = '';
  /** How many times the process was started (a restart is a second start). */
  starts = 0;
  private child: ChildProcess | undefined;

  constructor(
    /** `pipeline` or `console`: the app under `dist/apps`. */
    readonly app: string,
    readonly name: string,
    readonly port: number,
    private readonly environment: () => Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Running: started and neither exited nor killed. */
  get alive(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, [`dist/apps/${this.app}/src/main.js`], {
      cwd: repoRoot,
      env: { ...process.env, ...this.environment() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.output += `\n--- start ${this.starts} (pid ${child.pid}) ---\n`;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    try {
      await eventually(
        `${this.name} on port ${this.port} to be healthy`,
        async () => {
          if (child.exitCode !== null)
            throw new Error(`${this.name} exited ${child.exitCode}: ${this.output.slice(-2000)}`);
          const response = await fetch(`${this.url}/health`);
          return response.ok ? true : undefined;
        },
        timeoutMs,
        200,
      );
    } catch (error) {
      // what the process said is the only clue to why it never answered
      throw new Error(`${(error as Error).message}\n${this.name} said:\n${this.output.slice(-3000)}`);
    }
  }

  /** A metric of its `/metrics` (the first sample of that name; 0 when absent). */
  async metric(name: string): Promise<number> {
    const text = await fetch(`${this.url}/metrics`).then(
      (answer) => answer.text(),
      (error: Error) => {
        // a process that stopped answering: how it ended and what it said last are the clues
        const child = this.child;
        const state = `exit code ${child?.exitCode ?? 'none'}, signal ${child?.signalCode ?? 'none'}`;
        throw new Error(
          `${this.name} /metrics: ${error.message} (${(error.cause as Error | undefined)?.message ?? ''}; ${state})\n` +
            `${this.name} said:\n${this.output.slice(-4000)}`,
        );
      },
    );
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed, sockets drop without a goodbye. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
