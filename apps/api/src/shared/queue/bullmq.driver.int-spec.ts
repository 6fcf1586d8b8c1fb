import Redis from 'ioredis';
import { CONTRACT_CATALOGUE, queueDriverContract } from '../testing/queue-driver-contract';
import { TEST_REDIS_URL, workerRedisPrefix } from '../testing/test-env';
import { BullMqJobQueue, dedupJobId } from './bullmq.driver';
import { QUEUE_CONCURRENCY } from './job-catalogue';
import { JobRegistry } from './job-registry';

const redis = new Redis(TEST_REDIS_URL);
let run = 0;
const prefixes: string[] = [];

async function deleteKeys(prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function makeDriver(prefix: string, consume = ['default', 'imports', 'events']) {
  return new BullMqJobQueue({
    redisUrl: TEST_REDIS_URL,
    prefix,
    catalogue: CONTRACT_CATALOGUE,
    queues: ['default', 'imports', 'events'],
    consume,
    concurrency: QUEUE_CONCURRENCY,
  });
}

describe('the BullMQ queue driver', () => {
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(p);
    redis.disconnect();
  });

  queueDriverContract(async () => {
    const prefix = `${workerRedisPrefix()}-drv${++run}`;
    prefixes.push(prefix);
    const driver = makeDriver(prefix);
    return {
      driver,
      progressOf: async (jobId, queue) => (await driver.queue(queue).getJob(jobId))?.progress as number | undefined,
    };
  });

  it('keeps its keys under the configured prefix', async () => {
    const prefix = `${workerRedisPrefix()}-drv${++run}`;
    prefixes.push(prefix);
    const driver = makeDriver(prefix, []);
    await driver.start(new JobRegistry({}, []));
    await driver.enqueue('test.echo' as never, {} as never, { dedupKey: 'a:b' });
    const keys = await redis.keys(`${prefix}:default:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(await driver.queue('default').getJob(dedupJobId('test.echo', 'a:b'))).toBeDefined();
    expect(driver.consumedQueues).toEqual([]);
    expect(driver.workersRunning()).toBe(true);
    expect(await driver.ping()).toBe(true);
    await driver.close(1000);
  });
});
