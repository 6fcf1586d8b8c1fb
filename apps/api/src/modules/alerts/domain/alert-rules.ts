import type { AlertFamily, AlertKind, AlertSettings, AlertSnapshot, StockBuckets } from '@stockpulse/contracts';

/**
 * The alert rules of shared/DOMAIN.md ("Alert levels"), pure: which condition a SKU x location is in, what to do
 * about the alert of each family, and the snapshot an alert carries.
 *
 * Decisions written down here (and in the issue note):
 * - De-escalation: an open alert keeps the highest kind it reached until it resolves. A partial recovery (a
 *   stockout back to critical) does not step the alert down: the person handling it sees the worst it got, and a
 *   receipt that half-fixes a stockout does not silence it. The stockout's own duration is tracked separately.
 * - Resolution: an alert resolves when its family's condition is gone altogether (for shortage: the position is
 *   above the approaching level, available is above safety stock and no stockout is projected before a receipt).
 * - Hysteresis: after a resolve (automatic or by hand) the family is disarmed until the inventory position
 *   recovers past the re-arm level. DOMAIN.md's ROP + reArmDays x d (at least ROP + 1) assumes the family opens at
 *   the ROP; it opens at the approaching level (ROP + approachDays x d), so the re-arm margin is measured from
 *   there: re-arm level = ROP + approachDays x d + max(reArmDays x d, 1). With approachDays = 0 this is exactly
 *   DOMAIN.md's figure. Overstock mirrors it below the maximum.
 * - While disarmed, only a condition strictly worse than the kind the last alert was resolved at opens a new
 *   alert (a manually resolved below-reorder-point alert does not silence a later stockout).
 * - Without a policy (no demand history and no static policy) only a stockout alerts, and only when nothing is on
 *   the way either (available <= 0 and inventory_position <= 0): without a lead time we cannot tell whether stock
 *   in transit or on order arrives in time, and a location that only ever received a transfer is not short.
 */

/** The buckets and the two figures derived from them, as every reader sees them (shared/DOMAIN.md). */
export type StockFigures = StockBuckets;

export interface PolicySupplier {
  code: string;
  name: string;
  moq: number;
  packSize: number;
  leadTimeDays: number;
}

/** The part of an effective reorder policy (thresholds context) the alert rules read. */
export interface PolicyFigures {
  reorderPoint: number;
  safetyStock: number;
  orderUpTo: number;
  /** overstock threshold; null: no overstock alerts */
  maxStock: number | null;
  /** d, mean daily demand (units/day) */
  dailyDemand: number;
  /** L, lead time in days */
  leadTimeDays: number;
  supplier: PolicySupplier | null;
}

export type ShortageKind = Exclude<AlertKind, 'overstock'>;

const RANK: Record<AlertKind, number> = { approaching: 1, below_reorder_point: 2, critical: 3, stockout: 4, overstock: 1 };

/** How bad a kind is within its family (higher is worse). */
export function rankOf(kind: AlertKind): number {
  return RANK[kind];
}

export function familyOf(kind: AlertKind): AlertFamily {
  return kind === 'overstock' ? 'overstock' : 'shortage';
}

/** The inventory position at or below which the shortage family opens (the approaching level). */
export function approachLevel(policy: PolicyFigures, settings: Pick<AlertSettings, 'approachDays'>): number {
  return policy.reorderPoint + settings.approachDays * Math.max(0, policy.dailyDemand);
}

/** Days the available stock lasts at the mean daily demand; null without demand. */
export function daysOfCover(availableUnits: number, dailyDemand: number): number | null {
  return dailyDemand > 0 ? availableUnits / dailyDemand : null;
}

/**
 * The worst shortage condition that holds, or null. Checked worst first:
 * stockout (available <= 0), critical (available <= SS, or available runs out before a receipt ordered now can
 * arrive: available / d < L), below_reorder_point (position <= ROP), approaching (position <= ROP + approachDays x
 * d; "projected to reach the ROP within approachDays" is the same inequality, (position - ROP) / d <= approachDays).
 */
export function shortageCondition(
  stock: StockFigures,
  policy: PolicyFigures | null,
  settings: Pick<AlertSettings, 'approachDays'>,
): ShortageKind | null {
  if (!policy) return stock.available <= 0 && stock.inventoryPosition <= 0 ? 'stockout' : null;
  if (stock.available <= 0) return 'stockout';
  if (stock.available <= policy.safetyStock) return 'critical';
  if (policy.dailyDemand > 0 && policy.leadTimeDays > 0 && stock.available / policy.dailyDemand < policy.leadTimeDays) return 'critical';
  if (stock.inventoryPosition <= policy.reorderPoint) return 'below_reorder_point';
  if (stock.inventoryPosition <= approachLevel(policy, settings)) return 'approaching';
  return null;
}

/** overstock: position above the policy's maximum stock (only when the policy sets one). */
export function overstockCondition(stock: StockFigures, policy: PolicyFigures | null): 'overstock' | null {
  if (!policy || policy.maxStock === null) return null;
  return stock.inventoryPosition > policy.maxStock ? 'overstock' : null;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Why, in a sentence, in the words of DOMAIN.md. */
export function reasonFor(
  kind: AlertKind,
  stock: StockFigures,
  policy: PolicyFigures | null,
  settings: Pick<AlertSettings, 'approachDays'>,
): string {
  switch (kind) {
    case 'stockout':
      return `available ${fmt(stock.available)} is at or below 0: nothing can be promised`;
    case 'critical':
      if (policy && stock.available <= policy.safetyStock) {
        return `available ${fmt(stock.available)} is at or below safety stock ${fmt(policy.safetyStock)}`;
      }
      return `available ${fmt(stock.available)} covers ${fmt(daysOfCover(stock.available, policy?.dailyDemand ?? 0) ?? 0)} days of demand, less than the lead time of ${fmt(policy?.leadTimeDays ?? 0)} days`;
    case 'below_reorder_point':
      return `inventory position ${fmt(stock.inventoryPosition)} is at or below the reorder point ${fmt(policy?.reorderPoint ?? 0)}`;
    case 'approaching':
      return `inventory position ${fmt(stock.inventoryPosition)} is within ${fmt(settings.approachDays)} days of demand (${fmt(
        policy ? approachLevel(policy, settings) - policy.reorderPoint : 0,
      )}) above the reorder point ${fmt(policy?.reorderPoint ?? 0)}`;
    case 'overstock':
      return `inventory position ${fmt(stock.inventoryPosition)} is above the maximum stock ${fmt(policy?.maxStock ?? 0)}`;
  }
}

/** The hysteresis margin: reArmDays of demand, at least one unit. */
function reArmMargin(policy: PolicyFigures | null, settings: Pick<AlertSettings, 'reArmDays'>): number {
  return Math.max(settings.reArmDays * Math.max(0, policy?.dailyDemand ?? 0), 1);
}

/** The position past which a disarmed family is armed again (see the header). */
export function reArmLevel(family: AlertFamily, policy: PolicyFigures | null, settings: Pick<AlertSettings, 'approachDays' | 'reArmDays'>): number {
  if (family === 'overstock') return (policy?.maxStock ?? Number.POSITIVE_INFINITY) - reArmMargin(policy, settings);
  return (policy ? approachLevel(policy, settings) : 0) + reArmMargin(policy, settings);
}

/** Whether the position has recovered past the re-arm level of the family. */
export function hasRecovered(
  family: AlertFamily,
  stock: StockFigures,
  policy: PolicyFigures | null,
  settings: Pick<AlertSettings, 'approachDays' | 'reArmDays'>,
): boolean {
  const level = reArmLevel(family, policy, settings);
  return family === 'overstock' ? stock.inventoryPosition < level : stock.inventoryPosition > level;
}

/** The hysteresis state of one family of one SKU x location. */
export interface ArmState {
  armed: boolean;
  /** while disarmed: the kind the last alert was resolved at */
  disarmedKind: AlertKind | null;
}
export const ARMED: ArmState = Object.freeze({ armed: true, disarmedKind: null });

export type AlertDecision =
  | { action: 'none'; arm: ArmState }
  /** no alert is open and the condition holds while the family is disarmed */
  | { action: 'suppressed'; kind: AlertKind; arm: ArmState }
  | { action: 'open'; kind: AlertKind; arm: ArmState }
  /** the condition got worse: the same alert moves up */
  | { action: 'escalate'; from: AlertKind; to: AlertKind; arm: ArmState }
  /** the condition got better but has not gone: the alert keeps its kind */
  | { action: 'keep'; kind: AlertKind; arm: ArmState }
  | { action: 'resolve'; kind: AlertKind; arm: ArmState };

/**
 * What to do with one family, given the condition now, the alert of the family that is open (not resolved), the
 * arm state and whether the position has recovered past the re-arm level.
 */
export function decide(input: {
  condition: AlertKind | null;
  open: { kind: AlertKind } | null;
  arm: ArmState;
  recovered: boolean;
}): AlertDecision {
  const { condition, open, recovered } = input;
  const arm: ArmState = input.arm.armed || recovered ? ARMED : input.arm;
  if (open) {
    if (condition === null) return { action: 'resolve', kind: open.kind, arm: disarmedAt(open.kind, recovered) };
    if (rankOf(condition) > rankOf(open.kind)) return { action: 'escalate', from: open.kind, to: condition, arm: ARMED };
    return { action: 'keep', kind: open.kind, arm: ARMED };
  }
  if (condition === null) return { action: 'none', arm };
  if (arm.armed || rankOf(condition) > rankOf(arm.disarmedKind ?? condition)) return { action: 'open', kind: condition, arm: ARMED };
  return { action: 'suppressed', kind: condition, arm };
}

/**
 * The arm state after an alert resolved at `kind`. A recovery straight past the re-arm level (a big receipt)
 * leaves the family armed: the stock did recover, there is nothing to flap around.
 */
export function disarmedAt(kind: AlertKind, recovered: boolean): ArmState {
  return recovered ? ARMED : { armed: false, disarmedKind: kind };
}

/** Order-up-to minus position, rounded up to the pack size, at least the MOQ; 0 when no order is needed. */
export function suggestedOrderQuantity(orderUpTo: number, position: number, supplier: Pick<PolicySupplier, 'moq' | 'packSize'> | null): number {
  const need = orderUpTo - position;
  if (!(need > 0)) return 0;
  const pack = Math.max(1, Math.floor(supplier?.packSize ?? 1));
  const moq = Math.max(1, Math.ceil(supplier?.moq ?? 1));
  return Math.ceil(Math.max(need, moq) / pack) * pack;
}

const DAY_MS = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The figures an alert carries, at the moment it opened or last changed kind. */
export function buildSnapshot(stock: StockFigures, policy: PolicyFigures | null, now: Date): AlertSnapshot {
  const d = Math.max(0, policy?.dailyDemand ?? 0);
  const cover = daysOfCover(stock.available, d);
  const leadTime = policy ? (policy.leadTimeDays > 0 ? policy.leadTimeDays : (policy.supplier?.leadTimeDays ?? 0)) : null;
  return {
    onHand: stock.onHand,
    onHold: stock.onHold,
    reserved: stock.reserved,
    inTransit: stock.inTransit,
    onOrder: stock.onOrder,
    available: stock.available,
    inventoryPosition: stock.inventoryPosition,
    reorderPoint: policy?.reorderPoint ?? 0,
    safetyStock: policy?.safetyStock ?? 0,
    orderUpTo: policy?.orderUpTo ?? 0,
    dailyDemand: round2(d),
    daysOfCover: cover === null ? null : round2(cover),
    projectedStockoutDate:
      cover === null ? (stock.available <= 0 ? now.toISOString() : null) : new Date(now.getTime() + Math.max(0, cover) * DAY_MS).toISOString(),
    suggestedOrderQuantity: policy ? suggestedOrderQuantity(policy.orderUpTo, stock.inventoryPosition, policy.supplier) : 0,
    supplier: policy?.supplier
      ? {
          code: policy.supplier.code,
          name: policy.supplier.name,
          leadTimeDays: policy.supplier.leadTimeDays,
          moq: policy.supplier.moq,
          packSize: policy.supplier.packSize,
        }
      : null,
    earliestReceiptDate: leadTime === null ? null : new Date(now.getTime() + leadTime * DAY_MS).toISOString(),
  };
}
