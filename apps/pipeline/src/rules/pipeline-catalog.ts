import { CatalogHistory, catalogWarnings, loadCatalogDirectory } from '@app/catalog';
import { CatalogVersionStore, DIRECTORY_VERSION, LiveCatalog, loadLiveCatalog } from '@app/persistence';
import type { Logger } from 'pino';

/** How often the pipeline re-reads the published catalogue versions. */
export const CATALOG_REFRESH_MS = 30_000;

/**
 * The catalogue versions the live pipeline folds cases with: the published versions of the
 * database, read at startup and every `CATALOG_REFRESH_MS` (a version takes effect at least
 * `PUBLISH_LEAD_MS` after it is created, so it is loaded before it is in force), or `CATALOG_DIR`
 * while the database holds no version yet. A failed refresh keeps the versions it has.
 */
export class PipelineCatalog {
  private timer: NodeJS.Timeout | undefined;
  private signature = '';
  private currentWarnings: string[] = [];

  private constructor(
    private current: LiveCatalog,
    private readonly store: CatalogVersionStore,
    private readonly catalogDir: string,
    private readonly logger: Logger,
    private readonly years: number[],
  ) {
    this.signature = signatureOf(current);
    this.logWarnings();
  }

  static async load(
    store: CatalogVersionStore,
    catalogDir: string,
    logger: Logger,
    years: number[],
  ): Promise<PipelineCatalog> {
    let live: LiveCatalog;
    try {
      live = await loadLiveCatalog(store, catalogDir);
    } catch (error) {
      // the database's versions cannot be read (yet): run on CATALOG_DIR, the refresh takes over later
      logger.warn({ err: error }, 'catalogue versions not readable; using CATALOG_DIR until they are');
      live = {
        history: CatalogHistory.single(await loadCatalogDirectory(catalogDir), DIRECTORY_VERSION),
        source: 'directory',
      };
    }
    const catalog = new PipelineCatalog(live, store, catalogDir, logger, years);
    logger.info(
      { source: catalog.current.source, versions: catalog.current.history.all.map((v) => v.version) },
      'catalogue loaded',
    );
    return catalog;
  }

  get history(): CatalogHistory {
    return this.current.history;
  }

  get source(): LiveCatalog['source'] {
    return this.current.source;
  }

  /** Calendar-coverage and consistency warnings of the latest version. */
  get warnings(): string[] {
    return this.currentWarnings;
  }

  start(intervalMs = CATALOG_REFRESH_MS): void {
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const next = await loadLiveCatalog(this.store, this.catalogDir);
      const signature = signatureOf(next);
      if (signature === this.signature) return;
      this.current = next;
      this.signature = signature;
      this.logger.info(
        { source: next.source, versions: next.history.all.map((v) => v.version) },
        'catalogue versions changed',
      );
      this.logWarnings();
    } catch (error) {
      this.logger.warn({ err: error }, 'catalogue versions not refreshed; keeping the loaded ones');
    }
  }

  private logWarnings(): void {
    const latest = this.current.history.latest;
    this.currentWarnings = latest ? catalogWarnings(latest.data, { years: this.years }) : [];
    for (const warning of this.warnings) this.logger.warn({ source: this.current.source }, warning);
  }
}

function signatureOf(catalog: LiveCatalog): string {
  return `${catalog.source}:${catalog.history.all.map((v) => `${String(v.version)}@${v.effectiveFrom}`).join(',')}`;
}
