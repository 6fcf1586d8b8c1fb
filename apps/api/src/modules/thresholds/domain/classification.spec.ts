import { abcClasses, xyzClass } from './classification';

describe('abcClasses: cumulative 80/15/5 share of annual consumption value', () => {
  it('ranks by value: A while the share before is under 80%, B under 95%, then C', () => {
    const items = [
      { key: 'a', annualValue: 700 },
      { key: 'b', annualValue: 150 },
      { key: 'c', annualValue: 80 },
      { key: 'd', annualValue: 40 },
      { key: 'e', annualValue: 30 },
      { key: 'z', annualValue: 0 },
    ];
    // shares before: a 0, b 0.7, c 0.85, d 0.93, e 0.97
    expect(Object.fromEntries(abcClasses(items))).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', z: 'C' });
  });

  it('gives C to everything when nothing has value, and A to a single item with value', () => {
    expect([...abcClasses([{ key: 1, annualValue: 0 }, { key: 2, annualValue: 0 }]).values()]).toEqual(['C', 'C']);
    expect(abcClasses([{ key: 1, annualValue: 5 }]).get(1)).toBe('A');
  });
});

describe('xyzClass: coefficient of variation', () => {
  it.each([
    [10, 4.99, 30, 'X'],
    [10, 5, 30, 'Y'],
    [10, 9.99, 30, 'Y'],
    [10, 10, 30, 'Z'],
    [0, 0, 30, null],
    [10, 0, 1, null],
  ])('d %p sigma %p n %p -> %p', (d, s, n, cls) => {
    expect(xyzClass(d, s, n)).toBe(cls);
  });
});
