import { DemandDay, demandStatistics, localDate } from './demand-statistics';

const sale = (offset: number, quantity: number): DemandDay => ({ offset, demand: quantity, availableDelta: -quantity });

describe('demandStatistics', () => {
  it('computes d and the sample sigma_d, counting days without movements as zero demand', () => {
    // window of 4 days, stock 100 now, sales 4 and 8 on days 1 and 3; days 0 and 2 sold nothing
    const s = demandStatistics({ windowDays: 4, days: [sale(1, 4), sale(3, 8)], availableNow: 100, firstMovementOffset: -10 });
    expect(s).toMatchObject({ dataPoints: 4, censoredDays: 0, preExistenceDays: 0, totalDemand: 12 });
    expect(s.d).toBe(3);
    // values 0, 4, 0, 8: mean 3, squares of deviations 9 + 1 + 9 + 25 = 44, / 3
    expect(s.sigmaD).toBeCloseTo(Math.sqrt(44 / 3), 12);
  });

  it('leaves out days that began with available <= 0 (censored), rebuilding the opening available backwards', () => {
    // available now 5; today (offset 3) a receipt of +10; day 2 sold 5; so day 2 opened at 5 - 10 + 5 = 0: censored
    // day 1 opened at 0 as well (nothing moved on day 1); day 0 opened at 0 + 3 = 3 (sold 3): counted
    const s = demandStatistics({
      windowDays: 3,
      days: [sale(0, 3), sale(2, 5), { offset: 3, demand: 0, availableDelta: 10 }],
      availableNow: 5,
      firstMovementOffset: -30,
    });
    expect(s).toMatchObject({ dataPoints: 1, censoredDays: 2, d: 3, sigmaD: 0 });
  });

  it('leaves out days before the first movement at the location, and its first day when it began empty', () => {
    const s = demandStatistics({
      windowDays: 10,
      days: [{ offset: 6, demand: 0, availableDelta: 50 }, sale(7, 2), sale(9, 4)],
      availableNow: 44,
      firstMovementOffset: 6,
    });
    // days 0..5 did not exist; day 6 began with 0 (the receipt came that day); days 7, 8, 9 count: 2, 0, 4
    expect(s).toMatchObject({ preExistenceDays: 6, censoredDays: 1, dataPoints: 3, d: 2 });
  });

  it('nets returns but never counts a day below zero demand, and ignores days outside the window', () => {
    const s = demandStatistics({
      windowDays: 2,
      days: [{ offset: -3, demand: 100, availableDelta: -100 }, { offset: 0, demand: -2, availableDelta: 2 }, sale(1, 6)],
      availableNow: 50,
      firstMovementOffset: -5,
    });
    expect(s).toMatchObject({ dataPoints: 2, d: 3, totalDemand: 6 });
  });

  it('has no data point without history', () => {
    expect(demandStatistics({ windowDays: 180, days: [], availableNow: 0, firstMovementOffset: null })).toMatchObject({
      dataPoints: 0,
      d: 0,
      sigmaD: 0,
      preExistenceDays: 180,
    });
  });
});

describe('localDate: days are cut at the location midnight', () => {
  it.each([
    ['2026-03-10T23:30:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'Europe/Paris', '2026-03-11'],
    ['2026-03-11T03:59:00Z', 'America/New_York', '2026-03-10'],
    ['2026-03-11T04:00:00Z', 'America/New_York', '2026-03-11'],
    ['2026-03-11T05:00:00Z', 'America/Chicago', '2026-03-11'],
    ['2026-03-10T14:59:00Z', 'Asia/Tokyo', '2026-03-10'],
    ['2026-03-10T15:00:00Z', 'Asia/Tokyo', '2026-03-11'],
  ])('%s in %s is %s', (at, tz, day) => {
    expect(localDate(new Date(at), tz)).toBe(day);
  });
});
