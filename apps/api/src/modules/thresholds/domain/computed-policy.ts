import type { AbcClass, PolicyInput, XyzClass } from '@stockpulse/contracts';
import { PolicyFigures, PolicySource, SupplierTerms } from './reorder-policy';

export interface PairKey {
  skuId: string;
  locationId: string;
}

export const pairKey = (k: PairKey): string => `${k.skuId}:${k.locationId}`;

/** Everything a recompute learns about one SKU x location before the ABC class is known. */
export interface PolicyInputs extends PairKey {
  settings: PolicyInput;
  source: PolicySource;
  windowDays: number;
  d: number;
  sigmaD: number;
  dataPoints: number;
  censoredDays: number;
  preExistenceDays: number;
  /** annual consumption value: d x 365 x unit cost (what ABC ranks) */
  annualValue: number;
  xyzClass: XyzClass | null;
  supplier: SupplierTerms | null;
}

/** A computed policy as thresholds stores it. */
export interface ComputedPolicy extends PairKey, PolicyFigures {
  settings: PolicyInput;
  source: PolicySource;
  windowDays: number;
  dataPoints: number;
  censoredDays: number;
  annualValue: number;
  abcClass: AbcClass | null;
  xyzClass: XyzClass | null;
  supplier: SupplierTerms | null;
}
