import fc from 'fast-check';
import { fitModel, selectForecast } from './select';
import { MODEL_NAMES } from './types';

/** A demand value: often zero, sometimes unknown, sometimes a lump, now and then nonsense (negative, infinite). */
const demand = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) },
  { weight: 2, arbitrary: fc.constant(Number.NaN) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 50, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);
const series = fc.record({
  values: fc.array(demand, { maxLength: 120 }).map((v) => Float64Array.from(v)),
  seasonLength: fc.constantFrom(null, 4, 7, 12),
});
const horizon = fc.integer({ min: 1, max: 20 });

const finite = (a: Float64Array) => a.every((v) => Number.isFinite(v));

describe('forecast invariants (property-based)', () => {
  it('selectForecast never throws; forecasts are finite and non-negative; no NaN leaks into any figure', () => {
    fc.assert(
      fc.property(series, horizon, (s, h) => {
        const selection = selectForecast(s, { horizon: h });
        for (const fit of [selection.chosen, selection.runnerUp]) {
          if (fit === null) continue;
          expect(fit.forecast).toHaveLength(h);
          expect(finite(fit.forecast)).toBe(true);
          expect(fit.forecast.every((v) => v >= 0)).toBe(true);
          expect(finite(fit.horizonErrors)).toBe(true);
          expect(fit.fitted).toHaveLength(s.values.length);
          expect(Object.values(fit.params).every(Number.isFinite)).toBe(true);
        }
        expect(Number.isFinite(selection.trackingSignal)).toBe(true);
        expect(Number.isFinite(selection.adi) && Number.isFinite(selection.cv2)).toBe(true);
        if (selection.status === 'selected') {
          expect(Number.isFinite(selection.chosen.mase) && Number.isFinite(selection.chosen.bias)).toBe(true);
          expect(selection.scores.every((c) => Number.isFinite(c.mase) && Number.isFinite(c.bias) && Number.isFinite(c.score))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every model either fits with finite non-negative forecasts or refuses the series with a RangeError', () => {
    fc.assert(
      fc.property(series, horizon, fc.constantFrom(...MODEL_NAMES), (s, h, model) => {
        let fit;
        try {
          fit = fitModel(model, s, h);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        expect(finite(fit.forecast) && fit.forecast.every((v) => v >= 0)).toBe(true);
        expect(finite(fit.horizonErrors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('unknown periods are not zero demand: censored days of a steady series leave every model at its level', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(...MODEL_NAMES), (censored, level, model) => {
        // the first four weeks are known, so that every model (Holt-Winters included) has its two seasons
        const values = Float64Array.from(censored, (c, t) => (c && t >= 28 ? Number.NaN : level));
        const fit = fitModel(model, { values, seasonLength: 7 }, 7);
        // SBA is Croston deflated by 1 - alphaInterval / 2 by design
        if (model === 'sba') expect(fit.forecast[0] / level).toBeCloseTo(1 - fit.params.alphaInterval / 2, 6);
        else expect(fit.forecast[0]).toBeCloseTo(level, 6);
      }),
      { numRuns: 200 },
    );
  });
});
