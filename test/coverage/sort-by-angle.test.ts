// The crossings' sort in gap tracing (packed keys sorted natively, then an exact insertion pass)
// against a comparator sort of the same angles: the same sequence of angles for short and long
// lists, angles closer together than the keys' 2⁻³⁶ rad, equal angles, 0 and 2π.
import { describe, expect, it } from 'vitest';
import { sortByAngle } from '../../src/core/gaps/trace-township-gap.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

function check(angle: number[]): void {
  const order = Array.from(sortByAngle(angle, angle.length).subarray(0, angle.length));
  expect([...order].sort((p, q) => p - q)).toEqual(angle.map((_, k) => k)); // a permutation
  expect(order.map((k) => angle[k])).toEqual([...angle].sort((a, b) => a - b));
}

describe('sortByAngle', () => {
  const random = createRandom(5);
  it('orders angles as a comparator sort does, short and long lists', () => {
    for (const m of [0, 1, 2, 7, 16, 17, 40, 200, 1_000, 20_000]) check(Array.from({ length: m }, () => random.next() * 2 * Math.PI));
  });

  it('orders angles closer than the packed keys can tell apart, equal angles, 0 and 2π', () => {
    const base = 1.2345;
    const near = Array.from({ length: 60 }, (_, k) => base + ((k * 7919) % 61) * 2 ** -44);
    check([...near, 0, 2 * Math.PI, base, base, 3, 3, 2 ** -40, 0]);
    check(Array.from({ length: 100 }, () => 2.5));
  });
});
