/**
 * Known events (issue 9): promotions and holidays lift demand in their periods by a multiplicative uplift.
 * - Before fitting, history is divided by the uplift of its event periods, so a promotion does not pass for a trend
 *   or a level (adjustForEvents);
 * - forecast periods inside an event are multiplied by its uplift (applyUplifts);
 * - an uplift not given by the planner is learned from past event periods: actual demand against the baseline a
 *   model forecasts for them one step ahead from history with the event periods left out (learnUplift).
 * Periods are indices on the series' own axis (0 = its first period); the caller maps dates to periods.
 */
import { selectForecast } from './select';

export interface KnownEvent {
  /** first period of the event */
  start: number;
  /** period after the last one (exclusive) */
  end: number;
  /** multiplicative effect on demand, > 0 (1.5: half again as much; 0.5: half) */
  uplift: number;
}

/**
 * The combined uplift of every period of [first, first + length): the product of the uplifts of the events covering
 * it, 1 outside events. Throws a RangeError on an uplift that is not a positive finite number.
 */
export function eventUplifts(first: number, length: number, events: readonly KnownEvent[]): Float64Array {
  const out = new Float64Array(length).fill(1);
  for (const event of events) {
    if (!(event.uplift > 0) || !Number.isFinite(event.uplift)) throw new RangeError(`event uplift must be a positive number, got ${event.uplift}`);
    const from = Math.max(event.start, first) - first;
    const to = Math.min(event.end, first + length) - first;
    for (let t = from; t < to; t++) out[t] *= event.uplift;
  }
  return out;
}

/** History with the event effect taken out: value / uplift (unknown periods stay unknown). */
export function adjustForEvents(values: Float64Array, uplifts: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = t < uplifts.length ? values[t] / uplifts[t] : values[t];
  return out;
}

/** A forecast with the event effect put in: forecast * uplift, period by period. */
export function applyUplifts(forecast: Float64Array, uplifts: Float64Array): Float64Array {
  const out = new Float64Array(forecast.length);
  for (let t = 0; t < forecast.length; t++) out[t] = t < uplifts.length ? forecast[t] * uplifts[t] : forecast[t];
  return out;
}

export interface LearnedUplift {
  /** actual demand over the event periods / the baseline forecast of the same periods */
  uplift: number;
  /** event periods with a known actual that counted */
  periods: number;
  actual: number;
  baseline: number;
}

/**
 * Learns the uplift of past events from a series: the event periods (`inEvent[t]` true) are left out of the history
 * (as unknown), a model is selected on the rest, and its one-step forecasts of the event periods are the baseline.
 * The uplift is the ratio of the sums (actual / baseline) over the event periods with a known actual. Null when
 * fewer than `minPeriods` event periods are known or the baseline is zero.
 */
export function learnUplift(values: Float64Array, inEvent: ArrayLike<boolean>, seasonLength: number | null, minPeriods = 1): LearnedUplift | null {
  const masked = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) masked[t] = inEvent[t] ? NaN : values[t];
  const baseline = selectForecast({ values: masked, seasonLength }, { horizon: 1 }).chosen.fitted;
  let actual = 0;
  let expected = 0;
  let periods = 0;
  for (let t = 0; t < values.length; t++) {
    if (!inEvent[t]) continue;
    const a = values[t];
    const b = baseline[t];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    actual += Math.max(0, a);
    expected += b;
    periods++;
  }
  if (periods < Math.max(1, minPeriods) || !(expected > 0)) return null;
  return { uplift: actual / expected, periods, actual, baseline: expected };
}
