import { queueDriverContract, CONTRACT_CATALOGUE } from '../testing/queue-driver-contract';
import { QUEUE_CONCURRENCY } from './job-catalogue';
import { InProcessJobQueue } from './in-process.driver';
import { JobRegistry } from './job-registry';

describe('the in-process queue driver', () => {
  queueDriverContract(async () => {
    const driver = new InProcessJobQueue({ catalogue: CONTRACT_CATALOGUE, concurrency: QUEUE_CONCURRENCY });
    return { driver, progressOf: async (jobId) => driver.progressOf(jobId) };
  });

  it('never runs a job inside the enqueue call', async () => {
    const driver = new InProcessJobQueue({ catalogue: CONTRACT_CATALOGUE, concurrency: QUEUE_CONCURRENCY });
    let ran = false;
    driver.start(
      new JobRegistry(
        CONTRACT_CATALOGUE,
        Object.keys(CONTRACT_CATALOGUE).map((name) => ({
          name,
          className: name,
          instance: { handle: async () => void (ran = true) },
        })),
      ),
    );
    await driver.enqueue('test.echo' as never, {} as never);
    expect(ran).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(true);
    await driver.close(1000);
  });
});
