// The gap: for each township, the part not within reach of any selected facility, as WGS84
// geometry for the map and for export, and the populated cells left uncovered.
// The geometry is for drawing (discs as 64-gons scaled to their true area); the figures on each
// feature come from the exact engine (computeCoverage). Clipping uses polygon-clipping (floating
// point; 7–12× faster than polyclip-ts's BigNumber arithmetic on the demo) and falls back to
// polyclip-ts for a township where the float sweep fails.
import Flatbush from 'flatbush';
import polyclip from 'polygon-clipping';
import * as exactPolyclip from 'polyclip-ts';
import type { AreaGeometry, RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult } from './coverage-types.ts';
import { coverageOfDiscs, selectDiscs } from './compute-coverage.ts';

const DISC_SEGMENTS = 64;

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

export interface GapResult {
  townships: { type: 'FeatureCollection'; features: GapFeature[] };
  /** Populated cells inside a township that no facility reaches. */
  uncoveredCells: Uint32Array;
  coverage: CoverageResult;
}

function discRing(x: number, y: number, r: number): [number, number][] {
  const k = Math.sqrt((2 * Math.PI) / (DISC_SEGMENTS * Math.sin((2 * Math.PI) / DISC_SEGMENTS)));
  const ring: [number, number][] = [];
  for (let i = 0; i < DISC_SEGMENTS; i++) {
    const a = (2 * Math.PI * i) / DISC_SEGMENTS;
    ring.push([x + k * r * Math.cos(a), y + k * r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

function projectGeometry(prepared: PreparedDataset, geometry: AreaGeometry): polyclip.Geom {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map((ring) => ring.map((p) => prepared.projection.forward(p[0], p[1]))));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function clipDifference(shape: polyclip.Geom, discs: polyclip.Geom[]): number[][][][] {
  try {
    return polyclip.difference(shape, ...discs);
  } catch {
    return exactPolyclip.difference(shape as exactPolyclip.Geom, ...(discs as exactPolyclip.Geom[]));
  }
}

export function computeGaps(prepared: PreparedDataset, request: CoverageRequest, run: RunOptions = {}): GapResult {
  const { selected, discs } = selectDiscs(prepared, request);
  const coverage = coverageOfDiscs(prepared, request, selected, discs, { signal: run.signal });
  const discIndex = new Flatbush(Math.max(1, discs.x.length));
  for (let k = 0; k < discs.x.length; k++) discIndex.add(discs.x[k] - discs.r[k], discs.y[k] - discs.r[k], discs.x[k] + discs.r[k], discs.y[k] + discs.r[k]);
  if (discs.x.length === 0) discIndex.add(Infinity, Infinity, Infinity, Infinity);
  discIndex.finish();
  const { townships } = prepared.dataset;
  const metrics = coverage.townships;
  const features: GapFeature[] = [];
  townships.forEach((unit, z) => {
    throwIfAborted(run.signal);
    run.onProgress?.(z / townships.length, 'gaps');
    const [minX, minY, maxX, maxY] = prepared.townships.bounds.subarray(4 * z, 4 * z + 4);
    const nearby = discIndex
      .search(minX, minY, maxX, maxY)
      .sort((a, b) => a - b)
      .map((k) => [discRing(discs.x[k], discs.y[k], discs.r[k])] as polyclip.Geom);
    const shape = projectGeometry(prepared, unit.geometry);
    const uncovered = nearby.length > 0 ? clipDifference(shape, nearby) : (shape as number[][][][]);
    const coordinates = (uncovered as number[][][][]).map((polygon) =>
      polygon.map((ring) => ring.map(([x, y]) => prepared.projection.inverse(x, y).map(round6))),
    );
    const uncoveredKm2 = Math.max(0, metrics.areaKm2[z] - metrics.coveredAreaKm2[z]);
    const uncoveredPopulation = metrics.population[z] - metrics.coveredPopulation[z];
    features.push({
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
    });
  });
  const population = prepared.dataset.population.population;
  const uncovered: number[] = [];
  for (let i = 0; i < population.length; i++) {
    if (population[i] > 0 && !coverage.cellCovered[i] && prepared.cellTownship[i] >= 0) uncovered.push(i);
  }
  run.onProgress?.(1, 'gaps');
  return { townships: { type: 'FeatureCollection', features }, uncoveredCells: Uint32Array.from(uncovered), coverage };
}
