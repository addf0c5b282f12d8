// selectWeightedQuantiles (quickselect per zone) against the walk over cells sorted by value
// (weightedQuantilesByZone) and against hand-computed answers: the same value, exactly.
import { describe, expect, it } from 'vitest';
import { selectWeightedQuantiles } from '../../src/core/coverage/select-weighted-quantiles.ts';
import { weightedQuantilesByZone } from '../../src/core/coverage/compute-nearest-distance.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

function sortedOrder(values: Float64Array): Uint32Array {
  return Uint32Array.from(values, (_, i) => i).sort((a, b) => (values[a] === values[b] ? a - b : values[a] < values[b] ? -1 : 1));
}

describe('selectWeightedQuantiles', () => {
  it('gives the hand-computed lower weighted quantiles', () => {
    const values = Float64Array.from([40, 10, 30, 20, 99]);
    const weights = Float64Array.from([3, 5, 1, 1, 0]);
    const zone = Int32Array.from([0, 0, 0, 0, 0]);
    const [q0, median, p90, q1] = selectWeightedQuantiles(values, weights, zone, 1, [0, 0.5, 0.9, 1]);
    expect(q0[0]).toBe(10); // the smallest value with weight
    expect(median[0]).toBe(10); // 5 of 10 reached at the first value
    expect(p90[0]).toBe(40); // 7 of 10 after 30; 9 needs 40
    expect(q1[0]).toBe(40); // 99 has no weight
  });

  it('equals the sorted walk on random zones with ties, unreachable cells and empty zones', () => {
    const random = createRandom(7);
    const next = () => random.next();
    for (const [cells, zones, distinct] of [
      [5_000, 40, 1_000_000],
      [20_000, 3, 50],
      [3_000, 500, 7],
      [50, 1, 1],
      [200_000, 2, 1e9], // many bins per zone
    ]) {
      const values = Float64Array.from({ length: cells }, () => (next() < 0.03 ? Infinity : Math.floor(next() * distinct) * 12.5));
      const weights = Float64Array.from({ length: cells }, () => (next() < 0.1 ? 0 : next() * 40));
      // Zone −1 (outside) for some cells; the last zone stays empty.
      const zone = Int32Array.from({ length: cells }, () => (next() < 0.05 ? -1 : Math.floor(next() * Math.max(1, zones - 1))));
      const quantiles = [0.1, 0.5, 0.9];
      const expected = weightedQuantilesByZone(values, weights, zone, zones, quantiles, sortedOrder(values));
      const actual = selectWeightedQuantiles(values, weights, zone, zones, quantiles);
      for (let q = 0; q < quantiles.length; q++) expect(Array.from(actual[q])).toEqual(Array.from(expected[q]));
      if (zones > 1) expect(actual[1][zones - 1]).toBeNaN();
    }
  });

  it('leaves its inputs unchanged', () => {
    const values = Float64Array.from([3, 1, 2]);
    const weights = Float64Array.from([1, 1, 1]);
    selectWeightedQuantiles(values, weights, Int32Array.from([0, 0, 0]), 1, [0.5]);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });
});
