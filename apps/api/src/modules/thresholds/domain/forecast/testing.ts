/**
 * Generated demand series for the library's tests and benchmark: a seeded generator (mulberry32) and series of
 * each demand pattern with a known structure. Not used by production code.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw (Knuth for small means, normal approximation above 30). */
export function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export type GeneratedPattern = 'smooth' | 'seasonal' | 'trend' | 'intermittent' | 'lumpy';

/**
 * A daily series of `n` periods: smooth (Poisson around 20), seasonal (weekly profile, weekend peaks, level 20),
 * trend (level 10 rising 0.1 a day), intermittent (demand on ~1 day in 4, sizes 1..3) or lumpy (~1 day in 6, sizes
 * spread over 1..40).
 */
export function generateSeries(pattern: GeneratedPattern, n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const y = new Float64Array(n);
  const week = [0.7, 0.8, 0.9, 1, 1.1, 1.6, 0.9];
  for (let t = 0; t < n; t++) {
    switch (pattern) {
      case 'smooth':
        y[t] = poisson(random, 20);
        break;
      case 'seasonal':
        y[t] = poisson(random, 20 * week[t % 7]);
        break;
      case 'trend':
        y[t] = poisson(random, 10 + 0.1 * t);
        break;
      case 'intermittent':
        y[t] = random() < 0.25 ? 1 + Math.floor(random() * 3) : 0;
        break;
      case 'lumpy':
        y[t] = random() < 1 / 6 ? 1 + Math.floor(random() * random() * 40) : 0;
        break;
    }
  }
  return y;
}
