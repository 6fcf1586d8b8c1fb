import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * thresholds: reorder policies per SKU x location, the defaults they inherit, target service levels per ABC class,
 * the figures computed from demand history (with their inputs, so the API can say why), planners' changes waiting
 * for an admin, and recompute runs with their progress. SKUs and locations are plain ids (catalog owns them).
 */
export class ThresholdsInit1763800800000 implements MigrationInterface {
  name = 'ThresholdsInit1763800800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS thresholds`);
    // a policy set on one SKU x location; `settings` is the PUT body (contracts policyInputSchema)
    await q.query(`
      CREATE TABLE thresholds.policies (
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('static', 'dynamic', 'forecast')),
        settings jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku_id, location_id)
      )`);
    // defaults a SKU x location inherits: `key` is a location code or a category name
    await q.query(`
      CREATE TABLE thresholds.policy_defaults (
        scope text NOT NULL CHECK (scope IN ('location', 'category')),
        key text NOT NULL,
        settings jsonb NOT NULL,
        requires_approval boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key),
        CHECK (scope = 'category' OR NOT requires_approval)
      )`);
    await q.query(`
      CREATE TABLE thresholds.service_levels (
        abc_class text PRIMARY KEY CHECK (abc_class IN ('A', 'B', 'C')),
        service_level double precision NOT NULL CHECK (service_level >= 0.5 AND service_level <= 0.9999),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO thresholds.service_levels (abc_class, service_level) VALUES ('A', 0.99), ('B', 0.97), ('C', 0.95)`);
    await q.query(`
      CREATE TABLE thresholds.computed_policies (
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        method text NOT NULL,
        source text NOT NULL,
        settings jsonb NOT NULL,
        reorder_point integer,
        safety_stock integer,
        order_up_to integer,
        max_stock integer,
        daily_demand double precision NOT NULL DEFAULT 0,
        demand_std double precision NOT NULL DEFAULT 0,
        lead_time_days double precision NOT NULL,
        lead_time_std_days double precision NOT NULL DEFAULT 0,
        review_period_days double precision NOT NULL DEFAULT 0,
        z double precision,
        service_level double precision,
        window_days integer NOT NULL,
        data_points integer NOT NULL DEFAULT 0,
        censored_days integer NOT NULL DEFAULT 0,
        annual_value double precision NOT NULL DEFAULT 0,
        abc_class text CHECK (abc_class IN ('A', 'B', 'C')),
        xyz_class text CHECK (xyz_class IN ('X', 'Y', 'Z')),
        supplier jsonb,
        explanation jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        run_id uuid,
        PRIMARY KEY (sku_id, location_id)
      )`);
    await q.query(`CREATE INDEX computed_policies_location_idx ON thresholds.computed_policies (location_id)`);
    // the two figures inventory's stock-level list shows: a view owned by thresholds, so inventory joins a stable,
    // documented shape instead of thresholds' table (a facade call from inventory would be a context cycle)
    await q.query(`
      CREATE VIEW thresholds.reorder_figures AS
      SELECT sku_id, location_id, reorder_point, safety_stock FROM thresholds.computed_policies`);
    await q.query(`
      CREATE TABLE thresholds.policy_changes (
        id uuid PRIMARY KEY,
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        before jsonb,
        after jsonb NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        reason text
      )`);
    await q.query(`CREATE INDEX policy_changes_status_idx ON thresholds.policy_changes (status, requested_at DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX policy_changes_one_pending_idx ON thresholds.policy_changes (sku_id, location_id) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE thresholds.recompute_runs (
        id uuid PRIMARY KEY,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        trigger text NOT NULL CHECK (trigger IN ('nightly', 'manual', 'supplier_terms', 'policy_change')),
        filter jsonb NOT NULL DEFAULT '{}',
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        changed integer NOT NULL DEFAULT 0,
        progress integer NOT NULL DEFAULT 0,
        error text,
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX recompute_runs_created_idx ON thresholds.recompute_runs (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA thresholds CASCADE`);
  }
}
