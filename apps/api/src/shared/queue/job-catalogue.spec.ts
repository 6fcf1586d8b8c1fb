import { EVALUATION_CHUNK, EVENT_SUBSCRIPTIONS, FEW_LEVELS } from './job-catalogue';

const level = (i: number) => ({ skuId: `s${i}`, locationId: 'l1', skuCode: `S${i}`, locationCode: 'L1', occurredAt: '2026-11-23T00:00:00Z' });
const jobsFor = (n: number) =>
  EVENT_SUBSCRIPTIONS['inventory.stock-levels-changed'].flatMap((s) =>
    s.map({ levels: Array.from({ length: n }, (_, i) => level(i)) }).map((j) => ({ job: s.job, ...j })),
  );

describe('alert evaluations of a stock-levels-changed event', () => {
  it('gives a few levels one job each, keyed by the pair, so a burst on one pair waits as one job', () => {
    const jobs = jobsFor(FEW_LEVELS);
    expect(jobs).toHaveLength(FEW_LEVELS);
    expect(jobs[0]).toEqual({ job: 'alerts.evaluate-stock-level', payload: { skuId: 's0', locationId: 'l1' }, dedupKey: 's0:l1' });
  });

  it('gives a large batch chunks of pairs, every pair exactly once', () => {
    const n = EVALUATION_CHUNK * 2 + 7;
    const jobs = jobsFor(n);
    expect(jobs.map((j) => j.job)).toEqual(['alerts.evaluate-stock-levels', 'alerts.evaluate-stock-levels', 'alerts.evaluate-stock-levels']);
    const pairs = jobs.flatMap((j) => (j.payload as { levels: { skuId: string }[] }).levels.map((l) => l.skuId));
    expect(new Set(pairs).size).toBe(n);
    expect(pairs).toHaveLength(n);
  });
});
