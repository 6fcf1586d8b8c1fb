import type { AbcClass, PolicyExplanation, PolicyInput, PolicyMethod, ServiceLevels, XyzClass } from '@stockpulse/contracts';
import { DemandStatistics } from './demand-statistics';
import { inverseNormal } from './inverse-normal';

export type PolicySource = 'sku_location' | 'location_default' | 'category_default' | 'global_default';

/** What a SKU x location inherits when nothing is set anywhere. */
export const GLOBAL_DEFAULT_POLICY: PolicyInput = { method: 'dynamic' };
/** Lead time assumed when a SKU has no supplier terms and no override (flagged in the explanation). */
export const DEFAULT_LEAD_TIME_DAYS = 7;
/** The order cycle S covers beyond the reorder point: the review period, but at least this many days. */
export const MIN_ORDER_CYCLE_DAYS = 7;
export const DEFAULT_WINDOW_DAYS = 180;

/** The settings in force: set on the SKU x location, else the location's default, else the category's, else global. */
export function resolvePolicy(
  own: PolicyInput | null,
  locationDefault: PolicyInput | null,
  categoryDefault: PolicyInput | null,
): { settings: PolicyInput; source: PolicySource } {
  if (own) return { settings: own, source: 'sku_location' };
  if (locationDefault) return { settings: locationDefault, source: 'location_default' };
  if (categoryDefault) return { settings: categoryDefault, source: 'category_default' };
  return { settings: GLOBAL_DEFAULT_POLICY, source: 'global_default' };
}

/** The fields whose change by a planner may need an admin's approval (a category setting). */
export function needsApproval(before: PolicyInput, after: PolicyInput): boolean {
  const field = (p: PolicyInput, name: 'safetyStockOverride' | 'leadTimeDaysOverride') =>
    p.method === 'dynamic' ? (p[name] ?? null) : null;
  return (
    before.method !== after.method ||
    field(before, 'safetyStockOverride') !== field(after, 'safetyStockOverride') ||
    field(before, 'leadTimeDaysOverride') !== field(after, 'leadTimeDaysOverride')
  );
}

export function windowDaysOf(settings: PolicyInput): number {
  return settings.method === 'dynamic' && settings.windowDays ? settings.windowDays : DEFAULT_WINDOW_DAYS;
}

export interface SupplierTerms {
  id: string;
  code: string;
  name: string;
  leadTimeDays: number;
  leadTimeStdDays: number;
  moq: number;
  packSize: number;
}

export interface FigureInputs {
  settings: PolicyInput;
  stats: DemandStatistics;
  windowDays: number;
  supplier: SupplierTerms | null;
  abcClass: AbcClass | null;
  xyzClass: XyzClass | null;
  serviceLevels: ServiceLevels;
}

export interface PolicyFigures {
  method: PolicyMethod;
  reorderPoint: number | null;
  safetyStock: number | null;
  orderUpTo: number | null;
  maxStock: number | null;
  d: number;
  sigmaD: number;
  leadTimeDays: number;
  leadTimeStdDays: number;
  reviewPeriodDays: number;
  serviceLevel: number | null;
  z: number | null;
  explanation: PolicyExplanation;
}

/** Rounds up, forgiving the float noise of a product that is an integer on paper (3 x 7 = 21.000000000000004). */
export function roundUp(x: number): number {
  return Math.max(0, Math.ceil(x - 1e-9));
}

/** A number as the explanation shows it: at most two decimals, no trailing zeros. */
export function fmt(x: number, decimals = 2): string {
  return String(Number(x.toFixed(decimals)));
}

/**
 * The figures of a policy (shared/DOMAIN.md):
 * - static: ROP = min, S = max, SS as given (else 0); overstock alerts above max when overstockAlerts is set;
 * - dynamic: SS = z(service level) x sqrt((L + R) x sigma_d^2 + d^2 x sigma_L^2), ROP = d x (L + R) + SS, both
 *   rounded up to whole units; S = ROP + d x order cycle, the cycle being max(R, 7 days) (no ordering or holding
 *   costs are known, so no EOQ); a planner's safety-stock override replaces SS; maxStock is the planner's, unless
 *   overstockAlerts is false. With no counted day of demand, a dynamic policy has no figures (null).
 * Lead time: a planner's override replaces the mean (the supplier's deviation stays); else the preferred supplier's
 * terms; else 7 days, flagged.
 */
export function computeFigures(input: FigureInputs): PolicyFigures {
  const { settings, stats, supplier } = input;
  const warnings: string[] = [];
  const formula: string[] = [];
  const { d, sigmaD } = stats;
  const override = settings.method === 'dynamic' ? (settings.leadTimeDaysOverride ?? null) : null;
  const L = override ?? supplier?.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
  const sigmaL = supplier?.leadTimeStdDays ?? 0;
  const leadTimeSource: PolicyExplanation['leadTimeSource'] = override !== null ? 'override' : supplier ? 'supplier_terms' : 'default';
  const R = settings.method === 'forecast' ? 0 : (settings.reviewPeriodDays ?? 0);
  if (!supplier && override === null) warnings.push(`no supplier terms: a lead time of ${DEFAULT_LEAD_TIME_DAYS} days is assumed`);
  formula.push(
    `d = ${fmt(d)} units/day, sigma_d = ${fmt(sigmaD)} over ${stats.dataPoints} of ${input.windowDays} days` +
      ` (${stats.censoredDays} censored, ${stats.preExistenceDays} before the first movement)`,
  );
  formula.push(
    `L = ${fmt(L)} days (${leadTimeSource === 'supplier_terms' ? `supplier ${supplier!.code}` : leadTimeSource}), sigma_L = ${fmt(sigmaL)} days, R = ${fmt(R)} days`,
  );
  if (stats.dataPoints === 0) warnings.push('no day of demand history counted in the window');
  else if (stats.dataPoints < 28) warnings.push(`only ${stats.dataPoints} days of demand history: the figures are rough`);

  const base = { d, sigmaD, leadTimeDays: L, leadTimeStdDays: sigmaL, reviewPeriodDays: R };
  const explain = (serviceLevel: number, z: number, ss: number, rop: number, s: number): PolicyExplanation => ({
    d,
    sigmaD,
    L,
    sigmaL,
    R,
    serviceLevel,
    z,
    safetyStock: ss,
    reorderPoint: rop,
    orderUpTo: s,
    windowDays: input.windowDays,
    dataPoints: stats.dataPoints,
    censoredDays: stats.censoredDays,
    leadTimeSource,
    formula,
    warnings,
  });

  if (settings.method === 'static') {
    const ss = settings.safetyStock ?? 0;
    formula.push(`static min/max: ROP = min = ${settings.min}, S = max = ${settings.max}, SS = ${ss}`);
    return {
      ...base,
      method: 'static',
      reorderPoint: settings.min,
      safetyStock: ss,
      orderUpTo: settings.max,
      maxStock: settings.overstockAlerts ? settings.max : null,
      serviceLevel: null,
      z: null,
      explanation: explain(0, 0, ss, settings.min, settings.max),
    };
  }
  if (settings.method === 'forecast') throw new Error('forecast policies are not available yet');

  const serviceLevel = settings.serviceLevel ?? input.serviceLevels[input.abcClass ?? 'C'];
  const z = inverseNormal(serviceLevel);
  formula.push(
    `service level ${fmt(serviceLevel * 100)}% (${settings.serviceLevel !== undefined ? 'set on the policy' : `class ${input.abcClass ?? 'C'}`}${input.xyzClass ? input.xyzClass : ''}): z = ${fmt(z, 3)}`,
  );
  const maxStock = settings.overstockAlerts === false ? null : (settings.maxStock ?? null);
  if (stats.dataPoints === 0) {
    return { ...base, method: 'dynamic', reorderPoint: null, safetyStock: null, orderUpTo: null, maxStock, serviceLevel, z, explanation: explain(serviceLevel, z, 0, 0, 0) };
  }
  const rawSs = z * Math.sqrt((L + R) * sigmaD ** 2 + d ** 2 * sigmaL ** 2);
  let ss: number;
  if (settings.safetyStockOverride !== undefined && settings.safetyStockOverride !== null) {
    ss = settings.safetyStockOverride;
    formula.push(`SS = ${ss} (a planner's override; computed would be ${roundUp(rawSs)})`);
  } else {
    ss = roundUp(rawSs);
    formula.push(
      `SS = ${fmt(z, 3)} x sqrt((${fmt(L)} + ${fmt(R)}) x ${fmt(sigmaD)}^2 + ${fmt(d)}^2 x ${fmt(sigmaL)}^2) = ${fmt(rawSs)} -> ${ss}`,
    );
  }
  const rawRop = d * (L + R) + ss;
  const rop = roundUp(rawRop);
  formula.push(`ROP = ${fmt(d)} x (${fmt(L)} + ${fmt(R)}) + ${ss} = ${fmt(rawRop)} -> ${rop}`);
  const cycle = Math.max(R, MIN_ORDER_CYCLE_DAYS);
  const s = rop + roundUp(d * cycle);
  formula.push(`S = ${rop} + ${fmt(d)} x max(${fmt(R)}, ${MIN_ORDER_CYCLE_DAYS}) = ${s}`);
  if (maxStock !== null && maxStock < s) warnings.push(`maxStock ${maxStock} is below the order-up-to level ${s}: overstock alerts will fire after a normal order`);
  return { ...base, method: 'dynamic', reorderPoint: rop, safetyStock: ss, orderUpTo: s, maxStock, serviceLevel, z, explanation: explain(serviceLevel, z, ss, rop, s) };
}
