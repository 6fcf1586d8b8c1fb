import type { AbcClass, XyzClass } from '@stockpulse/contracts';

/**
 * ABC by annual consumption value (annual demand x unit cost), per location: a store's best sellers are its A items
 * even when the distribution center moves more of everything. Sorted by value, an item is A while the share of
 * the location's value held by the items before it is under 80%, B under 95%, C after; an item with no value is C.
 */
export const ABC_SHARES = { A: 0.8, B: 0.95 } as const;

export function abcClasses<K>(items: readonly { key: K; annualValue: number }[]): Map<K, AbcClass> {
  const result = new Map<K, AbcClass>();
  const total = items.reduce((s, i) => s + Math.max(0, i.annualValue), 0);
  const sorted = [...items].sort((a, b) => b.annualValue - a.annualValue);
  let before = 0;
  for (const item of sorted) {
    const value = Math.max(0, item.annualValue);
    const share = total > 0 ? before / total : 1;
    result.set(item.key, value <= 0 ? 'C' : share < ABC_SHARES.A ? 'A' : share < ABC_SHARES.B ? 'B' : 'C');
    before += value;
  }
  return result;
}

/**
 * XYZ by the coefficient of variation of daily demand (sigma_d / d): X below 0.5 (steady), Y below 1.0, Z above
 * (erratic or intermittent). Undefined without demand or with fewer than 2 counted days.
 */
export function xyzClass(d: number, sigmaD: number, dataPoints: number): XyzClass | null {
  if (dataPoints < 2 || d <= 0) return null;
  const cv = sigmaD / d;
  return cv < 0.5 ? 'X' : cv < 1 ? 'Y' : 'Z';
}
