/**
 * Speed of forecast model selection (`selectForecast`): generated daily series of a year (365 periods, weekly
 * season, horizon 14 = lead time 7 + review 7 by default) of each demand pattern, timed over many series after a
 * warm-up, on one thread. Prints the time per series (wall clock, and CPU time of this process, steadier when other
 * work shares the machine) for each pattern and for the mix, with the load average.
 *
 *   npm run bench:forecast
 *   BENCH_SERIES=2000 BENCH_PERIODS=365 BENCH_HORIZON=14 npm run bench:forecast
 *
 * The nightly recompute selects models for 100,000 daily series on 2 cores within a 3-minute budget that also
 * covers database work: the target is well under 1 ms per series.
 */
import { loadavg } from 'node:os';
import { selectForecast } from '../apps/api/src/modules/thresholds/domain/forecast';
import { generateSeries } from '../apps/api/src/modules/thresholds/domain/forecast/testing';
import type { GeneratedPattern } from '../apps/api/src/modules/thresholds/domain/forecast/testing';
import { env } from './bench-support';

const seriesPerPattern = Number(env('BENCH_SERIES', '1000'));
const periods = Number(env('BENCH_PERIODS', '365'));
const horizon = Number(env('BENCH_HORIZON', '14'));
const censoredShare = Number(env('BENCH_CENSORED', '0.03'));
const patterns: GeneratedPattern[] = ['smooth', 'seasonal', 'trend', 'intermittent', 'lumpy'];

function makeSeries(pattern: GeneratedPattern, seed: number): Float64Array {
  const values = generateSeries(pattern, periods, seed);
  // a few stockout days, unknown demand, as production sees them
  for (let t = 0; t < periods; t++) if (((seed * 7919 + t * 104729) % 1000) / 1000 < censoredShare) values[t] = Number.NaN;
  return values;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`selectForecast: ${seriesPerPattern} series per pattern, ${periods} periods, season 7, horizon ${horizon}, ${censoredShare * 100}% censored days`);
console.log(`load average before: ${load()}`);

let sink = 0;
for (let i = 0; i < 200; i++) sink += selectForecast({ values: makeSeries(patterns[i % patterns.length], 1_000_000 + i), seasonLength: 7 }, { horizon }).chosen.forecast[0];

let totalMs = 0;
let totalCpuMs = 0;
let totalSeries = 0;
const rows: string[] = [];
for (const pattern of patterns) {
  const inputs = Array.from({ length: seriesPerPattern }, (_, i) => makeSeries(pattern, i + 1));
  const chosen = new Map<string, number>();
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const values of inputs) {
    const selection = selectForecast({ values, seasonLength: 7 }, { horizon });
    sink += selection.chosen.forecast[0];
    chosen.set(selection.chosen.model, (chosen.get(selection.chosen.model) ?? 0) + 1);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  totalMs += ms;
  totalCpuMs += cpuMs;
  totalSeries += inputs.length;
  const models = [...chosen.entries()].sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ');
  const per = (v: number) => ((v / inputs.length) * 1000).toFixed(0).padStart(6);
  rows.push(`${pattern.padEnd(13)} ${per(ms)} us/series wall ${per(cpuMs)} us CPU   (${models})`);
}
for (const row of rows) console.log(row);
const perAll = (v: number) => ((v / totalSeries) * 1000).toFixed(0).padStart(6);
console.log(`${'all'.padEnd(13)} ${perAll(totalMs)} us/series wall ${perAll(totalCpuMs)} us CPU, over ${totalSeries} series`);
console.log(`100,000 series on one core: ${((totalMs / totalSeries) * 100).toFixed(1)} s wall (2 cores: half)`);
console.log(`load average after: ${load()}`);
if (!Number.isFinite(sink)) process.exitCode = 1;
