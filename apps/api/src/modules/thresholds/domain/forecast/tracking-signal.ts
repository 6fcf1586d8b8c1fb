import { inverseNormal } from '../inverse-normal';

/** Errors the tracking signal of a selection looks at (the most recent known one-step errors). */
export const TRACKING_WINDOW = 30;
/** Confidence of the drift limit: an unbiased forecast trips it about once in a hundred checks. */
export const TRACKING_CONFIDENCE = 0.99;

/**
 * Tracking signal (Brown 1959): the sum of the last `window` known errors (actual - forecast; NaN left out) divided
 * by their mean absolute deviation. Positive: demand runs above the forecast. 0 without errors or when every error
 * is 0.
 */
export function trackingSignal(errors: Float64Array, window: number = TRACKING_WINDOW): number {
  let sum = 0;
  let abs = 0;
  let count = 0;
  for (let t = errors.length - 1; t >= 0 && count < window; t--) {
    const e = errors[t];
    if (!(e === e)) continue;
    sum += e;
    abs += e < 0 ? -e : e;
    count++;
  }
  if (!(abs > 0)) return 0;
  const signal = (sum * count) / abs;
  return Number.isFinite(signal) ? signal : 0;
}

/** Known errors the tracking signal counts (the same window as trackingSignal). */
export function trackingCount(errors: Float64Array, window: number = TRACKING_WINDOW): number {
  let count = 0;
  for (let t = errors.length - 1; t >= 0 && count < window; t--) if (errors[t] === errors[t]) count++;
  return count;
}

/**
 * The |tracking signal| past which a forecast is drifting, for a signal over `count` errors. A fixed limit (the
 * classic 4 to 6 MADs) trips too often on long windows and too late on short ones: for unbiased independent normal
 * errors the sum of `count` errors has standard deviation sigma * sqrt(count) and the MAD is sigma * sqrt(2 / pi), so
 * the signal is normal with standard deviation sqrt(pi / 2 * count); the limit is its two-sided `confidence` quantile.
 * Infinity below 4 errors (too few to call drift).
 */
export function trackingSignalLimit(count: number, confidence: number = TRACKING_CONFIDENCE): number {
  if (count < 4) return Infinity;
  return inverseNormal(0.5 + confidence / 2) * Math.sqrt((Math.PI / 2) * count);
}
