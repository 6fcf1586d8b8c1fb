import { DEFAULT_SERVICE_LEVELS } from '@stockpulse/contracts';
import { computeFigures, FigureInputs, needsApproval, resolvePolicy, roundUp } from './reorder-policy';

const stats = { d: 4.1, sigmaD: 2.05, dataPoints: 172, censoredDays: 8, preExistenceDays: 0, totalDemand: 705.2 };
const supplier = { id: 's', code: 'SUP', name: 'Acme', leadTimeDays: 7, leadTimeStdDays: 1.5, moq: 10, packSize: 6 };
const inputs = (over: Partial<FigureInputs> = {}): FigureInputs => ({
  settings: { method: 'dynamic' },
  stats,
  windowDays: 180,
  supplier,
  abcClass: 'A',
  xyzClass: 'X',
  serviceLevels: DEFAULT_SERVICE_LEVELS,
  ...over,
});

describe('computeFigures', () => {
  it('dynamic: SS = z x sqrt((L + R) sigma_d^2 + d^2 sigma_L^2), ROP = d (L + R) + SS, S = ROP + d x max(R, 7)', () => {
    const f = computeFigures(inputs());
    // z(0.99) = 2.3263; sqrt(7 x 4.2025 + 16.81 x 2.25) = sqrt(29.4175 + 37.8225) = 8.2000; SS = 19.08 -> 20
    expect(f.z).toBeCloseTo(2.326348, 6);
    expect(f.safetyStock).toBe(20);
    // ROP = 4.1 x 7 + 20 = 48.7 -> 49; S = 49 + ceil(4.1 x 7 = 28.7) = 78
    expect(f.reorderPoint).toBe(49);
    expect(f.orderUpTo).toBe(78);
    expect(f.explanation.formula).toContain('ROP = 4.1 x (7 + 0) + 20 = 48.7 -> 49');
    expect(f.explanation).toMatchObject({ L: 7, sigmaL: 1.5, R: 0, serviceLevel: 0.99, dataPoints: 172, censoredDays: 8, leadTimeSource: 'supplier_terms' });
  });

  it('uses the class service level, the policy service level, review period and overrides', () => {
    expect(computeFigures(inputs({ abcClass: 'C' })).serviceLevel).toBe(0.95);
    expect(computeFigures(inputs({ abcClass: null })).serviceLevel).toBe(0.95);
    const f = computeFigures(inputs({ settings: { method: 'dynamic', serviceLevel: 0.5, reviewPeriodDays: 14, leadTimeDaysOverride: 3 } }));
    // z(0.5) = 0: no safety stock; ROP = 4.1 x 17 = 69.7 -> 70; S = 70 + 4.1 x 14 = 57.4 -> 70 + 58
    expect(f).toMatchObject({ safetyStock: 0, reorderPoint: 70, orderUpTo: 128, leadTimeDays: 3, leadTimeStdDays: 1.5 });
    expect(f.explanation.leadTimeSource).toBe('override');
    expect(computeFigures(inputs({ settings: { method: 'dynamic', safetyStockOverride: 100 } }))).toMatchObject({ safetyStock: 100, reorderPoint: 129 });
  });

  it('assumes a default lead time without supplier terms, and has no figures without history', () => {
    const f = computeFigures(inputs({ supplier: null }));
    expect(f.explanation.leadTimeSource).toBe('default');
    expect(f.explanation.warnings.join()).toContain('no supplier terms');
    const none = computeFigures(inputs({ stats: { ...stats, d: 0, sigmaD: 0, dataPoints: 0 } }));
    expect(none).toMatchObject({ reorderPoint: null, safetyStock: null, orderUpTo: null });
  });

  it('static: ROP = min, S = max, SS as given or 0, max stock only with overstock alerts', () => {
    expect(computeFigures(inputs({ settings: { method: 'static', min: 20, max: 60 } }))).toMatchObject({
      reorderPoint: 20,
      orderUpTo: 60,
      safetyStock: 0,
      maxStock: null,
      d: 4.1,
    });
    expect(computeFigures(inputs({ settings: { method: 'static', min: 20, max: 60, safetyStock: 5, overstockAlerts: true } }))).toMatchObject({
      safetyStock: 5,
      maxStock: 60,
    });
  });

  it('rounds up, forgiving float noise', () => {
    expect(roundUp(3 * 7.000000000000001)).toBe(21);
    expect(roundUp(21.01)).toBe(22);
    expect(roundUp(-3)).toBe(0);
  });
});

describe('resolvePolicy and needsApproval', () => {
  it('inherits from the location default, then the category default, then the global default', () => {
    const own = { method: 'static' as const, min: 1, max: 2 };
    const loc = { method: 'dynamic' as const, serviceLevel: 0.9 };
    const cat = { method: 'dynamic' as const, reviewPeriodDays: 7 };
    expect(resolvePolicy(own, loc, cat)).toEqual({ settings: own, source: 'sku_location' });
    expect(resolvePolicy(null, loc, cat)).toEqual({ settings: loc, source: 'location_default' });
    expect(resolvePolicy(null, null, cat)).toEqual({ settings: cat, source: 'category_default' });
    expect(resolvePolicy(null, null, null)).toEqual({ settings: { method: 'dynamic' }, source: 'global_default' });
  });

  it('needs approval for a change of method, safety-stock override or lead-time override only', () => {
    const base = { method: 'dynamic' as const, serviceLevel: 0.9 };
    expect(needsApproval(base, { ...base, serviceLevel: 0.95, reviewPeriodDays: 3 })).toBe(false);
    expect(needsApproval(base, { ...base, safetyStockOverride: 4 })).toBe(true);
    expect(needsApproval(base, { ...base, leadTimeDaysOverride: 4 })).toBe(true);
    expect(needsApproval(base, { method: 'static', min: 1, max: 2 })).toBe(true);
    expect(needsApproval({ ...base, safetyStockOverride: 4 }, { ...base, safetyStockOverride: null })).toBe(true);
  });
});
