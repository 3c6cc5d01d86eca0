import { spawnSync } from 'node:child_process';

/** A tool the launcher needs is not installed; the message says what to install. */
export class MissingToolError extends Error {
  override readonly name = 'MissingToolError';
}

function run(command: string, args: string[]): { output: string } | null {
  const result = spawnSync(command, args, { env: process.env, encoding: 'utf8', timeout: 60_000 });
  if (result.error || result.status !== 0) return null;
  return { output: `${result.stdout}${result.stderr}` };
}

/** Checks `java -version` (Kafka 3.x needs Java 11+, 4.x needs 17+) and returns its version line. */
export function requireJava(kafkaVersion: string): string {
  const minimum = Number.parseInt(kafkaVersion, 10) >= 4 ? 17 : 11;
  const found = run('java', ['-version']);
  if (!found) {
    throw new MissingToolError(
      `java not found on PATH: install a JDK ${Math.max(minimum, 17)}, ` +
        'e.g. `apt-get install openjdk-17-jre-headless`, to run the local Kafka broker',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(found.output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : Number.NaN;
  if (Number.isFinite(major) && major < minimum) {
    throw new MissingToolError(
      `java ${major} is too old for Kafka ${kafkaVersion}: install a JDK 17, ` +
        'e.g. `apt-get install openjdk-17-jre-headless`',
    );
  }
  return found.output.split('\n')[0] ?? 'java';
}

/** Checks `mvn -v`; Maven is needed only to fetch a Kafka version that is not cached yet. */
export function requireMaven(kafkaVersion: string): string {
  const found = run('mvn', ['-v']);
  if (!found) {
    throw new MissingToolError(
      `mvn not found on PATH: Maven is needed once to fetch Apache Kafka ${kafkaVersion} from Maven Central; ` +
        'install it, e.g. `apt-get install maven`',
    );
  }
  // eslint-disable-next-line no-control-regex
  return (found.output.split('\n')[0] ?? 'mvn').replace(/\u001b\[[0-9;]*m/g, '');
}
