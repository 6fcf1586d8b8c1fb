import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog';
import { InventoryModule } from '../../inventory';
import { DeadLettersController, MovementIntakeController } from './api/movements-intake.controller';
import { IngestMovementsUseCase } from './application/ingest-movements/ingest-movements.use-case';
import { ReplayDeadLetterUseCase } from './application/replay-dead-letter/replay-dead-letter.use-case';
import { DeadLetterRepository } from './infrastructure/dead-letter.repository';

/**
 * Movement intake: REST batches of movements (validation per item, codes and units resolved, dead letters for
 * what is refused) handed to inventory. IngestMovementsUseCase is exported for the CSV import of movements.
 */
@Module({
  imports: [CatalogModule, InventoryModule],
  controllers: [MovementIntakeController, DeadLettersController],
  providers: [DeadLetterRepository, IngestMovementsUseCase, ReplayDeadLetterUseCase],
  exports: [IngestMovementsUseCase],
})
export class MovementIntakeModule {}
