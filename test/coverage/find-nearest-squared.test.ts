// findNearestSquared (bucket grid, k-d tree far out) against a scan of every facility: the same
// squared distance, exactly, on scenes that stress each path — clustered facilities, points far
// outside the facilities' box (the k-d tree's part), facilities on a line or all at one spot, one
// facility, points in random order (no spatial order to start from), and weightless points skipped.
import { describe, expect, it } from 'vitest';
import { findNearestSquared } from '../../src/core/coverage/find-nearest-squared.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

function scan(fx: Float64Array, fy: Float64Array, x: Float64Array, y: Float64Array, weight: Float64Array): Float64Array {
  return Float64Array.from(x, (px, i) => {
    if (weight[i] <= 0) return Infinity;
    let best = Infinity;
    for (let k = 0; k < fx.length; k++) best = Math.min(best, (fx[k] - px) ** 2 + (fy[k] - y[i]) ** 2);
    return best;
  });
}

describe('findNearestSquared', () => {
  const random = createRandom(31);
  const next = () => random.next();
  const scenes: Record<string, () => { fx: number[]; fy: number[]; x: number[]; y: number[] }> = {
    'clustered facilities, points on a grid in rows': () => {
      const centres = Array.from({ length: 12 }, () => [next() * 50_000, next() * 50_000]);
      const f = Array.from({ length: 3_000 }, () => {
        const [cx, cy] = centres[Math.floor(next() * centres.length)];
        return [cx + (next() - 0.5) * 4_000, cy + (next() - 0.5) * 4_000];
      });
      const x: number[] = [], y: number[] = [];
      for (let j = 0; j < 120; j++) for (let i = 0; i < 120; i++) (x.push(-10_000 + i * 600), y.push(-10_000 + j * 600));
      return { fx: f.map((p) => p[0]), fy: f.map((p) => p[1]), x, y };
    },
    'points far outside the facilities\' box, in random order': () => {
      const f = Array.from({ length: 400 }, () => [next() * 5_000, next() * 5_000]);
      const p = Array.from({ length: 5_000 }, () => [(next() - 0.5) * 200_000, (next() - 0.5) * 200_000]);
      return { fx: f.map((q) => q[0]), fy: f.map((q) => q[1]), x: p.map((q) => q[0]), y: p.map((q) => q[1]) };
    },
    'facilities on a line, with duplicates': () => {
      const f = Array.from({ length: 500 }, (_, k) => [Math.floor(k / 2) * 37.5, 1_000]);
      const p = Array.from({ length: 4_000 }, () => [next() * 20_000 - 1_000, next() * 4_000 - 1_000]);
      return { fx: f.map((q) => q[0]), fy: f.map((q) => q[1]), x: p.map((q) => q[0]), y: p.map((q) => q[1]) };
    },
    'every facility at one spot': () => {
      const p = Array.from({ length: 2_000 }, () => [next() * 9_000, next() * 9_000]);
      return { fx: Array(50).fill(4_000.25), fy: Array(50).fill(-3.5), x: p.map((q) => q[0]), y: p.map((q) => q[1]) };
    },
    'one facility': () => {
      const p = Array.from({ length: 2_000 }, () => [next() * 9_000, next() * 9_000]);
      return { fx: [123.4], fy: [5_678.9], x: p.map((q) => q[0]), y: p.map((q) => q[1]) };
    },
    'points exactly on bucket edges and on facilities': () => {
      const f = Array.from({ length: 100 }, (_, k) => [(k % 10) * 1_000, Math.floor(k / 10) * 1_000]);
      const p: number[][] = [];
      for (let i = -2; i <= 22; i++) for (let j = -2; j <= 22; j++) p.push([i * 500, j * 500]);
      return { fx: f.map((q) => q[0]), fy: f.map((q) => q[1]), x: p.map((q) => q[0]), y: p.map((q) => q[1]) };
    },
  };
  for (const [name, make] of Object.entries(scenes)) {
    it(name, () => {
      const { fx, fy, x, y } = make();
      const weight = Float64Array.from(x, () => (next() < 0.1 ? 0 : 1 + next()));
      const arrays = [fx, fy, x, y].map((a) => Float64Array.from(a)) as [Float64Array, Float64Array, Float64Array, Float64Array];
      const expected = scan(...arrays, weight);
      const actual = findNearestSquared(...arrays, weight);
      expect(Array.from(actual)).toEqual(Array.from(expected));
    });
  }

  it('gives every point Infinity when there is no facility', () => {
    const out = findNearestSquared(new Float64Array(0), new Float64Array(0), Float64Array.of(1, 2), Float64Array.of(3, 4), Float64Array.of(1, 1));
    expect(Array.from(out)).toEqual([Infinity, Infinity]);
  });
});
