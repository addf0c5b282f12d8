// Straight-line coverage of one service: per township, county, area of interest and the whole
// region — area covered (exact disc-union area, ellipsoidal), population covered (cell
// centroids within reach; a person reached twice counts once), facility count and capacity.
import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { ProjectedZones } from '../geometry/projected-zones.ts';
import type { CoverageRequest, CoverageResult, UnitMetrics } from './coverage-types.ts';
import { discUnionAreaByZone, type Discs } from './disc-union-area.ts';
import { gatherValues } from './gather-values.ts';
import { selectFacilities } from './select-facilities.ts';
import { markPointsInDiscs } from './mark-points-in-discs.ts';
import { rememberedDiscUnionArea } from './remember-disc-union-area.ts';
import { addPopulationAndFacilities, emptyMetrics, sumMetrics } from './unit-metrics.ts';
import { UnsupportedReachError } from './unsupported-reach-error.ts';
import { travelTimeCoverage } from '../network/travel-time-coverage-of-dataset.ts';

export type { CoverageRequest } from './coverage-types.ts';

export { UnsupportedReachError } from './unsupported-reach-error.ts';
export { addPopulationAndFacilities, emptyMetrics, sumMetrics } from './unit-metrics.ts';

/** Radius in metres on the ellipsoid for each selected facility. */
function facilityRadii(prepared: Pick<PreparedDataset, 'dataset'>, indices: Uint32Array, request: CoverageRequest): Float64Array {
  if (request.reach.kind !== 'distance') throw new UnsupportedReachError(request.reach.kind);
  const fallback = request.reach.metres;
  const radii = new Float64Array(indices.length);
  indices.forEach((f, k) => {
    const value = request.radiusField ? Number(prepared.dataset.facilities[f].properties[request.radiusField]) : NaN;
    radii[k] = Number.isFinite(value) && value > 0 ? value : fallback;
  });
  return radii;
}

/** Discs in the projected plane: radius R on the ellipsoid becomes R·k at the facility. */
function facilityDiscs(prepared: Pick<PreparedDataset, 'facilities'>, indices: Uint32Array, radii: Float64Array): Discs {
  const { x, y, scale } = prepared.facilities;
  const r = gatherValues(scale, indices);
  for (let k = 0; k < indices.length; k++) r[k] = radii[k] * r[k];
  return { x: gatherValues(x, indices), y: gatherValues(y, indices), r };
}

/** The zone holding each selected facility (`facilityZone`: the prepared facilities' zones), as the coverage's area kernel takes it. */
export function centreZones(selected: Uint32Array, facilityZone: Int32Array): Int32Array {
  const zones = new Int32Array(selected.length);
  for (let k = 0; k < selected.length; k++) zones[k] = facilityZone[selected[k]];
  return zones;
}

function unitMetrics(
  prepared: PreparedDataset,
  zones: ProjectedZones,
  cellZone: Int32Array,
  facilityZone: Int32Array,
  selected: Uint32Array,
  discs: Discs,
  cellCovered: Uint8Array,
  run: RunOptions,
): UnitMetrics {
  const metrics = emptyMetrics(zones.count, prepared.cohortNames);
  const centreZone = centreZones(selected, facilityZone);
  const coveredProjected = rememberedDiscUnionArea(zones, discs, centreZone) ?? discUnionAreaByZone(zones, discs, run, centreZone);
  for (let z = 0; z < zones.count; z++) {
    const k2 = zones.scale[z] * zones.scale[z];
    metrics.areaKm2[z] = zones.projectedArea[z] / k2 / 1e6;
    metrics.coveredAreaKm2[z] = coveredProjected[z] / k2 / 1e6;
  }
  addPopulationAndFacilities(prepared, metrics, cellZone, facilityZone, selected, cellCovered);
  return metrics;
}

/** The selected facilities and their reach discs in the projected plane. */
export function selectDiscs(prepared: Pick<PreparedDataset, 'dataset' | 'facilities'>, request: CoverageRequest): { selected: Uint32Array; discs: Discs } {
  const selected = selectFacilities(prepared.dataset, request.filter);
  return { selected, discs: facilityDiscs(prepared, selected, facilityRadii(prepared, selected, request)) };
}

export function computeCoverage(prepared: PreparedDataset, request: CoverageRequest, run: RunOptions = {}): CoverageResult {
  // a travel time is measured over the dataset's road network (UnsupportedReachError without one)
  if (request.reach.kind === 'travel-time') return travelTimeCoverage(prepared, request.filter, request.reach, run);
  const { selected, discs } = selectDiscs(prepared, request);
  return coverageOfDiscs(prepared, request, selected, discs, run);
}

/** computeCoverage for discs already made (computeGaps draws the same discs). */
export function coverageOfDiscs(prepared: PreparedDataset, request: CoverageRequest, selected: Uint32Array, discs: Discs, run: RunOptions = {}): CoverageResult {
  const progress = (from: number, to: number): RunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((f, stage) => run.onProgress!(from + (to - from) * f, stage)),
  });
  run.onProgress?.(0, 'population');
  const cellCovered = markPointsInDiscs(prepared.cells.x, prepared.cells.y, discs, run);
  const townships = unitMetrics(prepared, prepared.townships, prepared.cellTownship, prepared.facilityTownship, selected, discs, cellCovered, progress(0.1, 0.6));
  const counties = prepared.townshipCounty
    ? sumMetrics(townships, prepared.cohortNames, prepared.townshipCounty, prepared.counties.count)
    : unitMetrics(prepared, prepared.counties, prepared.cellCounty, prepared.facilityCounty, selected, discs, cellCovered, progress(0.6, 0.95));
  const areas = unitMetrics(prepared, prepared.areas, prepared.cellArea, prepared.facilityArea, selected, discs, cellCovered, progress(0.95, 1));
  return {
    reach: request.reach,
    facilityIndices: selected,
    townships,
    counties,
    region: sumMetrics(townships, prepared.cohortNames),
    areas,
    cellCovered,
    placeCovered: markPointsInDiscs(prepared.places.x, prepared.places.y, discs, run),
    discsFingerprint: fingerprintDiscs(discs),
  };
}

/**
 * A fingerprint of the discs (FNV-1a over their coordinates and radii): tells another worker whether
 * a coverage it is handed was made from the same discs as its own (same facilities, positions, radii).
 */
export function fingerprintDiscs(discs: Discs): number {
  let hash = 0x811c9dc5;
  // the arrays' own bytes, read in place (no copy on the coverage path)
  for (const values of [discs.x, discs.y, discs.r]) {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  return hash >>> 0;
}
