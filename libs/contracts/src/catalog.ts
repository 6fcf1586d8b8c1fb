import { z } from 'zod';
import { codeSchema, moneySchema, pageQuerySchema } from './common';

const nameSchema = (max = 200) =>
  z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A declared unit of a SKU: `case = 12` means one case is 12 base units. Factors are integers, so conversion is exact. */
export const unitSchema = z
  .object({
    name: z
      .string({ message: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters')
      .regex(/^[a-z][a-z0-9_-]*$/i, 'may contain letters, digits, _ and - (starting with a letter)'),
    factor: z
      .number({ message: 'must be a number' })
      .int('must be an integer')
      .min(2, 'must be at least 2 (the base unit is 1)')
      .max(1_000_000, 'must be at most 1,000,000'),
  })
  .strict();

const unitsSchema = z.array(unitSchema).max(10, 'at most 10 units').superRefine((units, ctx) => {
  const seen = new Set<string>();
  units.forEach((u, i) => {
    const key = u.name.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `unit ${u.name} is declared twice` });
    seen.add(key);
  });
});

const baseUnitSchema = nameSchema(32).default('each');

export const skuCreateSchema = z
  .object({
    code: codeSchema,
    name: nameSchema(),
    category: nameSchema(100).default('Uncategorised'),
    baseUnit: baseUnitSchema,
    units: unitsSchema.default([]),
    unitCost: moneySchema.default(0),
    unitPrice: moneySchema.default(0),
    active: z.boolean({ message: 'must be true or false' }).default(true),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.units.forEach((u, i) => {
      if (u.name.toLowerCase() === s.baseUnit.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'name'], message: `${u.name} is the base unit` });
      }
    });
  });
export type SkuCreate = z.input<typeof skuCreateSchema>;

export const skuPatchSchema = z
  .object({
    name: nameSchema().optional(),
    category: nameSchema(100).optional(),
    baseUnit: nameSchema(32).optional(),
    units: unitsSchema.optional(),
    unitCost: moneySchema.optional(),
    unitPrice: moneySchema.optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict();
export type SkuPatch = z.input<typeof skuPatchSchema>;

export interface Sku {
  id: string;
  code: string;
  name: string;
  category: string;
  baseUnit: string;
  units: { name: string; factor: number }[];
  unitCost: number;
  unitPrice: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const SKU_SORTS = ['code', 'name', 'category', 'unitCost', 'unitPrice', 'updatedAt'] as const;
const sortOf = (fields: readonly string[]) =>
  z
    .string()
    .refine((s) => fields.includes(s.replace(/^-/, '')), `must be one of ${fields.join(', ')} (prefix - for descending)`)
    .optional();
const boolQuery = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((v) => v === 'true')
  .optional();

export const skuListQuerySchema = pageQuerySchema
  .extend({
    sort: sortOf(SKU_SORTS),
    q: z.string().trim().max(100).optional(),
    category: z.string().trim().max(100).optional(),
    active: boolQuery,
    supplier: codeSchema.optional(),
  })
  .strict();
export type SkuListQuery = z.infer<typeof skuListQuerySchema>;

export interface Category {
  category: string;
  count: number;
}

export const LOCATION_TYPES = ['warehouse', 'store', 'dc', '3pl'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZoneSchema = z
  .string({ message: 'must be a string' })
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris or America/Chicago');

export const locationCreateSchema = z
  .object({
    code: codeSchema,
    name: nameSchema(),
    type: z.enum(LOCATION_TYPES, { message: `must be one of ${LOCATION_TYPES.join(', ')}` }),
    timeZone: timeZoneSchema.default('UTC'),
    active: z.boolean({ message: 'must be true or false' }).default(true),
  })
  .strict();
export type LocationCreate = z.input<typeof locationCreateSchema>;
export const locationPatchSchema = z
  .object({
    name: nameSchema().optional(),
    type: z.enum(LOCATION_TYPES, { message: `must be one of ${LOCATION_TYPES.join(', ')}` }).optional(),
    timeZone: timeZoneSchema.optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict();

export interface Location {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  timeZone: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const locationListQuerySchema = pageQuerySchema
  .extend({
    sort: sortOf(['code', 'name', 'type', 'updatedAt']),
    q: z.string().trim().max(100).optional(),
    type: z.enum(LOCATION_TYPES, { message: `must be one of ${LOCATION_TYPES.join(', ')}` }).optional(),
    active: boolQuery,
  })
  .strict();

export const supplierCreateSchema = z
  .object({
    code: codeSchema,
    name: nameSchema(),
    contactEmail: z.email({ message: 'must be an email address' }).optional(),
    active: z.boolean({ message: 'must be true or false' }).default(true),
  })
  .strict();
export type SupplierCreate = z.input<typeof supplierCreateSchema>;
export const supplierPatchSchema = z
  .object({
    name: nameSchema().optional(),
    contactEmail: z.email({ message: 'must be an email address' }).nullable().optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict();

export interface Supplier {
  id: string;
  code: string;
  name: string;
  contactEmail: string | null;
  active: boolean;
  skuCount: number;
  createdAt: string;
  updatedAt: string;
}

export const supplierListQuerySchema = pageQuerySchema
  .extend({ sort: sortOf(['code', 'name', 'updatedAt']), q: z.string().trim().max(100).optional(), active: boolQuery })
  .strict();

const daysSchema = z.coerce
  .number({ message: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number')
  .refine((n) => n <= 365, 'must be at most 365 days');

/** What a supplier offers for a SKU: lead time (mean and standard deviation, days), MOQ, pack size, cost. */
export const supplierTermsSchema = z
  .object({
    leadTimeDays: daysSchema.refine((n) => n > 0, 'must be greater than 0'),
    leadTimeStdDays: daysSchema.refine((n) => n >= 0, 'must not be negative').default(0),
    moq: z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(10_000_000).default(1),
    packSize: z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(1_000_000).default(1),
    unitCost: moneySchema.optional(),
  })
  .strict();
export type SupplierTermsInput = z.input<typeof supplierTermsSchema>;

export interface SupplierTerms {
  supplier: string;
  supplierName: string;
  sku: string;
  skuName: string;
  leadTimeDays: number;
  leadTimeStdDays: number;
  moq: number;
  packSize: number;
  unitCost: number | null;
  updatedAt: string;
}

export const supplierTermsListQuerySchema = pageQuerySchema
  .extend({ sort: sortOf(['sku', 'leadTimeDays', 'updatedAt']), q: z.string().trim().max(100).optional() })
  .strict();
