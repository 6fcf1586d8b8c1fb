/** The shapes of the forecasting library (issue 9, /work/FORECAST-INTERFACE.md). */

export type Granularity = 'day' | 'week' | 'month';

/** The season of each granularity: weekly on daily data, yearly on weekly and monthly data. */
export const SEASON_LENGTH: Readonly<Record<Granularity, number>> = { day: 7, week: 52, month: 12 };

export const MODEL_NAMES = [
  'naive',
  'seasonal_naive',
  'moving_average',
  'ses',
  'holt_damped',
  'holt_winters_additive',
  'holt_winters_multiplicative',
  'croston',
  'sba',
  'tsb',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Syntetos-Boylan categories: ADI above 1.32 is intermittent, CV^2 above 0.49 is erratic; both: lumpy. */
export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

/**
 * How a selection came about:
 * - `selected`: candidates compared by rolling-origin evaluation;
 * - `short_history`: too few observed periods to compare models; the forecast is the mean of what was observed;
 * - `no_demand`: periods were observed, none with demand; the forecast is zero;
 * - `no_observations`: every period is unknown (censored or empty series); the forecast is zero and says nothing.
 */
export type ForecastStatus = 'selected' | 'short_history' | 'no_demand' | 'no_observations';

export interface ForecastSeries {
  /**
   * demand per period, oldest first; NaN = unknown (a stockout-censored period): never read as zero demand.
   * A negative value is read as 0 and an infinite one as unknown.
   */
  values: Float64Array;
  /** season length in periods when a season applies (7 on daily data, 52 on weekly, 12 on monthly), else null */
  seasonLength: number | null;
}

export interface SelectionOptions {
  /**
   * periods ahead the policy needs (lead time + review period, in periods, >= 1): forecasts and the rolling-origin
   * errors of their sum are produced for this horizon
   */
  horizon: number;
  /** restricts the candidate models (else chosen from the demand pattern and the length of history) */
  candidates?: readonly ModelName[];
}

export interface ModelFit {
  model: ModelName;
  /** fitted parameters, e.g. { alpha: 0.2 } or { alpha, beta, phi } or { window: 28 } */
  params: Record<string, number>;
  /** point forecast of each of the next `horizon` periods (mean demand per period, >= 0) */
  forecast: Float64Array;
  /** in-sample one-step-ahead forecasts with the final parameters, one per period (also where the actual is unknown) */
  fitted: Float64Array;
  /** in-sample one-step-ahead errors (actual - forecast), NaN where the actual is unknown */
  residuals: Float64Array;
  /**
   * rolling-origin errors of the summed forecast over `horizon` periods (actual sum - forecast sum), one per origin.
   * An origin whose window has unknown periods counts if at least half of them are known, its error scaled up by
   * horizon / known periods; otherwise it is left out.
   */
  horizonErrors: Float64Array;
  /** rolling-origin accuracy: MASE (scaled by the in-sample MAE of the naive forecast); NaN when not evaluated */
  mase: number;
  /** rolling-origin mean error (actual - forecast) per period, in units; NaN when not evaluated */
  bias: number;
}

export interface ModelScore {
  model: ModelName;
  mase: number;
  bias: number;
  /** what the selection minimised: MASE + |bias| / MASE scale (see select.ts) */
  score: number;
}

export interface ForecastSelection {
  status: ForecastStatus;
  pattern: DemandPattern;
  adi: number;
  cv2: number;
  /** periods with a known value (not NaN) */
  observedPeriods: number;
  chosen: ModelFit;
  runnerUp: ModelFit | null;
  /** every candidate evaluated, best first */
  scores: ModelScore[];
  /** tracking signal of the chosen model over its recent one-step errors (cumulative error / MAD) */
  trackingSignal: number;
  /** the |tracking signal| beyond which the series is drifting (trackingSignalLimit of the errors counted) */
  trackingLimit: number;
  /** |trackingSignal| > trackingLimit: refit and tell the planner (`forecast_drift`) */
  drift: boolean;
}
