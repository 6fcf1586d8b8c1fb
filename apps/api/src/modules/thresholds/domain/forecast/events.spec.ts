import { adjustForEvents, applyUplifts, eventUplifts, learnUplift } from './events';
import { selectForecast } from './select';
import { generateSeries } from './testing';

describe('known events', () => {
  it('combines overlapping events and clips them to the range asked', () => {
    const uplifts = eventUplifts(10, 6, [
      { start: 8, end: 12, uplift: 2 },
      { start: 11, end: 20, uplift: 1.5 },
    ]);
    expect(Array.from(uplifts)).toEqual([2, 3, 1.5, 1.5, 1.5, 1.5]);
    expect(() => eventUplifts(0, 3, [{ start: 0, end: 1, uplift: 0 }])).toThrow(RangeError);
  });

  it('round trip: an uplift learned from past promotions, taken out of history and put back into the forecast', () => {
    const n = 364;
    const values = generateSeries('smooth', n, 21);
    // a one-week promotion every eight weeks at 1.5x, the last one already planned for the next week
    const events = [0, 1, 2, 3, 4, 5].map((k) => ({ start: 20 + 56 * k, end: 27 + 56 * k, uplift: 1.5 }));
    const inEvent = Array.from(eventUplifts(0, n, events), (u) => u !== 1);
    for (let t = 0; t < n; t++) if (inEvent[t]) values[t] = Math.round(values[t] * 1.5);

    const learned = learnUplift(values, inEvent, 7)!;
    expect(learned.periods).toBe(42);
    expect(learned.uplift).toBeGreaterThan(1.4);
    expect(learned.uplift).toBeLessThan(1.6);

    const adjusted = adjustForEvents(values, eventUplifts(0, n, events.map((e) => ({ ...e, uplift: learned.uplift }))));
    const base = selectForecast({ values: adjusted, seasonLength: 7 }, { horizon: 14 });
    // the adjusted history is flat around 20: the promotions did not lift the baseline
    expect(base.chosen.forecast[0]).toBeGreaterThan(18);
    expect(base.chosen.forecast[0]).toBeLessThan(22);
    const planned = eventUplifts(n, 14, [{ start: n + 7, end: n + 14, uplift: learned.uplift }]);
    const forecast = applyUplifts(base.chosen.forecast, planned);
    expect(forecast[3]).toBeCloseTo(base.chosen.forecast[3], 12);
    expect(forecast[10] / base.chosen.forecast[10]).toBeCloseTo(learned.uplift, 12);
  });

  it('keeps unknown periods unknown when adjusting, and learns nothing without known event periods', () => {
    const adjusted = adjustForEvents(Float64Array.from([NaN, 4]), Float64Array.from([2, 2]));
    expect(Number.isNaN(adjusted[0])).toBe(true);
    expect(adjusted[1]).toBe(2);
    const values = generateSeries('smooth', 100, 22);
    values[50] = NaN;
    const inEvent = Array.from({ length: 100 }, (_, t) => t === 50);
    expect(learnUplift(values, inEvent, null)).toBeNull();
  });
});
