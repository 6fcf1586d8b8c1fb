import { Injectable } from '@nestjs/common';
import type { AlertSettings } from '@stockpulse/contracts';
import { DEFAULT_ALERT_SETTINGS } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database, afterCommit, queryRows } from '../../../shared/database';
import { toSettings } from './alert-rows';

const TTL_MS = 5_000;

/**
 * The alert settings (one row). Every evaluation reads them, so they are cached for a few seconds; a change made
 * in this process drops the cache at once, one made in another process is seen within TTL_MS.
 */
@Injectable()
export class AlertSettingsStore {
  private cached?: { value: AlertSettings; at: number };

  constructor(private readonly db: Database) {}

  async get(): Promise<AlertSettings> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.value;
    const [row] = await this.db.query(`SELECT * FROM alerts.settings WHERE id`);
    const value = row ? toSettings(row) : DEFAULT_ALERT_SETTINGS;
    this.cached = { value, at: Date.now() };
    return value;
  }

  /** Writes the settings in the caller's transaction; answers the settings before the change. */
  async put(em: EntityManager, settings: AlertSettings, updatedBy: string, at: Date): Promise<AlertSettings> {
    const [before] = await em.query(`SELECT * FROM alerts.settings WHERE id FOR UPDATE`);
    await queryRows(
      em,
      `INSERT INTO alerts.settings (id, approach_days, re_arm_days, escalate_after_minutes, updated_at, updated_by)
       VALUES (true, $1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET approach_days = $1, re_arm_days = $2, escalate_after_minutes = $3, updated_at = $4, updated_by = $5`,
      [settings.approachDays, settings.reArmDays, settings.escalateAfterMinutes, at.toISOString(), updatedBy],
    );
    this.cached = undefined;
    afterCommit(em, () => this.invalidate());
    return before ? toSettings(before) : DEFAULT_ALERT_SETTINGS;
  }

  /** Forget the cached settings (tests, and after a change). */
  invalidate(): void {
    this.cached = undefined;
  }
}
