// Independent ellipsoidal reference answers from GeographicLib (Karney's algorithms on WGS84),
// used to check the engine's projected computations.
import geographiclib from 'geographiclib-geodesic';

const { Geodesic } = geographiclib;
export const WGS84 = Geodesic.WGS84;

/** Geodesic distance in metres. */
export function geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return WGS84.Inverse(lat1, lon1, lat2, lon2).s12!;
}

/** Area (m², positive) of a lon/lat ring with geodesic edges. */
export function geodesicRingArea(ring: number[][]): number {
  const polygon = WGS84.Polygon(false);
  const open = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  for (const [lon, lat] of open) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area!);
}

/** A closed lon/lat ring of n points on the geodesic circle of radius r around (lon, lat), counter-clockwise. */
export function geodesicCircleRing(lon: number, lat: number, radius: number, n = 3600): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const azimuth = 90 - (360 * i) / n; // counter-clockwise from east
    const p = WGS84.Direct(lat, lon, azimuth, radius);
    ring.push([p.lon2!, p.lat2!]);
  }
  ring.push(ring[0]);
  return ring;
}

/** Lon/lat rectangle ring (counter-clockwise), densified so each edge is ≤ `step` degrees. */
export function rectangleRing(west: number, south: number, east: number, north: number, step = 0.001): number[][] {
  const ring: number[][] = [];
  const edge = (x0: number, y0: number, x1: number, y1: number) => {
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / step));
    for (let i = 0; i < n; i++) ring.push([x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n]);
  };
  edge(west, south, east, south);
  edge(east, south, east, north);
  edge(east, north, west, north);
  edge(west, north, west, south);
  ring.push(ring[0]);
  return ring;
}
