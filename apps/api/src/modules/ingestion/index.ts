// The public face of the ingestion context: its facade, event types and DTO types.
export { IngestionModule } from './ingestion.module';
export { IngestMovementsUseCase } from './movements';
export type { IngestOptions } from './movements';
