// The simulator's pure traffic generation, for the CLI and for integration tests:
//   import { Backfill, MalformedMessageGenerator } from '../../apps/simulator/src/traffic';
export * from './case-generator';
export * from './irregularities';
export * from './malformed';
export * from './traffic-source';
export * from './backfill';
export * from './random';
export { formatInstant } from './work-time';
export { TimeCompression } from './time-compression';
