// The fault suite's measurements: each suite records what it observed into
// `test/fault/results/<suite>.json` once its assertions held, and the fault project's global
// teardown renders `docs/reliability.md` from the files of the current run.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './service-process';

export const RESULTS_DIR = path.join(repoRoot, 'test/fault/results');
export const REPORT_FILE = path.join(repoRoot, 'docs/reliability.md');
export const FAULT_SUITES = [
  'crashes',
  'outages',
  'hostile-input',
  'access-control',
  'notifications',
] as const;
export type FaultSuite = (typeof FAULT_SUITES)[number];

/** One figure of a run: what was measured, its value, and a word on it. */
export interface Figure {
  what: string;
  value: number | string;
  note?: string;
}

export interface SuiteResult {
  suite: FaultSuite;
  runId: string;
  finishedAt: string;
  durationMs: number;
  /** Sections of the report, each a table of figures. */
  sections: { title: string; figures: Figure[] }[];
}

/** Set by the fault project's global setup, so the teardown renders only this run's files. */
export function currentRunId(): string {
  return process.env.FAULT_RUN_ID ?? 'standalone';
}

export function startRun(): string {
  const runId = new Date().toISOString();
  process.env.FAULT_RUN_ID = runId;
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  return runId;
}

/** Collects a suite's figures while it runs; `save()` once everything it asserts held. */
export class FaultRecorder {
  private readonly started = Date.now();
  private readonly sections = new Map<string, Figure[]>();

  constructor(readonly suite: FaultSuite) {}

  record(section: string, what: string, value: number | string, note?: string): void {
    const figures = this.sections.get(section) ?? [];
    const existing = figures.find((f) => f.what === what);
    if (existing) {
      existing.value = value;
      existing.note = note;
    } else figures.push(note === undefined ? { what, value } : { what, value, note });
    this.sections.set(section, figures);
  }

  save(): void {
    const result: SuiteResult = {
      suite: this.suite,
      runId: currentRunId(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - this.started,
      sections: [...this.sections].map(([title, figures]) => ({ title, figures })),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, `${this.suite}.json`), `${JSON.stringify(result, null, 2)}\n`);
  }
}

/** The results of one run, in suite order; undefined for a suite that did not pass in it. */
export function readResults(runId: string): Map<FaultSuite, SuiteResult | undefined> {
  const found = new Map<FaultSuite, SuiteResult | undefined>(FAULT_SUITES.map((s) => [s, undefined]));
  if (!existsSync(RESULTS_DIR)) return found;
  for (const file of readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'))) {
    const result = JSON.parse(readFileSync(path.join(RESULTS_DIR, file), 'utf8')) as SuiteResult;
    if (result.runId === runId && found.has(result.suite)) found.set(result.suite, result);
  }
  return found;
}

const TITLES: Record<FaultSuite, string> = {
  crashes: 'Crashes: `kill -9` of the pipeline, the console and the broker',
  outages: 'Outages: PostgreSQL stopped and started, the webhook receiver failing for minutes',
  'hostile-input': 'Hostile input: generated malformed events, fuzzed REST inputs',
  'access-control': 'Access control: tokens, departments, injection, brute force',
  notifications: 'Notifications: `kill -9` of the console while it sends to a robot',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report's Markdown (formatted with the project's Prettier by the caller). */
export function renderReport(results: Map<FaultSuite, SuiteResult | undefined>, commit: string): string {
  const done = [...results.values()].filter((r): r is SuiteResult => r !== undefined);
  const total = done.reduce((sum, r) => sum + r.durationMs, 0);
  const lines = [
    '# Reliability: figures of the last fault-suite run',
    '',
    'Written by the fault suite itself (`npm run test:fault`, part of `npm test`): each suite records',
    'what it measured once its assertions held (`test/fault/results/*.json`), and the fault',
    "project's global teardown renders this page. Do not edit it by hand; run the suite. What each",
    'suite drives and asserts is described at the top of its file under `test/fault/`.',
    '',
    `Run of ${done[0]?.runId ?? '(none)'} on commit \`${commit}\`; the five suites took`,
    `${(total / 1000).toFixed(0)} s together (one after the other, on ${process.platform}, ${os.cpus().length} cores).`,
    '',
  ];
  for (const [suite, result] of results) {
    lines.push(`## ${TITLES[suite]}`, '');
    if (!result) {
      lines.push('Not run, or failed, in this run.', '');
      continue;
    }
    lines.push(`\`test/fault/${suite}.fault-spec.ts\`, ${(result.durationMs / 1000).toFixed(0)} s.`, '');
    for (const section of result.sections) {
      lines.push(`### ${section.title}`, '', '| what | value | note |', '| --- | --- | --- |');
      for (const figure of section.figures)
        lines.push(`| ${cell(figure.what)} | ${cell(String(figure.value))} | ${cell(figure.note ?? '')} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
