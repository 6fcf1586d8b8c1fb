import { z } from 'zod';

/** An error response (application/problem+json, RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Every list answers with one page of items, the cursor of the next page (null on the last) and the total. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export const MAX_PAGE_SIZE = 1000;

/** Query parameters every list accepts; extend with the list's own filters and `.strict()`. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int('must be an integer').min(1).max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(50),
  offset: z.coerce.number().int('must be an integer').min(0).optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor returned by this list')
    .optional(),
  sort: z.string().max(64).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Largest quantity anywhere in the API: quantities are integers that fit a Postgres integer. */
export const MAX_QUANTITY = 2_147_483_647;

/** A count of base units: an integer, never NaN, a float, a string, or past 2^31 - 1. */
export const quantitySchema = z
  .number({ message: 'must be a number' })
  .int('must be an integer')
  .min(-MAX_QUANTITY, `must be at least -${MAX_QUANTITY}`)
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** Codes (SKU, location, supplier) are what integrations use to name things. */
export const codeSchema = z
  .string({ message: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'may contain letters, digits, and . _ - / (not first)');

/** Money as a decimal string or number with up to 4 decimals, never negative. */
export const moneySchema = z.coerce
  .number({ message: 'must be a number' })
  .refine((n) => Number.isFinite(n), 'must be a finite number')
  .refine((n) => n >= 0, 'must not be negative')
  .refine((n) => n < 1e12, 'must be below 1,000,000,000,000')
  .refine((n) => Math.abs(Math.round(n * 10_000) - n * 10_000) < 1e-6, 'must have at most 4 decimals');

export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z' });
