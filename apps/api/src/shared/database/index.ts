export { Database, afterCommit } from './database';
export { DatabaseModule } from './database.module';
export { createDataSource, isEmbedded, migrate } from './data-source';
export { queryRows, rowsOf } from './query-rows';
export { selectRows } from './select-rows';
export type { Column, ColumnType } from './select-rows';
export { SqlFilter } from './sql-filter';
