import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * alerts: one alert per SKU x location x family while it is not resolved (shared/DOMAIN.md "Alert levels").
 *
 * - alerts: the lifecycle row. The partial unique index is the guarantee of "never twice": two evaluations that
 *   race can never both hold an unresolved alert of one family. SKU, location and supplier codes and names are
 *   copied in when the alert opens (ids reference other contexts, so no foreign keys), so the inbox filters and
 *   sorts on this table alone.
 * - alert_events: the timeline of each alert (opened, escalated, acknowledged, snoozed, resolved, ...).
 * - arm_states: hysteresis per SKU x location x family: after a resolve the family is disarmed until the position
 *   recovers past the re-arm level. The shortage row also remembers whether a stockout is under way.
 * - stockout_periods: every stockout (available <= 0) with its start and end (null while it lasts), for the KPIs.
 * - settings: one row (approachDays, reArmDays, escalateAfterMinutes).
 */
export class AlertsInit1763800900000 implements MigrationInterface {
  name = 'AlertsInit1763800900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS alerts`);
    await q.query(`
      CREATE TABLE alerts.alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        sku_code text NOT NULL,
        sku_name text NOT NULL,
        category text NOT NULL,
        location_code text NOT NULL,
        location_name text NOT NULL,
        supplier_code text,
        family text NOT NULL CHECK (family IN ('shortage', 'overstock')),
        kind text NOT NULL CHECK (kind IN ('approaching', 'below_reorder_point', 'critical', 'stockout', 'overstock')),
        opened_kind text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'high', 'critical')),
        severity_rank smallint NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'snoozed', 'resolved')),
        reason text NOT NULL,
        snapshot jsonb NOT NULL,
        lead_time_days numeric(8,2) NOT NULL DEFAULT 0,
        opened_at timestamptz NOT NULL,
        escalated_at timestamptz,
        critical_since timestamptz,
        escalation_level integer NOT NULL DEFAULT 0,
        escalation_step integer NOT NULL DEFAULT 0,
        acknowledged_at timestamptz,
        acknowledged_by text,
        snoozed_until timestamptz,
        resolved_at timestamptz,
        resolved_by text,
        resolution text CHECK (resolution IN ('recovered', 'manual')),
        resolution_reason text,
        followed_by_stockout boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CHECK (status <> 'snoozed' OR snoozed_until IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX alerts_one_unresolved_per_family ON alerts.alerts (sku_id, location_id, family) WHERE status <> 'resolved'`,
    );
    await q.query(`CREATE INDEX alerts_inbox_idx ON alerts.alerts (status, severity_rank DESC, opened_at DESC)`);
    await q.query(`CREATE INDEX alerts_opened_idx ON alerts.alerts (opened_at DESC)`);
    await q.query(`CREATE INDEX alerts_pair_idx ON alerts.alerts (sku_id, location_id, opened_at DESC)`);
    await q.query(`CREATE INDEX alerts_snoozed_idx ON alerts.alerts (snoozed_until) WHERE status = 'snoozed'`);
    await q.query(
      `CREATE INDEX alerts_unacknowledged_critical_idx ON alerts.alerts (critical_since) WHERE status = 'open' AND critical_since IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE alerts.alert_events (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts.alerts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        type text NOT NULL CHECK (type IN ('opened', 'escalated', 'acknowledged', 'snoozed', 'unsnoozed', 'resolved', 'reopened', 'reminded')),
        kind text NOT NULL,
        actor text,
        detail text
      )`);
    await q.query(`CREATE INDEX alert_events_alert_idx ON alerts.alert_events (alert_id, id)`);

    await q.query(`
      CREATE TABLE alerts.arm_states (
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        family text NOT NULL CHECK (family IN ('shortage', 'overstock')),
        armed boolean NOT NULL DEFAULT true,
        disarmed_kind text,
        stockout_since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku_id, location_id, family)
      )`);

    await q.query(`
      CREATE TABLE alerts.stockout_periods (
        id bigserial PRIMARY KEY,
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        sku_code text NOT NULL,
        location_code text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CHECK (ended_at >= started_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX stockout_periods_one_current ON alerts.stockout_periods (sku_id, location_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX stockout_periods_time_idx ON alerts.stockout_periods (started_at, ended_at)`);

    await q.query(`
      CREATE TABLE alerts.settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        approach_days numeric(6,2) NOT NULL DEFAULT 3 CHECK (approach_days >= 0),
        re_arm_days numeric(6,2) NOT NULL DEFAULT 1 CHECK (re_arm_days >= 0),
        escalate_after_minutes integer NOT NULL DEFAULT 30 CHECK (escalate_after_minutes >= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      )`);
    await q.query(`INSERT INTO alerts.settings (id) VALUES (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA alerts CASCADE`);
  }
}
