import { useMemo, useState } from 'react';
import type { AlertSeverity } from '@stockpulse/contracts';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StockHistoryPoint } from '../../api/types';
import { formatCompact, formatDateTime, formatInt, formatShortDate } from '../../components/format';

const SERIES = [
  { key: 'inventoryPosition', label: 'Inventory position', color: 'var(--chart-1)' },
  { key: 'onHand', label: 'On hand', color: 'var(--chart-2)' },
  { key: 'available', label: 'Available', color: 'var(--chart-3)' },
] as const;

type SeriesKey = (typeof SERIES)[number]['key'];

/** A point on the chart where an alert opened, at the position it saw. */
export interface ChartMarker {
  id: string;
  at: string;
  value: number;
  severity: AlertSeverity;
}

const MARKER_COLOR: Record<AlertSeverity, string> = {
  critical: 'var(--sev-critical)',
  high: 'var(--sev-high)',
  warning: 'var(--sev-warning)',
  info: 'var(--sev-info)',
};

interface Props {
  series: StockHistoryPoint[];
  reorderPoint?: number | null;
  safetyStock?: number | null;
  markers?: ChartMarker[];
}

/**
 * Stock over time: inventory position as an area, on hand and available as lines, the reorder point and safety stock
 * as reference lines, and a dot where each alert opened (coloured by severity).
 */
export function StockChart({ series, reorderPoint, safetyStock, markers = [] }: Props) {
  const [hidden, setHidden] = useState<Set<SeriesKey>>(new Set());
  const data = useMemo(() => series.map((p) => ({ ...p, t: new Date(p.at).getTime() })), [series]);
  const toggle = (k: SeriesKey) => {
    const next = new Set(hidden);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setHidden(next);
  };
  return (
    <div className="chart" role="img" aria-label="Stock over time chart">
      <div className="chart__legend" role="group" aria-label="Series">
        {SERIES.map((s) => (
          <button key={s.key} type="button" className={`legend-chip ${hidden.has(s.key) ? 'is-off' : ''}`} aria-pressed={!hidden.has(s.key)} onClick={() => toggle(s.key)}>
            <span className="legend-chip__swatch" style={{ background: s.color }} />
            {s.label}
          </button>
        ))}
        {/* the lines are named here, not on the plot, where two close levels would print over each other */}
        {reorderPoint != null && (
          <span className="legend-chip legend-chip--static">
            <span className="legend-line legend-line--rop" aria-hidden />
            Reorder point {formatInt(reorderPoint)}
          </span>
        )}
        {safetyStock != null && (
          <span className="legend-chip legend-chip--static">
            <span className="legend-line legend-line--ss" aria-hidden />
            Safety stock {formatInt(safetyStock)}
          </span>
        )}
        {markers.length > 0 && (
          <span className="legend-note" aria-label={`${markers.length} alert markers`}>
            <span className="legend-dot" aria-hidden />
            {markers.length === 1 ? '1 alert opened' : `${markers.length} alerts opened`} (dots, coloured by severity)
          </span>
        )}
      </div>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="ipFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--chart-1)" stopOpacity={0.22} />
              <stop offset="100%" stopColor="var(--chart-1)" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => formatShortDate(t)}
            tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            axisLine={{ stroke: 'var(--border)' }}
            tickLine={false}
            minTickGap={24}
          />
          <YAxis tickFormatter={(v: number) => formatCompact(v)} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} axisLine={false} tickLine={false} width={56} />
          <Tooltip
            labelFormatter={(t) => formatDateTime(new Date(Number(t)).toISOString())}
            formatter={(v, name) => [formatInt(Number(v)), SERIES.find((s) => s.key === name)?.label ?? String(name)]}
            contentStyle={{ borderRadius: 8, border: '1px solid var(--border)', boxShadow: 'var(--shadow-md)', fontSize: 13 }}
          />
          <Legend content={() => null} />
          {reorderPoint != null && <ReferenceLine y={reorderPoint} stroke="var(--warning)" strokeWidth={1.5} strokeDasharray="6 4" ifOverflow="extendDomain" />}
          {safetyStock != null && <ReferenceLine y={safetyStock} stroke="var(--danger)" strokeWidth={1.5} strokeDasharray="2 3" ifOverflow="extendDomain" />}
          {!hidden.has('inventoryPosition') && (
            <Area type="stepAfter" dataKey="inventoryPosition" stroke="var(--chart-1)" strokeWidth={2} fill="url(#ipFill)" isAnimationActive={false} dot={false} />
          )}
          {!hidden.has('onHand') && <Line type="stepAfter" dataKey="onHand" stroke="var(--chart-2)" strokeWidth={2} dot={false} isAnimationActive={false} />}
          {!hidden.has('available') && (
            <Line type="stepAfter" dataKey="available" stroke="var(--chart-3)" strokeWidth={2} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          )}
          {markers.map((m) => (
            <ReferenceDot
              key={m.id}
              className="alert-marker"
              x={new Date(m.at).getTime()}
              y={m.value}
              r={6}
              fill={MARKER_COLOR[m.severity]}
              stroke="var(--surface)"
              strokeWidth={2}
              ifOverflow="extendDomain"
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
