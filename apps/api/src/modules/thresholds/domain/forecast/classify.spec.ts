import { classifyDemand } from './classify';

const classify = (values: number[]) => classifyDemand(Float64Array.from(values));

describe('classifyDemand (Syntetos-Boylan: ADI 1.32, CV^2 0.49)', () => {
  it('smooth: demand every period, steady sizes', () => {
    expect(classify([10, 11, 9, 10, 12, 8])).toMatchObject({ pattern: 'smooth', adi: 1 });
  });

  it('erratic: demand every period, sizes varying (CV^2 > 0.49)', () => {
    const r = classify([1, 10, 1, 10, 1, 10]);
    expect(r.pattern).toBe('erratic');
    expect(r.cv2).toBeGreaterThan(0.49);
  });

  it('intermittent and lumpy: demand in fewer than 1 period in 1.32', () => {
    expect(classify([0, 5, 0, 5, 0, 5]).pattern).toBe('intermittent');
    expect(classify([0, 1, 0, 20, 0, 1]).pattern).toBe('lumpy');
  });

  it('on the cut-offs: ADI exactly 1.32 and CV^2 exactly 0.49 are not past them', () => {
    // 33 known periods, 25 with demand: ADI = 1.32
    const atAdi = [...new Array(25).fill(5), ...new Array(8).fill(0)];
    expect(classify(atAdi)).toMatchObject({ pattern: 'smooth' });
    expect(classify(atAdi).adi).toBeCloseTo(1.32, 12);
    expect(classify([...atAdi, 0]).pattern).toBe('intermittent');
    // sizes 3 and 17, alternating: mean 10, sample variance 49 * 2 (n = 2) ... choose sizes giving CV^2 = 0.49 exactly
    // two sizes a, b: sample variance (a - b)^2 / 2, mean (a + b) / 2; a = 10 - d, b = 10 + d: CV^2 = 2 d^2 / 100
    const d = Math.sqrt(24.5);
    const atCv = classify([10 - d, 10 + d]);
    expect(atCv.cv2).toBeCloseTo(0.49, 12);
    expect(classifyDemand(Float64Array.from([10 - d * 1.0001, 10 + d * 1.0001])).pattern).toBe('erratic');
  });

  it('leaves unknown periods out of both measures', () => {
    expect(classify([5, NaN, NaN, 5, NaN, 5])).toMatchObject({ pattern: 'smooth', adi: 1 });
  });

  it('no demand: intermittent, ADI the known periods (a lower bound)', () => {
    expect(classify([0, 0, 0, NaN])).toMatchObject({ pattern: 'intermittent', adi: 3, cv2: 0 });
    expect(classify([])).toMatchObject({ adi: 0, cv2: 0 });
  });
});
