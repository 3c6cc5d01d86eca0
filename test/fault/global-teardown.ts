// Jest globalTeardown of the fault suite: when every suite passed in this run, renders their
// figures into docs/reliability.md (formatted with the project's Prettier settings).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { currentRunId, FAULT_SUITES, readResults, renderReport, REPORT_FILE } from '../support/fault-results';
import { repoRoot } from '../support/service-process';

export default async function globalTeardown(): Promise<void> {
  const results = readResults(currentRunId());
  const missing = FAULT_SUITES.filter((suite) => results.get(suite) === undefined);
  if (missing.length > 0) {
    process.stdout.write(
      `fault suite: ${REPORT_FILE} left as it was (no figures from ${missing.join(', ')} in this run)\n`,
    );
    return;
  }
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  const markdown = renderReport(results, commit.stdout.trim() || 'unknown');
  const options = (await prettier.resolveConfig(REPORT_FILE)) ?? {};
  writeFileSync(REPORT_FILE, await prettier.format(markdown, { ...options, filepath: REPORT_FILE }));
  process.stdout.write(`fault suite: figures of this run written to ${REPORT_FILE}\n`);
}
