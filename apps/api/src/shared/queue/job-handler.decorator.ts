import { SetMetadata } from '@nestjs/common';
import { JobName } from './job-catalogue';

export const JOB_HANDLER_METADATA = 'stockpulse:job-handler';

/**
 * Marks an @Injectable class as the handler of one job of the catalogue. The class has
 * `async handle(payload, ctx: JobContext)` and is listed in its module's providers; QueueModule discovers it at
 * boot. Every job name needs exactly one handler, or the process refuses to start.
 */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER_METADATA, name);
