import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { createDataSource, migrate } from '../shared/database/data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = createDataSource(config);
  await ds.initialize();
  const ran = await migrate(ds);
  console.log(ran.length ? `applied: ${ran.map((m) => m.name).join(', ')}` : 'the database is up to date');
  await ds.destroy();
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
