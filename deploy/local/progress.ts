/** Progress for long steps goes to stderr, so stdout stays for results. */
export function say(message: string): void {
  process.stderr.write(`[infra] ${message}\n`);
}

/** Prints a dot per tick while something long runs; `done` ends the line. */
export function dots(label: string): { tick(): void; done(message: string): void } {
  let started = false;
  return {
    tick() {
      if (!started) process.stderr.write(`[infra] ${label}`);
      started = true;
      process.stderr.write('.');
    },
    done(message: string) {
      process.stderr.write(started ? ` ${message}\n` : `[infra] ${label} ${message}\n`);
    },
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
