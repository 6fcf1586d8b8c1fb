/** Largest magnitude of a quantity in base units: a Postgres integer. */
export const MAX_BASE_QUANTITY = 2_147_483_647;

export interface UnitsOfSku {
  baseUnit: string;
  /** declared units and how many base units each holds (integers >= 1) */
  units: Readonly<Record<string, number>>;
}

export type Conversion = { ok: true; quantity: number } | { ok: false; path: 'unit' | 'quantity'; message: string };

/**
 * A quantity in `unit` as base units (shared/DOMAIN.md): no unit or the base unit is factor 1; another unit must
 * be one the SKU declares. Factors are integers, so the product is exact; it must stay within +/- 2^31 - 1.
 */
export function toBaseQuantity(quantity: number, unit: string | undefined, sku: UnitsOfSku): Conversion {
  let factor = 1;
  if (unit !== undefined && unit !== sku.baseUnit) {
    const declared = Object.hasOwn(sku.units, unit) ? sku.units[unit] : undefined;
    if (declared === undefined) {
      const known = [sku.baseUnit, ...Object.keys(sku.units).filter((u) => u !== sku.baseUnit)];
      return { ok: false, path: 'unit', message: `unknown unit "${unit}" for this SKU; it declares ${known.join(', ')}` };
    }
    factor = declared;
  }
  if (!Number.isSafeInteger(factor) || factor < 1) {
    return { ok: false, path: 'unit', message: `the SKU's unit "${unit}" has no whole conversion to ${sku.baseUnit}` };
  }
  const base = quantity * factor;
  if (!Number.isSafeInteger(base) || Math.abs(base) > MAX_BASE_QUANTITY) {
    return {
      ok: false,
      path: 'quantity',
      message: `${quantity} ${unit} is ${base} ${sku.baseUnit}, past the largest quantity ${MAX_BASE_QUANTITY}`,
    };
  }
  return { ok: true, quantity: base };
}
