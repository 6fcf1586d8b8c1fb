import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog';
import { MovementIntakeModule } from '../movements/movement-intake.module';
import { ImportsController, UploadFingerprintInterceptor } from './api/imports.controller';
import { CreateImportUseCase } from './application/create-import/create-import.use-case';
import { ReadImportsQuery } from './application/read-imports/read-imports.query';
import { RunImportUseCase } from './application/run-import/run-import.use-case';
import { ImportRepository } from './infrastructure/import.repository';
import { RunImportJob } from './jobs/run-import.job';

/**
 * CSV imports (SKUs, locations, suppliers, supplier terms, movements): the upload stores the file and queues
 * `ingestion.run-import`; the job validates each row with the API's schemas and applies them in chunks, keeping
 * progress and every refused row (line, column, reason).
 */
@Module({
  imports: [CatalogModule, MovementIntakeModule],
  controllers: [ImportsController],
  providers: [ImportRepository, CreateImportUseCase, ReadImportsQuery, RunImportUseCase, RunImportJob, UploadFingerprintInterceptor],
})
export class ImportsModule {}
