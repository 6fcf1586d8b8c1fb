// Movement intake's face inside the ingestion context (the CSV import of movements calls it).
export { IngestMovementsUseCase } from './application/ingest-movements/ingest-movements.use-case';
export type { IngestOptions } from './application/ingest-movements/ingest-movements.use-case';
export { MovementIntakeModule } from './movement-intake.module';
