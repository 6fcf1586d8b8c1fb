/**
 * Cold start (issue 9 "No silent SKUs"): until a series has enough history of its own, its forecast borrows from
 * donors (similar items: same category and location, or a SKU named as its predecessor), and says so.
 *
 * Each donor is forecast on its own history (selectForecast) and scaled (`scale`: e.g. the new item's expected share
 * of the predecessor's demand; 1 by default); the donor forecast is their mean, period by period. The item's own
 * forecast (the mean of what it has sold while its history is short) is blended in by credibility: weight
 * known periods / `fullHistory`, reaching 1 (own history alone) once the series has `fullHistory` known periods
 * and a regular selection.
 */
import { selectForecast } from './select';
import type { ForecastSelection, ForecastSeries } from './types';

export interface DonorSeries {
  values: Float64Array;
  /** multiplier on the donor's forecast (default 1) */
  scale?: number;
}

export interface ColdStartOptions {
  horizon: number;
  /** known periods from which the item's own history is used alone (default max(12, 3 x horizon, 2 seasons)) */
  fullHistory?: number;
}

export type ColdStartBasis = 'own' | 'blend' | 'donors' | 'none';

export interface ColdStartForecast {
  /** own: the item's own selection; donors: borrowed only; blend: both, by ownWeight; none: nothing to go on */
  basis: ColdStartBasis;
  /** weight of the item's own forecast in the result (0..1) */
  ownWeight: number;
  /** donors whose history gave a forecast */
  donorsUsed: number;
  forecast: Float64Array;
  /** the item's own selection (its status says why it was not enough) */
  own: ForecastSelection;
}

export function coldStartForecast(series: ForecastSeries, donors: readonly DonorSeries[], options: ColdStartOptions): ColdStartForecast {
  const h = options.horizon;
  const own = selectForecast(series, { horizon: h });
  const full = options.fullHistory ?? Math.max(12, 3 * h, 2 * (series.seasonLength ?? 0));
  const known = own.observedPeriods;
  if (own.status === 'selected' && known >= full) return { basis: 'own', ownWeight: 1, donorsUsed: 0, forecast: own.chosen.forecast, own };

  const borrowed = new Float64Array(h);
  let used = 0;
  for (const donor of donors) {
    const scale = donor.scale ?? 1;
    if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`donor scale must be a non-negative number, got ${scale}`);
    const selection = selectForecast({ values: donor.values, seasonLength: series.seasonLength }, { horizon: h });
    if (selection.status === 'no_observations') continue;
    for (let j = 0; j < h; j++) borrowed[j] += scale * selection.chosen.forecast[j];
    used++;
  }
  if (used === 0) return { basis: known > 0 ? 'own' : 'none', ownWeight: 1, donorsUsed: 0, forecast: own.chosen.forecast, own };
  for (let j = 0; j < h; j++) borrowed[j] /= used;
  const w = Math.min(1, known / full);
  const forecast = new Float64Array(h);
  for (let j = 0; j < h; j++) forecast[j] = w * own.chosen.forecast[j] + (1 - w) * borrowed[j];
  return { basis: w > 0 ? 'blend' : 'donors', ownWeight: w, donorsUsed: used, forecast, own };
}
