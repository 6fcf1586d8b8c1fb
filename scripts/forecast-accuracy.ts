/**
 * Forecast accuracy of the model selection on a demand file of the backtest format (sku,location,date,quantity),
 * out of sample: the last `h` periods of each series are held out, the selection runs on the periods before, and
 * its forecast is scored against the held-out periods with MASE (scaled by the in-sample MAE of the naive forecast,
 * Hyndman & Koehler 2006), RMSSE (the M5 competition's measure, scaled by the in-sample naive MSE) and the absolute
 * error of the h-period sum (what a reorder point plans with), beside the naive, seasonal naive and zero forecasts of
 * the same periods. Series whose history has no naive error (constant) are left out: the scales are 0 there.
 *
 *   node -r ./scripts/swc-register.cjs scripts/forecast-accuracy.ts --demand FILE --period day|month \
 *     [--horizons 7,14,28] [--season 7] [--candidates ses,croston]
 *
 * Daily files may leave out days without sales: a series runs from its first row to the file's last date, missing
 * days read as zero. A monthly series ends at its last row.
 */
import { readFileSync } from 'node:fs';
import { selectForecast } from '../apps/api/src/modules/thresholds/domain/forecast';
import type { ModelName } from '../apps/api/src/modules/thresholds/domain/forecast';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
}

const file = arg('demand');
const period = arg('period', 'day');
const horizons = arg('horizons', period === 'day' ? '7,14,28' : '1,3,6').split(',').map(Number);
const season = Number(arg('season', period === 'day' ? '7' : '12'));
const candidates = process.argv.includes('--candidates') ? (arg('candidates').split(',') as ModelName[]) : undefined;

function periodIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  if (period === 'month') return y * 12 + (m - 1);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

const rows = new Map<string, { first: number; last: number; values: Map<number, number> }>();
let lastPeriod = -Infinity;
const lines = readFileSync(file, 'utf8').split('\n');
for (let i = 1; i < lines.length; i++) {
  const line = lines[i].trim();
  if (!line) continue;
  const [sku, location, date, quantity] = line.split(',');
  const key = `${sku}@${location}`;
  const t = periodIndex(date);
  const q = Number(quantity);
  let series = rows.get(key);
  if (!series) rows.set(key, (series = { first: t, last: t, values: new Map() }));
  series.first = Math.min(series.first, t);
  series.last = Math.max(series.last, t);
  series.values.set(t, (series.values.get(t) ?? 0) + q);
  lastPeriod = Math.max(lastPeriod, t);
}

const all: Float64Array[] = [];
for (const s of rows.values()) {
  const end = period === 'day' ? lastPeriod : s.last;
  const y = new Float64Array(end - s.first + 1);
  for (const [t, q] of s.values) y[t - s.first] = Math.max(0, q);
  all.push(y);
}

function naiveMae(y: Float64Array, to: number): number {
  let sum = 0;
  for (let t = 1; t < to; t++) sum += Math.abs(y[t] - y[t - 1]);
  return to > 1 ? sum / (to - 1) : 0;
}

function naiveMse(y: Float64Array, to: number): number {
  let sum = 0;
  for (let t = 1; t < to; t++) sum += (y[t] - y[t - 1]) ** 2;
  return to > 1 ? sum / (to - 1) : 0;
}

type Forecaster = 'chosen' | 'naive' | 'seasonal_naive' | 'zero';
const FORECASTERS: Forecaster[] = ['chosen', 'naive', 'seasonal_naive', 'zero'];
const zeros = () => ({ chosen: 0, naive: 0, seasonal_naive: 0, zero: 0 });

console.log(`${file}: ${all.length} series, period ${period}, season ${season}`);
for (const h of horizons) {
  const mase = zeros();
  const rmsse = zeros();
  const sumError = zeros();
  const sumBias = zeros();
  const quiet = { ...zeros(), count: 0 };
  const chosenBy = new Map<ModelName, number>();
  const statuses = new Map<string, number>();
  let counted = 0;
  let skipped = 0;
  const started = process.hrtime.bigint();
  for (const y of all) {
    const to = y.length - h;
    if (to < 2) {
      skipped++;
      continue;
    }
    const scale = naiveMae(y, to);
    if (!(scale > 0)) {
      skipped++;
      continue;
    }
    const history = y.subarray(0, to);
    const selection = selectForecast({ values: history, seasonLength: season }, { horizon: h, candidates });
    statuses.set(selection.status, (statuses.get(selection.status) ?? 0) + 1);
    chosenBy.set(selection.chosen.model, (chosenBy.get(selection.chosen.model) ?? 0) + 1);
    const forecastOf = (f: Forecaster, j: number) => {
      if (f === 'chosen') return selection.chosen.forecast[j];
      if (f === 'naive') return history[to - 1];
      if (f === 'zero') return 0;
      const back = to - season + (j % season);
      return back >= 0 ? history[back] : history[to - 1];
    };
    const quietSeries = y.subarray(to).every((v) => v === 0);
    const mseScale = naiveMse(y, to);
    for (const f of FORECASTERS) {
      let abs = 0;
      let sq = 0;
      let sum = 0;
      for (let j = 0; j < h; j++) {
        const e = y[to + j] - forecastOf(f, j);
        abs += Math.abs(e);
        sq += e * e;
        sum += e;
      }
      mase[f] += abs / h / scale;
      rmsse[f] += Math.sqrt(sq / h / mseScale);
      sumError[f] += Math.abs(sum) / h / scale;
      sumBias[f] += sum / h / scale;
      if (quietSeries) quiet[f] += abs / h / scale;
    }
    if (quietSeries) quiet.count++;
    counted++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const mean = (v: number) => (v / counted).toFixed(3);
  const line = (name: string, m: Record<Forecaster, number>) =>
    `  ${name.padEnd(36)} chosen ${mean(m.chosen)}, naive ${mean(m.naive)}, seasonal naive ${mean(m.seasonal_naive)}, zero ${mean(m.zero)}`;
  console.log(`h=${h}: ${counted} series (${skipped} left out), ${(ms / counted).toFixed(3)} ms/series`);
  console.log(line('MASE', mase));
  console.log(line('RMSSE (M5)', rmsse));
  console.log(line('|error of the h-period sum| / (h MAE)', sumError));
  console.log(line('error of the h-period sum / (h MAE)', sumBias));
  const share = (v: number, all: number) => `${((100 * v) / all).toFixed(0)}%`;
  console.log(
    `  series with no demand in the held-out periods: ${quiet.count}, holding ${share(quiet.chosen, mase.chosen)} of the chosen model's MASE sum` +
      ` (naive ${share(quiet.naive, mase.naive)})`,
  );
  console.log(`  chosen: ${[...chosenBy.entries()].sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ')}`);
  console.log(`  status: ${[...statuses.entries()].map(([s, c]) => `${s} ${c}`).join(', ')}`);
}
