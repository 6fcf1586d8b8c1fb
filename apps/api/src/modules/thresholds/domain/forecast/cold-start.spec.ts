import { coldStartForecast } from './cold-start';
import { generateSeries } from './testing';

describe('cold start', () => {
  const predecessor = { values: generateSeries('smooth', 365, 31) };

  it('a new item with no history borrows the donors forecast, scaled, and says so', () => {
    const result = coldStartForecast({ values: new Float64Array(0), seasonLength: 7 }, [{ ...predecessor, scale: 0.5 }], { horizon: 7 });
    expect(result.basis).toBe('donors');
    expect(result.ownWeight).toBe(0);
    expect(result.donorsUsed).toBe(1);
    expect(result.forecast[0]).toBeGreaterThan(9);
    expect(result.forecast[0]).toBeLessThan(11);
    expect(result.own.status).toBe('no_observations');
  });

  it('blends in its own sales by credibility while its history is short', () => {
    // 7 days selling 4 a day; full history at 21 known periods (3 x horizon)
    const result = coldStartForecast({ values: new Float64Array(7).fill(4), seasonLength: 7 }, [predecessor], { horizon: 7 });
    expect(result.basis).toBe('blend');
    expect(result.ownWeight).toBeCloseTo(7 / 21, 12);
    const donor = coldStartForecast({ values: new Float64Array(0), seasonLength: 7 }, [predecessor], { horizon: 7 }).forecast[0];
    expect(result.forecast[0]).toBeCloseTo((7 / 21) * 4 + (14 / 21) * donor, 9);
  });

  it('uses its own history alone once it has enough', () => {
    const result = coldStartForecast({ values: generateSeries('smooth', 120, 32), seasonLength: 7 }, [predecessor], { horizon: 7 });
    expect(result.basis).toBe('own');
    expect(result.forecast).toBe(result.own.chosen.forecast);
  });

  it('averages several donors, and has nothing to go on without any', () => {
    const high = { values: new Float64Array(100).fill(30) };
    const low = { values: new Float64Array(100).fill(10) };
    const both = coldStartForecast({ values: new Float64Array(0), seasonLength: null }, [high, low], { horizon: 3 });
    expect(both.forecast[0]).toBeCloseTo(20, 6);
    const none = coldStartForecast({ values: new Float64Array(0), seasonLength: null }, [], { horizon: 3 });
    expect(none.basis).toBe('none');
    expect(Array.from(none.forecast)).toEqual([0, 0, 0]);
  });
});
