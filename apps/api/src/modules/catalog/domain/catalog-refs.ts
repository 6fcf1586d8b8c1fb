/** What other contexts need to know of a SKU: enough to convert units and name it. */
export interface SkuRef {
  id: string;
  code: string;
  name: string;
  category: string;
  baseUnit: string;
  /** declared units and their factor to the base unit (the base unit itself is 1) */
  units: Record<string, number>;
  unitCost: number;
  active: boolean;
}

export interface LocationRef {
  id: string;
  code: string;
  name: string;
  type: string;
  timeZone: string;
  active: boolean;
}

/** A SKU's preferred supplier and the terms it offers for that SKU (lead times in days). */
export interface PreferredSupplierTerms {
  id: string;
  code: string;
  name: string;
  leadTimeDays: number;
  leadTimeStdDays: number;
  moq: number;
  packSize: number;
}

export function unitMap(baseUnit: string, units: { name: string; factor: number }[]): Record<string, number> {
  const map: Record<string, number> = { [baseUnit]: 1 };
  for (const u of units) map[u.name] = u.factor;
  return map;
}
