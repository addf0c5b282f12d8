// Travel-time coverage after one what-if edit, read off the travel times carried over the same edit
// (update-travel-times.ts). A population cell, target place or travel grid cell is covered when its
// time to the nearest selected facility is within the limit — as coverageFromTravelTimes measures
// the full coverage — so only the points whose time the edit changed can change state: a cell that
// crosses the limit moves its people (and cohorts) in or out of its zones' covered figures, a grid
// cell its area. The covered area is kept unclamped per zone (hung off the result) and clamped to
// the zone's area on output, as coverageFromTravelTimes does. Equal to the full coverage up to the
// rounding of differently ordered sums (test/siting/what-if-incremental.test.ts,
// test/what-if/update-travel-times.test.ts). Before this the edit counted, per point, the
// facilities reaching it, which took one bounded search from every selected facility on the first
// edit; the nearest times need one search in all.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult, UnitMetrics } from '../coverage/coverage-types.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import { sumMetrics } from '../coverage/unit-metrics.ts';
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import type { TravelTimeResult } from '../network/compute-travel-times.ts';
import { copyMetrics, countFacilities, moveCell } from './update-coverage.ts';

type Level = 'townships' | 'counties' | 'areas';
const LEVELS: Level[] = ['townships', 'counties', 'areas'];

/** Per level and zone: the area (km²) of its covered grid cells, before clamping to the zone's area. */
const unclampedAreas = new WeakMap<CoverageResult, Record<Level, Float64Array>>();

function gridZones(network: TravelModeNetwork): Record<Level, Int32Array> {
  const { grid } = network.network;
  return { townships: grid.township, counties: grid.county, areas: grid.area };
}

const gridCellKm2 = (network: TravelModeNetwork, g: number) => network.network.grid.cellMetres ** 2 / (network.grid.scale[g] * network.grid.scale[g]) / 1e6;

/** The unclamped covered area per zone of a coverage whose grid times are `gridSeconds` (its first edit). */
function measureGridArea(prepared: PreparedDataset, network: TravelModeNetwork, gridSeconds: Float64Array, limit: number): Record<Level, Float64Array> {
  const zones = gridZones(network);
  const zoneCount = { townships: prepared.townships.count, counties: prepared.counties.count, areas: prepared.areas.count };
  const area = Object.fromEntries(LEVELS.map((level) => [level, new Float64Array(zoneCount[level])])) as Record<Level, Float64Array>;
  for (let g = 0; g < gridSeconds.length; g++) {
    if (!(gridSeconds[g] <= limit)) continue;
    for (const level of LEVELS) if (zones[level][g] >= 0) area[level][zones[level][g]] += gridCellKm2(network, g);
  }
  return area;
}

/**
 * `coverage` (of a travel-time `request`, read off `previous`, the travel times before the edit)
 * after the edit that turned `previous` into `times` on `after`; `changed` lists the points whose
 * time the edit changed, `network` is the mode's network for `after`.
 */
export function updateTravelTimeCoverage(
  after: PreparedDataset,
  network: TravelModeNetwork,
  request: CoverageRequest,
  coverage: CoverageResult,
  previous: TravelTimeResult,
  times: TravelTimeResult,
  changed: Record<'cells' | 'places' | 'grid', readonly number[]>,
): CoverageResult {
  if (request.reach.kind !== 'travel-time') throw new Error('updateTravelTimeCoverage takes a travel-time reach');
  const limit = request.reach.minutes * 60;
  const before = unclampedAreas.get(coverage) ?? measureGridArea(after, network, previous.grid.seconds, limit);
  const gridArea = Object.fromEntries(LEVELS.map((level) => [level, before[level].slice()])) as Record<Level, Float64Array>;
  const cellCovered = coverage.cellCovered.slice();
  const placeCovered = coverage.placeCovered.slice();
  const metrics: Record<Level, UnitMetrics> = { townships: copyMetrics(coverage.townships), counties: copyMetrics(coverage.counties), areas: copyMetrics(coverage.areas) };
  const cellZones = { townships: after.cellTownship, counties: after.cellCounty, areas: after.cellArea };
  for (const i of changed.cells) {
    const now = times.cells.seconds[i] <= limit ? 1 : 0;
    if (now === cellCovered[i]) continue;
    cellCovered[i] = now;
    for (const level of LEVELS) moveCell(after, metrics[level], cellZones[level][i], i, now ? 1 : -1);
  }
  for (const i of changed.places) placeCovered[i] = times.places.seconds[i] <= limit ? 1 : 0;
  const zones = gridZones(network);
  const seen = new Set<number>();
  for (const g of changed.grid) {
    if (seen.has(g)) continue;
    seen.add(g);
    const was = previous.grid.seconds[g] <= limit, now = times.grid.seconds[g] <= limit;
    if (was === now) continue;
    for (const level of LEVELS) if (zones[level][g] >= 0) gridArea[level][zones[level][g]] += (now ? 1 : -1) * gridCellKm2(network, g);
  }
  const selected = selectFacilities(after.dataset, request.filter);
  const facilityZones = { townships: after.facilityTownship, counties: after.facilityCounty, areas: after.facilityArea };
  for (const level of LEVELS) {
    countFacilities(after, metrics[level], facilityZones[level], selected);
    const m = metrics[level];
    for (let z = 0; z < m.coveredAreaKm2.length; z++) m.coveredAreaKm2[z] = Math.min(gridArea[level][z], m.areaKm2[z]);
  }
  const result: CoverageResult = {
    reach: coverage.reach,
    facilityIndices: selected,
    townships: metrics.townships,
    counties: metrics.counties,
    region: sumMetrics(metrics.townships, after.cohortNames),
    areas: metrics.areas,
    cellCovered,
    placeCovered,
  };
  unclampedAreas.set(result, gridArea);
  return result;
}
