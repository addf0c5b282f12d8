// Where a line meets a circle: the one quadratic both exact kernels solve per edge and disc (the
// area kernel, coverage/disc-union-area.ts, and the gap tracer, gaps/trace-township-gap.ts), so
// both see the same crossings to the last bit.

/**
 * The parameters t0 < t1 at which p + t·d (p and d relative to the circle's centre) crosses the
 * circle of radius r, written to `out`; false when the line misses or only touches it, or d is zero.
 * Writes into `out` instead of returning a pair: it runs once per edge and disc in the kernels.
 */
export function lineCircleCrossings(px: number, py: number, dx: number, dy: number, r: number, out: Float64Array): boolean {
  const a = dx * dx + dy * dy;
  if (a === 0) return false;
  const b = 2 * (px * dx + py * dy);
  const c = px * px + py * py - r * r;
  const disc = b * b - 4 * a * c;
  if (disc <= 0) return false;
  const root = Math.sqrt(disc);
  out[0] = (-b - root) / (2 * a);
  out[1] = (-b + root) / (2 * a);
  return true;
}
