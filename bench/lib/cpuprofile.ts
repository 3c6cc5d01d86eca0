// Reads a V8 CPU profile (.cpuprofile, as `node --cpu-prof` or the inspector's Profiler writes it)
// and tells where the time went: self time per function, inclusive time per function, and self
// time per package or source folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './context';
import { repoRoot } from './infra';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  fn: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per function. */
  self: ProfileEntry[];
  /** Inclusive time per project function (dist/apps, dist/libs, the replay bundle dist/replay). */
  inclusive: ProfileEntry[];
  /** Self time per package or folder. */
  byArea: ProfileEntry[];
  /**
   * Each sample charged to the innermost project function on its stack (so a driver's or
   * library's time counts for the project code that called it); samples with no project frame
   * are charged to their area (idle, garbage collector, kafkajs, ...).
   */
  byOwner: ProfileEntry[];
}

function shortUrl(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.indexOf('/node_modules/');
  if (modules !== -1) return file.slice(modules + 1);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

function keyOf(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url, root)}:${frame.lineNumber + 1}`;
}

/** Which package or source folder a frame belongs to (node_modules/<pkg>, libs/<lib>, apps/<app>, node:internal). */
function areaOf(frame: CallFrame, root: string): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const file = shortUrl(frame.url, root);
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (modules) return `node_modules/${modules[1]}`;
  if (file.startsWith('node:')) return 'node internals';
  const source = /^dist\/((?:apps|libs)\/[^/]+)/.exec(file);
  if (source) return source[1] as string;
  return file.split('/').slice(0, 2).join('/');
}

export function analyzeProfile(file: string, root: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const area = new Map<string, number>();
  const owner = new Map<string, number>();
  const isProject = (frame: CallFrame) => /\/dist\/(apps|libs|replay)\//.test(frame.url);
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const id = profile.samples[i] as number;
    const node = byId.get(id);
    if (!node) continue;
    total += delta;
    const key = keyOf(node.callFrame, root);
    self.set(key, (self.get(key) ?? 0) + delta);
    const where = areaOf(node.callFrame, root);
    area.set(where, (area.get(where) ?? 0) + delta);
    const seen = new Set<string>();
    let charged: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      if (!isProject(frame)) continue;
      const k = keyOf(frame, root);
      charged ??= k;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
    charged ??= where;
    owner.set(charged, (owner.get(charged) ?? 0) + delta);
  }
  const list = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: Math.round((ms / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total),
    self: list(self, top),
    inclusive: list(inclusive, top),
    byArea: list(area, 15),
    byOwner: list(owner, top),
  };
}

export interface ProfileRecord extends ProfileSummary {
  title: string;
  /** Relative to the repository root. */
  file: string;
  /** events/s while profiled (the profiler slows the process down somewhat). */
  rate: number;
  wallMs: number;
}

/** Analyses a profile and keeps its summary in the results (details.profiles). */
export function recordProfile(
  ctx: BenchContext,
  profile: { title: string; file: string; rate: number; wallMs: number },
): ProfileSummary {
  const summary = analyzeProfile(profile.file, repoRoot);
  const records = (ctx.details.profiles ??= []) as ProfileRecord[];
  records.push({ ...profile, file: path.relative(repoRoot, profile.file), ...summary });
  return summary;
}
