import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecomputeRequest, RecomputeRun } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { Database } from '../../../../shared/database';
import { previousLocalTime } from '../../../../shared/time/zoned-time';
import { CatalogFacade } from '../../../catalog';
import { InventoryFacade } from '../../../inventory';
import { PairKey, PolicyInputs, pairKey } from '../../domain/computed-policy';
import { PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';
import { RecomputeRunsRepository } from '../../infrastructure/recompute-runs.repository';
import { PolicyCalculator } from '../compute-policies/policy-calculator';

/** SKU x locations per chunk: one demand read, one upsert and one event per chunk. */
export const RECOMPUTE_CHUNK = 2000;
/** Chunks read (demand history) or written (figures) at once: Postgres works on them in parallel. */
const PARALLEL_CHUNKS = 2;
/** Share of the progress bar for reading demand history; the rest is classifying and writing the figures. */
const READ_SHARE = 80;

/**
 * Recomputes the policies of every SKU x location a run covers (all, or its filter): every pair with a stock level
 * or a policy of its own. Demand history is read chunk by chunk; ABC is then ranked per location; the figures are
 * written chunk by chunk, each chunk in one transaction with its `thresholds.policies-changed` event. Progress goes
 * to the run row (GET /api/v1/policies/recompute/{id}) and to the job. A retried run starts over (it is idempotent).
 */
@Injectable()
export class RecomputePoliciesUseCase {
  private readonly logger = new Logger(RecomputePoliciesUseCase.name);

  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogFacade,
    private readonly inventory: InventoryFacade,
    private readonly settings: PolicySettingsRepository,
    private readonly runs: RecomputeRunsRepository,
    private readonly calculator: PolicyCalculator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs the nightly recompute when its slot (NIGHTLY_RECOMPUTE_AT on the clock of NIGHTLY_RECOMPUTE_TIME_ZONE)
   * has come and no nightly run has been made since; `startedAt`: when this process started. Null: not due.
   */
  async runNightlyIfDue(now: Date, startedAt: Date, report?: (percent: number) => Promise<void>): Promise<RecomputeRun | null> {
    const at = this.config.nightlyRecompute;
    if (!at) return null;
    const slot = previousLocalTime(now, at.hour, at.minute, at.timeZone);
    const run = await this.runs.createNightly(randomUUID(), slot, startedAt);
    if (!run) return null;
    this.logger.log(`nightly recompute ${run.id} for the slot of ${slot.toISOString()}`);
    await this.execute(run.id, report);
    return (await this.runs.get(run.id))!;
  }

  /** A run created and executed here and now (supplier terms). */
  async runNow(trigger: RecomputeRun['trigger'], filter: RecomputeRequest, report?: (percent: number) => Promise<void>): Promise<RecomputeRun> {
    const run = await this.runs.create(null, { id: randomUUID(), trigger, filter, requestedBy: null });
    await this.execute(run.id, report);
    return (await this.runs.get(run.id))!;
  }

  async execute(runId: string, report: (percent: number) => Promise<void> = async () => {}): Promise<void> {
    const run = await this.runs.get(runId);
    if (!run) return;
    const keys = await this.keysOf(run.filter);
    await this.runs.start(runId, keys.length);
    const total = keys.length;
    const chunks: PairKey[][] = [];
    for (let i = 0; i < keys.length; i += RECOMPUTE_CHUNK) chunks.push(keys.slice(i, i + RECOMPUTE_CHUNK));
    const ctx = await this.calculator.context();
    const started = Date.now();

    const gathered: PolicyInputs[][] = new Array(chunks.length);
    let read = 0;
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const index = next++;
        gathered[index] = await this.calculator.gather(chunks[index], ctx);
        read += chunks[index].length;
        const percent = Math.floor((read / total) * READ_SHARE);
        await this.runs.progress(null, runId, 0, 0, percent);
        await report(percent);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, worker));
    const readMs = Date.now() - started;

    const classes = await this.calculator.classify(gathered.flat());
    let done = 0;
    let changed = 0;
    let nextWrite = 0;
    // chunks are written as many at a time as they are read (disjoint pairs: the transactions meet only on the run
    // row, whose counters only move forward)
    const writer = async () => {
      while (nextWrite < gathered.length) {
        const inputs = gathered[nextWrite++];
        const figures = this.calculator.figures(inputs, classes, ctx);
        let percent = 0;
        await this.db.transaction(async (em) => {
          changed += (await this.calculator.store(em, figures, runId)).length;
          done += inputs.length;
          percent = Math.min(total ? READ_SHARE + Math.floor((done / total) * (100 - READ_SHARE)) : 100, 99);
          await this.runs.progress(em, runId, done, changed, percent);
        });
        await report(percent);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, gathered.length) }, writer));
    // pairs that vanished between listing and reading (a SKU deleted) are done too
    await this.runs.progress(null, runId, total, changed, 99);
    await this.runs.finish(runId, 'succeeded', null);
    await report(100);
    this.logger.log(`recompute ${runId}: ${total} SKU x locations, ${changed} moved, read ${readMs} ms, total ${Date.now() - started} ms`);
  }

  async failed(runId: string, error: unknown, final: boolean): Promise<void> {
    if (final) await this.runs.finish(runId, 'failed', (error as Error).message ?? String(error));
  }

  /** Every SKU x location of a filter: those with a stock level and those with a policy of their own. */
  private async keysOf(filter: RecomputeRequest): Promise<PairKey[]> {
    let skuIds: string[] | undefined;
    if (filter.skus?.length) skuIds = [...(await this.catalog.resolveSkus(filter.skus)).values()].map((s) => s.id);
    if (filter.categories?.length) {
      const inCategories = await this.catalog.skuIdsInCategories(filter.categories);
      skuIds = skuIds ? inCategories.filter((id) => skuIds!.includes(id)) : inCategories;
    }
    const locationIds = filter.locations?.length
      ? [...(await this.catalog.resolveLocations(filter.locations)).values()].map((l) => l.id)
      : undefined;
    const narrowed = { skuIds, locationIds };
    const [levels, policies] = await Promise.all([this.inventory.stockLevelKeys(narrowed), this.settings.policyKeys(narrowed)]);
    const all = new Map<string, PairKey>();
    for (const k of [...levels, ...policies]) all.set(pairKey(k), { skuId: k.skuId, locationId: k.locationId });
    // in the ledger index's order (sku_id, location_id): a chunk is then one contiguous stretch of the index, and
    // it names a quarter as many SKUs (catalog reads) as a chunk of one location would
    return [...all.values()].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : a.locationId < b.locationId ? -1 : 1));
  }
}
