import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { createDataSource, isEmbedded, migrate } from './data-source';
import { Database } from './database';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const entities = new Set<Function>();

/**
 * `DatabaseModule.forFeature([...entities])` in a context's module registers that context's entities; the one
 * DataSource is built once every module file has been loaded, runs pending migrations, and is shared.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  constructor(@Inject(Database) private readonly database: Database) {}

  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Database,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const dataSource = createDataSource(config, [...entities]);
            await dataSource.initialize();
            const ran = await migrate(dataSource);
            if (ran.length) DatabaseModule.logger.log(`applied ${ran.length} migration(s)`);
            DatabaseModule.logger.log(isEmbedded(config) ? `embedded PGlite in ${config.database.dataDir}` : 'Postgres');
            return new Database(dataSource, isEmbedded(config));
          },
        },
        { provide: DataSource, inject: [Database], useFactory: (db: Database) => db.dataSource },
      ],
      exports: [Database, DataSource],
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  static forFeature(featureEntities: Function[]): DynamicModule {
    featureEntities.forEach((e) => entities.add(e));
    return { module: DatabaseFeatureModule };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.database.dataSource.isInitialized) await this.database.dataSource.destroy();
  }
}

@Module({})
class DatabaseFeatureModule {}
