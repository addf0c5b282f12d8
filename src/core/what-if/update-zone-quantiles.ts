// Population-weighted median and p90 per township, county and region kept up to date over what-if
// edits: each zone's populated cells are kept in order by value (hung off the result they were
// built for, built on the first edit with one packed native sort), the cells whose value an edit
// changed are taken out and merged back at their new values, and only their zones' quantiles are
// read again by walking that order — the lower weighted quantile, as weightedQuantilesByZone and
// selectWeightedQuantiles define it (coverage/compute-nearest-distance.ts), with the zone totals
// summed in the same cell order, so the answers are the same numbers. The region is one zone of
// every cell: its merge is one sequential pass (about 70,000 cells on the demo). Used for the
// nearest distances (update-nearest-distance.ts) and the nearest travel times (update-travel-times.ts).
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { regionZones } from './cells-by-zone.ts';

export type QuantileLevel = 'townships' | 'counties' | 'region';
interface ZoneQuantiles {
  median: Float64Array;
  p90: Float64Array;
}

type Level = QuantileLevel;
const LEVELS: Level[] = ['townships', 'counties', 'region'];
const QUANTILES = [0.5, 0.9] as const;

/** One level's zones: their populated cells by increasing value (CSR over zones) and their total population. */
interface ZoneOrder {
  start: Uint32Array;
  order: Uint32Array;
  total: Float64Array;
}

const orders = new WeakMap<Float64Array, Record<Level, ZoneOrder>>();

function levelZones(prepared: PreparedDataset): Record<Level, { cellZone: Int32Array; count: number }> {
  return {
    townships: { cellZone: prepared.cellTownship, count: prepared.townships.count },
    counties: { cellZone: prepared.cellCounty, count: prepared.counties.count },
    region: { cellZone: regionZones(prepared.cellTownship), count: 1 },
  };
}

const byValue = (values: Float64Array) => (a: number, b: number) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0);

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
 * Each level's zones with their populated cells sorted by `values` (once per what-if session, on
 * its first edit): one order of every populated cell, dealt out to the zones of each level.
 */
function orderZones(levels: Record<Level, { cellZone: Int32Array; count: number }>, population: Float64Array, values: Float64Array): Record<Level, ZoneOrder> {
  let populated = 0;
  for (let i = 0; i < population.length; i++) if (population[i] > 0) populated++;
  const cells = new Uint32Array(populated);
  for (let i = 0, k = 0; i < population.length; i++) if (population[i] > 0) cells[k++] = i;
  const sorted = orderByValue(cells, values);
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
function quantilesOfZone(zone: ZoneOrder, z: number, population: Float64Array, values: Float64Array, out: Float64Array[]): void {
  const total = zone.total[z];
  let next = 0;
  let cumulative = 0;
  for (let k = zone.start[z]; k < zone.start[z + 1] && next < QUANTILES.length; k++) {
    const i = zone.order[k];
    cumulative += population[i];
    while (next < QUANTILES.length && cumulative >= QUANTILES[next] * total * (1 - 1e-12)) out[next++][z] = values[i];
  }
  for (; next < QUANTILES.length; next++) out[next][z] = total > 0 ? values[zone.order[zone.start[z + 1] - 1]] : NaN;
}

/**
 * Zone z's segment of `order` again: its cells without the `moved` ones, merged with `moved`
 * (this zone's changed populated cells) sorted by their new values.
 */
function reorderZone(previous: Uint32Array, order: Uint32Array, from: number, to: number, moved: number[], isMoved: Uint8Array, values: Float64Array): void {
  moved.sort(byValue(values));
  let at = from;
  let m = 0;
  for (let k = from; k < to; k++) {
    const i = previous[k];
    if (isMoved[i]) continue;
    while (m < moved.length && values[moved[m]] < values[i]) order[at++] = moved[m++];
    order[at++] = i;
  }
  while (m < moved.length) order[at++] = moved[m++];
}

/**
 * The quantiles of `values` (per population cell) after an edit changed the cells `changed`, from
 * `previous`, the quantiles of `previousValues`: only the zones holding a changed cell are read
 * again. The cells' order is kept with the values array it was made for (the next edit starts from it).
 */
export function updateZoneQuantiles(
  prepared: PreparedDataset,
  previousValues: Float64Array,
  values: Float64Array,
  changed: readonly number[],
  previous: Record<Level, ZoneQuantiles>,
): Record<Level, ZoneQuantiles> {
  const population = prepared.dataset.population.population;
  const levels = levelZones(prepared);
  const before = orders.get(previousValues) ?? orderZones(levels, population, previousValues);
  // Each changed cell once (a caller may list a cell twice: a move's removal and addition).
  const isMoved = new Uint8Array(values.length);
  const moved: number[] = [];
  for (const i of changed) {
    if (isMoved[i]) continue;
    isMoved[i] = 1;
    moved.push(i);
  }
  const result = {} as Record<Level, ZoneQuantiles>;
  const after = {} as Record<Level, ZoneOrder>;
  for (const level of LEVELS) {
    const { cellZone } = levels[level];
    const zone = before[level];
    const movedByZone = new Map<number, number[]>();
    for (const i of moved) {
      const z = cellZone[i];
      if (z < 0 || !(population[i] > 0)) continue;
      const list = movedByZone.get(z);
      if (list) list.push(i);
      else movedByZone.set(z, [i]);
    }
    const order = movedByZone.size > 0 ? zone.order.slice() : zone.order;
    const next: ZoneOrder = { start: zone.start, order, total: zone.total };
    const quantiles = [previous[level].median.slice(), previous[level].p90.slice()];
    for (const [z, cells] of movedByZone) {
      reorderZone(zone.order, order, zone.start[z], zone.start[z + 1], cells, isMoved, values);
      quantilesOfZone(next, z, population, values, quantiles);
    }
    result[level] = { median: quantiles[0], p90: quantiles[1] };
    after[level] = next;
  }
  orders.set(values, after);
  return result;
}
