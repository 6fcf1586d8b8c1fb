import type { DemandPattern } from './types';

/** Syntetos, Boylan & Croston (2005) cut-offs. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;
/** Demand below this is read as none (denormal noise, not a sale). */
export const DEMAND_EPSILON = 1e-9;

/**
 * Syntetos-Boylan classification over the known periods (NaN left out; a negative value read as 0):
 * - ADI, the average inter-demand interval: known periods / periods with demand (the known periods when there is
 *   no demand at all: a lower bound; 0 when nothing is known);
 * - CV^2, the squared coefficient of variation of the non-zero demand sizes (sample variance; 0 with fewer than two);
 * - intermittent when ADI > 1.32, erratic when CV^2 > 0.49, lumpy when both, smooth when neither.
 */
export function classifyDemand(values: Float64Array): { pattern: DemandPattern; adi: number; cv2: number } {
  let known = 0;
  let demands = 0;
  let sum = 0;
  for (let t = 0; t < values.length; t++) {
    const a = values[t];
    if (!Number.isFinite(a)) continue;
    known++;
    if (a >= DEMAND_EPSILON) {
      demands++;
      sum += a;
    }
  }
  const adi = demands > 0 ? known / demands : known;
  let cv2 = 0;
  if (demands > 1) {
    // two passes, relative to the mean: no overflow or underflow whatever the unit
    const mean = sum / demands;
    let squares = 0;
    for (let t = 0; t < values.length; t++) {
      const a = values[t];
      if (Number.isFinite(a) && a >= DEMAND_EPSILON) squares += (a / mean - 1) ** 2;
    }
    cv2 = squares / (demands - 1);
  }
  const intermittent = demands === 0 || adi > ADI_CUTOFF;
  const erratic = cv2 > CV2_CUTOFF;
  const pattern: DemandPattern = intermittent ? (erratic ? 'lumpy' : 'intermittent') : erratic ? 'erratic' : 'smooth';
  return { pattern, adi, cv2 };
}
