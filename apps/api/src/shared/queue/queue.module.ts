import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queueDepth } from '../metrics';
import { BullMqJobQueue } from './bullmq.driver';
import { InProcessJobQueue } from './in-process.driver';
import { JOB_CATALOGUE, JobCatalogue, QUEUE_CONCURRENCY, QUEUES } from './job-catalogue';
import { consumedQueues } from './job-execution';
import { JOB_HANDLER_METADATA } from './job-handler.decorator';
import { JOB_QUEUE, QUEUE_DRIVER } from './job-queue.port';
import { DiscoveredHandler, JobRegistry } from './job-registry';

/** The job catalogue the process runs: JOB_CATALOGUE, or a fake one in tests (QueueModule.forRoot({ catalogue })). */
export const JOB_DEFINITIONS = Symbol('JOB_DEFINITIONS');

type Driver = InProcessJobQueue | BullMqJobQueue;

export function createQueueDriver(config: AppConfig, catalogue: JobCatalogue): Driver {
  const queues = [...new Set<string>([...QUEUES, ...Object.values(catalogue).map((d) => d.queue)])];
  if (!config.redisUrl) {
    if (config.role !== 'all') {
      new Logger('Queue').warn(
        `APP_ROLE=${config.role} without REDIS_URL: the in-process queue runs every job in this process; set REDIS_URL to split roles`,
      );
    }
    return new InProcessJobQueue({ catalogue, concurrency: QUEUE_CONCURRENCY });
  }
  return new BullMqJobQueue({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    catalogue,
    queues,
    consume: consumedQueues(config.role, config.workerQueues, queues),
    concurrency: QUEUE_CONCURRENCY,
  });
}

/** Finds every @JobHandler provider of the application. */
export function discoverJobHandlers(discovery: DiscoveryService, reflector: Reflector): DiscoveredHandler[] {
  const found: DiscoveredHandler[] = [];
  for (const wrapper of discovery.getProviders()) {
    const type = wrapper.metatype;
    if (!type || typeof type !== 'function' || !wrapper.instance) continue;
    const name = reflector.get<string | undefined>(JOB_HANDLER_METADATA, type);
    if (name) found.push({ name, className: type.name, instance: wrapper.instance });
  }
  return found;
}

/**
 * At boot: checks the handlers against the catalogue (the process refuses to start on a mismatch) and starts the
 * driver. At shutdown (app.close(), SIGTERM): stops taking jobs and waits for the running ones, up to
 * SHUTDOWN_TIMEOUT_MS, before the database closes.
 */
@Injectable()
export class QueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private removeDepthSource?: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(QUEUE_DRIVER) private readonly driver: Driver,
    @Inject(JOB_DEFINITIONS) private readonly catalogue: JobCatalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let registry: JobRegistry;
    try {
      registry = new JobRegistry(this.catalogue, discoverJobHandlers(this.discovery, this.reflector));
    } catch (e) {
      await this.driver.close(0);
      throw e;
    }
    await this.driver.start(registry);
    this.removeDepthSource = queueDepth.add(async () =>
      (await this.driver.depth()).flatMap((d) => [
        { labels: { queue: d.queue, state: 'waiting' }, value: d.waiting },
        { labels: { queue: d.queue, state: 'delayed' }, value: d.delayed },
      ]),
    );
    this.logger.log(
      `${this.driver.kind} queue: ${registry.all().length} job(s); consuming ${this.driver.consumedQueues.join(', ') || 'no queue'}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.removeDepthSource?.();
    await this.driver.close(this.config.shutdownTimeoutMs);
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: { catalogue?: JobCatalogue } = {}): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JOB_DEFINITIONS, useValue: options.catalogue ?? JOB_CATALOGUE },
        { provide: QUEUE_DRIVER, inject: [APP_CONFIG, JOB_DEFINITIONS], useFactory: createQueueDriver },
        { provide: JOB_QUEUE, useExisting: QUEUE_DRIVER },
        QueueLifecycle,
      ],
      exports: [JOB_QUEUE, QUEUE_DRIVER, JOB_DEFINITIONS],
    };
  }
}
