// Travel-time coverage after one what-if edit, from the coverage before it, as update-coverage.ts
// does for a straight line: every population cell, target place and travel grid cell keeps the
// number of selected facilities that reach it within the limit, and the edit moves those counts
// only where the edited facility's old and new positions reach — one search bounded by the limit
// from each (siting/search-from-site.ts, as for a candidate site). A
// point is reached by some facility within the limit exactly when one facility's own bounded search
// reaches it (the multi-source time is the least of the single-source times), so the flags equal
// those of the full travel-time coverage (test/siting/what-if-incremental.test.ts). The covered
// area is the area of the covered grid cells, kept unclamped per zone and clamped to the zone's
// area on output, as coverageFromTravelTimes does. The counts, and the facility-independent part of
// the network they were measured on (graph, snapped cells, places and grid), hang off the result,
// so an edit never re-snaps every facility.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult, UnitMetrics } from '../coverage/coverage-types.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import { sumMetrics } from '../coverage/unit-metrics.ts';
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import { travelModeNetworkOf, travelModeOfReach } from '../network/travel-time-coverage-of-dataset.ts';
import { searchFromSites, type SiteReach } from '../siting/search-from-site.ts';
import { copyMetrics, countFacilities, moveCell, type FacilityChange } from './update-coverage.ts';

type Level = 'townships' | 'counties' | 'areas';
const LEVELS: Level[] = ['townships', 'counties', 'areas'];

interface TravelCounts {
  network: TravelModeNetwork;
  cells: Uint32Array;
  places: Uint32Array;
  grid: Uint32Array;
  /** Per level and zone: the area (km²) of its covered grid cells, before clamping to the zone's area. */
  gridArea: Record<Level, Float64Array>;
}

const travelCounts = new WeakMap<CoverageResult, TravelCounts>();

/** The points (cells, places, grid cells) each of the facilities `indices` of `prepared` reaches within `limit` seconds. */
function reachedFrom(prepared: PreparedDataset, network: TravelModeNetwork, indices: ArrayLike<number>, limit: number, visit: (k: number, reach: SiteReach) => void): void {
  const sites = {
    x: Float64Array.from(indices, (f) => prepared.facilities.x[f]),
    y: Float64Array.from(indices, (f) => prepared.facilities.y[f]),
    scale: Float64Array.from(indices, (f) => prepared.facilities.scale[f]),
  };
  const search = searchFromSites(network, ['cells', 'places', 'grid'], sites);
  for (let k = 0; k < indices.length; k++) visit(k, search(k, limit));
}

function gridZones(network: TravelModeNetwork): Record<Level, Int32Array> {
  const { grid } = network.network;
  return { townships: grid.township, counties: grid.county, areas: grid.area };
}

const gridCellKm2 = (network: TravelModeNetwork, g: number) => network.network.grid.cellMetres ** 2 / (network.grid.scale[g] * network.grid.scale[g]) / 1e6;

function buildCounts(prepared: PreparedDataset, request: CoverageRequest & { reach: { kind: 'travel-time' } }): TravelCounts {
  const network = travelModeNetworkOf(prepared, travelModeOfReach(request.reach));
  const limit = request.reach.minutes * 60;
  const counts = { cells: new Uint32Array(network.cells.x.length), places: new Uint32Array(network.places.x.length), grid: new Uint32Array(network.grid.x.length) };
  reachedFrom(prepared, network, selectFacilities(prepared.dataset, request.filter), limit, (_, reached) => {
    for (const key of ['cells', 'places', 'grid'] as const) for (const i of reached[key].points) counts[key][i]++;
  });
  const zones = gridZones(network);
  const zoneCount = { townships: prepared.townships.count, counties: prepared.counties.count, areas: prepared.areas.count };
  const gridArea = Object.fromEntries(LEVELS.map((level) => [level, new Float64Array(zoneCount[level])])) as TravelCounts['gridArea'];
  for (let g = 0; g < counts.grid.length; g++) {
    if (counts.grid[g] === 0) continue;
    for (const level of LEVELS) if (zones[level][g] >= 0) gridArea[level][zones[level][g]] += gridCellKm2(network, g);
  }
  return { network, ...counts, gridArea };
}

/**
 * `coverage` (of a travel-time `request` on `before`) after one facility edit (`after` is `before`
 * edited as `change` says).
 */
export function updateTravelTimeCoverage(before: PreparedDataset, after: PreparedDataset, request: CoverageRequest, coverage: CoverageResult, change: FacilityChange): CoverageResult {
  if (request.reach.kind !== 'travel-time') throw new Error('updateTravelTimeCoverage takes a travel-time reach');
  const travelRequest = request as CoverageRequest & { reach: { kind: 'travel-time' } };
  const counts = travelCounts.get(coverage) ?? buildCounts(before, travelRequest);
  const { network } = counts;
  const limit = request.reach.minutes * 60;
  const cells = counts.cells.slice(), places = counts.places.slice(), grid = counts.grid.slice();
  const gridArea = Object.fromEntries(LEVELS.map((level) => [level, counts.gridArea[level].slice()])) as TravelCounts['gridArea'];
  const cellCovered = coverage.cellCovered.slice();
  const placeCovered = coverage.placeCovered.slice();
  const metrics: Record<Level, UnitMetrics> = { townships: copyMetrics(coverage.townships), counties: copyMetrics(coverage.counties), areas: copyMetrics(coverage.areas) };
  const touched = { cells: [] as number[], places: [] as number[], grid: [] as number[] };
  const selects = (prepared: PreparedDataset, f: number | undefined) => f !== undefined && selectFacilities(prepared.dataset, request.filter).includes(f);
  for (const [prepared, f, step] of [[before, change.removed, -1], [after, change.added, 1]] as const) {
    if (!selects(prepared, f)) continue;
    reachedFrom(prepared, network, [f!], limit, (_, reached) => {
      for (const i of reached.cells.points) (cells[i] += step), touched.cells.push(i);
      for (const i of reached.places.points) (places[i] += step), touched.places.push(i);
      for (const g of reached.grid.points) (grid[g] += step), touched.grid.push(g);
    });
  }
  const cellZones = { townships: after.cellTownship, counties: after.cellCounty, areas: after.cellArea };
  for (const i of touched.cells) {
    const now = cells[i] > 0 ? 1 : 0;
    if (now === cellCovered[i]) continue;
    cellCovered[i] = now;
    for (const level of LEVELS) moveCell(after, metrics[level], cellZones[level][i], i, now ? 1 : -1);
  }
  for (const i of touched.places) placeCovered[i] = places[i] > 0 ? 1 : 0;
  const zones = gridZones(network);
  const gridCovered = new Set<number>();
  for (const g of touched.grid) {
    if (gridCovered.has(g)) continue;
    gridCovered.add(g);
    const was = counts.grid[g] > 0, now = grid[g] > 0;
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
  travelCounts.set(result, { network, cells, places, grid, gridArea });
  return result;
}
