export { Database, afterCommit } from './database';
export { DatabaseModule } from './database.module';
export { createDataSource, isEmbedded, migrate } from './data-source';
export { queryRows, rowsOf } from './query-rows';
export { unnestColumns } from './unnest-columns';
export type { Column, ColumnType } from './unnest-columns';
