import { z } from 'zod';
import { codeSchema, pageQuerySchema, quantitySchema } from './common';

/**
 * Reorder policies (shared/DOMAIN.md "Reorder policy"). A policy per SKU x location; a SKU x location without one
 * inherits the default of its location, else of its category, else the global default (dynamic).
 * - static: the classic min/max a planner sets (reorderPoint = min, orderUpTo = max)
 * - dynamic: computed from demand history, supplier lead time (mean and deviation), review period, service level
 * - forecast: reserved for forecast-driven policies (a later issue); refused until then
 */
export const POLICY_METHODS = ['static', 'dynamic', 'forecast'] as const;
export type PolicyMethod = (typeof POLICY_METHODS)[number];

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
export const XYZ_CLASSES = ['X', 'Y', 'Z'] as const;
export type XyzClass = (typeof XYZ_CLASSES)[number];

/** A cycle service level as a fraction: 0.5 <= p <= 0.9999. */
export const serviceLevelSchema = z
  .number({ message: 'must be a number' })
  .min(0.5, 'must be at least 0.5 (50%)')
  .max(0.9999, 'must be at most 0.9999 (99.99%)');

const nonNegativeQuantity = quantitySchema.min(0, 'must not be negative');
const days = (max: number) =>
  z.number({ message: 'must be a number' }).min(0, 'must not be negative').max(max, `must be at most ${max} days`);

/** PUT /api/v1/policies/{sku}/{location}. */
export const policyInputSchema = z.discriminatedUnion(
  'method',
  [
    z
      .object({
        method: z.literal('static'),
        min: nonNegativeQuantity,
        max: nonNegativeQuantity,
        safetyStock: nonNegativeQuantity.optional(),
        reviewPeriodDays: days(365).optional(),
        overstockAlerts: z.boolean({ message: 'must be true or false' }).optional(),
      })
      .strict()
      .refine((p) => p.max >= p.min, { path: ['max'], message: 'must be at least min' })
      .refine((p) => p.safetyStock === undefined || p.safetyStock <= p.min, {
        path: ['safetyStock'],
        message: 'must not exceed min',
      }),
    z
      .object({
        method: z.literal('dynamic'),
        serviceLevel: serviceLevelSchema.optional(),
        reviewPeriodDays: days(365).optional(),
        safetyStockOverride: nonNegativeQuantity.nullable().optional(),
        leadTimeDaysOverride: days(730).positive('must be greater than 0').nullable().optional(),
        windowDays: z.number().int('must be an integer').min(14, 'must be at least 14').max(1095, 'must be at most 1095').optional(),
        maxStock: nonNegativeQuantity.nullable().optional(),
        overstockAlerts: z.boolean({ message: 'must be true or false' }).optional(),
      })
      .strict(),
    z.object({ method: z.literal('forecast') }).passthrough(),
  ],
  { message: `method must be one of ${POLICY_METHODS.join(', ')}` },
);
export type PolicyInput = z.infer<typeof policyInputSchema>;

/** The figures of a computed policy and the inputs they came from, so a planner can see *why*. */
export interface PolicyExplanation {
  /** mean daily demand over the window (units/day) */
  d: number;
  /** standard deviation of daily demand */
  sigmaD: number;
  /** lead time mean (days) and its standard deviation */
  L: number;
  sigmaL: number;
  /** review period (days) */
  R: number;
  serviceLevel: number;
  z: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  /** the window the demand statistics cover, and how many days in it counted (censored and pre-existence days excluded) */
  windowDays: number;
  dataPoints: number;
  censoredDays: number;
  /** where L came from: supplier terms, learned from receipts, or a planner's override */
  leadTimeSource: 'supplier_terms' | 'receipts' | 'override' | 'default';
  /** one line per step, in numbers: "SS = 2.33 x sqrt((7 + 0) x 4.1^2 + 3.2^2 x 1.5^2) = 26" */
  formula: string[];
  warnings: string[];
}

export interface Policy {
  sku: string;
  location: string;
  method: PolicyMethod;
  /** where the method and settings come from: set on this SKU x location, or inherited */
  source: 'sku_location' | 'location_default' | 'category_default' | 'global_default';
  settings: PolicyInput;
  abcClass: AbcClass | null;
  xyzClass: XyzClass | null;
  serviceLevel: number | null;
  reorderPoint: number | null;
  safetyStock: number | null;
  orderUpTo: number | null;
  maxStock: number | null;
  supplier: { code: string; name: string; leadTimeDays: number; leadTimeStdDays: number; moq: number; packSize: number } | null;
  explanation: PolicyExplanation | null;
  computedAt: string | null;
  /** a change waiting for an admin's approval, if any */
  pendingChange: PolicyChange | null;
}

export const POLICY_SORTS = ['sku', 'location', 'reorderPoint', 'safetyStock', 'abcClass', 'computedAt'] as const;
export const policyListQuerySchema = pageQuerySchema
  .extend({
    sku: codeSchema.optional(),
    location: codeSchema.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    method: z.enum(POLICY_METHODS).optional(),
    abcClass: z.enum(ABC_CLASSES).optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${POLICY_SORTS.join('|')})$`), `must be one of ${POLICY_SORTS.join(', ')}, optionally prefixed by -`)
      .optional(),
  })
  .strict();
export type PolicyListQuery = z.infer<typeof policyListQuerySchema>;

/** Defaults a SKU x location inherits: per location and per category (PUT /api/v1/policy-defaults/{scope}/{key}). */
export const POLICY_DEFAULT_SCOPES = ['location', 'category'] as const;
export type PolicyDefaultScope = (typeof POLICY_DEFAULT_SCOPES)[number];
export interface PolicyDefault {
  scope: PolicyDefaultScope;
  key: string;
  settings: PolicyInput;
  /** category scope only: changes by planners to this category's policies wait for an admin's approval */
  requiresApproval: boolean;
  updatedAt: string;
  /** in the answer to a PUT: the recompute it queued for the SKU x locations that inherit it */
  recomputeRunId?: string;
}
export const policyDefaultInputSchema = z
  .object({
    settings: policyInputSchema,
    requiresApproval: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict();

/** Target service level per ABC class (PUT /api/v1/service-levels). */
export const serviceLevelsSchema = z
  .object({ A: serviceLevelSchema, B: serviceLevelSchema, C: serviceLevelSchema })
  .strict();
export type ServiceLevels = z.infer<typeof serviceLevelsSchema>;
export const DEFAULT_SERVICE_LEVELS: ServiceLevels = { A: 0.99, B: 0.97, C: 0.95 };

/** A planner's change that waits for an admin (POST /api/v1/policy-changes/{id}/approve or /reject). */
export const POLICY_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type PolicyChangeStatus = (typeof POLICY_CHANGE_STATUSES)[number];
export interface PolicyChange {
  id: string;
  sku: string;
  location: string;
  status: PolicyChangeStatus;
  before: PolicyInput | null;
  after: PolicyInput;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}
/** GET /api/v1/policy-changes?status=pending */
export const policyChangeListQuerySchema = pageQuerySchema
  .extend({
    status: z.enum(POLICY_CHANGE_STATUSES, { message: `must be one of ${POLICY_CHANGE_STATUSES.join(', ')}` }).optional(),
  })
  .strict();
export type PolicyChangeListQuery = z.infer<typeof policyChangeListQuerySchema>;

export const policyChangeDecisionSchema = z
  .object({ reason: z.string({ message: 'must be a string' }).trim().max(500, 'must be at most 500 characters').optional() })
  .strict();

/** POST /api/v1/policies/recompute: all, or a filter. */
export const recomputeRequestSchema = z
  .object({
    skus: z.array(codeSchema).max(10_000, 'at most 10,000 SKUs').optional(),
    locations: z.array(codeSchema).max(1000, 'at most 1,000 locations').optional(),
    categories: z.array(z.string().trim().min(1).max(100)).max(1000).optional(),
  })
  .strict();
export type RecomputeRequest = z.infer<typeof recomputeRequestSchema>;

export const RECOMPUTE_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RecomputeStatus = (typeof RECOMPUTE_STATUSES)[number];
/** GET /api/v1/policies/recompute/{id}: progress of one recompute run. */
export interface RecomputeRun {
  id: string;
  status: RecomputeStatus;
  trigger: 'nightly' | 'manual' | 'supplier_terms' | 'policy_change';
  filter: RecomputeRequest;
  total: number;
  done: number;
  /** SKU x locations whose reorder point, safety stock or order-up-to moved */
  changed: number;
  progress: number;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
