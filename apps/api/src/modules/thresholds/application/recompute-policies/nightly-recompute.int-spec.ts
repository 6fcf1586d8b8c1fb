import { createTestApp, resetDatabase, TestApp } from '../../../../shared/testing/test-app';
import { RecomputePoliciesUseCase } from './recompute-policies.use-case';

const HOUR = 3_600_000;

/** The nightly recompute runs at a clock time, once per night, and catches up a night missed while no worker ran. */
describe('nightly recompute at NIGHTLY_RECOMPUTE_AT', () => {
  let t: TestApp;
  let recompute: RecomputePoliciesUseCase;
  // a slot two minutes ago, on the clock of Tokyo
  const slotAgo = new Date(Date.now() - 2 * 60_000);
  const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(slotAgo);

  beforeAll(async () => {
    t = await createTestApp({ env: { NIGHTLY_RECOMPUTE_AT: tokyo, NIGHTLY_RECOMPUTE_TIME_ZONE: 'Asia/Tokyo' } });
    recompute = t.app.get(RecomputePoliciesUseCase);
  });
  beforeEach(() => resetDatabase(t.db));
  afterAll(async () => {
    await resetDatabase(t.db);
    await t.close();
  });

  const nightlyRuns = async () => Number((await t.db.query(`SELECT count(*) AS n FROM thresholds.recompute_runs WHERE trigger = 'nightly'`))[0].n);

  it('runs once when the time has come, and not again that night', async () => {
    const run = await recompute.runNightlyIfDue(new Date(), new Date(Date.now() - HOUR));
    expect(run).toMatchObject({ trigger: 'nightly', status: 'succeeded' });
    expect(await recompute.runNightlyIfDue(new Date(), new Date(Date.now() - HOUR))).toBeNull();
    expect(await nightlyRuns()).toBe(1);
  });

  it('lets a new install wait for its first night, but catches up a night missed by one that ran before', async () => {
    const startedNow = new Date();
    expect(await recompute.runNightlyIfDue(new Date(), startedNow)).toBeNull();
    expect(await nightlyRuns()).toBe(0);
    await t.db.query(`INSERT INTO thresholds.recompute_runs (id, trigger, status, created_at) VALUES (gen_random_uuid(), 'nightly', 'succeeded', now() - interval '2 days')`);
    expect(await recompute.runNightlyIfDue(new Date(), startedNow)).toMatchObject({ trigger: 'nightly', status: 'succeeded' });
    expect(await nightlyRuns()).toBe(2);
  });

  it('is off with NIGHTLY_RECOMPUTE_AT=off', async () => {
    const off = await createTestApp({ env: { NIGHTLY_RECOMPUTE_AT: 'off' } });
    try {
      expect(await off.app.get(RecomputePoliciesUseCase).runNightlyIfDue(new Date(), new Date(Date.now() - HOUR))).toBeNull();
    } finally {
      await off.close();
    }
  });
});
