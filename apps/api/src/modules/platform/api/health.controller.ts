import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Database } from '../../../shared/database';
import { Public, RequireScope } from '../../../shared/http/auth';
import { metricsRegistry } from '../../../shared/metrics';
import { QUEUE_DRIVER, QueueDriver } from '../../../shared/queue/job-queue.port';

const CHECK_TIMEOUT_MS = 3000;

export interface HealthCheck {
  status: 'ok' | 'error';
  [detail: string]: unknown;
}
export interface HealthReport {
  status: 'ok' | 'error';
  checks: { database: HealthCheck; queue: HealthCheck; workers: HealthCheck };
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('platform')
@Controller()
export class HealthController {
  constructor(
    private readonly db: Database,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness and readiness: the database, the queue and the workers of this process' })
  @ApiOkResponse({ description: '{ status: "ok", checks: { database, queue, workers } }' })
  @ApiServiceUnavailableResponse({ description: 'not ready: the failing check has status "error" and a reason' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [database, queue] = await Promise.all([this.checkDatabase(), this.checkQueue()]);
    const workers = this.checkWorkers();
    const checks = { database, queue, workers };
    const ok = Object.values(checks).every((c) => c.status === 'ok');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks };
  }

  @Get('metrics')
  @RequireScope('admin')
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (also unauthenticated on METRICS_PORT, bound to 127.0.0.1)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }

  private async checkDatabase(): Promise<HealthCheck> {
    const started = Date.now();
    try {
      await within(CHECK_TIMEOUT_MS, this.db.query('SELECT 1'));
      return { status: 'ok', embedded: this.db.embedded, latencyMs: Date.now() - started };
    } catch (e) {
      return { status: 'error', embedded: this.db.embedded, reason: (e as Error).message };
    }
  }

  private async checkQueue(): Promise<HealthCheck> {
    try {
      const answered = await within(CHECK_TIMEOUT_MS, this.queue.ping());
      return answered
        ? { status: 'ok', driver: this.queue.kind }
        : { status: 'error', driver: this.queue.kind, reason: 'the queue backend does not answer' };
    } catch (e) {
      return { status: 'error', driver: this.queue.kind, reason: (e as Error).message };
    }
  }

  private checkWorkers(): HealthCheck {
    const base = { role: this.config.role, queues: [...this.queue.consumedQueues] };
    if (!this.queue.consumedQueues.length) return { status: 'ok', ...base, detail: 'this process runs no workers' };
    return this.queue.workersRunning()
      ? { status: 'ok', ...base }
      : { status: 'error', ...base, reason: 'the job workers of this process are not running' };
  }
}
