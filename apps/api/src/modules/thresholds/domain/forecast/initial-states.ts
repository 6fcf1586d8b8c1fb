/**
 * Initial states from the start of a series, as the literature does it:
 * - exponential smoothing: the heuristic of Hyndman, Koehler, Snyder & Grose (2002) and Hyndman et al. (2008,
 *   section 2.6.1), which R forecast::ets also starts from: seasonal indices from a classical decomposition (centred
 *   2 x m moving average) of the first seasons, then level and trend from a least-squares line through the first
 *   max(10, 2m) seasonally adjusted values (level only: their mean);
 * - Croston and SBA: R tsintermittent's default ("mean"): the first demand size, and the mean interval;
 * - TSB: the first demand size, and the share of periods with demand.
 * Only periods before `to` are read (the training part), and unknown (NaN) periods are skipped.
 */

const FIRST_VALUES = 10;

/** Mean of the first 10 known values (the level of simple exponential smoothing). */
export function initialLevel(y: Float64Array, to: number): number {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < to && count < FIRST_VALUES; t++) {
    const a = y[t];
    if (a === a) {
      sum += a;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Least-squares line through the first `want` known values of y (adjusted by the season slots when `season` is given:
 * minus for additive, divided for multiplicative), with x = t + 1 so that the intercept is the state before y[0].
 * Writes [level, trend] into out[at], out[at + 1].
 */
export function initialLevelTrend(y: Float64Array, to: number, want: number, season: Float64Array | null, m: number, multiplicative: boolean, out: Float64Array, at: number): void {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let slot = 0;
  for (let t = 0; t < to && n < want; t++) {
    let a = y[t];
    if (season !== null) {
      a = multiplicative ? a / season[slot] : a - season[slot];
      if (++slot === m) slot = 0;
    }
    if (a === a) {
      const x = t + 1;
      n++;
      sx += x;
      sy += a;
      sxx += x * x;
      sxy += x * a;
    }
  }
  if (n === 0) {
    out[at] = 0;
    out[at + 1] = 0;
    return;
  }
  const den = n * sxx - sx * sx;
  const slope = n > 1 && den !== 0 ? (n * sxy - sx * sy) / den : 0;
  out[at] = (sy - slope * sx) / n;
  out[at + 1] = slope;
}

/**
 * Seasonal indices by slot (t mod m) from a classical decomposition of the first `seasons` full seasons before `to`:
 * detrend by the centred moving average (2 x m for even m), average each slot, normalise (sum 0, or mean 1 for
 * multiplicative; multiplicative indices kept at least 0.01 as ets does). A slot with nothing known gets 0 (or 1).
 */
export function initialSeason(y: Float64Array, to: number, m: number, multiplicative: boolean, out: Float64Array, at: number): void {
  const seasons = Math.min(4, Math.floor(to / m));
  const span = seasons * m;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  const half = m >> 1;
  const even = (m & 1) === 0;
  for (let t = half; t + half < span; t++) {
    let sum = 0;
    let ok = true;
    if (even) {
      sum = 0.5 * (y[t - half] + y[t + half]);
      for (let k = t - half + 1; k < t + half; k++) sum += y[k];
    } else for (let k = t - half; k <= t + half; k++) sum += y[k];
    if (!(sum === sum)) ok = false;
    const ma = sum / m;
    const a = y[t];
    if (!ok || !(a === a)) continue;
    if (multiplicative) {
      if (!(ma > 0)) continue;
      sums[t % m] += a / ma;
    } else sums[t % m] += a - ma;
    counts[t % m]++;
  }
  let total = 0;
  for (let k = 0; k < m; k++) {
    const v = counts[k] > 0 ? sums[k] / counts[k] : multiplicative ? 1 : 0;
    out[at + k] = v;
    total += v;
  }
  const mean = total / m;
  for (let k = 0; k < m; k++) {
    if (multiplicative) {
      const v = mean > 0 ? out[at + k] / mean : 1;
      out[at + k] = v > 0.01 ? v : 0.01;
    } else out[at + k] -= mean;
  }
}

/** Croston / SBA: [first demand size, mean interval between demands] in out[at], out[at + 1]; zeros without demand. */
export function initialCroston(y: Float64Array, to: number, out: Float64Array, at: number): void {
  let first = 0;
  let q = 0;
  let intervals = 0;
  let demands = 0;
  for (let t = 0; t < to; t++) {
    const a = y[t];
    if (!(a === a)) continue;
    q++;
    if (a > 0) {
      if (demands === 0) first = a;
      demands++;
      intervals += q;
      q = 0;
    }
  }
  out[at] = first;
  out[at + 1] = demands > 0 ? intervals / demands : 0;
}

/** TSB: [first demand size, share of known periods with demand] in out[at], out[at + 1]. */
export function initialTsb(y: Float64Array, to: number, out: Float64Array, at: number): void {
  let first = 0;
  let known = 0;
  let demands = 0;
  for (let t = 0; t < to; t++) {
    const a = y[t];
    if (!(a === a)) continue;
    known++;
    if (a > 0) {
      if (demands === 0) first = a;
      demands++;
    }
  }
  out[at] = first;
  out[at + 1] = known > 0 ? demands / known : 0;
}
