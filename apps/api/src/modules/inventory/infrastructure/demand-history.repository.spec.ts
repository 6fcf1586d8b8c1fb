import { parseIntArray } from './demand-history.repository';

describe('parseIntArray', () => {
  it.each([
    [null, []],
    ['{}', []],
    ['{0}', [0]],
    ['{1,-2,30,-400}', [1, -2, 30, -400]],
    ['{2147483647,-2147483648}', [2147483647, -2147483648]],
    [[3, '4', -5], [3, 4, -5]],
  ])('reads %p as %p', (text, ints) => {
    expect(parseIntArray(text)).toEqual(ints);
  });
});
