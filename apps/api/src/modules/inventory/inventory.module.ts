import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { MovementsController, SkuStockLevelsController, StockLevelsController } from './api/inventory.controller';
import { InventoryFacade } from './application/inventory.facade';
import { QueryStockUseCase } from './application/query-stock/query-stock.use-case';
import { RecordMovementsUseCase } from './application/record-movements/record-movements.use-case';
import { MovementLedgerRepository } from './infrastructure/movement-ledger.repository';
import { DemandHistoryRepository } from './infrastructure/demand-history.repository';
import { StockReadRepository } from './infrastructure/stock-read.repository';

/**
 * inventory: the append-only movement ledger and the stock levels per SKU x location (what is where, and what it
 * was at time T). Other contexts use InventoryFacade.
 */
@Module({
  imports: [CatalogModule],
  controllers: [MovementsController, StockLevelsController, SkuStockLevelsController],
  providers: [
    MovementLedgerRepository,
    StockReadRepository,
    DemandHistoryRepository,
    RecordMovementsUseCase,
    QueryStockUseCase,
    InventoryFacade,
  ],
  exports: [InventoryFacade],
})
export class InventoryModule {}
