import { z } from 'zod';
import { codeSchema, isoDateTimeSchema, pageQuerySchema, quantitySchema } from './common';

/** What moves stock (shared/DOMAIN.md, shared/API.md). */
export const MOVEMENT_TYPES = [
  'receipt',
  'sale',
  'issue',
  'return',
  'adjustment',
  'count',
  'transfer_out',
  'transfer_in',
  'hold',
  'release',
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** Most movements move a positive quantity; an adjustment is signed (non-zero); a count is an absolute value >= 0. */
export const SIGNED_MOVEMENT_TYPES: readonly MovementType[] = ['adjustment'];
export const ABSOLUTE_MOVEMENT_TYPES: readonly MovementType[] = ['count'];

/** Most movements one POST /api/v1/movements may carry. */
export const MAX_MOVEMENTS_PER_BATCH = 10_000;

const textSchema = (max: number) =>
  z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * One inbound movement, as ERPs, WMSs and POS systems send it. `quantity` is in the SKU's base unit unless `unit`
 * names one of its declared units (converted on intake; the result must stay an integer within bounds).
 * - receipt, sale, issue, return, transfer_out, transfer_in, hold, release: quantity > 0
 * - adjustment: signed, non-zero
 * - count: the counted on-hand value (>= 0); recorded as the delta that makes on_hand equal to it
 * - transfer_out needs `toLocation` (where the goods go: they are in transit there); transfer_in may name
 *   `fromLocation` (informational)
 * - receipt with `fromOrder: true` receives goods that were on order (also lowers on_order)
 */
export const movementItemSchema = z
  .object({
    source: textSchema(64),
    externalId: textSchema(200),
    sku: codeSchema,
    location: codeSchema,
    type: z.enum(MOVEMENT_TYPES, { message: `must be one of ${MOVEMENT_TYPES.join(', ')}` }),
    quantity: quantitySchema,
    unit: textSchema(32).optional(),
    occurredAt: isoDateTimeSchema,
    reason: z.string({ message: 'must be a string' }).max(500, 'must be at most 500 characters').optional(),
    toLocation: codeSchema.optional(),
    fromLocation: codeSchema.optional(),
    fromOrder: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (ABSOLUTE_MOVEMENT_TYPES.includes(m.type)) {
      if (m.quantity < 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'a count must not be negative' });
    } else if (SIGNED_MOVEMENT_TYPES.includes(m.type)) {
      if (m.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'an adjustment must not be zero' });
    } else if (m.quantity <= 0) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: `a ${m.type} quantity must be greater than 0` });
    }
    if (m.type === 'transfer_out') {
      if (!m.toLocation) ctx.addIssue({ code: 'custom', path: ['toLocation'], message: 'a transfer_out needs toLocation' });
      else if (m.toLocation === m.location) {
        ctx.addIssue({ code: 'custom', path: ['toLocation'], message: 'must differ from location' });
      }
    } else if (m.toLocation !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['toLocation'], message: 'only a transfer_out takes toLocation' });
    }
    if (m.type !== 'transfer_in' && m.fromLocation !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromLocation'], message: 'only a transfer_in takes fromLocation' });
    }
    if (m.type !== 'receipt' && m.fromOrder !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromOrder'], message: 'only a receipt takes fromOrder' });
    }
  });
export type MovementItem = z.infer<typeof movementItemSchema>;

/**
 * The body of POST /api/v1/movements: `{ "items": [ ... ] }` (an object, so the batch can grow fields later).
 * Only the envelope is checked here; every item is validated on its own and answered on its own.
 */
export const movementBatchSchema = z
  .object({
    items: z
      .array(z.unknown(), { message: 'must be an array of movements' })
      .min(1, 'must hold at least one movement')
      .max(MAX_MOVEMENTS_PER_BATCH, `must hold at most ${MAX_MOVEMENTS_PER_BATCH} movements`),
  })
  .strict();
export type MovementBatch = z.infer<typeof movementBatchSchema>;

export type MovementItemStatus = 'created' | 'duplicate' | 'rejected';

export interface MovementItemResult {
  index: number;
  status: MovementItemStatus;
  movementId?: string;
  /** set when rejected: the id of the dead letter that keeps the item and its reason */
  deadLetterId?: string;
  errors?: { path: string; message: string }[];
}

export interface MovementBatchResult {
  summary: { created: number; duplicates: number; rejected: number };
  items: MovementItemResult[];
}

/** A ledger row, as GET /api/v1/movements shows it. */
export interface Movement {
  id: string;
  sku: string;
  location: string;
  type: MovementType;
  /** `primary` is the movement as sent; `peer` is the in-transit leg a transfer_out writes at its destination */
  leg: 'primary' | 'peer';
  quantity: number;
  unit: string | null;
  unitQuantity: number;
  countedValue: number | null;
  onHandDelta: number;
  onHoldDelta: number;
  reservedDelta: number;
  inTransitDelta: number;
  onOrderDelta: number;
  peerLocation: string | null;
  fromOrder: boolean;
  source: string;
  externalId: string;
  reason: string | null;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
}

const optionalDate = isoDateTimeSchema.optional();

export const movementListQuerySchema = pageQuerySchema
  .extend({
    sku: codeSchema.optional(),
    location: codeSchema.optional(),
    from: optionalDate,
    to: optionalDate,
    type: z.enum(MOVEMENT_TYPES, { message: `must be one of ${MOVEMENT_TYPES.join(', ')}` }).optional(),
    source: textSchema(64).optional(),
  })
  .strict();
export type MovementListQuery = z.infer<typeof movementListQuerySchema>;

export const STOCK_STATUSES = ['ok', 'stockout'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

export const STOCK_LEVEL_SORTS = [
  'sku',
  'location',
  'onHand',
  'onHold',
  'reserved',
  'inTransit',
  'onOrder',
  'available',
  'inventoryPosition',
  'updatedAt',
] as const;

/** A stock level as every reader sees it; `available` and `inventoryPosition` per shared/DOMAIN.md. */
export interface StockLevel {
  sku: string;
  skuName: string | null;
  location: string;
  onHand: number;
  onHold: number;
  reserved: number;
  inTransit: number;
  onOrder: number;
  available: number;
  inventoryPosition: number;
  /** computed by the thresholds context; null until a policy exists */
  reorderPoint: number | null;
  safetyStock: number | null;
  status: StockStatus;
  version: number;
  lastMovementAt: string | null;
  updatedAt: string;
}

const sortSchema = z
  .string()
  .regex(
    new RegExp(`^-?(${STOCK_LEVEL_SORTS.join('|')})$`),
    `must be one of ${STOCK_LEVEL_SORTS.join(', ')}, optionally prefixed by - for descending`,
  )
  .optional();

export const stockLevelListQuerySchema = pageQuerySchema
  .extend({
    sku: codeSchema.optional(),
    location: codeSchema.optional(),
    status: z.enum(STOCK_STATUSES, { message: `must be one of ${STOCK_STATUSES.join(', ')}` }).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    sort: sortSchema,
  })
  .strict();
export type StockLevelListQuery = z.infer<typeof stockLevelListQuerySchema>;

export const HISTORY_INTERVALS = ['day', 'hour'] as const;
export type HistoryInterval = (typeof HISTORY_INTERVALS)[number];

/** Most buckets one history answer holds (e.g. 366 days, or 31 days of hours). */
export const MAX_HISTORY_POINTS = 2000;

export const stockHistoryQuerySchema = z
  .object({
    from: optionalDate,
    to: optionalDate,
    asOf: optionalDate,
    interval: z.enum(HISTORY_INTERVALS, { message: 'must be day or hour' }).default('day'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    }
  });
export type StockHistoryQuery = z.infer<typeof stockHistoryQuerySchema>;

export interface StockBuckets {
  onHand: number;
  onHold: number;
  reserved: number;
  inTransit: number;
  onOrder: number;
  available: number;
  inventoryPosition: number;
}

export interface StockHistoryPoint extends StockBuckets {
  /** start of the bucket (UTC); the values are the levels at its end */
  at: string;
}

export interface StockHistory {
  sku: string;
  location: string;
  interval: HistoryInterval;
  from: string;
  to: string;
  asOf: string;
  /** the levels as they were at `asOf`, replayed from the ledger */
  levelAsOf: StockBuckets;
  series: StockHistoryPoint[];
}

export const DEAD_LETTER_STATUSES = ['pending', 'replayed'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export const deadLetterListQuerySchema = pageQuerySchema
  .extend({
    source: textSchema(64).optional(),
    status: z.enum(DEAD_LETTER_STATUSES, { message: 'must be pending or replayed' }).optional(),
  })
  .strict();
export type DeadLetterListQuery = z.infer<typeof deadLetterListQuerySchema>;

/** POST /api/v1/dead-letters/{id}/replay: optionally a corrected movement replacing the stored payload. */
export const deadLetterReplaySchema = z
  .object({ payload: z.record(z.string(), z.unknown(), { message: 'must be a movement object' }).optional() })
  .strict();
export type DeadLetterReplay = z.infer<typeof deadLetterReplaySchema>;

export interface DeadLetter {
  id: string;
  kind: string;
  source: string | null;
  externalId: string | null;
  payload: unknown;
  reason: { path: string; message: string }[];
  status: DeadLetterStatus;
  receivedAt: string;
  receivedBy: string;
  replayedAt: string | null;
  replayedBy: string | null;
  replayMovementId: string | null;
}

export interface DeadLetterReplayResult {
  deadLetter: DeadLetter;
  result: MovementItemResult;
}

