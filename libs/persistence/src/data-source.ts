import { DataSource } from 'typeorm';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { CrossCaseHistoryIndexes1764100500000 } from './migrations/1764100500000-cross-case-history-indexes';
import { ConsoleAuth1764200000000 } from './migrations/1764200000000-console-auth';
import { SignalLifecycle1764200000001 } from './migrations/1764200000001-signal-lifecycle';
import { Notifications1764200000002 } from './migrations/1764200000002-notifications';
import { CatalogVersions1764300000000 } from './migrations/1764300000000-catalog-versions';
import { Replays1764300000001 } from './migrations/1764300000001-replays';
import { CaseOutcomes1764400000000 } from './migrations/1764400000000-case-outcomes';
import { CaseFoldVersion1764500000000 } from './migrations/1764500000000-case-fold-version';
import { UserSessions1764600000000 } from './migrations/1764600000000-user-sessions';
import { SignalAttachments1764600000001 } from './migrations/1764600000001-signal-attachments';
import { OutboundNotifications1764700000000 } from './migrations/1764700000000-outbound-notifications';
import { CaseRowHotUpdates1764800000000 } from './migrations/1764800000000-case-row-hot-updates';

/** Every migration, in order. The schema is only ever changed by these (never `synchronize`). */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  CrossCaseHistoryIndexes1764100500000,
  ConsoleAuth1764200000000,
  SignalLifecycle1764200000001,
  Notifications1764200000002,
  CatalogVersions1764300000000,
  Replays1764300000001,
  CaseOutcomes1764400000000,
  CaseFoldVersion1764500000000,
  UserSessions1764600000000,
  SignalAttachments1764600000001,
  OutboundNotifications1764700000000,
  CaseRowHotUpdates1764800000000,
];

export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}) {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'jiancha' },
  });
}

/** Runs the pending migrations of a database; returns the names of those it applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: 'jiancha-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
