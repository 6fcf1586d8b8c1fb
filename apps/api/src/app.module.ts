import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { SecretsModule } from './shared/crypto';
import { DatabaseModule } from './shared/database';
import { AuthGuard } from './shared/http/auth';
import { ProblemFilter } from './shared/http/problem.filter';
import { OutboxModule } from './shared/outbox/outbox.module';
import { QueueModule } from './shared/queue/queue.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { DemoModule } from './modules/demo/demo.module';
import { IdentityModule } from './modules/identity/identity.module';
import { IngestionModule } from './modules/ingestion/ingestion.module';
import { InventoryModule } from './modules/inventory/inventory.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlatformModule } from './modules/platform/platform.module';
import { ThresholdsModule } from './modules/thresholds/thresholds.module';
import { AlertsModule } from './modules/alerts/alerts.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        SecretsModule,
        QueueModule.forRoot(),
        OutboxModule,
        IdentityModule,
        CatalogModule,
        InventoryModule,
        ThresholdsModule,
        AlertsModule,
        IngestionModule,
        PlatformModule,
        NotificationsModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
