import { Injectable } from '@nestjs/common';
import { createPlatformTestApp } from '../testing/platform-test-app';
import { JobHandler } from './job-handler.decorator';
import { JOB_QUEUE, JobQueue } from './job-queue.port';
import { JobHandlerMismatchError } from './job-registry';

const events: string[] = [];

@Injectable()
@JobHandler('test.slow-work' as never)
class SlowWorkJob {
  async handle(): Promise<void> {
    events.push('started');
    await new Promise((r) => setTimeout(r, 800));
    events.push('finished');
  }
}

@Injectable()
@JobHandler('test.unknown-job' as never)
class StrayJob {
  async handle(): Promise<void> {}
}

describe('QueueModule at boot', () => {
  it('refuses to start when a job of the catalogue has no handler, naming it', async () => {
    await expect(createPlatformTestApp({ jobs: { 'test.missing': { queue: 'default', attempts: 1 } } })).rejects.toThrow(
      JobHandlerMismatchError,
    );
    await expect(createPlatformTestApp({ jobs: { 'test.missing': { queue: 'default', attempts: 1 } } })).rejects.toThrow(
      /job "test\.missing" has no @JobHandler/,
    );
  });

  it('refuses to start when a handler names a job that is not in the catalogue', async () => {
    await expect(createPlatformTestApp({ providers: [StrayJob] })).rejects.toThrow(/StrayJob handles "test\.unknown-job"/);
  });

  it('refuses to start with two handlers for one job', async () => {
    @Injectable()
    @JobHandler('test.slow-work' as never)
    class AnotherSlowWorkJob {
      async handle(): Promise<void> {}
    }
    await expect(
      createPlatformTestApp({
        jobs: { 'test.slow-work': { queue: 'default', attempts: 1 } },
        providers: [SlowWorkJob, AnotherSlowWorkJob],
      }),
    ).rejects.toThrow(/has 2 handlers \(SlowWorkJob, AnotherSlowWorkJob\)/);
  });
});

describe.each(['in-process', 'bullmq'] as const)('graceful shutdown (%s queue)', (queue) => {
  it('lets a job in flight finish when the app closes, before the database goes', async () => {
    events.length = 0;
    const t = await createPlatformTestApp({
      queue,
      jobs: { 'test.slow-work': { queue: 'default', attempts: 1 } },
      providers: [SlowWorkJob],
    });
    await t.app.get<JobQueue>(JOB_QUEUE).enqueue('test.slow-work' as never, {} as never);
    const until = Date.now() + 5000;
    while (!events.includes('started') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['started']);
    await t.close();
    expect(events).toEqual(['started', 'finished']);
  });
});
