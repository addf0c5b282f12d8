// Many points located in zones (a million population cells on the 10× region) with the answers
// locateZone gives point by point, most of them read from a grid. A grid cell that no zone edge
// comes near (no edge's box, grown by a millimetre, touches it) lies wholly inside or outside
// every zone, so every point in it is in the zone locateZone gives the cell's centre: a zone's
// boundary is closed, and the even-odd count of its edges right of a point cannot change inside
// a cell its edges keep away from (each edge is right or left of the whole cell by more than the
// rounding of the crossing's x), and where zones overlap locateZone takes the lowest-numbered one
// that holds the point, the same one for the whole cell. Only the points in cells that an edge
// comes near go through locateZone. Hand-written for its cost: locating the million cells one by
// one was the largest single part of the main thread's work after reading; on a generated 10×
// region (1,000 townships with fractal borders) 18% of the cells fall in cells near an edge, and
// the whole takes 102–155 ms of CPU instead of 182–212 ms (three rounds, load 6; the same zones).
// The cells' own zones come from rasterizeZones (scanlines, locateZone's answer at every centre)
// rather than locateZone per cell: a million random points over the 10× townships, 128 → 106 ms
// (best of five, the same zones).
import { locateZone, type ProjectedZones } from '../geometry/projected-zones.ts';
import { rasterizeZones } from '../geometry/rasterize-zones.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';

/** Below this many points, each is located on its own (the grid would cost more than it saves). */
const MIN_POINTS_FOR_GRID = 20_000;
/** About this many points per grid cell, within MAX_GRID_CELLS cells. */
const POINTS_PER_CELL = 2;
const MAX_GRID_CELLS = 1 << 22;
/** An edge's box is grown by this much (metres) before the cells it touches are marked. */
const MARGIN = 1e-3;
/** zoneOfCell: near an edge (each point is located on its own). */
const NEAR_EDGE = -3;

/** The zone of each point as locateZone gives it (-1: none), with progress from `from` to `to` and cancel. */
export function locatePoints(zones: ProjectedZones, x: Float64Array, y: Float64Array, run: RunOptions = {}, stage = 'locate', from = 0, to = 1): Int32Array {
  const n = x.length;
  const out = new Int32Array(n).fill(-1);
  if (zones.count === 0) return out;
  const progress = (i: number) => {
    throwIfAborted(run.signal);
    run.onProgress?.(from + ((to - from) * i) / Math.max(1, n), stage);
  };
  if (n < MIN_POINTS_FOR_GRID) {
    for (let i = 0; i < n; i++) {
      if ((i & 16383) === 0) progress(i);
      out[i] = locateZone(zones, x[i], y[i]);
    }
    return out;
  }
  const [minX, minY, maxX, maxY] = zones.extent;
  const width = maxX - minX;
  const height = maxY - minY;
  const cellCount = Math.min(MAX_GRID_CELLS, Math.max(1, Math.floor(n / POINTS_PER_CELL)));
  const size = Math.max(Math.sqrt((width * height) / cellCount), width / 4096, height / 4096, 1e-3);
  const columns = Math.max(1, Math.ceil(width / size));
  const rows = Math.max(1, Math.ceil(height / size));
  // Each cell's centre located by scanlines (rasterizeZones: locateZone's answer at every centre),
  // then the cells an edge comes near marked to be located point by point.
  const zoneOfCell = rasterizeZones(zones, { originX: minX, originY: minY, cellSize: size, columns, rows });
  const column = (v: number) => Math.floor((v - minX) / size);
  const row = (v: number) => Math.floor((v - minY) / size);
  // Cells near an edge: every cell the edge's grown box touches.
  const { coords, edgeEnd } = zones;
  for (let g = 0; g < edgeEnd.length; g++) {
    const h = edgeEnd[g];
    const ax = coords[2 * g], ay = coords[2 * g + 1], bx = coords[2 * h], by = coords[2 * h + 1];
    const c0 = Math.max(0, column(Math.min(ax, bx) - MARGIN)), c1 = Math.min(columns - 1, column(Math.max(ax, bx) + MARGIN));
    const r0 = Math.max(0, row(Math.min(ay, by) - MARGIN)), r1 = Math.min(rows - 1, row(Math.max(ay, by) + MARGIN));
    if (!(c0 <= c1 && r0 <= r1)) {
      // An edge with a coordinate that is not a number marks nothing it could be near: all of them, to be safe.
      if (Number.isNaN(ax + ay + bx + by)) zoneOfCell.fill(NEAR_EDGE);
      continue;
    }
    for (let j = r0; j <= r1; j++) for (let c = c0; c <= c1; c++) zoneOfCell[j * columns + c] = NEAR_EDGE;
  }
  for (let i = 0; i < n; i++) {
    if ((i & 16383) === 0) progress(i);
    const px = x[i], py = y[i];
    const c = column(px), r = row(py);
    // Outside the grid (or not a number): on its own.
    if (!(c >= 0 && c < columns && r >= 0 && r < rows)) {
      out[i] = locateZone(zones, px, py);
      continue;
    }
    const cell = r * columns + c;
    const zone = zoneOfCell[cell];
    if (zone === NEAR_EDGE) {
      out[i] = locateZone(zones, px, py);
      continue;
    }
    out[i] = zone;
  }
  return out;
}
