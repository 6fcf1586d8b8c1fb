import type { MovementType } from '@stockpulse/contracts';
import type { FieldError } from '../../../../shared/errors';

/** A reference to a SKU or a location, as the catalog resolved it. */
export interface EntityRef {
  id: string;
  code: string;
}

/**
 * One clean movement, handed to inventory by ingestion (REST batches, CSV imports) or by another context.
 * SKU and locations are resolved; `quantity` is in the SKU's base unit.
 */
export interface RecordMovementCommand {
  source: string;
  externalId: string;
  sku: EntityRef;
  location: EntityRef;
  type: MovementType;
  /** base units: > 0, signed for an adjustment, the absolute counted value for a count */
  quantity: number;
  /** the unit and quantity as received (kept in the ledger); null unit = the base unit */
  unit: string | null;
  unitQuantity: number;
  occurredAt: Date;
  reason?: string | null;
  /** transfer_out: the destination (its in_transit rises); transfer_in: where the goods came from (informational) */
  peerLocation?: EntityRef | null;
  /** receipt: receives goods on order (also lowers on_order) */
  fromOrder?: boolean;
}

export type RecordMovementOutcome =
  | { status: 'created'; movementId: string }
  | { status: 'duplicate'; movementId: string }
  | { status: 'rejected'; errors: FieldError[] };

export interface RecordMovementsOptions {
  /** who recorded the batch (kept on each ledger row); defaults to the request's actor */
  recordedBy?: string;
  /**
   * Runs inside the same transaction once the outcomes are known (ingestion stores its dead letters here), so
   * that the movements and what was refused commit or roll back together.
   */
  within?: (em: import('typeorm').EntityManager, outcomes: RecordMovementOutcome[]) => Promise<void>;
}
