import { EntityManager } from 'typeorm';
import { afterCommit } from '../database';
import { JobCatalogue, JobDefinition, JobName, JobPayloads } from './job-catalogue';
import { EnqueueOptions, JobContext, JobHandlerInstance, JobQueue } from './job-queue.port';

export interface DiscoveredHandler {
  name: string;
  /** the class that declared it, named in error messages */
  className: string;
  instance: unknown;
}

export interface RegisteredJob {
  name: string;
  definition: JobDefinition;
  handle(payload: unknown, context: JobContext): Promise<void>;
}

/** Raised at boot when the handlers found do not match the job catalogue one to one. */
export class JobHandlerMismatchError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start: the job handlers do not match the job catalogue:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The jobs this process knows, each with its one handler. Built at boot from the catalogue and the discovered
 * @JobHandler classes; throws JobHandlerMismatchError unless every job has exactly one handler and every handler
 * names a job of the catalogue.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, RegisteredJob>();

  constructor(
    readonly catalogue: JobCatalogue,
    handlers: DiscoveredHandler[],
  ) {
    const problems: string[] = [];
    const byName = new Map<string, DiscoveredHandler[]>();
    for (const h of handlers) {
      if (!Object.hasOwn(catalogue, h.name)) {
        problems.push(`${h.className} handles "${h.name}", which is not a job of the catalogue (job-catalogue.ts)`);
        continue;
      }
      if (typeof (h.instance as Partial<JobHandlerInstance>)?.handle !== 'function') {
        problems.push(`${h.className} handles "${h.name}" but has no handle(payload, context) method`);
        continue;
      }
      byName.set(h.name, [...(byName.get(h.name) ?? []), h]);
    }
    for (const name of Object.keys(catalogue)) {
      const found = byName.get(name) ?? [];
      if (found.length === 0) problems.push(`job "${name}" has no @JobHandler('${name}') provider`);
      if (found.length > 1) {
        problems.push(`job "${name}" has ${found.length} handlers (${found.map((h) => h.className).join(', ')}); it needs exactly one`);
      }
      if (found.length === 1) {
        const instance = found[0].instance as JobHandlerInstance;
        this.jobs.set(name, {
          name,
          definition: catalogue[name],
          handle: (payload, context) => instance.handle(payload as never, context),
        });
      }
    }
    if (problems.length) throw new JobHandlerMismatchError(problems);
  }

  get(name: string): RegisteredJob {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`Unknown job "${name}": it is not in the job catalogue.`);
    return job;
  }

  all(): RegisteredJob[] {
    return [...this.jobs.values()];
  }
}

/**
 * Enqueues once the transaction of `em` has committed, and never if it rolls back. Prefer an outbox event for
 * anything that must survive a crash between the commit and the enqueue.
 */
export function enqueueAfterCommit<N extends JobName>(
  em: EntityManager,
  queue: JobQueue,
  name: N,
  payload: JobPayloads[N],
  options?: EnqueueOptions,
): void {
  afterCommit(em, () => queue.enqueue(name, payload, options));
}
