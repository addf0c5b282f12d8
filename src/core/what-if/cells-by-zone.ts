// The cells of each zone, in cell order (CSR: `start[z]` … `start[z + 1]` in `cells`), built once
// per zone assignment and shared by every edited dataset (what-if edits share the cells and their
// zones). A what-if update reads only the zones its edit touched from here instead of passing over
// every cell; the cells of a zone are listed in increasing index, so a sum over them adds the same
// terms in the same order as a full pass over the cells does (equal results, not merely close).
interface CellsByZone {
  start: Uint32Array;
  cells: Uint32Array;
}

const byZone = new WeakMap<Int32Array, CellsByZone>();

/** Cells grouped by `cellZone` (−1: in no zone, left out); `zoneCount` zones. */
export function cellsByZone(cellZone: Int32Array, zoneCount: number): CellsByZone {
  let grouped = byZone.get(cellZone);
  if (grouped && grouped.start.length === zoneCount + 1) return grouped;
  const start = new Uint32Array(zoneCount + 1);
  for (let i = 0; i < cellZone.length; i++) if (cellZone[i] >= 0) start[cellZone[i] + 1]++;
  for (let z = 0; z < zoneCount; z++) start[z + 1] += start[z];
  const cells = new Uint32Array(start[zoneCount]);
  const cursor = start.slice(0, zoneCount);
  for (let i = 0; i < cellZone.length; i++) if (cellZone[i] >= 0) cells[cursor[cellZone[i]]++] = i;
  grouped = { start, cells };
  byZone.set(cellZone, grouped);
  return grouped;
}

const regions = new WeakMap<Int32Array, Int32Array>();

/** Every cell inside a township in zone 0 (the region), once per cell assignment (shared by every edited dataset). */
export function regionZones(cellTownship: Int32Array): Int32Array {
  let zones = regions.get(cellTownship);
  if (!zones) {
    zones = new Int32Array(cellTownship.length);
    for (let i = 0; i < zones.length; i++) zones[i] = cellTownship[i] >= 0 ? 0 : -1;
    regions.set(cellTownship, zones);
  }
  return zones;
}

/** The zones (of `cellZone`) holding any of `cells`, each once. */
export function zonesOf(cellZone: Int32Array, cells: ArrayLike<number>): number[] {
  const zones = new Set<number>();
  for (let k = 0; k < cells.length; k++) {
    const z = cellZone[cells[k]];
    if (z >= 0) zones.add(z);
  }
  return [...zones];
}
