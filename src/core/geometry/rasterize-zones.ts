// The zone under the centre of every cell of a regular grid, by scanlines: per zone and grid row,
// the row's crossings with the zone's edges are found once (from the zone's band index) and the
// cells between each pair filled, instead of a point-in-polygon test per cell. The answer is
// locateZone's for every centre — the same crossing arithmetic, the same even-odd rule, the same
// bounding-box test, the lowest zone first where zones overlap — at a fraction of the cost (the
// demo's 480,000-cell travel grid: 64 ms of point tests → a few ms).
import type { ProjectedZones } from './projected-zones.ts';

export interface RegularGrid {
  /** South-west corner of cell (0, 0); cell (c, r) is centred at originX + (c + 0.5)·cellSize, originY + (r + 0.5)·cellSize. */
  originX: number;
  originY: number;
  cellSize: number;
  columns: number;
  rows: number;
}

/** Zone index of each cell (c + r · columns), −1 where the centre is in no zone. */
export function rasterizeZones(zones: ProjectedZones, grid: RegularGrid): Int32Array {
  const { originX, originY, cellSize, columns, rows } = grid;
  const zoneOf = new Int32Array(columns * rows).fill(-1);
  const { coords, edgeEnd, bounds } = zones;
  let crossings = new Float64Array(64);
  const centreX = (c: number) => originX + (c + 0.5) * cellSize;
  for (let z = 0; z < zones.count; z++) {
    const minX = bounds[4 * z], minY = bounds[4 * z + 1], maxX = bounds[4 * z + 2], maxY = bounds[4 * z + 3];
    const bands = zones.zoneBands[z];
    let r = Math.max(0, Math.floor((minY - originY) / cellSize - 0.5));
    for (; r < rows; r++) {
      const py = originY + (r + 0.5) * cellSize;
      if (py < minY) continue;
      if (py > maxY) break;
      const band = Math.min(bands.bandCount - 1, Math.max(0, Math.floor((py - bands.minY) / bands.bandHeight)));
      let count = 0;
      for (let k = bands.offsets[band], end = bands.offsets[band + 1]; k < end; k++) {
        const a = bands.edges[k];
        const c = edgeEnd[a];
        const ay = coords[2 * a + 1], cy = coords[2 * c + 1];
        if (ay > py !== cy > py) {
          const ax = coords[2 * a], cx = coords[2 * c];
          if (count === crossings.length) {
            const grown = new Float64Array(2 * count);
            grown.set(crossings);
            crossings = grown;
          }
          crossings[count++] = ax + ((py - ay) * (cx - ax)) / (cy - ay);
        }
      }
      if (count === 0) continue;
      const sorted = crossings.subarray(0, count).sort();
      // locateZone: inside when an odd number of crossings lie strictly right of the centre; the
      // count is even (closed rings), so: an odd number at or left of it, [x1, x2) ∪ [x3, x4) …
      for (let p = 0; p + 1 < count; p += 2) {
        const from = Math.max(sorted[p], minX), to = sorted[p + 1];
        let c = Math.max(0, Math.floor((from - originX) / cellSize - 0.5));
        while (c < columns && centreX(c) < from) c++;
        for (; c < columns; c++) {
          const px = centreX(c);
          if (px >= to || px > maxX) break;
          const cell = c + r * columns;
          if (zoneOf[cell] < 0) zoneOf[cell] = z;
        }
      }
    }
  }
  return zoneOf;
}
