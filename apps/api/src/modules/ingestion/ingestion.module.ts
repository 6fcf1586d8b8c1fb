import { Module } from '@nestjs/common';
import { ImportsModule } from './imports/imports.module';
import { MovementIntakeModule } from './movements/movement-intake.module';

/**
 * ingestion: what comes in from ERP/WMS/POS/channels. Movement intake (REST batches, unit conversion, dead
 * letters) and CSV imports (catalog and movements, with progress and per-row errors).
 */
@Module({ imports: [MovementIntakeModule, ImportsModule], exports: [MovementIntakeModule] })
export class IngestionModule {}
