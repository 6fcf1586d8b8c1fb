import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CatalogModule } from '../catalog';
import { IngestionModule } from '../ingestion';
import { NotificationsModule } from '../notifications';
import { ThresholdsModule } from '../thresholds';
import { LoadDemoDataUseCase } from './application/load-demo-data/load-demo-data.use-case';

/**
 * demo: on the first start of a fresh installation (DEMO_DATA=true, the default), loads the demo business in
 * the background, so the dashboard has something true to show. A process with APP_ROLE=api leaves it to the
 * worker.
 */
@Module({ imports: [CatalogModule, IngestionModule, ThresholdsModule, NotificationsModule], providers: [LoadDemoDataUseCase] })
export class DemoModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly loader: LoadDemoDataUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || !(await this.loader.wanted())) return;
    this.logger.log('loading the demo business (DEMO_DATA=false skips this)');
    this.loader.execute().catch((e: unknown) => this.logger.error(`demo data failed to load: ${(e as Error).stack ?? e}`));
  }
}
