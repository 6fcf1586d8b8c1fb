import { Random } from './random';

/**
 * The demo business: a central DC that buys from two suppliers and feeds two stores by transfer, with a year of
 * daily movements simulated from each SKU's demand pattern (steady, seasonal, trending, intermittent). Stores
 * lose the sales they cannot serve; the DC reorders when its position falls to a simple reorder point, and the
 * receipt arrives after a lead time drawn from the supplier's terms. Deterministic for a seed and an end date.
 */
export type DemandPattern = 'steady' | 'seasonal' | 'trending' | 'intermittent';

export interface DemoLocation {
  code: string;
  name: string;
  type: 'warehouse' | 'store' | 'dc' | '3pl';
  timeZone: string;
  /** hours to add to local noon to get UTC, close enough to keep every movement on its local day */
  utcOffsetHours: number;
}

export interface DemoSupplier {
  code: string;
  name: string;
  contactEmail: string;
  leadTimeDays: number;
  leadTimeStdDays: number;
}

export interface DemoSku {
  code: string;
  name: string;
  category: string;
  baseUnit: string;
  units: { name: string; factor: number }[];
  unitCost: number;
  unitPrice: number;
  pattern: DemandPattern;
}

export interface DemoTerms {
  supplier: string;
  sku: string;
  leadTimeDays: number;
  leadTimeStdDays: number;
  moq: number;
  packSize: number;
  unitCost: number;
}

export interface DemoMovement {
  source: string;
  externalId: string;
  sku: string;
  location: string;
  type: 'receipt' | 'sale' | 'issue' | 'return' | 'adjustment' | 'count' | 'transfer_out' | 'transfer_in' | 'hold' | 'release';
  quantity: number;
  occurredAt: string;
  toLocation?: string;
  fromLocation?: string;
  reason?: string;
}

export interface DemoScenario {
  locations: DemoLocation[];
  suppliers: DemoSupplier[];
  skus: DemoSku[];
  terms: DemoTerms[];
  movements: DemoMovement[];
}

export interface DemoOptions {
  seed?: number;
  skuCount?: number;
  days?: number;
  /** the last simulated day (UTC date); defaults to yesterday */
  end?: Date;
}

export const DEMO_SOURCE = 'demo';

const LOCATIONS: DemoLocation[] = [
  { code: 'DC-CENTRAL', name: 'Central Distribution Center', type: 'dc', timeZone: 'America/Chicago', utcOffsetHours: 6 },
  { code: 'ST-NYC', name: 'Manhattan Store', type: 'store', timeZone: 'America/New_York', utcOffsetHours: 5 },
  { code: 'ST-SEA', name: 'Seattle Store', type: 'store', timeZone: 'America/Los_Angeles', utcOffsetHours: 8 },
];

const SUPPLIERS: DemoSupplier[] = [
  { code: 'ACME', name: 'Acme Wholesale', contactEmail: 'orders@acme-wholesale.example', leadTimeDays: 5, leadTimeStdDays: 1 },
  { code: 'NORTHWIND', name: 'Northwind Imports', contactEmail: 'buyers@northwind.example', leadTimeDays: 21, leadTimeStdDays: 6 },
];

const CATEGORIES: { name: string; nouns: string[]; pattern: DemandPattern[]; cost: [number, number]; caseOf: number[] }[] = [
  { name: 'Beverages', nouns: ['Sparkling Water', 'Cold Brew', 'Green Tea', 'Lemonade', 'Energy Drink', 'Kombucha'], pattern: ['steady', 'seasonal'], cost: [0.4, 3], caseOf: [12, 24] },
  { name: 'Snacks', nouns: ['Trail Mix', 'Protein Bar', 'Sea Salt Chips', 'Dark Chocolate', 'Rice Crackers', 'Almonds'], pattern: ['steady', 'trending'], cost: [0.8, 5], caseOf: [12, 24] },
  { name: 'Household', nouns: ['Dish Soap', 'Paper Towels', 'Laundry Pods', 'Trash Bags', 'Sponges', 'Glass Cleaner'], pattern: ['steady'], cost: [1.5, 12], caseOf: [6, 12] },
  { name: 'Personal Care', nouns: ['Sunscreen SPF 50', 'Lip Balm', 'Shampoo', 'Hand Cream', 'Toothpaste', 'Deodorant'], pattern: ['seasonal', 'steady'], cost: [1.2, 9], caseOf: [12] },
  { name: 'Outdoor', nouns: ['Camping Lantern', 'Cooler Bag', 'Beach Towel', 'Garden Hose', 'Folding Chair', 'Ice Scraper'], pattern: ['seasonal', 'intermittent'], cost: [6, 45], caseOf: [4, 6] },
  { name: 'Electronics', nouns: ['USB-C Cable', 'Power Bank', 'Earbuds', 'Phone Case', 'Wall Charger', 'HDMI Adapter'], pattern: ['trending', 'intermittent'], cost: [3, 60], caseOf: [10] },
  { name: 'Stationery', nouns: ['Gel Pens', 'Notebook A5', 'Sticky Notes', 'Highlighters', 'Planner 2027', 'Desk Organizer'], pattern: ['seasonal', 'intermittent', 'steady'], cost: [0.9, 15], caseOf: [12, 24] },
];
const VARIANTS = ['Classic', 'Original', 'Premium', 'Family Size', 'Mini', 'Travel', 'Eco', 'Pro', 'XL', 'Value Pack'];

const DAY_MS = 86_400_000;
const TRANSIT_DAYS = 2;

export function generateDemoScenario(options: DemoOptions = {}): DemoScenario {
  const rng = new Random(options.seed ?? 20261122);
  const skuCount = options.skuCount ?? 200;
  const days = options.days ?? 365;
  const end = options.end ?? new Date(Date.now() - DAY_MS);
  const lastDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const firstDay = lastDay - (days - 1) * DAY_MS;

  const skus: (DemoSku & { baseDemand: number; phase: number; growth: number; pIntermittent: number })[] = [];
  for (let i = 0; i < skuCount; i++) {
    const cat = CATEGORIES[i % CATEGORIES.length];
    const pattern = rng.pick(cat.pattern);
    const unitCost = round2(rng.between(cat.cost[0], cat.cost[1]));
    const caseOf = rng.pick(cat.caseOf);
    skus.push({
      code: `SKU-${String(10001 + i)}`,
      name: `${rng.pick(cat.nouns)} ${rng.pick(VARIANTS)}`,
      category: cat.name,
      baseUnit: 'each',
      units: rng.chance(0.3) ? [{ name: 'case', factor: caseOf }, { name: 'pallet', factor: caseOf * 40 }] : [{ name: 'case', factor: caseOf }],
      unitCost,
      unitPrice: round2(unitCost * rng.between(1.35, 2.4)),
      pattern,
      baseDemand: pattern === 'intermittent' ? rng.between(1, 4) : rng.between(1.5, 18),
      phase: rng.between(0, 365),
      growth: rng.between(-0.5, 1.2),
      pIntermittent: rng.between(0.04, 0.22),
    });
  }

  const terms: DemoTerms[] = [];
  const primary = new Map<string, DemoSupplier>();
  for (const sku of skus) {
    const main = sku.category === 'Electronics' || sku.category === 'Outdoor' ? SUPPLIERS[1] : rng.chance(0.75) ? SUPPLIERS[0] : SUPPLIERS[1];
    primary.set(sku.code, main);
    const caseFactor = sku.units[0].factor;
    for (const s of rng.chance(0.2) ? SUPPLIERS : [main]) {
      terms.push({
        supplier: s.code,
        sku: sku.code,
        leadTimeDays: s.leadTimeDays,
        leadTimeStdDays: s.leadTimeStdDays,
        moq: caseFactor * rng.int(1, 4),
        packSize: caseFactor,
        unitCost: round2(sku.unitCost * (s === main ? 1 : rng.between(0.95, 1.15))),
      });
    }
  }

  const movements: DemoMovement[] = [];
  let seq = 0;
  const at = (day: number, loc: DemoLocation, hour = 12) => new Date(day + (hour + loc.utcOffsetHours) * 3_600_000).toISOString();
  const push = (m: Omit<DemoMovement, 'source' | 'externalId'>) =>
    movements.push({ source: DEMO_SOURCE, externalId: `demo-${String(++seq).padStart(7, '0')}`, ...m });

  const [dc, ...stores] = LOCATIONS;
  for (const sku of skus) {
    const supplier = primary.get(sku.code)!;
    const skuTerms = terms.find((t) => t.sku === sku.code && t.supplier === supplier.code)!;
    const demandOf = (day: number, storeFactor: number) => {
      const t = (day - firstDay) / DAY_MS;
      const weekday = new Date(day).getUTCDay();
      const weekly = weekday === 0 || weekday === 6 ? 1.3 : 0.9;
      switch (sku.pattern) {
        case 'steady':
          return rng.poisson(sku.baseDemand * storeFactor * weekly);
        case 'seasonal':
          return rng.poisson(sku.baseDemand * storeFactor * weekly * (1 + 0.7 * Math.sin((2 * Math.PI * (t + sku.phase)) / 365)));
        case 'trending':
          return rng.poisson(sku.baseDemand * storeFactor * weekly * Math.max(0.1, 1 + (sku.growth * t) / 365));
        case 'intermittent':
          return rng.chance(sku.pIntermittent * storeFactor) ? rng.int(1, Math.ceil(sku.baseDemand * 3)) : 0;
      }
    };
    const storeFactor = stores.map(() => rng.between(0.6, 1.4));
    const meanDaily = stores.reduce((s, _, i) => s + sku.baseDemand * storeFactor[i] * (sku.pattern === 'intermittent' ? sku.pIntermittent * 2 : 1), 0);

    // store policy: top up from the DC to cover a week when the position covers less than three days
    const storeState = stores.map((_, i) => {
      const daily = sku.baseDemand * storeFactor[i] * (sku.pattern === 'intermittent' ? sku.pIntermittent * 2 : 1);
      return { onHand: Math.ceil(daily * 7) + 2, inTransit: [] as { day: number; qty: number }[], min: Math.ceil(daily * 3) + 1, max: Math.ceil(daily * 9) + 3 };
    });
    // DC policy: reorder point from the supplier's lead time, order up to cover the lead time plus four weeks
    const dcRop = Math.ceil(meanDaily * (supplier.leadTimeDays + 2 * supplier.leadTimeStdDays + 3));
    const dcMax = dcRop + Math.ceil(meanDaily * 28);
    let dcOnHand = dcMax;
    let dcOnHold = 0;
    const pendingReceipts: { day: number; qty: number }[] = [];
    const pendingReleases: { day: number; qty: number }[] = [];

    push({ sku: sku.code, location: dc.code, type: 'count', quantity: dcOnHand, occurredAt: at(firstDay, dc, 7), reason: 'opening count' });
    stores.forEach((store, i) =>
      push({ sku: sku.code, location: store.code, type: 'count', quantity: storeState[i].onHand, occurredAt: at(firstDay, store, 7), reason: 'opening count' }),
    );

    for (let day = firstDay; day <= lastDay; day += DAY_MS) {
      // receipts from the supplier and transfers arriving at stores, in the morning
      for (const r of pendingReceipts.filter((p) => p.day === day)) {
        push({ sku: sku.code, location: dc.code, type: 'receipt', quantity: r.qty, occurredAt: at(day, dc, 8), reason: `PO from ${supplier.code}` });
        dcOnHand += r.qty;
      }
      for (const r of pendingReleases.filter((p) => p.day === day)) {
        push({ sku: sku.code, location: dc.code, type: 'release', quantity: r.qty, occurredAt: at(day, dc, 9), reason: 'inspection passed' });
        dcOnHold -= r.qty;
      }
      stores.forEach((store, i) => {
        const s = storeState[i];
        for (const r of s.inTransit.filter((p) => p.day === day)) {
          push({ sku: sku.code, location: store.code, type: 'transfer_in', quantity: r.qty, occurredAt: at(day, store, 8), fromLocation: dc.code });
          s.onHand += r.qty;
        }
        s.inTransit = s.inTransit.filter((p) => p.day !== day);

        // the day's sales: what the store can serve of the demand
        const demand = demandOf(day, storeFactor[i]);
        const sold = Math.min(demand, s.onHand);
        if (sold > 0) {
          push({ sku: sku.code, location: store.code, type: 'sale', quantity: sold, occurredAt: at(day, store, 18) });
          s.onHand -= sold;
        }
        if (sold > 0 && rng.chance(0.03)) {
          push({ sku: sku.code, location: store.code, type: 'return', quantity: 1, occurredAt: at(day, store, 19), reason: 'customer return' });
          s.onHand += 1;
        }
        // monthly cycle count on a few SKUs, occasionally finding a discrepancy
        if (rng.chance(1 / 60)) {
          const counted = Math.max(0, s.onHand + (rng.chance(0.3) ? rng.int(-2, 1) : 0));
          push({ sku: sku.code, location: store.code, type: 'count', quantity: counted, occurredAt: at(day, store, 20), reason: 'cycle count' });
          s.onHand = counted;
        }
        // evening replenishment check against the DC
        const position = s.onHand + s.inTransit.reduce((a, b) => a + b.qty, 0);
        const dcAvailable = dcOnHand - dcOnHold;
        if (position <= s.min && dcAvailable > 0) {
          const qty = Math.min(s.max - position, dcAvailable);
          if (qty > 0) {
            push({ sku: sku.code, location: dc.code, type: 'transfer_out', quantity: qty, occurredAt: at(day, dc, 21), toLocation: store.code });
            dcOnHand -= qty;
            s.inTransit.push({ day: day + TRANSIT_DAYS * DAY_MS, qty });
          }
        }
      });

      // damaged goods put on hold at the DC now and then, released after inspection
      if (dcOnHand - dcOnHold > 4 && rng.chance(0.01)) {
        const qty = rng.int(1, 3);
        push({ sku: sku.code, location: dc.code, type: 'hold', quantity: qty, occurredAt: at(day, dc, 10), reason: 'damaged in handling' });
        dcOnHold += qty;
        pendingReleases.push({ day: day + rng.int(2, 6) * DAY_MS, qty });
      }

      // the DC reorders from the supplier when its position reaches the reorder point
      const onOrder = pendingReceipts.filter((p) => p.day > day).reduce((a, b) => a + b.qty, 0);
      const dcPosition = dcOnHand - dcOnHold + onOrder;
      if (dcPosition <= dcRop) {
        const raw = Math.max(skuTerms.moq, dcMax - dcPosition);
        const qty = Math.ceil(raw / skuTerms.packSize) * skuTerms.packSize;
        const lead = Math.max(1, Math.round(rng.normal(supplier.leadTimeDays, supplier.leadTimeStdDays)));
        pendingReceipts.push({ day: day + lead * DAY_MS, qty });
      }
    }
  }

  return {
    locations: LOCATIONS,
    suppliers: SUPPLIERS,
    skus: skus.map(({ code, name, category, baseUnit, units, unitCost, unitPrice, pattern }) => ({ code, name, category, baseUnit, units, unitCost, unitPrice, pattern })),
    terms,
    movements: movements.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0)),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
