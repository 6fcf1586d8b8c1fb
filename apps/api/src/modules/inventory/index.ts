// The public face of the inventory context: its facade, event types and DTO types.
export { InventoryFacade } from './application/inventory.facade';
export type { StockLevelKey, StockLevelSnapshot } from './application/inventory.facade';
export type { DemandHistory, DemandHistoryKey } from './infrastructure/demand-history.repository';
export type {
  EntityRef,
  RecordMovementCommand,
  RecordMovementOutcome,
  RecordMovementsOptions,
} from './application/record-movements/record-movements.types';
export { available, inventoryPosition } from './domain/stock-level';
export type { Buckets } from './domain/stock-level';
export { InventoryModule } from './inventory.module';
