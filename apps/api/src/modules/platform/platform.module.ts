import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HealthController } from './api/health.controller';
import { PurgeExpiredRecordsUseCase } from './application/purge-expired-records/purge-expired-records.use-case';
import { HttpMetricsMiddleware } from './infrastructure/http-metrics.middleware';
import { MetricsServer } from './infrastructure/metrics-server';
import { PurgeExpiredRecordsJob } from './jobs/purge-expired-records.job';

/** Operations: GET /health, GET /metrics (and the internal metrics port), request timing, housekeeping. */
@Module({
  controllers: [HealthController],
  providers: [MetricsServer, PurgeExpiredRecordsUseCase, PurgeExpiredRecordsJob],
})
export class PlatformModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
