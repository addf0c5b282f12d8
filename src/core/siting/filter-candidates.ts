// Rules every candidate set obeys before the solver sees it: outside the exclusion zones (water,
// protected land — loaded polygons), optionally within a distance of a road, and at least a minimum
// spacing apart (a candidate closer than that to a better one is dropped; "better" is the order
// given, e.g. most populated first). The solver keeps the spacing between the sites it picks too.

import Flatbush from 'flatbush';
import type { AreaGeometry, Position } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { locateZone, projectZones } from '../geometry/projected-zones.ts';
import type { CandidateSet } from './siting-types.ts';
import { pickCandidates } from './project-candidates.ts';

/** Indices of candidates inside some exclusion polygon. */
export function excludedCandidates(prepared: PreparedDataset, candidates: CandidateSet, exclusions: AreaGeometry[]): Set<number> {
  const out = new Set<number>();
  if (exclusions.length === 0) return out;
  const zones = projectZones(exclusions, prepared.projection);
  for (let i = 0; i < candidates.x.length; i++) if (locateZone(zones, candidates.x[i], candidates.y[i]) >= 0) out.add(i);
  return out;
}

/** Road centre lines (WGS84 LineString coordinates) as projected segments in a Flatbush. */
function indexRoadSegments(prepared: PreparedDataset, roads: Position[][]) {
  const segments: number[] = [];
  for (const line of roads) {
    let previous: [number, number] | null = null;
    for (const point of line) {
      const projected = prepared.projection.forward(point[0], point[1]);
      if (previous) segments.push(previous[0], previous[1], projected[0], projected[1]);
      previous = projected;
    }
  }
  const count = segments.length / 4;
  const index = new Flatbush(Math.max(1, count));
  for (let s = 0; s < count; s++) {
    const [ax, ay, bx, by] = segments.slice(4 * s, 4 * s + 4);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (count === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  return { segments: Float64Array.from(segments), index };
}

function segmentDistance(px: number, py: number, s: Float64Array, k: number): number {
  const ax = s[4 * k], ay = s[4 * k + 1], bx = s[4 * k + 2], by = s[4 * k + 3];
  const dx = bx - ax, dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Indices of candidates farther than `metres` (on the ellipsoid) from every road segment. */
export function candidatesFarFromRoads(prepared: PreparedDataset, candidates: CandidateSet, roads: Position[][], metres: number): Set<number> {
  const { segments, index } = indexRoadSegments(prepared, roads);
  const out = new Set<number>();
  for (let i = 0; i < candidates.x.length; i++) {
    const r = metres * candidates.scale[i];
    const px = candidates.x[i], py = candidates.y[i];
    const near = index.search(px - r, py - r, px + r, py + r, (k) => segmentDistance(px, py, segments, k) <= r);
    if (near.length === 0) out.add(i);
  }
  return out;
}

/**
 * Keeps candidates in the given order of preference, dropping any within `metres` of one already
 * kept. A uniform hash grid of cell size `metres` answers "anything kept nearby?" by looking at the
 * 3 × 3 neighbouring cells: kdbush cannot take points one at a time, and this is the whole need.
 */
export function thinBySpacing(candidates: CandidateSet, order: ArrayLike<number>, metres: number): number[] {
  const kept: number[] = [];
  if (!(metres > 0)) return Array.from(order);
  const grid = new Map<string, number[]>();
  const cellOf = (v: number) => Math.floor(v / metres);
  for (let n = 0; n < order.length; n++) {
    const i = order[n];
    const cx = cellOf(candidates.x[i]), cy = cellOf(candidates.y[i]);
    const r = metres * candidates.scale[i];
    let clash = false;
    for (let gx = cx - 1; gx <= cx + 1 && !clash; gx++) {
      for (let gy = cy - 1; gy <= cy + 1 && !clash; gy++) {
        for (const j of grid.get(`${gx},${gy}`) ?? []) {
          if (Math.hypot(candidates.x[i] - candidates.x[j], candidates.y[i] - candidates.y[j]) < r) {
            clash = true;
            break;
          }
        }
      }
    }
    if (clash) continue;
    kept.push(i);
    const key = `${cx},${cy}`;
    (grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
  }
  return kept;
}

export interface CandidateFilter {
  exclusions?: AreaGeometry[];
  roads?: Position[][];
  /** With roads: keep only candidates within this distance of one (metres). */
  roadMetres?: number;
  /** Minimum spacing between candidates (metres). */
  spacingMetres?: number;
  /** Preference order for spacing (indices, best first); default the given order. */
  order?: ArrayLike<number>;
}

/** Applies exclusions, road proximity and spacing; returns the kept candidates and how many each rule dropped. */
export function filterCandidates(prepared: PreparedDataset, candidates: CandidateSet, filter: CandidateFilter) {
  const excluded = excludedCandidates(prepared, candidates, filter.exclusions ?? []);
  const farFromRoad = filter.roads && filter.roadMetres !== undefined ? candidatesFarFromRoads(prepared, candidates, filter.roads, filter.roadMetres) : new Set<number>();
  const order = filter.order ?? Array.from(candidates.x, (_, i) => i);
  const allowed = Array.from(order).filter((i) => !excluded.has(i) && !farFromRoad.has(i));
  const kept = thinBySpacing(candidates, allowed, filter.spacingMetres ?? 0);
  return {
    candidates: pickCandidates(candidates, kept),
    dropped: { excluded: excluded.size, farFromRoad: [...farFromRoad].filter((i) => !excluded.has(i)).length, spacing: allowed.length - kept.length },
  };
}
