import { selectForecast } from './select';
import { generateSeries } from './testing';
import { trackingCount, trackingSignal, trackingSignalLimit } from './tracking-signal';

describe('tracking signal', () => {
  it('is the sum of the last errors over their mean absolute deviation, NaN left out', () => {
    expect(trackingSignal(Float64Array.from([100, 1, -1, NaN, 2]), 3)).toBeCloseTo(2 / (4 / 3), 12);
    expect(trackingCount(Float64Array.from([100, 1, -1, NaN, 2]), 3)).toBe(3);
    expect(trackingSignal(new Float64Array(5))).toBe(0);
  });

  it('limit: the 99% two-sided quantile of an unbiased signal, growing with the square root of the errors', () => {
    expect(trackingSignalLimit(30)).toBeCloseTo(2.5758 * Math.sqrt((Math.PI / 2) * 30), 3);
    expect(trackingSignalLimit(3)).toBe(Infinity);
  });

  it('an unbiased forecast stays inside the limit', () => {
    const selection = selectForecast({ values: generateSeries('smooth', 365, 41), seasonLength: 7 }, { horizon: 7 });
    expect(selection.drift).toBe(false);
    expect(Math.abs(selection.trackingSignal)).toBeLessThan(selection.trackingLimit);
  });

  it('trips on a level shift the forecast has not caught up with', () => {
    const values = generateSeries('smooth', 365, 42);
    // demand doubles over the last 30 days; simple exponential smoothing fitted on the steady year lags behind
    for (let t = 335; t < 365; t++) values[t] += 20;
    const selection = selectForecast({ values, seasonLength: null }, { horizon: 7, candidates: ['ses'] });
    expect(selection.trackingSignal).toBeGreaterThan(selection.trackingLimit);
    expect(selection.drift).toBe(true);
  });
});
