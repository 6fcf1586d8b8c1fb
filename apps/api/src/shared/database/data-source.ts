import { mkdirSync } from 'node:fs';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { AppConfig } from '../../config/app-config';
import { MIGRATIONS } from '../../../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;

/**
 * One DataSource for both databases: Postgres through `pg` when DATABASE_URL is set, else PGlite (Postgres in
 * WebAssembly) kept in DATA_DIR. The same migrations run on both; `synchronize` is never used.
 */
export function createDataSource(config: Pick<AppConfig, 'database'>, entities: Entities = []): DataSource {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  };
  if (config.database.url) {
    return new DataSource({
      ...common,
      url: config.database.url,
      extra: { max: config.database.poolSize, application_name: 'stockpulse' },
    });
  }
  mkdirSync(config.database.dataDir, { recursive: true });
  return new DataSource({
    ...common,
    driver: new PGliteDriver({ dataDir: `${config.database.dataDir}/pglite` }).driver,
  });
}

export function isEmbedded(config: Pick<AppConfig, 'database'>): boolean {
  return !config.database.url;
}

/**
 * Runs pending migrations under a Postgres advisory lock, so that several processes starting at once apply
 * each migration exactly once.
 */
export async function migrate(dataSource: DataSource) {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(4242001)');
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
    await lockRunner.release();
  }
}
