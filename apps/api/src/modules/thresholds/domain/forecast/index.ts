/**
 * The forecasting library of the thresholds context (issue 9): pure functions over demand series, called by the
 * `forecast` reorder policy, the backtest and the nightly recompute. Interface: /work/FORECAST-INTERFACE.md.
 *
 * A series is demand per period, oldest first, in a Float64Array; NaN marks a period whose demand is unknown (a
 * stockout-censored day): no model reads it as zero, the state is carried as the model predicts it, and it enters
 * no error measure.
 *
 * Models (recursions in models.ts, fitting in fit.ts; parameters minimise in-sample squared one-step error by a
 * golden-section coordinate search, initial states by the heuristics of initial-states.ts):
 * - `naive`: the last known value. Reference.
 * - `seasonal_naive`: the last known value of the same season slot. Reference. Needs a season length.
 * - `moving_average` { window }: mean of the last `window` known values, window from a short list.
 * - `ses` { alpha }: simple exponential smoothing (Hyndman & Athanasopoulos, FPP 7.1; ETS(A,N,N)).
 * - `holt_damped` { alpha, beta, phi }: Holt's linear trend damped by phi (Gardner & McKenzie 1985; FPP 7.2;
 *   ETS(A,Ad,N)); beta is beta* of the component form (ets reports alpha * beta*).
 * - `holt_winters_additive` / `holt_winters_multiplicative` { alpha, beta, gamma, phi }: Holt-Winters with a damped
 *   trend (FPP 7.3; ETS(A,Ad,A) and ETS(M,Ad,M) point recursions), weekly season on daily data, yearly on monthly
 *   (12) or weekly (52) data; only with two full seasons of history before the first evaluation origin.
 * - `croston` { alphaSize, alphaInterval }: Croston (1972), conventions of R tsintermittent::crost.
 * - `sba` { alphaSize, alphaInterval }: Syntetos-Boylan approximation (2005): Croston x (1 - alphaInterval / 2).
 * - `tsb` { alphaSize, alphaProbability }: Teunter, Syntetos & Babai (2011), conventions of tsintermittent::tsb.
 * Checked against published outputs (statsmodels tests of R forecast::ets fits, tsintermittent conventions): see
 * models.spec.ts.
 *
 * Selection (select.ts): Syntetos-Boylan classification picks the candidates; rolling-origin evaluation over the
 * last 40% of the history with MASE and bias, parameters fitted before it and kept for the forecast; the
 * summed-horizon errors feed the policy's lead-time demand distribution. Drift: tracking-signal.ts. Known events:
 * events.ts. New items: cold-start.ts.
 */
export { MODEL_NAMES, SEASON_LENGTH } from './types';
export type {
  DemandPattern,
  ForecastSelection,
  ForecastSeries,
  ForecastStatus,
  Granularity,
  ModelFit,
  ModelName,
  ModelScore,
  SelectionOptions,
} from './types';
export { ADI_CUTOFF, CV2_CUTOFF, classifyDemand } from './classify';
export { fitModel, selectForecast } from './select';
export { TRACKING_CONFIDENCE, TRACKING_WINDOW, trackingCount, trackingSignal, trackingSignalLimit } from './tracking-signal';
export { adjustForEvents, applyUplifts, eventUplifts, learnUplift } from './events';
export type { KnownEvent, LearnedUplift } from './events';
export { coldStartForecast } from './cold-start';
export type { ColdStartBasis, ColdStartForecast, ColdStartOptions, DonorSeries } from './cold-start';
