import { Logger } from '@nestjs/common';
import { jobDuration, jobsTotal } from '../metrics';
import { DEFAULT_BACKOFF_MS, JobCatalogue, JobDefinition } from './job-catalogue';
import { JobContext, JobRequest } from './job-queue.port';
import { RegisteredJob } from './job-registry';

const logger = new Logger('Jobs');

/**
 * Runs one attempt of a job the same way in both drivers: times it, counts its outcome (completed, retried or
 * failed for good) and logs failures. Rethrows the handler's error so the driver can retry.
 */
export async function runAttempt(job: RegisteredJob, payload: unknown, context: JobContext): Promise<void> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    await job.handle(payload, context);
    jobsTotal.inc({ name: job.name, outcome: 'completed' });
    jobDuration.observe({ name: job.name, outcome: 'completed' }, seconds());
  } catch (e) {
    const final = context.attempt >= job.definition.attempts;
    const outcome = final ? 'failed' : 'retried';
    jobsTotal.inc({ name: job.name, outcome });
    jobDuration.observe({ name: job.name, outcome }, seconds());
    const message = `job ${job.name} (${context.jobId}) attempt ${context.attempt}/${job.definition.attempts} failed${final ? ' for good' : ', will retry'}: ${(e as Error)?.message ?? e}`;
    if (final) logger.error(message, (e as Error)?.stack);
    else logger.warn(message);
    throw e;
  }
}

/** The catalogue entry of each job, checked before any is enqueued: an unknown name enqueues none. */
export function jobDefinitions(catalogue: JobCatalogue, jobs: readonly JobRequest[]): JobDefinition[] {
  return jobs.map(({ name }) => {
    const definition = catalogue[name];
    if (!definition) throw new Error(`Unknown job "${name}": it is not in the job catalogue.`);
    return definition;
  });
}

/** Delay before attempt `nextAttempt` (2, 3, ...): backoff, then doubled each time. */
export function backoffDelay(definition: JobDefinition, nextAttempt: number): number {
  return (definition.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (nextAttempt - 2);
}

/** Which queues this process consumes: none for the api role, else all (or those WORKER_QUEUES names). */
export function consumedQueues(
  role: 'api' | 'worker' | 'all',
  workerQueues: readonly string[] | undefined,
  all: readonly string[],
): string[] {
  if (role === 'api') return [];
  if (!workerQueues?.length) return [...all];
  const unknown = workerQueues.filter((q) => !all.includes(q));
  if (unknown.length) {
    throw new Error(`WORKER_QUEUES names unknown queue(s) ${unknown.join(', ')}; the queues are ${all.join(', ')}.`);
  }
  return all.filter((q) => workerQueues.includes(q));
}
