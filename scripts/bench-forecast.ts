/**
 * Speed of forecast model selection (`selectForecast`): generated daily series of a year (365 periods, weekly
 * season, horizon 14 = lead time 7 + review 7 by default) of each demand pattern, timed over many series after a
 * warm-up, on one thread, the best of a few rounds per pattern. Prints the time per series (wall clock, and CPU time of this process, steadier when other
 * work shares the machine) for each pattern and for the mix, with the load average.
 *
 *   npm run bench:forecast
 *   BENCH_SERIES=2000 BENCH_ROUNDS=3 BENCH_PERIODS=365 BENCH_HORIZON=14 npm run bench:forecast
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

const rounds = Number(env('BENCH_ROUNDS', '3'));
const inputs = new Map(patterns.map((pattern) => [pattern, Array.from({ length: seriesPerPattern }, (_, i) => makeSeries(pattern, i + 1))]));
const best = new Map(patterns.map((pattern) => [pattern, { wall: Infinity, cpu: Infinity }]));
const chosen = new Map(patterns.map((pattern) => [pattern, new Map<string, number>()]));
for (let round = 0; round < rounds; round++) {
  for (const pattern of patterns) {
    const series = inputs.get(pattern)!;
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (const values of series) {
      const selection = selectForecast({ values, seasonLength: 7 }, { horizon });
      sink += selection.chosen.forecast[0];
      if (round === 0) chosen.get(pattern)!.set(selection.chosen.model, (chosen.get(pattern)!.get(selection.chosen.model) ?? 0) + 1);
    }
    const wall = Number(process.hrtime.bigint() - started) / 1e3 / series.length;
    const used = process.cpuUsage(cpuStart);
    const cpu = (used.user + used.system) / series.length;
    const b = best.get(pattern)!;
    b.wall = Math.min(b.wall, wall);
    b.cpu = Math.min(b.cpu, cpu);
  }
}
const rows: string[] = [];
let totalWall = 0;
let totalCpu = 0;
for (const pattern of patterns) {
  const b = best.get(pattern)!;
  totalWall += b.wall / patterns.length;
  totalCpu += b.cpu / patterns.length;
  const models = [...chosen.get(pattern)!.entries()].sort((x, y) => y[1] - x[1]).map(([m, c]) => `${m} ${c}`).join(', ');
  rows.push(`${pattern.padEnd(13)} ${b.wall.toFixed(0).padStart(6)} us/series wall ${b.cpu.toFixed(0).padStart(6)} us CPU   (${models})`);
}
for (const row of rows) console.log(row);
console.log(`${'mix'.padEnd(13)} ${totalWall.toFixed(0).padStart(6)} us/series wall ${totalCpu.toFixed(0).padStart(6)} us CPU (best of ${rounds} rounds)`);
console.log(`100,000 series on one core: ${(totalWall / 10).toFixed(1)} s wall (2 cores: half)`);
console.log(`load average after: ${load()}`);
if (!Number.isFinite(sink)) process.exitCode = 1;
