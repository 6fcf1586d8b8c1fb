/**
 * Demand statistics from a daily series (shared/DOMAIN.md "Reorder policy"), with censoring:
 * - the window is `windowDays` whole local days ending yesterday (in the location's time zone); today is partial
 *   and never counted;
 * - a day before the SKU's first movement at the location is not zero demand: it is left out;
 * - a day that began with available <= 0 is censored: a stockout says nothing about demand, so it is left out;
 * - demand of a day is sales + issues - returns (transfers out excluded), never below 0.
 *
 * The ledger gives only the days on which something moved (sparse), and the available of now. The available a day
 * began with is rebuilt backwards: opening(D) = available now - (every change to available from day D on).
 */
export interface DemandDay {
  /** days since the first day of the window (0 = oldest); >= windowDays for today (and any later day) */
  offset: number;
  /** sales + issues - returns that day, in base units */
  demand: number;
  /** the change of available that day (on_hand - on_hold - reserved deltas of every movement) */
  availableDelta: number;
}

export interface DemandSeries {
  windowDays: number;
  /** days with movements, in any order */
  days: readonly DemandDay[];
  /** available now (after every movement recorded so far) */
  availableNow: number;
  /** offset of the day of the first movement ever at this SKU x location (negative: before the window); null: none */
  firstMovementOffset: number | null;
}

export interface DemandStatistics {
  /** mean daily demand over the counted days */
  d: number;
  /** sample standard deviation of daily demand over the counted days (0 with fewer than 2) */
  sigmaD: number;
  /** counted days */
  dataPoints: number;
  /** days left out because they began with available <= 0 */
  censoredDays: number;
  /** days left out because the SKU did not exist at the location yet */
  preExistenceDays: number;
  /** demand over the counted days */
  totalDemand: number;
}

export function demandStatistics(series: DemandSeries): DemandStatistics {
  const w = series.windowDays;
  const demand = new Float64Array(w);
  const delta = new Float64Array(w);
  let afterWindow = 0;
  for (const day of series.days) {
    if (day.offset >= w) afterWindow += day.availableDelta;
    else if (day.offset >= 0) {
      demand[day.offset] += day.demand;
      delta[day.offset] += day.availableDelta;
    }
  }
  const first = series.firstMovementOffset ?? w;
  let changesFromDay = afterWindow;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let censored = 0;
  let preExistence = 0;
  for (let day = w - 1; day >= 0; day--) {
    changesFromDay += delta[day];
    if (day < first) {
      preExistence++;
      continue;
    }
    const opening = series.availableNow - changesFromDay;
    if (opening <= 0) {
      censored++;
      continue;
    }
    const x = Math.max(0, demand[day]);
    n++;
    sum += x;
    sumSq += x * x;
  }
  const d = n ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (sumSq - n * d * d) / (n - 1)) : 0;
  return { d, sigmaD: Math.sqrt(variance), dataPoints: n, censoredDays: censored, preExistenceDays: preExistence, totalDemand: sum };
}

/**
 * The local calendar date (YYYY-MM-DD) of an instant in an IANA time zone: how the ledger is cut into days. The
 * database does the same with `occurred_at AT TIME ZONE tz`; this is the TypeScript copy the tests pin down.
 */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
