// A uniform grid of buckets over road segments (CSR), for snapping millions of points to their
// nearest segment. Hand-written rather than Flatbush's k-nearest query because that query
// allocates a result array and a queue pass per call: 13 µs a point measured on the benchmark's
// county against about 1–2 µs here, and snapping runs over every population and grid cell.

export interface SegmentBuckets {
  minX: number;
  minY: number;
  cellSize: number;
  columns: number;
  rows: number;
  /** Segments of bucket b: items[start[b] .. start[b + 1]). */
  start: Uint32Array;
  items: Uint32Array;
}

/** Buckets for segments given by their end points (x0, y0, x1, y1 per segment). */
export function bucketSegments(ends: Float64Array, count: number): SegmentBuckets {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, total = 0;
  for (let s = 0; s < count; s++) {
    const x0 = ends[4 * s], y0 = ends[4 * s + 1], x1 = ends[4 * s + 2], y1 = ends[4 * s + 3];
    minX = Math.min(minX, x0, x1);
    minY = Math.min(minY, y0, y1);
    maxX = Math.max(maxX, x0, x1);
    maxY = Math.max(maxY, y0, y1);
    total += Math.hypot(x1 - x0, y1 - y0);
  }
  if (count === 0) return { minX: 0, minY: 0, cellSize: 1, columns: 1, rows: 1, start: new Uint32Array(2), items: new Uint32Array(0) };
  // about one bucket per segment, and no smaller than a typical segment
  const area = Math.max(1, (maxX - minX) * (maxY - minY));
  const cellSize = Math.max(total / count, Math.sqrt(area / count), 1);
  const columns = Math.max(1, Math.ceil((maxX - minX) / cellSize) + 1);
  const rows = Math.max(1, Math.ceil((maxY - minY) / cellSize) + 1);
  const start = new Uint32Array(columns * rows + 1);
  const cursor = new Uint32Array(columns * rows);
  let items = new Uint32Array(0);
  // two passes over the buckets each segment's box covers: count, then fill
  for (let pass = 0; pass < 2; pass++) {
    for (let s = 0; s < count; s++) {
      const x0 = ends[4 * s], y0 = ends[4 * s + 1], x1 = ends[4 * s + 2], y1 = ends[4 * s + 3];
      const c0 = Math.floor((Math.min(x0, x1) - minX) / cellSize), c1 = Math.floor((Math.max(x0, x1) - minX) / cellSize);
      const r0 = Math.floor((Math.min(y0, y1) - minY) / cellSize), r1 = Math.floor((Math.max(y0, y1) - minY) / cellSize);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          if (pass === 0) start[c + r * columns + 1]++;
          else items[cursor[c + r * columns]++] = s;
        }
      }
    }
    if (pass === 0) {
      for (let b = 0; b < columns * rows; b++) start[b + 1] += start[b];
      cursor.set(start.subarray(0, columns * rows));
      items = new Uint32Array(start[columns * rows]);
    }
  }
  return { minX, minY, cellSize, columns, rows, start, items };
}

export interface NearestSegment {
  segment: number;
  /** Projected distance and the position along the segment (0 at its start). */
  distance: number;
  t: number;
}

/** Compares squared distances (one square root per improvement, not per segment); `out.distance` stays the distance. */
function checkBucket(buckets: SegmentBuckets, ends: Float64Array, bucket: number, px: number, py: number, exclude: number, usable: Uint8Array | undefined, out: NearestSegment, best: { squared: number }): void {
  const { start, items } = buckets;
  for (let m = start[bucket]; m < start[bucket + 1]; m++) {
    const s = items[m];
    if (s === exclude || (usable && usable[s] === 0)) continue;
    const x0 = ends[4 * s], y0 = ends[4 * s + 1];
    const dx = ends[4 * s + 2] - x0, dy = ends[4 * s + 3] - y0;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / length2)) : 0;
    const ex = x0 + t * dx - px, ey = y0 + t * dy - py;
    const squared = ex * ex + ey * ey;
    if (squared < best.squared || (squared === best.squared && s < out.segment)) {
      best.squared = squared;
      out.segment = s;
      out.distance = Math.sqrt(squared);
      out.t = t;
    }
  }
}

const best = { squared: Infinity };

/**
 * The nearest segment within maxDistance (projected metres), or segment −1; `usable` (0/1 per
 * segment) leaves out the segments marked 0 (a mode's closed roads); `exclude` is a
 * segment to ignore (a line end's own segment). Ties go to the lower index.
 */
export function nearestSegment(buckets: SegmentBuckets, ends: Float64Array, px: number, py: number, maxDistance: number, out: NearestSegment, exclude = -1, usable?: Uint8Array): NearestSegment {
  out.segment = -1;
  out.distance = Infinity;
  out.t = 0;
  best.squared = Infinity;
  const { minX, minY, cellSize, columns, rows } = buckets;
  const outsideX = Math.max(minX - px, px - (minX + columns * cellSize), 0);
  const outsideY = Math.max(minY - py, py - (minY + rows * cellSize), 0);
  if (outsideX * outsideX + outsideY * outsideY > maxDistance * maxDistance) return out;
  const cx = Math.min(columns - 1, Math.max(0, Math.floor((px - minX) / cellSize)));
  const cy = Math.min(rows - 1, Math.max(0, Math.floor((py - minY) / cellSize)));
  const maxRing = Math.max(columns, rows);
  for (let ring = 0; ring <= maxRing; ring++) {
    if (ring > 0) {
      // Every bucket not searched yet lies beyond a side of the block searched so far (rings
      // 0 … ring − 1) that still has buckets beyond it: at least that far from the point (less a
      // margin for rounding in the bucket assignment). Nothing beyond is nearer, nor as near.
      const b0 = cy - ring + 1, b1 = cy + ring - 1, a0 = cx - ring + 1, a1 = cx + ring - 1;
      let beyond = Infinity;
      if (a0 > 0) beyond = Math.min(beyond, px - (minX + a0 * cellSize));
      if (a1 < columns - 1) beyond = Math.min(beyond, minX + (a1 + 1) * cellSize - px);
      if (b0 > 0) beyond = Math.min(beyond, py - (minY + b0 * cellSize));
      if (b1 < rows - 1) beyond = Math.min(beyond, minY + (b1 + 1) * cellSize - py);
      if (beyond === Infinity || beyond * (1 - 1e-9) - 1e-6 > Math.min(out.distance, maxDistance)) break;
    }
    const r0 = cy - ring, r1 = cy + ring, c0 = cx - ring, c1 = cx + ring;
    for (let c = Math.max(0, c0); c <= Math.min(columns - 1, c1); c++) {
      if (r0 >= 0) checkBucket(buckets, ends, c + r0 * columns, px, py, exclude, usable, out, best);
      if (r1 < rows && ring > 0) checkBucket(buckets, ends, c + r1 * columns, px, py, exclude, usable, out, best);
    }
    for (let r = Math.max(0, r0 + 1); r <= Math.min(rows - 1, r1 - 1); r++) {
      if (c0 >= 0) checkBucket(buckets, ends, c0 + r * columns, px, py, exclude, usable, out, best);
      if (c1 < columns && ring > 0) checkBucket(buckets, ends, c1 + r * columns, px, py, exclude, usable, out, best);
    }
  }
  if (out.distance > maxDistance) out.segment = -1;
  return out;
}
