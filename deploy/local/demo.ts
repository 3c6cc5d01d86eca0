// npm run demo: the local infrastructure, then the pipeline, the console and the live simulator,
// with their output prefixed. Prints the alarm wall's address once the console is healthy.
// Ctrl-C stops the three processes, then the Kafka broker if (and only if) this demo started it.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '@app/platform';
import { infraUp } from './infra';
import { kafkaDown } from './kafka';
import { repoRoot } from './paths';
import { say, sleep } from './progress';

interface App {
  name: string;
  entry: string;
  args: string[];
  color: number;
}

const apps: App[] = [
  { name: 'pipeline', entry: 'dist/apps/pipeline/src/main.js', args: [], color: 36 },
  { name: 'console', entry: 'dist/apps/console/src/main.js', args: [], color: 35 },
  { name: 'simulator', entry: 'dist/apps/simulator/src/main.js', args: ['live'], color: 33 },
];

function prefix(app: App, stream: NodeJS.WriteStream): string {
  const label = `[${app.name}]`.padEnd(12);
  return stream.isTTY ? `\u001b[${app.color}m${label}\u001b[0m` : label;
}

function forward(app: App, from: NodeJS.ReadableStream, to: NodeJS.WriteStream): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => to.write(`${prefix(app, to)} ${line}\n`));
}

async function waitForHealth(url: string, stopped: () => boolean): Promise<boolean> {
  while (!stopped()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const root = repoRoot();
  const missing = apps.filter((app) => !existsSync(path.join(root, app.entry)));
  if (missing.length > 0) {
    for (const app of missing) {
      say(`missing ${app.entry}: apps/${app.name}/src/main.ts does not exist or did not compile`);
    }
    return 1;
  }

  // Signals are handled from the start: a Ctrl-C while the broker boots still stops it afterwards.
  let stopping = false;
  let exitCode = 0;
  let shutdown: ((reason: string) => Promise<void>) | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: already stopping, please wait`);
      return;
    }
    exitCode = 130;
    if (shutdown) {
      void shutdown(signal);
    } else {
      stopping = true;
      say(`${signal}: stopping once the infrastructure step has finished...`);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { kafka } = await infraUp(config, { databases: [config.DATABASE_NAME] });
  const stopBroker = async () => {
    if (kafka.started) await kafkaDown(config);
    else say(`leaving the Kafka broker on ${kafka.brokers} running (the demo did not start it)`);
  };
  if (stopping) {
    await stopBroker();
    return exitCode;
  }

  const children = new Map<App, ChildProcess>();
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${reason}: stopping the demo...`);
    const running = [...children.values()].filter(
      (child) => child.exitCode === null && child.signalCode === null,
    );
    const exits = running.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
    for (const child of running) child.kill('SIGTERM');
    const allExited = Promise.all(exits).then(() => true);
    if (!(await Promise.race([allExited, sleep(10_000).then(() => false)]))) {
      for (const child of running)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await allExited;
    }
    await stopBroker();
    resolveDone();
  };

  const env = {
    ...process.env,
    DATABASE_NAME: config.DATABASE_NAME,
    KAFKA_BROKERS: kafka.brokers,
    FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
  };
  for (const app of apps) {
    const child = spawn(process.execPath, [path.join(root, app.entry), ...app.args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(app, child);
    forward(app, child.stdout, process.stdout);
    forward(app, child.stderr, process.stderr);
    child.once('exit', (code, signal) => {
      // a terminal Ctrl-C reaches the children too; give our own SIGINT handler the first word
      setTimeout(() => {
        if (stopping) return;
        say(`${app.name} exited (${code ?? signal}) unexpectedly`);
        exitCode = 1;
        void shutdown(`${app.name} exited`);
      }, 300);
    });
  }

  const wall = `http://127.0.0.1:${config.CONSOLE_HTTP_PORT}/`;
  void waitForHealth(`${wall}health`, () => stopping).then((healthy) => {
    if (healthy) {
      say(`alarm wall: ${wall}`);
      process.stdout.write(`\n  电子监察 alarm wall: ${wall}\n  (Ctrl-C stops the demo)\n\n`);
    }
  });

  await done;
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
