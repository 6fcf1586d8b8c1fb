import { Injectable } from '@nestjs/common';
import type { Page, Policy, PolicyChange, PolicyChangeStatus, PolicyListQuery, RecomputeRun } from '@stockpulse/contracts';
import { Database, SqlFilter } from '../../../../shared/database';
import { NotFoundError } from '../../../../shared/errors';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { CatalogFacade, LocationRef, SkuRef, UnknownLocationError, UnknownSkuError } from '../../../catalog';
import { PairKey } from '../../domain/computed-policy';
import { resolvePolicy } from '../../domain/reorder-policy';
import { ComputedPoliciesRepository, toComputed } from '../../infrastructure/computed-policies.repository';
import { PolicyChangesRepository, StoredPolicyChange } from '../../infrastructure/policy-changes.repository';
import { PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';
import { RecomputeRunsRepository } from '../../infrastructure/recompute-runs.repository';
import { toChangeView, toPolicyView } from './policy-views';

/** What GET routes of thresholds answer. */
@Injectable()
export class ReadPoliciesQuery {
  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogFacade,
    private readonly settings: PolicySettingsRepository,
    private readonly computed: ComputedPoliciesRepository,
    private readonly changes: PolicyChangesRepository,
    private readonly runs: RecomputeRunsRepository,
  ) {}

  async resolvePair(skuCode: string, locationCode: string): Promise<{ sku: SkuRef; location: LocationRef; key: PairKey }> {
    const [skus, locations] = await Promise.all([this.catalog.resolveSkus([skuCode]), this.catalog.resolveLocations([locationCode])]);
    const sku = skus.get(skuCode);
    if (!sku) throw new UnknownSkuError(skuCode);
    const location = locations.get(locationCode);
    if (!location) throw new UnknownLocationError(locationCode);
    return { sku, location, key: { skuId: sku.id, locationId: location.id } };
  }

  /** The policy in force for a SKU x location (inherited when none is set), with its computed figures. */
  async getPolicy(skuCode: string, locationCode: string): Promise<Policy> {
    const { sku, location, key } = await this.resolvePair(skuCode, locationCode);
    const [own, defaults, [computed], pending] = await Promise.all([
      this.settings.policiesOf([key]),
      this.settings.defaults(),
      this.computed.find([key]),
      this.changes.pendingOf([key]),
    ]);
    const resolved = resolvePolicy(
      own.get(`${key.skuId}:${key.locationId}`) ?? null,
      defaults.get(`location:${location.code}`)?.settings ?? null,
      defaults.get(`category:${sku.category}`)?.settings ?? null,
    );
    const change = pending.get(`${key.skuId}:${key.locationId}`);
    return toPolicyView(sku.code, location.code, resolved.settings, resolved.source, computed ?? null, change ? toChangeView(change, sku.code, location.code) : null);
  }

  /**
   * Computed policies, paged, sorted and filtered in the database. Like inventory's stock-level list, it joins the
   * catalog's tables read-only for codes and categories: filtering 100,000 rows by category cannot go through a facade.
   */
  async listPolicies(query: PolicyListQuery): Promise<Page<Policy>> {
    const offset = decodeCursor(query.cursor, query.offset);
    const f = new SqlFilter();
    if (query.sku) f.add('k.code = ?', query.sku);
    if (query.location) f.add('l.code = ?', query.location);
    if (query.category) f.add('k.category = ?', query.category);
    if (query.method) f.add('c.method = ?', query.method);
    if (query.abcClass) f.add('c.abc_class = ?', query.abcClass);
    const sortable: Record<string, string> = {
      sku: 'k.code',
      location: 'l.code',
      reorderPoint: 'c.reorder_point',
      safetyStock: 'c.safety_stock',
      abcClass: 'c.abc_class',
      computedAt: 'c.computed_at',
    };
    const sort = query.sort ?? 'sku';
    const desc = sort.startsWith('-');
    const column = sortable[desc ? sort.slice(1) : sort] ?? 'k.code';
    const from = `FROM thresholds.computed_policies c
      JOIN catalog.skus k ON k.id = c.sku_id
      JOIN catalog.locations l ON l.id = c.location_id
      ${f.where}`;
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT c.*, k.code AS sku_code, l.code AS location_code ${from}
         ORDER BY ${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST, k.code, l.code LIMIT ${f.next(1)} OFFSET ${f.next(2)}`,
        [...f.params, query.limit, offset],
      ),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, f.params),
    ]);
    const keys = rows.map((r) => ({ skuId: r.sku_id as string, locationId: r.location_id as string }));
    const pending = await this.changes.pendingOf(keys);
    const items = rows.map((r) => {
      const c = toComputed(r);
      const change = pending.get(`${c.skuId}:${c.locationId}`);
      const sku = r.sku_code as string;
      const location = r.location_code as string;
      return toPolicyView(sku, location, c.settings, c.source, c, change ? toChangeView(change, sku, location) : null);
    });
    return page(items, total[0].n, offset, query.limit);
  }

  async listChanges(status: PolicyChangeStatus | undefined, limit: number, cursor: string | undefined, offsetIn: number | undefined): Promise<Page<PolicyChange>> {
    const offset = decodeCursor(cursor, offsetIn);
    const { items, total } = await this.changes.list(status, limit, offset);
    return page(await this.changeViews(items), total, offset, limit);
  }

  async changeViews(changes: StoredPolicyChange[]): Promise<PolicyChange[]> {
    const [skus, locations] = await Promise.all([
      this.catalog.getSkusByIds([...new Set(changes.map((c) => c.skuId))]),
      this.catalog.getLocationsByIds([...new Set(changes.map((c) => c.locationId))]),
    ]);
    return changes.map((c) => toChangeView(c, skus.get(c.skuId)?.code ?? c.skuId, locations.get(c.locationId)?.code ?? c.locationId));
  }

  async getRun(id: string): Promise<RecomputeRun> {
    const run = /^[0-9a-f-]{36}$/i.test(id) ? await this.runs.get(id) : null;
    if (!run) throw new NotFoundError(`There is no recompute run ${id}.`);
    return run;
  }
}
