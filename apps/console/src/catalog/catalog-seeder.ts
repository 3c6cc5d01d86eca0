import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { loadCatalogDirectory } from '@app/catalog';
import { CatalogVersionStore } from '@app/persistence';
import { AppLogger, TypedConfig } from '@app/platform';

/**
 * On first start (no catalogue version in the database), stores `CATALOG_DIR` as version 1,
 * published and in force since the epoch: the catalogue the system ran on before versions.
 */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  constructor(
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.config.values.CATALOG_DIR;
    try {
      const seeded = await this.versions.seedIfEmpty(await loadCatalogDirectory(dir), `seeded from ${dir}`);
      if (seeded) this.logger.pino.info({ version: seeded.id, dir }, 'catalogue version 1 seeded');
    } catch (error) {
      this.logger.pino.warn({ err: error, dir }, 'catalogue not seeded: CATALOG_DIR not readable');
    }
  }
}
