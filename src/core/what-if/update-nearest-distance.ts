// Nearest distances after one what-if edit, from those before it, without measuring or ordering
// every cell again. A cell's distance changes only if its nearest facility was the removed one (it
// looks again among the selected facilities: few cells, so a scan of the facilities is enough) or
// the added facility is nearer; the zones holding no such cell keep their median and p90 as they
// were. Each zone's populated cells are kept in order by distance (hung off the result, built on
// the first edit): the changed cells are taken out and merged back at their new distances, and the
// touched zones' quantiles are read off by walking that order — the lower weighted quantile, as
// weightedQuantilesByZone and selectWeightedQuantiles define it (coverage/compute-nearest-distance.ts),
// with the zone totals summed in the same cell order, so the answers are the same numbers
// (test/siting/what-if-incremental.test.ts). The region is one zone of every cell: its merge is
// one sequential pass (about 70,000 cells on the demo), not a selection over every level.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, NearestDistanceResult } from '../coverage/coverage-types.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import { regionZones } from './cells-by-zone.ts';

type Level = 'townships' | 'counties' | 'region';
const LEVELS: Level[] = ['townships', 'counties', 'region'];
const QUANTILES = [0.5, 0.9] as const;

/** One level's zones: their populated cells by increasing distance (CSR over zones) and their total population. */
interface ZoneOrder {
  start: Uint32Array;
  order: Uint32Array;
  total: Float64Array;
}

const orders = new WeakMap<NearestDistanceResult, Record<Level, ZoneOrder>>();

function levelZones(prepared: PreparedDataset): Record<Level, { cellZone: Int32Array; count: number }> {
  return {
    townships: { cellZone: prepared.cellTownship, count: prepared.townships.count },
    counties: { cellZone: prepared.cellCounty, count: prepared.counties.count },
    region: { cellZone: regionZones(prepared.cellTownship), count: 1 },
  };
}

const byDistance = (distance: Float64Array) => (a: number, b: number) => (distance[a] < distance[b] ? -1 : distance[a] > distance[b] ? 1 : 0);

/**
 * `cells` in order by `values` (Infinity last): a native sort of packed keys (the value scaled to
 * the bits the cell's position leaves free, plus that position), then an insertion pass by the
 * exact values, which only moves cells whose values fell into the same key. A comparator sort of
 * the demo's 70,000 cells took several times as long.
 */
function orderByValue(cells: Uint32Array, values: Float64Array): Uint32Array {
  const m = cells.length;
  const positionBits = Math.max(1, Math.ceil(Math.log2(m + 1)));
  const slots = 2 ** positionBits;
  const top = 2 ** (53 - positionBits) - 1; // the key of Infinity; finite values below it
  let largest = 0;
  for (let k = 0; k < m; k++) {
    const v = values[cells[k]];
    if (v !== Infinity && v > largest) largest = v;
  }
  const scale = largest > 0 ? (top - 1) / largest : 0;
  const keys = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const v = values[cells[k]];
    keys[k] = (v === Infinity ? top : Math.floor(v * scale)) * slots + k;
  }
  keys.sort();
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = cells[keys[k] % slots];
  for (let k = 1; k < m; k++) {
    const cell = order[k];
    const v = values[cell];
    let j = k - 1;
    while (j >= 0 && values[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = cell;
  }
  return order;
}

/**
 * Each level's zones with their populated cells sorted by `distance` (once per what-if session, on
 * its first edit): one order of every populated cell, dealt out to the zones of each level.
 */
function orderZones(levels: Record<Level, { cellZone: Int32Array; count: number }>, population: Float64Array, distance: Float64Array): Record<Level, ZoneOrder> {
  let populated = 0;
  for (let i = 0; i < population.length; i++) if (population[i] > 0) populated++;
  const cells = new Uint32Array(populated);
  for (let i = 0, k = 0; i < population.length; i++) if (population[i] > 0) cells[k++] = i;
  const sorted = orderByValue(cells, distance);
  const out = {} as Record<Level, ZoneOrder>;
  for (const level of LEVELS) {
    const { cellZone, count } = levels[level];
    const start = new Uint32Array(count + 1);
    const total = new Float64Array(count);
    // Totals summed in cell order, as the full computation sums them.
    for (const i of cells) {
      const z = cellZone[i];
      if (z < 0) continue;
      start[z + 1]++;
      total[z] += population[i];
    }
    for (let z = 0; z < count; z++) start[z + 1] += start[z];
    const order = new Uint32Array(start[count]);
    const cursor = start.slice(0, count);
    for (const i of sorted) if (cellZone[i] >= 0) order[cursor[cellZone[i]]++] = i;
    out[level] = { start, order, total };
  }
  return out;
}

/** The lower weighted q-quantile of zone z from its cells in order (NaN without people). */
function quantilesOfZone(zone: ZoneOrder, z: number, population: Float64Array, distance: Float64Array, out: Float64Array[]): void {
  const total = zone.total[z];
  let next = 0;
  let cumulative = 0;
  for (let k = zone.start[z]; k < zone.start[z + 1] && next < QUANTILES.length; k++) {
    const i = zone.order[k];
    cumulative += population[i];
    while (next < QUANTILES.length && cumulative >= QUANTILES[next] * total * (1 - 1e-12)) out[next++][z] = distance[i];
  }
  for (; next < QUANTILES.length; next++) out[next][z] = total > 0 ? distance[zone.order[zone.start[z + 1] - 1]] : NaN;
}

/**
 * Zone z's segment of `order` again: its cells without the `moved` ones, merged with `moved`
 * (this zone's changed populated cells) sorted by their new distance.
 */
function reorderZone(previous: Uint32Array, order: Uint32Array, from: number, to: number, moved: number[], isMoved: Uint8Array, distance: Float64Array): void {
  moved.sort(byDistance(distance));
  let at = from;
  let m = 0;
  for (let k = from; k < to; k++) {
    const i = previous[k];
    if (isMoved[i]) continue;
    while (m < moved.length && distance[moved[m]] < distance[i]) order[at++] = moved[m++];
    order[at++] = i;
  }
  while (m < moved.length) order[at++] = moved[m++];
}

/**
 * Nearest distances after one selected facility was added, moved or removed (`prepared` is the
 * edited dataset, `previous` the state before the edit, positions in the prepared plane). Distances
 * are computed as computeNearestDistance computes them (square root of the least squared plane
 * distance, over the scale factor), so the result equals a full run on the edited dataset.
 */
export function updateNearestDistance(
  prepared: PreparedDataset,
  filter: FacilityFilter,
  previous: NearestDistanceResult,
  change: { removed?: [number, number]; added?: [number, number] },
): NearestDistanceResult {
  const selected = selectFacilities(prepared.dataset, filter);
  const fx = Float64Array.from(selected, (f) => prepared.facilities.x[f]);
  const fy = Float64Array.from(selected, (f) => prepared.facilities.y[f]);
  const { x, y, scale } = prepared.cells;
  const population = prepared.dataset.population.population;
  const cellDistance = previous.cellDistance.slice();
  const [rx, ry] = change.removed ?? [NaN, NaN];
  const [ax, ay] = change.added ?? [NaN, NaN];
  const changed: number[] = [];
  for (let i = 0; i < cellDistance.length; i++) {
    if (population[i] <= 0) continue;
    const old = cellDistance[i];
    let distance = old;
    const px = x[i], py = y[i];
    if (change.removed) {
      const plane = old * scale[i];
      // Its nearest facility stood at the removed position (to rounding): look again.
      if ((rx - px) ** 2 + (ry - py) ** 2 <= plane * plane * (1 + 1e-9) + 1e-6) {
        let bestSquared = Infinity;
        for (let k = 0; k < fx.length; k++) bestSquared = Math.min(bestSquared, (fx[k] - px) ** 2 + (fy[k] - py) ** 2);
        distance = Math.sqrt(bestSquared) / scale[i];
      }
    }
    if (change.added) {
      const squared = (ax - px) ** 2 + (ay - py) ** 2;
      const plane = distance * scale[i];
      if (squared < plane * plane) distance = Math.min(distance, Math.sqrt(squared) / scale[i]);
    }
    if (distance === old) continue;
    cellDistance[i] = distance;
    changed.push(i);
  }
  const levels = levelZones(prepared);
  const before = orders.get(previous) ?? orderZones(levels, population, previous.cellDistance);
  const isMoved = new Uint8Array(cellDistance.length);
  for (const i of changed) isMoved[i] = 1;
  const result = { cellDistance } as NearestDistanceResult;
  const after = {} as Record<Level, ZoneOrder>;
  for (const level of LEVELS) {
    const { cellZone } = levels[level];
    const zone = before[level];
    const movedByZone = new Map<number, number[]>();
    for (const i of changed) {
      const z = cellZone[i];
      if (z < 0) continue;
      const list = movedByZone.get(z);
      if (list) list.push(i);
      else movedByZone.set(z, [i]);
    }
    const order = movedByZone.size > 0 ? zone.order.slice() : zone.order;
    const next: ZoneOrder = { start: zone.start, order, total: zone.total };
    const quantiles = [previous[level].median.slice(), previous[level].p90.slice()];
    for (const [z, moved] of movedByZone) {
      reorderZone(zone.order, order, zone.start[z], zone.start[z + 1], moved, isMoved, cellDistance);
      quantilesOfZone(next, z, population, cellDistance, quantiles);
    }
    result[level] = { median: quantiles[0], p90: quantiles[1] };
    after[level] = next;
  }
  orders.set(result, after);
  return result;
}
