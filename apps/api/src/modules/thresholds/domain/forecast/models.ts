/**
 * The recursions of every model, one specialised loop each (no closures, no allocation per period).
 *
 * A model runs over `y[0..n)` from an initial state held in its parameter vector `p` (so a test can start it from a
 * published initial state), and:
 * - returns the sum of squared one-step errors against `target` over the observed periods from `fitFrom` on (the
 *   fitting objective; `target` is `y` itself except for the intermittent models, fitted on the demand rate);
 * - optionally writes the one-step forecasts (`fitted`) and, for every origin t from `pathFrom` to n inclusive,
 *   the forecasts of periods t..t+h-1 made with what was known before t (`paths`, h per origin).
 *
 * A NaN actual is unknown demand: the state is carried as the model predicts it (level plus damped trend, the season
 * slot moves on), never updated as if demand were zero; nothing about it enters any error.
 * Forecasts are demand, so never below zero.
 */

/** Model kinds, in the order of MODEL_NAMES. */
export const NAIVE = 0;
export const SEASONAL_NAIVE = 1;
export const MOVING_AVERAGE = 2;
export const SES = 3;
export const HOLT_DAMPED = 4;
export const HW_ADDITIVE = 5;
export const HW_MULTIPLICATIVE = 6;
export const CROSTON = 7;
export const SBA = 8;
export const TSB = 9;

/**
 * Layout of the parameter vector `p` per kind (initial states included):
 * - naive: [last value before the series]
 * - seasonal naive: [value of slot 0 .. slot m-1], slot = period index mod m
 * - moving average: [window]
 * - ses: [alpha, l0]
 * - holt damped: [alpha, beta*, phi, l0, b0]
 * - holt-winters: [alpha, beta*, gamma, phi, l0, b0, s(slot 0) .. s(slot m-1)]
 * - croston, sba: [alpha (sizes), alpha (intervals), z0, x0]
 * - tsb: [alpha (sizes), alpha (probability), z0, p0]
 */
export function paramCount(kind: number, m: number): number {
  switch (kind) {
    case NAIVE:
    case MOVING_AVERAGE:
      return 1;
    case SEASONAL_NAIVE:
      return m;
    case SES:
      return 2;
    case HOLT_DAMPED:
      return 5;
    case HW_ADDITIVE:
    case HW_MULTIPLICATIVE:
      return 6 + m;
    default:
      return 4;
  }
}

/** Where a run writes its forecasts; null fields are skipped. */
export interface RunOutput {
  fitted: Float64Array | null;
  paths: Float64Array | null;
  pathFrom: number;
  horizon: number;
}

/** Scratch state reused between runs (the library is synchronous, so one per thread is enough). */
let season = new Float64Array(64);
let ring = new Float64Array(64);
function seasonScratch(m: number): Float64Array {
  if (season.length < m) season = new Float64Array(m * 2);
  return season;
}
function ringScratch(w: number): Float64Array {
  if (ring.length < w) ring = new Float64Array(w * 2);
  return ring;
}

/** Smallest level of the multiplicative model: keeps y / level finite on series that touch zero. */
const LEVEL_FLOOR = 1e-6;
const SEASON_FLOOR = 1e-3;

export function runModel(kind: number, y: Float64Array, target: Float64Array, n: number, m: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  switch (kind) {
    case NAIVE:
      // the naive forecast is simple exponential smoothing with alpha 1
      return runSes(1, p[0], y, target, n, fitFrom, out);
    case SEASONAL_NAIVE:
      return runSeasonalNaive(y, target, n, m, p, fitFrom, out);
    case MOVING_AVERAGE:
      return runMovingAverage(y, target, n, p, fitFrom, out);
    case SES:
      return runSes(p[0], p[1], y, target, n, fitFrom, out);
    case HOLT_DAMPED:
      return runHoltDamped(y, target, n, p, fitFrom, out);
    case HW_ADDITIVE:
    case HW_MULTIPLICATIVE:
      return runHoltWinters(kind === HW_MULTIPLICATIVE, y, target, n, m, p, fitFrom, out);
    case CROSTON:
    case SBA:
      return runCroston(kind === SBA, y, target, n, p, fitFrom, out);
    case TSB:
      return runTsb(y, target, n, p, fitFrom, out);
    default:
      throw new RangeError(`unknown model kind ${kind}`);
  }
}

/** (actual - forecast)^2, 0 when the actual (the fitting target) is unknown. */
function squaredError(actual: number, f: number): number {
  const e = actual - f;
  return e === e ? e * e : 0;
}

function writeFlat(out: RunOutput, t: number, f: number): void {
  const paths = out.paths!;
  const h = out.horizon;
  const base = (t - out.pathFrom) * h;
  for (let j = 0; j < h; j++) paths[base + j] = f;
}

function runSeasonalNaive(y: Float64Array, target: Float64Array, n: number, m: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const s = seasonScratch(m);
  for (let k = 0; k < m; k++) s[k] = p[k];
  let sse = 0;
  let slot = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    if (paths !== null && t >= out!.pathFrom) {
      const h = out!.horizon;
      const base = (t - out!.pathFrom) * h;
      let k = slot;
      for (let j = 0; j < h; j++) {
        const v = s[k];
        paths[base + j] = v > 0 ? v : 0;
        if (++k === m) k = 0;
      }
    }
    if (t === n) break;
    const v = s[slot];
    const f = v > 0 ? v : 0;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (t >= fitFrom) sse += squaredError(target[t], f);
      s[slot] = a;
    }
    if (++slot === m) slot = 0;
  }
  return sse;
}

function runMovingAverage(y: Float64Array, target: Float64Array, n: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const w = p[0] | 0;
  const r = ringScratch(w);
  let count = 0;
  let pos = 0;
  let sum = 0;
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    const mean = count > 0 ? sum / count : 0;
    const f = mean > 0 ? mean : 0;
    if (paths !== null && t >= out!.pathFrom) writeFlat(out!, t, f);
    if (t === n) break;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (t >= fitFrom && count > 0) sse += squaredError(target[t], f);
      if (count === w) sum -= r[pos];
      else count++;
      r[pos] = a;
      sum += a;
      if (++pos === w) pos = 0;
    }
  }
  return sse;
}

function runSes(alpha: number, l0: number, y: Float64Array, target: Float64Array, n: number, fitFrom: number, out: RunOutput | null): number {
  let l = l0;
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    const f = l > 0 ? l : 0;
    if (paths !== null && t >= out!.pathFrom) writeFlat(out!, t, f);
    if (t === n) break;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (t >= fitFrom) sse += squaredError(target[t], f);
      l = alpha === 1 ? a : l + alpha * (a - l);
    }
  }
  return sse;
}

/** Damped trend (Gardner & McKenzie 1985) in the component form of Hyndman & Athanasopoulos, FPP 7.2. */
function runHoltDamped(y: Float64Array, target: Float64Array, n: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const alpha = p[0];
  const beta = p[1];
  const phi = p[2];
  let l = p[3];
  let b = p[4];
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    if (paths !== null && t >= out!.pathFrom) {
      const h = out!.horizon;
      const base = (t - out!.pathFrom) * h;
      let damp = 0;
      let pw = 1;
      for (let j = 0; j < h; j++) {
        pw *= phi;
        damp += pw;
        const v = l + damp * b;
        paths[base + j] = v > 0 ? v : 0;
      }
    }
    if (t === n) break;
    const lp = l + phi * b;
    const f = lp > 0 ? lp : 0;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (t >= fitFrom) sse += squaredError(target[t], f);
      const nl = lp + alpha * (a - lp);
      b = beta * (nl - l) + (1 - beta) * phi * b;
      l = nl;
    } else {
      l = lp;
      b = phi * b;
    }
  }
  return sse;
}

/**
 * Holt-Winters with a damped trend, additive or multiplicative seasons (ETS(A,Ad,A) and ETS(M,Ad,M) point
 * recursions; FPP 7.3 component form). The multiplicative level is kept above a small floor, its seasons above
 * another, so that a series touching zero stays finite.
 */
function runHoltWinters(mult: boolean, y: Float64Array, target: Float64Array, n: number, m: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const alpha = p[0];
  const beta = p[1];
  const gamma = p[2];
  const phi = p[3];
  let l = p[4];
  let b = p[5];
  const s = seasonScratch(m);
  for (let k = 0; k < m; k++) s[k] = p[6 + k];
  let slot = 0;
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    if (paths !== null && t >= out!.pathFrom) {
      const h = out!.horizon;
      const base = (t - out!.pathFrom) * h;
      let damp = 0;
      let pw = 1;
      let k = slot;
      for (let j = 0; j < h; j++) {
        pw *= phi;
        damp += pw;
        const v = mult ? (l + damp * b) * s[k] : l + damp * b + s[k];
        paths[base + j] = v > 0 ? v : 0;
        if (++k === m) k = 0;
      }
    }
    if (t === n) break;
    let lp = l + phi * b;
    if (mult && lp < LEVEL_FLOOR) lp = LEVEL_FLOOR;
    const raw = mult ? lp * s[slot] : lp + s[slot];
    const f = raw > 0 ? raw : 0;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (t >= fitFrom) sse += squaredError(target[t], f);
      if (mult) {
        let nl = alpha * (a / s[slot]) + (1 - alpha) * lp;
        if (nl < LEVEL_FLOOR) nl = LEVEL_FLOOR;
        b = beta * (nl - l) + (1 - beta) * phi * b;
        const ns = gamma * (a / lp) + (1 - gamma) * s[slot];
        s[slot] = ns > SEASON_FLOOR ? ns : SEASON_FLOOR;
        l = nl;
      } else {
        const nl = alpha * (a - s[slot]) + (1 - alpha) * lp;
        b = beta * (nl - l) + (1 - beta) * phi * b;
        s[slot] = gamma * (a - lp) + (1 - gamma) * s[slot];
        l = nl;
      }
    } else {
      l = lp;
      b = phi * b;
    }
    if (++slot === m) slot = 0;
  }
  return sse;
}

/**
 * Croston (1972) and the Syntetos-Boylan approximation (2005: the rate times 1 - alpha_interval / 2), with the
 * conventions of R tsintermittent::crost: the first demand is the initial state (no update), intervals count the
 * periods since the previous demand (the first from the start of the series). Unknown periods are not counted in an
 * interval: a stockout says nothing about whether demand came.
 */
function runCroston(sba: boolean, y: Float64Array, target: Float64Array, n: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const az = p[0];
  const ax = p[1];
  const coeff = sba ? 1 - ax / 2 : 1;
  let z = p[2];
  let x = p[3];
  let seen = false;
  let q = 0;
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    const rate = x > 0 ? (coeff * z) / x : 0;
    const f = rate > 0 ? rate : 0;
    if (paths !== null && t >= out!.pathFrom) writeFlat(out!, t, f);
    if (t === n) break;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (seen && t >= fitFrom) sse += squaredError(target[t], f);
      q++;
      if (a > 0) {
        if (!seen) {
          seen = true;
          if (!(z > 0 && x > 0)) {
            z = a;
            x = q;
          }
        } else {
          z += az * (a - z);
          x += ax * (q - x);
        }
        q = 0;
      }
    }
  }
  return sse;
}

/**
 * Teunter, Syntetos & Babai (2011): demand probability smoothed every period, size when demand occurs; conventions
 * of R tsintermittent::tsb (the first observed period is the initial state, not an update).
 */
function runTsb(y: Float64Array, target: Float64Array, n: number, p: Float64Array, fitFrom: number, out: RunOutput | null): number {
  const az = p[0];
  const ap = p[1];
  let z = p[2];
  let pr = p[3];
  let first = true;
  let sse = 0;
  const fitted = out === null ? null : out.fitted;
  const paths = out === null ? null : out.paths;
  for (let t = 0; ; t++) {
    const rate = pr * z;
    const f = rate > 0 ? rate : 0;
    if (paths !== null && t >= out!.pathFrom) writeFlat(out!, t, f);
    if (t === n) break;
    if (fitted !== null) fitted[t] = f;
    const a = y[t];
    if (a === a) {
      if (first) {
        first = false;
        if (!(z > 0) && a > 0) z = a;
        continue;
      }
      if (t >= fitFrom) sse += squaredError(target[t], f);
      if (a > 0) {
        pr += ap * (1 - pr);
        z = z > 0 ? z + az * (a - z) : a;
      } else pr -= ap * pr;
    }
  }
  return sse;
}
