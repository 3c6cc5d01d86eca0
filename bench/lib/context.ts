import type { AppConfig } from '@app/platform';
import type { Fixtures } from '../fixtures';
import type { Figure, NotMeasured } from './results';

export interface BenchOptions {
  quick: boolean;
  /** Interleaved runs of each limit and each system. */
  runs: number;
  /** Events of benchmark 1's topics instead of 100,000 (quick 30,000), for trying things out. */
  events?: number;
  /** Events/s of the latency bursts instead of half the measured capacity. */
  latencyRate?: number;
  only: string[];
  profile: boolean;
  save: boolean;
}

export interface BenchContext {
  config: AppConfig;
  options: BenchOptions;
  fixtures: Fixtures;
  resultsDir: string;
  /** Where profiles and other large artefacts of this run go (not committed). */
  artefactsDir: string;
  figures: Figure[];
  notMeasured: NotMeasured[];
  details: Record<string, unknown>;
}
