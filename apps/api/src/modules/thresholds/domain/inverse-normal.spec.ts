import { inverseNormal } from './inverse-normal';

describe('inverseNormal: z(p)', () => {
  it.each([
    [0.5, 0],
    [0.8413447460685429, 1],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.97, 1.8807936081512509],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.9999, 3.719016485455709],
    [0.01, -2.3263478740408408],
    [0.001, -3.090232306167813],
  ])('z(%p) = %p to 1e-6', (p, z) => {
    expect(Math.abs(inverseNormal(p) - z)).toBeLessThan(1e-6);
  });

  it('is antisymmetric and increasing across the region boundaries', () => {
    let last = -Infinity;
    for (let p = 0.0001; p < 1; p += 0.0001) {
      const z = inverseNormal(p);
      expect(z).toBeGreaterThan(last);
      expect(Math.abs(z + inverseNormal(1 - p))).toBeLessThan(1e-8);
      last = z;
    }
  });

  it('refuses p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.2, NaN]) expect(() => inverseNormal(p)).toThrow(RangeError);
  });
});
