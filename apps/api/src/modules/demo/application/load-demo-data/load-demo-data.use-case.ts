import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { Database } from '../../../../shared/database';
import { CatalogFacade } from '../../../catalog';
import { IngestMovementsUseCase } from '../../../ingestion';
import { DemoScenario, generateDemoScenario } from '../../domain/demo-scenario';
import { NotificationsFacade } from '../../../notifications';
import { ThresholdsFacade } from '../../../thresholds';

const SETTING = 'demo-data';
const BATCH = 10_000;

/**
 * Loads the demo business into an empty installation: catalog first, then a year of movements through the same
 * intake as any ERP (so the ledger, stock levels and outbox are exactly what real data would give). Resumable:
 * catalog writes are upserts and movements are idempotent by (source, externalId), so a load cut short by a
 * restart simply continues.
 */
@Injectable()
export class LoadDemoDataUseCase {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogFacade,
    private readonly intake: IngestMovementsUseCase,
    private readonly thresholds: ThresholdsFacade,
    private readonly notifications: NotificationsFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this installation should get the demo data: enabled, and either fresh or a load left unfinished. */
  async wanted(): Promise<boolean> {
    if (!this.config.demoData) return false;
    const [setting] = await this.db.query<{ value: { status: string } }>(`SELECT value FROM platform.settings WHERE key = $1`, [SETTING]);
    if (setting) return setting.value.status !== 'loaded';
    return (await this.catalog.countSkus()) === 0;
  }

  async execute(scenario: DemoScenario = generateDemoScenario()): Promise<{ skus: number; movements: number }> {
    const started = Date.now();
    await this.setStatus('loading');
    await this.db.transaction(async (em) => {
      const w = this.catalog.writer;
      await w.upsertLocations(em, scenario.locations.map(({ code, name, type, timeZone }) => ({ code, name, type, timeZone, active: true })));
      await w.upsertSuppliers(em, scenario.suppliers.map(({ code, name, contactEmail }) => ({ code, name, contactEmail, active: true })));
      await w.upsertSkus(em, scenario.skus.map(({ pattern: _pattern, ...sku }) => ({ ...sku, active: true })));
      for (const t of scenario.terms) {
        await w.putSupplierTerms(em, t.supplier, t.sku, {
          leadTimeDays: t.leadTimeDays,
          leadTimeStdDays: t.leadTimeStdDays,
          moq: t.moq,
          packSize: t.packSize,
          unitCost: t.unitCost,
        });
      }
    });
    this.logger.log(`demo catalog: ${scenario.skus.length} SKUs, ${scenario.locations.length} locations, ${scenario.suppliers.length} suppliers`);
    let rejected = 0;
    for (let i = 0; i < scenario.movements.length; i += BATCH) {
      const result = await this.intake.execute(scenario.movements.slice(i, i + BATCH));
      rejected += result.summary.rejected;
      const done = Math.min(i + BATCH, scenario.movements.length);
      this.logger.log(`demo movements: ${done.toLocaleString('en-US')} / ${scenario.movements.length.toLocaleString('en-US')}`);
    }
    if (rejected) this.logger.warn(`${rejected} demo movement(s) were refused; see GET /api/v1/dead-letters`);
    await this.setStatus('loaded');
    this.logger.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // before the recompute opens the alerts worth acting on, so they reach the bell of admins and planners
    await this.notifications.ensureRule({
      name: 'Demo: stockouts to admins and planners',
      severities: ['critical'],
      channels: ['dashboard'],
      recipients: [{ role: 'admin' }, { role: 'planner' }],
    });
    // the policies were first computed when the supplier terms arrived, before any history: compute them from it now
    const run = await this.thresholds.recomputeAll();
    this.logger.log(`reorder policies are being recomputed from the demo history (run ${run})`);
    return { skus: scenario.skus.length, movements: scenario.movements.length };
  }

  private async setStatus(status: 'loading' | 'loaded'): Promise<void> {
    await this.db.query(
      `INSERT INTO platform.settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [SETTING, JSON.stringify({ status, at: new Date().toISOString() })],
    );
  }
}
