// A township's gap as a GeoJSON feature, and the loop that yields one per chosen township: shared by
// the straight-line gaps (traced or clipped discs, coverage/compute-gaps.ts) and the travel-time gaps
// (contoured grid, network/generate-travel-time-gaps.ts), which differ only in how the uncovered
// polygons of one township are drawn.
import type { UnitMetrics } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import type { FlatPolygon } from './clip-township-gap.ts';
import type { LocalProjection } from '../geodesy/local-projection.ts';
import { JsonBytes, writeCoordinatesJson } from './write-coordinates-json.ts';

export interface GapFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: {
    code: string;
    name: string;
    uncovered_km2: number;
    uncovered_pct: number;
    uncovered_population: number;
    uncovered_population_pct: number;
  };
}

/** A township's box in the prepared projection (metres) and its centre, the origin its gap is drawn around (keeps coordinates small). */
export interface TownshipFrame {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  originX: number;
  originY: number;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Polygons drawn around (originX, originY) back to WGS84 degrees, rounded to 1e-6° and with closed rings. */
export function toWgs84(projection: LocalProjection, polygons: FlatPolygon[], originX: number, originY: number): number[][][][] {
  return polygons.map((polygon) =>
    polygon.map((ring) => {
      const out: number[][] = new Array(ring.length / 2 + 1);
      for (let i = 0; i < ring.length / 2; i++) {
        const [lon, lat] = projection.inverse(ring[2 * i] + originX, ring[2 * i + 1] + originY);
        out[i] = [round6(lon), round6(lat)];
      }
      out[ring.length / 2] = out[0];
      return out;
    }),
  );
}

/** A township's gap feature: its uncovered geometry and uncovered area and population. */
export function gapFeature(unit: { code: string; name: string }, metrics: UnitMetrics, z: number, coordinates: number[][][][]): GapFeature {
  const uncoveredKm2 = Math.max(0, metrics.areaKm2[z] - metrics.coveredAreaKm2[z]);
  const uncoveredPopulation = metrics.population[z] - metrics.coveredPopulation[z];
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates },
    properties: {
      code: unit.code,
      name: unit.name,
      uncovered_km2: uncoveredKm2,
      uncovered_pct: metrics.areaKm2[z] > 0 ? (100 * uncoveredKm2) / metrics.areaKm2[z] : 0,
      uncovered_population: uncoveredPopulation,
      uncovered_population_pct: metrics.population[z] > 0 ? (100 * uncoveredPopulation) / metrics.population[z] : 0,
    },
  };
}

/** Township z's frame, from the zones' boxes (minX, minY, maxX, maxY per zone). */
export function townshipFrame(bounds: Float64Array, z: number): TownshipFrame {
  const [minX, minY, maxX, maxY] = bounds.subarray(4 * z, 4 * z + 4);
  return { minX, minY, maxX, maxY, originX: (minX + maxX) / 2, originY: (minY + maxY) / 2 };
}

/** Township z's gap feature from its uncovered polygons, drawn in its frame. */
export function townshipGapFeature(prepared: PreparedDataset, metrics: UnitMetrics, z: number, polygons: FlatPolygon[]): GapFeature {
  const { originX, originY } = townshipFrame(prepared.townships.bounds, z);
  return gapFeature(prepared.dataset.townships[z], metrics, z, toWgs84(prepared.projection, polygons, originX, originY));
}

/** Scratch text for gapCoordinatesJson (one per thread). */
const COORDINATES = new JsonBytes();

/**
 * The JSON of a gap feature's coordinates (WGS84, as in the feature: JSON.stringify of toWgs84's
 * arrays, to the byte) from its polygons drawn in the frame of township z.
 */
export function gapCoordinatesJson(projection: LocalProjection, bounds: Float64Array, z: number, polygons: FlatPolygon[]): string {
  const { originX, originY } = townshipFrame(bounds, z);
  return writeCoordinatesJson(COORDINATES, polygons, (x, y) => projection.inverse(x, y), originX, originY);
}

/** JSON.stringify of township z's gap feature, its coordinates given as JSON (gapCoordinatesJson): the same text. */
export function gapFeatureJson(unit: { code: string; name: string }, metrics: UnitMetrics, z: number, coordinatesJson: string): string {
  const { properties } = gapFeature(unit, metrics, z, []);
  return `{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":${coordinatesJson}},"properties":${JSON.stringify(properties)}}`;
}

/**
 * The gap feature of each chosen township (indices into Dataset.townships), one at a time, in the
 * order given, with progress and cancel: `uncovered` draws a township's uncovered polygons in its
 * frame; `metrics` (the coverage's township figures) label the features.
 */
export function* townshipGapFeatures(
  prepared: PreparedDataset,
  metrics: UnitMetrics,
  chosen: ArrayLike<number>,
  uncovered: (z: number, frame: TownshipFrame) => FlatPolygon[],
  run: RunOptions = {},
): Generator<GapFeature, void, undefined> {
  const bounds = prepared.townships.bounds;
  for (let i = 0; i < chosen.length; i++) {
    const z = chosen[i];
    throwIfAborted(run.signal);
    run.onProgress?.(i / chosen.length, 'gaps');
    yield townshipGapFeature(prepared, metrics, z, uncovered(z, townshipFrame(bounds, z)));
  }
  run.onProgress?.(1, 'gaps');
}
