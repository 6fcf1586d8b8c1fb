import { Injectable } from '@nestjs/common';
import type { PolicyDefault, PolicyDefaultScope, PolicyInput, ServiceLevels } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../shared/database';
import { PairKey } from '../domain/computed-policy';
import { json } from './rows';


function toDefault(r: Record<string, unknown>): PolicyDefault {
  return {
    scope: r.scope as PolicyDefaultScope,
    key: r.key as string,
    settings: json<PolicyInput>(r.settings),
    requiresApproval: r.requires_approval as boolean,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/** The defaults a SKU x location inherits, keyed for lookups: `location:<code>` and `category:<name>`. */
export type DefaultsIndex = Map<string, PolicyDefault>;

/** Policies set per SKU x location, the defaults per location and category, and the service levels per class. */
@Injectable()
export class PolicySettingsRepository {
  constructor(private readonly db: Database) {}

  async policiesOf(keys: PairKey[]): Promise<Map<string, PolicyInput>> {
    if (!keys.length) return new Map();
    const rows = await this.db.query(
      `SELECT p.sku_id, p.location_id, p.settings FROM thresholds.policies p
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id)`,
      [keys.map((k) => k.skuId), keys.map((k) => k.locationId)],
    );
    return new Map(rows.map((r) => [`${r.sku_id}:${r.location_id}`, json<PolicyInput>(r.settings)]));
  }

  /** SKU x locations with a policy of their own (a static policy may be set where nothing moved yet). */
  async policyKeys(filter: { skuIds?: string[]; locationIds?: string[] }): Promise<PairKey[]> {
    const rows = await this.db.query(
      `SELECT sku_id, location_id FROM thresholds.policies
       WHERE ($1::uuid[] IS NULL OR sku_id = ANY($1::uuid[])) AND ($2::uuid[] IS NULL OR location_id = ANY($2::uuid[]))`,
      [filter.skuIds ?? null, filter.locationIds ?? null],
    );
    return rows.map((r) => ({ skuId: r.sku_id as string, locationId: r.location_id as string }));
  }

  async upsertPolicy(em: EntityManager, key: PairKey, settings: PolicyInput, by: string): Promise<void> {
    await em.query(
      `INSERT INTO thresholds.policies (sku_id, location_id, method, settings, updated_by) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (sku_id, location_id) DO UPDATE SET method = excluded.method, settings = excluded.settings,
         updated_by = excluded.updated_by, updated_at = now()`,
      [key.skuId, key.locationId, settings.method, JSON.stringify(settings), by],
    );
  }

  async defaults(): Promise<DefaultsIndex> {
    const rows = await this.db.query(`SELECT * FROM thresholds.policy_defaults ORDER BY scope, key`);
    return new Map(rows.map((r) => [`${r.scope}:${r.key}`, toDefault(r)]));
  }

  async getDefault(scope: PolicyDefaultScope, key: string): Promise<PolicyDefault | null> {
    const [row] = await this.db.query(`SELECT * FROM thresholds.policy_defaults WHERE scope = $1 AND key = $2`, [scope, key]);
    return row ? toDefault(row) : null;
  }

  async putDefault(
    em: EntityManager,
    scope: PolicyDefaultScope,
    key: string,
    settings: PolicyInput,
    requiresApproval: boolean,
  ): Promise<PolicyDefault> {
    const [row] = await em.query(
      `INSERT INTO thresholds.policy_defaults (scope, key, settings, requires_approval) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (scope, key) DO UPDATE SET settings = excluded.settings, requires_approval = excluded.requires_approval,
         updated_at = now()
       RETURNING *`,
      [scope, key, JSON.stringify(settings), requiresApproval],
    );
    return toDefault(row);
  }

  async serviceLevels(): Promise<ServiceLevels> {
    const rows = await this.db.query(`SELECT abc_class, service_level FROM thresholds.service_levels`);
    const levels = { A: 0.99, B: 0.97, C: 0.95 };
    for (const r of rows) levels[r.abc_class as keyof ServiceLevels] = Number(r.service_level);
    return levels;
  }

  async putServiceLevels(em: EntityManager, levels: ServiceLevels): Promise<void> {
    await em.query(
      `INSERT INTO thresholds.service_levels (abc_class, service_level)
       SELECT * FROM unnest($1::text[], $2::float8[])
       ON CONFLICT (abc_class) DO UPDATE SET service_level = excluded.service_level, updated_at = now()`,
      [Object.keys(levels), Object.values(levels)],
    );
  }
}
