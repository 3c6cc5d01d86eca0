// Child processes of the benchmark: every measured system and every limit runs in a Node process
// of its own (so they do not share a heap or an event loop with the orchestrator). They report on
// file descriptor 3, one JSON object per line (see workers/report.ts).
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { repoRoot } from './infra';

export interface Report {
  kind: string;
  [key: string]: unknown;
}

export class BenchChild {
  readonly process: ChildProcess;
  output = '';
  private readonly reports: Report[] = [];
  private readonly waiters: { kind: string; resolve: (report: Report) => void }[] = [];
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly label: string,
    args: string[],
    env: Record<string, string | undefined> = {},
    private readonly onReport?: (report: Report) => void,
  ) {
    this.process = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    let carry = '';
    (this.process.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      carry += chunk.toString();
      let newline = carry.indexOf('\n');
      while (newline !== -1) {
        const line = carry.slice(0, newline);
        carry = carry.slice(newline + 1);
        newline = carry.indexOf('\n');
        if (line.trim() !== '') this.deliver(JSON.parse(line) as Report);
      }
    });
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
        for (const waiter of this.waiters.splice(0)) waiter.resolve({ kind: 'exit', code, signal });
      }),
    );
  }

  /** A line on the child's stdin (its control channel, for the workers that read one). */
  send(line: string): void {
    this.process.stdin?.write(`${line}\n`);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  private deliver(report: Report): void {
    this.reports.push(report);
    this.onReport?.(report);
    for (let i = 0; i < this.waiters.length; i += 1) {
      const waiter = this.waiters[i];
      if (waiter && waiter.kind === report.kind) {
        this.waiters.splice(i, 1);
        waiter.resolve(report);
        i -= 1;
      }
    }
  }

  /** The first report of this kind (already received or next), failing on exit or timeout. */
  async next(kind: string, timeoutMs: number): Promise<Report> {
    const seen = this.reports.find((r) => r.kind === kind);
    if (seen) return seen;
    if (!this.running)
      throw new Error(`${this.label} exited (${this.exitCode}) before "${kind}":\n${this.tail()}`);
    let timer: NodeJS.Timeout | undefined;
    const report = await Promise.race([
      new Promise<Report>((resolve) => this.waiters.push({ kind, resolve })),
      new Promise<Report>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${this.label}: no "${kind}" within ${timeoutMs} ms:\n${this.tail()}`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (report.kind === 'exit')
      throw new Error(`${this.label} exited (${this.exitCode}) before "${kind}":\n${this.tail()}`);
    return report;
  }

  tail(): string {
    return this.output.slice(-3000);
  }

  /** Waits for the exit; a non-zero code fails with the output's tail. */
  async done(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      this.exited,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (code === 'timeout') {
      await this.stop();
      throw new Error(`${this.label} did not finish within ${timeoutMs} ms:\n${this.tail()}`);
    }
    if (code !== 0) throw new Error(`${this.label} exited ${code}:\n${this.tail()}`);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.process.kill('SIGKILL');
          resolve();
        }, graceMs);
      }),
    ]).finally(() => clearTimeout(timer));
    await this.exited;
  }
}

/** `dist/` path of a compiled bench worker. */
export function worker(name: string): string {
  return path.join(repoRoot, 'dist', 'bench', 'workers', `${name}.js`);
}
