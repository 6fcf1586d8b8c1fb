import { fitModel, selectForecast } from './select';
import { generateSeries } from './testing';
import type { ModelName } from './types';

const daily = (values: Float64Array) => ({ values, seasonLength: 7 });
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('selectForecast picks the model that matches the structure of the series', () => {
  it('weekly seasonal demand: a seasonal model, with the weekend peak in its forecast', () => {
    const values = generateSeries('seasonal', 365, 1);
    const selection = selectForecast(daily(values), { horizon: 14 });
    expect(selection.status).toBe('selected');
    expect(selection.pattern).toBe('smooth');
    expect(['holt_winters_additive', 'holt_winters_multiplicative', 'seasonal_naive']).toContain(selection.chosen.model);
    // day 365 is slot 1 (t mod 7); the peak (factor 1.6) is on slot 5, i.e. forecast index 4
    const f = selection.chosen.forecast;
    expect(f[4]).toBeGreaterThan(f[0] * 1.5);
    expect(f[4]).toBeGreaterThan(27);
    expect(f[4]).toBeLessThan(37);
    // it beats the non-seasonal references clearly
    const mase = (model: ModelName) => selection.scores.find((s) => s.model === model)!.mase;
    expect(selection.chosen.mase).toBeLessThan(mase('ses') * 0.8);
    expect(selection.chosen.mase).toBeLessThan(mase('naive') * 0.8);
  });

  it('a rising trend: Holt damped, forecasting above the last level', () => {
    const values = generateSeries('trend', 365, 2);
    const selection = selectForecast({ values, seasonLength: null }, { horizon: 14 });
    expect(selection.chosen.model).toBe('holt_damped');
    // level about 10 + 0.1 * 365 = 46.5 at the end
    expect(selection.chosen.forecast[13]).toBeGreaterThan(44);
    expect(selection.chosen.forecast[13]).toBeLessThan(52);
  });

  // a lumpy series' recent rate wanders far from its long-run rate (sizes up to 40 on one day in six): wider band
  it.each([
    ['intermittent', 3, 0.5, 1.5],
    ['lumpy', 4, 0.25, 2.5],
  ] as const)('%s demand: classified so, an intermittent-demand model near the true rate', (pattern, seed, low, high) => {
    const values = generateSeries(pattern, 365, seed);
    const selection = selectForecast(daily(values), { horizon: 14 });
    expect(selection.pattern).toBe(pattern);
    expect(selection.adi).toBeGreaterThan(1.32);
    expect(['croston', 'sba', 'tsb', 'ses', 'moving_average']).toContain(selection.chosen.model);
    expect(selection.runnerUp!.model).not.toMatch(/naive/);
    const rate = sum(values) / values.length;
    expect(selection.chosen.forecast[0]).toBeGreaterThan(rate * low);
    expect(selection.chosen.forecast[0]).toBeLessThan(rate * high);
    // out of sample, it neither over- nor under-forecasts by much
    expect(Math.abs(selection.chosen.bias)).toBeLessThan(rate * 0.25);
    expect(selection.scores.map((s) => s.model)).toEqual(expect.arrayContaining(['croston', 'sba', 'tsb', 'naive', 'seasonal_naive']));
  });

  it('keeps the runner-up and every score, best first, on the same evaluation', () => {
    const selection = selectForecast(daily(generateSeries('smooth', 365, 5)), { horizon: 7 });
    expect(selection.runnerUp).not.toBeNull();
    expect(selection.runnerUp!.model).toBe(selection.scores[1].model);
    expect(selection.scores[0].model).toBe(selection.chosen.model);
    for (let i = 1; i < selection.scores.length; i++) expect(selection.scores[i].score).toBeGreaterThanOrEqual(selection.scores[i - 1].score);
    expect(selection.chosen.mase).toBe(selection.scores[0].mase);
  });

  it('produces one rolling-origin error of the summed horizon forecast per origin', () => {
    const n = 200;
    const horizon = 10;
    const selection = selectForecast(daily(generateSeries('smooth', n, 6)), { horizon });
    // evaluation: the last 40% of the periods (80), origins 120..190
    expect(selection.chosen.horizonErrors).toHaveLength(200 - horizon - 120 + 1);
    expect(selection.chosen.forecast).toHaveLength(horizon);
    expect(selection.chosen.fitted).toHaveLength(n);
    expect(selection.chosen.residuals).toHaveLength(n);
    // Poisson(20) over 10 days: the errors of the sum spread like sqrt(200) ~ 14, centred near 0
    const errors = Array.from(selection.chosen.horizonErrors);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((a, b) => a + (b - mean) ** 2, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan(8);
    expect(sd).toBeGreaterThan(8);
    expect(sd).toBeLessThan(25);
  });

  it('honours an explicit candidate list', () => {
    const selection = selectForecast(daily(generateSeries('smooth', 365, 7)), { horizon: 7, candidates: ['ses', 'naive'] });
    expect(selection.scores.map((s) => s.model).sort()).toEqual(['naive', 'ses']);
  });
});

describe('censored periods (NaN) and empty histories', () => {
  it('reads stockout days as unknown, not as zero demand', () => {
    const values = generateSeries('smooth', 365, 8);
    // a stockout every other week: 4 days unknown
    for (let t = 0; t < 365; t++) if (t % 14 >= 10) values[t] = NaN;
    const selection = selectForecast(daily(values), { horizon: 14 });
    expect(selection.status).toBe('selected');
    expect(selection.chosen.forecast[0]).toBeGreaterThan(18);
    expect(selection.chosen.forecast[0]).toBeLessThan(22);
    expect(Number.isFinite(selection.chosen.mase)).toBe(true);
    expect(selection.chosen.residuals.filter((e) => Number.isNaN(e)).length).toBe(365 - values.filter((v) => !Number.isNaN(v)).length);
  });

  it('still forecasts when the last periods are unknown (a stockout now)', () => {
    const values = generateSeries('intermittent', 365, 9);
    values.fill(NaN, 340);
    const selection = selectForecast(daily(values), { horizon: 14 });
    expect(selection.status).toBe('selected');
    expect(selection.chosen.forecast[0]).toBeGreaterThan(0.2);
  });

  it('every period unknown: zero forecast, flagged, no throw', () => {
    const selection = selectForecast(daily(new Float64Array(365).fill(NaN)), { horizon: 14 });
    expect(selection.status).toBe('no_observations');
    expect(Array.from(selection.chosen.forecast)).toEqual(new Array(14).fill(0));
    expect(selection.observedPeriods).toBe(0);
    expect(selection.drift).toBe(false);
  });

  it('no demand at all: zero forecast, flagged', () => {
    const selection = selectForecast(daily(new Float64Array(365)), { horizon: 14 });
    expect(selection.status).toBe('no_demand');
    expect(sum(selection.chosen.forecast)).toBe(0);
  });

  it('almost everything unknown: the mean of what is known, flagged as short history', () => {
    const values = new Float64Array(365).fill(NaN);
    values[100] = 4;
    values[200] = 0;
    values[300] = 2;
    const selection = selectForecast(daily(values), { horizon: 7 });
    expect(selection.status).toBe('short_history');
    expect(selection.chosen.forecast[0]).toBeCloseTo(2, 12);
    expect(selection.scores).toEqual([]);
    expect(selection.chosen.mase).toBeNaN();
  });

  it('an empty series', () => {
    const selection = selectForecast(daily(new Float64Array(0)), { horizon: 3 });
    expect(selection.status).toBe('no_observations');
    expect(Array.from(selection.chosen.forecast)).toEqual([0, 0, 0]);
  });

  it('leading unknown periods are set aside, and the outputs keep the input length', () => {
    const values = new Float64Array(300).fill(NaN);
    values.set(generateSeries('smooth', 200, 10), 100);
    const selection = selectForecast(daily(values), { horizon: 7 });
    expect(selection.status).toBe('selected');
    expect(selection.chosen.fitted).toHaveLength(300);
    expect(Number.isNaN(selection.chosen.fitted[50])).toBe(true);
    expect(Number.isFinite(selection.chosen.fitted[150])).toBe(true);
  });

  it('refuses a horizon that is not a positive integer', () => {
    expect(() => selectForecast(daily(new Float64Array(10)), { horizon: 0 })).toThrow(RangeError);
    expect(() => selectForecast(daily(new Float64Array(10)), { horizon: 1.5 })).toThrow(RangeError);
  });
});

describe('fitModel', () => {
  it('fits, evaluates and forecasts one model', () => {
    const fit = fitModel('sba', daily(generateSeries('intermittent', 365, 11)), 14);
    expect(fit.model).toBe('sba');
    expect(Object.keys(fit.params).sort()).toEqual(['alphaInterval', 'alphaSize']);
    expect(fit.mase).toBeGreaterThan(0);
    expect(fit.horizonErrors.length).toBeGreaterThan(100);
  });

  it('refuses a seasonal model without a season, or without two seasons of history', () => {
    expect(() => fitModel('holt_winters_additive', { values: new Float64Array(100), seasonLength: null }, 7)).toThrow(/season length/);
    expect(() => fitModel('holt_winters_additive', { values: new Float64Array(20), seasonLength: 12 }, 3)).toThrow(/2 full season/);
  });

  it('fits without evaluating when the history is too short to evaluate', () => {
    const fit = fitModel('ses', daily(Float64Array.from([3, 4, 5])), 7);
    expect(fit.mase).toBeNaN();
    expect(fit.forecast[0]).toBeGreaterThan(3);
  });
});
