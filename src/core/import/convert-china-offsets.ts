// GCJ-02 (Amap/Gaode, Tencent) and BD-09 (Baidu) → WGS84.
//
// Only the forward directions (WGS84→GCJ-02, GCJ-02→BD-09) are published formulas; the inverses
// have no closed form. gcoord 1.0.7's GCJ02ToWGS84 is already iterative, but it stops once the
// forward residual is below 1e-6° (≈ 0.1 m) and has no iteration cap, and its BD09ToGCJ02 is the
// usual one-step approximation (≈ 3e-7°, a few centimetres, measured at Yuxi). We therefore invert
// both forward formulas ourselves by fixed-point iteration, x ← x − (f(x) − target), which converges
// because the offset changes by far less than 1 % per metre; 1e-10° (≈ 0.01 mm) in ≤ 30 steps.
import gcoord from 'gcoord';

export type LonLat = [number, number];

const TOLERANCE_DEGREES = 1e-10;
const MAX_ITERATIONS = 30;

function wgs84ToGcj02(position: LonLat): LonLat {
  return gcoord.transform(position, gcoord.WGS84, gcoord.GCJ02) as LonLat;
}

function gcj02ToBd09(position: LonLat): LonLat {
  return gcoord.transform(position, gcoord.GCJ02, gcoord.BD09) as LonLat;
}

function invert(forward: (position: LonLat) => LonLat, target: LonLat, start: LonLat): LonLat {
  let lon = start[0];
  let lat = start[1];
  for (let step = 0; step < MAX_ITERATIONS; step++) {
    const [fLon, fLat] = forward([lon, lat]);
    const dLon = fLon - target[0];
    const dLat = fLat - target[1];
    lon -= dLon;
    lat -= dLat;
    if (Math.abs(dLon) < TOLERANCE_DEGREES && Math.abs(dLat) < TOLERANCE_DEGREES) break;
  }
  return [lon, lat];
}

export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat];
  return invert(wgs84ToGcj02, [lon, lat], [lon, lat]);
}

export function bd09ToGcj02(lon: number, lat: number): LonLat {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat];
  const first = gcoord.transform([lon, lat], gcoord.BD09, gcoord.GCJ02) as LonLat;
  return invert(gcj02ToBd09, [lon, lat], first);
}

export function bd09ToWgs84(lon: number, lat: number): LonLat {
  const [gLon, gLat] = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(gLon, gLat);
}

/** The offsets' Lipschitz constant is below this (∞-norm, degrees per degree; measured ≈ 0.005 for GCJ-02, 0.001 for BD-09). */
const OFFSET_LIPSCHITZ = 0.01;

/**
 * An upper bound (degrees, in lon and in lat) on how far gcj02ToWgs84 and bd09ToWgs84 move the
 * position, from two forward evaluations instead of the iterations: with off(p) = f(p) − p and
 * |off(a) − off(b)| ≤ L·|a − b|, the inverse g = p − off(g) moves p by at most |off(p)| / (1 − L);
 * BD-09 → WGS84 is BD-09 → GCJ-02 then GCJ-02 → WGS84 from a point at most that far away.
 * Lets a check skip the inverses where nothing within the bound could change its answer.
 */
export function chinaOffsetBound(lon: number, lat: number): number {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 0;
  const toGcj = wgs84ToGcj02([lon, lat]);
  const toBd = gcj02ToBd09([lon, lat]);
  const gcj = Math.max(Math.abs(toGcj[0] - lon), Math.abs(toGcj[1] - lat));
  const bdToGcj = Math.max(Math.abs(toBd[0] - lon), Math.abs(toBd[1] - lat)) / (1 - OFFSET_LIPSCHITZ);
  const bd = bdToGcj + (gcj + OFFSET_LIPSCHITZ * bdToGcj) / (1 - OFFSET_LIPSCHITZ);
  return Math.max(gcj / (1 - OFFSET_LIPSCHITZ), bd);
}

/** chinaOffsetBound never exceeds this anywhere in China (degrees; ≈ 0.011 at most, tested over the country). */
export const CHINA_OFFSET_REACH = 0.02;

/** WGS84 → GCJ-02, used to recognise a layer that carries the GCJ-02 shift. */
export function wgs84ToGcj02Position(lon: number, lat: number): LonLat {
  return wgs84ToGcj02([lon, lat]);
}
