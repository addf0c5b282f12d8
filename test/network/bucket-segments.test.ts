// nearestSegment (segment buckets searched ring by ring) against a scan of every segment: the same
// segment (ties to the lower index), distance and position, within and beyond the reach, with a
// segment excluded, for points inside, between and far outside the roads.
import { describe, expect, it } from 'vitest';
import { bucketSegments, nearestSegment, type NearestSegment } from '../../src/core/network/bucket-segments.ts';
import { seeded } from './network-fixtures.ts';

function scan(ends: Float64Array, count: number, px: number, py: number, maxDistance: number, exclude: number): NearestSegment {
  const best: NearestSegment = { segment: -1, distance: Infinity, t: 0 };
  for (let s = 0; s < count; s++) {
    if (s === exclude) continue;
    const x0 = ends[4 * s], y0 = ends[4 * s + 1];
    const dx = ends[4 * s + 2] - x0, dy = ends[4 * s + 3] - y0;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / length2)) : 0;
    const ex = x0 + t * dx - px, ey = y0 + t * dy - py;
    const distance = Math.sqrt(ex * ex + ey * ey); // as the buckets compute it, to the bit
    if (distance < best.distance) Object.assign(best, { segment: s, distance, t });
  }
  return best.distance > maxDistance ? { ...best, segment: -1 } : best;
}

describe('nearestSegment', () => {
  it('finds what a scan of every segment finds', () => {
    const random = seeded(41);
    for (const [count, spread, length] of [[2_000, 20_000, 300], [300, 5_000, 2_000], [50, 50_000, 100], [1, 1_000, 10]]) {
      const ends = new Float64Array(4 * count);
      for (let s = 0; s < count; s++) {
        const x = random() * spread, y = random() * spread, angle = random() * 2 * Math.PI, l = random() * length;
        // some segments share an end with the one before (a road's next segment), some are points
        const [x0, y0] = s > 0 && random() < 0.3 ? [ends[4 * s - 2], ends[4 * s - 1]] : [x, y];
        ends.set([x0, y0, x0 + (random() < 0.05 ? 0 : l * Math.cos(angle)), y0 + l * Math.sin(angle)], 4 * s);
      }
      const buckets = bucketSegments(ends, count);
      const out: NearestSegment = { segment: -1, distance: Infinity, t: 0 };
      for (let k = 0; k < 3_000; k++) {
        const px = (random() * 1.4 - 0.2) * spread, py = (random() * 1.4 - 0.2) * spread;
        const maxDistance = [50, 500, 5_000, Infinity][k % 4];
        const exclude = k % 7 === 0 ? Math.floor(random() * count) : -1;
        const expected = scan(ends, count, px, py, maxDistance, exclude);
        const found = nearestSegment(buckets, ends, px, py, maxDistance, out, exclude);
        if (found.segment !== expected.segment || (expected.segment >= 0 && (found.distance !== expected.distance || found.t !== expected.t))) {
          expect({ ...found }).toEqual(expected);
        }
      }
    }
  });
});
