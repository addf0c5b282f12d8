// lineCircleCrossings against crossings worked out by hand.
import { describe, expect, it } from 'vitest';
import { lineCircleCrossings } from '../../src/core/geometry/line-circle.ts';

describe('lineCircleCrossings', () => {
  const out = new Float64Array(2);

  it('finds both crossings of a chord, in order', () => {
    // from (−2, 0) along (4, 0): the unit circle at x = −1 and x = 1, i.e. t = 1/4 and 3/4
    expect(lineCircleCrossings(-2, 0, 4, 0, 1, out)).toBe(true);
    expect([...out]).toEqual([0.25, 0.75]);
    // a chord at height 0.6 of a circle of radius 1: x = ±0.8, from (0, 0.6) along (1, 0)
    expect(lineCircleCrossings(0, 0.6, 1, 0, 1, out)).toBe(true);
    expect(out[0]).toBeCloseTo(-0.8, 15);
    expect(out[1]).toBeCloseTo(0.8, 15);
  });

  it('says no crossing for a miss, a tangent and a zero direction', () => {
    expect(lineCircleCrossings(-2, 2, 4, 0, 1, out)).toBe(false);
    expect(lineCircleCrossings(-2, 1, 4, 0, 1, out)).toBe(false);
    expect(lineCircleCrossings(0.5, 0, 0, 0, 1, out)).toBe(false);
  });
});
