import { Injectable } from '@nestjs/common';
import type { Alert, AlertDetail, AlertEvent, AlertKpis, AlertKpisQuery, AlertListQuery, AlertSeverity, AlertStatus, Page } from '@stockpulse/contracts';
import { ALERT_SEVERITIES } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { UnknownAlertError } from '../../domain/alert-errors';
import { toAlert, toAlertEvent } from '../../infrastructure/alert-rows';
import { Clock } from '../../infrastructure/clock';

/** What the inbox shows when no status is asked for: what someone still has to act on (snoozed alerts sleep). */
export const DEFAULT_STATUSES: AlertStatus[] = ['open', 'acknowledged'];
const KPI_DEFAULT_DAYS = 30;
const STOCKOUT_ROWS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SORT_COLUMNS: Record<string, string> = {
  openedAt: 'opened_at',
  severity: 'severity_rank',
  sku: 'sku_code',
  location: 'location_code',
  kind: 'kind',
};

function orderBy(sort: string | undefined): string {
  if (!sort) return 'severity_rank DESC, opened_at DESC, id';
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[sort.replace(/^-/, '')];
  return `${column} ${desc ? 'DESC' : 'ASC'}, opened_at DESC, id`;
}

/** The read side of alerts: the inbox (paged, sorted and filtered in the database), one alert, its timeline, KPIs. */
@Injectable()
export class QueryAlertsUseCase {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(query: AlertListQuery): Promise<Page<Alert>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    where.push(`status = ANY(${param(query.status?.length ? query.status : DEFAULT_STATUSES)}::text[])`);
    if (query.kind?.length) where.push(`kind = ANY(${param(query.kind)}::text[])`);
    if (query.severity?.length) where.push(`severity = ANY(${param(query.severity)}::text[])`);
    if (query.sku) where.push(`sku_code = ${param(query.sku)}`);
    if (query.location) where.push(`location_code = ${param(query.location)}`);
    if (query.category) where.push(`category = ${param(query.category)}`);
    if (query.supplier) where.push(`supplier_code = ${param(query.supplier)}`);
    const filter = `WHERE ${where.join(' AND ')}`;
    const offset = decodeCursor(query.cursor, query.offset);
    const countParams = [...params];
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(`SELECT * FROM alerts.alerts ${filter} ORDER BY ${orderBy(query.sort)} LIMIT ${param(query.limit)} OFFSET ${param(offset)}`, params),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts.alerts ${filter}`, countParams),
    ]);
    return page(rows.map(toAlert), n, offset, query.limit);
  }

  async get(id: string): Promise<AlertDetail> {
    if (!UUID.test(id)) throw new UnknownAlertError(id);
    const [row] = await this.db.query(`SELECT * FROM alerts.alerts WHERE id = $1`, [id]);
    if (!row) throw new UnknownAlertError(id);
    return { ...toAlert(row), events: await this.timeline(id) };
  }

  async events(id: string): Promise<{ items: AlertEvent[] }> {
    return { items: (await this.get(id)).events };
  }

  private async timeline(id: string): Promise<AlertEvent[]> {
    const rows = await this.db.query(`SELECT * FROM alerts.alert_events WHERE alert_id = $1 ORDER BY at, id`, [id]);
    return rows.map(toAlertEvent);
  }

  /**
   * KPIs over [from, to): open alerts by severity (now), minutes from open to acknowledge of the alerts
   * acknowledged in the period (median, p90), stockouts per SKU x location overlapping the period with their
   * duration inside it (an ongoing one counts up to now), alerts opened in the period that were followed by a
   * stockout, alerts resolved in the period.
   */
  async kpis(query: AlertKpisQuery): Promise<AlertKpis> {
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - KPI_DEFAULT_DAYS * 86_400_000);
    const range = [from.toISOString(), to.toISOString()];
    const [bySeverity, [ack], stockouts, [counts]] = await Promise.all([
      this.db.query<{ severity: AlertSeverity; n: number }>(
        `SELECT severity, count(*)::int AS n FROM alerts.alerts WHERE status <> 'resolved' GROUP BY severity`,
      ),
      this.db.query<{ median: number | null; p90: number | null; n: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY m) AS p90, count(*)::int AS n
         FROM (SELECT EXTRACT(EPOCH FROM acknowledged_at - opened_at) / 60 AS m FROM alerts.alerts
               WHERE acknowledged_at >= $1 AND acknowledged_at < $2) t`,
        range,
      ),
      this.db.query<{ sku_code: string; location_code: string; n: number; hours: number; open: boolean }>(
        `SELECT sku_code, location_code, count(*)::int AS n,
                sum(EXTRACT(EPOCH FROM LEAST(COALESCE(ended_at, $3::timestamptz), $2::timestamptz) - GREATEST(started_at, $1::timestamptz))) / 3600 AS hours,
                bool_or(ended_at IS NULL) AS open
         FROM alerts.stockout_periods
         WHERE started_at < $2 AND (ended_at IS NULL OR ended_at > $1)
         GROUP BY sku_code, location_code ORDER BY hours DESC, sku_code, location_code LIMIT ${STOCKOUT_ROWS}`,
        [...range, now.toISOString()],
      ),
      this.db.query<{ followed: number; resolved: number }>(
        `SELECT count(*) FILTER (WHERE opened_at >= $1 AND opened_at < $2 AND followed_by_stockout)::int AS followed,
                count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2)::int AS resolved
         FROM alerts.alerts WHERE (opened_at >= $1 AND opened_at < $2) OR (resolved_at >= $1 AND resolved_at < $2)`,
        range,
      ),
    ]);
    const openBySeverity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
    for (const r of bySeverity) openBySeverity[r.severity] = r.n;
    const minutes = (v: number | null) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return {
      openBySeverity,
      acknowledgeMinutes: { median: minutes(ack.median), p90: minutes(ack.p90), count: ack.n },
      stockouts: stockouts.map((s) => ({
        sku: s.sku_code,
        location: s.location_code,
        count: s.n,
        totalHours: Math.round(Math.max(0, Number(s.hours)) * 100) / 100,
        open: s.open,
      })),
      alertsFollowedByStockout: counts.followed,
      resolvedAlerts: counts.resolved,
      from: from.toISOString(),
      to: to.toISOString(),
    };
  }
}
