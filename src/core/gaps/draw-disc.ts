// A reach disc drawn as a polygon for the gap geometry. The n-gon's circumradius is scaled so that
// its area equals the circle's (the drawn gap's area then has no systematic bias), and n is the
// smallest count for which the polygon stays within `tolerance` metres of the true circle: its
// vertices lie r·(k − 1) outside, its edge midpoints r·(1 − k·cos(π/n)) inside.

const MIN_SEGMENTS = 8;

function scaleFor(segments: number): number {
  return Math.sqrt((2 * Math.PI) / (segments * Math.sin((2 * Math.PI) / segments)));
}

/** Largest distance (m) between the area-preserving n-gon of radius r and the circle. */
export function discPolygonDeviation(radius: number, segments: number): number {
  const k = scaleFor(segments);
  return radius * Math.max(k - 1, 1 - k * Math.cos(Math.PI / segments));
}

/** Circumradius of the area-preserving n-gon drawn for a circle of radius r (its vertices lie on it). */
export function discCircumradius(radius: number, segments: number): number {
  return radius * scaleFor(segments);
}

/** Fewest segments keeping the drawn disc within `tolerance` metres of the circle. */
export function discPolygonSegments(radius: number, tolerance: number): number {
  // deviation ≈ r·π²/(3n²) (two thirds of the sagitta): start just below and step up.
  let n = Math.max(MIN_SEGMENTS, Math.floor(Math.PI * Math.sqrt(radius / (3 * tolerance))) - 1);
  while (discPolygonDeviation(radius, n) > tolerance) n++;
  return n;
}

/** The disc's ring, counter-clockwise, as flat x, y without a closing vertex. */
export function drawDisc(x: number, y: number, radius: number, segments: number): Float64Array {
  const r = discCircumradius(radius, segments);
  const ring = new Float64Array(2 * segments);
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    ring[2 * i] = x + r * Math.cos(a);
    ring[2 * i + 1] = y + r * Math.sin(a);
  }
  return ring;
}
