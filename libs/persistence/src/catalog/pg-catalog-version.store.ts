import { SYSTEM_ACTOR, type Actor, type CatalogData } from '@app/contracts';
import { CatalogHistory, parseCatalogDocument, type CatalogDocument } from '@app/catalog';
import { DataSource } from 'typeorm';
import { recordOperatorAction } from '../auth/operator-audit';
import { rowFields } from '../signals/row-fields';
import { firstRow, readRows, rows } from '../signals/sql';
import {
  CatalogVersionConflict,
  CatalogVersionKind,
  CatalogVersionRecord,
  CatalogVersionStore,
  CatalogVersionWithData,
  NewCatalogVersion,
  SEED_EFFECTIVE_FROM,
} from './catalog-version-store';

interface VersionRow {
  id: number;
  kind: CatalogVersionKind;
  effective_from: Date;
  note: string | null;
  based_on: number | null;
  author_username: string;
  author_role: string;
  created_at: Date;
  data?: CatalogDocument;
}

const COLUMNS = `id, kind, effective_from, note, based_on, author_username, author_role, created_at`;

/** A version's record is its row as stored, less its data. */
function recordOf(row: VersionRow): CatalogVersionRecord {
  return rowFields(row, [
    'id',
    'kind',
    'effective_from',
    'note',
    'based_on',
    'author_username',
    'author_role',
    'created_at',
  ]);
}

/** Stored data is validated again when read: a row edited behind the application's back is refused. */
function dataOf(row: VersionRow): CatalogData {
  try {
    return parseCatalogDocument(row.data ?? {});
  } catch (error) {
    throw new Error(`catalogue version ${row.id} in the database is invalid: ${(error as Error).message}`);
  }
}

export class PgCatalogVersionStore extends CatalogVersionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(): Promise<CatalogVersionRecord[]> {
    return readRows(this.dataSource, recordOf, `SELECT ${COLUMNS} FROM catalog_versions ORDER BY id`);
  }

  async get(id: number): Promise<CatalogVersionWithData | null> {
    const row = await firstRow<VersionRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, data FROM catalog_versions WHERE id = $1`,
      [id],
    );
    return row ? { ...recordOf(row), data: dataOf(row) } : null;
  }

  async create(version: NewCatalogVersion, actor: Actor): Promise<CatalogVersionRecord> {
    return this.dataSource.transaction(async (manager) => {
      if (version.kind === 'published') {
        const taken = await firstRow<{ id: number }>(
          manager,
          `SELECT id FROM catalog_versions WHERE kind = 'published' AND effective_from = $1`,
          [version.effectiveFrom],
        );
        if (taken)
          throw new CatalogVersionConflict(
            `published version ${taken.id} already takes effect at ${new Date(version.effectiveFrom).toISOString()}`,
          );
      }
      const row = await firstRow<VersionRow>(
        manager,
        `INSERT INTO catalog_versions (kind, effective_from, data, note, based_on, author_id, author_username, author_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          version.kind,
          version.effectiveFrom,
          JSON.stringify(version.data),
          version.note ?? null,
          version.basedOn ?? null,
          actor.userId,
          actor.username,
          actor.role,
        ],
      );
      if (!row) throw new Error('catalogue version not stored');
      await recordOperatorAction(manager, actor, 'catalog.create', `catalog-version:${row.id}`, {
        kind: row.kind,
        effectiveFrom: row.effective_from.toISOString(),
        basedOn: row.based_on,
        note: row.note,
      });
      return recordOf(row);
    });
  }

  async publishedHistory(): Promise<CatalogHistory | undefined> {
    const found = await rows<VersionRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, data FROM catalog_versions WHERE kind = 'published' ORDER BY effective_from`,
    );
    if (found.length === 0) return undefined;
    return new CatalogHistory(
      found.map((row) => ({
        version: row.id,
        effectiveFrom: row.effective_from.getTime(),
        data: dataOf(row),
      })),
    );
  }

  async seedIfEmpty(data: CatalogData, note: string): Promise<CatalogVersionRecord | undefined> {
    return this.dataSource.transaction(async (manager) => {
      // instances starting together: one seeds, the others find the version
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jiancha:catalog_versions:seed'))`);
      const any = await firstRow<{ id: number }>(manager, `SELECT id FROM catalog_versions LIMIT 1`);
      if (any) return undefined;
      const row = await firstRow<VersionRow>(
        manager,
        `INSERT INTO catalog_versions (kind, effective_from, data, note, author_username, author_role)
         VALUES ('published', $1, $2, $3, 'system', 'system') RETURNING ${COLUMNS}`,
        [SEED_EFFECTIVE_FROM, JSON.stringify(data), note],
      );
      if (!row) throw new Error('catalogue version not seeded');
      await recordOperatorAction(manager, SYSTEM_ACTOR, 'catalog.seed', `catalog-version:${row.id}`, {
        note,
      });
      return recordOf(row);
    });
  }
}
