import type { Machine } from './machine';
import { fmt } from './progress';
import type { ProfileEntry, ProfileRecord } from './cpuprofile';
import type { Summary } from './stats';

export interface Goal {
  text: string;
  /** null when it could not be judged (not measured). */
  met: boolean | null;
}

/** One line of the results table: the system's figure, its limit in the same run, their ratio. */
export interface Figure {
  benchmark: string;
  id: string;
  label: string;
  unit: string;
  digits?: number;
  system: Summary;
  limit?: { label: string; summary: Summary };
  /** Per interleaved pair system/limit (or limit/system for times: always "higher is better"). */
  ratio?: Summary;
  goals?: Goal[];
  note?: string;
}

export interface NotMeasured {
  benchmark: string;
  reason: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  command: string;
  options: Record<string, unknown>;
  machine: Machine;
  source: { commit: string; uncommitted: string[] };
  figures: Figure[];
  notMeasured: NotMeasured[];
  details: Record<string, unknown>;
}

const spread = (s: Summary, digits: number) =>
  Number.isFinite(s.median)
    ? `**${fmt(s.median, digits)}** (${fmt(s.min, digits)}–${fmt(s.max, digits)})`
    : 'n/a';

function goalCell(goals: Goal[] | undefined): string {
  if (!goals || goals.length === 0) return '';
  return goals.map((g) => `${g.met === null ? '?' : g.met ? '✅' : '❌'} ${g.text}`).join('<br>');
}

export function markdown(results: BenchResults): string {
  const m = results.machine;
  const lines: string[] = [];
  lines.push(`# Benchmark results — ${results.startedAt}`);
  lines.push('');
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, PostgreSQL ${m.postgres}, ` +
      `Kafka ${m.kafka}; load average at start ${m.loadAverageAtStart.join(' / ')}.`,
  );
  lines.push('');
  lines.push(
    `\`${results.command}\` took ${fmt(results.durationSeconds / 60, 1)} min. Each figure: median of ` +
      `${String(results.options.runs)} interleaved runs (limit, system, limit, system, …), ` +
      '(min–max) in brackets; a ratio is taken per pair of runs, then its median.',
  );
  lines.push('');
  lines.push(
    `Code measured: commit ${results.source.commit}` +
      (results.source.uncommitted.length > 0
        ? ` with ${results.source.uncommitted.length} uncommitted file(s) under apps/ and libs/ (listed in the JSON).`
        : ', no uncommitted changes under apps/ and libs/.'),
  );
  lines.push('');
  lines.push('| benchmark | figure | system | limit (same run) | ratio | goal |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const f of results.figures) {
    const digits = f.digits ?? 0;
    const limit = f.limit ? `${f.limit.label}: ${spread(f.limit.summary, digits)}` : '';
    const ratio = f.ratio ? spread(f.ratio, 2) : '';
    lines.push(
      `| ${f.benchmark} | ${f.label} (${f.unit}) | ${spread(f.system, digits)} | ${limit} | ${ratio} | ${goalCell(f.goals)} |`,
    );
  }
  if (results.notMeasured.length > 0) {
    lines.push('');
    lines.push('Not measured:');
    lines.push('');
    for (const n of results.notMeasured) lines.push(`- **${n.benchmark}**: ${n.reason}`);
  }
  const notes = results.figures.filter((f) => f.note);
  if (notes.length > 0) {
    lines.push('');
    lines.push('Notes:');
    lines.push('');
    for (const f of notes) lines.push(`- ${f.benchmark} / ${f.label}: ${f.note}`);
  }
  for (const profile of (results.details.profiles ?? []) as ProfileRecord[]) {
    lines.push('');
    lines.push(
      `CPU profile, ${profile.title}: ${fmt(profile.rate)} events/s while profiled, ${fmt(profile.wallMs)} ms ` +
        `(\`${profile.file}\`, open it in Chrome DevTools or speedscope).`,
    );
    lines.push('');
    lines.push('| # | by area (self time) | functions (self time) | project functions (inclusive time) |');
    lines.push('| --- | --- | --- | --- |');
    const cell = (e: ProfileEntry | undefined) =>
      e ? `${e.pct.toFixed(1)}% ${e.fn.replace(/\|/g, '\\|')}` : '';
    for (let i = 0; i < 12; i += 1) {
      lines.push(
        `| ${i + 1} | ${cell(profile.byArea[i])} | ${cell(profile.self[i])} | ${cell(profile.inclusive[i])} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
