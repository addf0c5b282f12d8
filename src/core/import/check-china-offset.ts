// Is a layer offset from a reference by the GCJ-02 (Amap/Tencent) or BD-09 (Baidu) pattern? A pure
// check on coordinates only — never on file or column names — that the app and the CLI run when a
// layer without a declared coordinate system meets data already loaded in WGS84/CGCS2000.
//
// The test is always "does applying the inverse make the layer fit the reference markedly better":
//   - reference points (another point layer, e.g. township seats): median distance to the nearest
//     reference point, as read and after each inverse;
//   - reference polygons and a line/polygon layer: median distance from the layer's vertices to the
//     nearest reference edge (shared borders snap into place);
//   - reference polygons and a point layer: how many points fall outside every polygon, as read and
//     after each inverse. Points well inside cannot tell (a 300–600 m shift keeps them inside), but a
//     layer spread over the region has points near its border, and a GCJ-02 layer has some pushed out
//     that the inverse brings back in, while for a WGS84 layer the inverse pushes points out instead.
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { LocalProjection } from '../geodesy/local-projection.ts';
import { locateZone, projectZones, type ProjectedZones } from '../geometry/projected-zones.ts';
import { bd09ToWgs84, CHINA_OFFSET_REACH, chinaOffsetBound, gcj02ToWgs84 } from './convert-china-offsets.ts';
import type { GeoJsonPosition } from '../geojson-types.ts';

export interface OffsetReference {
  /** WGS84 lon/lat points (another layer). */
  points?: Array<[number, number]>;
  /** WGS84 polygons (boundaries), each as rings of [lon, lat] (first ring exterior). */
  polygons?: number[][][][];
}

export interface OffsetCheck {
  verdict: 'gcj02' | 'bd09' | 'none' | 'undetermined';
  method: 'nearest-point' | 'nearest-edge' | 'points-outside' | 'none';
  /** Typical shift the inverse removes (metres), when the verdict is an offset. */
  distance?: number;
  /** The figures the verdict rests on: as read, after the GCJ-02 inverse, after the BD-09 inverse. */
  asRead?: number;
  afterGcj02?: number;
  afterBd09?: number;
}

/** Distance in metres between nearby points on the GRS80 ellipsoid (local tangent plane; < 1e-5 relative within a few km). */
export function nearbyDistanceMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = 6378137;
  const e2 = 0.0066943800229;
  const phi = (((lat1 + lat2) / 2) * Math.PI) / 180;
  const w = 1 - e2 * Math.sin(phi) ** 2;
  const nu = a / Math.sqrt(w);
  const rho = (a * (1 - e2)) / (w * Math.sqrt(w));
  const dx = (((lon2 - lon1) * Math.PI) / 180) * nu * Math.cos(phi);
  const dy = (((lat2 - lat1) * Math.PI) / 180) * rho;
  return Math.hypot(dx, dy);
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Distance (m) from a point to a segment, in a local plane scaled at the point's latitude. */
function segmentDistanceMetres(lon: number, lat: number, ax: number, ay: number, bx: number, by: number): number {
  const kx = Math.cos((lat * Math.PI) / 180);
  const px = (lon - ax) * kx;
  const py = lat - ay;
  const dx = (bx - ax) * kx;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
  const cx = ax + (t * dx) / kx;
  const cy = ay + t * dy;
  return nearbyDistanceMetres(lon, lat, cx, cy);
}

const MATCH_DEGREES = 0.03; // ≈ 3 km: farther than any China offset, nearer than unrelated features
const MATCH_METRES = 3000;

/** Median nearest distances as read and after each inverse; undefined when too few positions match. */
function compareNearest(sample: GeoJsonPosition[], nearest: (lon: number, lat: number) => number): [number, number, number] | undefined {
  const asIs: number[] = [];
  const asGcj: number[] = [];
  const asBd: number[] = [];
  for (const position of sample) {
    const d0 = nearest(position[0], position[1]);
    if (!(d0 < MATCH_METRES)) continue;
    asIs.push(d0);
    const g = gcj02ToWgs84(position[0], position[1]);
    asGcj.push(nearest(g[0], g[1]));
    const b = bd09ToWgs84(position[0], position[1]);
    asBd.push(nearest(b[0], b[1]));
  }
  if (asIs.length < Math.max(3, sample.length * 0.3)) return undefined;
  return [median(asIs), median(asGcj), median(asBd)];
}

/** An offset when an inverse brings the median below 40 % of the distance as read (and that is > 80 m). */
function verdictFromDistances(method: OffsetCheck['method'], [m0, mg, mb]: [number, number, number]): OffsetCheck {
  const figures = { method, asRead: m0, afterGcj02: mg, afterBd09: mb };
  if (!(m0 > 80)) return { verdict: 'none', ...figures };
  if (mg < 0.4 * m0 && mg <= mb) return { verdict: 'gcj02', distance: m0, ...figures };
  if (mb < 0.4 * m0) return { verdict: 'bd09', distance: m0, ...figures };
  return { verdict: 'undetermined', ...figures };
}

function byNearestPoint(sample: GeoJsonPosition[], reference: NonNullable<OffsetReference['points']>): OffsetCheck {
  const points = reference;
  const index = new KDBush(points.length);
  for (const [lon, lat] of points) index.add(lon, lat);
  index.finish();
  const nearest = (lon: number, lat: number): number => {
    let best = Infinity;
    for (const id of index.within(lon, lat, MATCH_DEGREES)) best = Math.min(best, nearbyDistanceMetres(lon, lat, points[id][0], points[id][1]));
    return best;
  };
  const distances = compareNearest(sample, nearest);
  return distances ? verdictFromDistances('nearest-point', distances) : { verdict: 'undetermined', method: 'nearest-point' };
}

function byNearestEdge(sample: GeoJsonPosition[], polygons: number[][][][]): OffsetCheck {
  const segments: number[] = [];
  for (const polygon of polygons) for (const ring of polygon) for (let i = 0; i + 1 < ring.length; i++) segments.push(ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]);
  const count = segments.length / 4;
  if (count === 0) return { verdict: 'undetermined', method: 'nearest-edge' };
  const index = new Flatbush(count);
  for (let s = 0; s < count; s++) {
    const [ax, ay, bx, by] = segments.slice(s * 4, s * 4 + 4);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  const nearest = (lon: number, lat: number): number => {
    let best = Infinity;
    for (const s of index.search(lon - MATCH_DEGREES, lat - MATCH_DEGREES, lon + MATCH_DEGREES, lat + MATCH_DEGREES)) {
      best = Math.min(best, segmentDistanceMetres(lon, lat, segments[s * 4], segments[s * 4 + 1], segments[s * 4 + 2], segments[s * 4 + 3]));
    }
    return best;
  };
  const distances = compareNearest(sample, nearest);
  return distances ? verdictFromDistances('nearest-edge', distances) : { verdict: 'undetermined', method: 'nearest-edge' };
}

/**
 * Longitude and latitude used as plane coordinates: a GeoJSON edge is straight in lon/lat, so the
 * point-in-polygon test there is exact. It lets the check reuse the zones' own point location
 * (../geometry/projected-zones.ts: per-zone edge bands and a zone grid, typed arrays) instead of a
 * ray over every vertex of each candidate ring.
 */
const LON_LAT_PLANE: LocalProjection = {
  centralMeridian: 0,
  centralLatitude: 0,
  originNorthing: 0,
  proj4Definition: '+proj=longlat +ellps=GRS80 +no_defs',
  forward: (lon, lat) => [lon, lat],
  inverse: (x, y) => [x, y],
  forwardArrays: (lon, lat) => ({ x: Float64Array.from(lon), y: Float64Array.from(lat) }),
  scaleFactor: () => 1,
};

interface ReferenceIndex {
  zones: ProjectedZones;
  /** The edges on the outline of the polygons' union (null: none), the only places where "inside any polygon" can change. */
  outline: Flatbush | null;
}

/** The reference polygons as zones in the lon/lat plane and their outline, built once per reference (the CLI checks several layers against the same boundaries). */
const indexOfReference = new WeakMap<number[][][][], ReferenceIndex>();

function referenceIndex(polygons: number[][][][]): ReferenceIndex {
  let index = indexOfReference.get(polygons);
  if (!index) {
    const zones = projectZones(polygons.map((coordinates) => ({ type: 'Polygon' as const, coordinates })), LON_LAT_PLANE);
    index = { zones, outline: outlineEdges(zones) };
    indexOfReference.set(polygons, index);
  }
  return index;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
function mixNumber(hash: number, value: number): number {
  bits[0] = value;
  return Math.imul(Math.imul(hash ^ words[0], 0x9e3779b1) ^ words[1], 0x85ebca6b);
}

function edgeHash(ax: number, ay: number, bx: number, by: number): number {
  return mixNumber(mixNumber(mixNumber(mixNumber(0x811c9dc5, ax), ay), bx), by) >>> 0;
}

/**
 * The edges with no twin running the other way: zones are oriented with their interior on the left,
 * so an edge a→b met by b→a has interior on both sides (two neighbours sharing a border, or a hole
 * filled by another polygon) and crossing it keeps a point inside. What is left is the outline of
 * the union, a small part of a tiling's edges. Borders that do not share vertices exactly stay in
 * the outline, which only makes the shortcut below skip less. Open addressing on typed arrays.
 */
function outlineEdges(zones: ProjectedZones): Flatbush | null {
  const { coords, edgeEnd } = zones;
  const count = edgeEnd.length;
  let size = 1;
  while (size < 2 * count) size *= 2;
  const table = new Int32Array(size).fill(-1);
  for (let a = 0; a < count; a++) {
    const b = edgeEnd[a];
    let slot = edgeHash(coords[2 * a], coords[2 * a + 1], coords[2 * b], coords[2 * b + 1]) & (size - 1);
    while (table[slot] >= 0) slot = (slot + 1) & (size - 1);
    table[slot] = a;
  }
  const outline: number[] = [];
  for (let a = 0; a < count; a++) {
    const b = edgeEnd[a];
    const ax = coords[2 * a], ay = coords[2 * a + 1], bx = coords[2 * b], by = coords[2 * b + 1];
    let twin = false;
    for (let slot = edgeHash(bx, by, ax, ay) & (size - 1); table[slot] >= 0 && !twin; slot = (slot + 1) & (size - 1)) {
      const c = table[slot];
      const d = edgeEnd[c];
      twin = coords[2 * c] === bx && coords[2 * c + 1] === by && coords[2 * d] === ax && coords[2 * d + 1] === ay;
    }
    if (!twin) outline.push(a);
  }
  if (outline.length === 0) return null;
  const index = new Flatbush(outline.length);
  for (const a of outline) {
    const b = edgeEnd[a];
    index.add(Math.min(coords[2 * a], coords[2 * b]), Math.min(coords[2 * a + 1], coords[2 * b + 1]), Math.max(coords[2 * a], coords[2 * b]), Math.max(coords[2 * a + 1], coords[2 * b + 1]));
  }
  index.finish();
  return index;
}

/** True when an outline edge's box meets the square of half-side `reach` around the position. */
function outlineNear(outline: Flatbush | null, lon: number, lat: number, reach: number): boolean {
  return outline !== null && outline.search(lon - reach, lat - reach, lon + reach, lat + reach).length > 0;
}

function byPointsOutside(sample: GeoJsonPosition[], polygons: number[][][][]): OffsetCheck {
  const { zones, outline } = referenceIndex(polygons);
  const inside = (lon: number, lat: number): boolean => locateZone(zones, lon, lat) >= 0;
  let outsideAsRead = 0;
  let outsideGcj = 0;
  let outsideBd = 0;
  const shifts: number[] = [];
  for (const [lon, lat] of sample) {
    const asRead = !inside(lon, lat);
    // No outline edge within reach of either inverse: both land on the same side as the point (most
    // of a layer, away from the region's edge), so the inverses are not computed. The fixed reach
    // bounds every position in China (tested); the point's own bound is tighter.
    if (!outlineNear(outline, lon, lat, CHINA_OFFSET_REACH) || !outlineNear(outline, lon, lat, chinaOffsetBound(lon, lat) + 1e-9)) {
      if (asRead) {
        outsideAsRead++;
        outsideGcj++;
        outsideBd++;
      }
      continue;
    }
    const g = gcj02ToWgs84(lon, lat);
    const b = bd09ToWgs84(lon, lat);
    const gcj = !inside(g[0], g[1]);
    if (asRead) outsideAsRead++;
    if (gcj) outsideGcj++;
    if (!inside(b[0], b[1])) outsideBd++;
    if (asRead && !gcj) shifts.push(nearbyDistanceMetres(lon, lat, g[0], g[1]));
  }
  const figures = { method: 'points-outside' as const, asRead: outsideAsRead, afterGcj02: outsideGcj, afterBd09: outsideBd };
  // Mostly outside as read: another region or another coordinate system altogether, not an offset.
  if (outsideAsRead > sample.length / 2) return { verdict: 'undetermined', ...figures };
  if (outsideAsRead < 3) return { verdict: outsideGcj >= 3 ? 'none' : 'undetermined', ...figures };
  if (outsideGcj <= 0.25 * outsideAsRead && outsideGcj <= outsideBd) return { verdict: 'gcj02', distance: median(shifts), ...figures };
  if (outsideBd <= 0.25 * outsideAsRead) return { verdict: 'bd09', ...figures };
  return { verdict: outsideGcj >= outsideAsRead ? 'none' : 'undetermined', ...figures };
}

/**
 * Says whether `sample` (WGS84 positions of the layer as read, spread over it) is offset from the
 * reference by the GCJ-02 or BD-09 pattern. `layerKind` picks the method against polygons.
 */
export function checkChinaOffset(sample: GeoJsonPosition[], layerKind: 'points' | 'lines-or-polygons', reference: OffsetReference): OffsetCheck {
  if (sample.length === 0) return { verdict: 'undetermined', method: 'none' };
  // Boundaries first: they cover the whole region. Reference points (which may be other kinds of
  // things, or a few boundary vertices) decide only when the boundaries cannot.
  if (reference.polygons && reference.polygons.length > 0) {
    const check = layerKind === 'points' ? byPointsOutside(sample, reference.polygons) : byNearestEdge(sample, reference.polygons);
    if (check.verdict !== 'undetermined' || !reference.points?.length) return check;
  }
  if (reference.points && reference.points.length > 0) return byNearestPoint(sample, reference.points);
  return { verdict: 'undetermined', method: 'none' };
}
