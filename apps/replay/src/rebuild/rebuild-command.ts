import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { CatalogError } from '@app/catalog';
import { parseInstant } from '@app/contracts';
import {
  createDataSource,
  DeadLetter,
  loadLiveCatalog,
  PgCatalogVersionStore,
  PgIngestStore,
  rows,
} from '@app/persistence';
import { AppConfig, databaseUrl, responseDaysOf } from '@app/platform';
// the rebuild runs the live pipeline's own re-fold, so it produces exactly what the pipeline would
import {
  BatchIngestor,
  catalogRegistration,
  catalogsOfHistory,
  DeadLetterPublisher,
  RulesCaseEvaluator,
} from '@app/ingest';
import { EXIT_BAD_INPUT, EXIT_OK, type CommandIo } from '../command-io';
import { parseCommandLine } from '../command-line';

export interface RebuildOptions {
  databaseUrl?: string;
  catalog?: string;
  watermark?: number;
  batch: number;
}

export interface RebuildOutcome {
  cases: number;
  signalsRaised: number;
  signalsRetracted: number;
  watermark: string;
  catalogSource: 'database' | 'directory';
  durationMs: number;
}

/** A rebuild reads only stored (valid) events: there is nothing to dead-letter. */
class NoDeadLetters extends DeadLetterPublisher {
  publish(_deadLetters: DeadLetter[]): Promise<void> {
    return Promise.resolve();
  }
}

function positiveInt(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('must be a positive integer');
  return value;
}

function instant(text: string): number {
  const value = parseInstant(text);
  if (Number.isNaN(value)) throw new InvalidArgumentError('must be an RFC 3339 date-time with offset');
  return value;
}

function rebuildProgram(): Command {
  return new Command('rebuild')
    .description(
      'Recomputes the projections (cases with their deadlines and next due instant, and the signals the ' +
        'rules raise) from the audit store, with the live pipeline’s own fold. Idempotent.',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL connection string (default: DATABASE_URL or the local database)',
    )
    .option(
      '--catalog <dir>',
      'catalogue directory used only when the database holds no version (default: CATALOG_DIR)',
    )
    .option(
      '--watermark <instant>',
      'timers due up to this instant fire (default: now minus TIMER_GRACE_MS)',
      instant,
    )
    .option('--batch <cases>', 'cases re-folded per transaction', positiveInt, 500);
}

/**
 * `npm run rebuild -- [--database-url <url>] [--catalog <dir>] [--watermark <instant>] [--batch <n>]`.
 * Every case of the audit store is re-folded from its stored events, in batches of cases, exactly
 * as the pipeline re-folds a case (`BatchIngestor.fireTimers`): the case row is upserted (phase,
 * deadlines, next due instant), signals not stored yet are inserted with their outbox rows, and
 * signals the history no longer raises are retracted. Running it twice changes nothing the second
 * time. Run it with the pipeline stopped, and restart the pipeline after it (it reloads deadlines).
 */
export async function runRebuild(
  argv: readonly string[],
  io: CommandIo,
  config: AppConfig,
  now: () => number = Date.now,
): Promise<number> {
  const parsed = parseCommandLine<RebuildOptions>(rebuildProgram(), argv, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const url = options.databaseUrl ?? databaseUrl(config);
  const dataSource = await createDataSource(url, {
    poolSize: 2,
    applicationName: 'jiancha-rebuild',
  }).initialize();
  try {
    const outcome = await rebuild(dataSource, options, config, io, say, now);
    if (outcome === undefined) return EXIT_BAD_INPUT;
    io.stdout.write(`${JSON.stringify(outcome)}\n`);
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

async function rebuild(
  dataSource: DataSource,
  options: RebuildOptions,
  config: AppConfig,
  io: CommandIo,
  say: (line: string) => void,
  now: () => number,
): Promise<RebuildOutcome | undefined> {
  const started = now();
  let catalog;
  try {
    catalog = await loadLiveCatalog(
      new PgCatalogVersionStore(dataSource),
      options.catalog ?? config.CATALOG_DIR,
    );
  } catch (error) {
    if (error instanceof CatalogError) {
      say(`rebuild: catalogue rejected:\n${error.message}`);
      return undefined;
    }
    throw error;
  }
  const watermark = options.watermark ?? now() - config.TIMER_GRACE_MS;
  const history = catalog.history;
  const ingestor = new BatchIngestor(
    new PgIngestStore(dataSource),
    new NoDeadLetters(),
    new RulesCaseEvaluator(catalogsOfHistory(() => history)),
    { foldCacheSize: 0, registration: catalogRegistration(responseDaysOf(config), () => history, now) },
  );
  const [count] = await rows<{ n: string }>(
    dataSource,
    `SELECT count(DISTINCT case_id) AS n FROM audit_events`,
  );
  const total = Number(count?.n ?? 0);
  say(
    `rebuild: ${total} cases, catalogue from the ${catalog.source} (versions ${history.all
      .map((v) => String(v.version))
      .join(', ')}), watermark ${new Date(watermark).toISOString()}`,
  );
  const bar = io.stderrIsTTY
    ? new SingleBar({
        stream: io.stderr as NodeJS.WriteStream,
        format: 'rebuilding [{bar}] {percentage}% | {value}/{total} cases | {eta_formatted} left',
        hideCursor: true,
      })
    : undefined;
  bar?.start(total, 0);
  const outcome: RebuildOutcome = {
    cases: 0,
    signalsRaised: 0,
    signalsRetracted: 0,
    watermark: new Date(watermark).toISOString(),
    catalogSource: catalog.source,
    durationMs: 0,
  };
  let nextReport = 0.1;
  let after = '';
  for (;;) {
    const batch = (
      await rows<{ case_id: string }>(
        dataSource,
        `SELECT DISTINCT case_id FROM audit_events WHERE case_id > $1 ORDER BY case_id LIMIT $2`,
        [after, options.batch],
      )
    ).map((row) => row.case_id);
    if (batch.length === 0) break;
    const effects = await ingestor.fireTimers(batch, watermark);
    outcome.cases += effects.casesEvaluated;
    outcome.signalsRaised += effects.signalsRaised;
    outcome.signalsRetracted += effects.signalsRetracted;
    after = batch[batch.length - 1] as string;
    bar?.update(outcome.cases);
    if (!bar && total > 0 && outcome.cases / total >= nextReport) {
      say(`rebuild: ${outcome.cases}/${total} cases (${Math.floor((100 * outcome.cases) / total)}%)`);
      nextReport = Math.floor((outcome.cases / total) * 10 + 1) / 10;
    }
  }
  bar?.stop();
  outcome.durationMs = now() - started;
  say(
    `rebuild: ${outcome.cases} cases re-folded, ${outcome.signalsRaised} signals raised, ` +
      `${outcome.signalsRetracted} retracted, in ${(outcome.durationMs / 1000).toFixed(1)} s`,
  );
  return outcome;
}
