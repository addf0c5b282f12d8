// Straight-line coverage after one what-if edit, from the coverage before it, without measuring
// the whole region again. Only what lies within reach of the old or the new position can change:
//   - population: every cell keeps the number of selected discs that reach it; the edit lowers the
//     counts in the old disc and raises them in the new one, and a cell whose count crosses zero
//     moves its people (and cohorts) in or out of its township's, county's and area's covered
//     figures — a delta, in the order the cells are met;
//   - area: the exact kernel (discUnionAreaByZone) runs again only for the zones whose bounding box
//     meets the old or the new disc, with only the discs that can meet those zones (a disc that
//     covers a point of such a zone meets its box), so their figures stay exact: equal to a full
//     run up to the rounding of a differently ordered sum (test/siting/what-if-incremental.test.ts);
//   - facility count and capacity per zone are summed again over the selection (a few hundred).
// The counts hang off the result (WeakMap) and are built from the discs on the first edit.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { ProjectedZones } from '../geometry/projected-zones.ts';
import type { CoverageRequest, CoverageResult, UnitMetrics } from '../coverage/coverage-types.ts';
import { selectDiscs } from '../coverage/compute-coverage.ts';
import { discUnionAreaByZone, type Discs } from '../coverage/disc-union-area.ts';
import { sumMetrics } from '../coverage/unit-metrics.ts';
import { unionBoundingBoxes } from '../geometry/bounding-box.ts';

/** Per cell and per target place: how many selected discs reach it. */
interface CoverCounts {
  cells: Uint32Array;
  places: Uint32Array;
}

const coverCounts = new WeakMap<CoverageResult, CoverCounts>();

/** What one edit did to the facilities: the index of the old facility in `before`, of the new one in `after`. */
export interface FacilityChange {
  removed?: number;
  added?: number;
}

type Disc = { x: number; y: number; r: number };

function countWithin(prepared: PreparedDataset, discs: Discs): CoverCounts {
  const cells = new Uint32Array(prepared.cells.x.length);
  const places = new Uint32Array(prepared.places.x.length);
  const found = new Uint32Array(Math.max(cells.length, places.length));
  for (let k = 0; k < discs.x.length; k++) {
    let hits = prepared.cellIndex.withinInto(discs.x[k], discs.y[k], discs.r[k], found);
    for (let m = 0; m < hits; m++) cells[found[m]]++;
    hits = prepared.placeIndex.withinInto(discs.x[k], discs.y[k], discs.r[k], found);
    for (let m = 0; m < hits; m++) places[found[m]]++;
  }
  return { cells, places };
}

/** The disc of facility `index` if the request selects it (its radius by the coverage engine's own rule). */
function discOf(selection: { selected: Uint32Array; discs: Discs }, index: number | undefined): Disc | null {
  if (index === undefined) return null;
  const k = selection.selected.indexOf(index);
  return k < 0 ? null : { x: selection.discs.x[k], y: selection.discs.y[k], r: selection.discs.r[k] };
}

/** A copy of the figures an edit changes (covered population, cohorts and area; counts cleared to be summed again). */
export function copyMetrics(metrics: UnitMetrics): UnitMetrics {
  const copyAll = (record: Record<string, Float64Array>) => Object.fromEntries(Object.entries(record).map(([name, values]) => [name, values.slice()]));
  return {
    areaKm2: metrics.areaKm2,
    coveredAreaKm2: metrics.coveredAreaKm2.slice(),
    population: metrics.population,
    coveredPopulation: metrics.coveredPopulation.slice(),
    cohortPopulation: metrics.cohortPopulation,
    cohortCovered: copyAll(metrics.cohortCovered),
    facilityCount: new Float64Array(metrics.facilityCount.length),
    capacity: new Float64Array(metrics.capacity.length),
  };
}

/** Adds `sign` × cell i's people and cohorts to its zone's covered figures. */
export function moveCell(prepared: PreparedDataset, metrics: UnitMetrics, zone: number, i: number, sign: number): void {
  if (zone < 0) return;
  const { population, cohorts } = prepared.dataset.population;
  metrics.coveredPopulation[zone] += sign * population[i];
  for (const name of prepared.cohortNames) metrics.cohortCovered[name][zone] += sign * cohorts[name][i];
}

/** Adds the selected facilities' count and capacity to their zones. */
export function countFacilities(prepared: PreparedDataset, metrics: UnitMetrics, facilityZone: Int32Array, selected: Uint32Array): void {
  for (const f of selected) {
    const z = facilityZone[f];
    if (z < 0) continue;
    metrics.facilityCount[z] += 1;
    metrics.capacity[z] += prepared.dataset.facilities[f].capacity ?? 0;
  }
}

const boxesMeet = (bounds: Float64Array, z: number, minX: number, minY: number, maxX: number, maxY: number) =>
  bounds[4 * z] <= maxX && bounds[4 * z + 2] >= minX && bounds[4 * z + 1] <= maxY && bounds[4 * z + 3] >= minY;

/** The exact covered area again for the zones the changed discs can reach; the other zones keep theirs. */
function remeasureArea(zones: ProjectedZones, metrics: UnitMetrics, changed: Disc[], selection: { selected: Uint32Array; discs: Discs }, facilityZone: Int32Array): void {
  const { bounds } = zones;
  const affected: number[] = [];
  for (let z = 0; z < zones.count; z++) {
    if (changed.some((d) => boxesMeet(bounds, z, d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r))) affected.push(z);
  }
  if (affected.length === 0) return;
  const [minX, minY, maxX, maxY] = unionBoundingBoxes(affected.map((z) => [bounds[4 * z], bounds[4 * z + 1], bounds[4 * z + 2], bounds[4 * z + 3]]))!;
  const { x, y, r } = selection.discs;
  const near: number[] = [];
  for (let k = 0; k < x.length; k++) if (x[k] + r[k] >= minX && x[k] - r[k] <= maxX && y[k] + r[k] >= minY && y[k] - r[k] <= maxY) near.push(k);
  const discs: Discs = { x: Float64Array.from(near, (k) => x[k]), y: Float64Array.from(near, (k) => y[k]), r: Float64Array.from(near, (k) => r[k]) };
  const centreZone = Int32Array.from(near, (k) => facilityZone[selection.selected[k]]);
  const projected = discUnionAreaByZone(zones, discs, {}, centreZone);
  for (const z of affected) metrics.coveredAreaKm2[z] = projected[z] / (zones.scale[z] * zones.scale[z]) / 1e6;
}

/**
 * `coverage` (of `request` on `before`) after one facility edit (`after` is `before` edited as
 * `change` says). A straight-line reach only; the caller drops a travel-time coverage the edit touches.
 */
export function updateCoverage(before: PreparedDataset, after: PreparedDataset, request: CoverageRequest, coverage: CoverageResult, change: FacilityChange): CoverageResult {
  let counts = coverCounts.get(coverage);
  if (!counts) counts = countWithin(before, selectDiscs(before, request).discs);
  const selection = selectDiscs(after, request);
  const removed = change.removed === undefined ? null : discOf(selectDiscs(before, request), change.removed);
  const added = discOf(selection, change.added);
  const cells = counts.cells.slice();
  const places = counts.places.slice();
  const cellCovered = coverage.cellCovered.slice();
  const placeCovered = coverage.placeCovered.slice();
  const townships = copyMetrics(coverage.townships);
  const areas = copyMetrics(coverage.areas);
  const counties = after.townshipCounty ? null : copyMetrics(coverage.counties);

  const touchedCells: number[] = [];
  const touchedPlaces: number[] = [];
  const found = new Uint32Array(Math.max(cells.length, places.length));
  for (const [disc, step] of [[removed, -1], [added, 1]] as const) {
    if (!disc) continue;
    let hits = after.cellIndex.withinInto(disc.x, disc.y, disc.r, found);
    for (let m = 0; m < hits; m++) {
      cells[found[m]] += step;
      touchedCells.push(found[m]);
    }
    hits = after.placeIndex.withinInto(disc.x, disc.y, disc.r, found);
    for (let m = 0; m < hits; m++) {
      places[found[m]] += step;
      touchedPlaces.push(found[m]);
    }
  }
  // Net change per cell (a cell in both discs of a move keeps its state and its figures).
  for (const i of touchedCells) {
    const now = cells[i] > 0 ? 1 : 0;
    if (now === cellCovered[i]) continue;
    cellCovered[i] = now;
    const sign = now ? 1 : -1;
    moveCell(after, townships, after.cellTownship[i], i, sign);
    moveCell(after, areas, after.cellArea[i], i, sign);
    if (counties) moveCell(after, counties, after.cellCounty[i], i, sign);
  }
  for (const i of touchedPlaces) placeCovered[i] = places[i] > 0 ? 1 : 0;

  countFacilities(after, townships, after.facilityTownship, selection.selected);
  countFacilities(after, areas, after.facilityArea, selection.selected);
  if (counties) countFacilities(after, counties, after.facilityCounty, selection.selected);
  const changed = [removed, added].filter((disc): disc is Disc => disc !== null);
  remeasureArea(after.townships, townships, changed, selection, after.facilityTownship);
  remeasureArea(after.areas, areas, changed, selection, after.facilityArea);
  if (counties) remeasureArea(after.counties, counties, changed, selection, after.facilityCounty);

  const result: CoverageResult = {
    reach: coverage.reach,
    facilityIndices: selection.selected,
    townships,
    counties: counties ?? sumMetrics(townships, after.cohortNames, after.townshipCounty!, after.counties.count),
    region: sumMetrics(townships, after.cohortNames),
    areas,
    cellCovered,
    placeCovered,
  };
  coverCounts.set(result, { cells, places });
  return result;
}
