import { Injectable } from '@nestjs/common';
import type { RecomputeRequest, RecomputeRun, RecomputeStatus } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../shared/database';

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toRun(r: Record<string, unknown>): RecomputeRun {
  return {
    id: r.id as string,
    status: r.status as RecomputeStatus,
    trigger: r.trigger as RecomputeRun['trigger'],
    filter: (typeof r.filter === 'string' ? JSON.parse(r.filter) : r.filter) as RecomputeRequest,
    total: Number(r.total),
    done: Number(r.done),
    changed: Number(r.changed),
    progress: Number(r.progress),
    error: (r.error as string | null) ?? null,
    requestedBy: (r.requested_by as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** thresholds.recompute_runs: one row per recompute, its progress updated as chunks finish. */
@Injectable()
export class RecomputeRunsRepository {
  constructor(private readonly db: Database) {}

  async create(
    em: EntityManager | null,
    run: { id: string; trigger: RecomputeRun['trigger']; filter: RecomputeRequest; requestedBy: string | null },
  ): Promise<RecomputeRun> {
    const sql = `INSERT INTO thresholds.recompute_runs (id, trigger, filter, requested_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING *`;
    const params = [run.id, run.trigger, JSON.stringify(run.filter), run.requestedBy];
    const [row] = em ? await em.query(sql, params) : await this.db.query(sql, params);
    return toRun(row);
  }

  /**
   * The nightly run of the slot `slot`, created unless one exists since the slot. A slot before `notBefore` (the
   * process started after it) is caught up only when nightly runs were made before: a new install waits for its
   * first night. One transaction under a lock, so two workers never both create it.
   */
  async createNightly(id: string, slot: Date, notBefore: Date): Promise<RecomputeRun | null> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('thresholds.recompute-nightly'))`);
      const [row] = await em.query(
        `INSERT INTO thresholds.recompute_runs (id, trigger, filter)
         SELECT $1, 'nightly', '{}'::jsonb
         WHERE NOT EXISTS (SELECT 1 FROM thresholds.recompute_runs WHERE trigger = 'nightly' AND created_at >= $2)
           AND ($2 >= $3::timestamptz OR EXISTS (SELECT 1 FROM thresholds.recompute_runs WHERE trigger = 'nightly'))
         RETURNING *`,
        [id, slot.toISOString(), notBefore.toISOString()],
      );
      return row ? toRun(row) : null;
    });
  }

  async get(id: string): Promise<RecomputeRun | null> {
    const [row] = await this.db.query(`SELECT * FROM thresholds.recompute_runs WHERE id = $1`, [id]);
    return row ? toRun(row) : null;
  }

  /** Starts (or, on a retry, restarts) a run: counters cleared. */
  async start(id: string, total: number): Promise<void> {
    await this.db.query(
      `UPDATE thresholds.recompute_runs SET status = 'running', total = $2, done = 0, changed = 0, progress = 0, error = NULL,
         started_at = now(), finished_at = NULL WHERE id = $1`,
      [id, total],
    );
  }

  async progress(em: EntityManager | null, id: string, done: number, changed: number, progress: number): Promise<void> {
    // counters only move forward: chunks written in parallel may commit out of order
    const sql = `UPDATE thresholds.recompute_runs SET done = greatest(done, $2), changed = greatest(changed, $3),
                 progress = greatest(progress, $4) WHERE id = $1`;
    const params = [id, done, changed, progress];
    if (em) await em.query(sql, params);
    else await this.db.query(sql, params);
  }

  async finish(id: string, status: 'succeeded' | 'failed', error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE thresholds.recompute_runs SET status = $2, error = $3, finished_at = now(),
         progress = CASE WHEN $2 = 'succeeded' THEN 100 ELSE progress END WHERE id = $1`,
      [id, status, error],
    );
  }
}
