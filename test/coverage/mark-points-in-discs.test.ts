// markPointsInDiscs (a bucket grid over the discs) against a scan of every disc for every point with
// the k-d tree's own test (dx² + dy² ≤ r²) and against kdbush's range query per disc, which it
// replaced: the same flags on scenes that stress the grid — points exactly on circles, radii of
// very different sizes, one huge disc, discs far outside the points, points on a line or all at
// one spot, non-finite points, random order — and none for no discs.
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { markPointsInDiscs } from '../../src/core/coverage/mark-points-in-discs.ts';
import type { Discs } from '../../src/core/coverage/disc-union-area.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

function scan(x: Float64Array, y: Float64Array, discs: Discs): Uint8Array {
  return Uint8Array.from(x, (px, i) => {
    for (let k = 0; k < discs.x.length; k++) {
      const dx = px - discs.x[k], dy = y[i] - discs.y[k];
      if (dx * dx + dy * dy <= discs.r[k] * discs.r[k]) return 1;
    }
    return 0;
  });
}

function byKdTree(x: Float64Array, y: Float64Array, discs: Discs): Uint8Array {
  const index = new KDBush(Math.max(1, x.length), 64, Float64Array);
  for (let i = 0; i < x.length; i++) index.add(x[i], y[i]);
  index.finish();
  const covered = new Uint8Array(x.length);
  for (let k = 0; k < discs.x.length; k++) for (const i of index.within(discs.x[k], discs.y[k], discs.r[k])) covered[i] = 1;
  return covered;
}

const discsOf = (list: number[][]): Discs => ({ x: Float64Array.from(list, (d) => d[0]), y: Float64Array.from(list, (d) => d[1]), r: Float64Array.from(list, (d) => d[2]) });

describe('markPointsInDiscs', () => {
  const random = createRandom(47);
  const next = () => random.next();
  const scenes: Record<string, () => { x: number[]; y: number[]; discs: number[][] }> = {
    'a grid of points in rows, discs of 1,500 m': () => {
      const x: number[] = [], y: number[] = [];
      for (let j = 0; j < 150; j++) for (let i = 0; i < 150; i++) (x.push(i * 250), y.push(j * 250));
      return { x, y, discs: Array.from({ length: 300 }, () => [next() * 40_000, next() * 40_000, 1_500]) };
    },
    'points exactly on the circles and their centres': () => {
      const discs = Array.from({ length: 50 }, (_, k) => [k * 1_000, (k % 7) * 900, 500 + (k % 3) * 125]);
      const x: number[] = [], y: number[] = [];
      for (const [cx, cy, r] of discs) for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [0, 0], [r * 0.6, r * 0.8], [r, 1e-9]]) (x.push(cx + dx), y.push(cy + dy));
      return { x, y, discs };
    },
    'radii from 1 m to 20 km, points in random order': () => ({
      x: Array.from({ length: 8_000 }, () => next() * 100_000),
      y: Array.from({ length: 8_000 }, () => next() * 100_000),
      discs: Array.from({ length: 400 }, () => [next() * 100_000, next() * 100_000, 10 ** (next() * 4.3)]),
    }),
    'one disc holding everything, others far outside the points': () => ({
      x: Array.from({ length: 2_000 }, () => next() * 1_000),
      y: Array.from({ length: 2_000 }, () => next() * 1_000),
      discs: [[500, 500, 1e7], [1e6, 1e6, 10], [-5e5, 0, 3e5]],
    }),
    'points on a line and all at one spot': () => ({
      x: [...Array.from({ length: 1_000 }, (_, i) => i * 10), ...Array.from({ length: 100 }, () => 3_000)],
      y: [...Array.from({ length: 1_000 }, () => 0), ...Array.from({ length: 100 }, () => 0)],
      discs: Array.from({ length: 40 }, () => [next() * 10_000, (next() - 0.5) * 200, 50 + next() * 100]),
    }),
    'zero radii, a negative radius and a non-finite point': () => ({
      x: [0, 10, 20, NaN, 30, Infinity],
      y: [0, 0, 0, 0, NaN, 0],
      discs: [[0, 0, 0], [20, 0, -1], [100, 0, 5]],
    }),
  };
  for (const [name, scene] of Object.entries(scenes)) {
    it(`gives the flags of a scan of every disc and of a k-d tree query per disc: ${name}`, () => {
      const { x, y, discs: list } = scene();
      const px = Float64Array.from(x), py = Float64Array.from(y);
      const discs = discsOf(list);
      const flags = markPointsInDiscs(px, py, discs);
      expect(Array.from(flags)).toEqual(Array.from(scan(px, py, discs)));
      expect(Array.from(flags)).toEqual(Array.from(byKdTree(px, py, discs)));
    });
  }

  it('marks nothing without discs or points', () => {
    expect(Array.from(markPointsInDiscs(Float64Array.of(1, 2), Float64Array.of(1, 2), discsOf([])))).toEqual([0, 0]);
    expect(markPointsInDiscs(new Float64Array(0), new Float64Array(0), discsOf([[0, 0, 5]])).length).toBe(0);
  });

  it('marks every finite point for an infinite radius, as the k-d tree does', () => {
    const px = Float64Array.of(0, 1e6, NaN), py = Float64Array.of(0, -1e6, 0);
    const discs = discsOf([[0, 0, Infinity]]);
    expect(Array.from(markPointsInDiscs(px, py, discs))).toEqual([1, 1, 0]);
    expect(Array.from(byKdTree(px, py, discs))).toEqual([1, 1, 0]);
  });
});
