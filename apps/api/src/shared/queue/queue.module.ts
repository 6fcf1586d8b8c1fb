import { DynamicModule, Global, Module } from '@nestjs/common';
import { JOB_QUEUE, JobQueue } from './job-queue.port';

const placeholder: JobQueue = {
  enqueue: async () => {
    throw new Error('queue drivers are not wired yet');
  },
  ping: async () => false,
};

@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return { module: QueueModule, providers: [{ provide: JOB_QUEUE, useValue: placeholder }], exports: [JOB_QUEUE] };
  }
}
