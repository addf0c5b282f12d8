// The gap: for each township, the part not within reach of any selected facility, as WGS84
// geometry for the map and for export, and the populated cells left uncovered.
//
// The figures on each feature come from the exact engine (computeCoverage); the geometry is for
// drawing, within GAP_TOLERANCE_METRES of the exact gap in the projected plane: arcs are drawn
// with vertices spaced as area-preserving n-gons within that distance of their circle
// (gaps/draw-disc.ts); township edges are kept as they are (the Clipper2 fallback simplifies them
// by the same tolerance). Only the discs that touch a township shape it, and features are produced
// one township at a time (generateGaps), so a caller can stream them or draw only what is on screen.
// Each township is traced from the exact pieces (gaps/trace-township-gap.ts); the few that tracing
// declines are clipped with Clipper2. On the 10× region (1,000 townships, 30,000 discs of 1,500 m)
// tracing all of them took 1.6 s of CPU, against 2.9–8.1 s for the Clipper/GEOS ports and about
// 110 s for polygon-clipping, which the CLI ran out of memory with (scripts/bench/compare-gap-engines.ts).
import Flatbush from 'flatbush';
import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult } from './coverage-types.ts';
import { computeCoverage, coverageOfDiscs, selectDiscs } from './compute-coverage.ts';
import { generateTravelTimeGaps } from '../network/generate-travel-time-gaps.ts';
import { pickDiscs, type Discs } from './disc-union-area.ts';
import { drawReducedDiscs, type DiscRings } from '../gaps/draw-reduced-discs.ts';
import { clipTownshipGap, type FlatPolygon } from '../gaps/clip-township-gap.ts';
import { townshipGapFeatures, type GapFeature, type TownshipFrame } from '../gaps/township-gap-features.ts';
import { zoneRings, zoneVertexStarts } from '../gaps/township-rings.ts';
import { createTraceContext, traceTownshipGap, type TraceContext } from '../gaps/trace-township-gap.ts';
import type { ProjectedZones } from '../geometry/projected-zones.ts';

/** Largest distance (m, projected plane) between the drawn gap boundary and the exact one, before rounding to 1e-6°. */
export const GAP_TOLERANCE_METRES = 1;

export interface GapResult {
  townships: { type: 'FeatureCollection'; features: GapFeature[] };
  /** Populated cells inside a township that no facility reaches. */
  uncoveredCells: Uint32Array;
  coverage: CoverageResult;
}

/** Which townships to draw: indices into Dataset.townships, or those whose box meets a WGS84 box. */
export interface GapSelection {
  townships?: ArrayLike<number>;
  /** [west, south, east, north] in degrees. */
  bbox?: [number, number, number, number];
}

/** Townships whose projected bounding box meets the WGS84 box (its corners and edge midpoints projected). */
export function townshipsInBox(prepared: PreparedDataset, bbox: [number, number, number, number]): Uint32Array {
  const [west, south, east, north] = bbox;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i <= 4; i++) {
    for (let j = 0; j <= 4; j++) {
      const [x, y] = prepared.projection.forward(west + ((east - west) * i) / 4, south + ((north - south) * j) / 4);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const { bounds, count } = prepared.townships;
  const picked: number[] = [];
  for (let z = 0; z < count; z++) {
    if (bounds[4 * z] <= maxX && bounds[4 * z + 2] >= minX && bounds[4 * z + 1] <= maxY && bounds[4 * z + 3] >= minY) picked.push(z);
  }
  return Uint32Array.from(picked);
}

/** Populated cells inside a township that no facility reaches (from coverage's covered-cell flags). */
export function uncoveredCells(prepared: PreparedDataset, coverage: CoverageResult): Uint32Array {
  const population = prepared.dataset.population.population;
  let count = 0;
  for (let i = 0; i < population.length; i++) if (population[i] > 0 && !coverage.cellCovered[i] && prepared.cellTownship[i] >= 0) count++;
  const cells = new Uint32Array(count);
  for (let i = 0, k = 0; i < population.length; i++) if (population[i] > 0 && !coverage.cellCovered[i] && prepared.cellTownship[i] >= 0) cells[k++] = i;
  return cells;
}

function selectedTownships(prepared: PreparedDataset, selection: GapSelection): ArrayLike<number> {
  if (selection.townships) return selection.townships;
  if (selection.bbox) return townshipsInBox(prepared, selection.bbox);
  return Uint32Array.from({ length: prepared.townships.count }, (_, z) => z);
}

/**
 * The discs whose box meets a chosen township's box: all that can shape those townships' gaps
 * (and all that the reduction in draw-reduced-discs.ts needs for them).
 */
function discsNear(prepared: PreparedDataset, discs: Discs, chosen: ArrayLike<number>): Discs {
  if (chosen.length === prepared.townships.count) return discs;
  const { bounds } = prepared.townships;
  const boxes = new Flatbush(chosen.length);
  for (let i = 0; i < chosen.length; i++) boxes.add(bounds[4 * chosen[i]], bounds[4 * chosen[i] + 1], bounds[4 * chosen[i] + 2], bounds[4 * chosen[i] + 3]);
  boxes.finish();
  const keep: number[] = [];
  for (let k = 0; k < discs.x.length; k++) {
    const r = discs.r[k];
    if (boxes.search(discs.x[k] - r, discs.y[k] - r, discs.x[k] + r, discs.y[k] + r).length > 0) keep.push(k);
  }
  return pickDiscs(discs, keep);
}

function indexDiscRings(rings: DiscRings): Flatbush {
  const count = rings.offsets.length - 1;
  const index = new Flatbush(Math.max(1, count));
  for (let k = 0; k < count; k++) {
    if (rings.offsets[k + 1] > rings.offsets[k]) index.add(rings.bounds[4 * k], rings.bounds[4 * k + 1], rings.bounds[4 * k + 2], rings.bounds[4 * k + 3]);
    else index.add(Infinity, Infinity, Infinity, Infinity);
  }
  if (count === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  return index;
}

/**
 * The gap features of the selected townships (all by default), one at a time, in township order.
 * `coverage` must be the coverage of `request` (its figures label the features); `discs`, the
 * request's discs where the caller has them already (selectDiscs), spares building them again.
 */
export function* generateGaps(
  prepared: PreparedDataset,
  request: CoverageRequest,
  coverage: CoverageResult,
  selection: GapSelection = {},
  run: RunOptions = {},
  discs?: Discs,
): Generator<GapFeature, void, undefined> {
  const chosen = selectedTownships(prepared, selection);
  if (chosen.length === 0) return;
  if (request.reach.kind === 'travel-time') {
    // beyond the minutes: contoured on the travel-time grid and clipped to each township
    yield* generateTravelTimeGaps(prepared, request, coverage, chosen, run);
    return;
  }
  const drawing = createGapDrawing(prepared.townships, discsNear(prepared, discs ?? selectDiscs(prepared, request).discs, chosen));
  yield* townshipGapFeatures(prepared, coverage.townships, chosen, (z, frame) => drawGapPolygons(drawing, z, frame), run);
}

/** What drawing the straight-line gaps of a region needs: its townships, the discs, the trace's index, the clipping fallback's discs once needed. */
export interface GapDrawing {
  zones: ProjectedZones;
  starts: Uint32Array;
  discs: Discs;
  context: TraceContext;
  /** Clipping, for the townships that tracing declines: prepared on first use. */
  clipping: { rings: DiscRings; index: Flatbush } | null;
}

export function createGapDrawing(zones: ProjectedZones, discs: Discs): GapDrawing {
  const starts = zoneVertexStarts(zones);
  return { zones, starts, discs, context: createTraceContext(zones, starts, discs, GAP_TOLERANCE_METRES), clipping: null };
}

/**
 * Township z's uncovered polygons in its frame: traced, or clipped where tracing declines. The same
 * drawing gives the same polygons in any thread and any order (the CLI draws in two threads).
 */
export function drawGapPolygons(drawing: GapDrawing, z: number, { minX, minY, maxX, maxY, originX, originY }: TownshipFrame): FlatPolygon[] {
  const { zones, starts, discs } = drawing;
  const traced = traceTownshipGap(drawing.context, z, originX, originY);
  if (traced) return traced;
  if (!drawing.clipping) {
    const rings = drawReducedDiscs(discs, GAP_TOLERANCE_METRES);
    drawing.clipping = { rings, index: indexDiscRings(rings) };
  }
  const { rings, index } = drawing.clipping;
  const nearby = index.search(minX, minY, maxX, maxY).sort((a, b) => a - b);
  const discRings = nearby.map((k) => Float64Array.from(rings.coords.subarray(2 * rings.offsets[k], 2 * rings.offsets[k + 1]), (v, j) => v - (j % 2 === 0 ? originX : originY)));
  return clipTownshipGap(zoneRings(zones, starts, z, originX, originY), discRings, GAP_TOLERANCE_METRES);
}

/** The gaps of the selected townships (all by default) for a coverage already computed, collected in memory. */
export function collectGaps(prepared: PreparedDataset, request: CoverageRequest, coverage: CoverageResult, selection: GapSelection = {}, run: RunOptions = {}, discs?: Discs): GapResult {
  const features = [...generateGaps(prepared, request, coverage, selection, run, discs)];
  return { townships: { type: 'FeatureCollection', features }, uncoveredCells: uncoveredCells(prepared, coverage), coverage };
}

/** Coverage and the gaps of the selected townships (all by default), collected in memory. */
export function computeGaps(prepared: PreparedDataset, request: CoverageRequest, run: RunOptions = {}, selection: GapSelection = {}): GapResult {
  if (request.reach.kind === 'travel-time') return collectGaps(prepared, request, computeCoverage(prepared, request, { signal: run.signal }), selection, run);
  const { selected, discs } = selectDiscs(prepared, request);
  const coverage = coverageOfDiscs(prepared, request, selected, discs, { signal: run.signal });
  return collectGaps(prepared, request, coverage, selection, run, discs);
}
