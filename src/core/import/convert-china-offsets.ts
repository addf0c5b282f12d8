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

/** WGS84 → GCJ-02, used to recognise a layer that carries the GCJ-02 shift. */
export function wgs84ToGcj02Position(lon: number, lat: number): LonLat {
  return wgs84ToGcj02([lon, lat]);
}
