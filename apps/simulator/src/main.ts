/**
 * 电子监察 traffic simulator: realistic approval-event traffic from a catalogue.
 *
 *   node scripts/run-ts.mjs apps/simulator/src/main.ts backfill --from 2026-01-05 --to 2026-03-31 --cases 5000 --out events.jsonl
 *   node scripts/run-ts.mjs apps/simulator/src/main.ts live --rate 50 --warmup-days 20
 *   node scripts/run-ts.mjs apps/simulator/src/main.ts compress --factor 3600 --start 2026-03-02
 *
 * Without --out, messages go to Kafka (KAFKA_BROKERS, topic TOPIC_APPROVAL_EVENTS), keyed by caseId.
 */
import { runCli } from './cli';

void runCli(process.argv);
