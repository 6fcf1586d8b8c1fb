/**
 * Model selection by rolling-origin evaluation on the series' own history.
 *
 * 1. The series is cleaned (negative -> 0, infinite -> unknown) and its leading unknown periods set aside.
 * 2. Classified (Syntetos-Boylan) to choose candidates: smooth and erratic series get the naive references, simple
 *    exponential smoothing, Holt damped and Holt-Winters (additive and multiplicative) when two full seasons fit
 *    before the first origin; intermittent and lumpy series get Croston, SBA, TSB, SES and the moving average, with
 *    the references. `candidates` overrides the choice (models that cannot run on the series are dropped).
 * 3. The last 40% of the periods (at least horizon + 2) are the evaluation part; every candidate is fitted on the
 *    part before it and evaluated over it (fit.ts `evaluate`), all on the same origins.
 * 4. The score is MASE + |bias| / scale (scale: the in-sample MAE of the naive forecast over the training part):
 *    absolute errors alone are minimised by the median, which on intermittent series is zero, so MASE alone rewards
 *    forecasts that never see demand coming (Kolassa 2016); the bias term takes that reward back. Ties go to the
 *    simpler model. On intermittent and lumpy series the references (naive, seasonal naive) are scored for
 *    comparison but never chosen: their forecast is the last value, zero or a lump, never the demand rate a reorder
 *    policy plans with (with an explicit `candidates` list they may be chosen).
 * 5. The best and the runner-up keep the parameters fitted on the training part; their state runs on through the
 *    whole series to the forecast. So the model that forecasts is the one whose MASE, bias and horizon errors were
 *    measured out of sample (what the policy plans with). Refitting on the whole series was measured: twice the work,
 *    and no better out of sample on either data set of ../shared/data (worse on most horizons).
 */
import { DEMAND_EPSILON, classifyDemand } from './classify';
import { KIND, evaluate, fitParams, knownCount, naiveScale, paramsRecord, seasonsNeeded } from './fit';
import * as K from './models';
import { trackingCount, trackingSignal, trackingSignalLimit } from './tracking-signal';
import { MODEL_NAMES } from './types';
import type { DemandPattern, ForecastSelection, ForecastSeries, ForecastStatus, ModelFit, ModelName, ModelScore, SelectionOptions } from './types';

/** Share of the periods held out for evaluation. */
export const EVALUATION_SHARE = 0.4;
/** Known periods needed in the training part and in the evaluation part for a selection. */
export const MIN_TRAINING_KNOWN = 4;
export const MIN_EVALUATION_KNOWN = 2;

const SMOOTH_CANDIDATES: readonly ModelName[] = ['naive', 'seasonal_naive', 'ses', 'holt_damped', 'holt_winters_additive', 'holt_winters_multiplicative'];
/** Evaluated for comparison on intermittent and lumpy series, never chosen there (see selectForecast). */
const REFERENCES: ReadonlySet<ModelName> = new Set(['naive', 'seasonal_naive']);
const INTERMITTENT_CANDIDATES: readonly ModelName[] = ['naive', 'seasonal_naive', 'moving_average', 'ses', 'croston', 'sba', 'tsb'];

interface Prepared {
  /** cleaned values from the first known period on */
  y: Float64Array;
  /** leading unknown periods set aside */
  offset: number;
  /** full length of the input */
  length: number;
  /** season length, 0 without */
  m: number;
  known: number;
  demands: number;
}

/** Copies the values: a value below DEMAND_EPSILON (negative included) reads as 0, an infinite one as unknown. */
function prepare(series: ForecastSeries): Prepared {
  const v = series.values;
  const length = v.length;
  let offset = 0;
  while (offset < length && !Number.isFinite(v[offset])) offset++;
  const y = new Float64Array(length - offset);
  let known = 0;
  let demands = 0;
  for (let t = offset; t < length; t++) {
    const a = v[t];
    if (!Number.isFinite(a)) y[t - offset] = NaN;
    else {
      const d = a >= DEMAND_EPSILON ? a : 0;
      y[t - offset] = d;
      known++;
      if (d > 0) demands++;
    }
  }
  const s = series.seasonLength;
  const m = s != null && Number.isInteger(s) && s >= 2 ? s : 0;
  return { y, offset, length, m, known, demands };
}

function checkHorizon(horizon: number): number {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be an integer >= 1, got ${horizon}`);
  return horizon;
}

/** Why a model cannot run on this series (null: it can), given the first origin t0. */
function unusable(kind: number, s: Prepared, t0: number): string | null {
  const seasons = seasonsNeeded(kind);
  if (seasons === 0) return null;
  if (s.m === 0) return 'the series has no season length';
  if (t0 < seasons * s.m) return `it needs ${seasons} full season(s) of ${s.m} periods of history`;
  if (kind === K.HW_MULTIPLICATIVE && knownCount(s.y, t0) < t0 / 2) return 'too few known periods for multiplicative seasons';
  return null;
}

/** First origin of the evaluation: the last 40% (at least h + 2 periods), moved later for seasonal models if room. */
function firstOrigin(s: Prepared, h: number, seasonal: boolean): number {
  const n = s.y.length;
  let t0 = n - Math.max(Math.round(n * EVALUATION_SHARE), h + 2);
  if (seasonal && s.m > 0 && t0 < 2 * s.m && n - 2 * s.m >= h + 2) t0 = 2 * s.m;
  return t0;
}

function enoughToSelect(s: Prepared, t0: number, h: number): boolean {
  const n = s.y.length;
  return t0 > 0 && n - h - t0 + 1 >= 1 && knownCount(s.y, t0) >= MIN_TRAINING_KNOWN && s.known - knownCount(s.y, t0) >= MIN_EVALUATION_KNOWN;
}

/** Pads a per-period array of the prepared series back to the input's length (NaN for the leading unknowns). */
function pad(values: Float64Array, s: Prepared): Float64Array {
  if (s.offset === 0) return values;
  const out = new Float64Array(s.length).fill(NaN);
  out.set(values, s.offset);
  return out;
}

/**
 * Builds the ModelFit of `model` over the whole prepared series, carrying the evaluation's figures: with `p` (the
 * parameters fitted on the training part) as they are, or fitted on the whole series when there is none (a history
 * too short to evaluate).
 */
function finalFit(model: ModelName, s: Prepared, h: number, p: Float64Array | null, mase: number, bias: number, horizonErrors: Float64Array): ModelFit {
  const kind = KIND[model];
  const n = s.y.length;
  if (p === null) {
    p = new Float64Array(K.paramCount(kind, s.m));
    fitParams(kind, s.y, n, s.m, p);
  }
  const fitted = new Float64Array(n);
  const paths = new Float64Array(h);
  K.runModel(kind, s.y, s.y, n, s.m, p, n, { fitted, paths, pathFrom: n, horizon: h });
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) residuals[t] = s.y[t] - fitted[t];
  return { model, params: paramsRecord(kind, p), forecast: paths, fitted: pad(fitted, s), residuals: pad(residuals, s), horizonErrors, mase, bias };
}

/** The mean of the known values as a forecast (short history, no demand, nothing known). */
function meanFit(s: Prepared, h: number): ModelFit {
  const n = s.y.length;
  const window = Math.max(1, s.known);
  const p = new Float64Array([window]);
  const fitted = new Float64Array(n);
  const paths = new Float64Array(h);
  K.runModel(K.MOVING_AVERAGE, s.y, s.y, n, 0, p, n, { fitted, paths, pathFrom: n, horizon: h });
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) residuals[t] = s.y[t] - fitted[t];
  return {
    model: 'moving_average',
    params: { window },
    forecast: paths,
    fitted: pad(fitted, s),
    residuals: pad(residuals, s),
    horizonErrors: new Float64Array(0),
    mase: NaN,
    bias: NaN,
  };
}

/**
 * Fits one model on the series: parameters fitted on the training part and evaluated by rolling origin over the
 * rest (mase, bias, horizonErrors); with them, its state runs through the whole series to its forecast, fitted
 * values and residuals. With too little history to evaluate, the figures are NaN and the errors empty. Throws a RangeError
 * when the model cannot run on the series (a seasonal model without season length or two seasons of history).
 */
export function fitModel(model: ModelName, series: ForecastSeries, horizon: number): ModelFit {
  const h = checkHorizon(horizon);
  const kind = KIND[model];
  if (kind === undefined) throw new RangeError(`unknown model ${String(model)}`);
  const s = prepare(series);
  const seasonal = seasonsNeeded(kind) > 0;
  const t0 = firstOrigin(s, h, seasonal);
  const why = unusable(kind, s, seasonal ? Math.max(t0, s.y.length) : t0);
  if (why !== null) throw new RangeError(`${model} cannot run on this series: ${why}`);
  if (s.known === 0) return meanFit(s, h);
  if (!enoughToSelect(s, t0, h) || unusable(kind, s, t0) !== null) return finalFit(model, s, h, null, NaN, NaN, new Float64Array(0));
  const p = new Float64Array(K.paramCount(kind, s.m));
  fitParams(kind, s.y, t0, s.m, p);
  const ev = evaluate(kind, s.y, s.y.length, s.m, p, t0, h, naiveScale(s.y, t0));
  return finalFit(model, s, h, p, ev.mase, ev.bias, ev.horizonErrors);
}

function candidatesFor(pattern: DemandPattern): readonly ModelName[] {
  return pattern === 'smooth' || pattern === 'erratic' ? SMOOTH_CANDIDATES : INTERMITTENT_CANDIDATES;
}

interface Scored extends ModelScore {
  horizonErrors: Float64Array;
  /** parameters fitted on the training part */
  p: Float64Array;
}

/**
 * Classifies the series, evaluates its candidate models by rolling origin and returns the best (lowest MASE +
 * |bias| / scale) and the runner-up. Never throws on the values: a series with
 * nothing known, no demand or too short a history gets the mean of what is known (zero without demand) and a
 * status saying so.
 */
export function selectForecast(series: ForecastSeries, options: SelectionOptions): ForecastSelection {
  const h = checkHorizon(options.horizon);
  const s = prepare(series);
  const { pattern, adi, cv2 } = classifyDemand(s.y);
  const wanted = options.candidates ?? candidatesFor(pattern);
  for (const model of wanted) if (KIND[model] === undefined) throw new RangeError(`unknown model ${String(model)}`);
  let status: ForecastStatus = 'selected';
  if (s.known === 0) status = 'no_observations';
  else if (s.demands === 0) status = 'no_demand';
  const seasonal = wanted.some((model) => seasonsNeeded(KIND[model]) > 0);
  const t0 = firstOrigin(s, h, seasonal);
  if (status === 'selected' && !enoughToSelect(s, t0, h)) status = 'short_history';
  if (status !== 'selected') return settle(status, pattern, adi, cv2, s, meanFit(s, h), null, []);

  const n = s.y.length;
  const scale = naiveScale(s.y, t0);
  const scored: Scored[] = [];
  const p = new Float64Array(K.paramCount(K.HW_ADDITIVE, Math.max(s.m, 1)) + 1);
  for (const model of MODEL_NAMES) {
    if (!wanted.includes(model)) continue;
    const kind = KIND[model];
    if (unusable(kind, s, t0) !== null) continue;
    fitParams(kind, s.y, t0, s.m, p);
    const ev = evaluate(kind, s.y, n, s.m, p, t0, h, scale);
    if (!(ev.mase === ev.mase)) continue;
    const score = ev.mase + Math.abs(ev.bias) / scale;
    scored.push({ model, mase: ev.mase, bias: ev.bias, score, horizonErrors: ev.horizonErrors, p: p.slice(0, K.paramCount(kind, s.m)) });
  }
  if (scored.length === 0) return settle('short_history', pattern, adi, cv2, s, meanFit(s, h), null, []);
  // stable sort: MODEL_NAMES runs from simpler to richer, so ties keep the simpler model first
  scored.sort((a, b) => a.score - b.score);
  const intermittent = pattern === 'intermittent' || pattern === 'lumpy';
  const eligible = intermittent && options.candidates === undefined ? scored.filter((c) => !REFERENCES.has(c.model)) : scored;
  const ranked = eligible.length > 0 ? eligible : scored;
  const best = ranked[0];
  const second = ranked.length > 1 ? ranked[1] : null;
  const chosen = finalFit(best.model, s, h, best.p, best.mase, best.bias, best.horizonErrors);
  const runnerUp = second === null ? null : finalFit(second.model, s, h, second.p, second.mase, second.bias, second.horizonErrors);
  const scores = scored.map(({ model, mase, bias, score }) => ({ model, mase, bias, score }));
  return settle('selected', pattern, adi, cv2, s, chosen, runnerUp, scores);
}

function settle(
  status: ForecastStatus,
  pattern: DemandPattern,
  adi: number,
  cv2: number,
  s: Prepared,
  chosen: ModelFit,
  runnerUp: ModelFit | null,
  scores: ModelScore[],
): ForecastSelection {
  const ts = trackingSignal(chosen.residuals);
  const limit = trackingSignalLimit(trackingCount(chosen.residuals));
  return {
    status,
    pattern,
    adi,
    cv2,
    observedPeriods: s.known,
    chosen,
    runnerUp,
    scores,
    trackingSignal: ts,
    trackingLimit: limit,
    drift: Math.abs(ts) > limit,
  };
}
