// The gap under a travel-time reach: for each township, the part from which no selected facility
// can be reached within the minutes. The travel-time grid (TravelGrid: 320 m cells on the demo,
// about 500,000 cells over any region by default) is contoured at the limit with d3-contour, the
// same way as the isochrone, and each township is clipped against it with Clipper2 (township −
// reachable part). The boundary is therefore resolved to the grid: it runs between cell centres by
// linear interpolation of their times, so it is within about one grid cell of where the time
// crosses the limit. The figures on each feature are the travel-time coverage's own (population
// from the population cells, area from the grid cells), not measured on the drawn polygon.
import { townshipGapFeatures, type GapFeature } from '../gaps/township-gap-features.ts';
import type { CoverageRequest, CoverageResult } from '../coverage/coverage-types.ts';
import { clipTownshipGap } from '../gaps/clip-township-gap.ts';
import { zoneRings, zoneVertexStarts } from '../gaps/township-rings.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RunOptions } from '../types.ts';
import type { TravelGrid } from './prepare-travel-network.ts';
import { contourBands, gridMinutes, unreachableMinutes, type GridWindow } from './trace-isochrones.ts';
import { travelModeNetworkOf, travelModeOfReach, travelTimesOf } from './travel-time-coverage-of-dataset.ts';

/**
 * Grid minutes where every cell outside the townships next to one inside takes the smallest time
 * of its inside neighbours: the contour then reaches the township's own boundary (which the clip
 * draws) instead of stopping half a cell inside it, where the region ends.
 */
function extendToRegionEdge(grid: TravelGrid, values: Float64Array): Float64Array {
  const inside = new Uint8Array(values.length);
  for (const g of grid.active) inside[g] = 1;
  const out = values.slice();
  for (const g of grid.active) {
    const c = g % grid.columns, r = (g - c) / grid.columns;
    for (let dr = -1; dr <= 1; dr++) {
      const rr = r + dr;
      if (rr < 0 || rr >= grid.rows) continue;
      for (let dc = -1; dc <= 1; dc++) {
        const cc = c + dc;
        if (cc < 0 || cc >= grid.columns) continue;
        const n = cc + rr * grid.columns;
        if (!inside[n] && values[g] < out[n]) out[n] = values[g];
      }
    }
  }
  return out;
}

/**
 * The part of a window of the grid reachable within `minutes` (values: minutes on the full grid),
 * as flat x, y rings in the projected plane shifted by (−originX, −originY): exteriors and holes,
 * in opposite windings, for Clipper's non-zero fill.
 */
function reachableRingsInWindow(grid: TravelGrid, values: Float64Array, window: GridWindow, minutes: number, originX: number, originY: number): Float64Array[] {
  const part = new Float64Array(window.columns * window.rows).fill(unreachableMinutes([minutes]));
  for (let r = 0; r < window.rows; r++) {
    const row = window.row + r;
    if (row < 0 || row >= grid.rows) continue;
    for (let c = 0; c < window.columns; c++) {
      const column = window.column + c;
      if (column >= 0 && column < grid.columns) part[c + r * window.columns] = values[column + row * grid.columns];
    }
  }
  const [band] = contourBands(part, window, [minutes]);
  const rings: Float64Array[] = [];
  const x0 = grid.originX + window.column * grid.cellMetres - originX;
  const y0 = grid.originY + window.row * grid.cellMetres - originY;
  for (const polygon of band?.polygons ?? []) {
    for (const ring of polygon) {
      // d3-contour closes its rings: the clip wants them open
      const n = ring.length - 1;
      const flat = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        flat[2 * i] = x0 + ring[i][0] * grid.cellMetres;
        flat[2 * i + 1] = y0 + ring[i][1] * grid.cellMetres;
      }
      rings.push(flat);
    }
  }
  return rings;
}

/**
 * The travel-time gap features of the chosen townships, one at a time, in the order given.
 * `coverage` must be the coverage of `request` (its figures label the features).
 */
export function* generateTravelTimeGaps(
  prepared: PreparedDataset,
  request: CoverageRequest,
  coverage: CoverageResult,
  chosen: ArrayLike<number>,
  run: RunOptions = {},
): Generator<GapFeature, void, undefined> {
  const reach = request.reach;
  if (reach.kind !== 'travel-time') throw new Error('generateTravelTimeGaps needs a travel-time reach');
  const mode = travelModeOfReach(reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const times = travelTimesOf(prepared, request.filter, mode, run);
  yield* travelTimeGapFeatures(prepared, network.network.grid, times.grid.seconds, reach.minutes, coverage, chosen, run);
}

/** The gaps from the grid's times (seconds per active grid cell) at a limit in minutes. */
export function* travelTimeGapFeatures(
  prepared: PreparedDataset,
  grid: TravelGrid,
  gridSeconds: Float64Array,
  minutes: number,
  coverage: CoverageResult,
  chosen: ArrayLike<number>,
  run: RunOptions = {},
): Generator<GapFeature, void, undefined> {
  const values = extendToRegionEdge(grid, gridMinutes(grid, gridSeconds, unreachableMinutes([minutes])));
  const zones = prepared.townships;
  const starts = zoneVertexStarts(zones);
  const cell = grid.cellMetres;
  yield* townshipGapFeatures(prepared, coverage.townships, chosen, (z, { minX, minY, maxX, maxY, originX, originY }) => {
    // the township's part of the grid, with cells to spare on every side, contoured on its own:
    // a region broken into many pieces is never contoured (nor its holes assigned) all at once
    const column = Math.floor((minX - grid.originX) / cell) - 2;
    const row = Math.floor((minY - grid.originY) / cell) - 2;
    const window: GridWindow = { column, row, columns: Math.ceil((maxX - grid.originX) / cell) + 2 - column, rows: Math.ceil((maxY - grid.originY) / cell) + 2 - row };
    const clip = reachableRingsInWindow(grid, values, window, minutes, originX, originY);
    return clipTownshipGap(zoneRings(zones, starts, z, originX, originY), clip, 0);
  }, run);
}
