// Planar tests on one ring of positions ([x, y, …] arrays, closed or open: a repeated first
// position adds nothing), in whatever plane the positions are in.

/** Even–odd point-in-ring test. */
export function pointInRing(x: number, y: number, ring: ArrayLike<number>[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0], yi = ring[i][1];
    const xj = ring[j][0], yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Twice the signed area (positive = counter-clockwise), by the shoelace formula. */
export function ringSignedArea2(ring: ArrayLike<number>[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum;
}
